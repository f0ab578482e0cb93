"""Daily call counters per app. WeChat's quota days turn over at midnight Beijing time (UTC+8)."""

BEIJING_UTC_OFFSET_SECONDS = 8 * 3600


def quota_day(now: float) -> int:
    """The Beijing-time day number of a unix time."""
    return int((now + BEIJING_UTC_OFFSET_SECONDS) // 86400)


class DailyCounter:
    """Counts per (app, counter name), forgotten when the day turns."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}

    def used(self, app_id: str, name: str, now: float) -> int:
        day, count = self._counts.get((app_id, name), (-1, 0))
        return count if day == quota_day(now) else 0

    def add(self, app_id: str, name: str, now: float) -> None:
        self._counts[(app_id, name)] = (quota_day(now), self.used(app_id, name, now) + 1)

    def clear(self, app_id: str | None = None) -> None:
        """Forget today's counts of one app (or every app), like WeChat's quota/clear."""
        for key in [key for key in self._counts if app_id is None or key[0] == app_id]:
            del self._counts[key]

    def clear_one(self, app_id: str, name: str) -> None:
        """Forget today's count of one app's one counter, like WeChat's ``openapi/quota/clear``."""
        self._counts.pop((app_id, name), None)

    def snapshot(self, app_id: str, now: float) -> dict[str, int]:
        return {name: self.used(owner, name, now) for owner, name in self._counts if owner == app_id}
