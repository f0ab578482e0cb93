"""The root ``wxmp`` command: the platform's addresses and the key, for every command under it."""

from pathlib import Path
from typing import Annotated

import typer

from wxmp_cli.command import RootOptions

app = typer.Typer(
    name="wxmp",
    help="The operator's command line for the WeChat official-account platform.\n\n"
    "Everything goes through the platform (the API proxy, the token service, the notifier, the dispatcher, "
    "the gateway): wxmp never holds an access_token or an AppSecret.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # --debug shows a plain traceback, never the locals (the key is one)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _url(variable: str, default: str) -> object:
    return typer.Option(show_default=False, help=f"Default: {variable}, the profile's, or {default}.")


@app.callback()
def root(
    context: typer.Context,
    proxy_url: Annotated[str | None, _url("WXMP_PROXY_URL", "http://127.0.0.1:8084")] = None,
    token_service_url: Annotated[str | None, _url("TOKEN_SERVICE_URL", "http://127.0.0.1:8081")] = None,
    notifier_url: Annotated[str | None, _url("NOTIFIER_URL", "http://127.0.0.1:8083")] = None,
    dispatcher_url: Annotated[str | None, _url("DISPATCHER_URL", "http://127.0.0.1:8082")] = None,
    gateway_url: Annotated[str | None, _url("GATEWAY_URL", "http://127.0.0.1:8080")] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            show_default=False, help="The settings file (default: WXMP_CONFIG or ~/.config/wxmp/config.toml)."
        ),
    ] = None,
) -> None:
    """Settings come from these flags, then the environment, then the config file's profile.

    The internal key is read from INTERNAL_API_KEY or the profile only (never a flag: a flag shows in ps)."""
    flags = {
        "proxy_url": proxy_url,
        "token_service_url": token_service_url,
        "notifier_url": notifier_url,
        "dispatcher_url": dispatcher_url,
        "gateway_url": gateway_url,
    }
    context.obj = RootOptions(flags=flags, config=config)
