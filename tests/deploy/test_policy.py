"""What every rendering must keep: probes, resources, a locked-down securityContext, Secret and
ConfigMap references that resolve, ports that agree with the settings, and a shutdown that fits in
the grace period."""

from typing import Any

from tests.deploy.manifests import (
    SERVICES,
    Manifests,
    container_port,
    containers,
    matches,
    pod_labels,
    pod_spec,
    prestop_sleep_seconds,
    quantity,
    secret_example,
    secret_keys,
)

IMAGE_USER = 10001  # the Dockerfile's USER


def test_each_service_has_a_deployment_a_service_and_a_disruption_budget(manifests: Manifests) -> None:
    for name in SERVICES:
        labels = pod_labels(manifests.get("Deployment", name))
        assert matches(manifests.get("Deployment", name)["spec"]["selector"], labels)
        assert manifests.get("Service", name)["spec"]["selector"].items() <= labels.items()
        budget = manifests.get("PodDisruptionBudget", name)["spec"]
        assert matches(budget["selector"], labels)
        assert budget.get("maxUnavailable") == 1, "maxUnavailable 1: drains progress even at one replica"


def test_probes_are_healthz_and_readyz_on_the_service_port(manifests: Manifests) -> None:
    for name in SERVICES:
        [container] = containers(manifests.get("Deployment", name))
        expected = {"livenessProbe": "/healthz", "readinessProbe": "/readyz", "startupProbe": "/healthz"}
        for probe, path in expected.items():
            check = container[probe]["httpGet"]
            assert check["path"] == path, f"{name} {probe}"
            assert container_port(container, check["port"]) == SERVICES[name].model_fields["port"].default


def test_every_container_has_requests_and_limits(manifests: Manifests) -> None:
    for deployment in manifests.of_kind("Deployment"):
        for container in containers(deployment):
            resources = container.get("resources") or {}
            where = f"{deployment['metadata']['name']}/{container['name']}"
            for resource in ("cpu", "memory"):
                request = resources.get("requests", {}).get(resource)
                limit = resources.get("limits", {}).get(resource)
                assert request is not None and limit is not None, f"{where}: {resource} request and limit"
                assert quantity(request) <= quantity(limit), f"{where}: {resource} request above its limit"


def _effective(pod: dict[str, Any], container: dict[str, Any], field: str) -> Any:
    """A securityContext field as the kubelet applies it: the container's, else the pod's."""
    own = (container.get("securityContext") or {}).get(field)
    return own if own is not None else (pod.get("securityContext") or {}).get(field)


def test_every_pod_runs_locked_down(manifests: Manifests) -> None:
    for deployment in manifests.of_kind("Deployment"):
        pod = pod_spec(deployment)
        name = deployment["metadata"]["name"]
        assert pod.get("automountServiceAccountToken") is False, f"{name}: no API token in the pod"
        assert pod.get("enableServiceLinks") is False, f"{name}: no *_PORT variables next to our settings"
        assert not pod.get("hostNetwork") and not pod.get("hostPID") and not pod.get("hostIPC")
        for container in containers(deployment) + (pod.get("initContainers") or []):
            context = container.get("securityContext") or {}
            where = f"{name}/{container['name']}"
            assert _effective(pod, container, "runAsNonRoot") is True, where
            assert _effective(pod, container, "runAsUser") not in (None, 0), where
            assert _effective(pod, container, "seccompProfile") == {"type": "RuntimeDefault"}, where
            assert context.get("readOnlyRootFilesystem") is True, where
            assert context.get("allowPrivilegeEscalation") is False, where
            assert context.get("capabilities") == {"drop": ["ALL"]}, where
            assert not context.get("privileged"), where


def test_our_services_run_as_the_image_user_with_a_writable_tmp(manifests: Manifests) -> None:
    for name in SERVICES:
        deployment = manifests.get("Deployment", name)
        pod = pod_spec(deployment)
        [container] = containers(deployment)
        assert _effective(pod, container, "runAsUser") == IMAGE_USER
        mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
        volumes = {volume["name"]: volume for volume in pod["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], f"{name}: /tmp is an emptyDir"
        assert container["args"] == [f"services.{name}"], "the image's ENTRYPOINT is python -m"


def test_secret_references_exist_in_the_example_and_every_key_is_used(manifests: Manifests) -> None:
    example = secret_example()
    name, keys = example["metadata"]["name"], secret_keys(example)
    used: set[str] = set()
    for deployment in manifests.of_kind("Deployment"):
        pod = pod_spec(deployment)
        for container in containers(deployment):
            for entry in container.get("env") or []:
                if ref := (entry.get("valueFrom") or {}).get("secretKeyRef"):
                    assert (ref["name"], ref["key"]) in {(name, key) for key in keys}, ref
                    used.add(ref["key"])
            for source in container.get("envFrom") or []:
                assert "secretRef" not in source, "name each secret variable: the Secret also holds files"
        for volume in pod.get("volumes") or []:
            if secret := volume.get("secret"):
                assert secret["secretName"] == name
                assert secret.get("items"), "mount the keys it needs, not the whole Secret"
                for item in secret["items"]:
                    assert item["key"] in keys
                    used.add(item["key"])
    for auth in manifests.of_kind("TriggerAuthentication"):
        for ref in auth["spec"]["secretTargetRef"]:
            assert ref["name"] == name and ref["key"] in keys
            used.add(ref["key"])
    assert used == keys, f"keys of the example nothing uses: {keys - used}"


def test_config_map_references_resolve(manifests: Manifests) -> None:
    config_maps = manifests.names("ConfigMap")
    for deployment in manifests.of_kind("Deployment"):
        for container in containers(deployment):
            for source in container.get("envFrom") or []:
                assert source["configMapRef"]["name"] in config_maps
        for volume in pod_spec(deployment).get("volumes") or []:
            if "configMap" in volume:
                assert volume["configMap"]["name"] in config_maps


def test_service_ports_equal_container_ports_equal_the_settings_defaults(manifests: Manifests) -> None:
    for name, settings in SERVICES.items():
        default = settings.model_fields["port"].default
        [container] = containers(manifests.get("Deployment", name))
        [port] = manifests.get("Service", name)["spec"]["ports"]
        assert port["port"] == default, f"{name}: Service port"
        assert container_port(container, port["targetPort"]) == default, f"{name}: container port"
        assert manifests.setting(name, "port") == default, f"{name}: PORT overridden"
    assert manifests.environment("dispatcher")["TOKEN_SERVICE_URL"] == "http://token:8081"


def test_the_grace_period_covers_the_pre_stop_sleep_and_the_shutdown(manifests: Manifests) -> None:
    for name in SERVICES:
        deployment = manifests.get("Deployment", name)
        [container] = containers(deployment)
        sleep = prestop_sleep_seconds(container)
        shutdown = float(manifests.setting(name, "shutdown_timeout_seconds"))
        grace = pod_spec(deployment)["terminationGracePeriodSeconds"]
        assert sleep >= 3, f"{name}: the preStop sleep lets the endpoints drop the pod first"
        assert grace > sleep + shutdown, f"{name}: {grace} s <= preStop {sleep} s + shutdown {shutdown} s"
        if name in ("dispatcher", "notifier"):
            # HTTP in-flight first, then the consumers' messages in hand: two waits.
            assert grace > sleep + 2 * shutdown, f"{name}: the consumers' drain does not fit"


def test_the_accounts_file_and_the_reply_rules_are_mounted_where_the_settings_point(manifests: Manifests) -> None:
    for name in SERVICES:
        deployment = manifests.get("Deployment", name)
        [container] = containers(deployment)
        volumes = {volume["name"]: volume for volume in pod_spec(deployment)["volumes"]}
        mounts = {mount["name"]: mount for mount in container["volumeMounts"]}
        for mount in mounts.values():
            assert "subPath" not in mount, f"{name}: a subPath mount never sees ConfigMap or Secret updates"
        apps = manifests.setting(name, "wechat_apps_file")
        [item] = volumes["apps"]["secret"]["items"]
        assert apps == f"{mounts['apps']['mountPath']}/{item['path']}"
    rules = manifests.setting("dispatcher", "reply_rules_file")
    dispatcher = manifests.get("Deployment", "dispatcher")
    [mount] = [m for m in containers(dispatcher)[0]["volumeMounts"] if m["name"] == "rules"]
    [volume] = [v for v in pod_spec(dispatcher)["volumes"] if v["name"] == "rules"]
    assert rules.startswith(mount["mountPath"] + "/")
    assert rules.rsplit("/", 1)[1] in manifests.config_map(volume["configMap"]["name"])


def test_the_queue_type_is_quorum_in_prod_on_three_rabbitmq_nodes(overlay: Manifests) -> None:
    expected = "quorum" if overlay.name == "overlays/prod" else "classic"
    for name in ("dispatcher", "notifier"):
        assert overlay.setting(name, "queue_type") == expected
    replicas = overlay.get("RabbitmqCluster", "rabbitmq")["spec"]["replicas"]
    assert replicas >= 3 if expected == "quorum" else replicas >= 1


def test_the_images_are_one_pinned_release(overlay: Manifests) -> None:
    images = {containers(overlay.get("Deployment", name))[0]["image"] for name in SERVICES}
    assert len(images) == 1
    [image] = images
    assert ":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest")
    if overlay.name == "overlays/prod":
        assert "/" in image, "prod pulls from a registry"
