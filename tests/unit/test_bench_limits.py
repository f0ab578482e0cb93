"""The benchmark's limit lines: the broker floor under a goal, and one gateway process's CPU budget."""

from bench.report import floors, floors_line, gateway_budget, gateway_budget_line
from bench.throughput import Throughput
from tests.unit.bench_measurements import measurement


def _throughput(scenario: str, *, per_s: float, p99_ms: float, cpu_us: float) -> Throughput:
    count = int(per_s * 10)
    return Throughput(
        scenario=scenario,
        label=scenario,
        unit="confirms",
        server="load",
        count=count,
        duration_s=10.0,
        cpu_s={"load": cpu_us * count / 1e6, "beam.smp": 1.0},
        machine_busy_pct=70.0,
        machine_steal_pct=0.0,
        latency_ms={"p50": p99_ms / 4, "p99": p99_ms},
    )


def test_a_floor_slower_or_later_than_the_goal_is_reported_below_it() -> None:
    bare = measurement("bare", per_s=20_000)
    found = floors(
        {"bare": bare},
        {
            "broker": _throughput("broker", per_s=7_000, p99_ms=45.0, cpu_us=90),
            "broker-rpc": _throughput("broker-rpc", per_s=1_600, p99_ms=30.0, cpu_us=250),
        },
    )
    assert found is not None
    assert found["gateway"]["ratio"] == 0.35
    assert found["gateway"]["ratio_met"] is True
    assert found["gateway"]["p99_met"] is False  # 45 ms against the gateway's 20 ms
    assert found["reply"]["ratio"] == 0.08
    assert found["reply"]["ratio_met"] is False  # 0.08 against the reply path's 0.15
    assert found["reply"]["p99_met"] is True  # 30 ms against 50 ms
    line = floors_line(found)
    assert (
        "floor under gateway: broker = 0.35 of bare (goal 0.30: above it), p99 45.0 ms (goal 20 ms: BELOW it)" in line
    )
    assert "floor under reply: broker-rpc = 0.08 of bare (goal 0.15: BELOW it)" in line


def test_no_floor_without_its_baseline_or_its_floor_run() -> None:
    broker = _throughput("broker", per_s=7_000, p99_ms=45.0, cpu_us=90)
    assert floors({}, {"broker": broker}) is None
    assert floors({"bare": measurement("bare", per_s=20_000)}, {}) is None


def test_the_gateway_budget_sets_the_sum_of_its_parts_against_one_core_at_the_goal_rate() -> None:
    # bare: 20,000 req/s at 50 µs each; goal 0.30 of it = 6,000/s = 166.7 µs of one core per request.
    bare = measurement("bare", per_s=20_000, cpu_us=50)
    parts = {
        "broker": _throughput("broker", per_s=7_000, p99_ms=45.0, cpu_us=90),
        "core": _throughput("core", per_s=10_000, p99_ms=0.1, cpu_us=20),
    }
    budget = gateway_budget({"bare": bare}, parts)
    assert budget is not None
    assert budget["goal_rate_per_s"] == 6000.0
    assert budget["budget_us_per_request"] == 166.7
    assert budget["parts_us"] == {"bare": 50.0, "broker": 90.0, "core": 20.0}
    assert budget["within_budget"] is True  # 160 µs ≤ 166.7 µs

    parts["core"] = _throughput("core", per_s=10_000, p99_ms=0.1, cpu_us=95)
    over = gateway_budget({"bare": bare}, parts)
    assert over is not None and over["within_budget"] is False
    assert gateway_budget_line(over).endswith("bare 50 + broker 90 + core 95 = 235 µs (OVER it)")


def test_no_budget_while_a_part_is_missing() -> None:
    bare = measurement("bare", per_s=20_000, cpu_us=50)
    assert gateway_budget({"bare": bare}, {"broker": _throughput("broker", per_s=1, p99_ms=1, cpu_us=1)}) is None
