"""A benchmark measurement made up for the verdict tests: ``per_s`` requests a second for 10 s."""

from bench.load import WrkResult
from bench.measure import Measurement


def measurement(scenario: str, *, per_s: float, p99_ms: float = 5.0, cpu_us: float = 0.0) -> Measurement:
    """``cpu_us``: the server's CPU per request, in µs."""
    requests = int(per_s * 10)
    result = WrkResult(
        requests=requests,
        duration_s=10.0,
        requests_per_s=per_s,
        latency_ms={"mean": p99_ms / 2, "p50": p99_ms / 2, "p90": p99_ms, "p99": p99_ms, "max": p99_ms},
        statuses={200: requests},
        socket_errors={},
        sent=requests,
        wraps=0,
        success_bodies=requests,
        wrk_cpu_s=1.0,
        output="",
    )
    return Measurement(scenario, scenario, result, result, cpu_us * requests / 1e6, 50.0, 0.0, {}, requests)
