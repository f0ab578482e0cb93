"""The fake WeChat's followers, tags and blacklist keep WeChat's shapes, limits and codes: user/get in pages
of 10,000, user/info without the profile fields WeChat stopped (2021-12-27), 40032 for lists too long,
45056/45057/45058/45059/45157/45158/45159 for tags, 40003/49003 for openids."""

import time
from typing import Any

import pytest

from tests.component.fake_account import OK, Api

USER_GET, USER_INFO = "/cgi-bin/user/get", "/cgi-bin/user/info"
BATCHGET, REMARK = "/cgi-bin/user/info/batchget", "/cgi-bin/user/info/updateremark"
TAGS = "/cgi-bin/tags/"
BLACKLIST = "/cgi-bin/tags/members/"


async def pages(api: Api) -> list[dict[str, Any]]:
    """Every page of user/get, following next_openid until a page is empty."""
    answers, next_openid = [], ""
    while True:
        answer = await api.get(USER_GET, next_openid=next_openid)
        answers.append(answer)
        if not answer["count"]:
            return answers
        next_openid = answer["next_openid"]


# -- user/get ------------------------------------------------------------------------------------


async def test_user_get_pages_25000_followers_by_10000_across_next_openid(api: Api) -> None:
    started = time.monotonic()
    seeded = await api.seed(count=25_000)
    assert seeded["added"] == 25_000 and seeded["total"] == 25_000
    answers = await pages(api)
    assert [a["count"] for a in answers] == [10_000, 10_000, 5_000, 0]
    assert all(a["total"] == 25_000 for a in answers)
    openids = [openid for a in answers[:3] for openid in a["data"]["openid"]]
    assert len(openids) == len(set(openids)) == 25_000
    assert openids[:1000] == seeded["openids"]
    # Each page names its last openid; the empty one after the last page has no data and no cursor.
    assert [a["next_openid"] for a in answers[:3]] == [openids[9_999], openids[19_999], openids[-1]]
    assert answers[3] == {"total": 25_000, "count": 0, "next_openid": ""}
    assert all(len(openid) == 28 and openid.startswith("o") for openid in openids[:10])
    assert time.monotonic() - started < 20  # seeding and paging stay cheap


async def test_user_get_starts_over_without_next_openid_and_refuses_an_unknown_one(api: Api) -> None:
    await api.seed(openids=["oFollowerA", "oFollowerB"])
    assert await api.get(USER_GET) == {
        "total": 2,
        "count": 2,
        "data": {"openid": ["oFollowerA", "oFollowerB"]},
        "next_openid": "oFollowerB",
    }
    assert (await api.get(USER_GET, next_openid="oFollowerA"))["data"]["openid"] == ["oFollowerB"]
    assert (await api.get(USER_GET, next_openid="oNobody"))["errcode"] == 40003


async def test_an_unfollow_leaves_the_list_and_a_refollow_goes_to_its_end(api: Api) -> None:
    await api.seed(openids=["oA", "oB", "oC"])
    await api.seed(unfollow=["oA"])
    assert (await api.get(USER_GET))["data"]["openid"] == ["oB", "oC"]
    await api.seed(openids=["oA"])
    assert (await api.get(USER_GET))["data"]["openid"] == ["oB", "oC", "oA"]


# -- user/info, batchget, remark -----------------------------------------------------------------


async def test_user_info_has_no_nickname_or_avatar_since_2021(api: Api) -> None:
    await api.seed(openids=["oFollowerA"], unionid="oUnion1", subscribe_scene="ADD_SCENE_QR_CODE")
    info = await api.get(USER_INFO, openid="oFollowerA", lang="zh_CN")
    assert info == {
        "subscribe": 1,
        "openid": "oFollowerA",
        "language": "zh_CN",
        "subscribe_time": int(api.fake.clock.time()),
        "unionid": "oUnion1",
        "remark": "",
        "groupid": 0,
        "tagid_list": [],
        "subscribe_scene": "ADD_SCENE_QR_CODE",
        "qr_scene": 0,
        "qr_scene_str": "",
    }
    for gone in ("nickname", "headimgurl", "sex", "city", "province", "country"):
        assert gone not in info


async def test_user_info_of_someone_who_unfollowed_says_only_that(api: Api) -> None:
    await api.seed(openids=["oGone"])
    await api.seed(unfollow=["oGone"])
    assert await api.get(USER_INFO, openid="oGone") == {"subscribe": 0, "openid": "oGone", "tagid_list": []}


@pytest.mark.parametrize(("query", "errcode"), [({"openid": "oNobody"}, 40003), ({}, 40003)])
async def test_user_info_refuses_an_unknown_openid(api: Api, query: dict[str, str], errcode: int) -> None:
    assert (await api.get(USER_INFO, **query))["errcode"] == errcode


async def test_user_info_refuses_another_accounts_follower(api: Api, other_api: Api) -> None:
    await other_api.seed(openids=["oTheirs"])
    assert (await api.get(USER_INFO, openid="oTheirs"))["errcode"] == 40003


async def test_batchget_answers_up_to_100_and_refuses_101_or_none(api: Api) -> None:
    openids = (await api.seed(count=101))["openids"]
    answer = await api.post(BATCHGET, {"user_list": [{"openid": o, "lang": "zh_CN"} for o in openids[:100]]})
    assert [info["openid"] for info in answer["user_info_list"]] == openids[:100]
    assert await api.errcode(BATCHGET, {"user_list": [{"openid": o} for o in openids]}) == 40032
    assert await api.errcode(BATCHGET, {"user_list": []}) == 40032
    assert await api.errcode(BATCHGET, {"user_list": [{"openid": "oNobody"}]}) == 40003


async def test_remark_is_kept_up_to_30_bytes(api: Api) -> None:
    await api.seed(openids=["oA"])
    assert await api.post(REMARK, {"openid": "oA", "remark": "备注" * 5}) == OK  # 30 bytes
    assert (await api.get(USER_INFO, openid="oA"))["remark"] == "备注" * 5
    assert await api.errcode(REMARK, {"openid": "oA", "remark": "备注" * 5 + "x"}) == 40092
    assert await api.errcode(REMARK, {"openid": "oNobody", "remark": "x"}) == 40003


# -- tags ----------------------------------------------------------------------------------------


async def test_tags_are_created_listed_renamed_and_deleted(api: Api) -> None:
    created = await api.post(TAGS + "create", {"tag": {"name": "广东"}})
    assert created == {"tag": {"id": 100, "name": "广东"}}
    await api.seed(openids=["oA", "oB"])
    assert await api.post(TAGS + "members/batchtagging", {"openid_list": ["oA", "oB"], "tagid": 100}) == OK
    assert (await api.get(TAGS + "get"))["tags"] == [
        {"id": 2, "name": "星标组", "count": 0},
        {"id": 100, "name": "广东", "count": 2},
    ]
    assert await api.post(TAGS + "getidlist", {"openid": "oA"}) == {"tagid_list": [100]}
    assert (await api.get(USER_INFO, openid="oA"))["tagid_list"] == [100]
    assert await api.post(TAGS + "update", {"tag": {"id": 100, "name": "广东人"}}) == OK
    assert await api.post(TAGS + "delete", {"tag": {"id": 100}}) == OK
    assert (await api.get(TAGS + "get"))["tags"] == [{"id": 2, "name": "星标组", "count": 0}]
    assert await api.post(TAGS + "getidlist", {"openid": "oA"}) == {"tagid_list": []}


@pytest.mark.parametrize(
    ("name", "errcode"),
    [("x" * 31, 45158), ("广东广东广东广东广东广", 45158), ("星标组", 45157), ("", 45157), (7, 45157)],
)
async def test_create_refuses_long_duplicate_or_empty_names(api: Api, name: object, errcode: int) -> None:
    assert await api.errcode(TAGS + "create", {"tag": {"name": name}}) == errcode


async def test_an_account_creates_at_most_100_tags(api: Api) -> None:
    for n in range(100):
        assert "tag" in await api.post(TAGS + "create", {"tag": {"name": f"tag{n}"}})
    assert await api.errcode(TAGS + "create", {"tag": {"name": "one more"}}) == 45056
    await api.post(TAGS + "delete", {"tag": {"id": 100}})
    assert (await api.post(TAGS + "create", {"tag": {"name": "one more"}}))["tag"]["id"] == 200


@pytest.mark.parametrize("tag_id", [0, 1, 2])
async def test_reserved_tags_are_neither_renamed_nor_deleted(api: Api, tag_id: int) -> None:
    assert await api.errcode(TAGS + "update", {"tag": {"id": tag_id, "name": "mine"}}) == 45058
    assert await api.errcode(TAGS + "delete", {"tag": {"id": tag_id}}) == 45058


async def test_unknown_tags_are_45159(api: Api) -> None:
    await api.seed(openids=["oA"])
    assert await api.errcode(TAGS + "update", {"tag": {"id": 999, "name": "x"}}) == 45159
    assert await api.errcode(TAGS + "delete", {"tag": {"id": 999}}) == 45159
    assert await api.errcode(TAGS + "members/batchtagging", {"openid_list": ["oA"], "tagid": 999}) == 45159
    assert await api.errcode("/cgi-bin/user/tag/get", {"tagid": 999}) == 45159


async def test_a_tag_with_more_than_100000_followers_is_not_deleted(api: Api) -> None:
    tag = (await api.post(TAGS + "create", {"tag": {"name": "big"}}))["tag"]
    await api.seed(count=100_001, tagid_list=[tag["id"]])
    assert await api.errcode(TAGS + "delete", {"tag": {"id": tag["id"]}}) == 45057
    first = (await api.get(USER_GET))["data"]["openid"][0]
    await api.post(TAGS + "members/batchuntagging", {"openid_list": [first], "tagid": tag["id"]})
    assert await api.post(TAGS + "delete", {"tag": {"id": tag["id"]}}) == OK


async def test_tagging_takes_1_to_50_openids_of_this_account(api: Api, other_api: Api) -> None:
    await api.post(TAGS + "create", {"tag": {"name": "vip"}})
    openids = (await api.seed(count=51))["openids"]
    await other_api.seed(openids=["oTheirs"])
    path = TAGS + "members/batchtagging"
    assert await api.errcode(path, {"openid_list": openids, "tagid": 100}) == 40032
    assert await api.errcode(path, {"openid_list": [], "tagid": 100}) == 40032
    assert await api.errcode(path, {"openid_list": ["oNobody"], "tagid": 100}) == 40003
    assert await api.errcode(path, {"openid_list": [openids[0], "oTheirs"], "tagid": 100}) == 49003
    assert (await api.get(TAGS + "get"))["tags"][1]["count"] == 0  # all or nothing
    assert await api.post(path, {"openid_list": openids[:50], "tagid": 100}) == OK


async def test_a_follower_carries_at_most_20_tags(api: Api) -> None:
    await api.seed(openids=["oA"])
    for n in range(21):
        await api.post(TAGS + "create", {"tag": {"name": f"t{n}"}})
    for tid in range(100, 120):
        assert await api.post(TAGS + "members/batchtagging", {"openid_list": ["oA"], "tagid": tid}) == OK
    assert await api.errcode(TAGS + "members/batchtagging", {"openid_list": ["oA"], "tagid": 120}) == 45059
    assert len((await api.post(TAGS + "getidlist", {"openid": "oA"}))["tagid_list"]) == 20


async def test_a_tags_followers_come_in_pages_of_10000(api: Api) -> None:
    await api.post(TAGS + "create", {"tag": {"name": "many"}})
    await api.seed(count=10_005, tagid_list=[100])
    first = await api.post("/cgi-bin/user/tag/get", {"tagid": 100, "next_openid": ""})
    assert first["count"] == 10_000 and "total" not in first
    second = await api.post("/cgi-bin/user/tag/get", {"tagid": 100, "next_openid": first["next_openid"]})
    assert second["count"] == 5
    last = await api.post("/cgi-bin/user/tag/get", {"tagid": 100, "next_openid": second["next_openid"]})
    assert last == {"count": 0, "next_openid": ""}


# -- blacklist -----------------------------------------------------------------------------------


async def test_blacklist_takes_up_to_20_and_pages_like_followers(api: Api, other_api: Api) -> None:
    openids = (await api.seed(count=21))["openids"]
    await other_api.seed(openids=["oTheirs"])
    assert await api.errcode(BLACKLIST + "batchblacklist", {"openid_list": openids}) == 40032
    assert await api.errcode(BLACKLIST + "batchblacklist", {"openid_list": ["oTheirs"]}) == 49003
    assert await api.post(BLACKLIST + "batchblacklist", {"openid_list": openids[:20]}) == OK
    listed = await api.post(BLACKLIST + "getblacklist", {"begin_openid": ""})
    assert listed["total"] == listed["count"] == 20 and listed["data"]["openid"] == openids[:20]
    after = await api.post(BLACKLIST + "getblacklist", {"begin_openid": openids[9]})
    assert after["data"]["openid"] == openids[10:20]
    assert await api.post(BLACKLIST + "batchunblacklist", {"openid_list": openids[:19]}) == OK
    assert (await api.post(BLACKLIST + "getblacklist", {}))["data"]["openid"] == [openids[19]]
    assert await api.errcode(BLACKLIST + "getblacklist", {"begin_openid": "oNobody"}) == 40003


async def test_control_reads_the_followers(api: Api) -> None:
    await api.seed(openids=["oA", "oB"])
    answer = await api.fake.control(f"followers?app_id={api.app_id}")
    assert answer["total"] == 2 and [f["openid"] for f in answer["followers"]] == ["oA", "oB"]
    response = await api.fake.client.post("/_control/followers", json={"app_id": "wxnobody", "count": 1})
    assert response.status == 404
    unknown_tag = {"app_id": api.app_id, "count": 1, "tagid_list": [999]}
    response = await api.fake.client.post("/_control/followers", json=unknown_tag)
    assert response.status == 400 and (await response.json())["errcode"] == 45159
    assert (await api.fake.control(f"followers?app_id={api.app_id}"))["total"] == 2
