"""What a login stores, what a code's exchange gives, and how both are kept in Redis (JSON)."""

import json
from dataclasses import asdict, dataclass
from typing import Any

from services.web.authorize import Scope

INVALID_CODE = "invalid_code"


@dataclass(frozen=True)
class Login:
    """A login on its way through WeChat's consent page, by the reference its ``state`` seals."""

    app_id: str
    scope: Scope
    return_to: str

    def encode(self) -> bytes:
        """``scope app_id return_to``: none of them holds a space (return_to passed check_page_url)."""
        return f"{self.scope.value} {self.app_id} {self.return_to}".encode()

    @classmethod
    def decode(cls, raw: bytes) -> "Login":
        scope, app_id, return_to = raw.decode().split(" ", 2)
        return cls(app_id, Scope(scope), return_to)


@dataclass(frozen=True)
class Identity:
    """Who the follower is, as the token service's exchange said; ``user`` for snsapi_userinfo."""

    openid: str
    unionid: str | None
    scope: str
    user: dict[str, Any] | None

    @classmethod
    def from_exchange(cls, body: Any) -> "Identity":
        """The token service's answer; ``ValueError`` when it is not one."""
        if not isinstance(body, dict) or not isinstance(body.get("openid"), str) or not body["openid"]:
            raise ValueError("no openid in the exchange's answer")
        unionid, user = body.get("unionid"), body.get("user")
        return cls(
            openid=body["openid"],
            unionid=unionid if isinstance(unionid, str) and unionid else None,
            scope=str(body.get("scope") or ""),
            user=user if isinstance(user, dict) else None,
        )

    def ticket_answer(self, app_id: str) -> bytes:
        """``GET /v1/web/tickets/{ticket}``'s body, stored with the ticket."""
        return json.dumps({"app_id": app_id, **asdict(self)}, ensure_ascii=False).encode()


@dataclass(frozen=True)
class Refused:
    """WeChat refused the code (invalid, expired or used): the reload of a callback gets the same."""

    reason: str = INVALID_CODE


Outcome = Identity | Refused


def encode_outcome(outcome: Outcome) -> bytes:
    if isinstance(outcome, Refused):
        return json.dumps({"refused": outcome.reason}).encode()
    return json.dumps({"identity": asdict(outcome)}, ensure_ascii=False).encode()


def decode_outcome(raw: bytes) -> Outcome:
    data = json.loads(raw)
    if "refused" in data:
        return Refused(str(data["refused"]))
    return Identity.from_exchange(data["identity"])
