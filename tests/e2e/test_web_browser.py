"""A follower logs in to the sandbox's demo shop through the web service, in headless Chromium, against
the system ``make run`` starts: WeChat's consent page (the sandbox's), back on the shop with the right
openid and a JS-SDK config WeChat accepts; the callback reloaded; a refusal."""

import json
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from sandbox.fake_wechat.oauth_book import openid_for
from tests.e2e.conftest import DEMO_SAFE_APP, RunningSystem

WAIT_SECONDS = 30


def _shop(system: RunningSystem) -> str:
    return f"{system.url('sandbox')}/shop/{DEMO_SAFE_APP}"


def _text(driver: webdriver.Chrome, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


def _to_consent_page(driver: webdriver.Chrome, system: RunningSystem) -> None:
    driver.delete_all_cookies()  # a visitor the shop does not know yet
    driver.get(_shop(system))
    WebDriverWait(driver, WAIT_SECONDS).until(ec.element_to_be_clickable((By.ID, "login-button"))).click()
    WebDriverWait(driver, WAIT_SECONDS).until(ec.element_to_be_clickable((By.ID, "allow")))
    assert driver.current_url.startswith(f"{system.url('sandbox')}/connect/oauth2/authorize?appid={DEMO_SAFE_APP}&")


def _logged_in_as(driver: webdriver.Chrome, openid: str) -> None:
    WebDriverWait(driver, WAIT_SECONDS).until(ec.visibility_of_element_located((By.ID, "who")))
    assert _text(driver, "openid") == openid
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: _text(d, "jssdk-status") != "pending")
    assert _text(driver, "jssdk-status") == "config:ok"


def _last_callback(system: RunningSystem) -> str:
    url = f"{system.url('sandbox')}/_control/oauth/authorizations?app_id={DEMO_SAFE_APP}"
    with urllib.request.urlopen(url, timeout=10) as response:
        decided = json.loads(response.read())
    return str(decided[-1]["redirect"])


def test_a_follower_logs_in_sees_who_they_are_and_the_jssdk_config_is_accepted(
    browser: webdriver.Chrome, system: RunningSystem
) -> None:
    _to_consent_page(browser, system)
    browser.find_element(By.ID, "person-hanmeimei").click()
    browser.find_element(By.ID, "allow").click()
    _logged_in_as(browser, openid_for(DEMO_SAFE_APP, "hanmeimei"))
    assert _text(browser, "nickname") == "韩梅梅"
    assert _text(browser, "scope") == "snsapi_userinfo"
    assert "wx_ticket" not in browser.current_url  # the shop's backend took it out of the address bar

    # The callback reloaded (the same code again): logged in again, with no session to fall back on.
    callback = _last_callback(system)
    assert callback.startswith(f"{system.url('web')}/oauth/{DEMO_SAFE_APP}/callback?code=")
    browser.delete_all_cookies()
    browser.get(callback)
    _logged_in_as(browser, openid_for(DEMO_SAFE_APP, "hanmeimei"))
    assert not browser.find_element(By.ID, "login-error").is_displayed()


def test_a_follower_who_refuses_lands_on_the_shop_with_access_denied(
    browser: webdriver.Chrome, system: RunningSystem
) -> None:
    _to_consent_page(browser, system)
    browser.find_element(By.ID, "refuse").click()
    WebDriverWait(browser, WAIT_SECONDS).until(ec.visibility_of_element_located((By.ID, "login-error")))
    assert "access_denied" in _text(browser, "login-error")
    assert browser.current_url == f"{_shop(system)}?wx_error=access_denied"
    assert browser.find_element(By.ID, "login-button").is_displayed()
