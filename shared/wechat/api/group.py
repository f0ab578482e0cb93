"""What every typed API group shares: its transport, its account, and one way to call a catalogued endpoint."""

from collections.abc import Mapping
from typing import Any

from shared.wechat.catalogue import Catalogue
from shared.wechat.endpoint import Endpoint
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.transport import Call, Media, Transport, Upload


class ApiGroup:
    def __init__(self, transport: Transport, app_id: str, catalogue: Catalogue) -> None:
        self._transport = transport
        self._app_id = app_id
        self._catalogue = catalogue

    def endpoint(self, path: str) -> Endpoint:
        return self._catalogue[path]

    async def _send(
        self,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        upload: Upload | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> dict[str, Any] | Media:
        call = Call(self.endpoint(path), params=params, json=json, upload=upload, fields=fields)
        return await self._transport.send(self._app_id, call)

    async def _json(self, path: str, **kwargs: Any) -> dict[str, Any]:
        """A call WeChat answers with JSON."""
        answer = await self._send(path, **kwargs)
        if isinstance(answer, Media):
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"{path} answered {answer.content_type}, not JSON")
        return answer
