"""The smart interfaces WeChat serves an official account (智能接口, seed 1.9): OCR, image processing,
and speech to text with translation.

An image goes up as the multipart field ``img`` (under 2 MB) or is fetched by WeChat from ``img_url``;
WeChat grants 100 calls a day of OCR and of image processing (接口限制). A voice goes up as ``media``:
mp3, 16 kHz mono, at most 1 MB. Gone: ``cv/img/superresolution`` (下架 "由于系统维护原因") and the
semantic ``semantic/semproxy/search`` (no longer among an official account's interfaces; the open
platform's apps only): deprecated with no replacement. So are the licence-plate and menu readers
(``cv/ocr/platenum``, ``cv/ocr/menu``): WeChat's current OCR list has only the six above.
"""

from shared.wechat.endpoint import Body, Endpoint

OCR, IMG, VOICE, SEMANTIC = "ocr", "img", "voice", "semantic"


def _image(path: str, group: str, summary: str, *, query: tuple[str, ...] = ("img_url",)) -> Endpoint:
    """A read of an image: the ``img`` upload or ``img_url``, 100 calls a day."""
    return Endpoint(
        path, "POST", group, summary, changes=False, daily_limit=100, body=Body.MULTIPART, upload_field="img",
        query=query,
    )  # fmt: skip


ENDPOINTS = (
    _image("cv/ocr/idcard", OCR, "Read an identity card (front or back)", query=("img_url", "type")),
    _image("cv/ocr/bankcard", OCR, "Read a bank card's number"),
    _image("cv/ocr/driving", OCR, "Read a vehicle licence (行驶证)"),
    _image("cv/ocr/drivinglicense", OCR, "Read a driving licence (驾驶证)"),
    _image("cv/ocr/bizlicense", OCR, "Read a business licence"),
    _image("cv/ocr/comm", OCR, "Read printed text and where it is"),
    *(
        Endpoint(path, "POST", OCR, summary, changes=False, body=Body.MULTIPART, upload_field="img",
                 shut_down="dropped from WeChat's OCR interfaces, which now read only ID and bank cards, "
                           "licences and printed text")
        for path, summary in (("cv/ocr/platenum", "Read a licence plate"), ("cv/ocr/menu", "Read a menu"))
    ),
    _image("cv/img/qrcode", IMG, "Read QR codes, bar codes, DataMatrix and PDF417"),
    _image("cv/img/aicrop", IMG, "Crop to the subject, for up to 5 width:height ratios", query=("img_url", "ratios")),
    Endpoint("cv/img/superresolution", "POST", IMG, "Sharpen an image", changes=False, body=Body.MULTIPART,
             upload_field="img", shut_down="taken down by WeChat (系统维护, 2025)"),
    Endpoint(
        "cgi-bin/media/voice/addvoicetorecofortext", "POST", VOICE, "Upload a voice to turn into text (mp3, ≤ 1 MB)",
        changes=True, body=Body.MULTIPART, upload_field="media", query=("format", "voice_id", "lang"),
    ),
    Endpoint(
        "cgi-bin/media/voice/queryrecoresultfortext", "POST", VOICE, "The text of an uploaded voice",
        changes=False, query=("voice_id", "lang"),
    ),
    Endpoint(
        "cgi-bin/media/voice/translatecontent", "POST", VOICE, "Translate text (zh_CN ⇄ en_US, ≤ 600 bytes)",
        changes=False, body=Body.MULTIPART, upload_field="media", query=("lfrom", "lto"),
    ),
    Endpoint("semantic/semproxy/search", "POST", SEMANTIC, "Parse a sentence into an intent", changes=False,
             body=Body.JSON, shut_down="no longer an official account interface"),
)  # fmt: skip
