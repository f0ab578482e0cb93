"""微信发票's ``card/invoice/getauthurl`` with the 卡券 api_ticket the token service holds: the ticket a
caller asks of ``/v1/apps/{app_id}/card-ticket`` is the one WeChat takes, the jsapi_ticket is not."""

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.invoice import AuthField, AuthRequest, AuthType, Contact
from tests.integration.conftest import AUTH

Client = TestClient[Any, Any]
INVALID_PARAMS = 72031


async def ticket_of(token_service: Client, app_id: str, route: str) -> str:
    response = await token_service.get(f"/v1/apps/{app_id}/{route}", headers=AUTH)
    assert response.status == 200, await response.text()
    return str((await response.json())["ticket"])


def order(s_pappid: str, ticket: str) -> AuthRequest:
    return AuthRequest(s_pappid=s_pappid, order_id="o-1", money=10600, timestamp=1893427200, source="app",
                       ticket=ticket, type=AuthType.FILL_TITLE)  # fmt: skip


async def test_getauthurl_takes_the_card_ticket_from_the_token_service_not_the_jsapi_ticket(
    api: WeChatApi, token_service: Client, app_id: str
) -> None:
    await api.invoice.set_contact(Contact(phone="010-88888888", time_out=7200))
    await api.invoice.set_auth_field(AuthField())
    s_pappid = await api.invoice.platform_id()
    with pytest.raises(WeChatError) as refused:
        await api.invoice.auth_url(order(s_pappid, await ticket_of(token_service, app_id, "jsapi-ticket")))
    assert refused.value.errcode == INVALID_PARAMS
    answer = await api.invoice.auth_url(order(s_pappid, await ticket_of(token_service, app_id, "card-ticket")))
    assert answer.auth_url.startswith("https://")
