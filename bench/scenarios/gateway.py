"""The real gateway (``python -m services.gateway``) under fresh safe-mode LOCATION callbacks.

Every callback is distinct, so each one is verified, decrypted, parsed, claimed
in Redis and published with a broker confirm into a real (durable) queue. After
the run the queue must hold an event for every 200 the gateway answered.
"""

import os
import sys

from aiormq.exceptions import AMQPError

from bench.broker import CatchQueue
from bench.callbacks import BenchAccount, location_callback_writer
from bench.measure import Measurement, RunConfig, measure
from bench.servers import LOG_SAMPLE_LINES, ServerProcess, base_env, free_port, python_argv, running

NAME = "gateway"
LABEL = "gateway (safe)"

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def run(cfg: RunConfig) -> Measurement:
    account = BenchAccount.random()
    port = free_port()
    queue = CatchQueue.for_app(AMQP_URL, account.app_id, cfg)
    server = ServerProcess(
        NAME,
        python_argv("-m", "services.gateway"),
        env={
            **base_env(),
            **account.env(),
            "AMQP_URL": AMQP_URL,
            "REDIS_URL": REDIS_URL,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        },
        log_path=cfg.logdir / "gateway.log",
    )
    queue.declare()
    try:
        with running(server):
            server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=60)
            measurement = measure(
                NAME, LABEL, server, f"http://127.0.0.1:{port}/", location_callback_writer(account), cfg
            )
            check_queue(measurement, queue)
            sample_log(measurement, server)
        return measurement
    finally:
        delete_quietly(queue)


def delete_quietly(queue: CatchQueue) -> None:
    """Delete the queue; a broker gone by now must not hide the error that got us here (x-expires cleans up)."""
    try:
        queue.delete()
    except (ConnectionError, AMQPError) as exc:
        print(f"warning: could not delete queue {queue.name}: {exc}", file=sys.stderr)


def check_queue(measurement: Measurement, queue: CatchQueue) -> None:
    """Every 200 (warm-up included) must be on the queue; requests wrk left in flight may add a few."""
    ok = measurement.warmup.ok + measurement.result.ok
    in_flight = measurement.warmup.unanswered + measurement.result.unanswered
    count = queue.settled_count(at_least=ok)
    stored = min(count, ok)
    line = f"confirmed events on the queue: {stored} of {ok} answered 200 (warm-up included)"
    if count > ok:
        line += f"; queue holds {count}: +{count - ok} from requests still in flight when wrk stopped (≤ {in_flight})"
    elif count < ok:
        line += f" — {ok - count} MISSING"
    measurement.notes.insert(0, line)
    measurement.checks["every_200_stored"] = ok <= count <= ok + in_flight
    measurement.extra["queue"] = {"messages": count, "ok_responses": ok, "unanswered_at_stop": in_flight}


def sample_log(measurement: Measurement, server: ServerProcess) -> None:
    lines = server.log_lines()
    measurement.extra["log"] = {"path": str(server.log_path), "lines": len(lines)}
    if lines and (measurement.result.non_2xx or measurement.warmup.non_2xx):
        measurement.extra["log"]["sample"] = lines[:LOG_SAMPLE_LINES]
