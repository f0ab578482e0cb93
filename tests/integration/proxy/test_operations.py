"""What operators see of the proxy: the audit line, metrics from the start, health and readiness, the
OpenAPI document, and how it starts (no AppSecret, never without INTERNAL_API_KEY)."""

import json
import re
from typing import Any

import pytest
import structlog
from jsonschema import Draft202012Validator

from services.proxy.app import create_app
from shared.accounts import ConfigError
from shared.wechat.catalogue import default_catalogue
from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import AUTH, Client, ProxyFactory, proxy_settings, wire
from tests.integration.proxy.test_contract import MENU, url


async def test_one_audit_line_per_call_without_a_token(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "errcode": 40001, "count": 1})
    with structlog.testing.capture_logs() as logs:
        response = await proxy.post(
            url(app_id, "cgi-bin/menu/create"), headers=AUTH | {"X-Caller": "crm-service"}, json=MENU
        )
        assert response.status == 200
        refused = await proxy.get(url(app_id, "cgi-bin/nowhere"), headers=AUTH)
        assert refused.status == 404
    lines = [line for line in logs if line["event"] == "proxy_call"]
    assert len(lines) == 2
    first, second = lines
    assert first["app_id"] == app_id
    assert first["endpoint"] == "cgi-bin/menu/create"
    assert first["caller"] == "crm-service"
    assert (first["status"], first["outcome"], first["errcode"], first["attempts"]) == (200, "ok", 0, 2)
    assert first["bytes_in"] == len(json.dumps(MENU).encode())  # as aiohttp's client sends json=
    assert first["bytes_out"] == len(b'{"errcode":0,"errmsg":"ok"}')
    assert first["latency_ms"] > 0
    assert (second["status"], second["outcome"], second["caller"]) == (404, "unknown_endpoint", "127.0.0.1")
    tokens = [t["access_token"] for t in await fake_wechat.control(f"tokens?app_id={app_id}")]
    assert len(tokens) == 2
    for line in logs:
        assert not any(token in str(value) for token in tokens for value in line.values()), line


async def test_a_network_failure_names_no_token_in_the_log_or_the_answer(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    proxy = await make_proxy(wechat_api_base="http://127.0.0.1:9")
    with structlog.testing.capture_logs() as logs:
        response = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert response.status == 502
    [line] = [line for line in logs if line["event"] == "proxy_call"]
    assert (line["outcome"], line["attempts"], line["errcode"]) == ("upstream_unavailable", 3, -1)
    assert "ClientConnectorError" in line["failure"]
    [token] = [t["access_token"] for t in await fake_wechat.control(f"tokens?app_id={app_id}")]
    assert token not in await response.text()
    assert all(token not in str(value) for entry in logs for value in entry.values())


def samples(text: str) -> dict[str, float]:
    return {
        match[1]: float(match[2]) for match in re.finditer(r"^(wxmp_proxy_[^ ]+) ([0-9.e+-]+)$", text, re.MULTILINE)
    }


async def test_metrics_from_the_start_then_counting(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    # No menu yet: WeChat answers 46003, passed back as it is.
    answered = f'wxmp_proxy_calls_total{{app_id="{app_id}",endpoint="cgi-bin/menu/get",outcome="wechat_error"}}'
    refused = f'wxmp_proxy_quota_refusals_total{{app_id="{app_id}",endpoint="cgi-bin/menu/create"}}'
    before = samples(await (await proxy.get("/metrics")).text())
    assert before[answered] == 0 and before[refused] == 0
    assert before['wxmp_proxy_refusals_total{reason="unknown_endpoint"}'] == 0
    assert before['wxmp_proxy_retries_total{endpoint="cgi-bin/menu/get",reason="transient"}'] == 0
    assert 'wxmp_proxy_call_seconds_count{endpoint="cgi-bin/menu/get"}' in before
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "errcode": -1, "count": 1})
    await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    after = samples(await (await proxy.get("/metrics")).text())
    assert after[answered] == 1
    assert after['wxmp_proxy_retries_total{endpoint="cgi-bin/menu/get",reason="transient"}'] == 1
    assert after[f'wxmp_proxy_daily_calls{{app_id="{app_id}",endpoint="cgi-bin/menu/get"}}'] == 2
    assert after['wxmp_proxy_call_seconds_count{endpoint="cgi-bin/menu/get"}'] == 1
    assert after['wxmp_proxy_bytes_total{direction="out"}'] > 0


async def test_health_and_readiness(proxy: Client) -> None:
    assert (await proxy.get("/healthz")).status == 200
    ready = await proxy.get("/readyz")
    assert (ready.status, await ready.json()) == (
        200,
        {"status": "ready", "checks": {"redis": True, "token_service": True}},
    )


async def test_without_the_token_service_the_proxy_says_so(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    proxy = await make_proxy(token_service_url="http://127.0.0.1:9")
    response = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert response.status == 503
    assert (await response.json())["error"] == "token_unavailable"
    ready = await proxy.get("/readyz")
    assert (ready.status, (await ready.json())["status"]) == (200, "degraded")
    assert wire(fake_wechat) == []


async def test_the_openapi_document_covers_the_catalogue(proxy: Client) -> None:
    response = await proxy.get("/openapi.json")  # no bearer
    assert response.status == 200
    document = await response.json()
    assert document["openapi"].startswith("3.1")
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "INTERNAL_API_KEY",
    }  # fmt: skip
    for endpoint in default_catalogue():
        item = document["paths"][f"/v1/apps/{{app_id}}/wechat/{endpoint.path}"]
        assert list(item) == [endpoint.method.lower()]
        operation = item[endpoint.method.lower()]
        assert operation["summary"] == endpoint.summary
        assert operation.get("deprecated", False) is endpoint.deprecated
        assert [p["name"] for p in operation["parameters"][1:]] == list(endpoint.query)
        if endpoint.deprecated:
            assert "410" in operation["responses"] and "200" not in operation["responses"]
            assert endpoint.gone in operation["description"]
        else:
            assert "200" in operation["responses"]
    create = document["paths"]["/v1/apps/{app_id}/wechat/cgi-bin/menu/create"]["post"]
    assert create["requestBody"]["content"]["application/json"]["example"]["button"]
    upload = document["paths"]["/v1/apps/{app_id}/wechat/cgi-bin/media/upload"]["post"]
    assert upload["requestBody"]["content"]["multipart/form-data"]["schema"]["required"] == ["media"]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [node["$ref"]] if "$ref" in node else [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


async def test_the_openapi_document_is_well_formed(proxy: Client) -> None:
    document = await (await proxy.get("/openapi.json")).json()
    for ref in _refs(document):
        node = document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]  # every reference resolves
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    operation_ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))
    for item in document["paths"].values():
        for operation in item.values():
            assert operation["responses"] and all(
                re.fullmatch(r"[1-5][0-9]{2}", code) for code in operation["responses"]
            )


def test_the_proxy_refuses_to_start_without_the_internal_key(token_service: Client, app_id: str) -> None:
    with pytest.raises(ConfigError, match="INTERNAL_API_KEY"):
        create_app(proxy_settings("http://127.0.0.1:9", token_service, app_id, internal_api_key=None))
