"""What every service's Prometheus metrics share: a registry of its own (one per app, never
the global one) that also carries the process, platform and GC collectors, and labelled
counters shown at zero for every label value they are known to take, so a scrape right
after a start has samples to alert on and ``rate()`` sees the first increment."""

import functools
import itertools
from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Counter, GCCollector, PlatformCollector, ProcessCollector
from prometheus_client.metrics import MetricWrapperBase

from shared.consumer import OUTCOMES


def service_registry() -> CollectorRegistry:
    """A registry with the process (CPU, memory, open files), platform (Python) and GC collectors."""
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    return registry


def zero(metric: MetricWrapperBase, *values: Iterable[str]) -> None:
    """Create ``metric``'s child for every combination of ``values`` (one iterable per label,
    in the metric's label order), each starting at zero."""
    for labels in itertools.product(*values):
        metric.labels(*labels)


def consumer_outcomes(counter: Counter, consumer: str) -> Callable[[str], None]:
    """A ``Consumer``'s ``on_outcome`` counting into ``counter`` (labels consumer, outcome),
    each of its outcomes shown from 0."""
    zero(counter, [consumer], OUTCOMES)
    return functools.partial(_count, counter, consumer)


def _count(counter: Counter, consumer: str, outcome: str) -> None:
    counter.labels(consumer, outcome).inc()
