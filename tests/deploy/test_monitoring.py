"""Prometheus finds the services, and the alert rules ask for metrics (and labels) that exist."""

import re
from typing import Any

from prometheus_client.metrics import MetricWrapperBase

from services.dispatcher.metrics import DispatcherMetrics
from services.gateway.metrics import GatewayMetrics
from services.notifier.metrics import NotifierMetrics
from services.proxy.metrics import ProxyMetrics
from services.token.metrics import TokenMetrics
from services.web.metrics import WebMetrics
from shared.topology import dispatcher_queues
from tests.deploy.manifests import OUR_PODS, REPO, SERVICES, Manifests, matches

_SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}
# A metric name of ours or of the exporters we scrape, with its label matchers if any.
_SELECTOR = re.compile(r"\b((?:wxmp|rabbitmq|kube)_[a-z0-9_]+)(\{[^}]*\})?")
_MATCHER = re.compile(r'([a-z_]+)\s*(?:=~|!~|!=|=)\s*"([^"]*)"')


def _exported() -> dict[str, set[str]]:
    """Every series name the services export → the label names it carries."""
    names: dict[str, set[str]] = {}
    for metrics in (
        GatewayMetrics(),
        TokenMetrics(),
        DispatcherMetrics(),
        NotifierMetrics(),
        ProxyMetrics(),
        WebMetrics(),
    ):
        for metric in vars(metrics).values():
            if isinstance(metric, MetricWrapperBase):
                for suffix in _SUFFIXES[str(metric._type)]:
                    names[metric._name + suffix] = set(metric._labelnames)
    return names


def _anchors(page: str) -> set[str]:
    """The anchors of a Markdown page's headings, as GitHub makes them."""
    headings = re.findall(r"^#+\s+(.+)$", (REPO / page).read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {re.sub(r"[^a-z0-9 _-]", "", heading.lower()).replace(" ", "-") for heading in headings}


def _alert_rules(manifests: Manifests) -> list[dict[str, Any]]:
    return [rule for doc in manifests.of_kind("PrometheusRule") for g in doc["spec"]["groups"] for rule in g["rules"]]


def test_the_service_monitor_scrapes_every_service(manifests: Manifests) -> None:
    monitor = manifests.get("ServiceMonitor", "wxmp-platform")["spec"]
    assert monitor["selector"] == {"matchLabels": OUR_PODS}
    [endpoint] = monitor["endpoints"]
    assert endpoint["path"] == "/metrics"
    scraped = {
        s["metadata"]["name"]
        for s in manifests.of_kind("Service")
        if matches(monitor["selector"], s["metadata"]["labels"])
    }
    assert scraped == set(SERVICES)
    for name in SERVICES:
        assert endpoint["port"] in {port["name"] for port in manifests.get("Service", name)["spec"]["ports"]}


def test_alert_rules_use_metrics_and_labels_the_services_export(manifests: Manifests) -> None:
    exported = _exported()
    queues = {spec.name for spec in dispatcher_queues("dispatcher", "#", "classic")}
    rules = _alert_rules(manifests)
    assert rules
    for rule in rules:
        selectors = _SELECTOR.findall(rule["expr"])
        assert selectors, f"{rule['alert']}: no metric"
        for name, matchers in selectors:
            labels = dict(_MATCHER.findall(matchers))
            if name.startswith("wxmp_"):
                assert name in exported, f"{rule['alert']}: {name} is not a metric of ours"
                assert set(labels) <= exported[name], f"{rule['alert']}: {name} has no label {set(labels)}"
            if name.startswith("rabbitmq_") and "queue" in labels and not labels["queue"].startswith("."):
                assert labels["queue"] in queues, f"{rule['alert']}: no queue {labels['queue']}"
        page, anchor = rule["annotations"]["runbook"].split("#")
        assert anchor in _anchors(page), f"{rule['alert']}: no section #{anchor} in {page}"


def test_the_alerts_the_runbook_promises_exist(manifests: Manifests) -> None:
    expressions = " ".join(rule["expr"] for rule in _alert_rules(manifests))
    for metric in (
        "wxmp_token_quota_guard_refusals_total",
        "wxmp_token_expires_in_seconds",
        "wxmp_gateway_reply_timeouts_total",
        "wxmp_gateway_publish_total",
        "wxmp_dispatcher_rules_reload_failures",
        "rabbitmq_detailed_queue_messages",
    ):
        assert metric in expressions, metric
