"""wxmp's pure parts: menu files and their diff, campaign CSVs and scenes, openid lists, callbacks and
the gateway's answers, errors as one line."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from shared.accounts import Account
from shared.crypto import MessageCipher
from shared.crypto.envelope import seal_reply
from shared.simulator import message_xml
from shared.wechat.errors import WeChatError
from shared.wechat.models.qrcode import QrCodeRequest
from shared.wechat.transport import PlatformError
from tests.conftest import AES_KEY, TOKEN
from wxmp_cli.callbacks import Mode, fields_for, mode_for, read_reply, signed
from wxmp_cli.errors import CliError, ExitCode, translate
from wxmp_cli.menus import difference, outline, read_menu
from wxmp_cli.openids import read_openids
from wxmp_cli.qr import read_batch, scene_of

APP = "wxUnit0001"


def account(**extra: str) -> Account:
    return Account.model_validate({"name": "t", "app_id": APP, "token": TOKEN, **extra})


def test_a_menu_file_in_menu_get_shape_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "menu.json"
    path.write_text('{"menu": {"button": [{"type": "click", "name": "A", "key": "K", "sub_button": []}], "menuid": 1}}')
    assert read_menu(path).body() == {"button": [{"type": "click", "name": "A", "key": "K"}]}


def test_a_menu_file_that_is_not_yaml_or_breaks_a_rule_says_where(tmp_path: Path) -> None:
    path = tmp_path / "menu.yaml"
    path.write_text("button: [")
    with pytest.raises(CliError, match="line 1"):
        read_menu(path)
    path.write_text("button:\n  - {type: view, name: 超过十六个字节的名字, url: 'https://x'}\n")
    with pytest.raises(CliError, match="16 bytes") as caught:
        read_menu(path)
    assert caught.value.code is ExitCode.USAGE


def test_the_diff_shows_changed_buttons_only_as_lines() -> None:
    old: list[dict[str, Any]] = [
        {"type": "click", "name": "A", "key": "K"},
        {"name": "G", "sub_button": [{"type": "view", "name": "V", "url": "u"}]},
    ]
    new = [{"type": "click", "name": "A", "key": "K2"}, old[1]]
    assert outline(old) == ["1 A [click: key=K]", "2 G", "    2.1 V [view: url=u]"]
    diff = difference(old, new, new_name="menu.yaml")
    assert diff[:2] == ["--- menu on WeChat", "+++ menu.yaml"]
    assert "-1 A [click: key=K]" in diff and "+1 A [click: key=K2]" in diff and " 2 G" in diff
    assert difference(new, new, new_name="x") == []


def test_scenes_and_campaign_rows(tmp_path: Path) -> None:
    assert (scene_of("123"), scene_of("12a"), scene_of("١٢")) == (123, "12a", "١٢")
    path = tmp_path / "c.csv"
    path.write_text("\ufeffscene,permanent,filename\n5,yes,\n../evil,,\n")
    rows = read_batch(path)
    assert [row.filename for row in rows] == ["5.png", "evil.png"]
    assert rows[0].request == QrCodeRequest(scene=5, permanent=True)
    path.write_text("scene\na\na\n")
    with pytest.raises(CliError, match=r"line 3: a\.png"):
        read_batch(path)
    path.write_text("name\nx\n")
    with pytest.raises(CliError, match="scene column"):
        read_batch(path)


def test_openid_lists(tmp_path: Path) -> None:
    path = tmp_path / "ids.txt"
    path.write_text("# header\n o1 \n\no2\no1\n")
    assert read_openids(path) == ["o1", "o2"]
    path.write_text("\n# nothing\n")
    with pytest.raises(CliError, match="no openids"):
        read_openids(path)


def test_a_safe_mode_callback_and_its_encrypted_reply_round_trip() -> None:
    safe = account(encoding_aes_key=AES_KEY)
    assert mode_for(safe, None) is Mode.SAFE and mode_for(account(), None) is Mode.PLAINTEXT
    with pytest.raises(CliError, match="EncodingAESKey"):
        mode_for(account(), Mode.SAFE)
    fields = fields_for(text="hi", event=None, event_key=None, from_user="oF", to_user="gh_x")
    callback = signed(safe, Mode.SAFE, fields)
    # The text travels only inside <Encrypt> (whose base64 may spell "hi" by chance): no <Content> outside it.
    assert (
        callback.query["encrypt_type"] == "aes" and b"<Encrypt>" in callback.body and b"<Content>" not in callback.body
    )
    reply = message_xml(
        {"ToUserName": "oF", "FromUserName": "gh_x", "CreateTime": 1, "MsgType": "text", "Content": "Hi!"}
    )
    cipher = MessageCipher.from_encoding_aes_key(AES_KEY, APP)
    sealed = seal_reply(cipher, reply, token=TOKEN, timestamp="1", nonce=callback.query["nonce"]).encode()
    assert read_reply(safe, callback, 200, sealed).fields == {
        "ToUserName": "oF", "FromUserName": "gh_x", "CreateTime": "1", "MsgType": "text", "Content": "Hi!",
    }  # fmt: skip
    forged = sealed.replace(b"<MsgSignature><![CDATA[", b"<MsgSignature><![CDATA[0")
    with pytest.raises(CliError, match="MsgSignature"):
        read_reply(safe, callback, 200, forged)
    assert read_reply(safe, callback, 200, b"success").to_json() == {"status": 200, "reply": "success"}


def test_one_of_text_or_event() -> None:
    with pytest.raises(CliError, match="--text or --event"):
        fields_for(text="a", event="subscribe", event_key=None, from_user="o", to_user="g")
    event = fields_for(text=None, event="subscribe", event_key="qrscene_1", from_user="o", to_user="g")
    assert (event["MsgType"], event["Event"], event["EventKey"]) == ("event", "subscribe", "qrscene_1")


def test_errors_translate_to_one_line_and_a_status() -> None:
    assert (
        translate(WeChatError(46003, "menu no exist")).message
        == "WeChat refused: 46003 menu no exist (the account has no menu)"
    )
    unreachable = translate(PlatformError(0, "proxy_unreachable", "x"), url="http://p")
    assert unreachable.code is ExitCode.PLATFORM and "http://p" in unreachable.message
    assert translate(PlatformError(401, "unauthorized", "")).code is ExitCode.PLATFORM
    assert (
        translate(PlatformError(429, "quota_guard", "95% used")).message
        == "the API proxy refused (429 quota_guard: 95% used)"
    )
    assert (
        translate(FileNotFoundError(2, "No such file or directory", "m.yaml")).message
        == "m.yaml: No such file or directory"
    )
    assert translate(KeyboardInterrupt()).code is ExitCode.INTERRUPTED
    with pytest.raises(ValidationError) as caught:
        QrCodeRequest(scene=0)
    assert translate(caught.value).code is ExitCode.USAGE
    assert "--debug" in translate(RuntimeError("boom")).message
