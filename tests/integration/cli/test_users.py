"""``wxmp users``: an export of 25,000 followers equal to the fake's list, csv and with profiles,
resumed after an interruption; one follower's profile; remarks."""

import csv
import json
from pathlib import Path

from tests.integration.cli.conftest import Stack


def followers(count: int, prefix: str = "oCli") -> list[str]:
    return [f"{prefix}{index:024d}" for index in range(count)]


async def seed(stack: Stack, openids: list[str], **extra: object) -> None:
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": openids, **extra})


async def test_an_export_of_25000_followers_is_the_fakes_list_in_order(stack: Stack, tmp_path: Path) -> None:
    everyone = followers(25_000)
    await seed(stack, everyone)
    output = tmp_path / "followers.jsonl"
    ran = await stack.ok("users", "export", "--output", str(output))
    assert [json.loads(line) for line in output.read_text().splitlines()] == [{"openid": o} for o in everyone]
    assert "25000 followers written" in ran.out
    assert "followers: 25000/25000" in ran.err  # plain progress lines: no terminal here
    assert not (tmp_path / "followers.jsonl.part").exists()
    assert not (tmp_path / "followers.jsonl.export.json").exists()
    calls = await stack.fake.control("calls")
    assert calls["/cgi-bin/user/get"][stack.app_id] == 3  # pages of 10,000; the total spares a fourth call


async def test_csv_has_a_header_row_then_one_openid_a_row(stack: Stack, tmp_path: Path) -> None:
    everyone = followers(12)
    await seed(stack, everyone)
    output = tmp_path / "followers.csv"
    answer = (await stack.ok("users", "export", "--output", str(output), "--format", "csv", "--json")).json
    assert answer == {"output": str(output), "followers": 12, "format": "csv", "with_info": False}
    assert output.read_text().splitlines() == ["openid", *everyone]


async def test_with_info_asks_profiles_by_the_hundred(stack: Stack, tmp_path: Path) -> None:
    everyone = followers(250)
    await seed(stack, everyone, language="en")
    output = tmp_path / "followers.csv"
    await stack.ok("users", "export", "--output", str(output), "--format", "csv", "--with-info")
    with output.open() as file:
        rows = list(csv.DictReader(file))
    assert [row["openid"] for row in rows] == everyone
    assert {row["subscribe"] for row in rows} == {"1"} and {row["language"] for row in rows} == {"en"}
    calls = await stack.fake.control("calls")
    assert calls["/cgi-bin/user/info/batchget"][stack.app_id] == 3


async def test_an_interrupted_export_goes_on_from_its_cursor(stack: Stack, tmp_path: Path) -> None:
    """The state a Ctrl-C leaves (the first page written, a half-written second one past the recorded
    size): the same command truncates the half page, asks from the saved cursor, and finishes."""
    everyone = followers(20_500)
    await seed(stack, everyone)
    output = tmp_path / "followers.jsonl"
    part, state = tmp_path / "followers.jsonl.part", tmp_path / "followers.jsonl.export.json"
    first_page = "".join(json.dumps({"openid": o}) + "\n" for o in everyone[:10_000]).encode()
    part.write_bytes(first_page + b'{"openid": "oHalfWritt')
    saved = {
        "app_id": stack.app_id, "format": "jsonl", "with_info": False, "cursor": everyone[9_999],
        "done_in_page": 0, "written": 10_000, "size": len(first_page), "total": 20_500,
    }  # fmt: skip
    state.write_text(json.dumps(saved))
    ran = await stack.ok("users", "export", "--output", str(output))
    assert "20500 followers written" in ran.out
    assert [json.loads(line)["openid"] for line in output.read_text().splitlines()] == everyone
    assert (await stack.fake.control("calls"))["/cgi-bin/user/get"][stack.app_id] == 2
    assert not part.exists() and not state.exists()


async def test_an_unfinished_export_of_another_kind_is_not_mixed_in(stack: Stack, tmp_path: Path) -> None:
    await seed(stack, followers(3))
    output = tmp_path / "followers.jsonl"
    (tmp_path / "followers.jsonl.part").write_text("openid\n")
    state = {"app_id": stack.app_id, "format": "csv", "with_info": False, "size": 7}
    (tmp_path / "followers.jsonl.export.json").write_text(json.dumps(state))
    refused = await stack.wxmp("users", "export", "--output", str(output))
    assert refused.code == 2 and "--restart" in refused.err and not output.exists()
    await stack.ok("users", "export", "--output", str(output), "--restart")
    assert len(output.read_text().splitlines()) == 3


async def test_info_and_remark(stack: Stack) -> None:
    await seed(stack, ["oInfo1"])
    await stack.ok("users", "remark", "oInfo1", "VIP since 2024")
    profile = (await stack.ok("users", "info", "oInfo1", "--json")).json
    assert profile["openid"] == "oInfo1" and profile["subscribe"] == 1 and profile["remark"] == "VIP since 2024"
    unknown = await stack.wxmp("users", "info", "oNobody")
    assert unknown.code == 1 and "40003" in unknown.err
