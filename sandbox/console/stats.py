"""Which days the stats page asks the dispatcher for: the last ``days`` China days (UTC+8), today included."""

from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
MAX_DAYS = 92  # the dispatcher's longest range


def stats_query(days: int, now: float) -> dict[str, str]:
    """``{"from": …, "to": …}`` for ``GET /v1/apps/{app_id}/stats``."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    today = datetime.fromtimestamp(now, CHINA).date()
    return {"from": (today - timedelta(days=days - 1)).isoformat(), "to": today.isoformat()}
