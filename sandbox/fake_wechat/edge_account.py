"""What the edge keeps for the base endpoints: every call counted against its API's daily usage (for
``openapi/quota/get``), 45009 past a limit set through the control API, and a rid for every failed
call (for ``openapi/rid/get``)."""

import json
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.rids import FailedCall, masked_query, new_rid
from sandbox.fake_wechat.state import FakeWeChatState

MAX_BODY_SHOWN = 4096
MAX_BODY_READ = 64 * 1024  # a failed upload's bytes are not read just to show them


def _shows_body(request: web.Request) -> bool:
    small = request.content_length is not None and request.content_length <= MAX_BODY_READ
    return request.can_read_body and small and request.content_type != "multipart/form-data"


def count_call(state: FakeWeChatState, app_id: str, path: str, now: float) -> ApiError | None:
    """Count the call; the 45009 it gets when an enforced daily limit was already reached."""
    limit = state.directory.usage.enforced_limit(app_id, path)
    used = state.quota.used(app_id, path, now)
    state.quota.add(app_id, path, now)
    return ApiError(ErrCode.DAILY_QUOTA) if limit is not None and used >= limit else None


async def failed_call(
    request: web.Request, state: FakeWeChatState, app_id: str, error: ApiError, *, now: float, cost_ms: float
) -> dict[str, Any]:
    """The error's body, its call recorded under a new rid (named in the errmsg when asked for)."""
    rid, body = new_rid(now), error.body()
    if state.directory.rids.in_errmsg:
        body = {**body, "errmsg": f"{body['errmsg']} rid: {rid}"}
    sent = (await request.read())[:MAX_BODY_SHOWN].decode("utf-8", "replace") if _shows_body(request) else ""
    answer = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    call = FailedCall(
        rid, app_id, request.path, error.errcode, int(now), int(cost_ms),
        masked_query(request.query_string), sent, answer, request.remote or "",
    )  # fmt: skip
    state.directory.rids.record(call)
    return body
