"""微信发票 (group ``invoice``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving an order
from authorization to an invoice in the follower's card package, its reimbursement, and 统一开票."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.transport import ProxyTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("invoice")
ACTION = {"card/invoice/setbizattr": {"action": "set_pay_mch"}, "card/invoice/platform/getpdf": {"action": "get_url"}}
INVALID_PARAMS, NEVER_AUTHORIZED, INVALID_CARD_ID, INVALID_SERIAL_CODE = 72031, 72038, 40073, 40056
# What a fresh account answers each catalogued example in the catalogue's order: no contact yet (72063),
# no authorized order, no platform behind the example's s_pappid, no template, PDF or invoice yet.
FRESH_REFUSALS = {
    "card/invoice/getauthurl": 72063, "card/invoice/getauthdata": NEVER_AUTHORIZED,
    "card/invoice/rejectinsert": NEVER_AUTHORIZED, "card/invoice/setbizattr": INVALID_PARAMS,
    "card/invoice/makeoutinvoice": NEVER_AUTHORIZED, "card/invoice/clearoutinvoice": INVALID_PARAMS,
    "card/invoice/queryinvoceinfo": INVALID_PARAMS, "card/invoice/platform/setpdf": 72040,  # not a PDF
    "card/invoice/platform/getpdf": 72040, "card/invoice/insert": INVALID_CARD_ID,
    "card/invoice/platform/updatestatus": INVALID_CARD_ID,
    "card/invoice/reimburse/getinvoiceinfo": INVALID_SERIAL_CODE,
    "card/invoice/reimburse/getinvoicebatch": INVALID_SERIAL_CODE,
    "card/invoice/reimburse/updateinvoicestatus": INVALID_SERIAL_CODE,
    "card/invoice/reimburse/updatestatusbatch": INVALID_SERIAL_CODE, "card/invoice/scantitle": INVALID_PARAMS,
}  # fmt: skip


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with aiohttp.ClientSession() as session:
        transport = ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY)
        yield WeChatApi(transport, fake_wechat.app_id)


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    assert len(ENDPOINTS) == 20
    answered: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.upload_field is not None:
            form = aiohttp.FormData()
            form.add_field(endpoint.upload_field, b"not a pdf", filename="invoice.pdf", content_type="application/pdf")
            response = await proxy.post(url, data=form, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, params=ACTION.get(endpoint.path), headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answered[endpoint.path] = (await response.json())["errcode"]
    assert answered == {endpoint.path: FRESH_REFUSALS.get(endpoint.path, 0) for endpoint in ENDPOINTS}
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{endpoint.path}" for endpoint in ENDPOINTS]
