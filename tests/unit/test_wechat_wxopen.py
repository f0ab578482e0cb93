"""Linked mini programs and QR code jump rules: the models refuse what WeChat refuses, and ``all_rules`` follows
the pages, all over a transport that answers from the fake's own state (no HTTP)."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.wxopen.state import MiniPrograms
from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.wxopen import MAX_PAGE, GetType, JumpRule, LinkRequest, RuleQuery
from shared.wechat.transport import Call, Media

MINI = "wx0123456789abcdef"
ACTIONS = {
    "wxamplinkget": MiniPrograms.linked, "wxamplink": MiniPrograms.link, "wxampunlink": MiniPrograms.unlink,
    "qrcodejumpget": MiniPrograms.rules, "qrcodejumpadd": MiniPrograms.add_rule,
    "qrcodejumppublish": MiniPrograms.publish, "qrcodejumpdelete": MiniPrograms.delete_rule,
}  # fmt: skip


class StateTransport:
    """Calls answered by the fake's ``MiniPrograms`` directly, as its routes would."""

    def __init__(self) -> None:
        self.state = MiniPrograms()
        self.calls: list[str] = []

    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media:
        action = call.endpoint.path.rsplit("/", 1)[-1]
        self.calls.append(action)
        try:
            return {"errcode": 0, "errmsg": "ok", **ACTIONS[action](self.state, app_id, dict(call.json or {}))}
        except ApiError as error:
            raise WeChatError(error.errcode, error.errmsg) from None


@given(st.text(max_size=20))
def test_a_mini_program_is_wx_and_16_hex_digits(appid: str) -> None:
    valid = len(appid) == 18 and appid.startswith("wx") and all(c in "0123456789abcdef" for c in appid[2:])
    try:
        LinkRequest(appid=appid)
    except ValidationError:
        assert not valid
    else:
        assert valid


@pytest.mark.parametrize("prefix", ["https://weixin.qq.com/q/abc", "http://weixin.qq.com/q/", "http://example.com/q/a"])
def test_a_rule_prefix_is_one_of_the_accounts_qr_code_links(prefix: str) -> None:
    with pytest.raises(ValidationError):
        JumpRule(prefix=prefix, appid=MINI, path="pages/a")


@pytest.mark.parametrize(
    "fields",
    [
        {"get_type": 1},
        {"get_type": 1, "prefix_list": ["p"] * 201},
        {"get_type": 2, "page_num": 1},
        {"get_type": 2, "page_num": 0, "page_size": 10},
        {"get_type": 2, "page_num": 1, "page_size": MAX_PAGE + 1},
        {"get_type": 0, "page_num": 1, "page_size": 10},
    ],
)
def test_a_rule_query_carries_only_what_its_type_needs(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        RuleQuery.model_validate({"appid": MINI, **fields})


async def test_every_rule_comes_back_across_pages_once_the_link_is_confirmed() -> None:
    transport = StateTransport()
    api = WeChatApi(transport, "wxaccount")
    await api.wxopen.link(MINI)
    with pytest.raises(WeChatError):
        await api.wxopen.set_rule(JumpRule(prefix="http://weixin.qq.com/q/a", appid=MINI, path="p"))
    transport.state.confirm("wxaccount", MINI)
    prefixes = [f"http://weixin.qq.com/q/{i:04d}" for i in range(MAX_PAGE + 5)]
    for prefix in prefixes:
        await api.wxopen.set_rule(JumpRule(prefix=prefix, appid=MINI, path="pages/index"))
    await api.wxopen.publish_rule(prefixes[0])
    rules = [rule async for rule in api.wxopen.all_rules(MINI)]
    assert [rule["prefix"] for rule in rules] == prefixes
    assert (rules[0]["state"], rules[1]["state"]) == (2, 1)
    assert transport.calls.count("qrcodejumpget") == 2
    one = await api.wxopen.rules(RuleQuery(appid=MINI, get_type=GetType.BY_PREFIX, prefix_list=[prefixes[3]]))
    assert (one.total_count, len(one.rule_list), one.qrcodejump_pub_quota) == (MAX_PAGE + 5, 1, 19)
    await api.wxopen.unlink(MINI)
    assert await api.wxopen.linked() == []
