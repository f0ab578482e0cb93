"""Secrets never reach a rendered log line."""

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest
import structlog
from hypothesis import given
from hypothesis import strategies as st

from shared.logging import _BEARER, _SECRET_IN_TEXT, _WEB_SECRETS_IN_TEXT, REDACTED, RedactSecrets, configure_logging

SECRET = "s3cr3t-value-1234"


def redact(**event: object) -> dict[str, object]:
    return dict(RedactSecrets([SECRET])(None, "info", dict(event)))


def test_known_secret_values_are_replaced_anywhere_in_a_string() -> None:
    assert redact(event=f"calling with {SECRET} inside")["event"] == f"calling with {REDACTED} inside"


def test_secret_named_keys_are_replaced_whatever_their_value() -> None:
    out = redact(event="x", app_secret="anything", access_token="tok", encoding_aes_key="k", authorization="Bearer z")
    assert out == {
        "event": "x",
        "app_secret": REDACTED,
        "access_token": REDACTED,
        "encoding_aes_key": REDACTED,
        "authorization": REDACTED,
    }


def test_tokens_in_urls_and_bearer_headers_are_replaced() -> None:
    out = redact(event="GET /cgi-bin/menu/get?access_token=ACCESS.abc&x=1 Bearer key-123")
    assert out["event"] == f"GET /cgi-bin/menu/get?access_token={REDACTED}&x=1 Bearer {REDACTED}"


def test_nested_structures_are_scrubbed() -> None:
    out = redact(event="x", payload={"list": [SECRET, {"ticket": "t"}], "n": 3})
    assert out["payload"] == {"list": [REDACTED, {"ticket": REDACTED}], "n": 3}


def test_ids_and_counts_stay_readable() -> None:
    assert redact(event="x", app_id="wx1", token_count=3) == {"event": "x", "app_id": "wx1", "token_count": 3}


@pytest.fixture
def log_output(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """What both routes (structlog's own writer and the stdlib handler) write to stdout."""
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    configure_logging(level="DEBUG", fmt="json", secret_values=[SECRET])
    yield stream
    structlog.reset_defaults()


def test_rendered_json_lines_from_structlog_and_stdlib_are_redacted(log_output: io.StringIO) -> None:
    structlog.get_logger("t").info("structlog_line", detail=SECRET)
    logging.getLogger("aiohttp.client").warning("stdlib line with %s", SECRET)
    try:
        raise ValueError(f"boom {SECRET}")
    except ValueError:
        structlog.get_logger("t").exception("failed")
    lines = [json.loads(line) for line in log_output.getvalue().splitlines()]
    assert [line["event"] for line in lines][:2] == ["structlog_line", f"stdlib line with {REDACTED}"]
    assert SECRET not in log_output.getvalue()
    assert "boom" in lines[2]["exception"]


_PIECES = st.sampled_from(
    ["access_token=", "ticket=", "code=", "wx_ticket=", "Bearer ", "bearer\t", "/v1/web/tickets/", "&", "?", "#",
     "=", " ", "'", "\"", "/", "x", "Z9", "_", "-", ".", "appsecret=", "TOKEN="]
)  # fmt: skip


@given(st.lists(_PIECES | st.text(max_size=6), max_size=12).map("".join))
def test_skipping_strings_without_a_trigger_changes_nothing(text: str) -> None:
    """The shortcut for strings none of the patterns can match gives what the three patterns give."""
    every_pattern = _BEARER.sub(
        r"\1" + REDACTED, _SECRET_IN_TEXT.sub(r"\1" + REDACTED, _WEB_SECRETS_IN_TEXT.sub(r"\1" + REDACTED, text))
    )
    assert redact(event="x", detail=text)["detail"] == every_pattern
