"""WeChat's side of a callback: sign (and in safe mode encrypt) a message the way WeChat does.

Used by the tests, the benchmark's load generator and the sandbox, so every
callback they send is one the real WeChat could have sent.
"""

import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from shared.crypto import MessageCipher, sign
from shared.xml import render_xml


@dataclass(frozen=True)
class SignedCallback:
    query: dict[str, str]
    body: bytes

    @property
    def query_string(self) -> str:
        return urlencode(self.query)


def message_xml(fields: dict[str, Any]) -> bytes:
    """A callback document from WeChat-named fields (``ToUserName``, ``MsgType`` …)."""
    return render_xml(fields).encode("utf-8")


def sign_callback(
    xml: bytes,
    *,
    token: str,
    cipher: MessageCipher | None = None,
    to_user: str = "gh_simulated",
    openid: str = "",
    timestamp: int | None = None,
    nonce: str | None = None,
) -> SignedCallback:
    """The query and body WeChat would POST for ``xml``: plaintext, or safe mode with ``cipher``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(5)
    query = {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce}
    if openid:
        query["openid"] = openid
    if cipher is None:
        return SignedCallback(query, xml)
    encrypted = cipher.encrypt(xml)
    query.update(encrypt_type="aes", msg_signature=sign(token, ts, nonce, encrypted))
    return SignedCallback(query, render_xml({"ToUserName": to_user, "Encrypt": encrypted}).encode("utf-8"))


def sign_verification(
    *, token: str, echostr: str, timestamp: int | None = None, nonce: str | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(5)
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "echostr": echostr}
