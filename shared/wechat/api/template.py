"""The template-message library: the account's industries and the templates it keeps."""

from collections.abc import Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.template import BlockedQuery, Industries, PickTemplate


class TemplateApi(ApiGroup):
    async def set_industry(self, industry_id1: int, industry_id2: int) -> None:
        """Set the account's two industries (1–41; once a month: the old industries' templates go)."""
        body = Industries(industry_id1=industry_id1, industry_id2=industry_id2).body()
        await self._json("cgi-bin/template/api_set_industry", json=body)

    async def industry(self) -> dict[str, Any]:
        """``primary_industry`` and ``secondary_industry``, each ``{first_class, second_class}``."""
        return await self._json("cgi-bin/template/get_industry")

    async def add(self, template_id_short: str, keyword_name_list: Sequence[str]) -> str:
        """Pick a category template and the keywords it keeps, in order: its ``template_id``."""
        if isinstance(keyword_name_list, str):
            raise ValueError("keyword_name_list is a list of keyword names, not one string")
        pick = PickTemplate(template_id_short=template_id_short, keyword_name_list=list(keyword_name_list))
        return str((await self._json("cgi-bin/template/api_add_template", json=pick.body()))["template_id"])

    async def all(self) -> list[dict[str, Any]]:
        """The account's templates: ``template_id``, ``title``, ``content`` (its ``{{key.DATA}}`` fields) …"""
        return list((await self._json("cgi-bin/template/get_all_private_template")).get("template_list", []))

    async def delete(self, template_id: str) -> None:
        if not isinstance(template_id, str) or not template_id.strip():
            raise ValueError(f"a template_id is a non-empty string (got {template_id!r})")
        await self._json("cgi-bin/template/del_private_template", json={"template_id": template_id})

    async def blocked(self, template_id: str, largest_id: int = 0, limit: int = 100) -> dict[str, Any] | None:
        """The next message of a template WeChat intercepted after record ``largest_id`` (0 first): its
        ``msginfo`` (``id``, ``tmpl_msg_id``, ``title``, ``content``, ``send_timestamp``, ``openid``), or None."""
        query = BlockedQuery(tmpl_msg_id=template_id, largest_id=largest_id, limit=limit)
        info = (await self._json("wxa/sec/queryblocktmplmsg", json=query.body())).get("msginfo")
        return dict(info) if isinstance(info, dict) else None
