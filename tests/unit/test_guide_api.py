"""对话能力 (the guide API) without a network: its catalogue rows and the fake's table of them, the
rules checked before anything is sent, and the calls the typed group builds over a recording transport
(batches of 200 followers, pages followed to the end)."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.guide.operations import OPERATIONS
from shared.wechat.catalogue import default_catalogue
from shared.wechat.endpoint import Body
from shared.wechat.models.guide import (
    MAX_BUYERS,
    BuyerRelations,
    GuideRef,
    JobMaterial,
    MassJob,
    MaterialType,
    TagOption,
    followers,
)
from shared.wechat.transport import Call
from tests.unit.test_wechat_api_groups import api_with

PREFIX = "cgi-bin/guide/"
NOW = 1_700_000_000
TEXT = JobMaterial(type=MaterialType.TEXT, word="新品到店")


def openids(count: int) -> list[str]:
    return [f"oBuyer{n:04d}" for n in range(count)]


def test_every_guide_endpoint_is_a_json_post_with_an_example_the_fake_serves() -> None:
    endpoints = default_catalogue().in_group("guide")
    assert len(endpoints) == 50
    assert all(e.method == "POST" and e.body is Body.JSON and e.example is not None for e in endpoints)
    assert all(e.path.startswith(PREFIX) and not e.deprecated for e in endpoints)
    assert {e.path.removeprefix(PREFIX) for e in endpoints} == set(OPERATIONS)
    reads = {e.path.removeprefix(PREFIX) for e in endpoints if not e.changes}
    assert {"getguideacct", "getguidebuyerrelationlist", "queryguidebuyerbytag", "getguidemassendjob"} <= reads
    assert not any(action.startswith(("add", "del", "set", "update", "cancel", "rebind")) for action in reads)


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
wechat_ids = st.builds(
    str.__add__, st.sampled_from(LETTERS), st.text(LETTERS + "0123456789_-", min_size=5, max_size=19)
)


@given(wechat_ids)
def test_a_guide_named_by_a_wechat_id_goes_as_guide_account(account: str) -> None:
    assert GuideRef(guide_account=account).body() == {"guide_account": account}


@pytest.mark.parametrize("account", ["", "12345678", "abc", "a" * 21, "张三丰的账号", "bad id!"])
def test_a_malformed_wechat_id_is_refused(account: str) -> None:
    with pytest.raises(ValidationError):
        GuideRef(guide_account=account)


def test_a_guide_must_be_named() -> None:
    with pytest.raises(ValidationError, match="guide_account or guide_openid"):
        GuideRef()


@given(st.integers(min_value=1, max_value=3 * MAX_BUYERS + 7))
def test_any_number_of_distinct_followers_is_accepted(count: int) -> None:
    assert followers(openids(count)) == openids(count)


@pytest.mark.parametrize("given_openids", [[], ["oA", "oB", "oA"], ["o b"]])
def test_no_followers_a_repeated_one_or_a_malformed_one_is_refused(given_openids: list[str]) -> None:
    with pytest.raises(ValidationError):
        followers(given_openids)


def test_one_call_carries_at_most_200_followers() -> None:
    buyers = [{"openid": openid} for openid in openids(MAX_BUYERS + 1)]
    with pytest.raises(ValidationError):
        BuyerRelations(guide_account="guide_zhang", buyer_list=buyers)
    assert len(BuyerRelations(guide_account="guide_zhang", buyer_list=buyers[:MAX_BUYERS]).buyer_list) == MAX_BUYERS


def test_a_tag_has_values_named_once() -> None:
    assert TagOption(tag_name="等级", tag_values=["金卡"]).body() == {"tag_name": "等级", "tag_values": ["金卡"]}
    assert len(TagOption(tag_name="等级", tag_values=[f"v{n}" for n in range(50)]).tag_values) == 50
    for values in ([], ["金卡", "金卡"], [""], [f"v{n}" for n in range(51)]):
        with pytest.raises(ValidationError):
            TagOption(tag_name="等级", tag_values=values)


def job(**changes: Any) -> MassJob:
    fields: dict[str, Any] = {
        "guide_account": "guide_zhang", "task_name": "新品上市", "push_time": NOW + 3600,
        "openid": ["oBuyer0001"], "material": [TEXT],
    }  # fmt: skip
    return MassJob(**(fields | changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"task_name": "一" * 17},
        {"task_remark": "备" * 101},
        {"material": [TEXT] * 4},
        {"material": []},
        {"openid": openids(MAX_BUYERS + 1)},
    ],
)
def test_a_mass_send_job_out_of_wechats_limits_is_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        job(**changes)


def test_a_job_is_handed_over_from_now_to_a_month_ahead() -> None:
    assert job(task_name="一" * 16, task_remark="备" * 100, material=[TEXT] * 3).check_push_time(NOW)
    assert job(push_time=NOW + 30 * 24 * 3600).check_push_time(NOW)
    for push_time in (NOW - 1, NOW + 30 * 24 * 3600 + 1):
        with pytest.raises(ValueError, match="push_time"):
            job(push_time=push_time).check_push_time(NOW)


def test_a_text_material_is_at_most_10240_bytes_and_each_kind_has_what_it_needs() -> None:
    assert JobMaterial(type=MaterialType.TEXT, word="字" * 3413)  # 10,239 bytes
    with pytest.raises(ValidationError, match="10240 bytes"):
        JobMaterial(type=MaterialType.TEXT, word="字" * 3414)
    with pytest.raises(ValidationError, match="needs media_id, title, path, appid"):
        JobMaterial(type=MaterialType.MINIPROGRAM)
    with pytest.raises(ValidationError):
        JobMaterial.model_validate({"type": 2, "word": "视频"})


# -- the typed group over a recording transport --------------------------------------------------


def per_follower(call: Call) -> dict[str, Any]:
    batch = call.json.get("openid_list") or [buyer["openid"] for buyer in call.json["buyer_list"]]
    return {"errcode": 0, "errmsg": "ok", "buyer_resp": [{"errcode": 0, "errmsg": "ok", "openid": o} for o in batch]}


@given(st.integers(min_value=1, max_value=2 * MAX_BUYERS + 50))
async def test_followers_go_200_a_call_and_every_outcome_comes_back_in_order(count: int) -> None:
    api, recorder = api_with(
        {f"{PREFIX}addguidebuyerrelation": per_follower, f"{PREFIX}addguidebuyertag": per_follower}
    )
    added = await api.guide.add_buyers("guide_zhang", openids(count))
    tagged = await api.guide.tag_buyers("guide_zhang", "金卡", openids(count))
    assert [r.openid for r in added] == [r.openid for r in tagged] == openids(count)
    sizes = [len(c.json.get("openid_list") or c.json["buyer_list"]) for c in recorder.calls]
    calls = -(-count // MAX_BUYERS)
    assert sizes == [len(b) for b in (openids(count)[i : i + MAX_BUYERS] for i in range(0, count, MAX_BUYERS))] * 2
    assert len(recorder.calls) == 2 * calls
    assert all(c.json["guide_account"] == "guide_zhang" for c in recorder.calls)
    assert all(c.json["tag_value"] == "金卡" for c in recorder.calls if c.endpoint.path.endswith("addguidebuyertag"))


async def test_bad_calls_reach_no_one() -> None:
    api, recorder = api_with()
    with pytest.raises(ValidationError):
        await api.guide.add("12345678")
    with pytest.raises(ValidationError):
        await api.guide.remove_buyers("guide_zhang", [])
    with pytest.raises(ValueError, match="both guides"):
        await api.guide.rebind("guide_zhang", GuideRef(guide_openid="o" * 28), ["oBuyer0001"])
    with pytest.raises(ValueError, match="push_time"):
        await api.guide.add_job("guide_zhang", "新品", 1, ["oBuyer0001"], [TEXT])
    with pytest.raises(ValueError, match="push_time"):
        await api.guide.update_job(1, push_time=1)
    with pytest.raises(ValidationError):
        await api.guide.update_job(1, task_name="一" * 17)
    assert recorder.calls == []


async def test_a_rebind_names_both_guides_the_same_way() -> None:
    api, recorder = api_with({f"{PREFIX}rebindguideacctforbuyer": per_follower})
    moved = await api.guide.rebind("guide_zhang", "guide_wang", ["oBuyer0001"])
    assert [r.openid for r in moved] == ["oBuyer0001"]
    expected = {"old_guide_account": "guide_zhang", "new_guide_account": "guide_wang", "openid_list": ["oBuyer0001"]}
    assert recorder.calls[0].json == expected


async def test_every_guide_page_is_followed_to_the_total() -> None:
    guides = [{"guide_account": f"guide_{n:03d}", "guide_nickname": f"顾问{n}"} for n in range(120)]

    def page(call: Call) -> dict[str, Any]:
        start = call.json["page"] * call.json["num"]
        return {
            "errcode": 0,
            "errmsg": "ok",
            "total_num": len(guides),
            "list": guides[start : start + call.json["num"]],
        }

    api, recorder = api_with({f"{PREFIX}getguideacctlist": page})
    assert [g.guide_account async for g in api.guide.all()] == [g["guide_account"] for g in guides]
    assert [c.json["page"] for c in recorder.calls] == [0, 1, 2]
