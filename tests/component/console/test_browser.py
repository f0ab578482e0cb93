"""The pages in a real (headless) browser: a follower chats, uses the menu and scans a code; the events
page lists the bus's events and the stats.
Selenium blocks, and the app under test runs on this event loop, so every browser call runs in a thread.
"""

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from aiohttp import web
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from shared.replies import TextReply
from tests.browser import headless_chromium
from tests.component.console.conftest import MENU, Sandbox
from tests.waiting import eventually

T = TypeVar("T")
WAIT_SECONDS = 15.0


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    with headless_chromium() as driver:
        yield driver


async def off_loop(call: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(call, *args)


async def until(browser: WebDriver, condition: Callable[[WebDriver], T]) -> T:
    return await off_loop(WebDriverWait(browser, WAIT_SECONDS, poll_frequency=0.1).until, condition)


def bubbles(browser: WebDriver, source: str) -> list[str]:
    return [b.text for b in browser.find_elements(By.CSS_SELECTOR, f'#timeline .bubble[data-source="{source}"]')]


def bubble_with(source: str, text: str) -> Callable[[WebDriver], bool]:
    return lambda browser: any(text in t for t in bubbles(browser, source))


async def open_chat(browser: WebDriver, sandbox: Sandbox) -> str:
    await off_loop(browser.get, str(sandbox.client.make_url("/")))
    app_id = sandbox.account.app_id
    await until(browser, lambda b: b.find_elements(By.CSS_SELECTOR, f'#account-select option[value="{app_id}"]'))
    await off_loop(Select(browser.find_element(By.ID, "account-select")).select_by_value, app_id)
    await until(browser, lambda b: b.find_element(By.ID, "mode-select").get_attribute("value") == "safe")
    openid = browser.find_element(By.ID, "openid-input").get_attribute("value") or ""
    assert openid.startswith("o_sandbox_")
    return openid


async def test_a_follower_chats_uses_the_menu_and_scans(browser: WebDriver, sandbox: Sandbox) -> None:
    sandbox.gateway.reply = lambda event: TextReply(content=f"echo: {event.model_dump().get('content')}")
    openid = await open_chat(browser, sandbox)

    await off_loop(browser.find_element(By.ID, "message-input").send_keys, "hello from the browser")
    await off_loop(browser.find_element(By.ID, "send-button").click)
    await until(browser, bubble_with("passive", "echo: hello from the browser"))
    assert any("hello from the browser" in t for t in bubbles(browser, "you"))
    (received,) = sandbox.gateway.received
    assert received.query["encrypt_type"] == "aes" and received.event.from_user == openid

    await sandbox.wechat("POST", "/cgi-bin/menu/create", MENU)  # after the page loaded: it refreshes
    await until(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#menu .menu-button[data-key="V1001_TODAY"]'))
    parent = next(b for b in browser.find_elements(By.CSS_SELECTOR, "#menu .menu-button") if b.text == "More")
    await off_loop(parent.click)
    like = browser.find_element(By.CSS_SELECTOR, '#menu .menu-sub-button[data-key="V1001_GOOD"]')
    assert browser.find_element(By.CSS_SELECTOR, '#menu .menu-sub-button[data-url="https://www.example.com/"]')
    await until(browser, lambda _b: like.is_displayed())
    await off_loop(like.click)
    await eventually(lambda: len(sandbox.gateway.received) == 2, within=WAIT_SECONDS, what="the CLICK callback")
    click = sandbox.gateway.received[1].event.model_dump()
    assert (click["event"], click["event_key"]) == ("click", "V1001_GOOD")

    await off_loop(browser.find_element(By.ID, "scan-button").click)
    alert = await until(browser, _alert)
    await off_loop(alert.send_keys, "poster-7")
    await off_loop(alert.accept)
    await eventually(lambda: len(sandbox.gateway.received) == 3, within=WAIT_SECONDS, what="the scan callback")
    scan = sandbox.gateway.received[2].event.model_dump()
    assert (scan["event"], scan["event_key"]) == ("subscribe", "qrscene_poster-7")
    await until(browser, lambda b: b.find_element(By.ID, "following-state").text == "yes")

    await sandbox.wechat(
        "POST", "/cgi-bin/message/custom/send", {"touser": openid, "msgtype": "text", "text": {"content": "CS here"}}
    )
    await sandbox.wechat(
        "POST",
        "/cgi-bin/message/template/send",
        {"touser": openid, "template_id": "tpl-shipping", "data": {"first": {"value": "Shipped"}}},
    )
    await until(browser, bubble_with("custom", "CS here"))
    await until(browser, bubble_with("template", "Shipped"))


def _alert(browser: WebDriver) -> Any:
    try:
        alert = browser.switch_to.alert
        _ = alert.text
        return alert
    except NoAlertPresentException:
        return False


async def test_a_gateway_refusal_shows_as_an_error_bubble(browser: WebDriver, sandbox: Sandbox) -> None:
    sandbox.gateway.raw = lambda _received, _sealed: web.Response(status=503, text="busy")
    await open_chat(browser, sandbox)
    await off_loop(browser.find_element(By.ID, "message-input").send_keys, "anyone there?")
    await off_loop(browser.find_element(By.ID, "send-button").click)
    await until(browser, bubble_with("error", "HTTP 503"))
    await until(browser, lambda b: "503" in b.find_element(By.ID, "status").text)


async def test_the_events_page_lists_bus_events_and_stats(browser: WebDriver, sandbox: Sandbox) -> None:
    app_id = sandbox.account.app_id
    event = {"msg_type": "event", "event": "click", "event_key": "V1001_TODAY", "from_user": "o_f", "create_time": 1}
    sandbox.events.append(f"{app_id}.event.click", json.dumps(event).encode(), now=time.time())
    await off_loop(browser.get, str(sandbox.client.make_url("/events")))
    row = await until(
        browser,
        lambda b: b.find_elements(By.CSS_SELECTOR, f'#events .event-row[data-routing-key="{app_id}.event.click"]'),
    )
    assert "V1001_TODAY" in row[0].text and "o_f" in row[0].text
    await until(browser, lambda b: b.find_elements(By.CSS_SELECTOR, f'#account-select option[value="{app_id}"]'))
    await off_loop(Select(browser.find_element(By.ID, "account-select")).select_by_value, app_id)
    totals = await until(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '#stats .stats-row[data-date="total"]'))
    assert "V1001_TODAY: 1" in totals[0].text
    assert sandbox.dispatcher.requests[-1].match_info["app_id"] == app_id
