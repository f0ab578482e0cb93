"""WeChat's authorize page as the sandbox shows it: choose who you are, then allow or refuse.

The request is checked as WeChat checks it, parameters in WeChat's order
(``appid, redirect_uri, response_type, scope, state``), ``state`` at most 128
characters of ``[A-Za-z0-9]``; a bad one gets WeChat's error page (with its
number: 10003 redirect_uri, 10005 scope, 10012 appid …) instead of the page.
"""

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from sandbox.fake_wechat.oauth_book import PEOPLE, SCOPES, openid_for

ORDER = ("appid", "redirect_uri", "response_type", "scope", "state")
_STATE = re.compile(r"[A-Za-z0-9]{0,128}")


class PageError(ValueError):
    def __init__(self, number: int, message: str) -> None:
        super().__init__(f"{number} {message}")
        self.number, self.message = number, message


@dataclass(frozen=True)
class AuthorizeRequest:
    appid: str
    redirect_uri: str
    scope: str
    state: str


def parameter_order(raw_query: str) -> list[str]:
    """The names of WeChat's parameters in the order the raw query has them."""
    names = [part.split("=", 1)[0] for part in raw_query.split("&")]
    return [name for name in names if name in ORDER]


def check_request(params: dict[str, str], known_apps: set[str], order: list[str] | None = None) -> AuthorizeRequest:
    if order is not None and order != [name for name in ORDER if name in order]:
        raise PageError(10003, "parameters out of order: appid, redirect_uri, response_type, scope, state")
    appid = params.get("appid", "")
    if not appid:
        raise PageError(10012, "appid is empty")
    if appid not in known_apps:
        raise PageError(10016, "unknown appid")
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_uri:
        raise PageError(10011, "redirect_uri is empty")
    parts = urlsplit(redirect_uri)
    if parts.scheme not in ("http", "https") or not parts.netloc or "#" in redirect_uri:
        raise PageError(10003, "redirect_uri is not an http(s) URL of the account's domain")
    if params.get("response_type") != "code":
        raise PageError(10003, "response_type must be code")
    scope = params.get("scope", "")
    if not scope:
        raise PageError(10010, "scope is empty")
    if scope not in SCOPES:
        raise PageError(10005, "the account has no such scope")
    state = params.get("state", "")
    if not _STATE.fullmatch(state):
        raise PageError(10003, "state must be at most 128 characters of a-z, A-Z, 0-9")
    return AuthorizeRequest(appid, redirect_uri, scope, state)


def page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;"
        "padding:0 1rem}label{display:block;margin:.4rem 0}button{margin:.8rem .4rem 0 0;padding:.5rem 1rem}"
        "#allow{background:#07c160;color:#fff;border:0}</style></head>"
        f"<body>{body}</body></html>"
    )


def error_page(error: PageError) -> str:
    return page(
        "WeChat authorization error",
        f'<h1>Authorization error</h1><p id="oauth-error" data-code="{error.number}">'
        f"{error.number}: {escape(error.message)}</p>",
    )


def consent_page(request: AuthorizeRequest) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(value)}">'
        for name, value in (("appid", request.appid), ("redirect_uri", request.redirect_uri), ("scope", request.scope),
                            ("state", request.state), ("response_type", "code"))
    )  # fmt: skip
    people = "".join(
        f'<label><input type="radio" name="person" value="{p.key}" id="person-{p.key}"{" checked" if i == 0 else ""}>'
        f" {escape(p.nickname)} <small>({escape(openid_for(request.appid, p.key))})</small></label>"
        for i, p in enumerate(PEOPLE)
    )
    what = "your openid" if request.scope == "snsapi_base" else "your nickname and avatar"
    return page(
        "Authorize",
        f"<h1>{escape(request.appid)} asks for {what}</h1>"
        f'<form method="post" action="/connect/oauth2/authorize" id="consent">{hidden}'
        f"<p>Sandbox: who are you?</p>{people}"
        '<label>or an openid of your own: <input name="openid" id="openid-input" placeholder="o…"></label>'
        '<button type="submit" name="decision" value="allow" id="allow">Allow</button>'
        '<button type="submit" name="decision" value="refuse" id="refuse">Refuse</button></form>',
    )
