"""Baseline: bench/bare_server.py (aiohttp + uvloop answering ``success``) under the callback load."""

from bench.callbacks import BenchAccount, view_callback_writer
from bench.measure import Measurement, RunConfig, measure
from bench.servers import ServerProcess, base_env, free_port, python_argv, running

NAME = "bare"
LABEL = "bare aiohttp"


def run(cfg: RunConfig) -> Measurement:
    # The same request shape as the gateway gets (signed, encrypted, distinct); this server ignores it.
    account = BenchAccount.random()
    port = free_port()
    server = ServerProcess(
        NAME,
        python_argv("-m", "bench.bare_server", "--port", str(port)),
        env={**base_env(), "PYTHONUNBUFFERED": "1"},
        log_path=cfg.logdir / "bare.log",
    )
    with running(server):
        server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=20)
        return measure(NAME, LABEL, server, f"http://127.0.0.1:{port}/", view_callback_writer(account), cfg)
