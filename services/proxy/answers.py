"""Reading WeChat's answers without changing them: is it JSON, which errcode, and no token in it."""

import json

from shared.wechat.endpoint import Answer, Endpoint

# WeChat labels some JSON answers text/plain (an error instead of media, most often).
JSON_TYPES = frozenset({"application/json", "text/json", "text/plain", "text/javascript"})
REDACTED = b"[REDACTED]"


def buffered(endpoint: Endpoint, content_type: str) -> bool:
    """Whether an answer is read whole (JSON, checked for its errcode) rather than streamed (media)."""
    return endpoint.answer is Answer.JSON or content_type.lower() in JSON_TYPES


def errcode_of(body: bytes) -> int:
    """The errcode of a WeChat JSON answer (0 for success, media, or anything unparsable)."""
    if b"errcode" not in body:
        return 0
    try:
        payload = json.loads(body)
    except ValueError:
        return 0
    errcode = payload.get("errcode", 0) if isinstance(payload, dict) else 0
    return errcode if isinstance(errcode, int) and not isinstance(errcode, bool) else 0


def scrubbed(body: bytes, token: str | None) -> bytes:
    """``body`` without the account's token, should WeChat ever echo it (an error quoting the URL)."""
    if token and token.encode() in body:
        return body.replace(token.encode(), REDACTED)
    return body
