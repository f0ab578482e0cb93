"""The gateway's pure core alone: what one safe-mode callback costs without HTTP, Redis or RabbitMQ.

The bench process runs ``services.gateway.callback`` (query → params; verify both
signatures, decrypt, parse both XML documents, type the event) and the event's JSON, as
the gateway's handler and publisher call them, over distinct pre-generated VIEW callbacks,
one after another for ``--duration`` seconds. Its CPU per callback, beside bare aiohttp's
HTTP and the publish path's client CPU per confirm (``broker``), is what one gateway
process spends at the least per request: the report sets their sum against the CPU a
request may cost one process at the gateway goal's rate.
"""

import time
from urllib.parse import parse_qsl

from pydantic import SecretStr

from bench.callbacks import BenchAccount, view_callback_line
from bench.measure import RunConfig
from bench.sysstat import MachineCpu
from bench.throughput import Throughput
from services.gateway.callback import open_callback, read_params
from services.gateway.settings import GatewaySettings
from shared.accounts import Account

NAME = "core"
CALLBACKS = 20_000  # distinct callbacks, taken in turn
DEFAULTS = GatewaySettings.model_fields  # the gateway's default window and body limit


def plan(cfg: RunConfig) -> str:
    return f"{cfg.warmup} s warm-up + {cfg.duration} s of the pure core, {CALLBACKS} distinct callbacks in turn"


def run(cfg: RunConfig) -> Throughput:
    bench = BenchAccount.random()
    account = Account(
        name="bench",
        app_id=bench.app_id,
        token=SecretStr(bench.token),
        encoding_aes_key=SecretStr(bench.encoding_aes_key),
    )
    cipher, now = bench.cipher(), int(time.time())
    requests = []
    for index in range(CALLBACKS):
        target, text = view_callback_line(bench, cipher, tag="core", index=index, now=now).rstrip("\n").split("\t")
        requests.append((dict(parse_qsl(target.partition("?")[2])), text.encode("ascii")))

    window, max_bytes = DEFAULTS["timestamp_window_seconds"].default, DEFAULTS["max_body_bytes"].default

    def handle(query: dict[str, str], body: bytes) -> None:
        inbound = open_callback(account, read_params(query), body, now=time.time(), window=window, max_bytes=max_bytes)
        inbound.event.model_dump_json().encode("utf-8")

    count, cpu_s, wall_s, busy, steal = 0, 0.0, 0.0, 0.0, 0.0
    for phase_s, measured in ((cfg.warmup, False), (cfg.duration, True)):
        wall0, cpu0, machine0, done = time.monotonic(), time.process_time(), MachineCpu.read(), 0
        while time.monotonic() - wall0 < phase_s:
            query, body = requests[done % CALLBACKS]
            handle(query, body)
            done += 1
        if measured:
            count, cpu_s, wall_s = done, time.process_time() - cpu0, time.monotonic() - wall0
            busy, steal = MachineCpu.read().since(machine0)
    return Throughput(
        scenario=NAME,
        label="gateway core alone",
        unit="callbacks",
        server="core",
        count=count,
        duration_s=wall_s,
        cpu_s={"core": cpu_s},
        machine_busy_pct=busy,
        machine_steal_pct=steal,
        notes=["verify, decrypt, parse, type and JSON-encode, one callback after another in the bench process"],
    )
