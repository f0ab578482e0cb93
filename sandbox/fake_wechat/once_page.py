"""一次性订阅消息's authorisation page (mp.weixin.qq.com's ``/mp/subscribemsg``) as the sandbox shows it.

The request is checked as WeChat documents it (``action=get_confirm``, a known appid, ``scene``
0–10000, a template_id, an http(s) ``redirect_url``, ``reserved`` at most 128 of ``[A-Za-z0-9]``);
a bad one gets an error page instead. The page lets the developer pick a follower (the sandbox's
people, the same openids as the OAuth page, or an openid of their own) and confirm or cancel; the
redirect carries ``openid`` (confirm only), ``template_id``, ``action``, ``scene`` and ``reserved``.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from sandbox.fake_wechat.oauth_book import PEOPLE, openid_for
from sandbox.fake_wechat.oauth_page import PageError, page
from shared.wechat.once_page import PAGE_PATH, check_redirect_url, check_reserved, check_scene

FIELDS = ("appid", "scene", "template_id", "redirect_url", "reserved")


@dataclass(frozen=True)
class OnceRequest:
    appid: str
    scene: int
    template_id: str
    redirect_url: str
    reserved: str


def check_request(params: dict[str, str], known_apps: set[str]) -> OnceRequest:
    if params.get("action") != "get_confirm":
        raise PageError(40097, "action must be get_confirm")
    appid = params.get("appid", "")
    if appid not in known_apps:
        raise PageError(40013, "invalid appid")
    try:
        scene = check_scene(int(params.get("scene", "")))
    except ValueError:
        raise PageError(40097, "scene must be an integer from 0 to 10000") from None
    template_id = params.get("template_id", "")
    if not template_id:
        raise PageError(40037, "invalid template_id")
    try:
        redirect_url = check_redirect_url(params.get("redirect_url", ""))
        reserved = check_reserved(params.get("reserved", ""))
    except ValueError as exc:
        raise PageError(40097, str(exc)) from None
    return OnceRequest(appid, scene, template_id, redirect_url, reserved)


def redirect_location(request: OnceRequest, openid: str | None) -> str:
    """Where the follower's choice sends them: confirmed with an openid, cancelled without one."""
    answer = {"openid": openid} if openid else {}
    answer |= {"template_id": request.template_id, "action": "confirm" if openid else "cancel"}
    answer |= {"scene": str(request.scene), "reserved": request.reserved}
    joiner = "&" if "?" in request.redirect_url else "?"
    return f"{request.redirect_url}{joiner}{urlencode(answer)}"


def consent_page(request: OnceRequest) -> str:
    values = (request.appid, str(request.scene), request.template_id, request.redirect_url, request.reserved)
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(value)}">'
        for name, value in zip(FIELDS, values, strict=True)
    )
    people = "".join(
        f'<label><input type="radio" name="person" value="{p.key}" id="person-{p.key}"{" checked" if i == 0 else ""}>'
        f" {escape(p.nickname)} <small>({escape(openid_for(request.appid, p.key))})</small></label>"
        for i, p in enumerate(PEOPLE)
    )
    return page(
        "Subscribe",
        f"<h1>{escape(request.appid)} asks to send you one message</h1>"
        f"<p>Template {escape(request.template_id)}, scene {request.scene}</p>"
        f'<form method="post" action="{PAGE_PATH}" id="consent"><input type="hidden" name="action" value="get_confirm">'
        f"{hidden}<p>Sandbox: who are you?</p>{people}"
        '<label>or an openid of your own: <input name="openid" id="openid-input" placeholder="o…"></label>'
        '<button type="submit" name="decision" value="confirm" id="allow">Allow</button>'
        '<button type="submit" name="decision" value="cancel" id="refuse">Cancel</button></form>',
    )
