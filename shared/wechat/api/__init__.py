"""The typed WeChat API: one small class per group, reached from one ``WeChatApi`` per account.

    api = WeChatApi(transport, "wx1234")
    await api.menu.create(Menu(button=[...]))
    async for openid in api.users.all():
        ...

Each method validates what WeChat validates before anything is sent (``shared.wechat.models``)
and calls its catalogued endpoint through the transport; ``api.call`` reaches any other
catalogued endpoint with a plain body.
"""

from collections.abc import Mapping
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.menu import MenuApi
from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.transport import Media, Transport, Upload


class WeChatApi(ApiGroup):
    def __init__(self, transport: Transport, app_id: str, catalogue: Catalogue | None = None) -> None:
        catalogue = catalogue if catalogue is not None else default_catalogue()
        super().__init__(transport, app_id, catalogue)
        self.menu = MenuApi(transport, app_id, catalogue)

    async def call(
        self,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        upload: Upload | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> dict[str, Any] | Media:
        """Any catalogued endpoint, by WeChat's path (``KeyError`` for one the catalogue lacks)."""
        return await self._send(path, params=params, json=json, upload=upload, fields=fields)
