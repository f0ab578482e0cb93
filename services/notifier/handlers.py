"""HTTP edge of the notifier: validate, record, queue (confirmed), answer 202; read status."""

import asyncio
import json
import time
from typing import Any

from aiohttp import web

from services.notifier.context import NOTIFIER, Notifier
from services.notifier.delivery import ID_HEADER, UNDEDUPLICATED
from services.notifier.messages import InvalidMessage, parse_batch, parse_custom, parse_subscribe_shape, parse_template
from services.notifier.status import MessageRecord, Status
from shared.broker import PERSISTENT, Message, PublishFailed
from shared.internal_api import InternalRoutes, json_error, not_found
from shared.topology import COMMANDS_EXCHANGE, command_routing_key

_PUBLISH_CONCURRENCY = 64


async def payload_of(request: web.Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        raise InvalidMessage("body", "must be JSON") from None


def _account(request: web.Request) -> tuple[Notifier, str]:
    notifier = request.app[NOTIFIER]
    app_id = request.match_info["app_id"]
    if app_id not in notifier.accounts:
        raise not_found("unknown_app", "no such account")
    return notifier, app_id


async def _queue(notifier: Notifier, record: MessageRecord, body: dict[str, Any]) -> None:
    message = Message(
        json.dumps(body).encode(),
        content_type="application/json",
        delivery_mode=PERSISTENT,
        message_id=record.id,
        headers={ID_HEADER: record.id},
    )
    routing_key = command_routing_key(record.app_id, f"{record.kind}.send")
    await notifier.broker.publish(COMMANDS_EXCHANGE.name, routing_key, message)


async def _accept(request: web.Request, kind: str, body: dict[str, Any], client_msg_id: str | None) -> web.Response:
    notifier, app_id = _account(request)
    record, created = await notifier.status.create(
        app_id=app_id, kind=kind, client_msg_id=client_msg_id, now=time.time()
    )
    # A repeat of a request whose command never got queued queues it now. Template sends are
    # de-duplicated by WeChat too; for the other kinds a command known to be queued is not queued again.
    if created or record.status is Status.QUEUED:
        tracked = kind in UNDEDUPLICATED
        if created or not tracked or not await notifier.status.was_queued(record.id):
            try:
                await _queue(notifier, record, body)
            except PublishFailed:
                return json_error(503, "not_queued", "the broker did not take the message; retry (same client_msg_id)")
            if tracked:
                await notifier.status.mark_queued(record.id)
    notifier.metrics.accepted.labels(kind, "http").inc()
    return web.json_response({"id": record.id, "status": record.status.value}, status=202)


async def invalid(exc: InvalidMessage) -> web.Response:
    return json_error(400, "invalid_message", str(exc), field=exc.field)


async def send_template(request: web.Request) -> web.Response:
    try:
        message = parse_template(await payload_of(request))
    except InvalidMessage as exc:
        return await invalid(exc)
    notifier, app_id = _account(request)
    try:  # against the account's template, when the notifier knows it
        await notifier.check_template(app_id, message.template_id, message.data)
    except InvalidMessage as exc:
        return await invalid(exc)
    body = message.model_dump(mode="json", exclude_none=True)
    return await _accept(request, "template", body, message.client_msg_id)


async def send_subscribe(request: web.Request) -> web.Response:
    try:
        message = parse_subscribe_shape(await payload_of(request))
        notifier, app_id = _account(request)
        found = message.value_problems()
        if notifier.check_notice is not None:  # with the keywords against the account's template, when known
            await notifier.check_notice(app_id, message.template_id, message.data, found)
        elif found:
            raise InvalidMessage.of(found)
    except InvalidMessage as exc:
        return await invalid(exc)
    body = message.model_dump(mode="json", exclude_none=True)
    return await _accept(request, "subscribe", body, message.client_msg_id)


async def send_custom(request: web.Request) -> web.Response:
    try:
        message = parse_custom(await payload_of(request))
    except InvalidMessage as exc:
        return await invalid(exc)
    return await _accept(request, "custom", message.wechat_body(), message.client_msg_id)


async def send_batch(request: web.Request) -> web.Response:
    notifier, app_id = _account(request)
    try:
        batch = parse_batch(await payload_of(request))
        await notifier.check_template(app_id, batch.template_id, batch.data)
    except InvalidMessage as exc:
        return await invalid(exc)
    if len(batch.touser) > notifier.max_batch_size:
        return await invalid(InvalidMessage("touser", f"at most {notifier.max_batch_size} openids a batch"))
    now = time.time()
    batch_id, _ = await notifier.status.create_batch(
        app_id=app_id, total=len(batch.touser), client_batch_id=batch.client_batch_id, now=now
    )
    gate = asyncio.Semaphore(_PUBLISH_CONCURRENCY)

    async def queue_one(index: int, message_body: dict[str, Any]) -> None:
        # A message's key within its batch: repeating a half-queued batch request completes it.
        async with gate:
            record, created = await notifier.status.create(
                app_id=app_id, kind="template", client_msg_id=f"{batch_id}-{index}", batch_id=batch_id, now=now
            )
            if created or record.status is Status.QUEUED:
                await _queue(notifier, record, message_body)

    bodies = (m.model_dump(mode="json", exclude_none=True) for m in batch.messages())
    try:
        await asyncio.gather(*(queue_one(i, body) for i, body in enumerate(bodies)))
    except PublishFailed:
        message = f"batch {batch_id} was only partly queued: repeat the request (same client_batch_id) to finish it"
        return json_error(503, "not_queued", message)
    notifier.metrics.accepted.labels("template", "batch").inc(len(batch.touser))
    return web.json_response({"batch_id": batch_id, "total": len(batch.touser)}, status=202)


async def message_status(request: web.Request) -> web.Response:
    record = await request.app[NOTIFIER].status.get(request.match_info["id"])
    if record is None:
        raise not_found("unknown_message", "no such message (or its status expired)")
    return web.json_response(record.to_json())


async def batch_status(request: web.Request) -> web.Response:
    batch = await request.app[NOTIFIER].status.batch(request.match_info["batch_id"])
    if batch is None:
        raise not_found("unknown_batch", "no such batch (or its status expired)")
    return web.json_response(batch)


def add_routes(routes: InternalRoutes) -> None:
    routes.post("/v1/apps/{app_id}/template-messages", send_template)
    routes.post("/v1/apps/{app_id}/template-messages/batch", send_batch)
    routes.post("/v1/apps/{app_id}/custom-messages", send_custom)
    routes.post("/v1/apps/{app_id}/subscribe-messages", send_subscribe)
    routes.get("/v1/template-messages/{id}", message_status)
    routes.get("/v1/custom-messages/{id}", message_status)
    routes.get("/v1/subscribe-messages/{id}", message_status)
    routes.get("/v1/template-batches/{batch_id}", batch_status)
