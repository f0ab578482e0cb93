"""Short keys (短key托管): up to 4 KB of data behind a 15-character key, for at most 30 days."""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

LONG_DATA_BYTES, MAX_EXPIRE_SECONDS = 4 * 1024, 2_592_000


def _at_most_4kb(value: str) -> str:
    size = len(value.encode())
    if size > LONG_DATA_BYTES:
        raise ValueError(f"long_data is at most {LONG_DATA_BYTES} bytes in UTF-8 (this is {size})")
    return value


class ShortenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    long_data: Annotated[str, Field(min_length=1), AfterValidator(_at_most_4kb)]
    expire_seconds: Annotated[int, Field(strict=True, ge=1, le=MAX_EXPIRE_SECONDS)] = MAX_EXPIRE_SECONDS

    def body(self) -> dict[str, Any]:
        return self.model_dump()


class LongData(BaseModel):
    """``shorten/fetch``'s answer."""

    model_config = ConfigDict(extra="allow", frozen=True)

    long_data: str
    create_time: int | None = None
    expire_seconds: int | None = None
