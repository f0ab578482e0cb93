"""What callers ask the notifier to send, validated before anything is queued (pure, no I/O).

``parse_template``, ``parse_custom``, ``parse_batch``, ``parse_subscribe`` and ``parse_mass``
take a decoded JSON body and return a model or raise InvalidMessage naming every problem;
``wechat_body`` renders what WeChat takes.
"""

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, Field, ValidationError, field_validator

from services.notifier.messages_custom import MSGTYPES, CustomMessage, MsgType
from services.notifier.messages_errors import InvalidMessage, invalid_message, refuse
from services.notifier.messages_fields import (
    ClientId,
    Color,
    HttpUrl,
    Model,
    NonEmpty,
    OpenId,
    TemplateId,
    distinct_openids,
)
from services.notifier.messages_mass import MassMessage
from services.notifier.messages_subscribe import SubscribeMessage

__all__ = [
    "MAX_BATCH",
    "MSGTYPES",
    "CustomMessage",
    "InvalidMessage",
    "MassMessage",
    "MiniProgram",
    "MsgType",
    "SubscribeMessage",
    "TemplateBatch",
    "TemplateMessage",
    "TemplateValue",
    "parse_batch",
    "parse_custom",
    "parse_mass",
    "parse_subscribe",
    "parse_subscribe_shape",
    "parse_template",
]

MAX_BATCH = 10_000
_M = TypeVar("_M", bound=BaseModel)


class MiniProgram(Model):
    appid: NonEmpty
    pagepath: str | None = None


class TemplateValue(Model):
    value: str = Field(max_length=1000)
    color: Color | None = None


def _non_empty_keys(data: dict[str, TemplateValue]) -> dict[str, TemplateValue]:
    if "" in data:
        raise refuse("keys must be non-empty strings")
    return data


TemplateData = Annotated[dict[str, TemplateValue], AfterValidator(_non_empty_keys)]


def _template_data(data: dict[str, TemplateValue]) -> dict[str, dict[str, str]]:
    return {
        key: {"value": item.value} if item.color is None else {"value": item.value, "color": item.color}
        for key, item in data.items()
    }


class TemplateMessage(Model):
    """One template message (``/cgi-bin/message/template/send``) and its optional idempotency key."""

    touser: OpenId
    template_id: TemplateId
    url: HttpUrl | None = None
    miniprogram: MiniProgram | None = None
    data: TemplateData
    client_msg_id: ClientId | None = None

    def wechat_body(self, client_msg_id: str) -> dict[str, Any]:
        """The JSON ``template/send`` takes; ``client_msg_id`` lets WeChat drop a repeated send."""
        body: dict[str, Any] = {"touser": self.touser, "template_id": self.template_id}
        if self.url is not None:
            body["url"] = self.url
        if self.miniprogram is not None:
            body["miniprogram"] = self.miniprogram.model_dump(exclude_none=True)
        body["client_msg_id"] = client_msg_id
        body["data"] = _template_data(self.data)
        return body


class TemplateBatch(Model):
    """One template sent to many followers; each becomes a TemplateMessage of its own."""

    touser: list[OpenId] = Field(min_length=1, max_length=MAX_BATCH)
    template_id: TemplateId
    url: HttpUrl | None = None
    miniprogram: MiniProgram | None = None
    data: TemplateData
    client_batch_id: ClientId | None = None

    @field_validator("touser")
    @classmethod
    def _distinct(cls, openids: list[str]) -> list[str]:
        return distinct_openids(openids)

    def messages(self) -> list[TemplateMessage]:
        """One message per openid, in order (already validated, so built without validating again)."""
        return [
            TemplateMessage.model_construct(
                touser=openid,
                template_id=self.template_id,
                url=self.url,
                miniprogram=self.miniprogram,
                data=self.data,
                client_msg_id=None,
            )
            for openid in self.touser
        ]


def _parse(model: type[_M], payload: Any) -> _M:
    if not isinstance(payload, dict):
        raise InvalidMessage("body", "must be a JSON object")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise invalid_message(exc) from None


def parse_template(payload: Any) -> TemplateMessage:
    """A decoded JSON body as a TemplateMessage, or InvalidMessage naming every problem."""
    return _parse(TemplateMessage, payload)


def parse_custom(payload: Any) -> CustomMessage:
    """A decoded JSON body as a CustomMessage, or InvalidMessage naming every problem."""
    return _parse(CustomMessage, payload)


def parse_batch(payload: Any) -> TemplateBatch:
    """A decoded JSON body as a TemplateBatch, or InvalidMessage naming every problem."""
    return _parse(TemplateBatch, payload)


def parse_subscribe_shape(payload: Any) -> SubscribeMessage:
    """A decoded JSON body as a SubscribeMessage, its values not yet checked by type
    (``value_problems``), or InvalidMessage naming every problem of its shape."""
    return _parse(SubscribeMessage, payload)


def parse_subscribe(payload: Any) -> SubscribeMessage:
    """A decoded JSON body as a SubscribeMessage, its values fitting their keywords' types, or
    InvalidMessage naming every problem."""
    message = parse_subscribe_shape(payload)
    problems = message.value_problems()
    if problems:
        raise InvalidMessage.of(problems)
    return message


def parse_mass(payload: Any) -> MassMessage:
    """A decoded JSON body as a MassMessage (one audience, one content), or InvalidMessage naming every problem."""
    return _parse(MassMessage, payload)
