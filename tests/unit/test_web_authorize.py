"""WeChat's authorize URL: its parameters in WeChat's order, redirect_uri percent-encoded whole."""

from urllib.parse import parse_qsl, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from sandbox.fake_wechat.oauth_page import ORDER, parameter_order
from services.web.authorize import Scope, authorize_url, callback_uri


def test_the_authorize_url_as_wechats_documentation_writes_it() -> None:
    url = authorize_url(
        "https://open.weixin.qq.com/",
        app_id="wx520c15f417810387",
        redirect_uri=callback_uri("https://web.example.com/", "wx520c15f417810387"),
        scope=Scope.USERINFO,
        state="abc123",
    )
    assert url == (
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387"
        "&redirect_uri=https%3A%2F%2Fweb.example.com%2Foauth%2Fwx520c15f417810387%2Fcallback"
        "&response_type=code&scope=snsapi_userinfo&state=abc123#wechat_redirect"
    )


@given(
    public=st.sampled_from(["https://web.example.com", "http://127.0.0.1:8085/", "https://x.example.com/base path"]),
    app_id=st.from_regex(r"[A-Za-z0-9_-]{1,32}", fullmatch=True),
    scope=st.sampled_from(list(Scope)),
    state=st.from_regex(r"[A-Za-z0-9]{1,128}", fullmatch=True),
)
def test_the_order_holds_and_redirect_uri_decodes_back_exactly(
    public: str, app_id: str, scope: Scope, state: str
) -> None:
    redirect_uri = callback_uri(public, app_id)
    url = authorize_url(
        "https://open.weixin.qq.com", app_id=app_id, redirect_uri=redirect_uri, scope=scope, state=state
    )
    parts = urlsplit(url)
    assert parts.fragment == "wechat_redirect"
    assert parameter_order(parts.query) == list(ORDER)
    assert parse_qsl(parts.query) == [
        ("appid", app_id), ("redirect_uri", redirect_uri), ("response_type", "code"), ("scope", scope.value),
        ("state", state),
    ]  # fmt: skip
    encoded = parts.query.split("&")[1].removeprefix("redirect_uri=")
    assert "/" not in encoded and ":" not in encoded and " " not in encoded
