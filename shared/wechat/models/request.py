"""The base of every request body the typed API sends: checked before anything reaches WeChat."""

from typing import Any

from pydantic import BaseModel, ConfigDict


class WeChatRequest(BaseModel):
    """Frozen, unknown fields refused; ``body()`` is the JSON WeChat takes, without the fields not given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)
