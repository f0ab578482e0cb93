"""The callback on the wire in each mode, checked by the gateway's own pure verification and decryption."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.console.accounts import CallbackMode, original_id
from sandbox.console.actions import TextParams
from sandbox.console.wire import signed_callback
from services.gateway.callback import Rejected, open_callback, read_params
from shared.accounts import Account
from shared.crypto import MessageCipher, sign
from shared.xml import parse_xml
from tests.conftest import AES_KEY, TOKEN

NOW = 1_700_000_000
APP_ID = "wxconsolewire01"
OPENID = "o_sandbox_wire"
ACCOUNT = Account(name="wire", app_id=APP_ID, token=TOKEN, encoding_aes_key=AES_KEY)
CIPHER = MessageCipher.from_encoding_aes_key(AES_KEY, APP_ID)


def fields(content: str = "hello") -> dict[str, object]:
    return {
        "ToUserName": original_id(APP_ID),
        "FromUserName": OPENID,
        "CreateTime": NOW,
        "MsgType": "text",
        "Content": content,
        "MsgId": 2**62 + 1,
    }


def opened(mode: CallbackMode, content: str = "hello", account: Account = ACCOUNT) -> tuple[dict[str, str], str]:
    callback = signed_callback(ACCOUNT, mode, fields(content), timestamp=NOW, nonce="n0nce")
    inbound = open_callback(account, read_params(callback.query), callback.body, now=NOW, window=300, max_bytes=65536)
    assert (inbound.cipher is None) is (mode is CallbackMode.PLAINTEXT)
    return callback.query, str(inbound.event.model_dump()["content"])


def test_plaintext_is_the_xml_with_a_signature_only() -> None:
    callback = signed_callback(ACCOUNT, CallbackMode.PLAINTEXT, fields(), timestamp=NOW, nonce="n0nce")
    assert callback.query == {
        "signature": sign(TOKEN, str(NOW), "n0nce"),
        "timestamp": str(NOW),
        "nonce": "n0nce",
        "openid": OPENID,
    }
    assert parse_xml(callback.body)["Content"] == "hello"
    assert opened(CallbackMode.PLAINTEXT)[1] == "hello"


def test_safe_mode_body_holds_only_the_ciphertext() -> None:
    callback = signed_callback(ACCOUNT, CallbackMode.SAFE, fields(), timestamp=NOW, nonce="n0nce")
    body = parse_xml(callback.body)
    assert set(body) == {"ToUserName", "Encrypt"}
    assert body["ToUserName"] == original_id(APP_ID)
    assert callback.query["encrypt_type"] == "aes"
    assert callback.query["msg_signature"] == sign(TOKEN, str(NOW), "n0nce", body["Encrypt"])
    assert callback.query["signature"] == sign(TOKEN, str(NOW), "n0nce")
    assert b"hello" not in callback.body
    assert opened(CallbackMode.SAFE)[1] == "hello"


def test_compatible_mode_carries_plaintext_and_ciphertext_with_both_signatures() -> None:
    callback = signed_callback(ACCOUNT, CallbackMode.COMPATIBLE, fields(), timestamp=NOW, nonce="n0nce")
    body = parse_xml(callback.body)
    assert set(body) == {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "Encrypt"}
    assert body["Content"] == "hello"
    assert parse_xml(CIPHER.decrypt(body["Encrypt"])) == {k: v for k, v in body.items() if k != "Encrypt"}
    assert callback.query["msg_signature"] == sign(TOKEN, str(NOW), "n0nce", body["Encrypt"])
    assert callback.query["signature"] == sign(TOKEN, str(NOW), "n0nce")
    assert opened(CallbackMode.COMPATIBLE)[1] == "hello"


@pytest.mark.parametrize("mode", [CallbackMode.SAFE, CallbackMode.COMPATIBLE])
def test_a_gateway_with_another_token_refuses_the_callback(mode: CallbackMode) -> None:
    other = Account(name="wire", app_id=APP_ID, token="another-token", encoding_aes_key=AES_KEY)
    with pytest.raises(Rejected) as err:
        opened(mode, account=other)
    assert err.value.status == 403


@pytest.mark.parametrize("mode", [CallbackMode.SAFE, CallbackMode.COMPATIBLE])
def test_encrypted_modes_need_an_encoding_aes_key(mode: CallbackMode) -> None:
    plain = Account(name="plain", app_id=APP_ID, token=TOKEN)
    with pytest.raises(ValueError, match="EncodingAESKey"):
        signed_callback(plain, mode, fields(), timestamp=NOW, nonce="n")


def typeable(content: str) -> bool:
    try:
        TextParams(content=content)
    except ValidationError:
        return False
    return True


# Text with CDATA terminators, line breaks of every kind, astral and RTL characters, and anything else.
texts = st.lists(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(["]]>", "\r\n", "\r", "&", "<", " "])),
    min_size=1,
    max_size=400,
).map("".join)


@settings(max_examples=80, deadline=None)
@given(content=texts, mode=st.sampled_from(list(CallbackMode)))
def test_any_text_the_console_accepts_reaches_the_gateway_unchanged(content: str, mode: CallbackMode) -> None:
    assume(typeable(content))
    sent = TextParams(content=content).content
    assert opened(mode, sent)[1] == sent


@pytest.mark.parametrize("content", ["a\x0bb", "\x00", "\ufffe", "x\x1f"])
def test_characters_xml_cannot_carry_are_refused_not_sent(content: str) -> None:
    assert not typeable(content)
