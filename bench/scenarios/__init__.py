"""Benchmark scenarios: each module has NAME, LABEL and ``run(cfg) -> Measurement``.

Add a scenario (token-service GET, passive-reply path, notifier throughput …)
as a module here and register it in ``SCENARIOS``; ``--only`` picks by NAME.
"""

from collections.abc import Callable

from bench.measure import Measurement, RunConfig
from bench.scenarios import bare as bare
from bench.scenarios import bare_get as bare_get
from bench.scenarios import gateway as gateway
from bench.scenarios import reply as reply
from bench.scenarios import token as token

Scenario = Callable[[RunConfig], Measurement]

SCENARIOS: dict[str, Scenario] = {
    bare.NAME: bare.run,
    gateway.NAME: gateway.run,
    reply.NAME: reply.run,
    bare_get.NAME: bare_get.run,
    token.NAME: token.run,
}
