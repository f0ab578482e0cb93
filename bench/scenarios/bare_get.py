"""Baseline for the token scenario: the bare aiohttp server under the same GET requests."""

import secrets

from bench.measure import Measurement, RunConfig
from bench.scenarios.bare import measure_bare
from bench.scenarios.token import get_writer

NAME = "bare-get"
LABEL = "bare aiohttp GET"


def run(cfg: RunConfig) -> Measurement:
    app_id = "wxbench" + secrets.token_hex(4)
    wrk_env = {"BENCH_AUTHORIZATION": f"Bearer {secrets.token_hex(16)}"}
    return measure_bare(NAME, LABEL, cfg, get_writer(app_id), wrk_env=wrk_env)
