"""一次性订阅消息's authorisation page: the URL a follower opens, and what WeChat sends back.

Not an API call but a page on mp.weixin.qq.com (no token): the follower opens

    https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=…&scene=…&template_id=…
        &redirect_url=…&reserved=…#wechat_redirect

(WeChat's order; ``#wechat_redirect`` always), taps allow or cancel, and WeChat redirects to
``redirect_url`` with ``openid`` (only when allowed), ``template_id``, ``action`` (``confirm`` or
``cancel``), ``scene`` and ``reserved``. Each allow is one send of
``cgi-bin/message/template/subscribe`` to that openid for that scene; allowing the same scene again
does not add a second (a second message needs another scene). ``scene`` is 0–10000; ``reserved``
(optional, the caller's CSRF state) at most 128 characters of ``[A-Za-z0-9]``; ``redirect_url`` is
percent-encoded whole and must be on the account's 业务域名, which only WeChat can check.
"""

import re
from collections.abc import Mapping
from typing import Literal
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict

from shared.wechat.transport import MP_BASE

PAGE_PATH = "/mp/subscribemsg"
MAX_SCENE = 10_000
RESERVED = re.compile(r"[A-Za-z0-9]{0,128}")


def check_redirect_url(redirect_url: str) -> str:
    parts = urlsplit(redirect_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or "#" in redirect_url:
        raise ValueError(f"redirect_url is an http(s) URL without a fragment (got {redirect_url!r})")
    return redirect_url


def check_scene(scene: int) -> int:
    if isinstance(scene, bool) or not isinstance(scene, int) or not 0 <= scene <= MAX_SCENE:
        raise ValueError(f"a scene is an integer from 0 to {MAX_SCENE} (got {scene!r})")
    return scene


def check_reserved(reserved: str) -> str:
    if not isinstance(reserved, str) or not RESERVED.fullmatch(reserved):
        raise ValueError("reserved is at most 128 characters of A-Z, a-z, 0-9")
    return reserved


def consent_url(
    app_id: str, *, template_id: str, scene: int, redirect_url: str, reserved: str = "", mp_base: str = MP_BASE
) -> str:
    """The page asking a follower to allow one message of ``template_id`` for ``scene``; ``ValueError`` if
    WeChat would refuse it."""
    if not app_id or not template_id or not template_id.strip():
        raise ValueError("an appid and a template_id are required")
    check_scene(scene)
    check_redirect_url(redirect_url)
    check_reserved(reserved)
    query = (
        f"action=get_confirm&appid={quote(app_id, safe='')}&scene={scene}&template_id={quote(template_id, safe='')}"
        f"&redirect_url={quote(redirect_url, safe='')}"
    )
    if reserved:
        query += f"&reserved={reserved}"
    return f"{mp_base.rstrip('/')}{PAGE_PATH}?{query}#wechat_redirect"


class OnceAnswer(BaseModel):
    """What WeChat's redirect carried back: the follower's choice."""

    model_config = ConfigDict(frozen=True)

    action: Literal["confirm", "cancel"]
    template_id: str
    scene: int
    openid: str | None = None  # only when the follower confirmed
    reserved: str = ""

    @property
    def allowed(self) -> bool:
        return self.action == "confirm" and bool(self.openid)


def read_answer(query: Mapping[str, str]) -> OnceAnswer:
    """The redirect's query as a model (``ValidationError`` for one WeChat did not send)."""
    return OnceAnswer.model_validate({name: value for name, value in query.items() if name in OnceAnswer.model_fields})
