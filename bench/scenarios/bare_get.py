"""Baseline for the token scenario: the bare aiohttp server under the same GET requests."""

import secrets

from bench.measure import Measurement, RunConfig, measure
from bench.scenarios.token import get_writer
from bench.servers import ServerProcess, base_env, free_port, python_argv, running

NAME = "bare-get"
LABEL = "bare aiohttp GET"


def run(cfg: RunConfig) -> Measurement:
    port = free_port()
    server = ServerProcess(
        NAME,
        python_argv("-m", "bench.bare_server", "--port", str(port)),
        env={**base_env(), "PYTHONUNBUFFERED": "1"},
        log_path=cfg.logdir / "bare-get.log",
    )
    with running(server):
        server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=20)
        app_id = "wxbench" + secrets.token_hex(4)
        wrk_env = {"BENCH_AUTHORIZATION": f"Bearer {secrets.token_hex(16)}"}
        return measure(NAME, LABEL, server, f"http://127.0.0.1:{port}/", get_writer(app_id), cfg, wrk_env=wrk_env)
