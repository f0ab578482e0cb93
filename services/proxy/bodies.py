"""A caller's request body, taken as the endpoint carries it: none, JSON bytes, or an upload streamed through."""

from aiohttp import hdrs, web

from services.proxy.context import Limits
from services.proxy.refusals import Refusal
from services.proxy.upload import Upload
from shared.wechat.endpoint import Body, Endpoint


def _too_large(limit: int) -> Refusal:
    return Refusal(413, "payload_too_large", f"the proxy forwards bodies of at most {limit} bytes here")


def content_type(request: web.Request, endpoint: Endpoint) -> str | None:
    if endpoint.body is Body.NONE:
        return None
    return request.headers.get(hdrs.CONTENT_TYPE) or ("application/json" if endpoint.body is Body.JSON else None)


async def body_of(request: web.Request, endpoint: Endpoint, limits: Limits) -> bytes | Upload | None:
    """What goes to WeChat after the query; the JSON bytes as sent (WeChat judges them)."""
    if endpoint.body is Body.NONE:
        return None
    limit = limits.json_bytes if endpoint.body is Body.JSON else limits.upload_bytes
    if request.content_length is not None and request.content_length > limit:
        raise _too_large(limit)
    if endpoint.body is Body.JSON:
        try:
            return await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise _too_large(limit) from None
    if request.content_type != "multipart/form-data":
        field = endpoint.upload_field or "media"
        raise Refusal(400, "bad_request", f"{endpoint.path} takes a multipart/form-data upload (the file in {field})")
    upload = Upload(request.content, size=request.content_length, memory_bytes=limits.spool_memory_bytes)
    if upload.size is None and not await upload.spool_all(limit):  # chunked: WeChat gets a Content-Length
        upload.close()
        raise _too_large(limit)
    return upload
