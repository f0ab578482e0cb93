"""``POST /v1/apps/{app_id}/card-signature``: what it accepts and what it answers, as pure functions.

Two kinds, told apart by ``kind`` (JS-SDK 附录4, ``shared.card_sign``):

- ``add_card`` — the ``signature`` of one card's ``cardExt`` for ``wx.addCard``:
  ``{"kind": "add_card", "card_id": "...", "code": "", "openid": ""}``. ``code`` only for a
  custom-code card, ``openid`` only for a card bound to one user (``bind_openid``).
- ``choose_card`` — the ``cardSign`` of ``wx.chooseCard``: ``{"kind": "choose_card",
  "card_id": "", "card_type": "", "location_id": ""}``, each optional (empty: any card, any
  type, any store; ``location_id`` is the call's ``shopId``).

The answer echoes the fields signed and adds ``timestamp``, ``nonce_str`` and ``signature``
(and, for ``choose_card``, ``app_id`` and ``sign_type``): the page passes them on as they are.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from shared.card_sign import add_card_signature, choose_card_signature
from shared.wechat.models.card import CardType

# WeChat's card ids are 28 characters of [A-Za-z0-9_-]; a code is at most 20 characters (card/code/deposit).
CardId = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
Code = Annotated[str, StringConstraints(max_length=20, pattern=r"^\S*$")]
OpenId = Annotated[str, StringConstraints(max_length=128, pattern=r"^[A-Za-z0-9_-]*$")]
# A store's poi_id (the shopId of wx.chooseCard): a number.
LocationId = Annotated[str, StringConstraints(max_length=20, pattern=r"^[0-9]*$")]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddCard(_Request):
    kind: Literal["add_card"]
    card_id: CardId
    code: Code = ""
    openid: OpenId = ""

    def answer(self, *, api_ticket: str, app_id: str, timestamp: int, nonce_str: str) -> dict[str, Any]:
        signature = add_card_signature(
            api_ticket=api_ticket, timestamp=timestamp, nonce_str=nonce_str,
            card_id=self.card_id, code=self.code, openid=self.openid,
        )  # fmt: skip
        return {**self.model_dump(), "timestamp": timestamp, "nonce_str": nonce_str, "signature": signature}


class ChooseCard(_Request):
    kind: Literal["choose_card"]
    card_id: CardId | Literal[""] = ""
    card_type: CardType | Literal[""] = ""
    location_id: LocationId = ""

    def answer(self, *, api_ticket: str, app_id: str, timestamp: int, nonce_str: str) -> dict[str, Any]:
        signature = choose_card_signature(
            api_ticket=api_ticket, app_id=app_id, timestamp=timestamp, nonce_str=nonce_str,
            location_id=self.location_id, card_id=self.card_id, card_type=self.card_type,
        )  # fmt: skip
        return {
            **self.model_dump(mode="json"), "app_id": app_id, "timestamp": timestamp, "nonce_str": nonce_str,
            "sign_type": "SHA1", "signature": signature,
        }  # fmt: skip


CardSignatureRequest = Annotated[AddCard | ChooseCard, Field(discriminator="kind")]
_REQUEST: TypeAdapter[AddCard | ChooseCard] = TypeAdapter(CardSignatureRequest)


def parse_request(body: object) -> AddCard | ChooseCard:
    """The request ``body`` (decoded JSON) asks for; ``ValueError`` naming each wrong field."""
    if not isinstance(body, dict):
        raise ValueError('a JSON object with "kind" ("add_card" or "choose_card") required')
    try:
        return _REQUEST.validate_python(body)
    except ValidationError as exc:
        raise ValueError(_reasons(exc)) from None


def _reasons(exc: ValidationError) -> str:
    reasons = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"] if part not in ("add_card", "choose_card"))
        reasons.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return "; ".join(reasons)
