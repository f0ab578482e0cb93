"""SPEC invariant 6 through the gateway: a well-signed callback is refused only for its envelope;
a field that does not fit its type is published as sent, counted and logged once."""

import json
import time
from typing import Any

import pytest
import structlog
from aio_pika.abc import AbstractQueue
from aiohttp.test_utils import TestClient

from shared.crypto import MessageCipher
from tests.integration.conftest import GatewayFactory, queued
from tests.integration.helpers import post, signed, view_fields

Client = TestClient[Any, Any]


def _head(msg_type: str) -> dict[str, Any]:
    return {
        "ToUserName": "gh_account",
        "FromUserName": "oFollower1",
        "CreateTime": int(time.time()),
        "MsgType": msg_type,
    }


# Mutated but well-formed callbacks that keep their envelope, as measured from outside.
MUTATED: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "view_menu_id": (
        {**_head("event"), "Event": "VIEW", "EventKey": "https://example.com/", "MenuId": "MENUID"},
        {"menu_id": "MENUID"},
    ),
    "msg_id": ({**_head("text"), "Content": "hi", "MsgId": "12ab"}, {"msg_id": "12ab", "content": "hi"}),
    "location_x": (
        {**_head("location"), "Location_X": "north", "Location_Y": 113.358803, "Scale": 20, "MsgId": 9_000_001},
        {"location_x": "north", "location_y": 113.358803, "scale": 20},
    ),
    "image_without_media": (
        {**_head("image"), "MsgId": 9_000_002},
        {"pic_url": None, "media_id": None},
    ),
    "pics_count": (
        {**_head("event"), "Event": "pic_weixin", "EventKey": "6", "SendPicsInfo": {"Count": "many"}},
        {"send_pics_info": {"count": "many", "pic_list": []}},
    ),
    "scan_code_info_as_text": (
        {**_head("event"), "Event": "scancode_waitmsg", "EventKey": "6", "ScanCodeInfo": "qrcode"},
        {"scan_code_info": "qrcode"},
    ),
}


@pytest.mark.parametrize("case", list(MUTATED))
async def test_a_callback_whose_fields_do_not_fit_is_published_as_sent(
    case: str, make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    gateway = await make_gateway(reply_deadline_seconds=0.2, reply_grace_seconds=0)  # no replier here
    fields, expected = MUTATED[case]
    response = await post(gateway, app_id, signed(fields, cipher))
    assert response.status == 200
    [message] = await queued(events)
    body = json.loads(message.body)
    assert {key: body[key] for key in expected} == expected


async def test_a_lenient_field_is_counted_and_logged_once_also_when_wechat_retries(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    fields = view_fields() | {"MenuId": "MENUID"}
    with structlog.testing.capture_logs() as logs:
        for _ in range(2):  # the callback and WeChat's retry
            assert (await post(gateway, app_id, signed(fields, cipher))).status == 200
    [message] = await queued(events)
    assert json.loads(message.body)["menu_id"] == "MENUID"
    [entry] = [entry for entry in logs if entry["event"] == "lenient_fields"]
    assert entry["type"] == "view"
    assert entry["fields"] == {"menu_id": "kept_as_sent"}
    assert entry["event_id"] == json.loads(message.body)["id"]
    metrics = await (await gateway.get("/metrics")).text()
    assert 'wxmp_gateway_lenient_fields_total{event="view",field="menu_id"} 1.0' in metrics


async def test_nested_and_absent_fields_are_counted_by_their_path(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    # location_select is answerable: a short reply deadline, as no replier runs here.
    gateway = await make_gateway(reply_deadline_seconds=0.2, reply_grace_seconds=0)
    fields = {**_head("event"), "Event": "location_select", "EventKey": "6", "SendLocationInfo": {"Scale": "far"}}
    assert (await post(gateway, app_id, signed(fields, cipher))).status == 200
    assert len(await queued(events)) == 1
    metrics = await (await gateway.get("/metrics")).text()
    for field in ("send_location_info.scale", "send_location_info.location_x", "send_location_info.location_y"):
        assert f'wxmp_gateway_lenient_fields_total{{event="location_select",field="{field}"}} 1.0' in metrics


@pytest.mark.parametrize("missing", ["ToUserName", "FromUserName", "CreateTime", "MsgType"])
async def test_a_callback_without_its_envelope_is_refused_and_publishes_nothing(
    missing: str, gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    fields = {key: value for key, value in view_fields().items() if key != missing}
    response = await post(gateway, app_id, signed(fields, cipher))
    assert response.status == 400
    assert (await response.text()).startswith("invalid callback: ")
    assert await queued(events) == []
