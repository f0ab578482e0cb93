"""The accounts as the phone sees them: their original ids and the callback modes each can be reached in.

WeChat's three message-encryption modes: ``plaintext``, ``compatible`` (plaintext fields and
``Encrypt`` side by side) and ``safe`` (``Encrypt`` only). The last two need an EncodingAESKey.
"""

import hashlib
from enum import StrEnum
from typing import Any

from shared.accounts import Account


class CallbackMode(StrEnum):
    PLAINTEXT = "plaintext"
    COMPATIBLE = "compatible"
    SAFE = "safe"


def original_id(app_id: str) -> str:
    """A stable made-up original id (``gh_`` + 12 hex digits, WeChat's shape): the callbacks' ToUserName."""
    return "gh_" + hashlib.sha256(app_id.encode("utf-8")).hexdigest()[:12]


def modes_for(account: Account) -> tuple[CallbackMode, ...]:
    """The modes WeChat could call this account back in; none without a Token (the gateway refuses it)."""
    if account.token is None:
        return ()
    if account.encoding_aes_key is None:
        return (CallbackMode.PLAINTEXT,)
    return (CallbackMode.PLAINTEXT, CallbackMode.COMPATIBLE, CallbackMode.SAFE)


def default_mode(account: Account) -> CallbackMode:
    """Safe mode when the account can do it, as WeChat recommends; plaintext otherwise."""
    modes = modes_for(account)
    return CallbackMode.SAFE if CallbackMode.SAFE in modes else CallbackMode.PLAINTEXT


def describe(account: Account) -> dict[str, Any]:
    """The account for the page: no secrets."""
    return {
        "app_id": account.app_id,
        "name": account.name,
        "original_id": original_id(account.app_id),
        "modes": [mode.value for mode in modes_for(account)],
        "default_mode": default_mode(account).value,
    }


def reachable(accounts: dict[str, Account]) -> list[dict[str, Any]]:
    """Every account the console can send callbacks for (those with a Token), by name."""
    listed = [describe(account) for account in accounts.values() if modes_for(account)]
    return sorted(listed, key=lambda item: (item["name"], item["app_id"]))
