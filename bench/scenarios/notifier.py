"""Notifier throughput: one notifier process (rate limit off) draining a backlog of template
messages into the fake WeChat, which adds 20 ms to every call (issue #5: ≥ 1,000 sends/s).

Set-up: the fake WeChat (``python -m sandbox.fake_wechat``, 20 ms latency) and the token
service (``python -m services.token``). The messages are enqueued through the notifier's
own batch API (``POST /v1/apps/{app_id}/template-messages/batch``, 10,000 a call: a status
record per message in Redis, a confirmed publish on ``wechat.commands``) served by a first
notifier process whose consumers are bound to nothing (``COMMAND_ACCOUNTS`` names no
account), into the measured notifier's sends queue, declared beforehand by the harness.
Then the measured notifier starts and drains the backlog: every message distinct (its own
openid, and the batch's per-message ``client_msg_id``).

Timing uses the fake's records (their ``wall`` time, on the system clock): the first
``WARMUP_RATE × --warmup`` sends are the warm-up (connections, token, JIT-less Python
warming its caches); the rate is the remaining sends over the time from the last warm-up
send to the last send. The CPU time of every process over exactly that window comes from
/proc, sampled every 50 ms and interpolated. Afterwards a short paced phase publishes
commands directly at ``PACED_RATE``/s to measure the latency from publish to the fake's
record (the 20 ms included); a backlog has no meaningful per-message latency.

Checks: the queue held every message before the start; the fake was called exactly once
per message and recorded each openid once; every batch reports all ``sent``, none failed.
Afterwards the queues of both notifiers (sends, reports, their ``.dead`` and ``.retry.N``
queues) are deleted, also on error, and so are the run's keys under ``wxmp:notifier:``
(idempotency keys by app_id, the records they point to, msgid and batch keys).

``BENCH_NOTIFIER_PREFETCH`` overrides the notifier's ``PREFETCH_COUNT`` (default 128).
"""

import asyncio
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aio_pika
import redis

from bench.broker import delete_queues, queue_depths, service_queue_names
from bench.callbacks import BenchAccount
from bench.measure import INFRA_PROCESSES, RunConfig
from bench.servers import ServerError, ServerProcess, base_env, free_port, python_argv, running, sample_logs
from bench.sysstat import CpuSampler, fixed, pids_named
from bench.throughput import Throughput
from shared.broker.rabbitmq import declare_queue
from shared.topology import COMMANDS_EXCHANGE, notifier_queues

NAME = "notifier"

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
PREFETCH = int(os.environ.get("BENCH_NOTIFIER_PREFETCH", "128"))
LATENCY_MS = 20  # the fake's added latency per call (issue #5)
SIZING_RATE = 2_000  # measured messages per second of --duration
MIN_MESSAGES, MAX_MESSAGES = 5_000, 100_000
WARMUP_RATE = 500  # warm-up messages per second of --warmup
BATCH_SIZE = 10_000  # the notifier's largest batch
PACED_RATE = 500  # sends/s of the latency phase (half the goal)
MAX_PACED_SECONDS = 4
MAX_ATTEMPTS = 6  # the notifier's default; its sends queue gets MAX_ATTEMPTS - 1 delay queues
STALL_SECONDS = 30.0  # no new send for this long: stop waiting
STATUS_PREFIX = "wxmp:notifier:"  # services/notifier/status.py StatusStore prefix
TEMPLATE_PATH = "/cgi-bin/message/template/send"
TEMPLATE_ID = "bench-template"


def plan(cfg: RunConfig) -> str:
    warm, measured = _sizes(cfg)
    return (
        f"{warm} warm-up + {measured} measured template messages (backlog), fake WeChat +{LATENCY_MS} ms a call, "
        f"prefetch {PREFETCH}; then {_paced_count(cfg)} paced at {PACED_RATE}/s for latency"
    )


def _sizes(cfg: RunConfig) -> tuple[int, int]:
    return WARMUP_RATE * cfg.warmup, min(max(SIZING_RATE * cfg.duration, MIN_MESSAGES), MAX_MESSAGES)


def _paced_count(cfg: RunConfig) -> int:
    return PACED_RATE * min(cfg.duration, MAX_PACED_SECONDS)


@dataclass(frozen=True)
class Enqueued:
    batch_ids: list[str]
    count: int
    seconds: float


@dataclass(frozen=True)
class Drain:
    calls: int  # template/send calls the fake counted when the wait ended
    waited_s: float
    stalled: bool


def run(cfg: RunConfig) -> Throughput:
    account = BenchAccount.random()
    app_id = account.app_id
    api_key = secrets.token_hex(16)
    tag = secrets.token_hex(3)
    warm, measured = _sizes(cfg)
    total, paced = warm + measured, _paced_count(cfg)
    fake_port, token_port, enqueuer_port, port = free_port(), free_port(), free_port(), free_port()
    prefix, enqueuer_prefix = f"bench-{app_id}", f"bench-{app_id}-enqueuer"
    fake_url, notifier_url = f"http://127.0.0.1:{fake_port}", f"http://127.0.0.1:{port}"
    quiet = {"HOST": "127.0.0.1", "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
    fake = ServerProcess(
        "fake-wechat",
        python_argv("-m", "sandbox.fake_wechat"),
        env={
            **base_env(),
            **quiet,
            "PORT": str(fake_port),
            "FAKE_WECHAT_APPS": f"{app_id}:{account.app_secret}",
            "FAKE_WECHAT_LATENCY_MS": str(LATENCY_MS),
        },
        log_path=cfg.logdir / "notifier-fake-wechat.log",
    )
    common = {
        **base_env(),
        **quiet,
        "WECHAT_APP_ID": app_id,
        "WECHAT_APP_SECRET": account.app_secret,
        "WECHAT_API_BASE": fake_url,
        "REDIS_URL": REDIS_URL,
        "INTERNAL_API_KEY": api_key,
    }
    token = ServerProcess(
        "token",
        python_argv("-m", "services.token"),
        env={**common, "PORT": str(token_port)},
        log_path=cfg.logdir / "notifier-token.log",
    )
    notifier_env = {
        **common,
        "AMQP_URL": AMQP_URL,
        "TOKEN_SERVICE_URL": f"http://127.0.0.1:{token_port}",
        "RATE_LIMIT_PER_SECOND": "0",
        "MAX_ATTEMPTS": str(MAX_ATTEMPTS),
        "PREFETCH_COUNT": str(PREFETCH),
    }
    # Serves the batch API only: its sends queue is bound to a routing word no command carries.
    enqueuer = ServerProcess(
        "notifier-enqueuer",
        python_argv("-m", "services.notifier"),
        env={
            **notifier_env,
            "PORT": str(enqueuer_port),
            "QUEUE_PREFIX": enqueuer_prefix,
            "COMMAND_ACCOUNTS": f"{app_id}-enqueuer",
        },
        log_path=cfg.logdir / "notifier-enqueuer.log",
    )
    notifier = ServerProcess(
        NAME,
        python_argv("-m", "services.notifier"),
        env={**notifier_env, "PORT": str(port), "QUEUE_PREFIX": prefix, "COMMAND_ACCOUNTS": app_id},
        log_path=cfg.logdir / "notifier.log",
    )
    sampler = CpuSampler()
    for server in (notifier, fake, token):
        sampler.track(server.name, _pids_of(server))
    infra = pids_named(*INFRA_PROCESSES)
    for name, pids in infra.items():
        if pids:
            sampler.track(name, fixed(pids))

    batch_ids: list[str] = []
    queue_names = _names(prefix) + _names(enqueuer_prefix)
    try:
        with running(fake), running(token):
            fake.wait_ready(f"{fake_url}/_control/settings", timeout=20)
            token.wait_ready(f"http://127.0.0.1:{token_port}/readyz", timeout=30)
            asyncio.run(_declare_sends(prefix, app_id))
            with running(enqueuer):
                enqueuer.wait_ready(f"http://127.0.0.1:{enqueuer_port}/readyz", timeout=60)
                enqueued = _enqueue(f"http://127.0.0.1:{enqueuer_port}", api_key, app_id, tag, total, batch_ids)
            backlog = queue_depths(AMQP_URL, [f"{prefix}.sends"]).get(f"{prefix}.sends", -1)
            with sampler, running(notifier):
                drain = _wait_sent(fake_url, app_id, total, notifier)
                notifier.wait_ready(f"{notifier_url}/readyz", timeout=30)
                batches = _wait_batches(notifier_url, api_key, batch_ids)
                published: dict[str, float] = {}
                paced_drain = drain
                if not drain.stalled:
                    published = asyncio.run(_publish_paced(app_id, tag, paced))
                    paced_drain = _wait_sent(fake_url, app_id, total + len(published), notifier)
            sent = _fake_json(f"{fake_url}/_control/sent?app_id={app_id}&kind=template")
            calls = _template_calls(fake_url, app_id)
            fake_policy = _fake_json(f"{fake_url}/_control/settings")["policy"]
        leftovers = queue_depths(AMQP_URL, queue_names)
    finally:
        delete_queues(AMQP_URL, queue_names)
        _delete_keys(app_id, batch_ids)

    result = _result(sent, tag, warm, sampler, notifier.name)
    result.extra["prefetch_count"] = PREFETCH
    result.extra["fake_latency_ms"] = fake_policy.get("latency_ms")
    result.extra["messages"] = {"warmup": warm, "measured": measured, "paced": len(published)}
    _note_enqueue(result, enqueued, backlog)
    _check_sends(result, sent, calls, tag, total, published)
    _check_batches(result, batches, total)
    _latency(result, sent, published)
    _note_drain(result, drain, paced_drain, leftovers)
    servers = (notifier, enqueuer, token, fake)
    result.extra["logs"] = sample_logs(servers, result.notes, trouble=not all(result.checks.values()))
    return result


def _pids_of(server: ServerProcess) -> Callable[[], list[int]]:
    def pids() -> list[int]:
        return [server.pid] if server.alive() else []

    return pids


# --- load ---------------------------------------------------------------------------------------


async def _declare_sends(prefix: str, app_id: str) -> None:
    """The measured notifier's sends queue, exactly as it declares it, so the backlog waits for it."""
    sends, _reports = notifier_queues(prefix, app_id, "classic")
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        await declare_queue(await connection.channel(), sends)


def _openid(tag: str, phase: str, index: int) -> str:
    return f"o{tag}-{phase}-{index:07d}"


def _request(url: str, api_key: str, body: Any = None, *, timeout: float = 10.0) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url,
        data=data,
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def _enqueue(url: str, api_key: str, app_id: str, tag: str, total: int, batch_ids: list[str]) -> Enqueued:
    """``total`` distinct messages through the batch API (``batch_ids`` filled as they are made)."""
    started = time.perf_counter()
    for first in range(0, total, BATCH_SIZE):
        body = {
            "touser": [_openid(tag, "b", i) for i in range(first, min(first + BATCH_SIZE, total))],
            "template_id": TEMPLATE_ID,
            "url": "https://example.com/bench",
            "data": {"first": {"value": "bench"}, "keyword1": {"value": "throughput", "color": "#173177"}},
        }
        try:
            answer = _request(f"{url}/v1/apps/{app_id}/template-messages/batch", api_key, body, timeout=600)
        except urllib.error.HTTPError as exc:
            raise ServerError(f"batch API answered {exc.code}: {exc.read()[:300]!r}") from None
        batch_ids.append(str(answer["batch_id"]))
    return Enqueued(list(batch_ids), total, time.perf_counter() - started)


async def _publish_paced(app_id: str, tag: str, count: int) -> dict[str, float]:
    """``count`` commands straight onto ``wechat.commands`` at PACED_RATE/s; openid → wall time of its publish."""
    started: dict[str, float] = {}
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(COMMANDS_EXCHANGE.name)
        pending: list[asyncio.Task[Any]] = []
        t0 = time.monotonic()
        for i in range(count):
            delay = t0 + i / PACED_RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            openid = _openid(tag, "p", i)
            body = {
                "touser": openid,
                "template_id": TEMPLATE_ID,
                "data": {"first": {"value": "paced"}},
                "client_msg_id": f"bench-{tag}-p-{i}",
            }
            message = aio_pika.Message(
                json.dumps(body).encode(),
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                message_id=f"bench-{tag}-p-{i}",
            )
            started[openid] = time.time()
            pending.append(asyncio.create_task(exchange.publish(message, routing_key=f"{app_id}.template.send")))
        await asyncio.gather(*pending)
    return started


# --- waiting and reading the fake ----------------------------------------------------------------


def _fake_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def _template_calls(fake_url: str, app_id: str) -> int:
    calls: dict[str, dict[str, int]] = _fake_json(f"{fake_url}/_control/calls")
    return int(calls.get(TEMPLATE_PATH, {}).get(app_id, 0))


def _wait_sent(fake_url: str, app_id: str, target: int, notifier: ServerProcess) -> Drain:
    """Until the fake counted ``target`` template sends, the notifier died, or sends stalled."""
    started = last_change = time.monotonic()
    seen = -1
    while True:
        count = _template_calls(fake_url, app_id)
        now = time.monotonic()
        if count != seen:
            seen, last_change = count, now
        if count >= target:
            time.sleep(2 * LATENCY_MS / 1000)  # the fake counts a call before its latency; let the last ones land
            return Drain(count, now - started, stalled=False)
        if not notifier.alive():
            raise ServerError(f"{notifier.name} exited during the run:\n{notifier.log_tail()}")
        if now - last_change > STALL_SECONDS:
            return Drain(count, now - started, stalled=True)
        time.sleep(0.25)


def _wait_batches(url: str, api_key: str, batch_ids: list[str], timeout: float = 30.0) -> list[dict[str, Any]]:
    """Each batch's status once done (every message sent or failed), or as it is at ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        batches = [_request(f"{url}/v1/template-batches/{batch_id}", api_key) for batch_id in batch_ids]
        if all(b.get("done") for b in batches) or time.monotonic() > deadline:
            return batches
        time.sleep(0.25)


# --- the result, checks and notes ----------------------------------------------------------------


def _result(sent: list[dict[str, Any]], tag: str, warm: int, sampler: CpuSampler, server: str) -> Throughput:
    """Sends/s over the backlog's sends after the warm-up, and every tracked process's CPU time in that window."""
    prefix = f"o{tag}-b-"
    backlog = sorted(m["wall"] for m in sent if str(m["body"].get("touser", "")).startswith(prefix))
    if len(backlog) > warm + 1:
        start = backlog[warm - 1] if warm > 0 else backlog[0]
        end, count = backlog[-1], len(backlog) - max(warm, 1)
    else:  # next to nothing was sent: the checks say so
        start = end = time.time()
        count = 0
    cpu, busy, steal = sampler.between(start, end)
    label = f"notifier (prefetch {PREFETCH})"
    result = Throughput(NAME, label, "sends", server, count, end - start, cpu, busy, steal)
    result.extra["window"] = {"start_wall": start, "end_wall": end, "first_send_wall": backlog[0] if backlog else None}
    if backlog:
        result.extra["warmup_seconds"] = round(start - backlog[0], 3)
    return result


def _note_enqueue(result: Throughput, enqueued: Enqueued, backlog: int) -> None:
    rate = enqueued.count / max(enqueued.seconds, 1e-9)
    batches = len(enqueued.batch_ids)
    result.notes.append(
        f"enqueued {enqueued.count} through the batch API ({batches} call(s), another notifier process) "
        f"in {enqueued.seconds:.1f} s = {rate:.0f} msgs/s; backlog on the sends queue at start: {backlog}"
    )
    result.extra["enqueue"] = {
        "path": "batch API (POST /v1/apps/{app_id}/template-messages/batch)",
        "messages": enqueued.count,
        "batches": batches,
        "seconds": round(enqueued.seconds, 3),
        "messages_per_s": round(rate, 1),
        "backlog_at_start": backlog,
    }
    result.checks["backlog_complete"] = backlog == enqueued.count


def _check_sends(
    result: Throughput,
    sent: list[dict[str, Any]],
    calls: int,
    tag: str,
    total: int,
    published: dict[str, float],
) -> None:
    expected = total + len(published)
    ours = [m for m in sent if str(m["body"].get("touser", "")).startswith(f"o{tag}-")]
    openids = {m["body"]["touser"] for m in ours}
    wanted = {_openid(tag, "b", i) for i in range(total)} | set(published)
    result.extra["confirmed_by_fake"] = {
        "expected": expected,
        "recorded": len(ours),
        "distinct_openids": len(openids),
        "template_send_calls": calls,
        "missing": len(wanted - openids),
    }
    result.notes.insert(
        0,
        f"confirmed by the fake: {len(ours)} of {expected} (warm-up and paced included), {len(openids)} distinct "
        f"openids, {calls} template/send calls, {len(wanted - openids)} missing",
    )
    result.checks["every_message_sent_once"] = len(ours) == len(openids) == calls == expected and openids == wanted


def _check_batches(result: Throughput, batches: list[dict[str, Any]], total: int) -> None:
    counts = {key: sum(int(b.get(key, 0)) for b in batches) for key in ("total", "sent", "failed", "queued", "sending")}
    result.extra["batches"] = counts
    result.notes.append(
        f"batch status: {counts['sent']} of {counts['total']} sent, {counts['failed']} failed, "
        f"{counts['queued'] + counts['sending']} still queued or sending"
    )
    result.checks["batches_all_sent"] = counts["total"] == counts["sent"] == total and counts["failed"] == 0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def _latency(result: Throughput, sent: list[dict[str, Any]], published: dict[str, float]) -> None:
    walls = {m["body"]["touser"]: m["wall"] for m in sent if m["body"].get("touser") in published}
    latencies = [1000 * (walls[openid] - t) for openid, t in published.items() if openid in walls]
    if not latencies:
        return
    result.latency_ms = {
        "p50": round(_percentile(latencies, 0.50), 2),
        "p90": round(_percentile(latencies, 0.90), 2),
        "p99": round(_percentile(latencies, 0.99), 2),
        "max": round(max(latencies), 2),
    }
    result.latency_label = (
        f"publish → recorded by the fake, {len(latencies)} commands paced at {PACED_RATE}/s "
        f"(the fake's {LATENCY_MS} ms included)"
    )


def _note_drain(result: Throughput, drain: Drain, paced: Drain, leftovers: dict[str, int]) -> None:
    for name, d in (("backlog", drain), ("paced phase", paced)):
        if d.stalled:
            result.notes.append(f"{name}: sends stalled at {d.calls} (no new send for {STALL_SECONDS:.0f} s)")
    result.checks["no_stall"] = not (drain.stalled or paced.stalled)
    result.extra["queues_at_stop"] = leftovers
    nonzero = {name: n for name, n in leftovers.items() if n}
    if nonzero:
        result.notes.append(f"messages left on the bench queues when the notifier stopped: {nonzero}")


# --- clean-up -----------------------------------------------------------------------------------


def _chunks(items: list[Any], size: int = 1000) -> Iterator[list[Any]]:
    for first in range(0, len(items), size):
        yield items[first : first + size]


def _delete_keys(app_id: str, batch_ids: list[str]) -> None:
    """The run's status keys: idempotency keys (by app_id) and the records they name, msgid, batch and rate keys."""
    try:
        with redis.Redis.from_url(REDIS_URL, socket_timeout=10) as client:
            idem = list(client.scan_iter(match=f"{STATUS_PREFIX}idem:{app_id}:*", count=1000))
            keys: list[Any] = list(idem)
            for chunk in _chunks(idem):
                keys.extend(f"{STATUS_PREFIX}msg:{record_id.decode()}" for record_id in client.mget(chunk) if record_id)
            for pattern in (f"msgid:{app_id}:*", f"batch-idem:{app_id}:*"):
                keys.extend(client.scan_iter(match=f"{STATUS_PREFIX}{pattern}", count=1000))
            keys.extend(f"{STATUS_PREFIX}batch:{batch_id}" for batch_id in batch_ids)
            keys.append(f"{STATUS_PREFIX}rate:{app_id}")
            for chunk in _chunks(keys):
                client.delete(*chunk)
    except redis.RedisError as exc:
        print(f"warning: could not delete the notifier keys of {app_id}: {exc}", file=sys.stderr)


def _names(prefix: str) -> list[str]:
    return service_queue_names(prefix, ("sends", "reports"))
