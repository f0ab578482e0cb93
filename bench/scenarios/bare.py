"""Baseline: bench/bare_server.py (aiohttp + uvloop answering ``success``) under the callback load."""

from collections.abc import Mapping

from bench.callbacks import BenchAccount, location_callback_writer
from bench.measure import Measurement, RequestWriter, RunConfig, measure
from bench.servers import ServerProcess, base_env, free_port, python_argv, running

NAME = "bare"
LABEL = "bare aiohttp"


def measure_bare(
    name: str, label: str, cfg: RunConfig, writer: RequestWriter, *, wrk_env: Mapping[str, str] | None = None
) -> Measurement:
    """The bare server under ``writer``'s requests: the baseline a scenario's ratio is taken against.
    It ignores what it is sent, so a run that wraps around its file still measures the same thing."""
    port = free_port()
    server = ServerProcess(
        name,
        python_argv("-m", "bench.bare_server", "--port", str(port)),
        env={**base_env(), "PYTHONUNBUFFERED": "1"},
        log_path=cfg.logdir / f"{name}.log",
    )
    with running(server):
        server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=20)
        url = f"http://127.0.0.1:{port}/"
        return measure(name, label, server, url, writer, cfg, wrk_env=wrk_env, distinct_requests=False)


def run(cfg: RunConfig) -> Measurement:
    # The same request shape as the gateway gets (signed, encrypted, distinct); this server ignores it.
    return measure_bare(NAME, LABEL, cfg, location_callback_writer(BenchAccount.random()))
