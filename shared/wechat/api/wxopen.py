"""The account's mini programs: link and unlink them, and the rules that open one from the account's QR codes."""

from collections.abc import AsyncIterator
from typing import Any

from pydantic import BaseModel

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.wxopen import (
    MAX_PAGE,
    GetType,
    JumpRule,
    LinkRequest,
    MiniProgramRef,
    RulePage,
    RuleQuery,
)


class WxOpenApi(ApiGroup):
    async def linked(self) -> list[dict[str, Any]]:
        """The linked mini programs (status 1 linked, 2 waiting for the mini program's administrator)."""
        answer = await self._json("cgi-bin/wxopen/wxamplinkget", json={})
        return list(answer.get("wxopens", {}).get("items", []))

    async def link(self, appid: str, *, notify_users: bool = True, show_profile: bool = True) -> None:
        request = LinkRequest(appid=appid, notify_users=int(notify_users), show_profile=int(show_profile))
        await self._json("cgi-bin/wxopen/wxamplink", json=_body(request))

    async def unlink(self, appid: str) -> None:
        await self._json("cgi-bin/wxopen/wxampunlink", json=_body(MiniProgramRef(appid=appid)))

    async def set_rule(self, rule: JumpRule) -> None:
        """Add a rule (``is_edit`` 0) or change one (1); it works once published."""
        await self._json("cgi-bin/wxopen/qrcodejumpadd", json=_body(rule))

    async def publish_rule(self, prefix: str) -> None:
        await self._json("cgi-bin/wxopen/qrcodejumppublish", json={"prefix": prefix})

    async def delete_rule(self, appid: str, prefix: str) -> None:
        await self._json(
            "cgi-bin/wxopen/qrcodejumpdelete", json={"prefix": prefix, **_body(MiniProgramRef(appid=appid))}
        )

    async def rules(self, query: RuleQuery) -> RulePage:
        return await self._model("cgi-bin/wxopen/qrcodejumpget", RulePage, json=_body(query))

    async def all_rules(self, appid: str) -> AsyncIterator[dict[str, Any]]:
        """Every rule of a mini program, page after page in the order they were added."""
        page_num = 1
        while True:
            query = RuleQuery(appid=appid, get_type=GetType.BY_PAGE, page_num=page_num, page_size=MAX_PAGE)
            page = await self.rules(query)
            for rule in page.rule_list:
                yield rule
            if len(page.rule_list) < MAX_PAGE or page_num * MAX_PAGE >= page.total_count:
                return
            page_num += 1


def _body(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)
