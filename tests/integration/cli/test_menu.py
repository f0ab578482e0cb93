"""``wxmp menu``: a file checked before anything is sent, the dry run's diff, apply, get, delete."""

import json
from pathlib import Path

from tests.integration.cli.conftest import Stack

MENU = """
button:
  - {type: click, name: 今日歌曲, key: V1001_TODAY_MUSIC}
  - name: 菜单
    sub_button:
      - {type: view, name: 搜索, url: "https://www.example.com/"}
      - {type: click, name: 赞一下我们, key: V1001_GOOD}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_apply_then_get_prints_wechats_menu_as_json(stack: Stack, tmp_path: Path) -> None:
    await stack.ok("menu", "apply", str(write(tmp_path, "menu.yaml", MENU)))
    answer = (await stack.ok("menu", "get")).json
    buttons = answer["menu"]["button"]
    assert [button["name"] for button in buttons] == ["今日歌曲", "菜单"]
    assert [child["key"] for child in buttons[1]["sub_button"] if "key" in child] == ["V1001_GOOD"]


async def test_a_dry_run_prints_the_difference_and_changes_nothing(stack: Stack, tmp_path: Path) -> None:
    await stack.ok("menu", "apply", str(write(tmp_path, "menu.yaml", MENU)))
    changed = MENU.replace("V1001_GOOD", "V1002_LIKE").replace("今日歌曲", "今日新闻")
    ran = await stack.ok("menu", "apply", str(write(tmp_path, "new.yaml", changed)), "--dry-run")
    lines = ran.out.splitlines()
    assert "-1 今日歌曲 [click: key=V1001_TODAY_MUSIC]" in lines
    assert "+1 今日新闻 [click: key=V1001_TODAY_MUSIC]" in lines
    assert "-    2.2 赞一下我们 [click: key=V1001_GOOD]" in lines
    assert "+    2.2 赞一下我们 [click: key=V1002_LIKE]" in lines
    assert " 2 菜单" in lines  # unchanged lines are context
    assert "nothing was sent" in ran.err
    assert (await stack.ok("menu", "get")).json["menu"]["button"][0]["name"] == "今日歌曲"
    same = await stack.ok("menu", "apply", str(tmp_path / "menu.yaml"), "--dry-run", "--json")
    assert same.json["changes"] is False and same.json["diff"] == []


async def test_a_dry_run_against_no_menu_shows_every_button_added(stack: Stack, tmp_path: Path) -> None:
    ran = await stack.ok("menu", "apply", str(write(tmp_path, "menu.yaml", MENU)), "--dry-run", "--json")
    assert ran.json["changes"] is True
    assert [line for line in ran.json["diff"] if line.startswith("+") and not line.startswith("+++")] == [
        "+1 今日歌曲 [click: key=V1001_TODAY_MUSIC]",
        "+2 菜单",
        "+    2.1 搜索 [view: url=https://www.example.com/]",
        "+    2.2 赞一下我们 [click: key=V1001_GOOD]",
    ]


async def test_a_bad_menu_is_refused_before_anything_is_sent(stack: Stack, tmp_path: Path) -> None:
    four = "button:\n" + "".join(f"  - {{type: click, name: b{i}, key: k{i}}}\n" for i in range(4))
    ran = await stack.wxmp("menu", "apply", str(write(tmp_path, "four.yaml", four)))
    assert ran.code == 2
    assert ran.err.count("\n") == 1 and ran.err.startswith("wxmp: ") and "button" in ran.err
    assert "Traceback" not in ran.err
    no_key = await stack.wxmp(
        "menu", "apply", str(write(tmp_path, "nokey.json", json.dumps({"button": [{"type": "click", "name": "x"}]})))
    )
    assert no_key.code == 2 and "a click button needs key" in no_key.err
    calls = await stack.fake.control("calls")
    assert "/cgi-bin/menu/create" not in calls


async def test_delete_asks_first_and_without_a_terminal_needs_yes(stack: Stack, tmp_path: Path) -> None:
    await stack.ok("menu", "apply", str(write(tmp_path, "menu.yaml", MENU)))
    refused = await stack.wxmp("menu", "delete")
    assert refused.code == 2 and "--yes" in refused.err
    assert (await stack.ok("menu", "get")).json["menu"]["button"]
    await stack.ok("menu", "delete", "--yes")
    gone = await stack.wxmp("menu", "get")
    assert gone.code == 1 and "46003" in gone.err and "no menu" in gone.err


async def test_conditional_menus_apply_try_match_and_delete(stack: Stack, tmp_path: Path) -> None:
    await stack.ok("menu", "apply", str(write(tmp_path, "menu.yaml", MENU)))
    tag = (await stack.ok("tags", "create", "VIP", "--json")).json["id"]
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": ["oVip1", "oPlain1"]})
    await stack.ok("tags", "add", "VIP", "-", stdin=b"oVip1\n")
    vip = MENU.replace("今日歌曲", "会员专享") + f"matchrule: {{tag_id: '{tag}'}}\n"
    refused = await stack.wxmp("menu", "apply", str(write(tmp_path, "vip.yaml", vip)))
    assert refused.code == 2 and "--conditional" in refused.err
    menu_id = (await stack.ok("menu", "apply", str(tmp_path / "vip.yaml"), "--conditional", "--json")).json["menuid"]
    assert (await stack.ok("menu", "try-match", "oVip1", "--json")).json["button"][0]["name"] == "会员专享"
    assert "1 今日歌曲" in (await stack.ok("menu", "try-match", "oPlain1")).out
    await stack.ok("menu", "delete", "--conditional", menu_id, "--yes")
    assert (await stack.ok("menu", "try-match", "oVip1", "--json")).json["button"][0]["name"] == "今日歌曲"
