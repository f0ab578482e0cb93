"""The AES envelope: WeChat's published sample vector, round trips, and every decrypt check."""

import base64
import struct

import pytest
from Crypto.Cipher import AES
from hypothesis import given
from hypothesis import strategies as st

from shared.crypto import AccountCipher, CryptoError, CryptoErrorCode, MessageCipher, sign
from shared.crypto.cipher import decode_aes_key, pkcs7_pad, pkcs7_unpad
from shared.crypto.envelope import seal_reply
from shared.xml import parse_xml

# WeChat's sample (WXBizMsgCrypt demo): key, token, AppId, and a callback it encrypted.
SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SAMPLE_APP_ID = "wx2c2769f8efd9abc2"
SAMPLE_TOKEN = "spamtest"
SAMPLE_TIMESTAMP = "1409735669"
SAMPLE_NONCE = "1320562132"
SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
SAMPLE_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2Ld"
    "JF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5V"
    "Tjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUd"
    "Uue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
)
SAMPLE_PREFIX = b"89465c840c5f116f"
SAMPLE_PLAINTEXT = (
    b"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n"
    b"<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n"
    b"<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n"
    b"<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>"
)

KEYS = st.binary(min_size=32, max_size=32).map(lambda k: base64.b64encode(k).decode()[:-1])
APP_IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=32)


@pytest.fixture
def sample() -> MessageCipher:
    return MessageCipher.from_encoding_aes_key(SAMPLE_KEY, SAMPLE_APP_ID)


def test_sample_msg_signature_matches_wechat(sample: MessageCipher) -> None:
    assert sign(SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE, SAMPLE_ENCRYPT) == SAMPLE_MSG_SIGNATURE


def test_sample_decrypts_to_wechat_plaintext(sample: MessageCipher) -> None:
    assert sample.decrypt(SAMPLE_ENCRYPT) == SAMPLE_PLAINTEXT


def test_encrypt_with_pinned_prefix_reproduces_wechat_ciphertext(sample: MessageCipher) -> None:
    assert sample.encrypt(SAMPLE_PLAINTEXT, SAMPLE_PREFIX) == SAMPLE_ENCRYPT


@given(key=KEYS, app_id=APP_IDS, message=st.binary(max_size=2048))
def test_round_trip(key: str, app_id: str, message: bytes) -> None:
    cipher = MessageCipher.from_encoding_aes_key(key, app_id)
    encrypted = cipher.encrypt(message)
    assert len(base64.b64decode(encrypted)) % 32 == 0
    assert cipher.decrypt(encrypted) == message


@given(data=st.binary(max_size=200))
def test_pkcs7_pads_to_32_byte_blocks_and_back(data: bytes) -> None:
    padded = pkcs7_pad(data)
    assert len(padded) % 32 == 0 and 1 <= len(padded) - len(data) <= 32
    assert pkcs7_unpad(padded) == data


@pytest.mark.parametrize(
    "tail",
    [b"\x00" * 32, bytes([33]) * 32, b"\x01" * 30 + b"\x02\x03", b" " * 10 + b"\x1f" + b" " * 21],
    ids=["zero pad", "pad above 32", "last byte unequal", "pad bytes unequal"],
)
def test_bad_padding_is_an_illegal_buffer(tail: bytes) -> None:
    with pytest.raises(CryptoError) as err:
        pkcs7_unpad(b"x" * 32 + tail)
    assert err.value.code is CryptoErrorCode.ILLEGAL_BUFFER


def _raw_encrypt(cipher: MessageCipher, plain: bytes) -> str:
    return base64.b64encode(AES.new(cipher.key, AES.MODE_CBC, cipher.key[:16]).encrypt(plain)).decode()


def test_length_field_beyond_the_buffer_is_an_illegal_buffer(sample: MessageCipher) -> None:
    plain = pkcs7_pad(b"r" * 16 + struct.pack(">I", 10_000) + b"<xml/>" + SAMPLE_APP_ID.encode())
    with pytest.raises(CryptoError) as err:
        sample.decrypt(_raw_encrypt(sample, plain))
    assert err.value.code is CryptoErrorCode.ILLEGAL_BUFFER


def test_buffer_shorter_than_prefix_and_length_is_illegal(sample: MessageCipher) -> None:
    with pytest.raises(CryptoError) as err:
        sample.decrypt(_raw_encrypt(sample, pkcs7_pad(b"short")))
    assert err.value.code is CryptoErrorCode.ILLEGAL_BUFFER


def test_foreign_app_id_is_rejected(sample: MessageCipher) -> None:
    foreign = MessageCipher(sample.key, "wxsomebodyelse")
    with pytest.raises(CryptoError) as err:
        sample.decrypt(foreign.encrypt(b"<xml/>"))
    assert err.value.code is CryptoErrorCode.VALIDATE_APPID


@pytest.mark.parametrize(
    ("encrypted", "code"),
    [
        ("not base64!!", CryptoErrorCode.DECODE_BASE64),
        (base64.b64encode(b"x" * 15).decode(), CryptoErrorCode.DECRYPT_AES),
        ("", CryptoErrorCode.DECRYPT_AES),
    ],
)
def test_undecodable_ciphertext(sample: MessageCipher, encrypted: str, code: CryptoErrorCode) -> None:
    with pytest.raises(CryptoError) as err:
        sample.decrypt(encrypted)
    assert err.value.code is code


@pytest.mark.parametrize("key", ["short", SAMPLE_KEY + "A", "!" * 43, ""])
def test_invalid_encoding_aes_key_is_a_typed_error(key: str) -> None:
    with pytest.raises(CryptoError) as err:
        decode_aes_key(key)
    assert err.value.code is CryptoErrorCode.ILLEGAL_AES_KEY
    assert key not in str(err.value) or not key


def test_cipher_repr_hides_the_key(sample: MessageCipher) -> None:
    assert "key=" not in repr(sample) and sample.key.hex() not in repr(sample)


def test_previous_key_opens_what_the_current_cannot(sample: MessageCipher) -> None:
    current = MessageCipher.from_encoding_aes_key("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR", SAMPLE_APP_ID)
    rotating = AccountCipher(current, previous=sample)
    assert rotating.decrypt(current.encrypt(b"new")) == (b"new", current)
    assert rotating.decrypt(SAMPLE_ENCRYPT) == (SAMPLE_PLAINTEXT, sample)
    with pytest.raises(CryptoError):
        AccountCipher(current).decrypt(SAMPLE_ENCRYPT)


def test_sealed_reply_is_wechats_envelope(sample: MessageCipher) -> None:
    sealed = seal_reply(sample, b"<xml>r</xml>", token=SAMPLE_TOKEN, timestamp="1409304348", nonce="xxxxxx")
    assert sealed.startswith("<xml><Encrypt><![CDATA[") and "<TimeStamp>1409304348</TimeStamp>" in sealed
    fields = parse_xml(sealed.encode())
    assert fields["MsgSignature"] == sign(SAMPLE_TOKEN, "1409304348", "xxxxxx", fields["Encrypt"])
    assert fields["Nonce"] == "xxxxxx"
    assert sample.decrypt(fields["Encrypt"]) == b"<xml>r</xml>"
