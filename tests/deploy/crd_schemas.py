"""Strict validation of every rendered resource, offline.

Built-in kinds go through ``kubernetes_validate`` in strict mode (unknown fields are errors). The
custom resources we use — KEDA's ScaledObject and TriggerAuthentication, the RabbitMQ Cluster
Operator's RabbitmqCluster, the Prometheus Operator's ServiceMonitor and PrometheusRule — are not in
its schemas: each gets a small JSON Schema here of the fields we rely on (names and types as in
the operators' CRDs, unknown fields refused), reusing the Kubernetes definitions for the embedded
core types (resources, affinity, label selectors, HPA behavior, object metadata).
"""

import functools
from typing import Any

import jsonschema
import kubernetes_validate
import referencing
from kubernetes_validate.utils import schema_contents
from referencing.jsonschema import DRAFT202012

from tests.deploy.manifests import KUBERNETES_VERSION

_DEFINITIONS = "https://kubernetes.io/api/_definitions.json#/$defs/"


def _k8s(name: str) -> dict[str, Any]:
    return {"$ref": _DEFINITIONS + name}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


_STRING = {"type": "string"}
_INT = {"type": "integer"}
_STRING_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
_DURATION = {"type": "string", "pattern": r"^(\d+(ms|s|m|h|d|w|y))+$"}
_META = _k8s("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")


def _resource(api_version: str, kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return _object(
        {"apiVersion": {"const": api_version}, "kind": {"const": kind}, "metadata": _META, "spec": spec},
        required=("apiVersion", "kind", "metadata", "spec"),
    )


_SCALED_OBJECT = _resource(
    "keda.sh/v1alpha1",
    "ScaledObject",
    _object(
        {
            "scaleTargetRef": _object({"apiVersion": _STRING, "kind": _STRING, "name": _STRING}, ("name",)),
            "minReplicaCount": {"type": "integer", "minimum": 0},
            "maxReplicaCount": {"type": "integer", "minimum": 1},
            "pollingInterval": {"type": "integer", "minimum": 1},
            "cooldownPeriod": {"type": "integer", "minimum": 0},
            "advanced": _object(
                {
                    "horizontalPodAutoscalerConfig": _object(
                        {"name": _STRING, "behavior": _k8s("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerBehavior")}
                    ),
                    "restoreToOriginalReplicaCount": {"type": "boolean"},
                }
            ),
            "triggers": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "type": {"const": "rabbitmq"},
                        "name": _STRING,
                        # Every value a string (KEDA's metadata is map[string]string).
                        "metadata": _object(
                            {
                                "protocol": {"enum": ["amqp", "http", "auto"]},
                                "mode": {"enum": ["QueueLength", "MessageRate"]},
                                "queueName": _STRING,
                                "value": {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                                "activationValue": {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                            },
                            ("mode", "queueName", "value"),
                        ),
                        "authenticationRef": _object(
                            {"name": _STRING, "kind": {"enum": ["TriggerAuthentication"]}}, ("name",)
                        ),
                    },
                    ("type", "metadata", "authenticationRef"),
                ),
            },
        },
        ("scaleTargetRef", "triggers"),
    ),
)

_TRIGGER_AUTHENTICATION = _resource(
    "keda.sh/v1alpha1",
    "TriggerAuthentication",
    _object(
        {
            "secretTargetRef": {
                "type": "array",
                "minItems": 1,
                "items": _object({"parameter": _STRING, "name": _STRING, "key": _STRING}, ("parameter", "name", "key")),
            }
        },
        ("secretTargetRef",),
    ),
)

_RABBITMQ_CLUSTER = _resource(
    "rabbitmq.com/v1beta1",
    "RabbitmqCluster",
    _object(
        {
            "replicas": {"type": "integer", "minimum": 1},
            "image": _STRING,
            "resources": _k8s("io.k8s.api.core.v1.ResourceRequirements"),
            "persistence": _object({"storageClassName": _STRING, "storage": {"type": "string"}}),
            "affinity": _k8s("io.k8s.api.core.v1.Affinity"),
            "tolerations": {"type": "array", "items": _k8s("io.k8s.api.core.v1.Toleration")},
            "rabbitmq": _object(
                {
                    "additionalPlugins": {"type": "array", "items": {"type": "string", "pattern": "^rabbitmq_"}},
                    "additionalConfig": _STRING,
                }
            ),
        }
    ),
)

_ENDPOINT = _object(
    {
        "port": _STRING,
        "path": {"type": "string", "pattern": "^/"},
        "params": {"type": "object", "additionalProperties": {"type": "array", "items": _STRING}},
        "interval": _DURATION,
        "scrapeTimeout": _DURATION,
        "scheme": {"enum": ["http", "https"]},
    },
    ("port",),
)

_SERVICE_MONITOR = _resource(
    "monitoring.coreos.com/v1",
    "ServiceMonitor",
    _object(
        {
            "selector": _k8s("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"),
            "endpoints": {"type": "array", "minItems": 1, "items": _ENDPOINT},
            "namespaceSelector": _object({"any": {"type": "boolean"}, "matchNames": {"type": "array"}}),
            "jobLabel": _STRING,
        },
        ("selector", "endpoints"),
    ),
)

_RULE = _object(
    {
        "alert": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"},
        "expr": {"type": "string", "minLength": 1},
        "for": _DURATION,
        "labels": _object({"severity": {"enum": ["critical", "warning", "info"]}}, ("severity",)),
        "annotations": _STRING_MAP,
    },
    ("alert", "expr", "labels", "annotations"),
)

_PROMETHEUS_RULE = _resource(
    "monitoring.coreos.com/v1",
    "PrometheusRule",
    _object(
        {
            "groups": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {"name": _STRING, "interval": _DURATION, "rules": {"type": "array", "minItems": 1, "items": _RULE}},
                    ("name", "rules"),
                ),
            }
        },
        ("groups",),
    ),
)

CRD_SCHEMAS: dict[str, dict[str, Any]] = {
    "ScaledObject": _SCALED_OBJECT,
    "TriggerAuthentication": _TRIGGER_AUTHENTICATION,
    "RabbitmqCluster": _RABBITMQ_CLUSTER,
    "ServiceMonitor": _SERVICE_MONITOR,
    "PrometheusRule": _PROMETHEUS_RULE,
}


@functools.cache
def _registry() -> referencing.Registry[Any]:
    definitions = schema_contents(
        f"kubernetes-json-schema/v{KUBERNETES_VERSION}-local-strict/_definitions.json", KUBERNETES_VERSION
    )
    resource = referencing.Resource.from_contents(definitions, default_specification=DRAFT202012)
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        "https://kubernetes.io/api/_definitions.json", resource
    )
    return registry


def validate_custom(resource: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``resource`` fits the schema of its kind."""
    schema = CRD_SCHEMAS[resource["kind"]]
    jsonschema.Draft202012Validator(schema, registry=_registry()).validate(resource)


def validate_strictly(resource: dict[str, Any]) -> None:
    """Any rendered resource: a custom kind against our schema, a built-in one against Kubernetes'
    (strict). A kind neither knows is an error, not a pass."""
    if resource["kind"] in CRD_SCHEMAS:
        validate_custom(resource)
    else:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
