"""What every typed API group shares: its transport, its account, and one way to call a catalogued endpoint."""

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.wechat.catalogue import Catalogue
from shared.wechat.endpoint import Endpoint
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.transport import Call, Media, Transport, Upload

Answer = TypeVar("Answer", bound=BaseModel)


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

    async def _data(self, path: str, **kwargs: Any) -> Any:
        """A call whose answer carries its fields in ``data`` (wxa stores, bizwifi, shakearound): those fields."""
        return data_of(await self._json(path, **kwargs))

    async def _media(self, path: str, **kwargs: Any) -> Media:
        """A call WeChat answers with a file."""
        answer = await self._send(path, **kwargs)
        if not isinstance(answer, Media):
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"{path} answered JSON, not a file")
        return answer

    async def _text(self, path: str, name: str, **kwargs: Any) -> str:
        """A call whose answer's one field ``name`` (a string or number) is wanted; without it, WeChat's fault."""
        return answer_text(path, await self._json(path, **kwargs), name)

    async def _model(self, path: str, model: type[Answer], **kwargs: Any) -> Answer:
        """A call whose JSON answer ``model`` reads; an answer of another shape is WeChat's fault, not the caller's."""
        return parse_answer(path, model, await self._json(path, **kwargs))


def data_of(answer: dict[str, Any]) -> Any:
    """What an answer carries in ``data`` (``{}`` for one that carries nothing, as a change answers)."""
    return answer.get("data", {})


def parse_answer(path: str, model: type[Answer], answer: dict[str, Any]) -> Answer:
    """``answer`` as ``model``, or ``WeChatError`` if it does not fit (a ``ValidationError`` means a bad request)."""
    try:
        return model.model_validate(answer)
    except ValidationError as exc:
        where = ", ".join(".".join(str(part) for part in error["loc"]) or "answer" for error in exc.errors())
        raise WeChatError(ErrCode.SYSTEM_BUSY, f"{path} answered an unexpected shape ({where})") from None


def answer_text(path: str, answer: Mapping[str, Any], name: str) -> str:
    """``answer[name]`` as text, or ``WeChatError`` when WeChat left it out (never a bare ``KeyError``)."""
    value = answer.get(name)
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise WeChatError(ErrCode.SYSTEM_BUSY, f"{path} answered no {name}")
    return str(value)
