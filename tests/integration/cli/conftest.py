"""``wxmp`` as an operator runs it: the installed script in a subprocess, against the real stack in this
process (the token service, the API proxy, the notifier and dispatcher over RabbitMQ and Redis, the
gateway) and the fake WeChat, every service on a loopback port of its own.

``stack.wxmp(...)`` runs the command with the stack's addresses in its environment; the notifier,
dispatcher and gateway join the stack only for the tests that ask for them (``with_notifier`` …)."""

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from aio_pika.abc import AbstractRobustConnection
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from services.dispatcher.app import create_app as create_dispatcher
from services.dispatcher.settings import DispatcherSettings
from services.notifier.app import create_app as create_notifier
from services.proxy.app import create_app as create_proxy
from services.proxy.settings import ProxySettings
from shared.topology import dispatcher_queues
from tests.conftest import AES_KEY, AMQP_URL, REDIS_URL, TOKEN, FakeWeChat, delete_matching
from tests.integration.conftest import API_KEY, GatewayFactory, delete_queues, notifier_queue_names
from tests.integration.test_notifier import notifier_settings

Client = TestClient[Any, Any]
WXMP = str(Path(sys.executable).with_name("wxmp"))


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Stack:
    fake: FakeWeChat
    app_id: str
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    def url(self, client: Client) -> str:
        return str(client.make_url("")).rstrip("/")

    async def wxmp(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Ran:
        """``wxmp ARGS`` with the stack's settings; its exit status, stdout and stderr."""
        process = await asyncio.create_subprocess_exec(
            WXMP, *args, env=self.env | (env or {}), cwd=self.home,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(process.communicate(stdin), timeout=120)
        assert process.returncode is not None
        return Ran(process.returncode, out.decode(), err.decode())

    async def ok(self, *args: str, stdin: bytes | None = None) -> Ran:
        """``wxmp ARGS``, which must succeed."""
        ran = await self.wxmp(*args, stdin=stdin)
        assert ran.code == 0, f"wxmp {' '.join(args)} exited {ran.code}: {ran.err}"
        return ran


def apps_file(path: Path, app_id: str) -> Path:
    """The account as the gateway has it (Token, EncodingAESKey): what callback send and check sign with."""
    account = {"name": "cli-test", "app_id": app_id, "token": TOKEN, "encoding_aes_key": AES_KEY}
    path.write_text(yaml.safe_dump({"apps": [account]}))
    return path


@pytest.fixture
async def proxy_cleaned(redis: Redis, app_id: str) -> AsyncIterator[None]:
    yield
    await delete_matching(redis, f"wxmp:proxy:calls:{app_id}:*")


@pytest.fixture
async def stack(
    services: None,
    aiohttp_client: Any,
    fake_wechat: FakeWeChat,
    token_service: Client,
    proxy_cleaned: None,
    app_id: str,
    tmp_path: Path,
) -> Stack:
    """The token service and the API proxy for one account, and wxmp's environment pointing at them
    (the other services' addresses lead nowhere until a test adds them)."""
    settings = ProxySettings(
        redis_url=REDIS_URL,
        wechat_app_id=app_id,
        wechat_apps_file=None,
        wechat_api_base=fake_wechat.base_url,
        wechat_mp_base=fake_wechat.base_url,
        token_service_url=str(token_service.make_url("")),
        internal_api_key=API_KEY,
        proxy_backoff_seconds=0.001,
    )
    proxy: Client = await aiohttp_client(create_proxy(settings))
    home = tmp_path / "home"
    home.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "WXMP_"))}
    base.pop("INTERNAL_API_KEY", None)
    nowhere = "http://127.0.0.1:9"  # discard: nothing listens
    env = base | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "COLUMNS": "200",
        "WXMP_PROXY_URL": str(proxy.make_url("")).rstrip("/"),
        "TOKEN_SERVICE_URL": str(token_service.make_url("")).rstrip("/"),
        "NOTIFIER_URL": nowhere,
        "DISPATCHER_URL": nowhere,
        "GATEWAY_URL": nowhere,
        "INTERNAL_API_KEY": API_KEY,
        "WXMP_APP": app_id,
        "WECHAT_APPS_FILE": str(apps_file(tmp_path / "apps.yaml", app_id)),
    }
    return Stack(fake_wechat, app_id, home, env)


@pytest.fixture
async def with_gateway(stack: Stack, make_gateway: GatewayFactory) -> Stack:
    stack.env["GATEWAY_URL"] = stack.url(await make_gateway())
    return stack


@pytest.fixture
async def notifier_queues_cleaned(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[None]:
    yield
    await delete_queues(amqp, notifier_queue_names(f"test-{app_id}"))


@pytest.fixture
async def with_notifier(
    notifier_queues_cleaned: None, stack: Stack, aiohttp_client: Any, token_service: Client
) -> Stack:
    notifier: Client = await aiohttp_client(create_notifier(notifier_settings(stack.fake, token_service)))
    stack.env["NOTIFIER_URL"] = stack.url(notifier)
    return stack


@pytest.fixture
async def dispatcher_queues_cleaned(amqp: AbstractRobustConnection, redis: Redis, app_id: str) -> AsyncIterator[None]:
    yield
    specs = dispatcher_queues(f"test-{app_id}", f"{app_id}.#", "classic")
    await delete_queues(amqp, [name for spec in specs for name in (spec.name, spec.dead_letter_queue.name)])
    await delete_matching(redis, f"wxmp:stats:{app_id}:*")


@pytest.fixture
async def with_dispatcher(
    dispatcher_queues_cleaned: None, stack: Stack, aiohttp_client: Any, token_service: Client, tmp_path: Path
) -> Stack:
    rules = tmp_path / "rules.yaml"
    rules.write_text('rules:\n  - match: {msg_type: text, keyword: hello}\n    reply: {type: text, content: "Hi!"}\n')
    settings = DispatcherSettings(
        amqp_url=AMQP_URL,
        redis_url=REDIS_URL,
        wechat_app_id=stack.app_id,
        wechat_app_secret=stack.fake.app_secret,
        wechat_api_base=stack.fake.base_url,
        wechat_apps_file=None,
        token_service_url=str(token_service.make_url("")),
        internal_api_key=API_KEY,
        reply_rules_file=rules,
        queue_prefix=f"test-{stack.app_id}",
        event_binding=f"{stack.app_id}.#",
    )
    dispatcher: Client = await aiohttp_client(create_dispatcher(settings))
    stack.env["DISPATCHER_URL"] = stack.url(dispatcher)
    return stack
