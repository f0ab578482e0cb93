"""The web service in process against the token service, the fake WeChat and the real Redis, and a
browser's walk through a login (the authorize page, a decision, the callback) without a browser."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiohttp.test_utils import TestClient

from services.web.app import create_app
from services.web.settings import WebSettings
from tests.conftest import REDIS_URL, FakeWeChat
from tests.integration.conftest import API_KEY

PUBLIC_URL = "https://web.test"
SESSION_SECRET = "web-session-secret-4c1d9e7a2b"
SHOP = "https://shop.example.com"


def web_settings(fake: FakeWeChat, token_service: TestClient[Any, Any], **overrides: Any) -> WebSettings:
    values: dict[str, Any] = {
        "redis_url": REDIS_URL,
        "wechat_app_id": fake.app_id,
        "wechat_apps_file": None,
        "internal_api_key": API_KEY,
        "token_service_url": str(token_service.make_url("")).rstrip("/"),
        "wechat_oauth_base": fake.base_url,
        "web_public_url": PUBLIC_URL,
        "web_session_secret": SESSION_SECRET,
        "web_allowed_hosts": "shop.example.com,*.pages.example.com",
    }
    return WebSettings(**(values | overrides))


async def make_web(aiohttp_client: Any, settings: WebSettings) -> TestClient[Any, Any]:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(settings))
    return client


@dataclass(frozen=True)
class Walk:
    """A login's way: the authorize URL, and the callback URL the consent page sent the browser to."""

    authorize: str
    callback: str

    @property
    def callback_path(self) -> str:
        """The callback as a path and query on the web service (its public URL is not served here)."""
        assert self.callback.startswith(PUBLIC_URL), self.callback
        return self.callback[len(PUBLIC_URL) :]

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.callback).query)


async def start_login(
    web: TestClient[Any, Any], app_id: str, return_to: str = f"{SHOP}/orders", scope: str = "snsapi_userinfo"
) -> str:
    response = await web.get(
        f"/oauth/{app_id}/login", params={"return_to": return_to, "scope": scope}, allow_redirects=False
    )
    assert response.status == 302, await response.text()
    return response.headers["Location"]


async def decide(fake: FakeWeChat, authorize: str, *, decision: str = "allow", person: str = "alice") -> str:
    """What the consent page does when the follower (``person``) allows or refuses: the callback URL."""
    assert authorize.startswith(fake.base_url), authorize
    page = await fake.client.get(authorize[len(fake.base_url) :].split("#")[0])
    assert page.status == 200, await page.text()
    fields = {name: values[0] for name, values in parse_qs(urlsplit(authorize).query, keep_blank_values=True).items()}
    form = {**fields, "person": person, "decision": decision}
    answer = await fake.client.post("/connect/oauth2/authorize", data=form, allow_redirects=False)
    assert answer.status == 302, await answer.text()
    return answer.headers["Location"]


async def walk(web: TestClient[Any, Any], fake: FakeWeChat, app_id: str, **login: Any) -> Walk:
    decision = {k: login.pop(k) for k in ("decision", "person") if k in login}
    authorize = await start_login(web, app_id, **login)
    return Walk(authorize, await decide(fake, authorize, **decision))


async def land(web: TestClient[Any, Any], walked: Walk) -> str:
    """The callback as the browser follows it: where the web service sends it (the Location, raw)."""
    response = await web.get(walked.callback_path, allow_redirects=False)
    assert response.status == 302, await response.text()
    return response.headers["Location"]


def result_of(location: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


async def redeem(web: TestClient[Any, Any], ticket: str) -> tuple[int, Any]:
    response = await web.get(f"/v1/web/tickets/{ticket}", headers={"Authorization": f"Bearer {API_KEY}"})
    return response.status, await response.json()


async def sns_calls(fake: FakeWeChat, path: str = "/sns/oauth2/access_token") -> int:
    calls = await fake.control("calls")
    return int(sum(calls.get(path, {}).values()))
