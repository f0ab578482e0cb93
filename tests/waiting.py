"""Waiting for a condition with a deadline (never a guessed sleep)."""

import asyncio
import time
from collections.abc import Awaitable, Callable

# Seconds an expected outcome may take before the test fails (a pass takes milliseconds).
WAIT = 5.0


async def eventually(probe: Callable[[], Awaitable[bool]], *, within: float = WAIT, every: float = 0.01) -> float:
    """Poll ``probe`` until it is true; the seconds that took. Fails the test after ``within``."""
    start = time.monotonic()
    while not await probe():
        if time.monotonic() - start > within:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(every)
    return time.monotonic() - start
