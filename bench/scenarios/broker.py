"""RabbitMQ alone, at the gateway's concurrency: the floor under the gateway and reply-path goals.

``broker``: ``--connections`` lanes publish gateway events (persistent, mandatory, confirmed,
through ``shared.broker``'s RabbitMQ adapter, the gateway's own publish path) into a durable
queue, each lane publishing again when its confirm arrives. Every 200 of the gateway waits
for such a confirm, so no gateway publishing into such a queue on this broker and machine
answers faster than this.

``broker-quorum``: the same into a quorum queue (what the prod overlay declares).

``broker-rpc``: the same publishes as reply requests, routed to a replies and an analytics
queue as the dispatcher's are; a responder process (``bench.broker_load.respond``) acks
both and answers each request at once. This is the passive-reply path without the gateway's
and the dispatcher's own work.

Each reports operations/s, the latency from publish to confirm (or reply), and the CPU of
the load process, the responder and RabbitMQ per operation; the goals' report compares
them with the gateway's and the reply path's goals. The queues are deleted after the run.
"""

import asyncio
import multiprocessing
import os
import secrets

from bench.broker import CatchQueue, delete_queues, queue_depths, service_queue_names
from bench.broker_load import Drive, drive, event_body, respond
from bench.measure import INFRA_PROCESSES, RunConfig
from bench.servers import ServerError
from bench.sysstat import CpuSampler, fixed, pids_named
from bench.throughput import Throughput
from shared.topology import QueueType, dispatcher_queues

CONFIRM_NAME = "broker"
QUORUM_NAME = "broker-quorum"
RPC_NAME = "broker-rpc"

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
LOAD = "load"  # the CPU group of this process (the lanes, plus the harness's sampler thread)
RESPONDER = "responder"
READY_TIMEOUT = 30.0


def plan(cfg: RunConfig) -> str:
    return f"{cfg.warmup} s warm-up + {cfg.duration} s, {cfg.connections} in flight, RabbitMQ only"


def run_confirm(cfg: RunConfig) -> Throughput:
    """Into a classic queue, as the gateway scenario's."""
    return _run_confirm(cfg, CONFIRM_NAME, "classic")


def run_confirm_quorum(cfg: RunConfig) -> Throughput:
    return _run_confirm(cfg, QUORUM_NAME, "quorum")


def _run_confirm(cfg: RunConfig, name: str, queue_type: QueueType) -> Throughput:
    app_id = "wxbroker" + secrets.token_hex(4)
    queue = CatchQueue.for_app(AMQP_URL, app_id, cfg, queue_type)
    queue.declare()
    sampler = _sampler()
    try:
        with sampler:
            result = _drive(cfg, app_id, rpc=False)
        stored = queue.settled_count(at_least=result.warmup_ops + result.count)
    finally:
        delete_queues(AMQP_URL, [queue.name])
    throughput = _throughput(name, f"broker alone (confirms, {queue_type})", result, sampler, rpc=False)
    confirmed = result.warmup_ops + result.count
    throughput.notes.append(f"on the queue after the run: {stored} of {confirmed} confirmed (warm-up included)")
    throughput.checks["every_confirm_stored"] = stored >= confirmed
    return throughput


def run_rpc(cfg: RunConfig) -> Throughput:
    app_id = "wxbroker" + secrets.token_hex(4)
    prefix = f"bench-{app_id}"
    replies, analytics = dispatcher_queues(prefix, f"{app_id}.#", "classic")
    names = service_queue_names(prefix, ["replies", "analytics"])
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    responder = context.Process(target=respond, args=(AMQP_URL, replies, analytics, ready, stop), daemon=True)
    sampler = _sampler()
    try:
        responder.start()
        if not ready.wait(READY_TIMEOUT):
            raise ServerError(f"the broker responder did not start within {READY_TIMEOUT:.0f} s")
        sampler.track(RESPONDER, lambda: [responder.pid] if responder.pid is not None and responder.is_alive() else [])
        with sampler:
            result = _drive(cfg, app_id, rpc=True)
    finally:
        stop.set()
        responder.join(10)
        leftovers = queue_depths(AMQP_URL, names)
        delete_queues(AMQP_URL, names)
    throughput = _throughput(RPC_NAME, "broker alone (reply requests)", result, sampler, rpc=True)
    nonzero = {name: n for name, n in leftovers.items() if n}
    if nonzero:
        throughput.notes.append(f"messages left on the queues when the responder stopped: {nonzero}")
    return throughput


def _sampler() -> CpuSampler:
    sampler = CpuSampler()
    sampler.track(LOAD, fixed([os.getpid()]))
    for name, pids in pids_named(*INFRA_PROCESSES).items():
        if pids:
            sampler.track(name, fixed(pids))
    return sampler


def _drive(cfg: RunConfig, app_id: str, *, rpc: bool) -> Drive:
    routing_key = f"{app_id}.event.view"
    return asyncio.run(
        drive(
            AMQP_URL,
            routing_key,
            event_body(app_id),
            in_flight=cfg.connections,
            warmup_s=cfg.warmup,
            duration_s=cfg.duration,
            rpc=rpc,
        )
    )


def _throughput(name: str, label: str, result: Drive, sampler: CpuSampler, *, rpc: bool) -> Throughput:
    cpu, busy, steal = sampler.between(result.started, result.ended)
    throughput = Throughput(
        scenario=name,
        label=label,
        unit="answers" if rpc else "confirms",
        server=LOAD,
        count=result.count,
        duration_s=result.ended - result.started,
        cpu_s=cpu,
        machine_busy_pct=busy,
        machine_steal_pct=steal,
        latency_ms=result.percentiles_ms(),
        latency_label="from publish to " + ("reply" if rpc else "confirm") + " (closed loop)",
    )
    throughput.checks["no_failures"] = result.failures == 0
    if result.failures:
        throughput.notes.append(f"operations that failed or got no answer: {result.failures}")
    return throughput
