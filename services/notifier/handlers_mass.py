"""HTTP edge of broadcast jobs: validate, create the job, queue its command (confirmed), answer 202;
read a job's status."""

import json
import time

from aiohttp import web

from services.notifier.context import NOTIFIER
from services.notifier.delivery import ID_HEADER
from services.notifier.handlers import invalid, payload_of
from services.notifier.mass_record import MassJob, MassStatus
from services.notifier.messages import InvalidMessage, parse_mass
from shared.broker import PERSISTENT, Message, PublishFailed
from shared.internal_api import InternalRoutes, json_error, not_found
from shared.topology import COMMANDS_EXCHANGE, MASS_COMMAND, command_routing_key


async def send_mass(request: web.Request) -> web.Response:
    try:
        message = parse_mass(await payload_of(request))
    except InvalidMessage as exc:
        return await invalid(exc)
    notifier = request.app[NOTIFIER]
    app_id = request.match_info["app_id"]
    if app_id not in notifier.accounts:
        raise not_found("unknown_app", "no such account")
    request_body = message.model_dump(mode="json", exclude_none=True)
    job, created = await notifier.mass.create(
        app_id=app_id, request=request_body, client_msg_id=message.client_msg_id, now=time.time()
    )
    # A repeat of a request whose command never got queued queues it now (the job is sent once).
    if created or job.status is MassStatus.QUEUED:
        try:
            await _queue(request, job)
        except PublishFailed:
            return json_error(503, "not_queued", "the broker did not take the job; retry (same client_msg_id)")
    notifier.metrics.accepted.labels("mass", "http").inc()
    return web.json_response({"id": job.id, "status": job.status.value}, status=202)


async def _queue(request: web.Request, job: MassJob) -> None:
    message = Message(
        json.dumps(job.request).encode(),
        content_type="application/json",
        delivery_mode=PERSISTENT,
        message_id=job.id,
        headers={ID_HEADER: job.id},
    )
    routing_key = command_routing_key(job.app_id, MASS_COMMAND)
    await request.app[NOTIFIER].broker.publish(COMMANDS_EXCHANGE.name, routing_key, message)


async def mass_status(request: web.Request) -> web.Response:
    job = await request.app[NOTIFIER].mass.get(request.match_info["id"])
    if job is None:
        raise not_found("unknown_job", "no such broadcast job (or its status expired)")
    return web.json_response(job.to_json())


def add_routes(routes: InternalRoutes) -> None:
    routes.post("/v1/apps/{app_id}/mass-messages", send_mass)
    routes.get("/v1/mass-messages/{id}", mass_status)
