"""The passive-reply path: safe-mode TEXT callbacks → gateway → RabbitMQ → dispatcher → encrypted reply.

One gateway (``python -m services.gateway``) and one dispatcher (``python -m
services.dispatcher``) with a one-rule file (every text message gets
``You said: {content}``). Every callback is a distinct text message (its own
MsgId, so no de-duplication hit): the gateway verifies, decrypts, claims it in
Redis, publishes it with a confirm and a direct reply-to; the dispatcher's
replies queue answers it and its analytics queue counts it; the gateway seals
the reply XML and answers. A reply that misses the gateway's deadline would be
answered ``success``: the Lua script counts those, and the run must have none.

The dispatcher gets its own queues (``bench-{app_id}.replies`` / ``.analytics``
and their ``.dead`` queues, bound to ``{app_id}.#`` only), deleted after the
run (once the dispatcher stopped) together with the account's analytics keys in
Redis. The table's cpu µs/req is the gateway's; the dispatcher's is listed with
the other processes, and a note gives the CPU split of the measured run.
"""

import dataclasses
import os
import secrets
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import redis

from bench.broker import delete_queues, queue_depths, service_queue_names
from bench.callbacks import BenchAccount, text_callback_line, text_callback_writer, text_msg_ids
from bench.measure import Measurement, RunConfig, measure
from bench.servers import ServerProcess, base_env, free_port, python_argv, running, sample_logs
from shared.crypto import sign
from shared.xml import parse_xml

NAME = "reply"
LABEL = "reply (safe)"

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
STATS_PREFIX = "wxmp:stats:"  # services/dispatcher/analytics.py DEFAULT_PREFIX

RULES_YAML = """\
rules:
  - match: {msg_type: text}
    reply: {type: text, content: "You said: {content}"}
"""
SAMPLE_TAG = "sample"


def run(cfg: RunConfig) -> Measurement:
    account = BenchAccount.random()
    gateway_port, dispatcher_port, nowhere_port = free_port(), free_port(), free_port()
    queue_prefix = f"bench-{account.app_id}"
    rules_file = cfg.workdir / f"{NAME}-rules.yaml"
    rules_file.write_text(RULES_YAML, encoding="utf-8")
    common = {
        **base_env(),
        **account.env(),
        "AMQP_URL": AMQP_URL,
        "REDIS_URL": REDIS_URL,
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    dispatcher = ServerProcess(
        "dispatcher",
        python_argv("-m", "services.dispatcher"),
        env={
            **common,
            "PORT": str(dispatcher_port),
            "INTERNAL_API_KEY": secrets.token_hex(16),
            "REPLY_RULES_FILE": str(rules_file),
            "QUEUE_PREFIX": queue_prefix,
            "EVENT_BINDING": f"{account.app_id}.#",
            # In-time replies never call it; a late reply would fail fast here (nothing listens).
            "TOKEN_SERVICE_URL": f"http://127.0.0.1:{nowhere_port}",
        },
        log_path=cfg.logdir / "reply-dispatcher.log",
    )
    gateway = ServerProcess(
        "gateway",
        python_argv("-m", "services.gateway"),
        env={**common, "PORT": str(gateway_port)},
        log_path=cfg.logdir / "reply-gateway.log",
    )
    url = f"http://127.0.0.1:{gateway_port}/"
    msg_ids = text_msg_ids()
    leftovers: dict[str, int] = {}
    try:
        # Stopped in reverse order: the gateway first, then the dispatcher, then the queues go.
        with running(dispatcher), running(gateway):
            dispatcher.wait_ready(f"http://127.0.0.1:{dispatcher_port}/readyz", timeout=60)
            gateway.wait_ready(f"http://127.0.0.1:{gateway_port}/readyz", timeout=60)
            sample = _sample_reply(account, url, next(msg_ids))
            measurement = measure(
                NAME, LABEL, gateway, url, text_callback_writer(account, msg_ids), cfg, companions=(dispatcher,)
            )
        leftovers = queue_depths(AMQP_URL, _names(queue_prefix))
    finally:
        delete_queues(AMQP_URL, _names(queue_prefix))
        _delete_stats(account.app_id)
    _check_replies(measurement, sample)
    _cpu_split(measurement, gateway.name, dispatcher.name)
    _note_leftovers(measurement, leftovers)
    trouble = measurement.result.non_2xx or measurement.warmup.non_2xx or not all(measurement.checks.values())
    measurement.extra["logs"] = sample_logs((gateway, dispatcher), measurement.notes, trouble=bool(trouble))
    return measurement


# --- the sample reply, decrypted by hand -------------------------------------------------------


@dataclass(frozen=True)
class SampleReply:
    ok: bool
    detail: str
    latency_ms: float
    content: str | None = None


def _sample_reply(account: BenchAccount, url: str, msg_id: int) -> SampleReply:
    """One text callback sent before the warm-up; its answer must be a signed, encrypted text reply."""
    line = text_callback_line(account, account.cipher(), tag=SAMPLE_TAG, index=0, now=int(time.time()), msg_id=msg_id)
    target, body = line.rstrip("\n").split("\t", 1)
    request = urllib.request.Request(
        url.rstrip("/") + target, data=body.encode("ascii"), headers={"Content-Type": "text/xml"}, method="POST"
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, answer = response.status, response.read()
    except OSError as exc:  # URLError and HTTPError included
        return SampleReply(False, f"request failed: {exc}", 1000 * (time.perf_counter() - started))
    latency_ms = 1000 * (time.perf_counter() - started)
    if status != 200 or answer == b"success":
        return SampleReply(False, f"HTTP {status}, body {answer[:80]!r}", latency_ms)
    try:
        envelope = parse_xml(answer)
        encrypted = str(envelope["Encrypt"])
        signed_ok = sign(account.token, str(envelope["TimeStamp"]), str(envelope["Nonce"]), encrypted) == str(
            envelope["MsgSignature"]
        )
        reply = parse_xml(account.cipher().decrypt(encrypted))
    except (KeyError, ValueError) as exc:  # XmlError and CryptoError are ValueErrors
        return SampleReply(False, f"undecryptable answer ({type(exc).__name__}: {exc}): {answer[:120]!r}", latency_ms)
    content = reply.get("Content")
    expected = {"MsgType": "text", "Content": "You said: hello 0", "ToUserName": f"obench-{SAMPLE_TAG}-000000000"}
    wrong = {k: reply.get(k) for k, v in expected.items() if reply.get(k) != v}
    if not signed_ok:
        return SampleReply(False, "MsgSignature does not match the Encrypt", latency_ms, content)
    if wrong:
        return SampleReply(False, f"unexpected reply fields {wrong}", latency_ms, content)
    return SampleReply(True, "signature ok, decrypted", latency_ms, content)


# --- checks and notes ---------------------------------------------------------------------------


def _check_replies(measurement: Measurement, sample: SampleReply) -> None:
    success_bodies = measurement.warmup.success_bodies + measurement.result.success_bodies
    answered = measurement.warmup.requests + measurement.result.requests
    line = f"answers that were `success` instead of a reply: {success_bodies} of {answered} (warm-up included)"
    measurement.notes.insert(0, line)
    measurement.checks["every_answer_a_reply"] = success_bodies == 0
    verdict = "ok" if sample.ok else "FAILED"
    measurement.notes.insert(
        1, f"sample reply {verdict} ({sample.latency_ms:.0f} ms): {sample.detail}; Content {sample.content!r}"
    )
    measurement.checks["sample_reply_decrypted"] = sample.ok
    measurement.extra["replies"] = {
        "success_bodies": success_bodies,
        "answered": answered,
        "sample": dataclasses.asdict(sample),
    }


def _cpu_split(measurement: Measurement, gateway: str, dispatcher: str) -> None:
    """Who used the two cores during the measured run, in % of one core."""
    duration = max(measurement.result.duration_s, 1e-9)
    split = {gateway: measurement.server_cpu_s, **measurement.infra_cpu_s, "wrk": measurement.result.wrk_cpu_s}
    pct = {name: round(100 * seconds / duration, 1) for name, seconds in split.items()}
    measurement.notes.append(
        "cpu split, % of a core: " + ", ".join(f"{name} {value:.0f}" for name, value in pct.items())
    )
    measurement.extra["cpu_pct_of_core"] = pct
    measurement.extra["dispatcher_cpu_us_per_request"] = measurement.infra_us_per_request().get(dispatcher)


def _note_leftovers(measurement: Measurement, depths: dict[str, int]) -> None:
    measurement.extra["queues_at_stop"] = depths
    nonzero = {name: n for name, n in depths.items() if n}
    if nonzero:
        measurement.notes.append(f"messages left on the bench queues when the dispatcher stopped: {nonzero}")


# --- clean-up -----------------------------------------------------------------------------------


def _delete_stats(app_id: str) -> None:
    """The throwaway account's analytics keys (kept 91 days otherwise)."""
    try:
        with redis.Redis.from_url(REDIS_URL, socket_timeout=5) as client:
            keys: Iterator[bytes] = client.scan_iter(match=f"{STATS_PREFIX}{app_id}:*", count=1000)
            batch = list(keys)
            if batch:
                client.delete(*batch)
    except redis.RedisError as exc:
        print(f"warning: could not delete the analytics keys of {app_id}: {exc}", file=sys.stderr)


def _names(prefix: str) -> list[str]:
    return service_queue_names(prefix, ("replies", "analytics"))
