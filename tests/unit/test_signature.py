"""WeChat's SHA-1 signatures: string-sorted parts, a known vector, constant-time verification."""

import hashlib
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.crypto.errors import CryptoError, CryptoErrorCode
from shared.crypto.signature import sign, verify_signature

# WeChat's sample (WXBizMsgCrypt): token, timestamp, nonce and the Encrypt of its sample message.
SAMPLE_TOKEN = "spamtest"
SAMPLE_TIMESTAMP = "1409735669"
SAMPLE_NONCE = "1320562132"
SAMPLE_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFm"
    "OD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8d"
    "KOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5"
    "RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNP"
    "fUM669WuMyVWQLCzpu9GhglF2PE="
)
SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
SAMPLE_PARTS = (SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE, SAMPLE_ENCRYPT)


def test_wechat_sample_msg_signature() -> None:
    assert sign(*SAMPLE_PARTS) == SAMPLE_MSG_SIGNATURE


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_sign_does_not_depend_on_argument_order(order: tuple[int, ...]) -> None:
    assert sign(*(SAMPLE_PARTS[i] for i in order)) == SAMPLE_MSG_SIGNATURE


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (("9", "10"), "109"),  # as numbers 9 < 10; as strings "10" < "9"
        (("token", "9", "10"), "109token"),
        (("1700000000", "999999999", "nonce"), "1700000000999999999nonce"),
        (("b", "B", "a"), "Bab"),  # code-point order: upper case first
    ],
)
def test_sign_sorts_parts_as_strings(parts: tuple[str, ...], joined: str) -> None:
    assert sign(*parts) == hashlib.sha1(joined.encode()).hexdigest()


def test_url_verification_signature() -> None:
    # GET ?signature&timestamp&nonce&echostr: sha1 over sorted [token, timestamp, nonce].
    token, timestamp, nonce = "test-token-7d1f", "1700000000", "361231452"
    expected = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    assert sign(token, timestamp, nonce) == expected
    verify_signature(expected, token, timestamp, nonce)


def test_signature_is_lower_case_hex() -> None:
    signature = sign(*SAMPLE_PARTS)
    assert len(signature) == 40
    assert set(signature) <= set("0123456789abcdef")


def test_verify_accepts_the_sample() -> None:
    verify_signature(SAMPLE_MSG_SIGNATURE, *SAMPLE_PARTS)


def test_verify_accepts_upper_case_hex() -> None:
    verify_signature(SAMPLE_MSG_SIGNATURE.upper(), *SAMPLE_PARTS)


@pytest.mark.parametrize(
    "signature",
    [
        SAMPLE_MSG_SIGNATURE[:-1] + "0",
        SAMPLE_MSG_SIGNATURE[:-1],
        SAMPLE_MSG_SIGNATURE + "0",
        "",
        sign(SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE),  # the URL-verification signature, no Encrypt
    ],
    ids=["one_digit_off", "truncated", "too_long", "empty", "without_encrypt"],
)
def test_verify_rejects_a_wrong_signature(signature: str) -> None:
    with pytest.raises(CryptoError) as info:
        verify_signature(signature, *SAMPLE_PARTS)
    assert info.value.code is CryptoErrorCode.VALIDATE_SIGNATURE
    assert int(info.value.code) == -40001


@pytest.mark.parametrize(
    "signature",
    [
        "签名" * 20,
        "é" + SAMPLE_MSG_SIGNATURE[1:],
        "\x00" * 40,
        "\ud800" + SAMPLE_MSG_SIGNATURE[1:],  # a lone surrogate (undecodable query bytes)
        "\u212a" * 40,  # KELVIN SIGN lower-cases to ASCII "k"
        "５d197aaffba7e9b25a30732f161a50dee96bd5fa",  # FULLWIDTH DIGIT FIVE
    ],
    ids=["cjk", "accent", "nul", "surrogate", "kelvin", "fullwidth_digit"],
)
def test_verify_rejects_non_ascii_garbage_with_crypto_error(signature: str) -> None:
    with pytest.raises(CryptoError) as info:
        verify_signature(signature, *SAMPLE_PARTS)
    assert info.value.code is CryptoErrorCode.VALIDATE_SIGNATURE


def test_verify_rejects_when_a_part_changes() -> None:
    with pytest.raises(CryptoError):
        verify_signature(SAMPLE_MSG_SIGNATURE, SAMPLE_TOKEN, "1409735670", SAMPLE_NONCE, SAMPLE_ENCRYPT)


parts_and_reordering = st.lists(st.text(), min_size=1, max_size=5).flatmap(
    lambda parts: st.tuples(st.just(parts), st.permutations(parts))
)


@given(parts_and_reordering)
def test_verify_accepts_its_own_signature_for_any_order(case: tuple[list[str], list[str]]) -> None:
    parts, reordered = case
    signature = sign(*parts)
    verify_signature(signature, *reordered)
    verify_signature(signature.upper(), *reordered)


@given(st.lists(st.text(), min_size=1, max_size=4), st.text())
def test_verify_raises_only_crypto_error(parts: list[str], signature: str) -> None:
    try:
        verify_signature(signature, *parts)
    except CryptoError as exc:
        assert exc.code is CryptoErrorCode.VALIDATE_SIGNATURE
    else:
        assert signature.lower() == sign(*parts)
