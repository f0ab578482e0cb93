"""The gateway's answer as the follower's phone reads it: ``success`` or nothing, or a passive reply.

In safe and compatible mode an encrypted reply is opened the way WeChat does: its
MsgSignature must sign (Token, TimeStamp, Nonce, Encrypt) and the envelope must decrypt
with the account's key. Safe mode takes nothing else; compatible mode also takes a
plaintext reply. The reply must be addressed to the follower, from the account.
"""

from collections.abc import Callable
from typing import Any

from sandbox.console.accounts import CallbackMode
from shared.accounts import Account
from shared.crypto import CryptoError, verify_signature
from shared.xml import XmlError, parse_xml

NO_REPLY = (b"", b"success")


class ReplyError(ValueError):
    """An answer WeChat would not show the follower; the message says why."""


def _text(fields: dict[str, Any], *path: str, required: bool = False) -> str:
    value: Any = fields
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    if isinstance(value, str | int | float):
        return str(value)
    if required:
        raise ReplyError(f"reply has no {'.'.join(path)}")
    return ""


def _articles(fields: dict[str, Any]) -> list[dict[str, str]]:
    items = fields.get("Articles")
    items = items.get("item") if isinstance(items, dict) else None
    if not isinstance(items, list) or not items:
        raise ReplyError("news reply has no Articles")
    return [
        {
            "title": _text(item, "Title"),
            "description": _text(item, "Description"),
            "pic_url": _text(item, "PicUrl"),
            "url": _text(item, "Url"),
        }
        for item in items
        if isinstance(item, dict)
    ]


# MsgType -> the bubble's fields.
_READERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "text": lambda f: {"content": _text(f, "Content", required=True)},
    "image": lambda f: {"media_id": _text(f, "Image", "MediaId", required=True)},
    "voice": lambda f: {"media_id": _text(f, "Voice", "MediaId", required=True)},
    "video": lambda f: {
        "media_id": _text(f, "Video", "MediaId", required=True),
        "title": _text(f, "Video", "Title"),
        "description": _text(f, "Video", "Description"),
    },
    "music": lambda f: {
        "title": _text(f, "Music", "Title"),
        "description": _text(f, "Music", "Description"),
        "music_url": _text(f, "Music", "MusicUrl"),
        "hq_music_url": _text(f, "Music", "HQMusicUrl"),
        "thumb_media_id": _text(f, "Music", "ThumbMediaId", required=True),
    },
    "news": lambda f: {"articles": _articles(f)},
    "transfer_customer_service": lambda f: {"kf_account": _text(f, "TransInfo", "KfAccount") or None},
}


def _parse(data: bytes, what: str) -> dict[str, Any]:
    try:
        return parse_xml(data)
    except XmlError as exc:
        raise ReplyError(f"{what} is not XML WeChat accepts: {exc}") from None


def _unsealed(account: Account, envelope: dict[str, Any]) -> bytes:
    """The reply inside an encrypted envelope, once its signature holds."""
    if account.token is None or account.cipher is None:
        raise ReplyError("encrypted reply for an account without Token and EncodingAESKey")
    encrypted = _text(envelope, "Encrypt", required=True)
    signature = _text(envelope, "MsgSignature", required=True)
    timestamp, nonce = _text(envelope, "TimeStamp", required=True), _text(envelope, "Nonce", required=True)
    try:
        verify_signature(signature, account.token.get_secret_value(), timestamp, nonce, encrypted)
        plain, _ = account.cipher.decrypt(encrypted)
    except CryptoError as exc:
        raise ReplyError(f"encrypted reply refused: {exc}") from None
    return plain


def reply_item(fields: dict[str, Any], *, openid: str, original_id: str) -> dict[str, Any]:
    """A plaintext reply's bubble: ``{"type": MsgType, ...fields}``."""
    msg_type = _text(fields, "MsgType")
    reader = _READERS.get(msg_type)
    if reader is None:
        raise ReplyError(f"reply MsgType {msg_type!r} is not one WeChat shows")
    if _text(fields, "ToUserName") != openid:
        raise ReplyError(f"reply is addressed to {_text(fields, 'ToUserName')!r}, not the follower {openid!r}")
    if _text(fields, "FromUserName") != original_id:
        raise ReplyError(f"reply comes from {_text(fields, 'FromUserName')!r}, not the account {original_id!r}")
    return {"type": msg_type, **reader(fields)}


def open_reply(
    account: Account, mode: CallbackMode, body: bytes, *, openid: str, original_id: str
) -> dict[str, Any] | None:
    """The passive reply in an HTTP 2xx answer's body, None for ``success`` or an empty body."""
    if body.strip() in NO_REPLY:
        return None
    fields = _parse(body.strip(), "the reply")
    if "Encrypt" in fields:
        if mode is CallbackMode.PLAINTEXT:
            raise ReplyError("encrypted reply to a plaintext-mode callback")
        fields = _parse(_unsealed(account, fields), "the decrypted reply")
    elif mode is CallbackMode.SAFE:
        raise ReplyError("plaintext reply to a safe-mode callback: WeChat shows only encrypted replies")
    return reply_item(fields, openid=openid, original_id=original_id)
