"""The proxy's pure parts: China days and the quota guard's arithmetic, reading WeChat's answers."""

import asyncio
from datetime import UTC, datetime

import pytest
from aiohttp import StreamReader
from aiohttp.base_protocol import BaseProtocol

from services.proxy.answers import buffered, errcode_of, scrubbed
from services.proxy.quota import NO_GUARD, allowed_calls, china_day, daily_limits_of, day_key, seconds_to_next_day
from services.proxy.upload import Upload
from shared.wechat.catalogue import default_catalogue

CATALOGUE = default_catalogue()


def unix(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        ("2026-03-01T15:59:59", "2026-03-01"),
        ("2026-03-01T16:00:00", "2026-03-02"),
        ("2026-12-31T23:00:00", "2027-01-01"),
    ],
)
def test_the_day_is_chinas(utc: str, day: str) -> None:
    assert china_day(unix(utc)) == day


def test_the_guard_opens_again_at_china_midnight() -> None:
    assert seconds_to_next_day(unix("2026-03-01T15:59:00")) == 60
    assert seconds_to_next_day(unix("2026-03-01T16:00:00")) == 86_400


def test_the_guard_allows_a_fraction_of_the_limit() -> None:
    assert allowed_calls(1000, 0.95) == 950
    assert allowed_calls(500, 0.95) == 475
    assert allowed_calls(None, 0.95) == NO_GUARD
    assert allowed_calls(1, 0.5) == 0


def test_limits_come_from_the_catalogue_unless_overridden() -> None:
    limits = daily_limits_of(CATALOGUE, {"cgi-bin/user/get": 5000, "cgi-bin/getcallbackip": 10})
    assert limits["cgi-bin/menu/create"] == 1000
    assert limits["cgi-bin/user/get"] == 5000
    assert limits["cgi-bin/getcallbackip"] == 10
    assert "cgi-bin/get_api_domain_ip" not in limits
    assert day_key("wx1", "2026-03-01") == "wxmp:proxy:calls:wx1:2026-03-01"


@pytest.mark.parametrize(
    ("body", "errcode"),
    [(b'{"errcode":40001,"errmsg":"invalid credential"}', 40001), (b'{"errcode":0,"errmsg":"ok"}', 0),
     (b'{"menu":{}}', 0), (b"\xff\xd8 errcode", 0), (b'{"errcode":"x"}', 0), (b"[1]", 0), (b'{"errcode":-1}', -1),
     (b'{"errcode":true}', 0)],
)  # fmt: skip
def test_the_errcode_of_an_answer(body: bytes, errcode: int) -> None:
    assert errcode_of(body) == errcode


def test_an_echoed_token_is_scrubbed() -> None:
    assert scrubbed(b'{"errmsg":"bad tok-123 rid"}', "tok-123") == b'{"errmsg":"bad [REDACTED] rid"}'
    assert scrubbed(b"{}", None) == b"{}"


def test_media_answers_stream_json_answers_are_read() -> None:
    get = CATALOGUE["cgi-bin/media/get"]
    assert not buffered(get, "image/jpeg")
    assert buffered(get, "text/plain") and buffered(get, "application/json")
    assert buffered(CATALOGUE["cgi-bin/menu/get"], "image/jpeg")  # a JSON endpoint is JSON whatever it says


def _source(chunks: list[bytes], *, eof: bool) -> StreamReader:
    loop = asyncio.get_running_loop()
    reader = StreamReader(BaseProtocol(loop), 2**16, loop=loop)
    for chunk in chunks:
        reader.feed_data(chunk)
    if eof:
        reader.feed_eof()
    return reader


async def _all(body: object) -> bytes:
    return b"".join([chunk async for chunk in body])  # type: ignore[attr-defined]


async def test_an_upload_streams_once_then_replays_from_its_spool() -> None:
    upload = Upload(_source([b"abc", b"def"], eof=True), size=6, memory_bytes=4)
    assert await _all(upload.body()) == b"abcdef"
    assert await _all(upload.body()) == b"abcdef"  # spooled (past 4 bytes: on disk)
    assert upload.received == 6
    upload.close()


async def test_a_replay_after_an_early_answer_reads_the_rest_first() -> None:
    source = _source([b"abc"], eof=False)
    upload = Upload(source, size=9, memory_bytes=1024)
    first = upload.body()
    assert await first.__anext__() == b"abc"
    source.feed_data(b"defghi")  # WeChat answered; the caller's body is still arriving
    source.feed_eof()
    assert await _all(upload.body()) == b"abcdefghi"
    upload.close()


async def test_a_chunked_upload_is_spooled_within_its_limit() -> None:
    upload = Upload(_source([b"x" * 10, b"y" * 10], eof=True), size=None, memory_bytes=8)
    assert not await upload.spool_all(15)
    upload.close()
    upload = Upload(_source([b"x" * 10, b"y" * 10], eof=True), size=None, memory_bytes=8)
    assert await upload.spool_all(20)
    assert upload.size == 20
    assert await _all(upload.body()) == b"x" * 10 + b"y" * 10
    upload.close()
