"""A follower's callback as WeChat puts it on the wire, in each of the three modes.

- plaintext: the XML, ``signature`` over (Token, timestamp, nonce);
- safe: ``<xml><ToUserName/><Encrypt/></xml>``, ``encrypt_type=aes`` and ``msg_signature`` too;
- compatible: the plaintext fields and ``Encrypt`` in the same body, with both signatures.
"""

from collections.abc import Callable
from typing import Any

from sandbox.console.accounts import CallbackMode
from shared.accounts import Account
from shared.crypto import MessageCipher
from shared.simulator import SignedCallback, message_xml, sign_callback
from shared.xml import parse_xml


def _token(account: Account) -> str:
    if account.token is None:
        raise ValueError(f"account {account.app_id} has no Token: WeChat cannot call it back")
    return account.token.get_secret_value()


def _cipher(account: Account) -> MessageCipher:
    if account.cipher is None:
        raise ValueError(f"account {account.app_id} has no EncodingAESKey: plaintext mode only")
    return account.cipher.current


def _plaintext(account: Account, fields: dict[str, Any], openid: str, timestamp: int, nonce: str) -> SignedCallback:
    xml = message_xml(fields)
    return sign_callback(xml, token=_token(account), openid=openid, timestamp=timestamp, nonce=nonce)


def _safe(account: Account, fields: dict[str, Any], openid: str, timestamp: int, nonce: str) -> SignedCallback:
    return sign_callback(
        message_xml(fields),
        token=_token(account),
        cipher=_cipher(account),
        to_user=str(fields["ToUserName"]),
        openid=openid,
        timestamp=timestamp,
        nonce=nonce,
    )


def _compatible(account: Account, fields: dict[str, Any], openid: str, timestamp: int, nonce: str) -> SignedCallback:
    """Safe mode's query and ciphertext, with the plaintext fields beside ``Encrypt``."""
    safe = _safe(account, fields, openid, timestamp, nonce)
    encrypted = parse_xml(safe.body)["Encrypt"]
    return SignedCallback(safe.query, message_xml(fields | {"Encrypt": encrypted}))


_SIGNERS: dict[CallbackMode, Callable[[Account, dict[str, Any], str, int, str], SignedCallback]] = {
    CallbackMode.PLAINTEXT: _plaintext,
    CallbackMode.COMPATIBLE: _compatible,
    CallbackMode.SAFE: _safe,
}


def signed_callback(
    account: Account, mode: CallbackMode, fields: dict[str, Any], *, timestamp: int, nonce: str
) -> SignedCallback:
    """The query and body WeChat POSTs to the account's server for ``fields`` in ``mode``."""
    return _SIGNERS[mode](account, fields, str(fields["FromUserName"]), timestamp, nonce)
