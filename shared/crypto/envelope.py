"""The encrypted reply envelope: ``<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>``."""

from shared.crypto.cipher import MessageCipher
from shared.crypto.signature import sign
from shared.xml import render_xml


def seal_reply(
    cipher: MessageCipher,
    reply_xml: bytes,
    *,
    token: str,
    timestamp: str,
    nonce: str,
    random_prefix: bytes | None = None,
) -> str:
    """``reply_xml`` encrypted and signed, ready to be the HTTP answer in safe mode."""
    encrypted = cipher.encrypt(reply_xml, random_prefix)
    return render_xml(
        {
            "Encrypt": encrypted,
            "MsgSignature": sign(token, timestamp, nonce, encrypted),
            "TimeStamp": int(timestamp) if timestamp.isdigit() else timestamp,
            "Nonce": nonce,
        }
    )
