"""What ``openapi/quota/get``, ``clear_quota`` and ``openapi/quota/clear`` report and reset: each app's
calls of each API today, the daily limits, ``clear_quota``'s allowance of 10 resets a month and
``openapi/quota/clear``'s of 50 (one API's count each).

The calls are counted by the edge in the state's ``DailyCounter`` under the API's path (Beijing
days, like every WeChat quota). A path's limit is the one set through ``POST /_control/api-quota``
(enforced: 45009 once reached), else the fake's own (``/cgi-bin/token``'s daily token calls), else
WeChat's documented default from the platform's catalogue (reported, not enforced), else 0.
"""

from datetime import UTC, datetime

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.quota import BEIJING_UTC_OFFSET_SECONDS
from shared.wechat.catalogue import default_catalogue

CLEARS_PER_MONTH = 10
PATH_CLEARS_PER_MONTH = 50  # openapi/quota/clear: "每个账号每月共50次清零操作机会"
NO_PERMISSION_PREFIXES = ("/sns/",)  # "/xxx/sns/xxx 这类接口不支持使用该接口"


def _documented_limits() -> dict[str, int]:
    return {"/" + e.path: e.daily_limit for e in default_catalogue() if e.daily_limit is not None}


def quota_month(now: float) -> str:
    return datetime.fromtimestamp(now + BEIJING_UTC_OFFSET_SECONDS, UTC).strftime("%Y-%m")


class Usage:
    def __init__(self) -> None:
        self._documented = _documented_limits()
        self._enforced: dict[tuple[str, str], int] = {}  # (app or "*", path) -> limit
        self._clears: dict[tuple[str, str], int] = {}  # (app, Beijing month) -> clear_quota calls
        self._path_clears: dict[tuple[str, str], int] = {}  # (app, Beijing month) -> openapi/quota/clear calls

    def enforce(self, path: str, daily_limit: int | None, app_id: str = "*") -> None:
        """Refuse ``path`` with 45009 past ``daily_limit`` calls a day (None: stop enforcing)."""
        if daily_limit is None:
            self._enforced.pop((app_id, path), None)
        else:
            self._enforced[(app_id, path)] = daily_limit

    def enforced_limit(self, app_id: str, path: str) -> int | None:
        return self._enforced.get((app_id, path), self._enforced.get(("*", path)))

    def limit(self, app_id: str, path: str, *, token_limit: int) -> int:
        enforced = self.enforced_limit(app_id, path)
        if enforced is not None:
            return enforced
        if path == "/cgi-bin/token":
            return token_limit
        return self._documented.get(path, 0)

    @staticmethod
    def check_path(cgi_path: object, known: frozenset[str]) -> str:
        """The path ``quota/get`` asks about: 76022 for ``/sns/`` APIs, 76021 for one the fake does not serve."""
        if not isinstance(cgi_path, str) or not cgi_path:
            raise ApiError(ErrCode.CGI_PATH_NOT_FOUND)
        if cgi_path.startswith(NO_PERMISSION_PREFIXES):
            raise ApiError(ErrCode.CGI_PATH_NO_PERMISSION)
        if cgi_path not in known:
            raise ApiError(ErrCode.CGI_PATH_NOT_FOUND)
        return cgi_path

    def use_clear(self, app_id: str, now: float) -> None:
        """One of the month's 10 ``clear_quota`` calls, or 48006."""
        key = (app_id, quota_month(now))
        used = self._clears.get(key, 0)
        if used >= CLEARS_PER_MONTH:
            raise ApiError(ErrCode.CLEAR_QUOTA_LIMIT)
        self._clears[key] = used + 1

    def use_path_clear(self, app_id: str, now: float) -> None:
        """One of the month's 50 ``openapi/quota/clear`` calls, or 48006 (WeChat documents no code of its own)."""
        key = (app_id, quota_month(now))
        used = self._path_clears.get(key, 0)
        if used >= PATH_CLEARS_PER_MONTH:
            raise ApiError(ErrCode.CLEAR_QUOTA_LIMIT)
        self._path_clears[key] = used + 1
