"""一物一码: what the marketing-code calls take, validated as WeChat validates them, and the package decryption.

A batch holds 10,000–20,000,000 codes in steps of 10,000, named by WeChat's ``application_id`` or
the caller's ``isv_application_id`` (≤ 128 characters; the same one is the same batch). A range is
``code_start``..``code_end``, both included. A downloaded package is base64 of AES-128-CBC with the
account's package key as key and IV, PKCS#7-padded; ``decrypt_package`` opens it.
"""

import base64
import binascii
from typing import Annotated, Literal, Self

from Crypto.Cipher import AES
from pydantic import BaseModel, ConfigDict, Field, model_validator

MIN_CODES, MAX_CODES, CODE_STEP = 10_000, 20_000_000, 10_000
BLOCK = 16
UInt = Annotated[int, Field(strict=True, ge=0, le=2**63 - 1)]
Text = Annotated[str, Field(min_length=1)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CodeApplication(_Body):
    code_count: Annotated[int, Field(strict=True, ge=MIN_CODES, le=MAX_CODES, multiple_of=CODE_STEP)]
    isv_application_id: Annotated[str, Field(min_length=1, max_length=128)]


class CodeRange(_Body):
    application_id: UInt
    code_start: UInt
    code_end: UInt

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.code_start > self.code_end:
            raise ValueError("code_start is after code_end")
        return self


class Activation(CodeRange):
    activity_name: Text
    product_brand: Text
    product_title: Text
    product_code: Text
    wxa_appid: Text
    wxa_path: Text
    wxa_type: Literal[0, 1, 2] = 0  # release, development, trial


class CodeLookup(_Body):
    """One code: by batch and index, or by its raw ``code``, or by its ``code_url``."""

    application_id: UInt | None = None
    code_index: UInt | None = None
    code: Text | None = None
    code_url: Text | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        ways = [self.application_id is not None, self.code is not None, self.code_url is not None]
        if sum(ways) != 1 or (self.application_id is None) != (self.code_index is None):
            raise ValueError("name a code by application_id and code_index, or by code, or by code_url")
        return self


class CodeTicket(_Body):
    openid: Text
    code_ticket: Text


class CodeBatch(BaseModel):
    """``applycodequery``'s answer."""

    model_config = ConfigDict(extra="allow", frozen=True)

    status: str
    application_id: int
    isv_application_id: str = ""
    code_generate_list: list[dict[str, int]] = Field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.status == "FINISH"


def decrypt_package(buffer: str, key: bytes) -> list[str]:
    """The lines of a downloaded package; ``ValueError`` for a wrong key or a damaged package."""
    if len(key) != BLOCK:
        raise ValueError(f"the package key is {BLOCK} bytes, not {len(key)}")
    try:
        data = base64.b64decode(buffer, validate=True)
    except binascii.Error:
        raise ValueError("the package is not base64") from None
    if not data or len(data) % BLOCK:
        raise ValueError("the package is not whole AES blocks")
    plain = AES.new(key, AES.MODE_CBC, iv=key).decrypt(data)
    pad = plain[-1]
    if not 0 < pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
        raise ValueError("bad padding: a wrong key or a damaged package")
    try:
        return plain[:-pad].decode().split("\n")
    except UnicodeDecodeError:
        raise ValueError("a wrong key or a damaged package") from None
