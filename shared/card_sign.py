"""The 卡券 JS-SDK signatures (JS-SDK 附录4): pure functions, no I/O.

Unlike ``wx.config``'s signature, WeChat signs card calls over the bare values,
not ``key=value`` pairs: the values are sorted as strings (by code point), joined
with nothing between them, and hashed with SHA-1 (hex). An empty value (no
``code``, no ``openid``, no ``card_type`` …) adds nothing to the string, so
leaving a field out and sending it empty sign alike (and, with nothing between
the values, ``["aba", "ba"]`` and ``["aba", "ab"]`` sign alike too: WeChat's design).

- ``wx.addCard`` (the ``signature`` inside each card's ``cardExt``): over the
  card ``api_ticket``, ``timestamp``, ``card_id``, ``code``, ``openid`` and
  ``nonce_str``.
- ``wx.chooseCard`` (its ``cardSign``, ``signType`` SHA1): over the
  ``api_ticket``, ``app_id``, ``location_id`` (the ``shopId``), ``timestamp``,
  ``nonce_str``, ``card_id`` and ``card_type``.

The ticket is the account's ``wx_card`` api_ticket (``cgi-bin/ticket/getticket?type=wx_card``),
never the ``jsapi`` one; ``timestamp`` and ``nonce_str`` must be the very ones the page
passes along with the signature.
"""

import hashlib


def card_signature(*values: str) -> str:
    """SHA-1 (hex) of ``values`` sorted and concatenated: WeChat's one rule for card signatures."""
    plain = "".join(sorted(values))
    return hashlib.sha1(plain.encode("utf-8")).hexdigest()  # noqa: S324 - WeChat's algorithm


def add_card_signature(*, api_ticket: str, timestamp: int, nonce_str: str, card_id: str, code: str, openid: str) -> str:
    """The ``signature`` of a ``wx.addCard`` card's ``cardExt``."""
    return card_signature(api_ticket, str(timestamp), nonce_str, card_id, code, openid)


def choose_card_signature(
    *, api_ticket: str, app_id: str, timestamp: int, nonce_str: str, location_id: str, card_id: str, card_type: str
) -> str:
    """The ``cardSign`` of a ``wx.chooseCard`` call."""
    return card_signature(api_ticket, app_id, str(timestamp), nonce_str, location_id, card_id, card_type)
