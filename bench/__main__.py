"""``python -m bench``: run the scenarios, print the table and the goals, write bench/results/latest.json."""

import argparse
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

from bench.ingest import comparison, comparison_lines
from bench.load import WrkError, ensure_wrk
from bench.measure import Measurement, RunConfig
from bench.proxy_goals import proxy_goals, proxy_goals_lines
from bench.report import (
    details,
    floors,
    floors_line,
    gateway_budget,
    gateway_budget_line,
    goals,
    goals_line,
    ratios,
    ratios_line,
    table,
    throughput_goals,
    throughput_section,
    write_json,
)
from bench.scenarios import PLANS, SCENARIOS
from bench.servers import REPO_ROOT, ServerError
from bench.throughput import Throughput

RESULTS_DIR = REPO_ROOT / "bench" / "results"
MAX_DURATION = 240


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each measured run (default 10)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    parser.add_argument("--only", nargs="+", choices=sorted(SCENARIOS), help="run these scenarios only")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each run (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads, i.e. cores for the load (default 1)")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.json", help="where the JSON goes")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.warmup < 1 or args.threads < 1 or args.connections < args.threads:
        parser.error("duration and warmup must be ≥ 1 s, threads ≥ 1, connections ≥ threads")
    if args.duration > MAX_DURATION:
        # Requests are signed before the run; the gateway refuses timestamps older than 300 s.
        parser.error(f"--duration must be ≤ {MAX_DURATION} s (pre-signed callbacks must stay inside the 300 s window)")
    return args


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the scenarios' finally blocks: servers stop, queues go


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started with SIGINT ignored (`&`)
    names = args.only or list(SCENARIOS)
    if any(name not in PLANS for name in names):
        ensure_wrk()
    results: list[Measurement | Throughput] = []
    with tempfile.TemporaryDirectory(prefix="wxmp-bench-") as workdir:
        cfg = RunConfig(
            duration=args.duration,
            connections=args.connections,
            threads=args.threads,
            warmup=args.warmup,
            workdir=Path(workdir),
            logdir=RESULTS_DIR / "logs",
        )
        for name in names:
            plan = (
                PLANS[name](cfg)
                if name in PLANS
                else f"{cfg.warmup} s warm-up + {cfg.duration} s, {cfg.connections} connections"
            )
            print(f"running {name}: {plan} …", flush=True)
            results.append(SCENARIOS[name](cfg))

    measurements = [r for r in results if isinstance(r, Measurement)]
    throughputs = [r for r in results if isinstance(r, Throughput)]
    by_measurement, by_throughput = {m.scenario: m for m in measurements}, {t.scenario: t for t in throughputs}
    ratio_goals = goals(by_measurement)
    rate_goals = throughput_goals(by_throughput)
    floor = floors(by_measurement, by_throughput)
    budget = gateway_budget(by_measurement, by_throughput)
    other_ratios = ratios(by_measurement)
    ingest = comparison(by_measurement)
    proxy = proxy_goals(by_measurement, by_throughput)
    g = {**(ratio_goals or {}), **(rate_goals or {}), **(proxy or {})} or None
    if measurements:
        print()
        print(table(measurements))
        if ratio_goals is not None:
            print(goals_line(ratio_goals))
        if other_ratios is not None:
            print(ratios_line(other_ratios))
        if floor is not None:
            print(floors_line(floor))
        if budget is not None:
            print(gateway_budget_line(budget))
        if ingest is not None:
            print("\n" + "\n".join(comparison_lines(ingest)))
        print()
        for m in measurements:
            print("\n".join(details(m)))
    for t in throughputs:
        print()
        print("\n".join(throughput_section(t, rate_goals)))
    if proxy is not None:
        print()
        print("\n".join(proxy_goals_lines(proxy)))
    write_json(
        args.output,
        cfg,
        results,
        g,
        {"floors": floor, "gateway_budget": budget, "ratios": other_ratios, "ingest": ingest},
    )
    print(f"\nresults: {args.output}")
    return 0 if all(all(r.checks.values()) for r in results) else 1


def run(argv: list[str] | None = None) -> int:
    """``main`` with the harness's own failures as a message and exit code, not a traceback."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("\ninterrupted (servers stopped, queue deleted)", file=sys.stderr)
        return 130
    except (ServerError, WrkError) as exc:
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 2
    except ConnectionError as exc:  # includes aio-pika's AMQPConnectionError
        print(f"\nbenchmark failed: cannot connect ({exc}); are RabbitMQ and Redis up?", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
