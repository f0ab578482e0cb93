"""The web service (``python -m services.web``, one process) behind H5 pages, against the token service
and the fake WeChat (``FAKE_WECHAT_LATENCY_MS=50`` on every WeChat call), with a Redis of their own.

- ``web-login``: ``/oauth/{app}/login`` → 302 to WeChat's authorize page (one Redis write each);
- ``web-callback``: ``/oauth/{app}/callback`` with a fresh code each (minted at the fake beforehand,
  one login's state for all): the exchange at the token service, which asks WeChat (50 ms) → 302
  with a ticket;
- ``web-jssdk``: ``/jssdk/{app}/config`` for a page URL (signed from memory);
- ``bare-web``: the bare aiohttp server under the login's GET requests, the baseline of all three.
"""

import http.client
import json
import secrets
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bench.callbacks import BenchAccount
from bench.measure import Measurement, RunConfig, measure
from bench.scenarios.bare import measure_bare
from bench.servers import ServerProcess, base_env, free_port, python_argv, redis_server, running, wait_listening

LOGIN_NAME, CALLBACK_NAME, JSSDK_NAME, BARE_NAME = "web-login", "web-callback", "web-jssdk", "bare-web"
WECHAT_LATENCY_MS = 50
PAGE = "https://shop.example.com/orders?id=7"
RETURN_TO = quote(PAGE, safe="")


def _login_line(app_id: str) -> str:
    return f"/oauth/{app_id}/login?return_to={RETURN_TO}&scope=snsapi_base\n"


def same_lines(line: str) -> Callable[[Path, int, str], int]:
    def write(path: Path, count: int, _tag: str) -> int:
        path.write_text(line * count, encoding="ascii")
        return count

    return write


@dataclass(frozen=True)
class WebSystem:
    app_id: str
    fake_url: str
    web_url: str
    web: ServerProcess
    companions: tuple[ServerProcess, ...]

    def state(self) -> str:
        """A login's state (valid 10 minutes), for every callback of the run."""
        host, port = self.web_url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", _login_line(self.app_id).strip())
        location = connection.getresponse().getheader("Location") or ""
        connection.close()
        return location.split("&state=")[1].split("#")[0]

    def callback_writer(self) -> Callable[[Path, int, str], int]:
        """``count`` callbacks, each with a code of its own that the fake minted for this run."""
        state = self.state()

        def write(path: Path, count: int, _tag: str) -> int:
            body = json.dumps({"app_id": self.app_id, "scope": "snsapi_base", "count": count}).encode()
            request = urllib.request.Request(
                f"{self.fake_url}/_control/oauth/codes", data=body, headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=120) as response:
                codes = json.loads(response.read())["codes"]
            lines = (f"/oauth/{self.app_id}/callback?code={code}&state={state}\n" for code in codes)
            path.write_text("".join(lines), encoding="ascii")
            return count

        return write


@contextmanager
def web_system(cfg: RunConfig) -> Iterator[WebSystem]:
    """The fake, the token service and the web service, on a Redis of their own (whatever else uses
    the machine's Redis, e.g. tests stalling it, stays out of the measurement)."""
    account = BenchAccount.random()
    api_key = secrets.token_hex(16)
    redis_port, fake_port, token_port, web_port = free_port(), free_port(), free_port(), free_port()
    fake_url, token_url = f"http://127.0.0.1:{fake_port}", f"http://127.0.0.1:{token_port}"
    redis = redis_server("web-redis", redis_port, cfg.logdir / "web-redis.log")
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    common = {**base_env(), "REDIS_URL": redis_url, "INTERNAL_API_KEY": api_key, "HOST": "127.0.0.1"}
    common |= {"LOG_LEVEL": "WARNING"}
    fake = ServerProcess(
        "fake-wechat",
        python_argv("-m", "sandbox.fake_wechat"),
        env={**base_env(), "PORT": str(fake_port), "FAKE_WECHAT_APPS": f"{account.app_id}:{account.app_secret}",
             "FAKE_WECHAT_LATENCY_MS": str(WECHAT_LATENCY_MS), "LOG_LEVEL": "WARNING"},
        log_path=cfg.logdir / "web-fake-wechat.log",
    )  # fmt: skip
    token = ServerProcess(
        "token",
        python_argv("-m", "services.token"),
        env={**common, **account.env(), "WECHAT_API_BASE": fake_url, "PORT": str(token_port)},
        log_path=cfg.logdir / "web-token.log",
    )
    web = ServerProcess(
        "web",
        python_argv("-m", "services.web"),
        env={**common, "WECHAT_APP_ID": account.app_id, "PORT": str(web_port), "TOKEN_SERVICE_URL": token_url,
             "WECHAT_OAUTH_BASE": fake_url, "WEB_PUBLIC_URL": "https://web.example.com",
             "WEB_SESSION_SECRET": secrets.token_urlsafe(32), "WEB_ALLOWED_HOSTS": "shop.example.com"},
        log_path=cfg.logdir / "web.log",
    )  # fmt: skip
    with ExitStack() as stack:
        stack.enter_context(running(redis))
        wait_listening(redis, redis_port, timeout=10)
        stack.enter_context(running(fake))
        fake.wait_ready(f"{fake_url}/_control/settings", timeout=20)
        stack.enter_context(running(token))
        token.wait_ready(f"{token_url}/readyz", timeout=30)
        stack.enter_context(running(web))
        web.wait_ready(f"http://127.0.0.1:{web_port}/readyz", timeout=30)
        yield WebSystem(account.app_id, fake_url, f"http://127.0.0.1:{web_port}", web, (token, fake))


def _only(m: Measurement, status: int) -> Measurement:
    """A check that every answer was ``status`` (a 302 is the success of a login or a callback)."""
    m.checks[f"all_{status}"] = set(m.result.statuses) == {status} and set(m.warmup.statuses) == {status}
    return m


def run_login(cfg: RunConfig) -> Measurement:
    with web_system(cfg) as system:
        m = measure(LOGIN_NAME, "web login", system.web, system.web_url + "/", same_lines(_login_line(system.app_id)),
                    cfg, companions=system.companions, distinct_requests=False)  # fmt: skip
        return _only(m, 302)


def run_callback(cfg: RunConfig) -> Measurement:
    with web_system(cfg) as system:
        m = measure(CALLBACK_NAME, "web callback", system.web, system.web_url + "/", system.callback_writer(), cfg,
                    companions=system.companions)  # fmt: skip
        m.notes.append(
            f"each callback's code exchanged at the token service, which waits {WECHAT_LATENCY_MS} ms on WeChat"
        )
        return _only(m, 302)


def run_jssdk(cfg: RunConfig) -> Measurement:
    with web_system(cfg) as system:
        line = f"/jssdk/{system.app_id}/config?url={quote(PAGE, safe='')}\n"
        m = measure(JSSDK_NAME, "web jssdk/config", system.web, system.web_url + "/", same_lines(line), cfg,
                    companions=system.companions, distinct_requests=False)  # fmt: skip
        return _only(m, 200)


def run_bare(cfg: RunConfig) -> Measurement:
    return measure_bare(BARE_NAME, "bare aiohttp web", cfg, same_lines(_login_line("wxbench")))
