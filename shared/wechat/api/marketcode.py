"""一物一码: apply for a batch of codes, follow it to FINISH, download and activate ranges, read codes back."""

from typing import Any

from pydantic import BaseModel

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.marketcode import (
    Activation,
    CodeApplication,
    CodeBatch,
    CodeLookup,
    CodeRange,
    CodeTicket,
    decrypt_package,
)


class MarketCodeApi(ApiGroup):
    async def apply(self, code_count: int, isv_application_id: str) -> int:
        """A new batch (or the one already made for ``isv_application_id``): its ``application_id``."""
        body = _body(CodeApplication(code_count=code_count, isv_application_id=isv_application_id))
        return int((await self._json("intp/marketcode/applycode", json=body))["application_id"])

    async def batch(self, application_id: int) -> CodeBatch:
        body = {"application_id": application_id}
        return await self._model("intp/marketcode/applycodequery", CodeBatch, json=body)

    async def download(self, application_id: int, code_start: int, code_end: int, *, key: bytes) -> list[str]:
        """A finished range's codes, decrypted with the account's package ``key``: one line per code."""
        body = _body(CodeRange(application_id=application_id, code_start=code_start, code_end=code_end))
        answer = await self._json("intp/marketcode/applycodedownload", json=body)
        return decrypt_package(str(answer.get("buffer", "")), key)

    async def activate(self, activation: Activation) -> None:
        await self._json("intp/marketcode/codeactive", json=_body(activation))

    async def lookup(self, lookup: CodeLookup) -> dict[str, Any]:
        """A code and what it is activated for."""
        return await self._json("intp/marketcode/codeactivequery", json=_body(lookup))

    async def ticket_to_code(self, openid: str, code_ticket: str) -> dict[str, Any]:
        """The code behind the ``code_ticket`` a scan brought the mini program page."""
        body = _body(CodeTicket(openid=openid, code_ticket=code_ticket))
        return await self._json("intp/marketcode/tickettocode", json=body)


def _body(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)
