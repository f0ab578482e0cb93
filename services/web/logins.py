"""A login from start to ticket: where each step sends the browser, or why it is refused.

``start`` checks ``return_to``, stores the login under a fresh reference and
answers WeChat's authorize URL with the sealed ``state``. ``finish`` opens the
state, reads the login back, and answers where the browser goes: ``return_to``
with ``wx_ticket`` (an identity), ``wx_error=access_denied`` (no code: the
follower refused), ``wx_error=invalid_code`` (WeChat refused the code) or
``wx_error=temporarily_unavailable`` (the token service or WeChat failed). A
bad ``return_to`` or ``state`` is refused with 400 and sends nobody anywhere.
"""

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from redis.exceptions import RedisError

from services.web.authorize import Scope, authorize_url, callback_uri
from services.web.exchange import Exchanges
from services.web.hosts import AllowedHosts
from services.web.metrics import WebMetrics
from services.web.page_url import ERROR_PARAM, TICKET_PARAM, RefusedUrl, check_page_url, with_result
from services.web.records import Identity, Login, Refused
from services.web.state import BadState, open_state, seal
from services.web.store import WebStore
from services.web.token_client import Unavailable

ACCESS_DENIED = "access_denied"
INVALID_CODE = "invalid_code"
TEMPORARILY_UNAVAILABLE = "temporarily_unavailable"
# WeChat's codes are 32 characters of [A-Za-z0-9]; anything far from that is not sent on.
_CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_SCOPES = {scope.value: scope for scope in Scope}  # a dict lookup: a tenth of calling the enum


class Refusal(Exception):
    """A request to refuse with ``status`` and a JSON ``{"error": code, "message"}``."""

    def __init__(self, status: int, code: str, message: str, *, reason: str | None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.reason = status, code, message, reason


@dataclass(frozen=True)
class LoginConfig:
    secret: bytes
    public_url: str
    oauth_base: str
    login_ttl: int


class Logins:
    def __init__(
        self,
        config: LoginConfig,
        hosts: Mapping[str, AllowedHosts],
        store: WebStore,
        exchanges: Exchanges,
        metrics: WebMetrics,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._config, self._hosts, self._store, self._exchanges = config, hosts, store, exchanges
        self._metrics, self._clock = metrics, clock
        # WeChat's authorize URL up to the state, the same for every login of an account and scope.
        self._authorize = {
            (app_id, scope): authorize_url(
                config.oauth_base, app_id=app_id, redirect_uri=callback_uri(config.public_url, app_id), scope=scope,
                state="",
            ).removesuffix("#wechat_redirect")
            for app_id in hosts
            for scope in Scope
        }  # fmt: skip

    def _refuse(self, status: int, code: str, message: str, reason: str | None) -> Refusal:
        if reason is not None:
            self._metrics.refused[reason].inc()
        return Refusal(status, code, message, reason=reason)

    def _account_hosts(self, app_id: str) -> AllowedHosts:
        hosts = self._hosts.get(app_id)
        if hosts is None:
            raise self._refuse(404, "unknown_app", "no such account", None)
        return hosts

    async def start(self, app_id: str, return_to: str, scope: str | None) -> str:
        """WeChat's authorize URL for this login."""
        hosts = self._account_hosts(app_id)
        chosen = _SCOPES.get(scope or Scope.BASE.value)
        if chosen is None:
            raise self._refuse(400, "bad_request", "scope must be snsapi_base or snsapi_userinfo", "bad_request")
        try:
            check_page_url(return_to, hosts)
        except RefusedUrl as exc:
            raise self._refuse(400, "bad_return_to", f"return_to refused: {exc}", "bad_return_to") from None
        sealed = seal(self._config.secret, app_id, now=self._clock(), ttl=self._config.login_ttl)
        await self._store.save_login(sealed.reference, Login(app_id, chosen, return_to))
        self._metrics.started[chosen.value].inc()
        return self._authorize[app_id, chosen] + sealed.state + "#wechat_redirect"

    async def finish(self, app_id: str, state: str, code: str | None) -> str:
        """Where the callback sends the browser: always ``return_to``, with the result."""
        self._account_hosts(app_id)
        try:
            reference = open_state(self._config.secret, app_id, state, now=self._clock())
        except BadState as exc:
            reason = "expired_state" if exc.reason == "expired" else "bad_state"
            raise self._refuse(400, reason, f"state {exc.reason}: start the login again", reason) from None
        well_formed = code is not None and _CODE_SHAPE.fullmatch(code) is not None
        code_key = self._store.code_key(app_id, code) if code is not None and well_formed else None
        raw_login, cached = await self._store.login_and_result(reference, code_key)
        if raw_login is None:
            raise self._refuse(400, "expired_state", "the login expired: start it again", "expired_state")
        login = Login.decode(raw_login)
        if login.app_id != app_id:
            raise self._refuse(400, "bad_state", "state made for another account", "bad_state")
        if not code:
            return self._error(login, ACCESS_DENIED, "access_denied")
        if code_key is None:
            return self._error(login, INVALID_CODE, "invalid_code")
        try:
            outcome = await self._exchanges.outcome(app_id, code, code_key, cached)
        except Unavailable:
            return self._error(login, TEMPORARILY_UNAVAILABLE, "unavailable")
        if isinstance(outcome, Refused):
            return self._error(login, INVALID_CODE, "invalid_code")
        try:
            return await self._ticket(login, outcome)
        except RedisError:  # the identity is known but cannot be handed over: the page offers a retry
            return self._error(login, TEMPORARILY_UNAVAILABLE, "unavailable")

    def _error(self, login: Login, error: str, reason: str) -> str:
        self._metrics.refused[reason].inc()
        return with_result(login.return_to, ERROR_PARAM, error)

    async def _ticket(self, login: Login, identity: Identity) -> str:
        ticket = await self._store.issue_ticket(identity.ticket_answer(login.app_id))
        self._metrics.completed[login.scope.value].inc()
        return with_result(login.return_to, TICKET_PARAM, ticket)
