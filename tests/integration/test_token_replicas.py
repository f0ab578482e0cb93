"""Three token-service replicas as separate processes over real Redis and the fake WeChat:
one upstream fetch per refresh, whatever the number of replicas and callers."""

import asyncio
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from typing import Any

import aiohttp
import pytest

from tests.conftest import REDIS_URL, FakeWeChat
from tests.integration.processes import free_port, redis_server, start_service, stop, wait_ready

API_KEY = "replica-key-8e1d"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


class Replicas:
    def __init__(self, urls: list[str], session: aiohttp.ClientSession, app_id: str) -> None:
        self.urls = urls
        self.session = session
        self.app_id = app_id

    async def token(self, i: int) -> tuple[int, dict[str, Any]]:
        url = f"{self.urls[i % len(self.urls)]}/v1/apps/{self.app_id}/access-token"
        async with self.session.get(url, headers=AUTH) as response:
            return response.status, await response.json()

    async def refresh(self, i: int, stale: str) -> dict[str, Any]:
        status, body = await self.try_refresh(i, stale)
        assert status == 200, body
        return body

    async def try_refresh(self, i: int, stale: str) -> tuple[int, dict[str, Any]]:
        url = f"{self.urls[i % len(self.urls)]}/v1/apps/{self.app_id}/access-token/refresh"
        async with self.session.post(url, headers=AUTH, json={"stale_token": stale}) as response:
            body: dict[str, Any] = await response.json()
            return response.status, body


async def start_replicas(fake: FakeWeChat, redis_url: str, count: int = 3, **env: str) -> Replicas:
    """``count`` replicas with the shipped settings but for ``env``."""
    ports = [free_port() for _ in range(count)]
    common = {
        "REDIS_URL": redis_url,
        "WECHAT_APP_ID": fake.app_id,
        "WECHAT_APP_SECRET": fake.app_secret,
        "WECHAT_API_BASE": fake.base_url,
        "INTERNAL_API_KEY": API_KEY,
        "LOG_LEVEL": "INFO",
    } | env
    processes = [start_service("token", common | {"PORT": str(port)}) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    REPLICAS.extend(processes)
    await asyncio.gather(*(wait_ready(url, p) for url, p in zip(urls, processes, strict=True)))
    return Replicas(urls, aiohttp.ClientSession(), fake.app_id)


REPLICAS: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _stop_replicas() -> Iterator[None]:
    yield
    outputs = [stop(p) for p in REPLICAS]
    REPLICAS.clear()
    for output in outputs:
        assert API_KEY not in output and "fake-wechat-secret" not in output


@pytest.fixture
async def replicas(services: None, fake_wechat: FakeWeChat) -> AsyncIterator[Replicas]:
    group = await start_replicas(fake_wechat, REDIS_URL)
    yield group
    await group.session.close()


async def fetches(fake: FakeWeChat, path: str = "/cgi-bin/token") -> int:
    return int((await fake.control("calls")).get(path, {}).get(fake.app_id, 0))


async def storm(replicas: Replicas, stale: str, callers: int = 200) -> set[str]:
    """``callers`` concurrent refreshes of ``stale`` spread over the replicas; the tokens they were answered."""
    bodies = await asyncio.gather(*(replicas.refresh(i, stale) for i in range(callers)))
    return {body["access_token"] for body in bodies}


async def test_300_cold_requests_across_3_replicas_cause_one_fetch(replicas: Replicas, fake_wechat: FakeWeChat) -> None:
    answers = await asyncio.gather(*(replicas.token(i) for i in range(300)))
    assert {status for status, _ in answers} == {200}
    assert len({body["access_token"] for _, body in answers}) == 1
    assert await fetches(fake_wechat) == 1


async def test_a_passive_refresh_storm_with_one_stale_token_causes_one_fetch(
    replicas: Replicas, fake_wechat: FakeWeChat
) -> None:
    _, first = await replicas.token(0)
    stale = first["access_token"]  # rejected by WeChat right after the fetch
    new_tokens = await storm(replicas, stale)
    assert len(new_tokens) == 1 and stale not in new_tokens  # every caller, on every replica, got the new one
    assert await fetches(fake_wechat) == 2
    # Every replica now serves the new token (none serves the one it knows is replaced).
    served = await asyncio.gather(*(replicas.token(i) for i in range(3)))
    assert {body["access_token"] for _, body in served} == new_tokens
    # A refresh naming a token that is no longer current fetches nothing.
    again = await asyncio.gather(*(replicas.refresh(i, stale) for i in range(30)))
    assert {body["access_token"] for body in again} == new_tokens
    assert await fetches(fake_wechat) == 2
    # The new token rejected at once too: one more fetch, again for all.
    [second] = new_tokens
    newer = await storm(replicas, second)
    assert len(newer) == 1 and not newer & {stale, second}
    assert await fetches(fake_wechat) == 3


async def test_a_stable_token_storm_forces_once_across_replicas(services: None, fake_wechat: FakeWeChat) -> None:
    group = await start_replicas(fake_wechat, REDIS_URL, TOKEN_UPSTREAM_MODE="stable_token")
    try:
        _, first = await group.token(0)
        stale = first["access_token"]
        new_tokens = await storm(group, stale)
        assert len(new_tokens) == 1 and stale not in new_tokens
        # The first fetch, then one normal call handing back the rejected token and one forced call.
        assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 3
        # Past WeChat's 30 s between forced refreshes: every caller gets an error, none the rejected token.
        [second] = new_tokens
        answers = await asyncio.gather(*(group.try_refresh(i, second) for i in range(60)))
        assert {status for status, _ in answers} == {429}
        assert {body["error"] for _, body in answers} == {"force_refresh_limit"}
        # A refusal is remembered for the token it names: at most one normal call per replica asked WeChat.
        assert await fetches(fake_wechat, "/cgi-bin/stable_token") <= 3 + 3
    finally:
        await group.session.close()


async def test_the_quota_guard_holds_across_replicas(services: None, fake_wechat: FakeWeChat) -> None:
    group = await start_replicas(fake_wechat, REDIS_URL, DAILY_FETCH_LIMIT="2")
    try:
        _, first = await group.token(0)
        [second] = await storm(group, first["access_token"])
        answers = await asyncio.gather(*(group.try_refresh(i, second) for i in range(60)))
        assert {status for status, _ in answers} == {429}
        assert {body["error"] for _, body in answers} == {"quota_guard"}
        assert await fetches(fake_wechat) == 2
    finally:
        await group.session.close()


async def test_the_token_is_replaced_before_it_expires_without_any_caller(
    services: None, fake_wechat: FakeWeChat
) -> None:
    await fake_wechat.control("token-lifetime", {"seconds": 12})
    group = await start_replicas(fake_wechat, REDIS_URL, REFRESH_MARGIN_SECONDS="6", REFRESH_JITTER_SECONDS="1")
    try:
        _, first = await group.token(0)
        deadline = first["expires_at"]
        while await fetches(fake_wechat) < 2:
            assert time.time() < deadline, "not replaced before expiry"
            await asyncio.sleep(0.1)
        assert time.time() < deadline
        # The fake counts the fetch as it arrives; the new token is stored and announced just after.
        while True:
            served = {body["access_token"] for _, body in await asyncio.gather(*(group.token(i) for i in range(3)))}
            if served != {first["access_token"]} and len(served) == 1:
                break
            assert time.time() < deadline, f"replicas serve {len(served)} tokens"
            await asyncio.sleep(0.05)
        assert await fetches(fake_wechat) == 2  # one proactive fetch for all three replicas
    finally:
        await group.session.close()


async def test_replicas_keep_answering_while_redis_restarts(services: None, fake_wechat: FakeWeChat) -> None:
    port = free_port()
    with ExitStack() as stack:
        redis = stack.enter_context(redis_server(port))
        group = await start_replicas(fake_wechat, f"redis://127.0.0.1:{port}/0")
        try:
            _, before = await group.token(0)
            redis.terminate()
            redis.wait(timeout=10)
            during = await asyncio.gather(*(group.token(i) for i in range(30)))
            assert {status for status, _ in during} == {200}
            assert {body["access_token"] for _, body in during} == {before["access_token"]}
            async with group.session.get(group.urls[1] + "/readyz") as degraded:
                assert degraded.status == 200  # serving from memory: stays in service
                assert (await degraded.json())["status"] == "degraded"
            stack.enter_context(redis_server(port))  # back, and empty
            after = await asyncio.gather(*(group.token(i) for i in range(30)))
            assert {status for status, _ in after} == {200}
            ready = await group.session.get(group.urls[0] + "/readyz")
            assert ready.status == 200
        finally:
            await group.session.close()
