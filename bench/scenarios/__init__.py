"""Benchmark scenarios: each module has NAME and ``run(cfg)``.

A wrk scenario (LABEL, ``run(cfg) -> Measurement``) is a row of the table; a
throughput scenario (``run(cfg) -> Throughput``, e.g. the notifier draining a
backlog, or RabbitMQ alone at the gateway's concurrency) gets its own section,
and says what it will do in ``plan(cfg)`` (registered in ``PLANS``). Add a
scenario as a module here and register it in ``SCENARIOS``; ``--only`` picks by
NAME.
"""

from collections.abc import Callable

from bench.measure import Measurement, RunConfig
from bench.scenarios import bare as bare
from bench.scenarios import bare_get as bare_get
from bench.scenarios import broker as broker
from bench.scenarios import core as core
from bench.scenarios import gateway as gateway
from bench.scenarios import notifier as notifier
from bench.scenarios import peer as peer
from bench.scenarios import proxy as proxy
from bench.scenarios import proxy_upload as proxy_upload
from bench.scenarios import reply as reply
from bench.scenarios import token as token
from bench.scenarios import web as web
from bench.throughput import Throughput

Scenario = Callable[[RunConfig], Measurement | Throughput]

SCENARIOS: dict[str, Scenario] = {
    bare.NAME: bare.run,
    peer.NAME: peer.run,
    gateway.NAME: gateway.run,
    broker.CONFIRM_NAME: broker.run_confirm,
    broker.QUORUM_NAME: broker.run_confirm_quorum,
    core.NAME: core.run,
    reply.NAME: reply.run,
    broker.RPC_NAME: broker.run_rpc,
    bare_get.NAME: bare_get.run,
    token.NAME: token.run,
    notifier.NAME: notifier.run,
    web.BARE_NAME: web.run_bare,
    web.LOGIN_NAME: web.run_login,
    web.CALLBACK_NAME: web.run_callback,
    web.JSSDK_NAME: web.run_jssdk,
    proxy.DIRECT_GET: proxy.run_direct_get,
    proxy.PROXY_GET: proxy.run_proxy_get,
    proxy.DIRECT_POST: proxy.run_direct_post,
    proxy.PROXY_POST: proxy.run_proxy_post,
    proxy.LATENCY_GET: proxy.run_latency_get,
    proxy.LATENCY_POST: proxy.run_latency_post,
    proxy_upload.NAME: proxy_upload.run,
}

# What a scenario that is not a wrk run at --connections will do, for the "running …" line.
PLANS: dict[str, Callable[[RunConfig], str]] = {
    notifier.NAME: notifier.plan,
    broker.CONFIRM_NAME: broker.plan,
    broker.QUORUM_NAME: broker.plan,
    core.NAME: core.plan,
    broker.RPC_NAME: broker.plan,
    **dict.fromkeys((proxy.DIRECT_GET, proxy.PROXY_GET, proxy.DIRECT_POST, proxy.PROXY_POST), proxy.plan),
    **dict.fromkeys((proxy.LATENCY_GET, proxy.LATENCY_POST), proxy.plan_low_load),
    proxy_upload.NAME: proxy_upload.plan,
}
