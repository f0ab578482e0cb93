"""``make docs-screenshots``: the quick start's pictures of the sandbox, taken in headless Chromium.

It does what the quick start tells a reader to do, against the system ``make run`` starts (one process,
in memory, on ports of its own): says hello on the chat page, adds the quick start's rules
(``docs/assets/quickstart/rules.yaml``) in front of the example rules, applies the quick start's menu with
``wxmp menu apply``, sends a template message with ``wxmp template send``, and opens the events page;
each step's picture goes to ``docs/assets/screenshots/``. Debian's ``chromium`` and ``chromedriver``
(``make browser``), and a CJK font for the Chinese menu (``fonts-noto-cjk``). Not run by ``make test``.
"""

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from docsite import DOCS, REPO

APP = "wxdemo0000000001"  # config/apps.example.yaml: the safe-mode demo account
KEY = "dev-only-internal-key"  # make run's development INTERNAL_API_KEY
PORTS = {"gateway": 8080, "token": 8081, "dispatcher": 8082, "notifier": 8083, "proxy": 8084, "web": 8085}
SANDBOX = 8090
QUICKSTART = DOCS / "assets" / "quickstart"
OUTPUT = DOCS / "assets" / "screenshots"
WAIT_SECONDS = 30
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1200,820",
)
TEMPLATE = [
    "--template-id", "ORDER_SHIPPED",
    "--field", "character_string1=E20240601001",
    "--field", "thing2=拿铁 ×2",
    "--field", "phrase3=已发货",
]  # fmt: skip


@dataclass(frozen=True)
class Shot:
    file: str
    what: str


SCREENSHOTS = (
    Shot("chat-hello.png", "the chat page: hello, and the example rules' passive reply"),
    Shot("first-rule.png", "the quick start's first rule answering 'coffee'"),
    Shot("menu.png", "the menu from wxmp menu apply, and a click's news reply"),
    Shot("template.png", "a template message from wxmp template send, as a phone shows it"),
    Shot("events.png", "the events page: the events on the bus and today's stats"),
)


def _free_offset() -> int:
    for _ in range(50):
        offset = random.randrange(1_000, 24_000, 100)  # below the ephemeral range
        try:
            for port in [*PORTS.values(), SANDBOX]:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port + offset))
        except OSError:
            continue
        return offset
    raise SystemExit("no free ports for the system")


def _rules(folder: Path) -> Path:
    """The example rules with the quick start's in front, as the quick start has the reader do."""
    example = yaml.safe_load((REPO / "config" / "reply_rules.example.yaml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((QUICKSTART / "rules.yaml").read_text(encoding="utf-8"))
    path = folder / "my-rules.yaml"
    path.write_text(yaml.safe_dump({"rules": ours["rules"] + example["rules"]}, allow_unicode=True), encoding="utf-8")
    return path


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=1) as response:  # noqa: S310 - http://127.0.0.1
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def _system(folder: Path) -> Iterator[dict[str, str]]:
    """``make run``'s system (``python -m laptop``) on free ports; the URLs of its services."""
    offset = _free_offset()
    urls = {name: f"http://127.0.0.1:{port + offset}" for name, port in {**PORTS, "sandbox": SANDBOX}.items()}
    env = {k: v for k, v in os.environ.items() if k not in ("AMQP_URL", "REDIS_URL", "INTERNAL_API_KEY")}
    env |= {
        "HOST": "127.0.0.1",
        "LOG_FORMAT": "json",
        "WECHAT_APPS_FILE": "config/apps.example.yaml",
        "REPLY_RULES_FILE": str(_rules(folder)),
    }
    with (folder / "system.log").open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own launcher
            [sys.executable, "-m", "laptop", "--port-offset", str(offset)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        for url in urls.values():
            while not _ready(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the system did not start: see {folder / 'system.log'}")
                time.sleep(0.2)
        yield urls
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()


def _wxmp(urls: dict[str, str], *args: str) -> None:
    env = os.environ | {
        "INTERNAL_API_KEY": KEY,
        "WXMP_APP": APP,
        "WXMP_PROXY_URL": urls["proxy"],
        "TOKEN_SERVICE_URL": urls["token"],
        "NOTIFIER_URL": urls["notifier"],
        "DISPATCHER_URL": urls["dispatcher"],
        "GATEWAY_URL": urls["gateway"],
    }
    wxmp = Path(sys.executable).with_name("wxmp")
    subprocess.run([str(wxmp), *args], cwd=REPO, env=env, check=True)  # noqa: S603 - our own command


def take() -> None:
    # Selenium and the browser only here: the docs' build and tests import this module for its list.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    def bubble(source: str, text: str) -> Callable[[webdriver.Chrome], bool]:
        def found(driver: webdriver.Chrome) -> bool:
            bubbles = driver.find_elements(By.CSS_SELECTOR, f'#timeline .bubble[data-source="{source}"]')
            return any(text in item.text for item in bubbles)

        return found

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wxmp-screenshots-") as folder, _system(Path(folder)) as urls:
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={folder}/profile"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
        wait = WebDriverWait(driver, WAIT_SECONDS)
        try:
            driver.get(urls["sandbox"] + "/")
            wait.until(ec.element_to_be_clickable((By.ID, "send-button")))

            def say(text: str, source: str, answer: str) -> None:
                driver.find_element(By.ID, "message-input").send_keys(text)
                driver.find_element(By.ID, "send-button").click()
                wait.until(bubble(source, answer))

            say("hello", "passive", "Hi! Send 'menu'")
            driver.save_screenshot(str(OUTPUT / "chat-hello.png"))
            say("coffee", "passive", "今日特价")
            driver.save_screenshot(str(OUTPUT / "first-rule.png"))

            _wxmp(urls, "menu", "apply", str(QUICKSTART / "menu.yaml"))
            driver.refresh()  # the page shows the account's menu as it finds it
            button = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '#menu .menu-button[data-key="SPECIAL"]')))
            button.click()
            wait.until(bubble("passive", "本周特价"))
            driver.save_screenshot(str(OUTPUT / "menu.png"))

            openid = driver.find_element(By.ID, "openid-input").get_attribute("value") or ""
            _wxmp(urls, "template", "send", "--to", openid, *TEMPLATE, "--wait")
            wait.until(bubble("template", "E20240601001"))
            driver.save_screenshot(str(OUTPUT / "template.png"))

            driver.get(urls["sandbox"] + "/events")
            wait.until(lambda d: "templatesendjobfinish" in d.find_element(By.ID, "events").text.lower())
            driver.save_screenshot(str(OUTPUT / "events.png"))
        finally:
            driver.quit()
    for shot in SCREENSHOTS:
        print(f"{OUTPUT.relative_to(REPO) / shot.file}: {shot.what}")


if __name__ == "__main__":
    take()
