"""The gateway's pure core: parameters, time window, verification, decryption, answers."""

import time

import pytest

from services.gateway.callback import Rejected, answer, open_callback, read_params, verify_url
from shared.accounts import Account
from shared.crypto import MessageCipher
from shared.simulator import message_xml, sign_callback, sign_verification
from tests.conftest import AES_KEY, TOKEN

NOW = 1_700_000_000
WINDOW = 300
LIMIT = 64 * 1024


@pytest.fixture
def plain_account() -> Account:
    return Account(name="p", app_id="wxplain", token=TOKEN)


def text_xml(content: str = "hi") -> bytes:
    return message_xml(
        {"ToUserName": "gh", "FromUserName": "o1", "CreateTime": NOW, "MsgType": "text", "Content": content, "MsgId": 1}
    )


def test_missing_parameters_are_named() -> None:
    with pytest.raises(Rejected) as err:
        read_params({"timestamp": "1", "nonce": "n"})
    assert (err.value.status, err.value.reason) == (400, "missing query parameter: signature")
    with pytest.raises(Rejected, match="msg_signature"):
        read_params({"timestamp": "1", "nonce": "n", "encrypt_type": "aes"})


@pytest.mark.parametrize(
    ("offset", "ok"), [(0, True), (WINDOW, True), (-WINDOW, True), (WINDOW + 1, False), (-WINDOW - 1, False)]
)
def test_timestamp_window_is_symmetric(account: Account, offset: int, ok: bool) -> None:
    params = sign_verification(token=TOKEN, echostr="e", timestamp=NOW + offset)
    if ok:
        assert verify_url(account, params, now=NOW, window=WINDOW) == "e"
    else:
        with pytest.raises(Rejected) as err:
            verify_url(account, params, now=NOW, window=WINDOW)
        assert err.value.status == 403


def test_non_numeric_timestamp_is_a_bad_request(account: Account) -> None:
    params = sign_verification(token=TOKEN, echostr="e") | {"timestamp": "soon"}
    with pytest.raises(Rejected) as err:
        verify_url(account, params, now=NOW, window=WINDOW)
    assert err.value.status == 400


def test_plaintext_callback_opens_and_answers_plain(plain_account: Account) -> None:
    callback = sign_callback(text_xml(), token=TOKEN, timestamp=NOW)
    params = read_params(callback.query)
    inbound = open_callback(plain_account, params, callback.body, now=NOW, window=WINDOW, max_bytes=LIMIT)
    assert inbound.cipher is None and inbound.event.model_dump()["content"] == "hi"
    assert answer(plain_account, inbound, params, None) == b"success"
    assert answer(plain_account, inbound, params, b"<xml>r</xml>") == b"<xml>r</xml>"


def test_encrypted_callback_answers_sealed(account: Account, cipher: MessageCipher) -> None:
    callback = sign_callback(text_xml(), token=TOKEN, cipher=cipher, timestamp=NOW)
    params = read_params(callback.query)
    inbound = open_callback(account, params, callback.body, now=NOW, window=WINDOW, max_bytes=LIMIT)
    assert inbound.cipher is not None
    sealed = answer(account, inbound, params, b"<xml>r</xml>")
    assert sealed.startswith(b"<xml><Encrypt>") and b"<xml>r</xml>" not in sealed


def test_encrypted_callback_for_a_plaintext_account_is_a_bad_request(plain_account: Account) -> None:
    cipher = MessageCipher.from_encoding_aes_key(AES_KEY, "wxplain")
    callback = sign_callback(text_xml(), token=TOKEN, cipher=cipher, timestamp=NOW)
    with pytest.raises(Rejected) as err:
        open_callback(
            plain_account, read_params(callback.query), callback.body, now=NOW, window=WINDOW, max_bytes=LIMIT
        )
    assert (err.value.status, err.value.reason) == (400, "encrypted callback for an account without EncodingAESKey")


def test_a_field_that_does_not_fit_its_type_is_opened_as_sent(plain_account: Account) -> None:
    # SPEC invariant 6: a well-signed callback is never refused for the shape of a field.
    xml = message_xml(
        {"ToUserName": "gh", "FromUserName": "o1", "CreateTime": NOW, "MsgType": "location", "Location_X": "north"}
    )
    callback = sign_callback(xml, token=TOKEN, timestamp=NOW)
    inbound = open_callback(
        plain_account, read_params(callback.query), callback.body, now=NOW, window=WINDOW, max_bytes=LIMIT
    )
    body = inbound.event.model_dump()
    assert (body["location_x"], body["location_y"], body["scale"]) == ("north", None, None)
    assert [field.path for field in inbound.event.lenient_fields] == ["location_x", "location_y", "scale"]


@pytest.mark.parametrize(
    "change",
    [{"FromUserName": None}, {"ToUserName": None}, {"CreateTime": None}, {"CreateTime": "soon"}, {"MsgType": None}],
    ids=["no_from_user", "no_to_user", "no_create_time", "create_time_not_a_number", "no_msg_type"],
)
def test_a_callback_without_its_envelope_is_a_bad_request(plain_account: Account, change: dict[str, object]) -> None:
    fields = {"ToUserName": "gh", "FromUserName": "o1", "CreateTime": NOW, "MsgType": "text", "Content": "x"}
    fields = {key: value for key, value in (fields | change).items() if value is not None}
    callback = sign_callback(message_xml(fields), token=TOKEN, timestamp=NOW)
    with pytest.raises(Rejected) as err:
        open_callback(
            plain_account, read_params(callback.query), callback.body, now=NOW, window=WINDOW, max_bytes=LIMIT
        )
    assert err.value.status == 400 and err.value.reason.startswith("invalid callback: ")


def test_an_account_without_token_is_unknown() -> None:
    account = Account(name="api-only", app_id="wxapi")
    params = sign_verification(token=TOKEN, echostr="e", timestamp=int(time.time()))
    with pytest.raises(Rejected) as err:
        verify_url(account, params, now=time.time(), window=WINDOW)
    assert err.value.status == 404
