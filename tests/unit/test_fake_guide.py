"""The fake's guide world without HTTP: each operation on a body, as the routes call it."""

from typing import Any

import pytest

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.guide.book import GuideWorld
from sandbox.fake_wechat.guide.fields import Call
from sandbox.fake_wechat.guide.operations import OPERATIONS

NOW = 1_700_000_000
GUIDE = {"guide_account": "guide_zhang"}


def follower(value: object) -> str:
    if not isinstance(value, str) or not value.startswith("o"):
        raise ApiError(40003)
    return value


def run(world: GuideWorld, action: str, body: dict[str, Any], now: int = NOW) -> dict[str, Any]:
    return OPERATIONS[action](world, body, Call(now, follower))


def errcode(world: GuideWorld, action: str, body: dict[str, Any], now: int = NOW) -> int:
    with pytest.raises(ApiError) as error:
        run(world, action, body, now)
    return error.value.errcode


@pytest.fixture
def world() -> GuideWorld:
    world = GuideWorld()
    run(world, "addguideacct", GUIDE)
    return world


def test_a_malformed_guide_name_is_9300801_and_an_unknown_guide_9300804(world: GuideWorld) -> None:
    assert errcode(world, "getguideacct", {"guide_account": "9zhang"}) == 9300801
    assert errcode(world, "getguideacct", {"guide_openid": "x123"}) == 40003
    assert errcode(world, "getguideacct", {"guide_account": "guide_li"}) == 9300804
    assert errcode(world, "getguideacct", {}) == 40097


def test_a_removed_guide_leaves_their_groups(world: GuideWorld) -> None:
    group = run(world, "newguidegroup", {"group_name": "华南"})["group_id"]
    run(world, "addguide2guidegroup", {"group_id": group, **GUIDE})
    assert run(world, "getgroupbyguide", GUIDE) == {"group_id_list": [group]}
    run(world, "delguideacct", GUIDE)
    assert run(world, "getgroupinfo", {"group_id": group}) == {"guide_list": [], "total_num": 0}


def test_a_batch_answers_each_follower_and_one_follower_answers_the_call(world: GuideWorld) -> None:
    answer = run(world, "addguidebuyerrelation", {**GUIDE, "buyer_list": [{"openid": "oA"}, {"openid": "x"}]})
    assert [(r["openid"], r["errcode"]) for r in answer["buyer_resp"]] == [("oA", 0), ("x", 40003)]
    assert errcode(world, "delguidebuyerrelation", {**GUIDE, "openid": "oB"}) == -2
    assert errcode(world, "delguidebuyerrelation", {**GUIDE, "openid_list": ["oA"] * 201}) == 40097


def test_materials_are_the_accounts_and_are_deleted_by_what_names_them(world: GuideWorld) -> None:
    assert errcode(world, "setguidewordmaterial", {"type": 1, "word": "欢迎"}) == 40097
    assert errcode(world, "setguidewordmaterial", {"type": 0, "word": "字" * 3414}) == 40097
    run(world, "setguideimagematerial", {"type": 0, "media_id": "M1"})
    [image] = run(world, "getguideimagematerial", {"type": 0})["model_list"]
    card = {"type": 0, "title": "新品", "path": "pages/index", "appid": "wx1234567890abcdef"}
    assert errcode(world, "setguidecardmaterial", {**card, "media_id": "M1", "appid": "wx1"}) == 9300821
    assert errcode(world, "setguidecardmaterial", card) == 9300819  # no media_id
    run(world, "delguideimagematerial", {"type": 0, "picurl": image["picurl"]})
    assert errcode(world, "delguideimagematerial", {"type": 0, "picurl": image["picurl"]}) == 40097


def test_a_job_runs_at_its_push_time_and_is_then_fixed(world: GuideWorld) -> None:
    run(world, "addguidebuyerrelation", {**GUIDE, "openid": "oA"})
    job = {**GUIDE, "task_name": "新品", "openid": ["oA"], "material": [{"type": 1, "word": "到店"}]}
    assert errcode(world, "addguidemassendjob", {**job, "push_time": NOW - 1}) == 40097
    assert errcode(world, "addguidemassendjob", {**job, "push_time": NOW + 31 * 86400}) == 40097
    [result] = run(world, "addguidemassendjob", {**job, "push_time": NOW + 60})["task_result"]
    task = {"task_id": result["task_id"]}
    run(world, "updateguidemassendjob", {**task, "task_name": "新品（改）"})
    assert run(world, "getguidemassendjob", task, NOW + 59)["job"]["task_status"] == 1
    ran = run(world, "getguidemassendjob", task, NOW + 60)["job"]
    assert (ran["task_status"], ran["task_name"], ran["finish_time"]) == (3, "新品（改）", NOW + 60)
    assert errcode(world, "updateguidemassendjob", {**task, "task_name": "晚了"}, NOW + 61) == 40097
    assert run(world, "getguidemassendjoblist", {**GUIDE, "task_status": [1]})["total_count"] == 0
