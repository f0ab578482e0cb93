"""``wxmp apps`` and ``wxmp token``: the accounts as the platform serves them, and their access tokens.

No command prints a token: ``token show`` gives its expiry, ``token refresh`` replaces it."""

import time
from typing import Any

import typer

from wxmp_cli.command import Cli, command
from wxmp_cli.errors import translate
from wxmp_cli.root import app as root

token_app = typer.Typer(
    help="The account's access_token, held by the token service (never printed).", no_args_is_help=True
)


def expiry(expires_at: int) -> dict[str, Any]:
    return {"expires_at": expires_at, "expires_in": max(0, expires_at - int(time.time()))}


def _in(seconds: int) -> str:
    minutes, _ = divmod(seconds, 60)
    return f"in {minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"in {minutes} min"


@command(root, "apps", examples=["wxmp apps", "wxmp apps --json"])
async def apps(cli: Cli) -> None:
    """The configured accounts with their token's expiry, and each service's readiness (/readyz)."""
    settings = cli.settings
    app_ids = dict.fromkeys([*settings.accounts(), *settings.apps, *filter(None, [settings.app, cli.app_flag])])
    accounts: list[dict[str, Any]] = []
    for app_id in app_ids:
        try:
            accounts.append({"app_id": app_id, "token": expiry(await cli.platform.token_expiry(app_id))})
        except Exception as exc:  # noqa: BLE001 - one account's failure is a row of the table, not the end of it
            accounts.append({"app_id": app_id, "error": translate(exc, service="token service").message})
    services: list[dict[str, Any]] = []
    for service in cli.platform.services():
        ready, detail = await service.ready()
        services.append({"service": service.name, "url": service.url, "ready": ready, "detail": detail})

    def show() -> None:
        if accounts:
            rows = [
                [a["app_id"], f"expires {_in(a['token']['expires_in'])}" if "token" in a else a["error"]]
                for a in accounts
            ]
            cli.out.table(["account", "access_token"], rows)
        else:
            cli.out.note("no accounts configured: set WECHAT_APPS_FILE or WXMP_APP, or apps in the profile")
        cli.out.table(
            ["service", "url", "ready"],
            [[s["service"], s["url"], "ready" if s["ready"] else f"NOT READY ({s['detail']})"] for s in services],
        )

    cli.out.result({"accounts": accounts, "services": services}, show)


@command(token_app, "show", examples=["wxmp token show --app wx1234"])
async def show(cli: Cli) -> None:
    """When the account's current access_token expires (the token itself is never shown)."""
    answer = {"app_id": cli.app_id, **expiry(await cli.platform.token_expiry(cli.app_id))}
    cli.out.result(
        answer, lambda: cli.out.line(f"{answer['app_id']}: access_token expires {_in(answer['expires_in'])}")
    )


@command(token_app, "refresh", examples=["wxmp token refresh --app wx1234"])
async def refresh(cli: Cli) -> None:
    """Replace the account's access_token now (a passive refresh of the current one)."""
    path = f"/v1/apps/{cli.app_id}/access-token"
    current = await cli.platform.tokens.get(path)
    answer = await cli.platform.tokens.post(path + "/refresh", {"stale_token": current["access_token"]})
    result = {"app_id": cli.app_id, "refreshed": bool(answer.get("refreshed")), **expiry(int(answer["expires_at"]))}
    said = "refreshed" if result["refreshed"] else "already replaced"
    cli.out.result(
        result, lambda: cli.out.line(f"{cli.app_id}: access_token {said}, expires {_in(result['expires_in'])}")
    )
