"""Issue #19's comparison: the gateway against the hand-glued peer, and the reply path against bare."""

from bench.ingest import PEER_GOAL, comparison, comparison_lines
from tests.unit.bench_measurements import measurement


def _row(per_s: float, p99_ms: float, cpu_us: float) -> dict[str, float]:
    return {"requests_per_s": per_s, "p99_ms": p99_ms, "cpu_us_per_request": cpu_us}


def test_each_goal_is_met_at_its_bound_and_not_past_it() -> None:
    peer = _row(2000, 60.0, 400)
    at_bounds = PEER_GOAL.judge(_row(3000, 60.0, 280), peer)
    assert (at_bounds["rate_met"], at_bounds["p99_met"], at_bounds["cpu_met"]) == (True, True, True)
    past = PEER_GOAL.judge(_row(2999, 60.1, 281), peer)
    assert (past["rate_met"], past["p99_met"], past["cpu_met"]) == (False, False, False)
    assert past["rate_ratio"] == 1.5 and past["cpu_ratio"] == 0.703


def test_the_issue_figures_meet_none_of_the_peer_goals() -> None:
    found = comparison(
        {
            "bare": measurement("bare", per_s=23_764, p99_ms=4.3, cpu_us=42),
            "peer": measurement("peer", per_s=2_062, p99_ms=63.0, cpu_us=431),
            "gateway": measurement("gateway", per_s=1_785, p99_ms=126.0, cpu_us=357),
            "reply": measurement("reply", per_s=950, p99_ms=114.0, cpu_us=700),
        }
    )
    assert found is not None
    verdicts = found["against_peer"]
    assert verdicts["rate_met"] is False and verdicts["p99_met"] is False
    assert verdicts["cpu_ratio"] == 0.828 and verdicts["cpu_met"] is False
    assert found["reply"]["ratio"] == 0.04 and found["reply"]["ratio_met"] is False
    assert found["reply"]["p99_met"] is False
    assert list(found["rows"]) == ["bare", "peer", "gateway"]
    assert found["rows"]["gateway"]["cores"] == 0.64  # 357 µs × 1785/s
    lines = comparison_lines(found)
    assert "| our gateway | 1,785 | 63.0 | 126.0 | 357 | 0.64 |" in lines
    assert "gateway req/s = 0.87 × peer (goal ≥ 1.5: NOT met)" in lines
    assert lines[-1] == "reply path = 0.040 × bare req/s (goal ≥ 0.06: NOT met), p99 114.0 ms (goal < 60 ms: NOT met)"


def test_a_fast_reply_path_meets_its_goal_without_the_peer() -> None:
    found = comparison(
        {
            "bare": measurement("bare", per_s=20_000, p99_ms=5.0, cpu_us=50),
            "reply": measurement("reply", per_s=1_200, p99_ms=59.9, cpu_us=500),
        }
    )
    assert found is not None and "rows" not in found
    assert found["reply"]["ratio_met"] is True and found["reply"]["p99_met"] is True


def test_nothing_to_compare_without_the_scenarios() -> None:
    assert comparison({"bare": measurement("bare", per_s=20_000, p99_ms=5.0, cpu_us=50)}) is None
