"""The smart interfaces with no I/O: what the fake "reads" in an image, and the voices it transcribes.

The fake sees no pictures: each OCR and image endpoint answers WeChat's documented example (智能接口
pages), or the answer a test set for it through ``POST /_control/smart`` (``{path, answer}``), and
``aicrop`` computes its crops for the ratios asked. An image under 2 MB is read (101002 "invalid
image" for an empty or larger one; 101000 "invalid image url" without an image or a URL that is not
http(s)). A voice is mp3 (40005 otherwise) of at most 1 MB (40010) under a ``voice_id``; its text
is the one set through the control API, else a fixed sentence; a query for a voice never uploaded
answers 40097. A translation is zh_CN ⇄ en_US (40097 otherwise) of at most 600 bytes (40097).
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

IMAGE_BYTES, VOICE_BYTES, TRANSLATE_BYTES, MAX_RATIOS = 2 * 1024 * 1024, 1024 * 1024, 600, 5
LANGS = frozenset({"zh_CN", "en_US"})
IMG_SIZE = {"w": 966, "h": 728}
DEFAULT_VOICE_TEXT = {"zh_CN": "你好，我想查询订单。", "en_US": "Hello, I would like to check my order."}
_POS = {"left_top": {"x": 575, "y": 200}, "right_top": {"x": 1246, "y": 200},
        "right_bottom": {"x": 1246, "y": 331}, "left_bottom": {"x": 575, "y": 331}}  # fmt: skip

# WeChat's documented examples, one per endpoint.
ANSWERS: dict[str, dict[str, Any]] = {
    "/cv/ocr/idcard": {"type": "Front", "name": "张三", "id": "123456789012345678", "addr": "广东省广州市",
                       "gender": "男", "nationality": "汉"},
    "/cv/ocr/bankcard": {"number": "24234234345234"},
    "/cv/ocr/driving": {
        "plate_num": "粤xxxxx", "vehicle_type": "小型普通客车", "owner": "东莞市xxxxx机械厂",
        "addr": "广东省东莞市xxxxx号",
        "use_character": "非营运", "model": "江淮牌HFCxxxxxxx", "vin": "LJ166xxxxxxxx51",
        "engine_num": "J3xxxxx3", "register_date": "2018-07-06", "issue_date": "2018-07-01",
        "plate_num_b": "粤xxxxx", "record": "441xxxxxx3", "passengers_num": "7人", "total_quality": "2700kg",
        "prepare_quality": "1995kg",
    },
    "/cv/ocr/drivinglicense": {
        "id_num": "660601xxxxxxxx1234", "name": "张三", "sex": "男", "nationality": "中国",
        "address": "广东省东莞市xxxxx号", "birth_date": "1990-12-21", "issue_date": "2012-12-21", "car_class": "C1",
        "valid_from": "2018-07-06", "valid_to": "2020-07-01", "official_seal": "xx市公安局公安交通管理局",
    },
    "/cv/ocr/bizlicense": {
        "reg_num": "123123", "serial": "123123", "legal_representative": "张三", "enterprise_name": "XX饮食店",
        "type_of_organization": "个人经营", "address": "XX市XX区XX路XX号", "type_of_enterprise": "xxx",
        "business_scope": "中型餐馆(不含凉菜、不含裱花蛋糕,不含生食海产品)。", "registered_capital": "200万",
        "paid_in_capital": "200万", "valid_period": "2019年1月1日", "registered_date": "2018年1月1日",
        "cert_position": {"pos": _POS}, "img_size": {"w": 2480, "h": 3508},
    },
    "/cv/ocr/comm": {"items": [{"text": "腾讯", "pos": _POS}], "img_size": IMG_SIZE},
    "/cv/img/qrcode": {
        "code_results": [{"type_name": "QR_CODE", "data": "https://www.qq.com", "pos": _POS}], "img_size": IMG_SIZE,
    },
}  # fmt: skip


def check_image(data: bytes | None, img_url: str | None) -> None:
    if data is None:
        if not img_url or not img_url.startswith(("http://", "https://")):
            raise ApiError(ErrCode.INVALID_IMAGE_URL)
        return
    if not data or len(data) >= IMAGE_BYTES:
        raise ApiError(ErrCode.INVALID_IMAGE)


def ratios(value: str | None) -> list[float]:
    """``aicrop``'s ``ratios``: up to 5 positive numbers, comma-separated (40097 otherwise)."""
    if not value:
        return []
    try:
        parsed = [float(part) for part in value.split(",")]
    except ValueError:
        raise ApiError(ErrCode.INVALID_ARGS) from None
    if len(parsed) > MAX_RATIOS or any(r <= 0 for r in parsed):
        raise ApiError(ErrCode.INVALID_ARGS)
    return parsed


def crop(ratio: float, size: dict[str, int] = IMG_SIZE) -> dict[str, int]:
    """The largest centred box of ``ratio`` (width:height) inside the image."""
    width, height = size["w"], size["h"]
    box_w, box_h = (width, round(width / ratio)) if width / height < ratio else (round(height * ratio), height)
    left, top = (width - box_w) // 2, (height - box_h) // 2
    return {"crop_left": left, "crop_top": top, "crop_right": left + box_w - 1, "crop_bottom": top + box_h - 1}


def lang(value: str | None, default: str | None = "zh_CN") -> str:
    chosen = value or default
    if chosen not in LANGS:
        raise ApiError(ErrCode.INVALID_ARGS)
    return chosen


@dataclass
class SmartDesk:
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> the answer a test set
    voices: dict[tuple[str, str], str] = field(default_factory=dict)  # (app, voice_id) -> lang
    transcripts: dict[str, str] = field(default_factory=dict)  # voice_id -> text a test set
    translations: dict[str, str] = field(default_factory=dict)  # source text -> translation a test set

    def answer(self, path: str) -> dict[str, Any]:
        return dict(self.answers.get(path) or ANSWERS[path])

    def add_voice(self, app_id: str, query: dict[str, str], data: bytes) -> None:
        if query.get("format") != "mp3":
            raise ApiError(ErrCode.INVALID_FILE_TYPE)
        if not data or len(data) > VOICE_BYTES:
            raise ApiError(ErrCode.INVALID_VOICE_SIZE)
        voice_id = query.get("voice_id")
        if not voice_id:
            raise ApiError(ErrCode.INVALID_ARGS)
        self.voices[(app_id, voice_id)] = lang(query.get("lang"))

    def voice_text(self, app_id: str, voice_id: str | None, requested: str | None) -> str:
        uploaded = self.voices.get((app_id, voice_id or ""))
        if uploaded is None or voice_id is None:
            raise ApiError(ErrCode.INVALID_ARGS)
        return self.transcripts.get(voice_id, DEFAULT_VOICE_TEXT[lang(requested, uploaded)])

    def translate(self, lfrom: str | None, lto: str | None, text: str) -> dict[str, str]:
        source, target = lang(lfrom, None), lang(lto, None)
        if not text or len(text.encode()) > TRANSLATE_BYTES or source == target:
            raise ApiError(ErrCode.INVALID_ARGS)
        return {"from_content": text, "to_content": self.translations.get(text, f"[{target}] {text}")}
