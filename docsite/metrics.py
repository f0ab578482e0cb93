"""The metrics and alerts page: every ``wxmp_*`` metric each service's metrics class registers (name as
scraped, type, labels and the label values shown from 0, its help), and every alert of
``deploy/k8s/base/alerts.yaml`` with its expression and runbook section."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from prometheus_client import CollectorRegistry
from prometheus_client.metrics import MetricWrapperBase

from docsite import REPO
from docsite.text import metric_text
from services.dispatcher.metrics import DispatcherMetrics
from services.gateway.metrics import GatewayMetrics
from services.notifier.metrics import NotifierMetrics
from services.proxy.metrics import ProxyMetrics
from services.token.metrics import TokenMetrics
from services.web.metrics import WebMetrics

ALERTS = REPO / "deploy" / "k8s" / "base" / "alerts.yaml"
SERVICES: tuple[tuple[str, Callable[[], Any]], ...] = (
    ("gateway", GatewayMetrics),
    ("token", TokenMetrics),
    ("dispatcher", DispatcherMetrics),
    ("notifier", NotifierMetrics),
    ("proxy", ProxyMetrics),
    ("web", WebMetrics),
)
SUFFIX = {"counter": "_total", "histogram": "", "gauge": "", "summary": ""}

TEXT: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "指标与告警",
        "generated": "本页在每次构建时由各服务的指标类（`services/*/metrics.py`）和 `deploy/k8s/base/alerts.yaml` "
        "自动生成，请勿手工编辑。",
        "intro": """\
每个服务在自己的端口上提供 `GET /metrics`（Prometheus 文本格式）。除了下表的业务指标，还有进程、Python
和 GC 的标准指标（`process_*`、`python_*`）。带标签的计数器在启动时就以 0 出现在每个已知的标签值上，
所以刚启动的实例也有样本可供告警，`rate()` 也能看到第一次增长。Kubernetes 上由 ServiceMonitor
`wxmp-platform` 抓取；RabbitMQ 的队列深度来自 ServiceMonitor `rabbitmq`。处理步骤见[运维手册](runbook.md)。
""",
        "metrics": "指标",
        "columns": "| 指标 | 类型 | 标签 | 说明 |",
        "alerts": "告警",
        "alerts_intro": "`deploy/k8s/base/alerts.yaml` 中的 PrometheusRule `wxmp-platform`；"
        "`tests/deploy` 检查其中用到的每个 `wxmp_*` 指标和标签都存在于代码中。",
        "alert_columns": "| 告警 | 级别 | 持续 | 含义 | 处理 |",
        "runbook": "运维手册",
        "services": {
            "gateway": "网关 gateway",
            "token": "Token 服务 token",
            "dispatcher": "分发器 dispatcher",
            "notifier": "通知服务 notifier",
            "proxy": "API 代理 proxy",
            "web": "网页服务 web",
        },
    },
    "en": {
        "title": "Metrics and alerts",
        "generated": "Generated during every build from the services' metrics classes (`services/*/metrics.py`) "
        "and `deploy/k8s/base/alerts.yaml`: do not edit.",
        "intro": """\
Each service serves `GET /metrics` (Prometheus text) on its port. Besides the metrics below there are
the standard process, Python and GC collectors (`process_*`, `python_*`). Labelled counters show every
label value they are known to take at 0 from the start, so a replica that has just started has samples
to alert on and `rate()` sees the first increment. On Kubernetes the ServiceMonitor `wxmp-platform`
scrapes them; RabbitMQ's queue depths come from the ServiceMonitor `rabbitmq`. What to do about each
alert: the [runbook](runbook.md).
""",
        "metrics": "Metrics",
        "columns": "| metric | type | labels | meaning |",
        "alerts": "Alerts",
        "alerts_intro": "The PrometheusRule `wxmp-platform` in `deploy/k8s/base/alerts.yaml`; `tests/deploy` "
        "checks that every `wxmp_*` metric and label they use exists in the code.",
        "alert_columns": "| alert | severity | for | meaning | what to do |",
        "runbook": "runbook",
        "services": {
            "gateway": "gateway",
            "token": "token service",
            "dispatcher": "dispatcher",
            "notifier": "notifier",
            "proxy": "API proxy",
            "web": "web pages",
        },
    },
}


@dataclass(frozen=True)
class Metric:
    service: str
    name: str  # as scraped: a counter's with _total
    kind: str
    labels: tuple[str, ...]
    values: dict[str, tuple[str, ...]]  # label → the values shown from 0
    help: str


def _wrappers(metrics: Any) -> list[MetricWrapperBase]:
    seen: dict[int, MetricWrapperBase] = {}
    for value in vars(metrics).values():
        # A labelled child (``counter.labels("ack")``) is a wrapper too: only the metrics themselves.
        if isinstance(value, MetricWrapperBase) and not getattr(value, "_labelvalues", ()) and id(value) not in seen:
            seen[id(value)] = value
    return list(seen.values())


def _values(wrapper: MetricWrapperBase, labels: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    children: dict[tuple[str, ...], Any] = getattr(wrapper, "_metrics", {}) or {}
    found: dict[str, tuple[str, ...]] = {}
    for index, label in enumerate(labels):
        values = tuple(dict.fromkeys(key[index] for key in children))
        if values:
            found[label] = values
    return found


def metrics() -> list[Metric]:
    """Every ``wxmp_*`` metric, by service, in the order the classes register them."""
    found: list[Metric] = []
    for service, factory in SERVICES:
        instance = factory()
        registry: CollectorRegistry = instance.registry
        registered = {family.name for family in registry.collect()}
        for wrapper in _wrappers(instance):
            name: str = getattr(wrapper, "_name")  # noqa: B009 - prometheus_client keeps it private
            kind: str = getattr(wrapper, "_type")  # noqa: B009
            if not name.startswith("wxmp_") or name not in registered:
                continue
            labels = tuple(getattr(wrapper, "_labelnames"))  # noqa: B009
            help_text = str(getattr(wrapper, "_documentation"))  # noqa: B009
            found.append(Metric(service, name + SUFFIX[kind], kind, labels, _values(wrapper, labels), help_text))
    return found


def alerts() -> list[dict[str, Any]]:
    """The alerting rules of ``alerts.yaml``, in file order."""
    document = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))
    return [rule for group in document["spec"]["groups"] for rule in group["rules"] if "alert" in rule]


def describe(metric: Metric, lang: str) -> str | None:
    return metric_text(lang, metric.name) or (metric.help if lang == "en" else None)


def missing(lang: str) -> list[str]:
    return [metric.name for metric in metrics() if not metric_text(lang, metric.name) and lang == "zh"]


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _labels(metric: Metric) -> str:
    words = []
    for label in metric.labels:
        values = metric.values.get(label)
        words.append(f"`{label}`" + (f" ({', '.join(f'`{v}`' for v in values)})" if values else ""))
    return "<br>".join(words)


def _runbook_link(rule: dict[str, Any], lang: str) -> str:
    runbook = str(rule.get("annotations", {}).get("runbook", ""))
    if "#" not in runbook:
        return ""
    anchor = runbook.split("#", 1)[1]
    return f"[{TEXT[lang]['runbook']}](runbook.md#{anchor})"


def render(lang: str) -> str:
    t = TEXT[lang]
    parts = [f"# {t['title']}", "", f"*{t['generated']}*", "", t["intro"], f"## {t['metrics']}"]
    current = None
    for metric in metrics():
        if metric.service != current:
            current = metric.service
            parts += ["", f"### {t['services'][current]} {{#{current}}}", "", t["columns"], "| --- | --- | --- | --- |"]
        meaning = _cell(describe(metric, lang) or "")
        parts.append(f"| `{metric.name}` | {metric.kind} | {_labels(metric)} | {meaning} |")
    parts += ["", f"## {t['alerts']}", "", t["alerts_intro"], ""]
    for rule in alerts():
        annotations = rule.get("annotations", {})
        severity = rule.get("labels", {}).get("severity", "")
        summary = metric_text(lang, f"alert.{rule['alert']}") or annotations.get("summary", "")
        parts += [
            f"### {rule['alert']} {{#{rule['alert'].lower()}}}",
            "",
            f"**{severity}**"
            + (f" · for {rule['for']}" if rule.get("for") and lang == "en" else "")
            + (f" · 持续 {rule['for']}" if rule.get("for") and lang == "zh" else "")
            + f" · {_runbook_link(rule, lang)}",
            "",
            _cell(summary),
            "",
            "```promql",
            str(rule["expr"]).strip(),
            "```",
            "",
        ]
    return "\n".join(parts).rstrip("\n") + "\n"
