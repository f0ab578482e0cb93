"""Callbacks as WeChat sends them, and reading the gateway's answers."""

import asyncio
import time
from typing import Any

import aiohttp
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from shared.crypto import MessageCipher, sign
from shared.simulator import SignedCallback, message_xml, sign_callback
from shared.xml import parse_xml
from tests.conftest import TOKEN

_counter = iter(range(10**9))


def text_fields(content: str = "hello", *, msg_id: int | None = None, from_user: str = "oFollower1") -> dict[str, Any]:
    return {
        "ToUserName": "gh_account",
        "FromUserName": from_user,
        "CreateTime": int(time.time()),
        "MsgType": "text",
        "Content": content,
        "MsgId": msg_id if msg_id is not None else 7_000_000_000_000 + next(_counter),
    }


def view_fields(url: str = "https://example.com/page") -> dict[str, Any]:
    return {
        "ToUserName": "gh_account",
        "FromUserName": f"oFollower{next(_counter)}",
        "CreateTime": int(time.time()),
        "MsgType": "event",
        "Event": "VIEW",
        "EventKey": url,
    }


def signed(fields: dict[str, Any], cipher: MessageCipher | None, **kwargs: Any) -> SignedCallback:
    return sign_callback(message_xml(fields), token=TOKEN, cipher=cipher, **kwargs)


async def post(client: TestClient[Any, Any], app_id: str, callback: SignedCallback) -> ClientResponse:
    return await client.post(f"/wechat/{app_id}", params=callback.query, data=callback.body)


def open_reply(body: bytes, cipher: MessageCipher, nonce: str, timestamp: str) -> dict[str, Any]:
    """Check an encrypted reply's envelope and signature; return the reply's fields."""
    envelope = parse_xml(body)
    assert set(envelope) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    assert envelope["MsgSignature"] == sign(TOKEN, envelope["TimeStamp"], envelope["Nonce"], envelope["Encrypt"])
    assert (envelope["TimeStamp"], envelope["Nonce"]) == (timestamp, nonce)
    return parse_xml(cipher.decrypt(envelope["Encrypt"]))


async def wait_batch_done(session: aiohttp.ClientSession, status_url: str, *, within: float = 60.0) -> dict[str, Any]:
    """Poll a notifier batch's status until it is done; the final progress."""
    deadline = time.monotonic() + within
    while True:
        async with session.get(status_url) as response:
            progress: dict[str, Any] = await response.json()
        if progress["done"]:
            return progress
        assert time.monotonic() < deadline, progress
        await asyncio.sleep(0.1)
