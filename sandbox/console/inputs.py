"""The console API's inputs, checked before anything is sent: ``BadInput`` names the field, ``UnknownApp`` the app."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sandbox.console.accounts import CallbackMode, default_mode, modes_for
from sandbox.console.actions import Action, action_named, parse_params
from sandbox.console.errors import BadInput, UnknownApp
from shared.accounts import Account

# WeChat's openids start with "o" (the fake refuses sends to any other); 28 characters in practice.
OPENID = re.compile(r"o[A-Za-z0-9_-]{1,63}")


@dataclass(frozen=True)
class SendRequest:
    account: Account
    openid: str
    mode: CallbackMode
    action_name: str
    action: Action
    params: BaseModel


def account_of(accounts: Mapping[str, Account], app_id: object) -> Account:
    if not isinstance(app_id, str) or not app_id:
        raise BadInput("app_id", "app_id is required")
    account = accounts.get(app_id)
    if account is None:
        raise UnknownApp(app_id)
    return account


def openid_of(value: object) -> str:
    if not isinstance(value, str) or not OPENID.fullmatch(value):
        raise BadInput("openid", "openid must be 2-64 letters, digits, _ or -, starting with 'o' like WeChat's")
    return value


def mode_of(account: Account, value: object) -> CallbackMode:
    if value is None or value == "":
        return default_mode(account)
    modes = modes_for(account)
    if not isinstance(value, str) or value not in modes:
        raise BadInput("mode", f"mode must be one of {', '.join(modes) or 'nothing'} for {account.app_id}")
    return CallbackMode(value)


def parse_send(body: object, accounts: Mapping[str, Account]) -> SendRequest:
    if not isinstance(body, dict):
        raise BadInput("body", "the body must be a JSON object")
    account = account_of(accounts, body.get("app_id"))
    openid = openid_of(body.get("openid"))
    mode = mode_of(account, body.get("mode"))
    action = action_named(body.get("action"))
    params = parse_params(action, {k: v for k, v in body.items() if k not in {"app_id", "openid", "mode", "action"}})
    return SendRequest(account, openid, mode, str(body["action"]), action, params)


def int_param(query: Mapping[str, Any], name: str, *, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise BadInput(name, f"{name} must be an integer") from None
    if not low <= value <= high:
        raise BadInput(name, f"{name} must be between {low} and {high}")
    return value
