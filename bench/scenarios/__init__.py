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
}

# What a scenario that is not a wrk run will do, for the "running …" line.
PLANS: dict[str, Callable[[RunConfig], str]] = {
    notifier.NAME: notifier.plan,
    broker.CONFIRM_NAME: broker.plan,
    broker.QUORUM_NAME: broker.plan,
    core.NAME: core.plan,
    broker.RPC_NAME: broker.plan,
}
