"""No secret in any log line or error body, whatever the callback."""

from typing import Any

import structlog
from aio_pika.abc import AbstractQueue
from aiohttp.test_utils import TestClient

from shared.crypto import MessageCipher
from tests.conftest import AES_KEY, APP_SECRET, TOKEN
from tests.integration.helpers import post, signed, text_fields, view_fields


async def test_no_secret_in_captured_logs_or_bodies(
    gateway: TestClient[Any, Any], app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    foreign = MessageCipher(cipher.key, "wxforeign")
    good = signed(view_fields(), cipher)
    with structlog.testing.capture_logs() as logs:
        responses = [
            await post(gateway, app_id, good),
            await post(gateway, app_id, good),  # a duplicate
            await post(gateway, app_id, signed(text_fields(), foreign)),
            await gateway.post(f"/wechat/{app_id}", params=good.query | {"msg_signature": "0" * 40}, data=good.body),
            await gateway.post(f"/wechat/{app_id}", params=good.query, data=b"<xml><Encrypt>x</Encrypt></xml>"),
            await post(gateway, "wxnobody", good),
        ]
        bodies = [await response.text() for response in responses]
    assert [r.status for r in responses] == [200, 200, 403, 403, 403, 404]
    assert {entry["event"] for entry in logs} >= {"duplicate_callback", "callback_rejected"}
    text = repr(logs) + repr(bodies)
    for secret in (TOKEN, APP_SECRET, AES_KEY, cipher.key.hex()):
        assert secret not in text
