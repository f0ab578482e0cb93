"""Benchmark scenarios: each module has NAME, LABEL and ``run(cfg) -> Measurement``.

Add a scenario (token-service GET, passive-reply path, notifier throughput …)
as a module here and register it in ``SCENARIOS``; ``--only`` picks by NAME.
"""

from collections.abc import Callable

from bench.measure import Measurement, RunConfig
from bench.scenarios import bare as bare
from bench.scenarios import gateway as gateway

Scenario = Callable[[RunConfig], Measurement]

SCENARIOS: dict[str, Scenario] = {
    bare.NAME: bare.run,
    gateway.NAME: gateway.run,
}
