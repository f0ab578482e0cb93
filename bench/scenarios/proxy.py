"""The API proxy's calls (issue #15), against the fake WeChat adding ``LATENCY_MS`` to every call, beside
the same calls straight to the fake (bench/scenarios/proxy_system.py sets them up):

- ``proxy-get`` / ``proxy-post``: ``GET cgi-bin/user/info`` and the JSON ``POST cgi-bin/user/info/batchget``
  through one proxy process, at ``THROUGHPUT_CONNECTIONS`` (goal ≥ 2,000 calls/s each);
- ``direct-get`` / ``direct-post``: the same calls to the fake with the proxy's token (the fake's
  own CPU per call says whether it, not the proxy, could be the limit);
- ``proxy-latency-get`` / ``proxy-latency-post``: one connection through the proxy and one straight
  to the fake, side by side: the p50 the proxy adds at low load (goal ≤ 1 ms); beside them, one
  through bench/bare_forwarder.py, the least an aiohttp server can add by passing the call on.

``THROUGHPUT_CONNECTIONS`` callers each wait ``LATENCY_MS`` on WeChat, so no more than
connections / latency calls a second can be made (6,400): the goal's rate needs ≥ 40 at 20 ms.
Checks: every answer HTTP 200, and no call the fake answered with an errcode (it keeps a rid for each).
"""

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager

from bench.measure import Measurement, RunConfig, measure
from bench.paired import PairedMeasurement, Side, measure_side_by_side
from bench.scenarios.proxy_system import ProxySystem, proxy_system, same_lines
from bench.servers import ServerProcess, base_env, free_port, python_argv, running

PROXY_GET, PROXY_POST, DIRECT_GET, DIRECT_POST = "proxy-get", "proxy-post", "direct-get", "direct-post"
LATENCY_GET, LATENCY_POST = "proxy-latency-get", "proxy-latency-post"
LATENCY_MS = 20
THROUGHPUT_CONNECTIONS = 128
LOW_LOAD_CONNECTIONS = 1
FORWARDER = "bare aiohttp forwarder"
CALLS = {"get": "GET cgi-bin/user/info", "post": "POST cgi-bin/user/info/batchget"}


def _line(system: ProxySystem, kind: str, *, direct: bool) -> str:
    return system.get_line(direct=direct) if kind == "get" else system.post_line(direct=direct)


def _checked(m: Measurement, system: ProxySystem) -> Measurement:
    paired = [m.baseline, *m.references.values()] if isinstance(m, PairedMeasurement) else []
    runs = [m.result, m.warmup, *paired]
    m.checks["all_200"] = all(set(run.statuses) == {200} for run in runs)
    failed = system.failed_calls()
    m.checks["no_wechat_errors"] = failed == 0
    if failed:
        m.notes.append(f"the fake answered {failed} calls with an errcode (GET /_control/rids)")
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    m.notes.append(f"fake WeChat latency {LATENCY_MS} ms; load average after the run {load}")
    return m


def _throughput(name: str, kind: str, *, direct: bool, cfg: RunConfig) -> Measurement:
    cfg = dataclasses.replace(cfg, connections=max(cfg.connections, THROUGHPUT_CONNECTIONS))
    label = f"{'direct' if direct else 'proxy'} {kind.upper()}"  # the table's column is 18 wide
    with proxy_system(cfg, name, latency_ms=LATENCY_MS) as system:
        server, url = (system.fake, system.fake_url) if direct else (system.proxy, system.proxy_url)
        companions = (system.token,) if direct else system.companions
        m = measure(
            name, label, server, url + "/", same_lines(_line(system, kind, direct=direct)), cfg,
            wrk_env=system.wrk_env(direct=direct), companions=companions, distinct_requests=False,
        )  # fmt: skip
        m.notes.append(f"{CALLS[kind]}, {'straight to the fake' if direct else 'through the proxy'}")
        return _checked(m, system)


@contextmanager
def bare_forwarder(cfg: RunConfig, name: str, system: ProxySystem) -> Iterator[str]:
    """bench/bare_forwarder.py in front of the system's fake, with the account's token: its URL."""
    port = free_port()
    server = ServerProcess(
        f"{name}-forwarder",
        python_argv("-m", "bench.bare_forwarder", "--port", str(port), "--upstream", system.fake_url,
                    "--token", system.access_token()),
        env=base_env(), log_path=cfg.logdir / f"{name}-forwarder.log",
    )  # fmt: skip
    with running(server):
        server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=20)
        yield f"http://127.0.0.1:{port}"


def _low_load(name: str, kind: str, cfg: RunConfig) -> Measurement:
    cfg = dataclasses.replace(cfg, connections=LOW_LOAD_CONNECTIONS, threads=1)
    with proxy_system(cfg, name, latency_ms=LATENCY_MS) as system, bare_forwarder(cfg, name, system) as forwarder:
        proxied = _line(system, kind, direct=False)  # the forwarder takes the proxy's requests, key ignored
        proxy, direct = (
            Side(url + "/", _line(system, kind, direct=is_direct), system.wrk_env(direct=is_direct))
            for url, is_direct in ((system.proxy_url, False), (system.fake_url, True))
        )
        reference = Side(forwarder + "/", proxied, system.wrk_env(direct=False))
        label, baseline = f"proxy {kind.upper()} 1 conn", f"direct {CALLS[kind]}, 1 connection"
        m = measure_side_by_side(name, label, system.proxy, (proxy, direct), baseline, cfg, {FORWARDER: reference})
        return _checked(m, system)


def plan(cfg: RunConfig) -> str:
    connections = max(cfg.connections, THROUGHPUT_CONNECTIONS)
    return f"{cfg.warmup} s warm-up + {cfg.duration} s, {connections} connections, WeChat at {LATENCY_MS} ms"


def plan_low_load(cfg: RunConfig) -> str:
    return f"{cfg.warmup} s warm-up + {cfg.duration} s, 1 connection via the proxy beside 1 straight to the fake"


def run_proxy_get(cfg: RunConfig) -> Measurement:
    return _throughput(PROXY_GET, "get", direct=False, cfg=cfg)


def run_proxy_post(cfg: RunConfig) -> Measurement:
    return _throughput(PROXY_POST, "post", direct=False, cfg=cfg)


def run_direct_get(cfg: RunConfig) -> Measurement:
    return _throughput(DIRECT_GET, "get", direct=True, cfg=cfg)


def run_direct_post(cfg: RunConfig) -> Measurement:
    return _throughput(DIRECT_POST, "post", direct=True, cfg=cfg)


def run_latency_get(cfg: RunConfig) -> Measurement:
    return _low_load(LATENCY_GET, "get", cfg)


def run_latency_post(cfg: RunConfig) -> Measurement:
    return _low_load(LATENCY_POST, "post", cfg)
