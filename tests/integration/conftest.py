"""Integration fixtures: the gateway app over real RabbitMQ and Redis, a queue per test, a replier."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue, AbstractRobustConnection
from aiohttp.test_utils import TestClient

from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings
from services.token.app import create_app as create_token_service
from services.token.settings import TokenSettings
from shared.broker.rabbitmq import declare_exchanges
from shared.topology import COMMANDS_EXCHANGE, EVENTS_EXCHANGE, notifier_mass_queues, notifier_queues
from tests.conftest import AES_KEY, AMQP_URL, APP_SECRET, REDIS_URL, TOKEN, FakeWeChat


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/integration/" in str(item.path):
            item.add_marker(pytest.mark.integration)


def gateway_settings(app_id: str, **overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "amqp_url": AMQP_URL,
        "redis_url": REDIS_URL,
        "wechat_app_id": app_id,
        "wechat_token": TOKEN,
        "wechat_app_secret": APP_SECRET,
        "wechat_encoding_aes_key": AES_KEY,
        "wechat_apps_file": None,
    }
    return GatewaySettings(**(values | overrides))


GatewayFactory = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def make_gateway(services: None, aiohttp_client: Any, app_id: str) -> GatewayFactory:
    async def make(**overrides: Any) -> TestClient[Any, Any]:
        client: TestClient[Any, Any] = await aiohttp_client(create_app(gateway_settings(app_id, **overrides)))
        return client

    return make


@pytest.fixture
async def gateway(make_gateway: GatewayFactory) -> TestClient[Any, Any]:
    return await make_gateway()


@pytest.fixture
async def events(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[AbstractQueue]:
    """A queue holding every event published for this test's AppId."""
    channel = await amqp.channel()
    await declare_exchanges(channel)
    yield await bind_events_queue(channel, app_id)
    await channel.close()


async def bind_events_queue(channel: AbstractChannel, app_id: str) -> AbstractQueue:
    """An exclusive queue taking every event of ``app_id`` (the exchange must exist already)."""
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE.name, f"{app_id}.#")
    return queue


@asynccontextmanager
async def events_on(amqp_url: str, app_id: str) -> AsyncIterator[AbstractQueue]:
    """``bind_events_queue`` over a connection of its own to ``amqp_url`` (a test's vhost)."""
    connection = await aio_pika.connect_robust(amqp_url)
    try:
        yield await bind_events_queue(await connection.channel(), app_id)
    finally:
        await connection.close()


async def publish_command(
    amqp: AbstractRobustConnection,
    routing_key: str,
    body: dict[str, Any],
    *,
    times: int = 1,
    message_id: str | None = None,
) -> None:
    """Publish a persistent command to the commands exchange ``times`` times, each confirmed by the broker."""
    channel = await amqp.channel(publisher_confirms=True)
    try:
        await declare_exchanges(channel)
        exchange = await channel.get_exchange(COMMANDS_EXCHANGE.name)
        message = aio_pika.Message(json.dumps(body).encode(), delivery_mode=2, message_id=message_id)
        for _ in range(times):
            await exchange.publish(message, routing_key)
    finally:
        await channel.close()


async def queued(queue: AbstractQueue) -> list[AbstractIncomingMessage]:
    """Every message in ``queue`` now (the gateway answers only after the broker confirmed)."""
    messages = []
    while (message := await queue.get(no_ack=True, fail=False)) is not None:
        messages.append(message)
    return messages


Replier = Callable[[dict[str, Any]], Awaitable[bytes | None]]


@pytest.fixture
async def replier(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[Callable[[Replier], Awaitable[None]]]:
    """Start a stand-in for the dispatcher: answers reply requests with what ``answer(event)`` returns."""
    channel = await amqp.channel()
    await declare_exchanges(channel)
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(EVENTS_EXCHANGE.name, f"{app_id}.#")

    async def start(answer: Replier) -> None:
        async def on_message(message: AbstractIncomingMessage) -> None:

            async with message.process():
                if not message.reply_to:
                    return
                body = await answer(json.loads(message.body))
                await channel.default_exchange.publish(
                    aio_pika.Message(body or b"", correlation_id=message.correlation_id), routing_key=message.reply_to
                )

        await queue.consume(on_message)

    yield start
    await channel.close()


async def close_broker_connection(connection_name: str) -> None:
    """Have RabbitMQ itself drop the connection so named, as a broker restart would."""
    listing = await run_command("rabbitmqctl", "list_connections", "-q", "pid", "client_properties")
    marker = f'{{"connection_name","{connection_name}"}}'
    pids = [line.split("\t", 1)[0] for line in listing.splitlines() if marker in line]
    assert pids, f"no broker connection named {connection_name}"
    for pid in pids:
        await run_command("rabbitmqctl", "close_connection", pid, "test: simulated broker restart")


async def run_command(*command: str) -> str:
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def add_vhost(name: str) -> None:
    """A RabbitMQ vhost ``name`` that guest may use fully."""
    await run_command("rabbitmqctl", "add_vhost", name)
    await run_command("rabbitmqctl", "set_permissions", "-p", name, "guest", ".*", ".*", ".*")


@pytest.fixture
async def vhost(services: None) -> AsyncIterator[str]:
    """A RabbitMQ vhost of the test's own: no binding made elsewhere (a "#" of a running
    dispatcher) can route its messages. Yields its AMQP URL."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    await add_vhost(name)
    yield AMQP_URL.rstrip("/") + "/" + name
    await run_command("rabbitmqctl", "delete_vhost", name)


API_KEY = "internal-key-5f2b9c"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


def token_settings(fake: FakeWeChat, **overrides: Any) -> TokenSettings:
    """The token service for ``fake``'s account, over the real Redis."""
    values: dict[str, Any] = {
        "redis_url": REDIS_URL,
        "wechat_app_id": fake.app_id,
        "wechat_app_secret": fake.app_secret,
        "wechat_api_base": fake.base_url,
        "internal_api_key": API_KEY,
        "wechat_apps_file": None,
        "min_refresh_interval_seconds": 0,
    }
    return TokenSettings(**(values | overrides))


@pytest.fixture
async def token_service(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> TestClient[Any, Any]:
    """The token service in process, for services that call WeChat through it."""
    client: TestClient[Any, Any] = await aiohttp_client(create_token_service(token_settings(fake_wechat)))
    return client


async def delete_queues(connection: AbstractRobustConnection, names: list[str]) -> None:
    """Delete these queues if they exist (a missing one closes the channel it was asked on)."""
    for name in names:
        channel = await connection.channel()
        try:
            await channel.queue_delete(name)
        except aio_pika.exceptions.ChannelNotFoundEntity:
            pass
        finally:
            if not channel.is_closed:
                await channel.close()


def notifier_queue_names(prefix: str) -> list[str]:
    """Every queue a notifier with ``prefix`` declares: sends, reports, broadcasts, their dead
    letters and delay queues."""
    specs = [*notifier_queues(prefix, "*", "classic"), *notifier_mass_queues(prefix, "*", "classic")]
    return [
        name
        for spec in specs
        for name in (spec.name, spec.dead_letter_queue.name, *(spec.delay_queue(n).name for n in range(1, 10)))
    ]
