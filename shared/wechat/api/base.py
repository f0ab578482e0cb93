"""Base: WeChat's addresses, the network check, API quotas, and what a failed call's rid was about."""

from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.models.base import CheckAction, CheckOperator, NetworkCheck, Quota, QuotaRequest


class BaseApi(ApiGroup):
    async def callback_ips(self) -> list[str]:
        """The addresses WeChat's callbacks come from (for a firewall's allow-list)."""
        return [str(ip) for ip in (await self._json("cgi-bin/getcallbackip")).get("ip_list", [])]

    async def api_domain_ips(self) -> list[str]:
        """The addresses api.weixin.qq.com resolves to."""
        return [str(ip) for ip in (await self._json("cgi-bin/get_api_domain_ip")).get("ip_list", [])]

    async def check_network(self, action: CheckAction = "all", operator: CheckOperator = "DEFAULT") -> dict[str, Any]:
        """WeChat resolves and/or pings the callback URL: ``dns`` and ``ping`` result lists."""
        body = NetworkCheck(action=action, check_operator=operator).model_dump()
        return await self._json("cgi-bin/callback/check", json=body)

    async def quota(self, cgi_path: str) -> Quota:
        """Today's quota of one API, named by its path (``cgi-bin/message/custom/send``; the leading / optional)."""
        answer = await self._json("cgi-bin/openapi/quota/get", json=QuotaRequest(cgi_path=cgi_path).body())
        return parse_answer("cgi-bin/openapi/quota/get", Quota, answer.get("quota", {}))

    async def rid(self, rid: str) -> dict[str, Any]:
        """What the call behind an error's ``rid`` was (``invoke_time``, ``request_url``, ``response_body`` …)."""
        if not isinstance(rid, str) or not rid.strip():
            raise ValueError(f"a rid is the non-empty id from an error message (got {rid!r})")
        answer = await self._json("cgi-bin/openapi/rid/get", json={"rid": rid})
        request: dict[str, Any] = answer.get("request", {})
        return request

    async def clear_quota(self) -> None:
        """Reset every API's daily usage of this account (WeChat allows it 10 times a month)."""
        await self._json("cgi-bin/clear_quota", json={"appid": self._app_id})

    async def clear_api_quota(self, cgi_path: str) -> None:
        """Reset today's usage of one API, named like ``quota`` (WeChat allows it 50 times a month)."""
        await self._json("cgi-bin/openapi/quota/clear", json=QuotaRequest(cgi_path=cgi_path).body())
