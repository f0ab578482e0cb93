"""A callback as WeChat would send it, and the gateway's answer read back (pure: no I/O).

Signing and encryption are the platform's own (``shared.simulator``, the code the sandbox's phone
and the benchmark sign with), so a callback ``wxmp callback send`` posts is one WeChat could have sent.
"""

import secrets
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shared.accounts import Account
from shared.crypto import CryptoError, sign
from shared.simulator import SignedCallback, message_xml, sign_callback, sign_verification
from shared.xml import parse_xml
from wxmp_cli.errors import CliError, ExitCode


class Mode(StrEnum):
    PLAINTEXT = "plaintext"
    SAFE = "safe"


@dataclass(frozen=True)
class Reply:
    """The gateway's answer: ``success``/empty, or a passive reply's fields (decrypted in safe mode)."""

    status: int
    text: str
    fields: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reply": self.fields if self.fields is not None else self.text}


def token_of(account: Account) -> str:
    if account.token is None or not account.token.get_secret_value():
        raise CliError(f"account {account.app_id} has no Token: set it as the gateway has it", ExitCode.USAGE)
    return account.token.get_secret_value()


def mode_for(account: Account, asked: Mode | None) -> Mode:
    """Safe mode when the account has an EncodingAESKey (as WeChat recommends), unless asked otherwise."""
    if asked is Mode.SAFE and account.cipher is None:
        raise CliError(f"account {account.app_id} has no EncodingAESKey: plaintext mode only", ExitCode.USAGE)
    return asked or (Mode.SAFE if account.cipher is not None else Mode.PLAINTEXT)


def fields_for(
    *, text: str | None, event: str | None, event_key: str | None, from_user: str, to_user: str
) -> dict[str, Any]:
    """The callback's XML fields: a text message or an event."""
    if (text is None) == (event is None):
        raise CliError("give one of --text or --event", ExitCode.USAGE)
    fields: dict[str, Any] = {"ToUserName": to_user, "FromUserName": from_user, "CreateTime": int(time.time())}
    if text is not None:
        return fields | {"MsgType": "text", "Content": text, "MsgId": secrets.randbits(62)}
    fields |= {"MsgType": "event", "Event": event}
    return fields | ({"EventKey": event_key} if event_key is not None else {})


def signed(account: Account, mode: Mode, fields: dict[str, Any]) -> SignedCallback:
    cipher = account.cipher.current if mode is Mode.SAFE and account.cipher is not None else None
    return sign_callback(
        message_xml(fields), token=token_of(account), cipher=cipher, to_user=str(fields["ToUserName"]),
        openid=str(fields["FromUserName"]),
    )  # fmt: skip


def verification(account: Account) -> dict[str, str]:
    """The query of WeChat's URL verification (GET with echostr)."""
    return sign_verification(token=token_of(account), echostr=secrets.token_hex(8))


def read_reply(account: Account, callback: SignedCallback, status: int, body: bytes) -> Reply:
    """The answer as WeChat would read it; an encrypted reply is checked (signature, AppId) and opened."""
    text = body.decode("utf-8", errors="replace").strip()
    if status != 200 or not text.startswith("<"):
        return Reply(status, text)
    try:
        fields = parse_xml(body)
    except ValueError:
        return Reply(status, text)
    if "Encrypt" not in fields:
        return Reply(status, text, fields)
    if account.cipher is None:
        raise CliError("the gateway answered encrypted, but this account has no EncodingAESKey here", ExitCode.FAILED)
    expected = sign(
        token_of(account), str(fields.get("TimeStamp", "")), str(fields.get("Nonce", "")), fields["Encrypt"]
    )
    if fields.get("MsgSignature") != expected:
        raise CliError("the gateway's encrypted reply has a wrong MsgSignature", ExitCode.FAILED)
    if str(fields.get("Nonce")) != callback.query["nonce"]:
        raise CliError("the gateway's encrypted reply carries another nonce than the callback's", ExitCode.FAILED)
    try:
        plain, _ = account.cipher.decrypt(fields["Encrypt"])
    except CryptoError as exc:
        raise CliError(f"the gateway's encrypted reply does not open: {exc}", ExitCode.FAILED) from None
    return Reply(status, plain.decode("utf-8", errors="replace"), parse_xml(plain))
