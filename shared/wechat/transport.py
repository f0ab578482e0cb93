"""How a typed API call reaches WeChat: directly with a token, or through the platform's API proxy.

The typed groups (``shared.wechat.api``) build a call from a catalogue ``Endpoint`` and hand
it to a ``Transport``; they never see a token. ``DirectTransport`` is for the platform's own
services (token from the token service, the shared errcode policy); ``ProxyTransport`` is for
everything outside them (the ``wxmp`` command line, business services in Python), which hold
no token at all. Both answer a JSON object or ``Media``, and raise ``WeChatError`` for an
``errcode``, ``PlatformError`` for the platform's own refusals.
"""

import asyncio
import io
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, Protocol

import aiohttp
import structlog

from shared.wechat.endpoint import Answer, Body, Endpoint, Host
from shared.wechat.errors import ErrCode, WeChatError, check
from shared.wechat.policy import Step, backoff_seconds, next_step
from shared.wechat.token_provider import TokenProvider

log = structlog.get_logger(__name__)

MP_BASE = "https://mp.weixin.qq.com"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file to upload: its bytes, or an open binary file (streamed, never read whole)."""

    filename: str
    content: bytes | IO[bytes]
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Media:
    """A downloaded file."""

    content: bytes
    content_type: str
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """One call of a catalogued endpoint, as the typed groups build it."""

    endpoint: Endpoint
    params: Mapping[str, str] | None = None
    json: Any = None
    upload: Upload | None = None
    fields: Mapping[str, str] | None = None  # further multipart fields (add_material's description)


class PlatformError(Exception):
    """The platform refused a call before WeChat saw it (the proxy's ``{"error", "message"}``)."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(f"{error}: {message}" if message else error)
        self.status = status
        self.error = error
        self.message = message


class Transport(Protocol):
    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media: ...


class _Lent(io.RawIOBase):
    """A caller's open file, lent to one request: read from ``start``, never closed by aiohttp.

    aiohttp closes a file it has sent; a call made again after a token refresh must send the
    same bytes again, and the file belongs to the caller, who closes it. Closing the loan
    leaves the caller's file open.
    """

    def __init__(self, file: IO[bytes], start: int) -> None:
        super().__init__()
        self._file = file
        file.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._file.read(-1 if size is None else size)

    def readinto(self, buffer: Any) -> int:
        data = self._file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self._file.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def fileno(self) -> int:
        return self._file.fileno()  # OSError for an in-memory file: aiohttp then streams it chunked


def start_of(upload: Upload | None) -> int | None:
    """Where an upload's open file is read from, so every attempt sends the same bytes (None: bytes, or a pipe)."""
    if upload is None or isinstance(upload.content, bytes):
        return None
    try:
        return upload.content.tell() if upload.content.seekable() else None
    except (OSError, ValueError):
        return None


def _form(call: Call, start: int | None = None) -> aiohttp.FormData | None:
    if call.endpoint.body is not Body.MULTIPART:
        return None
    if call.upload is None:
        raise ValueError(f"{call.endpoint.path} uploads a file: no file given")
    form = aiohttp.FormData()
    for name, value in (call.fields or {}).items():
        form.add_field(name, value)
    field = call.endpoint.upload_field or "media"
    content: bytes | IO[bytes] | _Lent = call.upload.content
    if start is not None and not isinstance(call.upload.content, bytes):
        content = _Lent(call.upload.content, start)
    form.add_field(field, content, filename=call.upload.filename, content_type=call.upload.content_type)
    return form


def _is_json(content_type: str) -> bool:
    return content_type in {"application/json", "text/plain", "text/json"}


async def read_answer(response: aiohttp.ClientResponse, endpoint: Endpoint) -> dict[str, Any] | Media:
    """WeChat's answer to ``endpoint``: JSON checked for ``errcode``, or media bytes."""
    if response.status >= 500:
        raise WeChatError(ErrCode.SYSTEM_BUSY, f"HTTP {response.status} from WeChat")
    if response.status >= 400:  # showqrcode answers 404 to a ticket it does not know or that expired
        try:
            return check(await response.json(content_type=None))
        except ValueError:
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"HTTP {response.status} from WeChat") from None
    if endpoint.answer is not Answer.JSON:
        content = await response.read()
        if _is_json(response.content_type):  # an error, or a text file (非税's CSV statement) sent as text/plain
            try:
                parsed = json.loads(content)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                return check(parsed)
        return Media(content, response.content_type, _filename(response))
    return check(await response.json(content_type=None))


def _filename(response: aiohttp.ClientResponse) -> str | None:
    disposition = response.content_disposition
    return disposition.filename if disposition is not None else None


class DirectTransport:
    """Calls WeChat with the account's token from the token service, under the shared policy."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        tokens: TokenProvider,
        *,
        base_url: str,
        mp_base_url: str = MP_BASE,
        attempts: int = 3,
        timeout_seconds: float = 10.0,
        backoff_seconds: float = 0.2,
    ) -> None:
        self._session = session
        self._tokens = tokens
        self._bases = {Host.API: base_url.rstrip("/"), Host.MP: mp_base_url.rstrip("/")}
        self._attempts = attempts
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._backoff = backoff_seconds

    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media:
        endpoint = call.endpoint
        token = await self._tokens.token(app_id) if endpoint.needs_token else None
        start = start_of(call.upload)
        refreshed, attempt = False, 0
        while True:
            attempt += 1
            try:
                return await self._once(call, token, start)
            except WeChatError as exc:
                step = next_step(
                    exc.errcode, retry_safe=endpoint.retry_safe, attempt=attempt, attempts=self._attempts,
                    refreshed=refreshed,
                )  # fmt: skip
                if step is Step.GIVE_UP or token is None:
                    raise
                if step is Step.REFRESH_TOKEN:
                    log.info("wechat_token_rejected", app_id=app_id, path=endpoint.path, errcode=exc.errcode)
                    token, refreshed = await self._tokens.refresh(app_id, token), True
                    continue
                log.warning("wechat_retry", app_id=app_id, path=endpoint.path, attempt=attempt, errcode=exc.errcode)
                await asyncio.sleep(backoff_seconds(self._backoff, attempt) * random.uniform(0.5, 1.5))

    async def _once(self, call: Call, token: str | None, start: int | None = None) -> dict[str, Any] | Media:
        endpoint = call.endpoint
        params = dict(call.params or {})
        if token is not None:
            params["access_token"] = token
        url = f"{self._bases[endpoint.host]}/{endpoint.path}"
        json = call.json if endpoint.body is Body.JSON else None
        try:
            async with self._session.request(
                endpoint.method, url, params=params, json=json, data=_form(call, start), timeout=self._timeout
            ) as response:
                return await read_answer(response, endpoint)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"WeChat unreachable: {type(exc).__name__}") from None


class ProxyTransport:
    """Calls WeChat through the platform's API proxy (``WXMP_PROXY_URL``): no token on this side."""

    def __init__(
        self, session: aiohttp.ClientSession, *, proxy_url: str, api_key: str, timeout_seconds: float = 60.0
    ) -> None:
        self._session = session
        self._base = proxy_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media:
        endpoint = call.endpoint
        url = f"{self._base}/v1/apps/{app_id}/wechat/{endpoint.path}"
        json = call.json if endpoint.body is Body.JSON else None
        try:
            async with self._session.request(
                endpoint.method, url, params=call.params, json=json, data=_form(call, start_of(call.upload)),
                headers=self._headers,
                timeout=self._timeout,
            ) as response:  # fmt: skip
                if response.status >= 400:
                    raise await _platform_error(response)
                return await read_answer(response, endpoint)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise PlatformError(0, "proxy_unreachable", f"{self._base}: {type(exc).__name__}") from None


async def _platform_error(response: aiohttp.ClientResponse) -> PlatformError:
    try:
        body = await response.json(content_type=None)
    except ValueError:
        body = None
    if isinstance(body, dict) and "error" in body:
        return PlatformError(response.status, str(body["error"]), str(body.get("message", "")))
    return PlatformError(response.status, f"http_{response.status}", response.reason or "")
