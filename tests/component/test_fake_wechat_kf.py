"""The fake WeChat's customer service keeps WeChat's shapes, limits and codes: accounts prefix@wechat_id
(65404) with nicknames ≤ 16 characters (65403), at most 100 (65405), unique (65406), unknown 65401;
invitations (65407–65412); sessions only with a bound (65402), online (65415) account, one account a
follower (65414), none to close (65413); the chat record 24 h (65417) and 10,000 (65416) at most a
page; "typing" only within 30 s of an exchange (45080), not twice in 15 s (45081)."""

from typing import Any

import aiohttp
import pytest

from tests.component.fake_account import OK, Api
from tests.conftest import FakeWeChat

KF = "/customservice/kfaccount/"
SESSION = "/customservice/kfsession/"
TYPING = "/cgi-bin/message/custom/typing"
RECORDS = "/customservice/msgrecord/getmsglist"
ACCOUNT = "test1@gh_fakeaccount"


async def add(api: Api, kf_account: str = ACCOUNT, nickname: str = "客服1") -> int:
    return await api.errcode(KF + "add", {"kf_account": kf_account, "nickname": nickname})


async def working(api: Api, kf_account: str = ACCOUNT, worker: str = "worker_wx1") -> None:
    """An account whose invited worker accepted and is online."""
    assert await add(api, kf_account) == 0
    assert await api.errcode(KF + "inviteworker", {"kf_account": kf_account, "invite_wx": worker}) == 0
    await api.fake.control("kf/invitation", {"app_id": api.app_id, "kf_account": kf_account})
    await api.fake.control("kf/online", {"app_id": api.app_id, "kf_account": kf_account})


async def upload(api: Api, path: str, data: bytes, filename: str, content_type: str, **query: str) -> dict[str, Any]:
    form = aiohttp.FormData()
    form.add_field("media", data, filename=filename, content_type=content_type)
    response = await api.fake.client.post(path, params={**query, "access_token": api.token}, data=form)
    answer: dict[str, Any] = await response.json()
    return answer


# -- accounts ------------------------------------------------------------------------------------


async def test_accounts_are_added_listed_renamed_and_deleted(api: Api) -> None:
    assert await add(api) == 0
    assert await add(api, "test2@gh_fakeaccount", "小二") == 0
    listed = (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"]
    assert [(a["kf_account"], a["kf_nick"], a["kf_id"]) for a in listed] == [
        (ACCOUNT, "客服1", "1001"),
        ("test2@gh_fakeaccount", "小二", "1002"),
    ]
    assert await api.errcode(KF + "update", {"kf_account": ACCOUNT, "nickname": "新昵称"}) == 0
    assert await api.errcode(KF + "del", {"kf_account": "test2@gh_fakeaccount"}) == 0
    listed = (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"]
    assert [(a["kf_account"], a["kf_nick"]) for a in listed] == [(ACCOUNT, "新昵称")]


@pytest.mark.parametrize(
    ("kf_account", "nickname", "errcode"),
    [
        ("prefix_too_long@gh_x", "客服", 65404),
        ("no-at-sign", "客服", 65404),
        ("bad-char@gh_x", "客服", 65404),
        ("ok@gh_x", "", 65403),
        ("ok@gh_x", "一二三四五六七八九十一二三四五六七", 65403),
    ],
)
async def test_an_account_or_nickname_outside_wechats_rules_is_refused(
    api: Api, kf_account: str, nickname: str, errcode: int
) -> None:
    assert await add(api, kf_account, nickname) == errcode


async def test_duplicates_unknown_accounts_and_the_limit_of_100(api: Api) -> None:
    assert await add(api) == 0
    assert await add(api) == 65406
    assert await api.errcode(KF + "update", {"kf_account": "nobody@gh_x", "nickname": "x"}) == 65401
    assert await api.errcode(KF + "del", {"kf_account": "nobody@gh_x"}) == 65401
    for n in range(2, 101):
        assert await add(api, f"kf{n}@gh_x") == 0
    assert await add(api, "kf101@gh_x") == 65405


async def test_a_picture_is_a_jpg_of_at_most_5_mb(api: Api) -> None:
    assert await add(api) == 0
    path = KF + "uploadheadimg"
    assert (await upload(api, path, b"\xff\xd8jpg", "me.jpg", "image/jpeg", kf_account=ACCOUNT))["errcode"] == 0
    listed = (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"]
    assert listed[0]["kf_headimgurl"].startswith("https://mmbiz.qpic.cn/")
    assert (await upload(api, path, b"png", "me.png", "image/png", kf_account=ACCOUNT))["errcode"] == 40005
    big = b"\xff" * (5 * 1024 * 1024 + 1)
    assert (await upload(api, path, big, "me.jpg", "image/jpeg", kf_account=ACCOUNT))["errcode"] == 40009
    assert (await upload(api, path, b"x", "me.jpg", "image/jpeg", kf_account="no@gh_x"))["errcode"] == 65401


async def test_invitations_follow_wechats_rules(api: Api) -> None:
    assert await add(api) == 0
    assert await add(api, "test2@gh_fakeaccount") == 0
    invite = KF + "inviteworker"
    assert await api.errcode(invite, {"kf_account": ACCOUNT, "invite_wx": "1bad"}) == 65409
    assert await api.errcode(invite, {"kf_account": ACCOUNT, "invite_wx": "worker_wx1"}) == 0
    waiting = (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"][0]
    assert (waiting["invite_wx"], waiting["invite_status"]) == ("worker_wx1", "waiting")
    assert waiting["invite_expire_time"] > 0
    assert await api.errcode(invite, {"kf_account": ACCOUNT, "invite_wx": "worker_wx2"}) == 65411
    assert await api.errcode(invite, {"kf_account": "test2@gh_fakeaccount", "invite_wx": "worker_wx1"}) == 65408
    await api.fake.control("kf/invitation", {"app_id": api.app_id, "kf_account": ACCOUNT})
    assert (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"][0]["kf_wx"] == "worker_wx1"
    assert await api.errcode(invite, {"kf_account": ACCOUNT, "invite_wx": "worker_wx3"}) == 65412
    assert await api.errcode(invite, {"kf_account": "test2@gh_fakeaccount", "invite_wx": "worker_wx1"}) == 65407


async def test_an_invitation_expires_after_a_week(api: Api) -> None:
    assert await add(api) == 0
    await api.post(KF + "inviteworker", {"kf_account": ACCOUNT, "invite_wx": "worker_wx1"})
    api.fake.clock.advance(8 * 24 * 3600)
    await api.renew()
    assert (await api.get("/cgi-bin/customservice/getkflist"))["kf_list"][0]["invite_status"] == "expired"
    assert await api.errcode(KF + "inviteworker", {"kf_account": ACCOUNT, "invite_wx": "worker_wx2"}) == 0


# -- sessions ------------------------------------------------------------------------------------


async def test_sessions_need_a_bound_online_account_and_serve_one_follower_at_a_time(api: Api) -> None:
    assert await add(api) == 0
    create = SESSION + "create"
    assert await api.errcode(create, {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 65402
    await api.post(KF + "inviteworker", {"kf_account": ACCOUNT, "invite_wx": "worker_wx1"})
    await api.fake.control("kf/invitation", {"app_id": api.app_id, "kf_account": ACCOUNT})
    assert await api.errcode(create, {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 65415
    await api.fake.control("kf/online", {"app_id": api.app_id, "kf_account": ACCOUNT})
    await api.fake.control("kf/waiting", {"app_id": api.app_id, "openids": ["oFollower1", "oFollower2"]})
    assert (await api.get(SESSION + "getwaitcase"))["count"] == 2
    assert await api.errcode(create, {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 0
    assert await api.errcode(create, {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 0  # already: still 0
    waiting = await api.get(SESSION + "getwaitcase")
    assert waiting["count"] == 1 and [w["openid"] for w in waiting["waitcaselist"]] == ["oFollower2"]
    session = await api.get(SESSION + "getsession", openid="oFollower1")
    assert session["kf_account"] == ACCOUNT and session["createtime"] > 0
    assert (await api.get(SESSION + "getsession", openid="oFollower3")) == {"createtime": 0, "kf_account": ""}
    listed = await api.get(SESSION + "getsessionlist", kf_account=ACCOUNT)
    assert [s["openid"] for s in listed["sessionlist"]] == ["oFollower1"]
    online = (await api.get("/cgi-bin/customservice/getonlinekflist"))["kf_online_list"]
    assert online == [{"kf_account": ACCOUNT, "status": 1, "kf_id": "1001", "accepted_case": 1}]

    await working(api, "test2@gh_fakeaccount", "worker_wx2")
    other = {"kf_account": "test2@gh_fakeaccount", "openid": "oFollower1"}
    assert await api.errcode(create, other) == 65414
    assert await api.errcode(SESSION + "close", other) == 65414
    assert await api.errcode(SESSION + "close", {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 0
    assert await api.errcode(SESSION + "close", {"kf_account": ACCOUNT, "openid": "oFollower1"}) == 65413
    assert await api.errcode(create, {"kf_account": ACCOUNT, "openid": "not-an-openid"}) == 40003


# -- the chat record and typing ------------------------------------------------------------------


async def test_the_chat_record_reads_24_hours_in_pages(api: Api, fake_wechat: FakeWeChat) -> None:
    start = int(fake_wechat.clock.time())
    records = [
        {"openid": "oFollower1", "worker": ACCOUNT, "text": f"第{n}条", "from_worker": n % 2 == 0, "time": start + n}
        for n in range(5)
    ]
    assert (await fake_wechat.control("kf/records", {"app_id": api.app_id, "records": records}))["msgids"] == [
        1,
        2,
        3,
        4,
        5,
    ]
    page = await api.post(RECORDS, {"starttime": start, "endtime": start + 3600, "msgid": 1, "number": 2})
    assert page["number"] == 2 and page["msgid"] == 3
    assert [(r["text"], r["opercode"]) for r in page["recordlist"]] == [("第0条", 2002), ("第1条", 2003)]
    rest = await api.post(RECORDS, {"starttime": start, "endtime": start + 3600, "msgid": 3, "number": 10})
    assert [r["text"] for r in rest["recordlist"]] == ["第2条", "第3条", "第4条"] and rest["number"] == 3
    too_long = {"starttime": start, "endtime": start + 86401, "msgid": 1, "number": 10}
    assert await api.errcode(RECORDS, too_long) == 65417
    assert await api.errcode(RECORDS, {"starttime": start, "endtime": start, "msgid": 1, "number": 10001}) == 65416
    assert await api.errcode(RECORDS, {"starttime": start + 1, "endtime": start, "msgid": 1, "number": 1}) == 65416


async def test_typing_needs_a_recent_exchange_and_lasts_15_seconds(api: Api, fake_wechat: FakeWeChat) -> None:
    assert await api.errcode(TYPING, {"touser": "oFollower1", "command": "Typing"}) == 45080
    await fake_wechat.control("kf/exchanges", {"app_id": api.app_id, "openids": ["oFollower1"]})
    assert await api.errcode(TYPING, {"touser": "oFollower1", "command": "Type"}) == 45072
    assert await api.post(TYPING, {"touser": "oFollower1", "command": "Typing"}) == OK
    assert await api.errcode(TYPING, {"touser": "oFollower1", "command": "Typing"}) == 45081
    assert await api.post(TYPING, {"touser": "oFollower1", "command": "CancelTyping"}) == OK
    assert await api.post(TYPING, {"touser": "oFollower1", "command": "Typing"}) == OK
    fake_wechat.clock.advance(31)
    assert await api.errcode(TYPING, {"touser": "oFollower1", "command": "Typing"}) == 45080


async def test_a_customer_service_message_counts_as_an_exchange(api: Api) -> None:
    custom = {"touser": "oFollower1", "msgtype": "text", "text": {"content": "您好"}}
    assert await api.post("/cgi-bin/message/custom/send", custom) == OK
    assert await api.post(TYPING, {"touser": "oFollower1", "command": "Typing"}) == OK
    await api.fake.control("subscribers", {"outside_window": ["oFollower2"]})
    assert await api.errcode(TYPING, {"touser": "oFollower2", "command": "Typing"}) == 45015


async def test_calls_without_a_valid_token_are_refused_at_the_edge(api: Api, fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.get("/customservice/kfsession/getwaitcase")
    assert (await response.json())["errcode"] == 41001
    response = await fake_wechat.client.post(KF + "add", params={"access_token": "x" * 20}, json={})
    assert (await response.json())["errcode"] == 40014
    assert (await fake_wechat.control("calls"))[KF + "add"]
