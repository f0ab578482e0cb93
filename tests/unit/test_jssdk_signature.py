"""The JS-SDK signature: WeChat's documented vector, the fragment dropped, and the sandbox's check agreeing."""

import pytest

from sandbox.fake_wechat.jssdk_check import CONFIG_OK, INVALID_APPID, INVALID_SIGNATURE, check_config
from shared.jssdk import jsapi_signature, nonce_str

# WeChat's own example (JS-SDK documentation, appendix 1: the signature algorithm).
TICKET = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
NONCE, TIMESTAMP, URL = "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value"


def test_wechats_documented_vector() -> None:
    signature = jsapi_signature(ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url=URL)
    assert signature == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"


def test_the_fragment_is_not_signed() -> None:
    with_fragment = jsapi_signature(ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url=URL + "#/cart?x=1")
    assert with_fragment == jsapi_signature(ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url=URL)


def test_the_url_is_signed_as_given_not_normalised() -> None:
    encoded = "https://shop.example.com/p?q=a%20b"
    assert jsapi_signature(ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url=encoded) != jsapi_signature(
        ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url="https://shop.example.com/p?q=a b"
    )


def test_nonces_are_16_alphanumerics_and_differ() -> None:
    nonces = {nonce_str() for _ in range(100)}
    assert len(nonces) == 100 and all(len(n) == 16 and n.isalnum() for n in nonces)


def _config(signature: str, url: str = URL) -> dict[str, object]:
    return {"appId": "wx1", "timestamp": TIMESTAMP, "nonceStr": NONCE, "signature": signature, "url": url}


def test_the_sandboxs_check_accepts_what_the_platform_signs_for_the_page_it_is_on() -> None:
    signature = jsapi_signature(ticket=TICKET, nonce=NONCE, timestamp=TIMESTAMP, url=URL)
    assert check_config(_config(signature), ["older-ticket", TICKET]) == CONFIG_OK
    assert check_config(_config(signature, URL + "#top"), [TICKET]) == CONFIG_OK


@pytest.mark.parametrize(
    ("config", "tickets", "err"),
    [
        (_config("0" * 40), [TICKET], INVALID_SIGNATURE),
        (_config("0f9de62fce790f9a083d5c99e95740ceb90c27ed", "http://mp.weixin.qq.com/?params=value"), [TICKET],
         INVALID_SIGNATURE),
        (_config("0f9de62fce790f9a083d5c99e95740ceb90c27ed"), None, INVALID_APPID),
        ({"appId": "wx1"}, [TICKET], "config:fail, missing timestamp"),
    ],
)  # fmt: skip
def test_the_sandboxs_check_refuses_as_wechat(config: dict[str, object], tickets: list[str] | None, err: str) -> None:
    assert check_config(config, tickets) == err
