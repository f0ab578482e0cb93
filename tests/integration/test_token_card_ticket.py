"""The 卡券 api_ticket (``wx_card``) and the card signatures, from the token service in process,
over real Redis and the fake WeChat."""

import asyncio
import hashlib
import json
from typing import Any

import pytest
import structlog
from aiohttp.test_utils import TestClient

from services.token.app import create_app
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH, token_settings

GETTICKET = "/cgi-bin/ticket/getticket"
SIGNED_AT = 1_700_000_000  # the service's clock for signatures, so a test knows the timestamp signed


@pytest.fixture
async def service(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> TestClient[Any, Any]:
    client: TestClient[Any, Any] = await aiohttp_client(
        create_app(token_settings(fake_wechat), clock=lambda: SIGNED_AT + 0.75)
    )
    return client


async def calls(fake: FakeWeChat, path: str) -> int:
    counted = await fake.control("calls")
    return int(counted.get(path, {}).get(fake.app_id, 0))


async def issued(fake: FakeWeChat, ticket_type: str) -> str:
    """The last ticket of ``ticket_type`` the fake WeChat issued to the account."""
    [value] = [t["ticket"] for t in await fake.control(f"tickets?app_id={fake.app_id}") if t["type"] == ticket_type]
    return str(value)


async def card_ticket(client: TestClient[Any, Any], app_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/apps/{app_id}/card-ticket", headers=AUTH)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def sign(client: TestClient[Any, Any], app_id: str, body: Any) -> tuple[int, dict[str, Any]]:
    response = await client.post(f"/v1/apps/{app_id}/card-signature", headers=AUTH, data=json.dumps(body))
    answer: dict[str, Any] = await response.json()
    return response.status, answer


def sha1_of_sorted(*values: object) -> str:
    return hashlib.sha1("".join(sorted(str(v) for v in values)).encode()).hexdigest()


async def test_the_card_ticket_is_fetched_once_and_served_from_the_cache(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    first = await card_ticket(service, app_id)
    again = await card_ticket(service, app_id)
    await sign(service, app_id, {"kind": "add_card", "card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"})
    assert first == again
    assert set(first) == {"ticket", "expires_at"}
    assert first["ticket"] == await issued(fake_wechat, "wx_card")
    assert await calls(fake_wechat, GETTICKET) == 1


async def test_concurrent_callers_on_two_replicas_cause_one_fetch(
    service: TestClient[Any, Any], aiohttp_client: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    other: TestClient[Any, Any] = await aiohttp_client(create_app(token_settings(fake_wechat)))
    replicas = [service, other]
    signing = {"kind": "add_card", "card_id": "p1"}
    tickets, signed = await asyncio.gather(
        asyncio.gather(*(card_ticket(replicas[i % 2], app_id) for i in range(20))),
        asyncio.gather(*(sign(replicas[i % 2], app_id, signing) for i in range(20))),
    )
    assert {t["ticket"] for t in tickets} == {await issued(fake_wechat, "wx_card")}
    assert [status for status, _ in signed] == [200] * 20
    assert len({body["nonce_str"] for _, body in signed}) == 20  # WeChat refuses a cardExt's nonce seen before
    assert await calls(fake_wechat, GETTICKET) == 1
    assert await calls(fake_wechat, "/cgi-bin/token") == 1


async def test_the_card_ticket_is_not_the_jsapi_ticket(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    card = (await card_ticket(service, app_id))["ticket"]
    jsapi = (await (await service.get(f"/v1/apps/{app_id}/jsapi-ticket", headers=AUTH)).json())["ticket"]
    assert (card, jsapi) == (await issued(fake_wechat, "wx_card"), await issued(fake_wechat, "jsapi"))
    assert card != jsapi


async def test_a_stale_access_token_rejected_by_getticket_is_refreshed_once(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    await service.get(f"/v1/apps/{app_id}/access-token", headers=AUTH)
    # Someone else fetches twice with the same AppSecret: the service's token now answers 40001.
    await fake_wechat.access_token()
    await fake_wechat.access_token()
    ticket = await card_ticket(service, app_id)
    assert ticket["ticket"] == await issued(fake_wechat, "wx_card")
    assert await calls(fake_wechat, "/cgi-bin/token") == 1 + 2 + 1
    assert await calls(fake_wechat, GETTICKET) == 2  # the 40001, then the ticket


async def test_an_expired_access_token_42001_is_refreshed_once(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    await service.get(f"/v1/apps/{app_id}/access-token", headers=AUTH)
    await fake_wechat.control("fail", {"path": GETTICKET, "errcode": 42001, "count": 1})
    assert (await card_ticket(service, app_id))["ticket"] == await issued(fake_wechat, "wx_card")
    assert await calls(fake_wechat, "/cgi-bin/token") == 2


async def test_an_add_card_signature_verifies_with_the_ticket_wechat_issued(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    wanted = {"kind": "add_card", "card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "code": "1434008071", "openid": "o-x_1"}
    status, body = await sign(service, app_id, wanted)
    assert status == 200, body
    ticket = await issued(fake_wechat, "wx_card")
    expected = sha1_of_sorted(ticket, SIGNED_AT, body["nonce_str"], *list(wanted.values())[1:])
    assert body == wanted | {"timestamp": SIGNED_AT, "nonce_str": body["nonce_str"], "signature": expected}
    assert len(body["nonce_str"]) == 16


async def test_a_choose_card_signature_verifies_with_the_ticket_wechat_issued(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    status, body = await sign(service, app_id, {"kind": "choose_card", "card_type": "CASH", "location_id": "271262077"})
    assert status == 200, body
    ticket = await issued(fake_wechat, "wx_card")
    expected = sha1_of_sorted(ticket, app_id, SIGNED_AT, body["nonce_str"], "271262077", "", "CASH")
    assert (body["timestamp"], body["signature"]) == (SIGNED_AT, expected)
    assert (body["app_id"], body["card_id"], body["card_type"], body["sign_type"]) == (app_id, "", "CASH", "SHA1")


async def test_wechat_refusing_the_ticket_answers_502_with_its_errcode_counted_as_a_card_ticket_error(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": GETTICKET, "errcode": 45009, "count": 1})
    status, body = await sign(service, app_id, {"kind": "add_card", "card_id": "p1"})
    assert (status, body["error"], body["errcode"]) == (502, "upstream_error", 45009)
    metrics = await (await service.get("/metrics")).text()
    assert 'wxmp_token_upstream_fetches_total{kind="card_ticket",result="error"} 1.0' in metrics
    assert 'wxmp_token_upstream_fetches_total{kind="jsapi_ticket",result="error"} 0.0' in metrics


async def test_unknown_app_404_on_both_routes(service: TestClient[Any, Any]) -> None:
    assert (await service.get("/v1/apps/wxnobody/card-ticket", headers=AUTH)).status == 404
    status, body = await sign(service, "wxnobody", {"kind": "add_card", "card_id": "p1"})
    assert (status, body["error"]) == (404, "unknown_app")


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
async def test_without_the_bearer_key_401(service: TestClient[Any, Any], app_id: str, headers: dict[str, str]) -> None:
    assert (await service.get(f"/v1/apps/{app_id}/card-ticket", headers=headers)).status == 401
    assert (await service.post(f"/v1/apps/{app_id}/card-signature", headers=headers, json={})).status == 401


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("not json{", "JSON body"),
        (["add_card"], "kind"),
        ({}, "kind"),
        ({"kind": "pay"}, "kind"),
        ({"kind": "add_card"}, "card_id"),
        ({"kind": "add_card", "card_id": ""}, "card_id"),
        ({"kind": "add_card", "card_id": "p1", "code": "x" * 21}, "code"),
        ({"kind": "add_card", "card_id": "p1", "openid": "o 1"}, "openid"),
        ({"kind": "add_card", "card_id": "p1", "outer_str": "x"}, "outer_str"),
        ({"kind": "choose_card", "card_type": "VOUCHER"}, "card_type"),
        ({"kind": "choose_card", "location_id": "shop-1"}, "location_id"),
        ({"kind": "choose_card", "card_id": 5}, "card_id"),
    ],
)
async def test_a_bad_request_is_refused_400_naming_the_field_and_fetches_nothing(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str, body: Any, named: str
) -> None:
    raw = body if isinstance(body, str) else json.dumps(body)
    response = await service.post(f"/v1/apps/{app_id}/card-signature", headers=AUTH, data=raw)
    answer = await response.json()
    assert (response.status, answer["error"]) == (400, "bad_request")
    assert named in answer["message"]
    assert await calls(fake_wechat, "/cgi-bin/token") == 0
    assert await calls(fake_wechat, GETTICKET) == 0


async def test_no_card_ticket_in_captured_logs(
    service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    await service.get(f"/v1/apps/{app_id}/access-token", headers=AUTH)
    await fake_wechat.control("fail", {"path": GETTICKET, "errcode": 40001, "count": 1})
    with structlog.testing.capture_logs() as logs:
        ticket = (await card_ticket(service, app_id))["ticket"]
        await sign(service, app_id, {"kind": "add_card", "card_id": "p1"})
    assert any(line.get("kind") == "card_ticket" for line in logs), "no line about the card ticket to check"
    assert ticket not in repr(logs)
    assert API_KEY not in repr(logs)
