"""What went wrong, as one line and an exit status: every error a command meets is translated here, once."""

import enum

from pydantic import ValidationError

from shared.wechat.errors import WeChatError
from shared.wechat.transport import PlatformError


class ExitCode(enum.IntEnum):
    OK = 0
    FAILED = 1  # WeChat or the platform refused the operation, a check failed, a job ended badly
    USAGE = 2  # bad arguments or input (an invalid menu file, no --yes without a terminal); Typer's own too
    PLATFORM = 3  # the platform cannot be reached, or refused the key
    INTERRUPTED = 130  # Ctrl-C


class CliError(Exception):
    """A command's own refusal: the line to print and the status to exit with."""

    def __init__(self, message: str, code: ExitCode = ExitCode.FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# What an operator can do about WeChat's commonest answers.
WECHAT_HINTS = {
    45009: "the account's daily quota of this API is used up (wxmp quota shows it)",
    46003: "the account has no menu",
    40003: "not a follower of this account (or an openid of another account)",
    48001: "the account is not authorized for this API",
    40164: "the caller's IP is not on the account's allow-list",
    65302: "not a follower of this account",
}


def validation_summary(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _platform(exc: PlatformError, service: str, url: str) -> CliError:
    if exc.status == 0:
        return CliError(f"cannot reach the {service} at {url}: is it running, and is the URL right?", ExitCode.PLATFORM)
    if exc.status == 401:
        return CliError(f"the {service} refused the key: set INTERNAL_API_KEY to the platform's", ExitCode.PLATFORM)
    if exc.error == "unknown_app":
        return CliError(f"the {service} serves no such account: check --app", ExitCode.FAILED)
    detail = f"{exc.error}: {exc.message}" if exc.message else exc.error
    return CliError(f"the {service} refused ({exc.status} {detail})", ExitCode.FAILED)


def translate(exc: BaseException, *, service: str = "API proxy", url: str = "") -> CliError:
    """``exc`` as the one line an operator reads (``service``/``url``: whom a PlatformError came from)."""
    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, ServiceError):
        return _platform(exc, exc.service, exc.url)
    if isinstance(exc, PlatformError):
        return _platform(exc, service, url)
    if isinstance(exc, WeChatError):
        hint = WECHAT_HINTS.get(exc.errcode)
        reason = f"{exc.errcode} {exc.errmsg}".strip()
        return CliError(f"WeChat refused: {reason}" + (f" ({hint})" if hint else ""), ExitCode.FAILED)
    if isinstance(exc, ValidationError):
        return CliError(f"invalid {exc.title}: {validation_summary(exc)}", ExitCode.USAGE)
    if isinstance(exc, OSError) and exc.filename is not None:
        return CliError(f"{exc.filename}: {exc.strerror}", ExitCode.USAGE)
    if isinstance(exc, ValueError):
        return CliError(str(exc), ExitCode.USAGE)
    if isinstance(exc, KeyboardInterrupt):
        return CliError("interrupted", ExitCode.INTERRUPTED)
    return CliError(f"{type(exc).__name__}: {exc} (run again with --debug for the traceback)", ExitCode.FAILED)


class ServiceError(PlatformError):
    """A platform service (token, notifier, dispatcher, gateway) refused or was unreachable."""

    def __init__(self, service: str, url: str, status: int, error: str, message: str) -> None:
        super().__init__(status, error, message)
        self.service = service
        self.url = url
