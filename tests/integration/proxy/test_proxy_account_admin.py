"""Endpoints the catalogue lacked until compared with WxJava and wechatpy: the auto-reply rules, the draft box
switch and openid migration through the proxy against the fake, and the old user groups answered 410."""

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
RULES = {
    "is_add_friend_reply_open": 1, "is_autoreply_open": 0,
    "add_friend_autoreply_info": {"type": "text", "content": "欢迎关注"},
}  # fmt: skip


def url(app_id: str, path: str) -> str:
    return f"/v1/apps/{app_id}/wechat/{path}"


async def test_the_auto_reply_rules_are_read_as_set_on_the_platform(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    path = url(app_id, "cgi-bin/get_current_autoreply_info")
    assert await (await proxy.get(path, headers=AUTH)).json() == {"is_add_friend_reply_open": 0, "is_autoreply_open": 0}
    fake_wechat.app[FAKE].state.account_admin.set_autoreply(app_id, RULES)
    assert await (await proxy.get(path, headers=AUTH)).json() == RULES


async def test_the_draft_box_switch_turns_on_once_and_checkonly_only_asks(proxy: Client, app_id: str) -> None:
    path = url(app_id, "cgi-bin/draft/switch")
    assert (await (await proxy.post(path, params={"checkonly": "1"}, headers=AUTH)).json())["is_open"] == 0
    assert (await (await proxy.post(path, headers=AUTH)).json())["is_open"] == 1
    assert (await (await proxy.post(path, params={"checkonly": "1"}, headers=AUTH)).json())["is_open"] == 1


async def test_openids_of_a_migrated_account_are_translated_one_by_one(proxy: Client, app_id: str) -> None:
    body = {"from_appid": "wx0000000000000002", "openid_list": ["oOld1", "", "oOld1"]}
    answer = await (await proxy.post(url(app_id, "cgi-bin/changeopenid"), json=body, headers=AUTH)).json()
    first, bad, again = answer["result_list"]
    assert (first["err_msg"], bad["err_msg"], again["new_openid"]) == ("ok", "ori_openid error", first["new_openid"])
    too_many = {"from_appid": "wx0000000000000002", "openid_list": [f"o{i}" for i in range(101)]}
    refused = await (await proxy.post(url(app_id, "cgi-bin/changeopenid"), json=too_many, headers=AUTH)).json()
    assert refused["errcode"] == 40032


@pytest.mark.parametrize(("old", "new"), [("groups/create", "tags/create"), ("groups/getid", "tags/getidlist")])
async def test_the_old_user_groups_are_gone_and_name_the_tags_that_replaced_them(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, old: str, new: str
) -> None:
    response = await proxy.post(url(app_id, f"cgi-bin/{old}"), json={"group": {"name": "x"}}, headers=AUTH)
    assert response.status == 410
    assert f"cgi-bin/{new}" in (await response.json())["message"]
    assert wire(fake_wechat) == []
