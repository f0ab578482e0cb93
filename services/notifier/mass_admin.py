"""What the broadcast administration routes accept (pure, no I/O): the ``article_idx`` a deletion
takes (0 or absent: the whole broadcast, else an article's index from 1) and the speed
``message/mass/speed/set`` takes (0 fastest … 4 slowest, ``Speed``)."""

from collections.abc import Mapping
from typing import Any

from services.notifier.messages import InvalidMessage
from shared.wechat.models.mass import Speed

MAX_ARTICLES = 8  # a broadcast's articles (一个图文消息最多 8 篇)


def article_idx_of(query: Mapping[str, str]) -> int:
    """``article_idx`` from the query string: 0 when absent."""
    raw = query.get("article_idx", "0")
    if not raw.isascii() or not raw.isdigit() or not 0 <= int(raw) <= MAX_ARTICLES:
        raise InvalidMessage(
            "article_idx", f"must be 0 (the whole broadcast) or an article's index, 1 to {MAX_ARTICLES}"
        )
    return int(raw)


def speed_of(payload: Any) -> Speed:
    """``{"speed": 0..4}`` as a Speed."""
    speed = payload.get("speed") if isinstance(payload, dict) else None
    if not isinstance(speed, int) or isinstance(speed, bool) or speed not in tuple(Speed):
        raise InvalidMessage(
            "speed", "must be an integer from 0 (fastest, 80万 a minute) to 4 (slowest, 10万 a minute)"
        )
    return Speed(speed)
