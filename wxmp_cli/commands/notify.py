"""``wxmp template``: template messages through the notifier (queued, retried, tracked to delivery)."""

import asyncio
import json
import re
import time
from typing import Annotated, Any

import typer

from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode

app = typer.Typer(help="Template messages, sent through the platform's notifier.", no_args_is_help=True)

FINAL = {"sent", "delivered", "failed"}
FIELD = re.compile(r"\{\{(\w+)\.DATA\}\}")


def template_data(data: str | None, fields: list[str]) -> dict[str, Any]:
    """The message's ``data``: a JSON object, and/or KEY=VALUE pairs (each becomes ``{"value": VALUE}``)."""
    body: dict[str, Any] = {}
    if data is not None:
        try:
            body = json.loads(data)
        except ValueError:
            raise CliError(
                '--data is a JSON object, like \'{"thing1": {"value": "shipped"}}\'', ExitCode.USAGE
            ) from None
        if not isinstance(body, dict):
            raise CliError("--data is a JSON object", ExitCode.USAGE)
    for field in fields:
        key, sep, value = field.partition("=")
        if not sep or not key:
            raise CliError(f"--field {field!r}: give KEY=VALUE", ExitCode.USAGE)
        body[key] = {"value": value}
    if not body:
        raise CliError("give the template's data: --field KEY=VALUE (repeat it) or --data JSON", ExitCode.USAGE)
    return body


@command(
    app,
    "send",
    examples=[
        "wxmp template send --to oFollower1 --template-id TPL --field thing1=Shipped --field time2=Today --wait",
        'wxmp template send --to oFollower1 --template-id TPL --data \'{"thing1": {"value": "Shipped"}}\' --url https://example.com/o/1',
    ],
)
async def send(
    cli: Cli,
    to: Annotated[str, typer.Option(help="The follower's openid.")],
    template_id: Annotated[str, typer.Option(help="The template's id (in the account's My Templates).")],
    field: Annotated[list[str] | None, typer.Option(help="KEY=VALUE of the template's data; repeat it.")] = None,
    data: Annotated[str | None, typer.Option(help="The template's data as a JSON object.")] = None,
    url: Annotated[str | None, typer.Option(help="The page the message opens.")] = None,
    client_msg_id: Annotated[str | None, typer.Option(help="An idempotency key: the same one sends once.")] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Follow the message until it is sent, delivered or failed.")
    ] = False,
    within: Annotated[float, typer.Option("--timeout", help="With --wait: give up after this many seconds.")] = 60.0,
) -> None:
    """Queue a template message with the notifier; prints its id and status."""
    body: dict[str, Any] = {"touser": to, "template_id": template_id, "data": template_data(data, field or [])}
    body |= {key: value for key, value in (("url", url), ("client_msg_id", client_msg_id)) if value is not None}
    answer = await cli.platform.notifier.post(f"/v1/apps/{cli.app_id}/template-messages", body)
    if wait:
        answer = await _follow(cli, str(answer["id"]), within)
    cli.out.result(
        answer,
        lambda: cli.out.line(
            f"message {answer['id']}: {answer['status']}" + (f" ({answer['error']})" if answer.get("error") else "")
        ),
    )
    if answer["status"] == "failed":
        raise CliError(f"message {answer['id']} failed: {answer.get('error', 'no reason given')}", ExitCode.FAILED)


async def _follow(cli: Cli, message_id: str, within: float) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        status = await cli.platform.notifier.get(f"/v1/template-messages/{message_id}")
        if status.get("status") in FINAL:
            return status
        if time.monotonic() >= deadline:
            raise CliError(f"message {message_id} still {status.get('status')} after {within:g} s", ExitCode.FAILED)
        await asyncio.sleep(0.2)


@command(app, "list", examples=["wxmp template list"])
async def list_templates(cli: Cli) -> None:
    """The account's templates (My Templates): template_id, title and the content's fields."""
    templates = await cli.api().template.all()

    def show() -> None:
        rows = [
            [t.get("template_id"), t.get("title"), " ".join(FIELD.findall(str(t.get("content", ""))))]
            for t in templates
        ]
        cli.out.table(["template_id", "title", "fields"], rows)

    cli.out.result({"templates": templates}, show)


@command(app, "status", examples=["wxmp template status 5f0c…"])
async def status(cli: Cli, message_id: Annotated[str, typer.Argument(help="The id template send printed.")]) -> None:
    """A template message's status: queued, sending, sent, delivered or failed."""
    answer = await cli.platform.notifier.get(f"/v1/template-messages/{message_id}")
    cli.out.result(answer, lambda: cli.out.table(["field", "value"], [[k, v] for k, v in answer.items()]))
