"""The API proxy (``python -m services.proxy``, one process) in front of the fake WeChat, with the
token service and a Redis of their own (whatever else uses the machine's Redis stays out of the
measurement), for one fresh account with one follower.

The calls are WeChat reads that grow no state: ``GET cgi-bin/user/info`` and the JSON ``POST
cgi-bin/user/info/batchget`` of that follower, through the proxy (``/v1/apps/{app_id}/wechat/…``,
the bearer key) or straight to the fake with the token the proxy uses (the token service's).
"""

import json
import os
import secrets
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.callbacks import BenchAccount
from bench.measure import RunConfig
from bench.servers import ServerProcess, base_env, free_port, python_argv, redis_server, running, wait_listening

GET_PATH, POST_PATH = "cgi-bin/user/info", "cgi-bin/user/info/batchget"
JSON_TYPE = "application/json"
# The proxy's log level: INFO writes its audit line per call, as in production; WARNING shows what that line costs.
PROXY_LOG_LEVEL = os.environ.get("BENCH_PROXY_LOG_LEVEL", "INFO")


def same_lines(line: str) -> Callable[[Path, int, str], int]:
    """A request writer whose every line is ``line`` (a read: repeating it measures the same thing)."""

    def write(path: Path, count: int, _tag: str) -> int:
        path.write_text(line * count, encoding="utf-8")
        return count

    return write


def http_json(url: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": JSON_TYPE, **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@dataclass(frozen=True)
class ProxySystem:
    app_id: str
    openid: str
    api_key: str
    fake_url: str
    proxy_url: str
    token_url: str
    proxy: ServerProcess
    fake: ServerProcess
    token: ServerProcess
    redis: ServerProcess

    @property
    def companions(self) -> tuple[ServerProcess, ...]:
        """The proxy's collaborators, whose CPU is accounted next to it."""
        return self.fake, self.token, self.redis

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def access_token(self) -> str:
        """The account's token as the token service hands it to the proxy (the direct calls use it too)."""
        answer = http_json(f"{self.token_url}/v1/apps/{self.app_id}/access-token", headers=self.auth)
        return str(answer["access_token"])

    def get_line(self, *, direct: bool) -> str:
        query = f"openid={self.openid}&lang=zh_CN"
        if direct:
            return f"/{GET_PATH}?{query}&access_token={self.access_token()}\n"
        return f"/v1/apps/{self.app_id}/wechat/{GET_PATH}?{query}\n"

    def post_line(self, *, direct: bool) -> str:
        body = json.dumps({"user_list": [{"openid": self.openid, "lang": "zh_CN"}]}, separators=(",", ":"))
        if direct:
            return f"/{POST_PATH}?access_token={self.access_token()}\t{body}\n"
        return f"/v1/apps/{self.app_id}/wechat/{POST_PATH}\t{body}\n"

    def wrk_env(self, *, direct: bool) -> dict[str, str]:
        """bench/callbacks.lua's headers: JSON bodies, and the bearer key for the proxy."""
        env = {"BENCH_CONTENT_TYPE": JSON_TYPE}
        return env if direct else {**env, "BENCH_AUTHORIZATION": self.auth["Authorization"]}

    def failed_calls(self) -> int:
        """Calls the fake answered with an errcode (each gets a rid): none, when every call was right."""
        return len(http_json(f"{self.fake_url}/_control/rids?app_id={self.app_id}"))

    def set_latency(self, ms: float) -> None:
        http_json(f"{self.fake_url}/_control/latency", {"ms": ms})


@contextmanager
def proxy_system(cfg: RunConfig, name: str, *, latency_ms: float) -> Iterator[ProxySystem]:
    """Redis, the fake (``latency_ms`` on every WeChat call), the token service and the proxy; logs
    under ``cfg.logdir`` prefixed ``name``. The proxy writes its audit line per call (INFO, JSON),
    as in production, unless ``BENCH_PROXY_LOG_LEVEL`` says otherwise; the others log warnings only."""
    account = BenchAccount.random()
    api_key = secrets.token_hex(16)
    redis_port, fake_port, token_port, proxy_port = free_port(), free_port(), free_port(), free_port()
    fake_url, token_url = f"http://127.0.0.1:{fake_port}", f"http://127.0.0.1:{token_port}"
    redis = redis_server("proxy-redis", redis_port, cfg.logdir / f"{name}-redis.log")
    common = {**base_env(), "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "INTERNAL_API_KEY": api_key,
              "HOST": "127.0.0.1", "WECHAT_API_BASE": fake_url}  # fmt: skip
    fake = ServerProcess(
        "fake-wechat",
        python_argv("-m", "sandbox.fake_wechat"),
        env={**base_env(), "PORT": str(fake_port), "FAKE_WECHAT_APPS": f"{account.app_id}:{account.app_secret}",
             "FAKE_WECHAT_LATENCY_MS": str(latency_ms), "LOG_LEVEL": "WARNING"},
        log_path=cfg.logdir / f"{name}-fake-wechat.log",
    )  # fmt: skip
    token = ServerProcess(
        "token",
        python_argv("-m", "services.token"),
        env={**common, **account.env(), "PORT": str(token_port), "LOG_LEVEL": "WARNING"},
        log_path=cfg.logdir / f"{name}-token.log",
    )
    proxy = ServerProcess(
        "proxy",
        python_argv("-m", "services.proxy"),
        env={**common, "WECHAT_APP_ID": account.app_id, "PORT": str(proxy_port), "TOKEN_SERVICE_URL": token_url,
             "LOG_LEVEL": PROXY_LOG_LEVEL, "LOG_FORMAT": "json"},
        log_path=cfg.logdir / f"{name}-proxy.log",
    )  # fmt: skip
    with ExitStack() as stack:
        stack.enter_context(running(redis))
        wait_listening(redis, redis_port, timeout=10)
        stack.enter_context(running(fake))
        fake.wait_ready(f"{fake_url}/_control/settings", timeout=20)
        seeded = http_json(f"{fake_url}/_control/followers", {"app_id": account.app_id, "count": 1})
        stack.enter_context(running(token))
        token.wait_ready(f"{token_url}/readyz", timeout=30)
        stack.enter_context(running(proxy))
        proxy.wait_ready(f"http://127.0.0.1:{proxy_port}/readyz", timeout=30)
        yield ProxySystem(
            account.app_id, seeded["openids"][0], api_key, fake_url, f"http://127.0.0.1:{proxy_port}", token_url,
            proxy, fake, token, redis,
        )  # fmt: skip
