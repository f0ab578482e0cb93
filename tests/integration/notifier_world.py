"""What the notifier's integration tests of issue #16 share: a notifier in process over real RabbitMQ and
Redis, the token service and the fake WeChat (on its manual clock), every queue it declares deleted
afterwards; callbacks posted through the real gateway; waiting on a status with a deadline."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aio_pika.abc import AbstractRobustConnection
from aiohttp.test_utils import TestClient

from services.notifier.app import create_app
from shared.crypto import MessageCipher
from shared.simulator import sign_callback
from tests.conftest import TOKEN, FakeWeChat
from tests.integration.conftest import AUTH, delete_queues, notifier_queue_names
from tests.integration.helpers import post
from tests.integration.test_notifier import metric, notifier_settings
from tests.waiting import eventually

Client = TestClient[Any, Any]
NotifierFactory = Callable[..., Awaitable[Client]]
DEADLINE = 15.0

__all__ = ["AUTH", "Client", "NotifierFactory", "metric", "post_callback", "status_of", "wait_for"]


@pytest.fixture
async def notifier_queues_cleaned(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[None]:
    yield
    await delete_queues(amqp, notifier_queue_names(f"test-{app_id}"))


@pytest.fixture
def make_notifier(
    notifier_queues_cleaned: None,  # first: its teardown runs after the notifiers stopped
    aiohttp_client: Any,
    token_service: Client,
    fake_wechat: FakeWeChat,
) -> NotifierFactory:
    async def make(**overrides: Any) -> Client:
        settings = notifier_settings(fake_wechat, token_service, **overrides)
        client: Client = await aiohttp_client(create_app(settings))
        return client

    return make


async def status_of(notifier: Client, path: str) -> dict[str, Any]:
    response = await notifier.get(path, headers=AUTH)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def wait_for(notifier: Client, path: str, *statuses: str, within: float = DEADLINE) -> dict[str, Any]:
    """The status at ``path`` once it is one of ``statuses``."""
    seen: dict[str, Any] = {}

    async def reached() -> bool:
        seen.update(await status_of(notifier, path))
        return seen["status"] in statuses

    await eventually(reached, within=within, every=0.02, what=f"{path} reaching {statuses}")
    return seen


async def post_callback(gateway: Client, app_id: str, xml: bytes, cipher: MessageCipher) -> None:
    """``xml`` as WeChat POSTs it to the account's server (safe mode), answered 200 by the gateway."""
    response = await post(gateway, app_id, sign_callback(xml, token=TOKEN, cipher=cipher))
    assert response.status == 200, await response.text()
