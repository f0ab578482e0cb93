"""``proxy-upload-memory``: one proxy process's resident memory while ``CONCURRENT`` uploads of a
``UPLOAD_BYTES`` mp4 (the largest video WeChat takes, 10 MB) pass through it to the fake's
``cgi-bin/media/upload?type=video`` at once (issue #15: < 150 MB RSS), ``ROUNDS`` times.

The fake adds no latency here (its bytes flow as fast as it reads them). One upload alone first
warms the proxy up; then the kernel's peak RSS of the proxy is started over and read after the
rounds, next to a sampler's largest reading. The uploads stream from a file in the harness, with
a Content-Length (so the proxy streams them on as they arrive, copying to its spool).
Checks: every upload answered with a video's media_id, and the fake holds each one's bytes
(its size and SHA-256 those of the file).
"""

import asyncio
import hashlib
import os
import time
from pathlib import Path
from statistics import median
from typing import Any

import aiohttp

from bench.measure import RunConfig
from bench.memory import MemoryRun, RssSampler, peak_rss_bytes, reset_peak, rss_bytes
from bench.scenarios.proxy_system import ProxySystem, http_json, proxy_system
from bench.sysstat import MachineCpu

NAME = "proxy-upload-memory"
UPLOAD_BYTES = 10 * 1024 * 1024
CONCURRENT = 20
ROUNDS = 3
UPLOAD_PATH = "cgi-bin/media/upload"


async def _upload(session: aiohttp.ClientSession, system: ProxySystem, video: Path) -> tuple[float, dict[str, Any]]:
    url = f"{system.proxy_url}/v1/apps/{system.app_id}/wechat/{UPLOAD_PATH}?type=video"
    started = time.perf_counter()
    with video.open("rb") as file:
        form = aiohttp.FormData()
        form.add_field("media", file, filename=video.name, content_type="video/mp4")
        async with session.post(url, data=form, headers=system.auth) as response:
            answer = await response.json(content_type=None) if response.status == 200 else {"status": response.status}
    return time.perf_counter() - started, answer


async def _rounds(system: ProxySystem, video: Path, rounds: int, concurrent: int) -> list[tuple[float, dict[str, Any]]]:
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        done: list[tuple[float, dict[str, Any]]] = []
        for _ in range(rounds):
            done += await asyncio.gather(*(_upload(session, system, video) for _ in range(concurrent)))
        return done


def _stored(system: ProxySystem) -> dict[str, dict[str, Any]]:
    library = http_json(f"{system.fake_url}/_control/library?app_id={system.app_id}")[system.app_id]
    return {item["media_id"]: item for item in library["media"]}


def plan(_cfg: RunConfig) -> str:
    return f"1 upload to warm up, then {ROUNDS} × {CONCURRENT} concurrent {UPLOAD_BYTES // 2**20} MB uploads"


def run(cfg: RunConfig) -> MemoryRun:
    video = cfg.workdir / "bench.mp4"
    data = os.urandom(UPLOAD_BYTES)
    video.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    del data
    with proxy_system(cfg, NAME, latency_ms=0) as system:
        asyncio.run(_rounds(system, video, 1, 1))
        pid, servers = system.proxy.pid, (system.proxy, *system.companions)
        reset, idle = reset_peak(pid), rss_bytes(pid)
        cpu_before, machine_before = {s.name: s.cpu_seconds() for s in servers}, MachineCpu.read()
        started = time.perf_counter()
        with RssSampler(pid) as sampler:
            uploads = asyncio.run(_rounds(system, video, ROUNDS, CONCURRENT))
        duration = time.perf_counter() - started
        cpu = {s.name: s.cpu_seconds() - cpu_before[s.name] for s in servers}
        busy, steal = MachineCpu.read().since(machine_before)
        peak = peak_rss_bytes(pid)
        stored = _stored(system)
    video.unlink()
    answers = [answer for _, answer in uploads]
    ids = [answer.get("media_id") for answer in answers]
    seconds = sorted(s for s, _ in uploads)
    run = MemoryRun(
        scenario=NAME, label="proxy uploads", unit="uploads", server="proxy", count=len(uploads),
        duration_s=duration, cpu_s=cpu, machine_busy_pct=busy, machine_steal_pct=steal,
        latency_ms={"p50": 1000 * median(seconds), "max": 1000 * seconds[-1]},
        latency_label=f"one {UPLOAD_BYTES // 2**20} MB upload among {CONCURRENT} at once, answer included",
        process="proxy", idle_rss_bytes=idle, peak_rss_bytes=peak, sampled_peak_bytes=sampler.max_bytes,
        peak_reset=reset,
    )  # fmt: skip
    run.checks["all_answered_with_a_video"] = all(
        isinstance(answer.get("media_id"), str) and answer.get("type") == "video" for answer in answers
    )
    run.checks["fake_holds_every_byte"] = all(
        stored.get(str(media_id), {}).get("size") == UPLOAD_BYTES and stored[str(media_id)]["sha256"] == digest
        for media_id in ids
    )
    run.notes.append(run.rss_line())
    run.notes.append(f"{sampler.samples} RSS samples; load average after the run " + ", ".join(
        f"{v:.2f}" for v in os.getloadavg()))  # fmt: skip
    if not reset:
        run.notes.append("the kernel's peak RSS could not be started over: the peak is the process's whole life's")
    return run
