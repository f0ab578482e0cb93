"""The fake WeChat's 一次性订阅消息 page: opened at the URL the typed client builds, the developer picks a
follower and confirms or cancels, the follower lands on redirect_url with WeChat's answer, and a confirm
lets exactly one cgi-bin/message/template/subscribe through for that openid and scene."""

from urllib.parse import parse_qsl, urlsplit

from sandbox.fake_wechat.oauth_book import openid_for
from shared.wechat.once_page import PAGE_PATH, consent_url, read_answer
from tests.component.fake_account import OK, Api
from tests.conftest import FakeWeChat

ONCE = "/cgi-bin/message/template/subscribe"
TEMPLATE = "ONCE_TEMPLATE"
CALLBACK = "https://web.example.com/subscribed?from=menu"


async def _choose(fake: FakeWeChat, decision: str, scene: int = 1000) -> str:
    url = consent_url(fake.app_id, template_id=TEMPLATE, scene=scene, redirect_url=CALLBACK, reserved="csrf1",
                      mp_base=fake.base_url)  # fmt: skip
    parts = urlsplit(url)
    page = await fake.client.get(f"{parts.path}?{parts.query}")
    html = await page.text()
    assert page.status == 200 and openid_for(fake.app_id, "bob") in html and 'id="allow"' in html
    form = {"action": "get_confirm", "appid": fake.app_id, "scene": str(scene), "template_id": TEMPLATE,
            "redirect_url": CALLBACK, "reserved": "csrf1", "person": "bob", "decision": decision}  # fmt: skip
    response = await fake.client.post(PAGE_PATH, data=form, allow_redirects=False)
    assert response.status == 302, await response.text()
    return response.headers["Location"]


def _message(openid: str, scene: int = 1000) -> dict[str, object]:
    return {"touser": openid, "template_id": TEMPLATE, "scene": str(scene), "title": "订阅通知",
            "data": {"content": {"value": "您的订单已发货"}}}  # fmt: skip


async def test_a_confirm_lands_on_the_callback_and_allows_one_message(api: Api, fake_wechat: FakeWeChat) -> None:
    location = await _choose(fake_wechat, "confirm")
    assert location.startswith(CALLBACK + "&openid=")
    answer = read_answer(dict(parse_qsl(urlsplit(location).query)))
    assert answer.allowed and answer.openid == openid_for(fake_wechat.app_id, "bob")
    assert (answer.template_id, answer.scene, answer.reserved) == (TEMPLATE, 1000, "csrf1")
    assert await api.errcode(ONCE, _message(answer.openid, scene=1001)) == 43101  # another scene was not allowed
    assert await api.post(ONCE, _message(answer.openid)) == OK
    assert await api.errcode(ONCE, _message(answer.openid)) == 43101  # one allow, one message


async def test_allowing_a_scene_twice_still_allows_one_message(api: Api, fake_wechat: FakeWeChat) -> None:
    await _choose(fake_wechat, "confirm")
    await _choose(fake_wechat, "confirm")
    openid = openid_for(fake_wechat.app_id, "bob")
    assert await api.post(ONCE, _message(openid)) == OK
    assert await api.errcode(ONCE, _message(openid)) == 43101


async def test_a_cancel_carries_no_openid_and_allows_nothing(api: Api, fake_wechat: FakeWeChat) -> None:
    location = await _choose(fake_wechat, "cancel")
    assert "openid=" not in location and "action=cancel" in location
    assert await api.errcode(ONCE, _message(openid_for(fake_wechat.app_id, "bob"))) == 43101


async def test_a_bad_request_gets_the_error_page(fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.get(
        f"{PAGE_PATH}?action=get_confirm&appid={fake_wechat.app_id}&scene=10001&template_id=T&redirect_url=x"
    )
    assert response.status == 400 and 'data-code="40097"' in await response.text()
