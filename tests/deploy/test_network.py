"""Who may reach whom, per the NetworkPolicies: ingress denied by default, the gateway and the web
service the only Services reachable from outside the cluster (the ingress publishes only WeChat's
callbacks and the H5 pages' paths), the token service only from our own pods, the API proxy only
from our own pods and the client namespaces."""

from typing import Any

from tests.deploy.manifests import OUR_PODS, SERVICES, Manifests, matches, pod_labels

# The pods the RabbitMQ Cluster Operator creates for the RabbitmqCluster "rabbitmq".
RABBITMQ_PODS = {
    "app.kubernetes.io/name": "rabbitmq",
    "app.kubernetes.io/component": "rabbitmq",
    "app.kubernetes.io/part-of": "rabbitmq",
}
PROMETHEUS = {
    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}},
    "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}},
}
KEDA = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "keda"}}}


def _ingress_policies(manifests: Manifests, labels: dict[str, str]) -> list[dict[str, Any]]:
    return [
        policy
        for policy in manifests.of_kind("NetworkPolicy")
        if "Ingress" in policy["spec"].get("policyTypes", ["Ingress"])
        and matches(policy["spec"]["podSelector"], labels)
    ]


def _rules(manifests: Manifests, labels: dict[str, str]) -> list[dict[str, Any]]:
    return [rule for policy in _ingress_policies(manifests, labels) for rule in policy["spec"].get("ingress") or []]


def _from_outside(rule: dict[str, Any]) -> bool:
    """A rule that admits sources outside the cluster: no ``from`` (anyone) or an ipBlock."""
    peers = rule.get("from") or []
    return not peers or any("ipBlock" in peer for peer in peers)


def _pods_behind(manifests: Manifests, service: dict[str, Any]) -> dict[str, str]:
    selector = service["spec"]["selector"]
    [labels] = [
        pod_labels(deployment)
        for deployment in manifests.of_kind("Deployment")
        if selector.items() <= pod_labels(deployment).items()
    ]
    return labels


def test_ingress_is_denied_by_default(manifests: Manifests) -> None:
    deny = [
        policy["spec"]
        for policy in manifests.of_kind("NetworkPolicy")
        if policy["spec"]["podSelector"] == {} and policy["spec"].get("policyTypes") == ["Ingress"]
    ]
    assert {"podSelector": {}, "policyTypes": ["Ingress"]} in deny


PUBLIC = {"gateway": 8080, "web": 8085}


def test_the_gateway_and_the_web_service_are_the_only_services_reachable_from_outside(manifests: Manifests) -> None:
    reachable = {}
    for service in manifests.of_kind("Service"):
        labels = _pods_behind(manifests, service)
        assert _ingress_policies(manifests, labels), f"{service['metadata']['name']}: its pods are not isolated"
        reachable[service["metadata"]["name"]] = any(_from_outside(rule) for rule in _rules(manifests, labels))
    reachable["rabbitmq"] = any(_from_outside(rule) for rule in _rules(manifests, RABBITMQ_PODS))
    assert {name for name, outside in reachable.items() if outside} == set(PUBLIC)
    for name, port in PUBLIC.items():
        rules = _rules(manifests, pod_labels(manifests.get("Deployment", name)))
        assert [rule.get("ports") for rule in rules if _from_outside(rule)] == [[{"protocol": "TCP", "port": port}]]


def test_the_ingress_publishes_callbacks_and_the_pages_paths_only(manifests: Manifests) -> None:
    published = {
        (path["backend"]["service"]["name"], path["path"], path["pathType"], path["backend"]["service"]["port"]["name"])
        for ingress in manifests.of_kind("Ingress")
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert published == {
        ("gateway", "/wechat/", "Prefix", "http"),
        ("web", "/oauth/", "Prefix", "http"),
        ("web", "/jssdk/", "Prefix", "http"),
    }, "never /v1/ (the tickets' redemption), /metrics, /healthz or /readyz"
    hosts = {rule["host"] for ingress in manifests.of_kind("Ingress") for rule in ingress["spec"]["rules"]}
    assert len(hosts) == 1, "the web service next to the gateway, on WEB_PUBLIC_URL's host"
    assert manifests.setting("web", "web_public_url") == f"https://{hosts.pop()}"


def test_the_token_service_is_reachable_from_our_own_pods_only(manifests: Manifests) -> None:
    token = pod_labels(manifests.get("Deployment", "token"))
    ours = {"podSelector": {"matchLabels": OUR_PODS}}
    for rule in _rules(manifests, token):
        for peer in rule["from"]:
            assert peer in (ours, PROMETHEUS), f"token reachable from {peer}"
    # "Our pods" are the four services, and nothing else in the namespace (e.g. dev's Redis).
    for deployment in manifests.of_kind("Deployment"):
        selected = matches(ours["podSelector"], pod_labels(deployment))
        assert selected == (deployment["metadata"]["name"] in SERVICES), deployment["metadata"]["name"]
    assert not matches(ours["podSelector"], RABBITMQ_PODS)


def test_the_proxy_is_reachable_from_our_pods_and_client_namespaces_only(manifests: Manifests) -> None:
    proxy = pod_labels(manifests.get("Deployment", "proxy"))
    ours = {"podSelector": {"matchLabels": OUR_PODS}}
    clients = {"namespaceSelector": {"matchLabels": {"wxmp-platform/client": "true"}}}
    rules = _rules(manifests, proxy)
    assert rules
    for rule in rules:
        for peer in rule["from"]:
            assert peer in (ours, clients, PROMETHEUS), f"proxy reachable from {peer}"
    served = [rule for rule in rules if ours in rule["from"]]
    assert [rule["ports"] for rule in served] == [[{"protocol": "TCP", "port": 8084}]]
    assert all(clients in rule["from"] for rule in served)
    for ingress in manifests.of_kind("Ingress"):
        for rule in ingress["spec"]["rules"]:
            assert all(path["backend"]["service"]["name"] != "proxy" for path in rule["http"]["paths"])


def test_rabbitmq_takes_amqp_from_our_pods_and_keda(manifests: Manifests) -> None:
    amqp = [
        rule for rule in _rules(manifests, RABBITMQ_PODS) if {"protocol": "TCP", "port": 5672} in rule.get("ports", [])
    ]
    peers = [peer for rule in amqp for peer in rule["from"]]
    assert {"podSelector": {"matchLabels": OUR_PODS}} in peers and KEDA in peers
