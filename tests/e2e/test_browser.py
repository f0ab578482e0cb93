"""The sandbox's chat page in headless Chromium, against the system ``make run`` starts."""

import json
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import DEMO_SAFE_APP, DEV_KEY, RunningSystem

WAIT_SECONDS = 30


def _bubble_with(driver: webdriver.Chrome, source: str, text: str) -> bool:
    bubbles = driver.find_elements(By.CSS_SELECTOR, f'#timeline .bubble[data-source="{source}"]')
    return any(text in bubble.text for bubble in bubbles)


def _status(system: RunningSystem, record_id: str) -> str:
    url = f"{system.url('notifier')}/v1/template-messages/{record_id}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {DEV_KEY}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        status: str = json.loads(response.read())["status"]
        return status


def _open(driver: webdriver.Chrome, system: RunningSystem) -> None:
    driver.get(system.url("sandbox") + "/")
    WebDriverWait(driver, WAIT_SECONDS).until(ec.element_to_be_clickable((By.ID, "send-button")))


def test_hello_gets_the_rules_passive_reply(browser: webdriver.Chrome, system: RunningSystem) -> None:
    _open(browser, system)
    browser.find_element(By.ID, "message-input").send_keys("hello")
    browser.find_element(By.ID, "send-button").click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: _bubble_with(d, "you", "hello"))
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: _bubble_with(d, "passive", "Hi! Send 'menu' to see what I can do.")
    )


def test_a_menu_click_gets_its_reply(browser: webdriver.Chrome, system: RunningSystem) -> None:
    _open(browser, system)
    # The menu was created through the menu API after start; the page shows it once it exists.
    help_button = WebDriverWait(browser, WAIT_SECONDS).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, '#menu .menu-button[data-key="HELP"]'))
    )
    help_button.click()
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: _bubble_with(d, "passive", "Type 'hello', 'order 12345'"))


def test_a_template_message_arrives_like_on_a_phone(browser: webdriver.Chrome, system: RunningSystem) -> None:
    _open(browser, system)
    openid = browser.find_element(By.ID, "openid-input").get_attribute("value")
    assert openid
    message = {"touser": openid, "template_id": "tmpl-order-shipped", "data": {"order": {"value": "E2E-4711"}}}
    request = urllib.request.Request(
        f"{system.url('notifier')}/v1/apps/{DEMO_SAFE_APP}/template-messages",
        data=json.dumps(message).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {DEV_KEY}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        record_id = json.loads(response.read())["id"]
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: _bubble_with(d, "template", "E2E-4711"))
    # The sandbox reports it back as WeChat does (TEMPLATESENDJOBFINISH): delivered.
    WebDriverWait(browser, WAIT_SECONDS).until(lambda _d: _status(system, record_id) == "delivered")
