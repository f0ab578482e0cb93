"""``wxmp callback send`` and ``wxmp check``: the deployment end to end, as WeChat and the account see it."""

from typing import Annotated, Any

import aiohttp
import typer

from wxmp_cli.callbacks import Mode, fields_for, mode_for, read_reply, signed, verification
from wxmp_cli.command import Cli, command
from wxmp_cli.commands.platform import expiry
from wxmp_cli.errors import CliError, ExitCode, translate
from wxmp_cli.root import app as root

callback_app = typer.Typer(help="Callbacks to the gateway, signed as WeChat signs them.", no_args_is_help=True)


@command(
    callback_app,
    "send",
    examples=[
        'wxmp callback send --text "hi" --app wx1234',
        "wxmp callback send --event subscribe --event-key qrscene_1001",
        "wxmp callback send --event CLICK --event-key NEWS --mode plaintext",
    ],
)
async def send(
    cli: Cli,
    text: Annotated[str | None, typer.Option(help="Send a text message with this content.")] = None,
    event: Annotated[str | None, typer.Option(help="Send this event (subscribe, CLICK, SCAN …).")] = None,
    event_key: Annotated[str | None, typer.Option(help="The event's EventKey.")] = None,
    from_user: Annotated[
        str, typer.Option("--from", help="The follower's openid (FromUserName).")
    ] = "oWxmpCliFollower",
    to_user: Annotated[str, typer.Option("--to", help="The account's original id (ToUserName).")] = "gh_wxmp_cli",
    mode: Annotated[Mode | None, typer.Option(help="Default: safe when the account has an EncodingAESKey.")] = None,
) -> None:
    """Sign (and in safe mode encrypt) a callback with the account's Token and EncodingAESKey, POST it to
    GATEWAY_URL/wechat/APP_ID as WeChat would, and show the answer (decrypted)."""
    account = cli.settings.account(cli.app_id)
    chosen = mode_for(account, mode)
    fields = fields_for(text=text, event=event, event_key=event_key, from_user=from_user, to_user=to_user)
    callback = signed(account, chosen, fields)
    url = f"{cli.settings.gateway_url.rstrip('/')}/wechat/{account.app_id}"
    try:
        async with cli.platform.session.post(url, params=callback.query, data=callback.body) as response:
            status, body = response.status, await response.read()
    except (aiohttp.ClientError, TimeoutError):
        raise CliError(f"cannot reach the gateway at {cli.settings.gateway_url}", ExitCode.PLATFORM) from None
    reply = read_reply(account, callback, status, body)
    result = {"mode": chosen.value, **reply.to_json()}

    def show() -> None:
        cli.out.line(f"HTTP {status} ({chosen.value} mode)")
        if reply.fields is not None:
            cli.out.table(["field", "value"], [[key, value] for key, value in reply.fields.items()])
        else:
            cli.out.line(reply.text or "(empty answer)")

    cli.out.result(result, show)
    if status != 200:
        raise CliError(f"the gateway answered HTTP {status}: {reply.text[:200]}", ExitCode.FAILED)


@command(root, "check", examples=["wxmp check --app wx1234"])
async def check(cli: Cli) -> None:
    """Check a deployment end to end for an account (exit 1 if any check fails).

    The gateway answers WeChat's URL verification, the token service serves a token, and WeChat's
    callback/check and IP lists as the account sees them."""
    checks = [
        await _probe("gateway URL verification", _verify_url(cli)),
        await _probe("token service", _token(cli)),
        await _probe("WeChat callback/check", _network(cli)),
        await _probe("WeChat IP lists", _ip_lists(cli)),
    ]

    def show() -> None:
        marks = {"ok": "ok", "failed": "FAILED", "skipped": "skipped"}
        cli.out.table(["check", "result", "detail"], [[c["check"], marks[c["result"]], c["detail"]] for c in checks])

    cli.out.result({"app_id": cli.app_id, "checks": checks}, show)
    failed = [c["check"] for c in checks if c["result"] == "failed"]
    if failed:
        raise CliError(f"{len(failed)} check(s) failed: {', '.join(failed)}", ExitCode.FAILED)


class _Skip(Exception):
    pass


async def _probe(name: str, step: Any) -> dict[str, Any]:
    try:
        detail = await step
    except _Skip as skip:
        return {"check": name, "result": "skipped", "detail": str(skip)}
    except Exception as exc:  # noqa: BLE001 - a failed check is a row of the report, not the end of it
        return {"check": name, "result": "failed", "detail": translate(exc).message}
    return {"check": name, "result": "ok", "detail": detail}


async def _verify_url(cli: Cli) -> str:
    account = cli.settings.accounts().get(cli.app_id)
    if account is None or account.token is None:
        raise _Skip("no Token here for the account (WECHAT_APPS_FILE or WECHAT_TOKEN)")
    query = verification(account)
    url = f"{cli.settings.gateway_url.rstrip('/')}/wechat/{cli.app_id}"
    try:
        async with cli.platform.session.get(url, params=query) as response:
            status, text = response.status, await response.text()
    except (aiohttp.ClientError, TimeoutError):
        raise CliError(f"cannot reach the gateway at {cli.settings.gateway_url}", ExitCode.PLATFORM) from None
    if status != 200 or text != query["echostr"]:
        raise CliError(f"HTTP {status}, answered {text[:60]!r} instead of the echostr", ExitCode.FAILED)
    return f"{url} answers the echostr"


async def _token(cli: Cli) -> str:
    return f"a token valid for {expiry(await cli.platform.token_expiry(cli.app_id))['expires_in']} s"


async def _network(cli: Cli) -> str:
    answer = await cli.api().base.check_network("all")
    dns, ping = answer.get("dns") or [], answer.get("ping") or []
    losses = [str(item.get("package_loss", "?")) for item in ping]
    return f"dns {len(dns)} address(es), ping {len(ping)} (loss {', '.join(losses) or '-'})"


async def _ip_lists(cli: Cli) -> str:
    base = cli.api().base
    callback_ips, api_ips = await base.callback_ips(), await base.api_domain_ips()
    return f"callbacks come from {len(callback_ips)} address(es); api.weixin.qq.com is {len(api_ips)}"
