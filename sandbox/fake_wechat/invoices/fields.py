"""Reading a call's fields as the invoice interfaces do: a missing or malformed field is 72031."""

from typing import Any

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail


def text(body: dict[str, Any], name: str, *, max_length: int | None = None) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise fail(InvoiceCode.INVALID_PARAMS, name)
    if max_length is not None and len(value) > max_length:
        raise fail(InvoiceCode.INVALID_PARAMS, f"{name} longer than {max_length}")
    return value


def optional_text(body: dict[str, Any], name: str, *, max_length: int) -> str | None:
    if body.get(name) in (None, ""):
        return None
    return text(body, name, max_length=max_length)


def amount(body: dict[str, Any], name: str) -> int:
    """A non-negative whole number of fen."""
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise fail(InvoiceCode.INVALID_PARAMS, name)
    return value


def mapping(body: dict[str, Any], name: str) -> dict[str, Any]:
    value = body.get(name)
    if not isinstance(value, dict):
        raise fail(InvoiceCode.INVALID_PARAMS, name)
    return value
