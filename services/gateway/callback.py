"""The gateway's pure core: query → verified params, body → typed event, reply → answer bytes.

Every check a callback must pass lives here, as functions without I/O; the
HTTP handler only feeds them and encodes what they return or raise.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from shared.accounts import Account
from shared.crypto import CryptoError, CryptoErrorCode, MessageCipher, verify_signature
from shared.crypto.envelope import seal_reply
from shared.events import InvalidCallback, WeChatEvent, event_from_xml_fields
from shared.replies import SUCCESS
from shared.xml import XmlError, parse_xml

_FORBIDDEN_CODES = {CryptoErrorCode.VALIDATE_SIGNATURE, CryptoErrorCode.VALIDATE_APPID}


class Rejected(Exception):
    """A callback we refuse, with the HTTP status and a reason safe to show the caller."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class CallbackParams:
    signature: str | None
    timestamp: str
    nonce: str
    encrypted: bool
    msg_signature: str | None


@dataclass(frozen=True)
class Inbound:
    """A verified callback: its event and, when it came encrypted, the cipher that opened it."""

    event: WeChatEvent
    cipher: MessageCipher | None


def _required(query: Mapping[str, str], name: str) -> str:
    value = query.get(name)
    if not value:
        raise Rejected(400, f"missing query parameter: {name}")
    return value


def read_params(query: Mapping[str, str]) -> CallbackParams:
    encrypted = query.get("encrypt_type", "raw").lower() == "aes"
    return CallbackParams(
        signature=query.get("signature") if encrypted else _required(query, "signature"),
        timestamp=_required(query, "timestamp"),
        nonce=_required(query, "nonce"),
        encrypted=encrypted,
        msg_signature=_required(query, "msg_signature") if encrypted else None,
    )


def check_timestamp(timestamp: str, *, now: float, window: int) -> None:
    try:
        value = int(timestamp)
    except ValueError:
        raise Rejected(400, "timestamp is not an integer") from None
    if abs(now - value) > window:
        raise Rejected(403, "timestamp outside the accepted window")


def _token(account: Account) -> str:
    if account.token is None:
        raise Rejected(404, "unknown app")
    return account.token.get_secret_value()


def _crypto_rejection(exc: CryptoError) -> Rejected:
    return Rejected(403 if exc.code in _FORBIDDEN_CODES else 400, f"crypto error {int(exc.code)}: {exc.reason}")


def verify_url(account: Account, query: Mapping[str, str], *, now: float, window: int) -> str:
    """The ``echostr`` to answer to WeChat's URL verification (plain text, also in safe mode)."""
    echostr = _required(query, "echostr")
    signature = _required(query, "signature")
    timestamp, nonce = _required(query, "timestamp"), _required(query, "nonce")
    check_timestamp(timestamp, now=now, window=window)
    try:
        verify_signature(signature, _token(account), timestamp, nonce)
    except CryptoError as exc:
        raise _crypto_rejection(exc) from None
    return echostr


def _parse(body: bytes, max_bytes: int) -> dict[str, object]:
    try:
        return parse_xml(body, max_bytes=max_bytes)
    except XmlError as exc:
        raise Rejected(400, str(exc)) from None


def open_callback(
    account: Account, params: CallbackParams, body: bytes, *, now: float, window: int, max_bytes: int
) -> Inbound:
    """Verify, decrypt and type a callback body, or raise ``Rejected``."""
    check_timestamp(params.timestamp, now=now, window=window)
    token = _token(account)
    try:
        if params.signature is not None or not params.encrypted:
            verify_signature(params.signature or "", token, params.timestamp, params.nonce)
        fields = _parse(body, max_bytes)
        cipher = None
        if params.encrypted:
            if account.cipher is None:
                raise Rejected(400, "encrypted callback for an account without EncodingAESKey")
            encrypted = fields.get("Encrypt")
            if not isinstance(encrypted, str) or not encrypted:
                raise Rejected(400, "encrypted callback without Encrypt")
            verify_signature(params.msg_signature or "", token, params.timestamp, params.nonce, encrypted)
            plain, cipher = account.cipher.decrypt(encrypted)
            fields = _parse(plain, max_bytes)
        return Inbound(event_from_xml_fields(account.app_id, fields), cipher)
    except CryptoError as exc:
        raise _crypto_rejection(exc) from None
    except InvalidCallback as exc:
        raise Rejected(400, f"invalid callback: {exc}") from None


def answer(account: Account, inbound: Inbound, params: CallbackParams, reply_xml: bytes | None) -> bytes:
    """The HTTP body for WeChat: ``success``, or the reply (sealed when the callback was encrypted)."""
    if not reply_xml:
        return SUCCESS
    if inbound.cipher is None:
        return reply_xml
    sealed = seal_reply(
        inbound.cipher, reply_xml, token=_token(account), timestamp=params.timestamp, nonce=params.nonce
    )
    return sealed.encode("utf-8")
