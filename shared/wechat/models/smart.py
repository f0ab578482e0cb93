"""The smart interfaces' rules: images under 2 MB for OCR and image processing (文件大小限制：小于2M),
up to 5 crop ratios, voices as mp3 of at most 1 MB (只支持mp3，16k，单声道，最大1M) in zh_CN or
en_US, text to translate at most 600 bytes (最大600Byte)."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.wechat.models.media import MB, Limit, upload_size
from shared.wechat.transport import Upload

IMAGE_BYTES, MAX_RATIOS, TRANSLATE_BYTES = 2 * MB, 5, 600
VOICE = Limit(1 * MB, frozenset({"mp3"}))
Lang = Literal["zh_CN", "en_US"]
IdCardMode = Literal["photo", "scan"]


def check_image(upload: Upload, what: str) -> int:
    """``upload``'s size if it is an image WeChat reads (non-empty, under 2 MB); ``ValueError`` otherwise."""
    size = upload_size(upload)
    if size == 0:
        raise ValueError(f"{what}: {upload.filename!r} is empty")
    if size >= IMAGE_BYTES:
        raise ValueError(f"{what}: {upload.filename!r} is {size} bytes (under 2 MB)")
    return size


def ratios_field(ratios: list[float] | tuple[float, ...]) -> str:
    """``aicrop``'s ``ratios``: up to 5 positive width:height ratios, comma-separated."""
    if len(ratios) > MAX_RATIOS:
        raise ValueError(f"aicrop takes at most {MAX_RATIOS} ratios (got {len(ratios)})")
    if any(isinstance(r, bool) or not isinstance(r, int | float) or r <= 0 for r in ratios):
        raise ValueError(f"a ratio is a positive number (got {list(ratios)!r})")
    return ",".join(f"{r:g}" for r in ratios)


class VoiceRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    voice_id: Annotated[str, StringConstraints(min_length=1, pattern=r"^[A-Za-z0-9_-]+$")]
    lang: Lang = "zh_CN"


def _translatable(text: str) -> str:
    size = len(text.encode())
    if size > TRANSLATE_BYTES:
        raise ValueError(f"translatecontent takes at most {TRANSLATE_BYTES} bytes of UTF-8 (this is {size})")
    return text


class Translation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Annotated[str, StringConstraints(min_length=1), AfterValidator(_translatable)]
    lfrom: Lang
    lto: Lang


class Crop(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    crop_left: int
    crop_top: int
    crop_right: int
    crop_bottom: int


class CropAnswer(BaseModel):
    """``aicrop``: one crop per ratio asked for (the best one when none), and the image's size."""

    model_config = ConfigDict(extra="allow", frozen=True)

    results: list[Crop] = Field(default_factory=list)
    img_size: dict[str, int] = Field(default_factory=dict)
