"""Parametric QR codes as ``qrcode/create`` accepts them (生成带参数的二维码).

A scene is a number or a string. A temporary code's numeric scene is a non-zero 32-bit
integer (1 to 2^32 − 1) and it lives ``expire_seconds``, at most 2,592,000 (30 days);
a permanent code's numeric scene is 1 to 100,000. A string scene is 1–64 characters. The
action name follows: QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE, QR_LIMIT_STR_SCENE.
"""

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator

MAX_TEMPORARY_SCENE_ID, MAX_PERMANENT_SCENE_ID, MAX_SCENE_STR = 2**32 - 1, 100_000, 64
MIN_EXPIRE_SECONDS, MAX_EXPIRE_SECONDS = 60, 2_592_000
DEFAULT_EXPIRE_SECONDS = MAX_EXPIRE_SECONDS  # SPEC: a temporary code without a lifetime lives WeChat's maximum


class QrCodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scene: StrictInt | StrictStr
    permanent: bool = False
    expire_seconds: Annotated[int, Field(strict=True, ge=MIN_EXPIRE_SECONDS, le=MAX_EXPIRE_SECONDS)] | None = None

    @model_validator(mode="after")
    def _scene_in_range(self) -> Self:
        if isinstance(self.scene, str):
            if not 1 <= len(self.scene) <= MAX_SCENE_STR:
                raise ValueError(f"a string scene is 1 to {MAX_SCENE_STR} characters (this is {len(self.scene)})")
        else:
            top = MAX_PERMANENT_SCENE_ID if self.permanent else MAX_TEMPORARY_SCENE_ID
            if not 1 <= self.scene <= top:
                kind = "permanent" if self.permanent else "temporary"
                raise ValueError(f"a {kind} code's numeric scene is 1 to {top:,} (this is {self.scene})")
        if self.permanent and self.expire_seconds is not None:
            raise ValueError("a permanent code does not expire: no expire_seconds")
        return self

    @property
    def action_name(self) -> str:
        kind = "STR_SCENE" if isinstance(self.scene, str) else "SCENE"
        return f"QR_LIMIT_{kind}" if self.permanent else f"QR_{kind}"

    def body(self) -> dict[str, Any]:
        field = "scene_str" if isinstance(self.scene, str) else "scene_id"
        body: dict[str, Any] = {"action_name": self.action_name, "action_info": {"scene": {field: self.scene}}}
        if not self.permanent:
            body["expire_seconds"] = DEFAULT_EXPIRE_SECONDS if self.expire_seconds is None else self.expire_seconds
        return body


class QrTicket(BaseModel):
    """``qrcode/create``'s answer: the ticket for the image, its lifetime (temporary codes), the URL it encodes."""

    model_config = ConfigDict(extra="allow", frozen=True)

    ticket: str
    url: str
    expire_seconds: int | None = None
