"""WeChat's authorize URL and the service's own callback URL: strings built by hand, in WeChat's order.

WeChat checks the order of the parameters (``appid, redirect_uri, response_type,
scope, state``) and needs ``#wechat_redirect`` at the end; ``redirect_uri`` is
percent-encoded whole (``:`` and ``/`` too), as WeChat's own examples do. The
result goes into the Location header exactly as built here (a framework that
parses and re-serialises the URL may re-encode its query).
"""

from enum import StrEnum
from urllib.parse import quote

AUTHORIZE_PATH = "/connect/oauth2/authorize"


class Scope(StrEnum):
    BASE = "snsapi_base"  # silent: the openid only
    USERINFO = "snsapi_userinfo"  # a consent page: the profile too


def callback_uri(public_url: str, app_id: str) -> str:
    return f"{public_url.rstrip('/')}/oauth/{quote(app_id, safe='')}/callback"


def authorize_url(oauth_base: str, *, app_id: str, redirect_uri: str, scope: Scope, state: str) -> str:
    return (
        f"{oauth_base.rstrip('/')}{AUTHORIZE_PATH}"
        f"?appid={quote(app_id, safe='')}"
        f"&redirect_uri={quote(redirect_uri, safe='')}"
        f"&response_type=code"
        f"&scope={scope.value}"
        f"&state={state}"
        "#wechat_redirect"
    )
