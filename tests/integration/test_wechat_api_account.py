"""The typed API's account groups (base, menus, followers, tags, blacklist, QR codes, short keys)
against the fake WeChat through ``DirectTransport``: the happy paths, WeChat's own refusals as
``WeChatError`` with its errcode, a token refreshed after it expired, and -1 retried for a read but
never for a write."""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.menu import Menu
from tests.conftest import FakeWeChat
from tests.integration.wechat_api import calls, direct_api, fail

MENU = Menu.model_validate(
    {
        "button": [
            {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"},
            {"name": "菜单", "sub_button": [{"type": "view", "name": "搜索", "url": "https://www.soso.com/"}]},
        ]
    }
)


@pytest.fixture
async def api(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with direct_api(aiohttp_client, fake_wechat) as api:
        yield api


async def followers(fake: FakeWeChat, count: int) -> list[str]:
    """``count`` new followers of the account, their openids in the order WeChat lists them."""
    seeded = await fake.control("followers", {"app_id": fake.app_id, "count": count})
    openids: list[str] = seeded["openids"]
    return openids


# -- base ---------------------------------------------------------------------------------------


async def test_addresses_network_check_and_quota(api: WeChatApi) -> None:
    assert await api.base.callback_ips()
    assert await api.base.api_domain_ips()
    checked = await api.base.check_network("all", "DEFAULT")
    assert "dns" in checked and "ping" in checked
    await api.menu.create(MENU)
    quota = await api.base.quota("cgi-bin/menu/create")
    assert (quota.used, quota.remain) == (1, quota.daily_limit - 1)
    await api.base.clear_quota()  # the body carries the account's appid, as WeChat wants
    assert (await api.base.quota("/cgi-bin/menu/create")).used == 0
    await api.menu.create(MENU)
    await api.base.clear_api_quota("cgi-bin/menu/create")
    assert (await api.base.quota("cgi-bin/menu/create")).used == 0


async def test_a_failed_calls_rid_tells_what_it_was(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("rids", {"in_errmsg": True})
    with pytest.raises(WeChatError) as error:
        await api.users.info("oNobody")
    assert error.value.errcode == 40003 and "rid: " in error.value.errmsg
    rid = error.value.errmsg.rsplit("rid: ", 1)[1].strip()
    request = await api.base.rid(rid)
    assert "openid=oNobody" in request["request_url"]  # WeChat shows the query, the token cut short


async def test_a_quota_of_a_path_wechat_does_not_serve_is_its_refusal(api: WeChatApi) -> None:
    with pytest.raises(WeChatError) as error:
        await api.base.quota("cgi-bin/no/such/api")
    assert error.value.errcode != 0


# -- menus --------------------------------------------------------------------------------------


async def test_menus_default_and_conditional(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await api.menu.create(MENU)
    assert Menu.model_validate((await api.menu.get())["menu"]).body() == MENU.body()
    assert (await api.menu.current())["is_menu_open"] == 1

    tag = await api.tags.create("VIP")
    [vip] = await followers(fake_wechat, 1)
    await api.tags.tag(tag.id, [vip])
    conditional = Menu.model_validate(
        {"button": [{"type": "click", "name": "会员", "key": "VIP"}], "matchrule": {"tag_id": str(tag.id)}}
    )
    menu_id = await api.menu.add_conditional(conditional)
    assert (await api.menu.try_match(vip))["button"][0]["name"] == "会员"
    await api.menu.delete_conditional(menu_id)
    await api.menu.delete()
    with pytest.raises(WeChatError) as error:
        await api.menu.get()
    assert error.value.errcode == 46003


async def test_a_conditional_menu_without_a_default_one_is_wechats_refusal(api: WeChatApi) -> None:
    conditional = Menu.model_validate(
        {"button": [{"type": "click", "name": "会员", "key": "VIP"}], "matchrule": {"client_platform_type": "1"}}
    )
    with pytest.raises(WeChatError) as error:
        await api.menu.add_conditional(conditional)
    assert error.value.errcode == 65303


# -- followers ----------------------------------------------------------------------------------


async def test_every_follower_page_after_page(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("followers", {"app_id": fake_wechat.app_id, "count": 25_001})
    seen = [openid async for openid in api.users.all()]
    assert len(seen) == len(set(seen)) == 25_001
    assert await calls(fake_wechat, "/cgi-bin/user/get") == 3  # 10,000 a page; the total spares an empty 4th


async def test_an_account_without_followers_iterates_nothing(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    assert [openid async for openid in api.users.all()] == []
    assert await calls(fake_wechat, "/cgi-bin/user/get") == 1


async def test_profiles_one_by_one_and_by_the_hundred(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    openids = await followers(fake_wechat, 250)
    profiles = await api.users.info_batch(openids)
    assert [profile["openid"] for profile in profiles] == openids
    assert await calls(fake_wechat, "/cgi-bin/user/info/batchget") == 3
    await api.users.update_remark(openids[0], "老客户")
    profile = await api.users.info(openids[0], lang="en")
    assert (profile["subscribe"], profile["remark"]) == (1, "老客户")


async def test_a_profile_of_a_stranger_is_wechats_40003(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    [follower] = await followers(fake_wechat, 1)
    with pytest.raises(WeChatError) as error:
        await api.users.info_batch([follower, "oStranger"])
    assert error.value.errcode == 40003


# -- tags ---------------------------------------------------------------------------------------


async def test_tags_created_applied_listed_and_deleted(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    openids = await followers(fake_wechat, 120)
    tag = await api.tags.create("广东")
    await api.tags.update(tag.id, "广东人")
    await api.tags.tag(tag.id, openids)
    assert await calls(fake_wechat, "/cgi-bin/tags/members/batchtagging") == 3  # 50, 50, 20
    assert {t.name: t.count for t in await api.tags.list()}["广东人"] == 120
    assert tag.id in await api.tags.tags_of(openids[0])
    assert sorted([openid async for openid in api.tags.members(tag.id)]) == sorted(openids)

    await api.tags.untag(tag.id, openids[:100])
    assert sorted([openid async for openid in api.tags.members(tag.id)]) == sorted(openids[100:])
    await api.tags.delete(tag.id)
    assert tag.id not in [t.id for t in await api.tags.list()]


async def test_a_tag_name_taken_is_wechats_45157(api: WeChatApi) -> None:
    await api.tags.create("重名")
    with pytest.raises(WeChatError) as error:
        await api.tags.create("重名")
    assert error.value.errcode == 45157


# -- blacklist ----------------------------------------------------------------------------------


async def test_the_blacklist_by_the_twenty(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    openids = await followers(fake_wechat, 45)
    await api.blacklist.add(openids)
    assert await calls(fake_wechat, "/cgi-bin/tags/members/batchblacklist") == 3
    assert sorted([openid async for openid in api.blacklist.all()]) == sorted(openids)
    await api.blacklist.remove(openids[:40])
    assert [openid async for openid in api.blacklist.all()] == openids[40:]


async def test_blacklisting_a_stranger_is_wechats_refusal(api: WeChatApi) -> None:
    with pytest.raises(WeChatError) as error:
        await api.blacklist.add(["oStranger"])
    assert error.value.errcode in (40003, 49003)


# -- QR codes and short keys --------------------------------------------------------------------


async def test_qr_codes_temporary_permanent_and_their_image(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    temporary = await api.qrcode.create(123)
    assert temporary.expire_seconds == 2_592_000 and temporary.url
    permanent = await api.qrcode.create("campaign-1", permanent=True)
    assert permanent.expire_seconds is None
    codes = {code["ticket"]: code for code in await fake_wechat.control(f"qrcodes?app_id={fake_wechat.app_id}")}
    assert codes[temporary.ticket]["action_name"] == "QR_SCENE"
    assert codes[permanent.ticket]["action_name"] == "QR_LIMIT_STR_SCENE"

    image = await api.qrcode.image(permanent.ticket)
    assert image.content_type.startswith("image/") and image.content
    counts = await fake_wechat.control("calls")
    assert counts["/cgi-bin/showqrcode"] == {"unknown": 1}  # reached by ticket alone: no access_token sent


async def test_the_image_of_an_expired_code_is_wechats_404(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    code = await api.qrcode.create("short-lived", expire_seconds=60)
    fake_wechat.clock.advance(61)
    with pytest.raises(WeChatError, match="HTTP 404 from WeChat"):
        await api.qrcode.image(code.ticket)


async def test_short_keys_round_trip(api: WeChatApi) -> None:
    key = await api.shorten.gen('{"campaign": "双十一"}', expire_seconds=3600)
    fetched = await api.shorten.fetch(key)
    assert (fetched.long_data, fetched.expire_seconds) == ('{"campaign": "双十一"}', 3600)
    with pytest.raises(WeChatError) as error:
        await api.shorten.fetch("NoSuchKey123456")
    assert error.value.errcode == 9410012


# -- the policy: token refresh, -1 ----------------------------------------------------------------


async def test_an_expired_token_is_refreshed_once_and_the_call_made_again(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    openids = await followers(fake_wechat, 3)
    assert [openid async for openid in api.users.all()] == openids
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    tag = await api.tags.create("新")
    assert await calls(fake_wechat, "/cgi-bin/tags/create") == 2
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    assert [openid async for openid in api.users.all()] == openids
    assert await calls(fake_wechat, "/cgi-bin/user/get") == 3
    assert tag.name == "新"


@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("/cgi-bin/user/get", lambda api: api.users.page()),
        ("/cgi-bin/tags/get", lambda api: api.tags.list()),
        ("/cgi-bin/tags/getidlist", lambda api: api.tags.tags_of("oAny")),
        ("/cgi-bin/user/info/batchget", lambda api: api.users.info_batch(["oAny"])),
    ],
    ids=["user-get", "tags-get", "tags-getidlist", "user-info-batchget"],
)
async def test_system_busy_is_retried_for_a_read(api: WeChatApi, fake_wechat: FakeWeChat, path: str, read: Any) -> None:
    await fail(fake_wechat, path, -1, count=2)
    try:
        await read(api)
    except WeChatError as error:
        assert error.errcode != -1  # WeChat's answer to the third attempt (an unknown openid), not the -1
    assert await calls(fake_wechat, path) == 3


@pytest.mark.parametrize(
    ("path", "write"),
    [
        ("/cgi-bin/tags/create", lambda api: api.tags.create("一次")),
        ("/cgi-bin/qrcode/create", lambda api: api.qrcode.create(1)),
        ("/cgi-bin/shorten/gen", lambda api: api.shorten.gen("data")),
    ],
    ids=["tags-create", "qrcode-create", "shorten-gen"],
)
async def test_system_busy_is_not_retried_for_a_write(
    api: WeChatApi, fake_wechat: FakeWeChat, path: str, write: Any
) -> None:
    await fail(fake_wechat, path, -1)
    with pytest.raises(WeChatError) as error:
        await write(api)
    assert error.value.errcode == -1
    assert await calls(fake_wechat, path) == 1
