"""Credentials (access_token, the JS-SDK jsapi_ticket, the 卡券 api_ticket) and the pure rules about them."""

import json
import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum

# WeChat's daily quotas reset at midnight in China.
CHINA = timezone(timedelta(hours=8))


class Kind(StrEnum):
    ACCESS_TOKEN = "access_token"
    JSAPI_TICKET = "jsapi_ticket"
    CARD_TICKET = "card_ticket"  # the 卡券 api_ticket (getticket type wx_card)


@dataclass(frozen=True)
class Credential:
    value: str
    expires_at: float  # unix seconds
    fetched_at: float  # unix seconds

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: bytes | str) -> "Credential":
        data = json.loads(raw)
        return cls(str(data["value"]), float(data["expires_at"]), float(data["fetched_at"]))

    def usable(self, now: float) -> bool:
        """Still worth handing out: not within the last tenth of its life (at most 30 s) of expiry."""
        safety = min(30.0, (self.expires_at - self.fetched_at) / 10)
        return now < self.expires_at - safety


def from_upstream(value: str, expires_in: float, now: float) -> Credential:
    return Credential(value=value, expires_at=now + expires_in, fetched_at=now)


def next_proactive_refresh(credential: Credential, now: float, *, margin: float, jitter: float, floor: float) -> float:
    """When (unix seconds) to replace ``credential``: ``margin`` before expiry, minus a random
    part of ``jitter``; never sooner than ``floor`` seconds from now (no busy loop when
    WeChat hands back a token that is already close to expiry)."""
    due = credential.expires_at - margin - random.uniform(0, jitter)
    return max(due, now + floor)


def may_refresh_passively(current: Credential | None, stale: str) -> bool:
    """Compare-and-refresh: fetch only while the caller's stale value is still the current one.

    Never held back by the credential's age: WeChat rejected it, so handing it out again
    guarantees another failure (README, "The token service", passive refresh).
    """
    return current is None or current.value == stale


def china_day(now: float) -> str:
    return datetime.fromtimestamp(now, CHINA).strftime("%Y%m%d")


def seconds_to_next_china_day(now: float) -> float:
    """Seconds until the next midnight in China, when WeChat's daily quotas (and ours) start again."""
    today = datetime.fromtimestamp(now, CHINA).replace(hour=0, minute=0, second=0, microsecond=0)
    return (today + timedelta(days=1)).timestamp() - now
