"""A code's exchange, once: the reload, the back button and a double tap all get the first answer.

WeChat accepts a code once (a second exchange is ``40163 code been used``). The
outcome (an identity, or WeChat's refusal) is kept in Redis by a keyed hash of
the code for as long as codes live. Concurrent callbacks with the same code
share one exchange: in this process through one task, across replicas through a
claim in Redis that the others wait out, reading the outcome it leaves.
"""

import asyncio
from collections.abc import Callable

import structlog
from redis.exceptions import RedisError

from services.web.records import Outcome, decode_outcome, encode_outcome
from services.web.store import WebStore
from services.web.token_client import TokenServiceClient, Unavailable

log = structlog.get_logger(__name__)

_POLL_SECONDS = 0.05


class Exchanges:
    def __init__(
        self,
        store: WebStore,
        token_service: TokenServiceClient,
        *,
        hold_seconds: float,
        on_exchange: Callable[[str], None] = lambda _result: None,  # "identity", "refused" or "unavailable"
    ) -> None:
        self._store = store
        self._token_service = token_service
        self._hold = hold_seconds
        self._on_exchange = on_exchange
        self._running: dict[str, asyncio.Future[Outcome]] = {}

    async def outcome(self, app_id: str, code: str, code_key: str, cached: bytes | None) -> Outcome:
        """What the code gives; ``cached`` is the stored outcome read with the login, if any."""
        if cached is not None:
            return decode_outcome(cached)
        running = self._running.get(code_key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._running[code_key] = future
        try:
            outcome = await self._once(app_id, code, code_key)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        else:
            future.set_result(outcome)
            return outcome
        finally:
            del self._running[code_key]

    async def _once(self, app_id: str, code: str, code_key: str) -> Outcome:
        try:
            claimed, kept = await self._store.claim(code_key, hold_seconds=self._hold)
        except RedisError as exc:
            raise Unavailable(f"store unavailable: {type(exc).__name__}") from None
        if kept is not None:  # another callback finished the exchange after the login was read
            if claimed:
                await self._let_go(app_id, code_key, None)
            return decode_outcome(kept)
        if not claimed:
            return await self._wait_for(code_key)
        outcome: Outcome | None = None
        try:
            outcome = await self._token_service.exchange(app_id, code)
            self._on_exchange(type(outcome).__name__.lower())
            return outcome
        except Unavailable:
            self._on_exchange("unavailable")
            raise
        finally:
            await self._let_go(app_id, code_key, encode_outcome(outcome) if outcome is not None else None)

    async def _let_go(self, app_id: str, code_key: str, result: bytes | None) -> None:
        """Keep ``result`` and release the claim; without Redis the claim expires on its own."""
        try:
            await self._store.settle(code_key, result)
        except RedisError as exc:
            log.warning("code_result_not_kept", app_id=app_id, error=type(exc).__name__)

    async def _wait_for(self, code_key: str) -> Outcome:
        """Another replica is exchanging the code: its outcome, once it is kept."""
        deadline = asyncio.get_running_loop().time() + self._hold
        while asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(_POLL_SECONDS)
            try:
                found, pending = await self._store.result(code_key)
            except RedisError as exc:
                raise Unavailable(f"store unavailable: {type(exc).__name__}") from None
            if found is not None:
                return decode_outcome(found)
            if not pending:
                raise Unavailable("another callback's exchange of this code failed")
        raise Unavailable("another callback's exchange of this code did not finish")
