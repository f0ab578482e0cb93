"""Waiting for a condition with a deadline (never a guessed sleep)."""

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable

# Seconds an expected outcome may take before the test fails (a pass takes milliseconds).
WAIT = 5.0


async def eventually(
    probe: Callable[[], bool | Awaitable[bool]], *, within: float = WAIT, every: float = 0.01, what: str = "condition"
) -> float:
    """Poll ``probe`` (plain or async) until it is true; the seconds that took. Fails the test after ``within``."""
    start = time.monotonic()
    while True:
        outcome = probe()
        if await outcome if inspect.isawaitable(outcome) else outcome:
            return time.monotonic() - start
        if time.monotonic() - start > within:
            raise AssertionError(f"{what} not met within {within} s")
        await asyncio.sleep(every)
