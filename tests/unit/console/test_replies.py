"""Reading the gateway's answer as a phone would: nothing, a plaintext reply, or a sealed one whose
signature must hold."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.console.accounts import CallbackMode
from sandbox.console.replies import ReplyError, open_reply
from shared.accounts import Account
from shared.crypto import MessageCipher
from shared.crypto.envelope import seal_reply
from shared.replies import (
    Article,
    ImageReply,
    MusicReply,
    NewsReply,
    Reply,
    TextReply,
    TransferCustomerServiceReply,
    VideoReply,
    VoiceReply,
    render_reply,
)
from shared.xml import parse_xml, render_xml
from tests.conftest import AES_KEY, OLD_AES_KEY, TOKEN

APP_ID = "wxconsolereply1"
OPENID = "o_sandbox_reply"
GH = "gh_00aa11bb22cc"
ACCOUNT = Account(name="r", app_id=APP_ID, token=TOKEN, encoding_aes_key=AES_KEY)
CIPHER = MessageCipher.from_encoding_aes_key(AES_KEY, APP_ID)


def rendered(reply: Reply, *, to_user: str = OPENID, from_user: str = GH) -> bytes:
    return render_reply(reply, to_user=to_user, from_user=from_user, create_time=1_700_000_000).encode()


def sealed(xml: bytes, cipher: MessageCipher = CIPHER, token: str = TOKEN) -> bytes:
    return seal_reply(cipher, xml, token=token, timestamp="1700000000", nonce="abc").encode()


def read(body: bytes, mode: CallbackMode = CallbackMode.SAFE, account: Account = ACCOUNT) -> dict[str, Any] | None:
    return open_reply(account, mode, body, openid=OPENID, original_id=GH)


@pytest.mark.parametrize("body", [b"", b"success", b"  success\n"])
@pytest.mark.parametrize("mode", list(CallbackMode))
def test_success_or_nothing_is_no_reply(body: bytes, mode: CallbackMode) -> None:
    assert read(body, mode) is None


CASES: list[tuple[Reply, dict[str, Any]]] = [
    (TextReply(content="hi ]]> there"), {"type": "text", "content": "hi ]]> there"}),
    (ImageReply(media_id="m1"), {"type": "image", "media_id": "m1"}),
    (VoiceReply(media_id="v1"), {"type": "voice", "media_id": "v1"}),
    (
        VideoReply(media_id="vid", title="T", description="D"),
        {"type": "video", "media_id": "vid", "title": "T", "description": "D"},
    ),
    (
        MusicReply(title="S", description="", music_url="u", hq_music_url="hq", thumb_media_id="th"),
        {
            "type": "music",
            "title": "S",
            "description": "",
            "music_url": "u",
            "hq_music_url": "hq",
            "thumb_media_id": "th",
        },
    ),
    (
        NewsReply(articles=[Article(title="A", description="d", pic_url="p", url="u"), Article(title="B")]),
        {
            "type": "news",
            "articles": [
                {"title": "A", "description": "d", "pic_url": "p", "url": "u"},
                {"title": "B", "description": "", "pic_url": "", "url": ""},
            ],
        },
    ),
    (TransferCustomerServiceReply(), {"type": "transfer_customer_service", "kf_account": None}),
    (
        TransferCustomerServiceReply(kf_account="kf2001@gh"),
        {"type": "transfer_customer_service", "kf_account": "kf2001@gh"},
    ),
]


@pytest.mark.parametrize(("reply", "shown"), CASES)
def test_every_reply_type_reads_back_sealed_and_plain(reply: Reply, shown: dict[str, Any]) -> None:
    assert read(sealed(rendered(reply)), CallbackMode.SAFE) == shown
    assert read(sealed(rendered(reply)), CallbackMode.COMPATIBLE) == shown
    assert read(rendered(reply), CallbackMode.COMPATIBLE) == shown
    assert read(rendered(reply), CallbackMode.PLAINTEXT) == shown


def test_safe_mode_refuses_a_plaintext_reply() -> None:
    with pytest.raises(ReplyError, match="plaintext reply to a safe-mode callback"):
        read(rendered(TextReply(content="x")), CallbackMode.SAFE)


def test_plaintext_mode_refuses_an_encrypted_reply() -> None:
    with pytest.raises(ReplyError, match="encrypted reply to a plaintext-mode callback"):
        read(sealed(rendered(TextReply(content="x"))), CallbackMode.PLAINTEXT)


def test_a_reply_whose_msg_signature_does_not_hold_is_refused() -> None:
    envelope = parse_xml(sealed(rendered(TextReply(content="x"))))
    forged = render_xml(envelope | {"MsgSignature": "0" * 40}).encode()
    with pytest.raises(ReplyError, match="signature"):
        read(forged)
    with pytest.raises(ReplyError, match="signature"):
        read(sealed(rendered(TextReply(content="x")), token="another-token"))


def test_a_reply_sealed_with_another_key_is_refused_unless_it_is_the_previous_one() -> None:
    old = MessageCipher.from_encoding_aes_key(OLD_AES_KEY, APP_ID)
    with pytest.raises(ReplyError, match="encrypted reply refused"):
        read(sealed(rendered(TextReply(content="x")), cipher=old))
    rotating = Account(
        name="r", app_id=APP_ID, token=TOKEN, encoding_aes_key=AES_KEY, previous_encoding_aes_key=OLD_AES_KEY
    )
    assert read(sealed(rendered(TextReply(content="x")), cipher=old), account=rotating) == {
        "type": "text",
        "content": "x",
    }


def test_a_reply_sealed_for_another_app_is_refused() -> None:
    other = MessageCipher.from_encoding_aes_key(AES_KEY, "wxsomeoneelse")
    with pytest.raises(ReplyError, match="AppId"):
        read(sealed(rendered(TextReply(content="x")), cipher=other))


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"to_user": "o_someone_else"}, "addressed to"), ({"from_user": "gh_another"}, "comes from")],
)
def test_a_reply_must_go_from_the_account_to_the_follower(kwargs: dict[str, str], problem: str) -> None:
    with pytest.raises(ReplyError, match=problem):
        read(sealed(rendered(TextReply(content="x"), **kwargs)))


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        (b"<xml><ToUserName>o</ToUserName>", "not XML"),
        (b"OK", "not XML"),
        (render_xml({"ToUserName": OPENID, "FromUserName": GH, "MsgType": "hologram"}).encode(), "hologram"),
        (render_xml({"ToUserName": OPENID, "FromUserName": GH, "MsgType": "text"}).encode(), "Content"),
        (render_xml({"ToUserName": OPENID, "FromUserName": GH, "MsgType": "news"}).encode(), "Articles"),
    ],
)
def test_replies_wechat_would_not_show_are_refused(xml: bytes, problem: str) -> None:
    with pytest.raises(ReplyError, match=problem):
        read(xml, CallbackMode.COMPATIBLE)


@settings(max_examples=60, deadline=None)
@given(content=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), min_size=1))
def test_any_text_reply_survives_sealing_and_opening(content: str) -> None:
    assert read(sealed(rendered(TextReply(content=content)))) == {"type": "text", "content": content}
