"""``wxmp`` on a terminal (a pseudo-terminal, through pexpect): the confirmation prompt, the progress
bar, and Ctrl-C in the middle of an export, which the same command then finishes.

pexpect blocks, and the stack serves from this test's event loop: each session runs in a thread."""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pexpect

from tests.integration.cli.conftest import WXMP, Stack

T = TypeVar("T")
MENU = "button:\n  - {type: click, name: Hello, key: HELLO}\n"


def spawn(stack: Stack, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        WXMP, list(args), env=stack.env, cwd=str(stack.home), dimensions=(40, 160), timeout=30, encoding="utf-8"
    )


async def in_thread(session: Callable[[], T]) -> T:
    return await asyncio.to_thread(session)


def finished(child: pexpect.spawn) -> tuple[str, int]:
    """What the session printed until it ended, and its exit status."""
    rest = child.read()
    child.close()
    assert child.exitstatus is not None, f"ended by signal {child.signalstatus}"
    return rest, child.exitstatus


async def test_delete_asks_and_only_yes_deletes(stack: Stack, tmp_path: Path) -> None:
    menu = tmp_path / "menu.yaml"
    menu.write_text(MENU)
    await stack.ok("menu", "apply", str(menu))

    def answer(reply: str) -> tuple[str, int]:
        child = spawn(stack, "menu", "delete")
        child.expect_exact(f"Delete the whole menu of {stack.app_id}, conditional menus included? [y/N]:")
        child.sendline(reply)
        return finished(child)

    said, status = await in_thread(lambda: answer("n"))
    assert status == 1 and "cancelled: nothing was changed" in said
    assert (await stack.ok("menu", "get")).json["menu"]["button"][0]["name"] == "Hello"
    said, status = await in_thread(lambda: answer("y"))
    assert status == 0 and f"menu of {stack.app_id} deleted" in said
    assert (await stack.wxmp("menu", "get")).code == 1


async def test_export_shows_a_progress_bar_and_resumes_after_ctrl_c(stack: Stack, tmp_path: Path) -> None:
    everyone = [f"oTty{index:024d}" for index in range(25_000)]
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": everyone})
    await stack.fake.control("latency", {"ms": 1500, "path": "/cgi-bin/user/get"})
    output = tmp_path / "followers.jsonl"

    def interrupted() -> tuple[str, str, int]:
        child = spawn(stack, "users", "export", "--output", str(output))
        child.expect_exact("10000/25000")  # the bar after the first page, its total from WeChat
        bar = child.before + child.after
        child.sendintr()
        rest, status = finished(child)
        return bar, rest, status

    bar, rest, status = await in_thread(interrupted)
    assert "followers" in bar and "━" in bar
    assert status == 130 and "interrupted with 10000 followers written" in rest
    assert not output.exists()
    part = tmp_path / "followers.jsonl.part"
    assert len(part.read_text().splitlines()) == 10_000
    assert json.loads((tmp_path / "followers.jsonl.export.json").read_text())["written"] == 10_000

    await stack.fake.control("latency", {"ms": 0, "path": "/cgi-bin/user/get"})

    def resumed() -> tuple[str, int]:
        return finished(spawn(stack, "users", "export", "--output", str(output)))

    said, status = await in_thread(resumed)
    assert status == 0 and "25000/25000" in said and "25000 followers written" in said
    assert [json.loads(line)["openid"] for line in output.read_text().splitlines()] == everyone
    assert not part.exists()
