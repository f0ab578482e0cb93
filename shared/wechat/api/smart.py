"""The smart interfaces: OCR of cards and licences, image processing, voice to text and translation.

Images go up as the ``img`` field (under 2 MB, checked first); WeChat answers what it read as JSON,
returned as it is (its fields differ by kind: ``type``/``name``/``id`` for an identity card,
``number`` for a bank card, ``items`` for printed text …).
"""

from collections.abc import Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.media import check_upload
from shared.wechat.models.smart import VOICE, CropAnswer, IdCardMode, Lang, Translation, VoiceRef, check_image
from shared.wechat.models.smart import ratios_field as _ratios
from shared.wechat.transport import Upload


class OcrApi(ApiGroup):
    async def _read(self, kind: str, upload: Upload, params: dict[str, str] | None = None) -> dict[str, Any]:
        check_image(upload, f"ocr {kind}")
        return await self._json(f"cv/ocr/{kind}", upload=upload, params=params)

    async def idcard(self, upload: Upload, mode: IdCardMode = "photo") -> dict[str, Any]:
        """An identity card: ``type`` Front (``name``, ``id``, ``addr`` …) or Back (``valid_date``)."""
        return await self._read("idcard", upload, {"type": mode})

    async def bankcard(self, upload: Upload) -> dict[str, Any]:
        return await self._read("bankcard", upload)

    async def driving(self, upload: Upload) -> dict[str, Any]:
        """A vehicle licence (行驶证)."""
        return await self._read("driving", upload)

    async def driving_license(self, upload: Upload) -> dict[str, Any]:
        """A driving licence (驾驶证)."""
        return await self._read("drivinglicense", upload)

    async def biz_license(self, upload: Upload) -> dict[str, Any]:
        return await self._read("bizlicense", upload)

    async def printed_text(self, upload: Upload) -> dict[str, Any]:
        """Printed text: ``items`` of ``text`` and ``pos``, and ``img_size``."""
        return await self._read("comm", upload)


class ImgApi(ApiGroup):
    async def qrcode(self, upload: Upload) -> list[dict[str, Any]]:
        """The codes in a picture: ``type_name``, ``data`` and (QR, DataMatrix) ``pos``."""
        check_image(upload, "qrcode")
        return list((await self._json("cv/img/qrcode", upload=upload)).get("code_results", []))

    async def aicrop(self, upload: Upload, ratios: Sequence[float] = ()) -> CropAnswer:
        """Crops around the picture's subject: one per width:height ratio (up to 5), the best one without."""
        check_image(upload, "aicrop")
        fields = {"ratios": _ratios(tuple(ratios))} if ratios else None
        return await self._model("cv/img/aicrop", CropAnswer, upload=upload, fields=fields)


class VoiceApi(ApiGroup):
    async def upload(self, upload: Upload, voice_id: str, lang: Lang = "zh_CN") -> None:
        """Send a voice (mp3, 16 kHz mono, at most 1 MB) to be turned into text, named ``voice_id``."""
        ref = VoiceRef(voice_id=voice_id, lang=lang)
        check_upload(VOICE, upload, "voice")
        params = {"format": "mp3", "voice_id": ref.voice_id, "lang": ref.lang}
        await self._json("cgi-bin/media/voice/addvoicetorecofortext", params=params, upload=upload)

    async def text(self, voice_id: str, lang: Lang = "zh_CN") -> str:
        """The text of an uploaded voice."""
        ref = VoiceRef(voice_id=voice_id, lang=lang)
        params = {"voice_id": ref.voice_id, "lang": ref.lang}
        return str((await self._json("cgi-bin/media/voice/queryrecoresultfortext", params=params)).get("result", ""))

    async def translate(self, text: str, lfrom: Lang = "zh_CN", lto: Lang = "en_US") -> str:
        """``text`` (at most 600 bytes) in the other language."""
        job = Translation(text=text, lfrom=lfrom, lto=lto)
        upload = Upload("content.txt", job.text.encode(), "text/plain; charset=utf-8")
        params = {"lfrom": job.lfrom, "lto": job.lto}
        answer = await self._json("cgi-bin/media/voice/translatecontent", params=params, upload=upload)
        return str(answer.get("to_content", ""))
