"""The proxy's benchmark goals: calls/s beside the direct call, the p50 it adds at low load, one
process's peak RSS under uploads, and whether the fake has room for the goal's calls."""

import os

from bench.load import WrkResult
from bench.measure import Measurement
from bench.memory import MIB, MemoryRun, peak_rss_bytes, rss_bytes
from bench.paired import PairedMeasurement
from bench.proxy_goals import proxy_goals, proxy_goals_lines


def _wrk(per_s: float, *, p50_ms: float = 30.0, statuses: dict[int, int] | None = None) -> WrkResult:
    requests = int(per_s * 10)
    return WrkResult(
        requests=requests,
        duration_s=10.0,
        requests_per_s=per_s,
        latency_ms={"mean": p50_ms, "p50": p50_ms, "p90": p50_ms, "p99": 2 * p50_ms, "max": 3 * p50_ms},
        statuses=statuses or {200: requests},
        socket_errors={},
        sent=requests,
        wraps=0,
        success_bodies=0,
        wrk_cpu_s=1.0,
        output="",
    )


def _measurement(scenario: str, per_s: float, *, cpu_us: float = 400.0, ok: bool = True) -> Measurement:
    result = _wrk(per_s)
    m = Measurement(scenario, scenario, result, result, cpu_us * result.requests / 1e6, 60.0, 0.0, {}, 0)
    m.checks["all_200"] = ok
    return m


def _paired(scenario: str, p50_ms: float, direct_p50_ms: float) -> PairedMeasurement:
    result = _wrk(45.0, p50_ms=p50_ms)
    return PairedMeasurement(
        scenario=scenario, label=scenario, result=result, warmup=result, server_cpu_s=0.1, machine_busy_pct=10.0,
        machine_steal_pct=0.0, infra_cpu_s={}, requests_prepared=450, baseline_label="direct",
        baseline=_wrk(46.0, p50_ms=direct_p50_ms), checks={"all_200": True},
    )  # fmt: skip


def _memory(peak_mb: float, sampled_mb: float, *, ok: bool = True) -> MemoryRun:
    return MemoryRun(
        scenario="proxy-upload-memory", label="proxy uploads", unit="uploads", server="proxy", count=60,
        duration_s=3.0, cpu_s={"proxy": 1.0}, machine_busy_pct=90.0, machine_steal_pct=0.0,
        checks={"fake_holds_every_byte": ok}, process="proxy", idle_rss_bytes=int(68 * MIB),
        peak_rss_bytes=int(peak_mb * MIB), sampled_peak_bytes=int(sampled_mb * MIB), peak_reset=True,
    )  # fmt: skip


def test_a_rate_goal_is_met_at_the_rate_and_shown_beside_the_direct_call() -> None:
    found = proxy_goals(
        {"proxy-get": _measurement("proxy-get", 2000.0), "direct-get": _measurement("direct-get", 4000.0)}, {}
    )
    assert found is not None
    assert found["proxy-get"] == {
        "per_s": 2000.0, "goal_per_s": 2000.0, "rate_met": True, "checks_passed": True, "met": True,
        "cpu_us_per_call": 400.0, "one_core_per_s": 2500,
        "direct": "direct-get", "direct_per_s": 4000.0, "of_direct": 0.5,
    }  # fmt: skip
    assert proxy_goals_lines(found)[0] == (
        "proxy-get: 2000 calls/s through one proxy (goal ≥ 2000: met); direct-get 4000/s; "
        "400 µs of CPU a call: ~2,500/s on a whole core"
    )


def test_a_rate_goal_is_judged_on_the_measured_rate_not_on_what_a_whole_core_would_allow() -> None:
    found = proxy_goals({"proxy-post": _measurement("proxy-post", 1500.0, cpu_us=250.0)}, {})
    assert found is not None
    assert found["proxy-post"]["one_core_per_s"] == 4000
    assert found["proxy-post"]["met"] is False


def test_a_rate_below_the_goal_or_with_a_failed_check_is_not_met() -> None:
    found = proxy_goals(
        {"proxy-get": _measurement("proxy-get", 1999.0), "proxy-post": _measurement("proxy-post", 2500.0, ok=False)},
        {},
    )
    assert found is not None
    assert found["proxy-get"]["met"] is False
    assert "direct" not in found["proxy-get"]  # no direct run: nothing beside it
    assert found["proxy-post"]["rate_met"] is True
    assert found["proxy-post"]["met"] is False
    lines = proxy_goals_lines(found)
    assert lines[0].startswith("proxy-get: 1999 calls/s through one proxy (goal ≥ 2000: NOT met); 400 µs")
    assert lines[1].startswith("proxy-post: 2500 calls/s through one proxy (goal ≥ 2000: NOT met, checks FAILED);")


def test_the_added_latency_is_the_p50_over_the_direct_calls_measured_beside_it() -> None:
    found = proxy_goals(
        {"proxy-latency-get": _paired("proxy-latency-get", 21.0, 20.0),
         "proxy-latency-post": _paired("proxy-latency-post", 21.4, 20.2)},
        {},
    )  # fmt: skip
    assert found is not None
    assert found["proxy-latency-get"]["added_p50_ms"] == 1.0
    assert found["proxy-latency-get"]["met"] is True  # at most 1 ms
    assert found["proxy-latency-post"]["added_p50_ms"] == 1.2
    assert found["proxy-latency-post"]["met"] is False
    assert (
        "proxy-latency-post: the proxy adds 1.20 ms at p50 (proxy 21.40 ms, direct 20.20 ms, side by side; "
        "goal ≤ 1 ms: NOT met)" in proxy_goals_lines(found)
    )


def test_a_bare_forwarder_measured_beside_them_shows_what_one_more_hop_adds() -> None:
    paired = _paired("proxy-latency-get", 21.3, 20.1)
    paired.references["bare aiohttp forwarder"] = _wrk(45.0, p50_ms=21.0)
    found = proxy_goals({"proxy-latency-get": paired}, {})
    assert found is not None and found["proxy-latency-get"]["bare_forwarder_added_p50_ms"] == 0.9
    assert proxy_goals_lines(found)[0].endswith("NOT met); a bare aiohttp forwarder beside them adds 0.90 ms")
    assert "references" in paired.to_json() and "references" not in _paired("x", 1.0, 1.0).to_json()


def test_a_plain_measurement_has_no_added_latency_to_judge() -> None:
    assert proxy_goals({"proxy-latency-get": _measurement("proxy-latency-get", 45.0)}, {}) is None


def test_the_memory_goal_takes_the_larger_of_the_kernels_peak_and_the_samples() -> None:
    found = proxy_goals({}, {"proxy-upload-memory": _memory(149.0, 150.0)})
    assert found is not None
    assert found["proxy-upload-memory"] == {
        "peak_rss_mb": 150.0, "goal_rss_mb": 150.0, "checks_passed": True, "met": False,  # under 150, strictly
    }  # fmt: skip
    met = proxy_goals({}, {"proxy-upload-memory": _memory(100.5, 100.2)})
    assert met is not None
    assert met["proxy-upload-memory"]["met"] is True
    assert proxy_goals_lines(met) == [
        "proxy-upload-memory: peak RSS of one proxy process 100.5 MB (goal < 150 MB: met)"
    ]
    bytes_lost = proxy_goals({}, {"proxy-upload-memory": _memory(100.5, 100.2, ok=False)})
    assert bytes_lost is not None
    assert bytes_lost["proxy-upload-memory"]["met"] is False


def test_the_fakes_cpu_per_direct_call_says_whether_it_can_serve_the_goal() -> None:
    found = proxy_goals(
        {"direct-get": _measurement("direct-get", 4000.0, cpu_us=100.0),
         "direct-post": _measurement("direct-post", 3500.0, cpu_us=500.0)},
        {},
    )  # fmt: skip
    assert found is not None
    assert found["fake-capacity-direct-get"] == {
        "cpu_us_per_call": 100.0, "calls_per_s_one_core": 10000, "needed_per_s": 2500.0, "enough": True,
    }  # fmt: skip
    assert found["fake-capacity-direct-post"]["enough"] is False  # 2,000/s on one core
    lines = proxy_goals_lines(found)
    assert any("room for ~10,000 calls/s on one core (needed 2,500: enough)" in line for line in lines)
    assert any("(needed 2,500: NOT enough: the fake may be the limit)" in line for line in lines)


def test_nothing_to_judge_without_the_proxys_scenarios() -> None:
    assert proxy_goals({"bare": _measurement("bare", 20_000.0)}, {}) is None


def test_the_resident_memory_of_this_process_is_read_from_proc() -> None:
    now, peak = rss_bytes(os.getpid()), peak_rss_bytes(os.getpid())
    assert 0 < now <= peak
