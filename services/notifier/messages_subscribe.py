"""Subscription notifications (订阅通知, ``/cgi-bin/message/subscribe/bizsend``), validated before
anything is queued (pure, no I/O).

The body is WeChat's: ``touser``, ``template_id`` (the account's priTmplId), ``page`` (the web page
the card opens), ``miniprogram`` (``appid`` and ``pagepath``) and ``data`` (``{keyword: {"value"}}``,
each value checked by the type its keyword names, as WeChat does); ``client_msg_id`` is the
notifier's own idempotency key, which WeChat never sees (bizsend has none).
"""

from typing import Annotated, Any

from pydantic import AfterValidator, Field

from services.notifier.keyword_rules import typed_value_problem
from services.notifier.messages_errors import refuse
from services.notifier.messages_fields import ClientId, HttpUrl, Model, NonEmpty, OpenId, TemplateId


class NoticeMiniProgram(Model):
    appid: NonEmpty
    pagepath: str | None = None


class NoticeValue(Model):
    value: str = Field(max_length=1000)


def _keywords(data: dict[str, NoticeValue]) -> dict[str, NoticeValue]:
    if not data:
        raise refuse("must name at least one keyword")
    if "" in data:
        raise refuse("keys must be non-empty strings")
    return data


NoticeData = Annotated[dict[str, NoticeValue], AfterValidator(_keywords)]


class SubscribeMessage(Model):
    touser: OpenId
    template_id: TemplateId
    page: HttpUrl | None = None
    miniprogram: NoticeMiniProgram | None = None
    data: NoticeData
    client_msg_id: ClientId | None = None

    def value_problems(self) -> list[tuple[str, str]]:
        """Each keyword whose value WeChat would refuse for its type (47003), as ``(field, reason)``."""
        found = []
        for key, item in self.data.items():
            reason = typed_value_problem(key, item.value)
            if reason is not None:
                found.append((f"data.{key}.value", reason))
        return found

    def wechat_body(self) -> dict[str, Any]:
        """The JSON ``subscribe/bizsend`` takes."""
        body: dict[str, Any] = {"touser": self.touser, "template_id": self.template_id}
        if self.page is not None:
            body["page"] = self.page
        if self.miniprogram is not None:
            body["miniprogram"] = self.miniprogram.model_dump(exclude_none=True)
        body["data"] = {key: {"value": item.value} for key, item in self.data.items()}
        return body
