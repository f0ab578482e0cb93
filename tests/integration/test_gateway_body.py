"""The gateway reads a callback's whole body, however it arrives: chunked, or in many TCP
segments with pauses between them; never more than the limit, and 413 past it with or
without Content-Length."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from aio_pika.abc import AbstractQueue
from aiohttp.test_utils import TestClient

from shared.crypto import MessageCipher
from shared.simulator import SignedCallback
from tests.integration.conftest import queued
from tests.integration.helpers import signed, view_fields

Client = TestClient[Any, Any]

LIMIT = 64 * 1024  # the default MAX_BODY_BYTES
PAUSE = 0.02  # a deliberate pause between two pieces of a body, so each arrives on its own


def pieces(data: bytes, size: int) -> Iterator[bytes]:
    return (data[start : start + size] for start in range(0, len(data), size))


async def slowly(data: bytes, size: int) -> AsyncIterator[bytes]:
    """``data`` as a chunked request body, ``size`` bytes a chunk, with a pause after each."""
    for piece in pieces(data, size):
        yield piece
        await asyncio.sleep(PAUSE)


def padded(callback: SignedCallback, size: int) -> bytes:
    """The callback's body grown to ``size`` bytes with whitespace after the root element."""
    assert len(callback.body) <= size
    return callback.body + b"\n" * (size - len(callback.body))


async def chunked_post(gateway: Client, app_id: str, callback: SignedCallback, body: bytes, size: int) -> int:
    response = await gateway.post(f"/wechat/{app_id}", params=callback.query, data=slowly(body, size))
    assert "Content-Length" not in response.request_info.headers
    assert response.request_info.headers["Transfer-Encoding"] == "chunked"
    return response.status


@pytest.mark.parametrize("size", [50, 1024])
async def test_a_chunked_body_under_the_limit_is_read_to_its_end(
    size: int, gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    assert await chunked_post(gateway, app_id, callback, callback.body, size) == 200
    assert len(await queued(events)) == 1


async def test_a_chunked_body_of_exactly_the_limit_is_accepted(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    assert await chunked_post(gateway, app_id, callback, padded(callback, LIMIT), 8 * 1024) == 200
    assert len(await queued(events)) == 1


@pytest.mark.parametrize("size", [LIMIT + 1, 72 * 1024])
async def test_a_chunked_body_over_the_limit_is_413(
    size: int, gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    assert await chunked_post(gateway, app_id, callback, padded(callback, size), 8 * 1024) == 413
    assert await queued(events) == []
    # The connection and the gateway carry on: the next callback is taken.
    assert await chunked_post(gateway, app_id, (good := signed(view_fields(), cipher)), good.body, 1024) == 200


# --- over a raw socket: the request written by hand, a few bytes at a time ----------------------


async def raw_post(
    gateway: Client, app_id: str, query: dict[str, str], headers: dict[str, str], body: bytes, *, piece: int = 100
) -> int:
    """POST ``body`` in writes of ``piece`` bytes with a pause after each; the response's status."""
    host, port = gateway.server.host, gateway.server.port
    reader, writer = await asyncio.open_connection(host, port)
    try:
        head = [f"POST /wechat/{app_id}?{urlencode(query)} HTTP/1.1", f"Host: {host}:{port}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        for part in pieces(body, piece):
            writer.write(part)
            await writer.drain()
            await asyncio.sleep(PAUSE)
        status_line = await asyncio.wait_for(reader.readline(), timeout=10)
    finally:
        writer.close()
        await writer.wait_closed()
    return int(status_line.split()[1])


def as_chunks(body: bytes, size: int) -> bytes:
    """``body`` in HTTP/1.1 chunked transfer coding, ``size`` bytes a chunk."""
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces(body, size)) + b"0\r\n\r\n"


async def test_a_body_written_in_small_pieces_with_pauses_is_accepted(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    headers = {"Content-Type": "text/xml", "Content-Length": str(len(callback.body))}
    assert await raw_post(gateway, app_id, callback.query, headers, callback.body) == 200
    assert len(await queued(events)) == 1


async def test_a_raw_chunked_body_in_small_pieces_is_accepted(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    headers = {"Content-Type": "text/xml", "Transfer-Encoding": "chunked"}
    assert await raw_post(gateway, app_id, callback.query, headers, as_chunks(callback.body, 37)) == 200
    assert len(await queued(events)) == 1


async def test_a_raw_chunked_body_over_the_limit_without_content_length_is_413(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(view_fields(), cipher)
    headers = {"Content-Type": "text/xml", "Transfer-Encoding": "chunked"}
    body = as_chunks(padded(callback, 72 * 1024), 4 * 1024)
    assert await raw_post(gateway, app_id, callback.query, headers, body, piece=8 * 1024) == 413
    assert await queued(events) == []
