"""The part-2 typed groups over a recording transport, and their catalogue rows: the calls they build,
the pages they follow, the bad calls they refuse before anything is sent; endpoints WeChat shut down
without a replacement are deprecated all the same, and the proxy answers them 410."""

from typing import Any

import pytest
from pydantic import ValidationError

from services.proxy.paths import resolve
from services.proxy.refusals import Refusal
from shared.wechat.catalogue import default_catalogue
from shared.wechat.endpoint import Body
from shared.wechat.models.mass import MpNews, Text
from shared.wechat.transport import Call, Upload
from tests.unit.test_wechat_api_groups import api_with

# Issue "The WeChat API for every caller, part 2" (this engineer's groups): served, or shut down by WeChat.
PART_TWO = {
    "customservice/kfaccount/add", "customservice/kfaccount/update", "customservice/kfaccount/del",
    "customservice/kfaccount/uploadheadimg", "customservice/kfaccount/inviteworker",
    "cgi-bin/customservice/getkflist", "cgi-bin/customservice/getonlinekflist", "customservice/kfsession/create",
    "customservice/kfsession/close", "customservice/kfsession/getsession", "customservice/kfsession/getsessionlist",
    "customservice/kfsession/getwaitcase", "customservice/msgrecord/getmsglist", "cgi-bin/message/custom/typing",
    "cgi-bin/template/api_set_industry", "cgi-bin/template/get_industry", "cgi-bin/template/api_add_template",
    "cgi-bin/template/get_all_private_template", "cgi-bin/template/del_private_template",
    "cgi-bin/message/subscribe/bizsend", "cgi-bin/message/template/subscribe", "wxaapi/newtmpl/getcategory",
    "wxaapi/newtmpl/getpubtemplatetitles", "wxaapi/newtmpl/getpubtemplatekeywords", "wxaapi/newtmpl/addtemplate",
    "wxaapi/newtmpl/gettemplate", "wxaapi/newtmpl/deltemplate",
    "cgi-bin/message/mass/sendall", "cgi-bin/message/mass/send", "cgi-bin/message/mass/preview",
    "cgi-bin/message/mass/delete", "cgi-bin/message/mass/get", "cgi-bin/message/mass/speed/get",
    "cgi-bin/message/mass/speed/set", "cgi-bin/media/uploadvideo",
    "cv/ocr/idcard", "cv/ocr/bankcard", "cv/ocr/driving", "cv/ocr/drivinglicense", "cv/ocr/bizlicense", "cv/ocr/comm",
    "cv/img/qrcode", "cv/img/aicrop", "cgi-bin/media/voice/addvoicetorecofortext",
    "cgi-bin/media/voice/queryrecoresultfortext", "cgi-bin/media/voice/translatecontent",
}  # fmt: skip
GONE = {"cv/img/superresolution", "semantic/semproxy/search", "cv/ocr/platenum", "cv/ocr/menu"}


def test_every_part_two_endpoint_is_served_and_the_gone_ones_deprecated() -> None:
    catalogue = default_catalogue()
    assert PART_TWO - {e.path for e in catalogue if not e.deprecated} == set()
    for path in GONE:
        endpoint = catalogue[path]
        assert endpoint.deprecated and endpoint.replacement is None and endpoint.shut_down
        assert endpoint.describe()["deprecated"] is True and endpoint.describe()["replacement"] is None
    assert catalogue["cgi-bin/media/uploadnews"].replacement == "cgi-bin/draft/add"


def test_sends_are_never_retried_and_reads_are() -> None:
    catalogue = default_catalogue()
    for path in ("cgi-bin/message/mass/sendall", "cgi-bin/message/mass/send", "cgi-bin/message/subscribe/bizsend",
                 "cgi-bin/message/template/subscribe", "customservice/kfsession/create"):  # fmt: skip
        assert not catalogue[path].retry_safe
    for path in ("cgi-bin/message/mass/get", "customservice/msgrecord/getmsglist", "cv/ocr/idcard"):
        assert catalogue[path].retry_safe
    assert catalogue["cv/ocr/idcard"].upload_field == "img" and catalogue["cv/ocr/idcard"].body is Body.MULTIPART


@pytest.mark.parametrize("path", sorted(GONE))
def test_the_proxy_answers_an_endpoint_shut_down_without_replacement_410(path: str) -> None:
    with pytest.raises(Refusal) as refused:
        resolve(path, "POST", default_catalogue())
    assert refused.value.status == 410 and "no replacement" in refused.value.message


def test_a_replaced_endpoint_still_names_its_replacement() -> None:
    with pytest.raises(Refusal) as refused:
        resolve("cgi-bin/shorturl", "POST", default_catalogue())
    assert refused.value.message.endswith("use cgi-bin/shorten/gen")


# -- the groups ----------------------------------------------------------------------------------


async def test_customer_service_calls_and_the_record_page_after_page() -> None:
    pages = iter([
        {"recordlist": [{"text": "1"}, {"text": "2"}], "number": 2, "msgid": 3},
        {"recordlist": [{"text": "3"}], "number": 1, "msgid": 4},
    ])  # fmt: skip
    api, recorder = api_with({"customservice/msgrecord/getmsglist": lambda call: next(pages)})
    await api.kf.add_account("kf1@gh_account", "客服")
    await api.kf.typing("oFollower1", typing=False)
    records = [r["text"] async for r in api.kf.records(100, 200, number=2)]
    assert records == ["1", "2", "3"]
    assert [call.json for call in recorder.calls[2:]] == [
        {"starttime": 100, "endtime": 200, "msgid": 1, "number": 2},
        {"starttime": 100, "endtime": 200, "msgid": 3, "number": 2},
    ]
    assert recorder.calls[1].json == {"touser": "oFollower1", "command": "CancelTyping"}


async def test_a_customer_service_picture_is_a_jpg_of_5_mb_checked_first() -> None:
    api, recorder = api_with()
    with pytest.raises(ValueError, match="wrong format"):
        await api.kf.upload_headimg("kf1@gh_account", Upload("me.png", b"png"))
    await api.kf.upload_headimg("kf1@gh_account", Upload("me.jpg", b"\xff\xd8"))
    assert recorder.calls[0].params == {"kf_account": "kf1@gh_account"}


async def test_a_broadcast_goes_to_its_path_and_preview_and_status_read_their_answers() -> None:
    api, recorder = api_with({
        "cgi-bin/message/mass/sendall": {"errcode": 0, "msg_id": 7, "msg_data_id": 9},
        "cgi-bin/message/mass/send": {"errcode": 0, "msg_id": 8},
        "cgi-bin/message/mass/get": {"msg_id": 7, "msg_status": "SENDING"},
    })  # fmt: skip
    job = await api.mass.send_to_tag(134, MpNews(media_id="DRAFT"), clientmsgid="job-1")
    assert (job.msg_id, job.msg_data_id) == (7, 9)
    assert (await api.mass.status(7)).msg_status == "SENDING"
    await api.mass.send_to_openids(["oA", "oB"], Text(content="hi"))
    assert recorder.paths() == ["cgi-bin/message/mass/sendall", "cgi-bin/message/mass/get", "cgi-bin/message/mass/send"]
    assert recorder.calls[1].json == {"msg_id": "7"}


async def test_bad_calls_are_refused_before_anything_is_sent() -> None:
    api, recorder = api_with()
    refusals: list[Any] = [
        api.kf.add_account("too_long_prefix@gh", "客服"),
        api.kf.records(0, 24 * 3600 + 1).__anext__(),
        api.template.add("OPENTM1", ["时间"]),
        api.template.add("47123", "时间"),
        api.template.set_industry(0, 1),
        api.subscribe.send("oFollower1", "T", {"thing1": "长" * 21}),
        api.subscribe.add_template(99, [1]),
        api.subscribe.titles([616], limit=31),
        api.subscribe.send_once("oFollower1", "T", scene=10_001, title="通知", content="内容"),
        api.mass.send_to_openids("oA", Text(content="hi")),
        api.mass.status(0),
        api.mass.set_speed(5),
        api.ocr.idcard(Upload("big.jpg", b"x" * (2 * 1024 * 1024))),
        api.img.aicrop(Upload("a.jpg", b"x"), ratios=[1, 2, 3, 4, 5, 6]),
        api.voice.upload(Upload("v.amr", b"amr"), "v1"),
        api.voice.translate("长" * 201),
    ]
    for refusal in refusals:
        with pytest.raises((ValidationError, ValueError)):
            await refusal
    assert recorder.calls == []


async def test_subscription_values_are_plain_or_wechats_own_shape() -> None:
    api, recorder = api_with({"cgi-bin/message/subscribe/bizsend": {"errcode": 0, "msgid": 5}})
    assert (await api.subscribe.send("oF", "T", {"thing1": "咖啡", "time2": {"value": "15:01"}}))["msgid"] == 5
    sent = recorder.calls[0].json
    assert sent == {
        "touser": "oF",
        "template_id": "T",
        "data": {"thing1": {"value": "咖啡"}, "time2": {"value": "15:01"}},
    }


async def test_the_smart_groups_send_their_uploads_and_read_their_answers() -> None:
    api, recorder = api_with({
        "cv/img/aicrop": {"errcode": 0, "results": [{"crop_left": 0, "crop_top": 0, "crop_right": 9, "crop_bottom": 9}],
                          "img_size": {"w": 10, "h": 10}},
        "cgi-bin/media/voice/translatecontent": {"errcode": 0, "from_content": "你好", "to_content": "Hello"},
    })  # fmt: skip
    crops = await api.img.aicrop(Upload("a.jpg", b"jpg"), ratios=[1, 2.35])
    assert crops.results[0].crop_right == 9
    assert await api.voice.translate("你好") == "Hello"
    calls: list[Call] = recorder.calls
    assert calls[0].fields == {"ratios": "1,2.35"}
    assert calls[1].upload is not None and calls[1].upload.content == "你好".encode()
    assert calls[1].params == {"lfrom": "zh_CN", "lto": "en_US"}
