"""How a command runs: the options every command takes, settings, one aiohttp session, errors as one line.

A command is an ``async def name(cli: Cli, …)`` registered with ``@command(group, "name")``; the
decorator adds ``--app``, ``--profile``, ``--json`` and ``--debug``, resolves the settings, runs the
coroutine, and turns whatever it raises into one line on stderr and an exit status (``errors``).
"""

import asyncio
import functools
import inspect
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import aiohttp
import typer

from shared.wechat.api import WeChatApi
from wxmp_cli import settings as settings_module
from wxmp_cli.errors import CliError, ExitCode, translate
from wxmp_cli.output import Output
from wxmp_cli.platform import Platform
from wxmp_cli.settings import Settings


@dataclass
class RootOptions:
    """What the root command's flags set (service URLs, the key, the config file)."""

    flags: dict[str, Any] = field(default_factory=dict)
    config: Path | None = None


@dataclass
class Cli:
    """What a command body gets: its settings, its output, the platform, and the account it is for."""

    settings: Settings
    out: Output
    platform: Platform
    app_flag: str | None

    @property
    def app_id(self) -> str:
        return self.settings.app_id(self.app_flag)

    def api(self) -> WeChatApi:
        return self.platform.api(self.app_id)


Body = Callable[..., Awaitable[None]]

_COMMON = [
    inspect.Parameter("context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context),
    inspect.Parameter(
        "app_flag",
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[
            str | None,
            typer.Option(
                "--app",
                "-a",
                metavar="APP_ID",
                show_default=False,
                help="The account (default: WXMP_APP, the profile's app, or the one configured account).",
            ),
        ],
    ),
    inspect.Parameter(
        "profile",
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[
            str | None,
            typer.Option(show_default=False, help="A profile of ~/.config/wxmp/config.toml (default: WXMP_PROFILE)."),
        ],
    ),
    inspect.Parameter(
        "json_mode",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")],
    ),
    inspect.Parameter(
        "debug",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")],
    ),
]
_COMMON_NAMES = [parameter.name for parameter in _COMMON]


def command(group: typer.Typer, name: str, *, examples: Sequence[str] = ()) -> Callable[[Body], Body]:
    """Register ``body`` as ``wxmp <group> <name>`` with the common options; ``examples`` end its --help."""

    def register(body: Body) -> Body:
        own = list(inspect.signature(body).parameters.values())[1:]  # the first is the Cli

        @functools.wraps(body)
        def entry(**kwargs: Any) -> None:
            common = {name: kwargs.pop(name) for name in _COMMON_NAMES}
            run(body, kwargs, root=root_options(common.pop("context")), **common)

        entry.__signature__ = inspect.Signature([*own, *_COMMON])  # type: ignore[attr-defined]
        entry.__annotations__ = {parameter.name: parameter.annotation for parameter in [*own, *_COMMON]}
        entry.examples = list(examples)  # type: ignore[attr-defined]
        epilog = "\n\n".join(["Examples:", *(f"  $ {example}" for example in examples)]) if examples else None
        group.command(name, epilog=epilog)(entry)
        return body

    return register


def root_options(context: typer.Context) -> RootOptions:
    obj = context.find_root().obj
    return obj if isinstance(obj, RootOptions) else RootOptions()


def run(
    body: Body,
    kwargs: dict[str, Any],
    *,
    root: RootOptions,
    app_flag: str | None,
    profile: str | None,
    json_mode: bool,
    debug: bool,
) -> None:
    out = Output(json_mode)
    proxy_url = ""
    try:
        env = dict(os.environ) | ({"WXMP_CONFIG": str(root.config)} if root.config else {})
        settings = settings_module.load(root.flags, profile, env)
        proxy_url = settings.proxy_url
        asyncio.run(_main(body, settings, out, app_flag, kwargs))
    except typer.Exit:
        raise
    except typer.Abort:
        _fail(CliError("cancelled: nothing was changed", ExitCode.FAILED))
    except (Exception, KeyboardInterrupt) as exc:
        if debug and not isinstance(exc, CliError | KeyboardInterrupt):
            raise
        _fail(translate(exc, url=proxy_url))  # a PlatformError of the typed API is the proxy's


def _fail(error: CliError) -> None:
    message = " ".join(error.message.split())
    typer.echo(f"wxmp: {message}", err=True)
    raise typer.Exit(int(error.code))


async def _main(body: Body, settings: Settings, out: Output, app_flag: str | None, kwargs: dict[str, Any]) -> None:
    async with aiohttp.ClientSession() as session:
        await body(Cli(settings, out, Platform(session, settings), app_flag), **kwargs)
