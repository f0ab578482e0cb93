"""Every kustomization renders, and every resource it renders validates strictly, offline."""

import copy
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest

from shared.accounts import load_apps_file
from tests.deploy.crd_schemas import CRD_SCHEMAS, validate_custom, validate_strictly
from tests.deploy.manifests import (
    KUBERNETES_VERSION,
    SERVICES,
    Manifests,
    pod_spec,
    render,
    secret_example,
    secret_keys,
)


def test_every_resource_validates_strictly(manifests: Manifests) -> None:
    assert manifests.docs
    failures = []
    for resource in manifests.docs:
        try:
            validate_strictly(resource)
        except (jsonschema.ValidationError, kubernetes_validate.SchemaNotFoundError) as exc:
            where = ".".join(map(str, getattr(exc, "path", [])))
            failures.append(
                f"{resource['kind']}/{resource['metadata']['name']} {where}: {getattr(exc, 'message', exc)}"
            )
    assert not failures, "\n".join(failures)


def test_the_overlays_render_every_kind_we_rely_on(overlay: Manifests) -> None:
    kinds = {resource["kind"] for resource in overlay.docs}
    assert set(CRD_SCHEMAS) <= kinds
    assert {"Namespace", "Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler"} <= kinds
    assert {"PodDisruptionBudget", "NetworkPolicy", "Ingress", "ServiceAccount"} <= kinds
    assert set(SERVICES) <= overlay.names("Deployment")
    [namespace] = overlay.of_kind("Namespace")
    namespaced = {resource["metadata"].get("namespace") for resource in overlay.docs if resource is not namespace}
    assert namespaced == {namespace["metadata"]["name"]}


def test_strict_validation_refuses_unknown_fields() -> None:
    """The checks bite: a misspelt field fails, for a built-in kind and for each custom kind."""
    rendered = render("overlays/prod")
    deployment = copy.deepcopy(rendered.get("Deployment", "gateway"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessprobe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    for kind in CRD_SCHEMAS:
        resource = copy.deepcopy(rendered.of_kind(kind)[0])
        resource["spec"]["unknownField"] = 1
        with pytest.raises(jsonschema.ValidationError):
            validate_custom(resource)


def test_custom_kinds_check_the_embedded_kubernetes_types() -> None:
    rabbitmq = copy.deepcopy(render("overlays/prod").get("RabbitmqCluster", "rabbitmq"))
    rabbitmq["spec"]["resources"]["request"] = {"cpu": "2"}  # requests, misspelt
    with pytest.raises(jsonschema.ValidationError):
        validate_custom(rabbitmq)
    scaled = copy.deepcopy(render("overlays/prod").get("ScaledObject", "dispatcher"))
    scaled["spec"]["triggers"][0]["metadata"]["value"] = 20  # KEDA's metadata values are strings
    with pytest.raises(jsonschema.ValidationError):
        validate_custom(scaled)


def test_the_secret_example_validates_and_holds_placeholders_only(tmp_path: Path) -> None:
    secret = secret_example()
    kubernetes_validate.validate(secret, KUBERNETES_VERSION, strict=True)
    assert "data" not in secret, "readable placeholders (stringData) only"
    values = secret["stringData"]
    assert secret_keys(secret) == {
        "AMQP_URL", "REDIS_URL", "INTERNAL_API_KEY", "WEB_SESSION_SECRET", "apps.yaml", "web-apps.yaml"
    }  # fmt: skip
    assert "CHANGE_ME" in values["AMQP_URL"] and "CHANGE_ME" in values["INTERNAL_API_KEY"]
    assert "CHANGE_ME" in values["WEB_SESSION_SECRET"]
    apps_file = tmp_path / "apps.yaml"
    apps_file.write_text(values["apps.yaml"], encoding="utf-8")
    accounts = load_apps_file(apps_file)  # the services' own loader: the shape is right
    for account in accounts.values():
        assert account.app_secret is not None and "CHANGE_ME" in account.app_secret.get_secret_value()
        assert account.token is not None and "CHANGE_ME" in account.token.get_secret_value()
    web_apps_file = tmp_path / "web-apps.yaml"
    web_apps_file.write_text(values["web-apps.yaml"], encoding="utf-8")
    web_accounts = load_apps_file(web_apps_file)
    assert web_accounts.keys() == accounts.keys()
    assert all(account.web_allowed_hosts and not account.secret_values() for account in web_accounts.values())


def test_the_web_pods_are_given_the_accounts_without_their_secrets(manifests: Manifests) -> None:
    """The web service faces the internet: no AppSecret, callback token or EncodingAESKey in its pods."""
    volumes = pod_spec(manifests.get("Deployment", "web"))["volumes"]
    mounted = {item["key"] for volume in volumes if "secret" in volume for item in volume["secret"]["items"]}
    assert mounted == {"web-apps.yaml"}
    from_secret = {value["secretKeyRef"]["key"] for value in manifests.environment("web").values()
                   if isinstance(value, dict) and "secretKeyRef" in value}  # fmt: skip
    assert from_secret == {"REDIS_URL", "INTERNAL_API_KEY", "WEB_SESSION_SECRET"}


def test_no_kustomization_renders_a_secret(manifests: Manifests) -> None:
    """Applying the manifests must never overwrite the real Secret with the example."""
    assert manifests.of_kind("Secret") == []
