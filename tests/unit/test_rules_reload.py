"""The rules holder: a bad file at start is fatal, a bad file later keeps the last good rules,
and the watcher picks up a changed file and stops when asked."""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from services.dispatcher.rules import RulesError
from services.dispatcher.rules_reload import RulesHolder, watch
from shared.replies import TextReply

ONE = "rules:\n  - {match: {msg_type: text}, reply: {type: text, content: one}}\n"
TWO = (
    "rules:\n"
    "  - {match: {keyword: hi}, reply: {type: text, content: two}}\n"
    "  - {match: {msg_type: text}, reply: {type: text, content: two (fallback)}}\n"
)
BAD = "rules:\n  - {match: {msg_type: text}, reply: {type: txt, content: one}}\n"
HELLO = {"app_id": "wx1", "msg_type": "text", "content": "hi", "from_user": "o", "to_user": "gh"}


def answer(holder: RulesHolder) -> str | None:
    reply = holder.rules.reply_for(HELLO)
    return reply.content if isinstance(reply, TextReply) else None


async def eventually(condition: Callable[[], bool], within: float = 5.0) -> None:
    """Wait until ``condition()`` holds, checking every 10 ms; fail after ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"condition not met within {within} s")
        await asyncio.sleep(0.01)


def write(path: Path, text: str) -> None:
    """Write the rules file; called from the event loop on purpose, so the watcher (on the same
    loop) never sees it half-written."""
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(ONE, encoding="utf-8")
    return path


def test_holder_loads_the_file_once(rules_file: Path) -> None:
    with capture_logs() as logs:
        holder = RulesHolder(rules_file)
    assert (len(holder.rules), answer(holder), holder.path) == (1, "one", rules_file)
    assert [(e["event"], e["count"]) for e in logs] == [("rules_loaded", 1)]
    assert not holder.changed()


def test_a_bad_file_at_start_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(RulesError, match=r"^rule 1: reply\.type: 'txt' is not one of"):
        RulesHolder(path)
    with pytest.raises(RulesError, match="cannot read"):
        RulesHolder(tmp_path / "absent.yaml")


async def test_without_a_file_there_are_no_rules() -> None:
    holder = RulesHolder(None)
    assert (len(holder.rules), holder.rules.reply_for(HELLO), holder.path) == (0, None, None)
    assert holder.reload() is True
    assert not holder.changed()
    await asyncio.wait_for(watch(holder, 0.01, stopping=asyncio.Event()), 1)  # nothing to watch


def test_a_good_reload_swaps_the_rules(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    rules_file.write_text(TWO, encoding="utf-8")
    assert holder.changed()
    with capture_logs() as logs:
        assert holder.reload() is True
    assert (len(holder.rules), answer(holder)) == (2, "two")
    assert logs == [{"event": "rules_reloaded", "log_level": "info", "path": str(rules_file), "count": 2}]
    assert not holder.changed()


def test_a_bad_reload_keeps_the_last_good_rules(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    good = holder.rules
    rules_file.write_text(BAD, encoding="utf-8")
    with capture_logs() as logs:
        assert holder.reload() is False
    assert holder.rules is good and answer(holder) == "one"
    assert logs == [
        {
            "event": "rules_reload_failed",
            "log_level": "warning",
            "path": str(rules_file),
            "error": "rule 1: reply.type: 'txt' is not one of "
            "text, image, voice, video, music, news, transfer_customer_service",
            "kept": 1,
        }
    ]
    assert not holder.changed()  # the bad file is not re-read until it changes again


def test_a_vanished_file_keeps_the_last_good_rules(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    rules_file.unlink()
    assert holder.changed()
    with capture_logs() as logs:
        assert holder.reload() is False
    assert answer(holder) == "one"
    assert logs[0]["event"] == "rules_reload_failed" and "cannot read" in logs[0]["error"]


def test_an_atomic_replace_is_a_change(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    stat = rules_file.stat()
    replacement = rules_file.with_name("new.yaml")
    replacement.write_text(ONE.replace("one", "eno"), encoding="utf-8")  # same size
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    os.replace(replacement, rules_file)
    assert holder.changed()
    assert holder.reload() and answer(holder) == "eno"


async def test_the_watcher_picks_up_a_changed_file(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    stopping = asyncio.Event()
    reloaded: list[tuple[int, int]] = []  # (rules in force, failed reloads) after each reload
    task = asyncio.create_task(
        watch(holder, 0.01, stopping=stopping, on_reload=lambda h: reloaded.append((len(h.rules), h.failed_reloads)))
    )
    try:
        write(rules_file, TWO)
        await eventually(lambda: answer(holder) == "two")
        assert reloaded == [(2, 0)]
        with capture_logs() as logs:
            write(rules_file, BAD + "# broken\n")
            await eventually(lambda: any(e["event"] == "rules_reload_failed" for e in logs))
        assert answer(holder) == "two"
        write(rules_file, ONE)
        await eventually(lambda: answer(holder) == "one")
        # on_reload also ran after the failed reload: the last good rules, one failure.
        assert reloaded == [(2, 0), (2, 1), (1, 1)]
    finally:
        stopping.set()
        await asyncio.wait_for(task, 1)


async def test_the_watcher_stops_promptly_when_asked(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    stopping = asyncio.Event()
    task = asyncio.create_task(watch(holder, 3600, stopping=stopping))
    await asyncio.sleep(0)  # let it start waiting
    assert not task.done()
    stopping.set()
    await asyncio.wait_for(task, 1)
    assert task.result() is None


async def test_the_watcher_does_not_start_when_already_stopping(rules_file: Path) -> None:
    holder = RulesHolder(rules_file)
    stopping = asyncio.Event()
    stopping.set()
    write(rules_file, TWO)
    await asyncio.wait_for(watch(holder, 0.01, stopping=stopping), 1)
    assert answer(holder) == "one"
