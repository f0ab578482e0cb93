"""What every service shares at runtime: health, readiness and metrics routes, and the run loop.

``/healthz`` answers while the process serves; ``/readyz`` runs the service's
readiness checks (broker, store) and answers 503 naming the failing ones;
``/metrics`` renders the service's own Prometheus registry. ``serve`` runs the
app on uvloop and, on SIGTERM or SIGINT, stops accepting, lets in-flight
requests finish (up to the shutdown timeout) and runs the cleanup contexts.
"""

import asyncio
import gc
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import structlog
import uvloop
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from shared.logging import configure_logging
from shared.settings import CommonSettings

ReadinessCheck = Callable[[], Awaitable[bool]]

log = structlog.get_logger(__name__)

READINESS_TIMEOUT_SECONDS = 2.0


async def _passes(check: ReadinessCheck) -> bool:
    try:
        return await asyncio.wait_for(check(), READINESS_TIMEOUT_SECONDS)
    except Exception as exc:  # noqa: BLE001 - a failing check is a finding, not a crash
        log.warning("readiness_check_failed", error=type(exc).__name__)
        return False


def add_operational_routes(
    app: web.Application,
    registry: CollectorRegistry,
    checks: Mapping[str, ReadinessCheck],
    *,
    advisory: frozenset[str] = frozenset(),
) -> None:
    """``/readyz`` is 503 when a check fails, except the ``advisory`` ones: a dependency the
    service can work without (degraded) is reported in the body but keeps it in service."""

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        names = list(checks)
        results = await asyncio.gather(*(_passes(checks[name]) for name in names))
        status = dict(zip(names, results, strict=True))
        ready = all(passed for name, passed in status.items() if name not in advisory)
        state = "not ready" if not ready else "ready" if all(results) else "degraded"
        return web.json_response({"status": state, "checks": status}, status=200 if ready else 503)

    async def metrics(_request: web.Request) -> web.Response:
        response = web.Response(body=generate_latest(registry))
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        return response

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)


async def _settle_heap(_app: web.Application) -> None:
    # Everything built at start-up lives as long as the process: move it out of
    # the collector's sight, and collect the young generation less often (a
    # request allocates hundreds of short-lived objects).
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def serve(app: web.Application, *, host: str, port: int, shutdown_timeout: float, name: str) -> None:
    """Run ``app`` until SIGTERM/SIGINT, then shut down gracefully."""
    log.info("service_starting", service=name, host=host, port=port)
    app.on_startup.append(_settle_heap)
    web.run_app(
        app,
        host=host,
        port=port,
        shutdown_timeout=shutdown_timeout,
        access_log=None,
        print=None,
        loop=uvloop.new_event_loop(),
    )
    log.info("service_stopped", service=name)


S = TypeVar("S", bound=CommonSettings)


def run_service(name: str, settings_type: type[S], create_app: Callable[[S], web.Application]) -> None:
    """A service's ``__main__``: settings from the environment, logging, then ``serve``."""
    settings = settings_type()
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=settings.secret_values())
    serve(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        shutdown_timeout=settings.shutdown_timeout_seconds,
        name=name,
    )
