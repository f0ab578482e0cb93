"""The daily call counts in Redis (every request sent to WeChat, retries included), ``/quota``, and the
quota guard that refuses locally before WeChat's daily limit."""

import time
from typing import Any

from redis.asyncio import Redis

from services.proxy.quota import china_day, day_key
from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import AUTH, Client, ProxyFactory, wire
from tests.integration.proxy.test_contract import MENU, url


async def quota_of(proxy: Client, app_id: str) -> dict[str, Any]:
    response = await proxy.get(f"/v1/apps/{app_id}/quota", headers=AUTH)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


def calls(quota: dict[str, Any], path: str) -> tuple[int, int | None]:
    [row] = [row for row in quota["endpoints"] if row["path"] == path]
    return row["calls"], row["daily_limit"]


async def test_every_request_sent_is_counted_retries_included(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "errcode": -1, "count": 2})
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "errcode": 40001, "count": 1})
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200  # 3 attempts
    assert (await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)).status == 200  # 2
    assert (await proxy.get(url(app_id, "cgi-bin/getcallbackip"), headers=AUTH)).status in (200, 404)
    quota = await quota_of(proxy, app_id)
    assert (quota["app_id"], quota["date"]) == (app_id, china_day(time.time()))
    assert calls(quota, "cgi-bin/menu/get") == (3, 10000)
    assert calls(quota, "cgi-bin/menu/create") == (2, 1000)
    assert calls(quota, "cgi-bin/user/get") == (0, 500)
    assert calls(quota, "cgi-bin/getcallbackip") == (1, None)
    assert "cgi-bin/shorturl" not in {row["path"] for row in quota["endpoints"]}
    sent = [seen.path for seen in wire(fake_wechat)]
    assert sent.count("/cgi-bin/menu/get") == 3 and sent.count("/cgi-bin/menu/create") == 2


async def test_refusals_before_wechat_count_nothing(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await proxy.get(url(app_id, "cgi-bin/menu/create"), headers=AUTH)  # 405
    await proxy.get(url(app_id, "cgi-bin/menu/get"), params={"access_token": "x"}, headers=AUTH)  # 400
    quota = await quota_of(proxy, app_id)
    assert all(row["calls"] == 0 for row in quota["endpoints"])


async def test_the_counts_live_in_redis_under_the_china_day(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, redis: Redis
) -> None:
    await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    key = day_key(app_id, china_day(time.time()))
    assert await redis.hgetall(key) == {b"cgi-bin/menu/get": b"1"}
    assert 0 < await redis.ttl(key) <= 3 * 86_400


async def test_the_guard_refuses_before_the_daily_limit(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    # A limit of 4 at the fraction 0.5: two calls pass, the third is refused locally.
    proxy = await make_proxy(proxy_daily_limits={"cgi-bin/menu/get": 4}, proxy_quota_fraction=0.5)
    for _ in range(2):
        assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200
    refused = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert refused.status == 429
    body = await refused.json()
    assert body["error"] == "quota_exhausted"
    assert "cgi-bin/menu/get" in body["message"]
    assert 0 < int(refused.headers["Retry-After"]) <= 86_400
    assert [seen.path for seen in wire(fake_wechat)] == ["/cgi-bin/menu/get"] * 2
    assert calls(await quota_of(proxy, app_id), "cgi-bin/menu/get") == (2, 4)
    # Other endpoints and other accounts are not held back.
    assert (await proxy.get(url(app_id, "cgi-bin/get_current_selfmenu_info"), headers=AUTH)).status == 200


async def test_the_guard_uses_the_catalogues_limit_and_the_fraction(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str, redis: Redis
) -> None:
    proxy = await make_proxy(proxy_quota_fraction=0.95)
    await redis.hset(day_key(app_id, china_day(time.time())), "cgi-bin/menu/create", 949)
    assert (await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)).status == 200
    refused = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (refused.status, (await refused.json())["error"]) == (429, "quota_exhausted")
    assert calls(await quota_of(proxy, app_id), "cgi-bin/menu/create") == (950, 1000)


async def test_a_retry_is_counted_past_the_guard(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    """The guard admits a call, not each of its attempts: a retry it admitted is never cut short."""
    proxy = await make_proxy(proxy_daily_limits={"cgi-bin/menu/get": 1}, proxy_quota_fraction=1.0)
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "errcode": -1, "count": 1})
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200
    assert calls(await quota_of(proxy, app_id), "cgi-bin/menu/get") == (2, 1)
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 429


async def test_without_redis_calls_pass_uncounted(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    proxy = await make_proxy(redis_url="redis://127.0.0.1:9/0", proxy_daily_limits={"cgi-bin/menu/get": 1})
    for _ in range(3):  # the guard would refuse the second: it fails open
        assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200
    response = await proxy.get(f"/v1/apps/{app_id}/quota", headers=AUTH)
    assert (response.status, (await response.json())["error"]) == (503, "store_unavailable")
    metrics = await (await proxy.get("/metrics")).text()
    assert "wxmp_proxy_quota_store_errors_total 3.0" in metrics
    ready = await proxy.get("/readyz")
    assert ready.status == 200
    assert await ready.json() == {"status": "degraded", "checks": {"redis": False, "token_service": True}}


async def test_far_below_the_guard_a_call_is_counted_on_its_way_and_the_count_is_in_with_the_answer(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str, redis: Redis
) -> None:
    # 200,000 a day at 0.95 allows 190,000; the headroom is 1,900.
    proxy = await make_proxy(proxy_daily_limits={"cgi-bin/menu/get": 200_000}, proxy_quota_fraction=0.95)
    key = day_key(app_id, china_day(time.time()))
    for expected in (1, 2, 3):  # the first is counted first (nothing seen yet), the next ones on their way
        assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200
        assert await redis.hget(key, "cgi-bin/menu/get") == str(expected).encode()


async def test_within_the_headroom_each_call_waits_for_the_guard(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str, redis: Redis
) -> None:
    proxy = await make_proxy(proxy_daily_limits={"cgi-bin/menu/get": 200_000}, proxy_quota_fraction=0.95)
    key = day_key(app_id, china_day(time.time()))
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200  # seen: 1
    # Other replicas' calls bring the day to the guard's last call: this replica learns it with its next one.
    await redis.hset(key, "cgi-bin/menu/get", 189_998)
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200  # 189,999, seen now
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200  # asked first: 190,000
    refused = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert (refused.status, (await refused.json())["error"]) == (429, "quota_exhausted")
    assert await redis.hget(key, "cgi-bin/menu/get") == b"190000"
