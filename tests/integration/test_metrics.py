"""Every service's /metrics has samples from its start, before it handled anything: the process
collectors, and each labelled counter at zero for the label values it is known to take. Each
test's broker is a vhost of its own, requested first so that it goes away after the service."""

from typing import Any

from aiohttp.test_utils import TestClient

from services.dispatcher.app import create_app as create_dispatcher
from services.dispatcher.settings import DispatcherSettings
from services.notifier.app import create_app as create_notifier
from tests.conftest import REDIS_URL, FakeWeChat
from tests.integration.conftest import API_KEY, GatewayFactory
from tests.integration.test_notifier import notifier_settings

Client = TestClient[Any, Any]
# One sample of each collector every service registers.
PROCESS = ("process_cpu_seconds_total", "process_resident_memory_bytes", "python_gc_collections_total")


async def samples(client: Client) -> dict[str, float]:
    """The sample lines of the page: name{labels} → value."""
    response = await client.get("/metrics")
    assert response.status == 200
    lines = [line for line in (await response.text()).splitlines() if line and not line.startswith("#")]
    return {name: float(value) for name, value in (line.rsplit(" ", 1) for line in lines)}


def assert_from_the_start(found: dict[str, float], zeros: list[str]) -> None:
    for name in PROCESS:
        assert any(sample.split("{")[0] == name for sample in found), f"no {name}"
    assert any(sample.startswith("python_info{") for sample in found), "no platform collector"
    for sample in zeros:
        assert found.get(sample) == 0.0, f"{sample}: {found.get(sample)}"


async def test_the_gateways_metrics_from_the_start(vhost: str, make_gateway: GatewayFactory) -> None:
    gateway = await make_gateway(amqp_url=vhost)
    found = await samples(gateway)
    assert_from_the_start(found, [
        'wxmp_gateway_requests_total{method="GET",outcome="verified"}',
        'wxmp_gateway_requests_total{method="GET",outcome="rejected_403"}',
        'wxmp_gateway_requests_total{method="POST",outcome="accepted"}',
        'wxmp_gateway_requests_total{method="POST",outcome="replied"}',
        'wxmp_gateway_requests_total{method="POST",outcome="publish_failed"}',
        'wxmp_gateway_requests_total{method="POST",outcome="rejected_413"}',
        'wxmp_gateway_publish_total{result="ack"}',
        'wxmp_gateway_publish_total{result="failed"}',
        "wxmp_gateway_reply_timeouts_total",
        'wxmp_gateway_request_seconds_count{method="POST"}',
    ])  # fmt: skip


async def test_the_token_services_metrics_from_the_start(token_service: Client) -> None:
    found = await samples(token_service)
    assert_from_the_start(found, [
        'wxmp_token_upstream_fetches_total{kind="access_token",result="error"}',
        'wxmp_token_upstream_fetches_total{kind="jsapi_ticket",result="error"}',
        'wxmp_token_upstream_fetches_total{kind="card_ticket",result="error"}',
        'wxmp_token_quota_guard_refusals_total{kind="access_token"}',
        'wxmp_token_quota_guard_refusals_total{kind="jsapi_ticket"}',
        'wxmp_token_quota_guard_refusals_total{kind="card_ticket"}',
        "wxmp_token_store_errors_total",
    ])  # fmt: skip
    assert 'wxmp_token_upstream_fetches_total{kind="access_token",result="ok"}' in found


async def test_the_dispatchers_metrics_from_the_start(
    vhost: str, aiohttp_client: Any, token_service: Client, fake_wechat: FakeWeChat
) -> None:
    settings = DispatcherSettings(
        amqp_url=vhost,
        redis_url=REDIS_URL,
        wechat_app_id=fake_wechat.app_id,
        wechat_app_secret=fake_wechat.app_secret,
        wechat_api_base=fake_wechat.base_url,
        wechat_apps_file=None,
        token_service_url=str(token_service.make_url("")),
        internal_api_key=API_KEY,
        event_binding=f"{fake_wechat.app_id}.#",
    )
    found = await samples(await aiohttp_client(create_dispatcher(settings)))
    assert_from_the_start(found, [
        *(f'wxmp_dispatcher_messages_total{{consumer="{consumer}",outcome="{outcome}"}}'
          for consumer in ("replies", "analytics") for outcome in ("handled", "retried", "dead_lettered")),
        *(f'wxmp_dispatcher_replies_total{{path="{path}"}}' for path in ("rpc", "custom", "none", "unsendable")),
    ])  # fmt: skip


async def test_the_notifiers_metrics_from_the_start(
    vhost: str, aiohttp_client: Any, token_service: Client, fake_wechat: FakeWeChat
) -> None:
    settings = notifier_settings(fake_wechat, token_service, amqp_url=vhost)
    found = await samples(await aiohttp_client(create_notifier(settings)))
    assert_from_the_start(found, [
        *(f'wxmp_notifier_messages_total{{consumer="{consumer}",outcome="{outcome}"}}'
          for consumer in ("sends", "reports") for outcome in ("handled", "retried", "dead_lettered")),
        *(f'wxmp_notifier_sends_total{{kind="{kind}",outcome="{outcome}"}}'
          for kind in ("template", "custom") for outcome in ("sent", "retried", "failed")),
        'wxmp_notifier_accepted_total{kind="template",path="http"}',
        'wxmp_notifier_accepted_total{kind="custom",path="http"}',
        'wxmp_notifier_accepted_total{kind="template",path="batch"}',
    ])  # fmt: skip
