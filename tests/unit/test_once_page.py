"""一次性订阅消息's authorisation page: the URL built in WeChat's order with redirect_url encoded whole, the
checks WeChat makes (scene 0–10000, reserved ≤ 128 of [A-Za-z0-9], an http(s) redirect_url), the answer
read back, and the fake page's own checks and redirect."""

from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.oauth_page import PageError
from sandbox.fake_wechat.once_page import check_request, redirect_location
from shared.wechat.once_page import consent_url, read_answer
from tests.unit.test_wechat_api_groups import api_with

APP = "wxaba38c7f163da69b"
TEMPLATE = "1uDxHNXwYQfBmXOfPJcjAS3FynHArD8aWMEFNRGSbCc"


def test_the_url_is_wechats_documented_example() -> None:
    url = consent_url(APP, template_id=TEMPLATE, scene=1000, redirect_url="http://support.qq.com", reserved="test")
    assert url == (
        f"https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid={APP}&scene=1000&template_id={TEMPLATE}"
        "&redirect_url=http%3A%2F%2Fsupport.qq.com&reserved=test#wechat_redirect"
    )


def test_reserved_is_left_out_when_not_given() -> None:
    url = consent_url(APP, template_id=TEMPLATE, scene=0, redirect_url="https://a.example/cb")
    assert "reserved" not in url and url.endswith("#wechat_redirect")


_URL_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="#", exclude_categories=("Cs", "Cc")), max_size=40)


@given(
    path=_URL_TEXT,
    query=_URL_TEXT,
    scene=st.integers(0, 10_000),
    reserved=st.from_regex(r"[A-Za-z0-9]{0,128}", fullmatch=True),
)
def test_the_redirect_url_comes_back_exactly_whatever_it_holds(
    path: str, query: str, scene: int, reserved: str
) -> None:
    redirect = f"https://web.example.com/{path}?{query}"
    url = consent_url(APP, template_id=TEMPLATE, scene=scene, redirect_url=redirect, reserved=reserved)
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    assert [name for name, _ in pairs] == ["action", "appid", "scene", "template_id", "redirect_url"] + (
        ["reserved"] if reserved else []
    )
    assert dict(pairs)["redirect_url"] == redirect and dict(pairs)["scene"] == str(scene)
    assert parts.fragment == "wechat_redirect" and "#" not in parts.query


@pytest.mark.parametrize(
    "change",
    [{"scene": -1}, {"scene": 10_001}, {"scene": True}, {"reserved": "a" * 129}, {"reserved": "a-b"},
     {"reserved": "中文"}, {"redirect_url": "ftp://a.example/"}, {"redirect_url": "https://a.example/#x"},
     {"redirect_url": "/relative"}, {"template_id": " "}],
)  # fmt: skip
def test_what_wechat_refuses_is_refused_before_any_page_is_opened(change: dict[str, object]) -> None:
    arguments: dict[str, object] = {"template_id": TEMPLATE, "scene": 1, "redirect_url": "https://a.example/cb"}
    with pytest.raises(ValueError):
        consent_url(APP, **(arguments | change))  # type: ignore[arg-type]


def test_the_typed_client_builds_the_url_for_its_account_without_a_call() -> None:
    api, recorder = api_with()
    url = api.subscribe.consent_url(TEMPLATE, scene=7, redirect_url="https://a.example/cb", mp_base="http://fake")
    assert url.startswith("http://fake/mp/subscribemsg?action=get_confirm&appid=wxapp&scene=7&")
    assert recorder.calls == []


def test_the_answer_read_back() -> None:
    confirmed = read_answer(
        {"openid": "o1", "template_id": TEMPLATE, "action": "confirm", "scene": "5", "reserved": "s"}
    )
    assert confirmed.allowed and (confirmed.scene, confirmed.reserved) == (5, "s")
    assert not read_answer({"template_id": TEMPLATE, "action": "cancel", "scene": "5"}).allowed
    with pytest.raises(ValidationError):
        read_answer({"template_id": TEMPLATE, "action": "maybe", "scene": "5"})


# -- the fake's page --------------------------------------------------------------------------------


def _query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def test_the_fake_reads_the_url_the_client_builds() -> None:
    url = consent_url(APP, template_id=TEMPLATE, scene=3, redirect_url="https://a.example/cb?x=1", reserved="r1")
    checked = check_request(_query(url), {APP})
    assert (checked.scene, checked.redirect_url, checked.reserved) == (3, "https://a.example/cb?x=1", "r1")
    confirmed = redirect_location(checked, "o1")
    assert confirmed == f"https://a.example/cb?x=1&openid=o1&template_id={TEMPLATE}&action=confirm&scene=3&reserved=r1"
    assert "openid" not in _query(redirect_location(checked, None)) and "action=cancel" in redirect_location(
        checked, None
    )


@pytest.mark.parametrize(
    ("change", "number"),
    [({"action": "confirm"}, 40097), ({"appid": "wxnobody"}, 40013), ({"scene": "10001"}, 40097),
     ({"scene": "x"}, 40097), ({"template_id": ""}, 40037), ({"redirect_url": "a.example"}, 40097),
     ({"reserved": "a" * 129}, 40097)],
)  # fmt: skip
def test_the_fake_refuses_what_wechat_refuses(change: dict[str, str], number: int) -> None:
    params = {"action": "get_confirm", "appid": APP, "scene": "1", "template_id": TEMPLATE,
              "redirect_url": "https://a.example/cb"}  # fmt: skip
    with pytest.raises(PageError) as refused:
        check_request(params | change, {APP})
    assert refused.value.number == number
