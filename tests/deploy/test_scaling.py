"""Who scales what: an HPA on CPU for the gateway, the token service, the API proxy and the web service,
KEDA on the queue lengths of the queues the dispatcher and the notifier really declare; nothing else
fights over replicas."""

from urllib.parse import urlsplit

from shared.topology import dispatcher_queues, notifier_queues
from tests.deploy.manifests import SERVICES, Manifests, secret_example


def _queue_names(manifests: Manifests, service: str) -> set[str]:
    """The queues a KEDA trigger may watch: those the service declares with its settings."""
    prefix = manifests.setting(service, "queue_prefix")
    if service == "dispatcher":
        return {spec.name for spec in dispatcher_queues(prefix, "#", "classic")}
    sends, _reports = notifier_queues(prefix, "*", "classic")
    return {sends.name}


def test_each_service_has_exactly_one_autoscaler_and_no_fixed_replicas(manifests: Manifests) -> None:
    targets = [hpa["spec"]["scaleTargetRef"] for hpa in manifests.of_kind("HorizontalPodAutoscaler")]
    targets += [scaled["spec"]["scaleTargetRef"] for scaled in manifests.of_kind("ScaledObject")]
    for target in targets:
        assert target.get("kind", "Deployment") == "Deployment"
        assert target["name"] in manifests.names("Deployment")
    assert sorted(target["name"] for target in targets) == sorted(SERVICES)
    for name in SERVICES:
        assert "replicas" not in manifests.get("Deployment", name)["spec"], f"{name}: its autoscaler owns replicas"


def test_the_http_services_scale_on_cpu(manifests: Manifests) -> None:
    for name in ("gateway", "token", "proxy", "web"):
        spec = manifests.get("HorizontalPodAutoscaler", name)["spec"]
        assert spec["scaleTargetRef"]["name"] == name
        [metric] = spec["metrics"]
        assert metric["resource"]["name"] == "cpu"
        assert 1 <= spec["minReplicas"] <= spec["maxReplicas"]


def test_keda_scales_the_consumers_on_their_own_queues(manifests: Manifests) -> None:
    authentications = manifests.names("TriggerAuthentication")
    for name in ("dispatcher", "notifier"):
        spec = manifests.get("ScaledObject", name)["spec"]
        assert spec["scaleTargetRef"]["name"] == name
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"], "never to zero: replies and the API need one"
        watched = {trigger["metadata"]["queueName"] for trigger in spec["triggers"]}
        assert watched, name
        assert watched <= _queue_names(manifests, name), f"{name} watches queues it does not declare: {watched}"
        for trigger in spec["triggers"]:
            assert trigger["metadata"]["mode"] == "QueueLength"
            assert trigger["authenticationRef"]["name"] in authentications
    assert _queue_names(manifests, "dispatcher") == {"dispatcher.replies", "dispatcher.analytics"}
    assert {t["metadata"]["queueName"] for t in manifests.get("ScaledObject", "notifier")["spec"]["triggers"]} == {
        "notifier.sends"
    }


def test_keda_reads_the_services_amqp_url_which_names_the_rabbitmq_cluster(manifests: Manifests) -> None:
    [auth] = manifests.of_kind("TriggerAuthentication")
    [ref] = auth["spec"]["secretTargetRef"]
    assert (ref["parameter"], ref["key"]) == ("host", "AMQP_URL")
    for name in ("gateway", "dispatcher", "notifier"):
        assert manifests.environment(name)["AMQP_URL"] == {"secretKeyRef": {"name": ref["name"], "key": "AMQP_URL"}}
    url = urlsplit(secret_example()["stringData"]["AMQP_URL"])
    host = url.hostname or ""
    [cluster] = manifests.of_kind("RabbitmqCluster")
    assert host.split(".")[0] == cluster["metadata"]["name"]
    assert ".svc" in host, "namespace-qualified: KEDA resolves it from its own namespace"
    assert (url.scheme, url.port, url.path) == ("amqp", 5672, "/")
