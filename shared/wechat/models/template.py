"""The template-message library (模板消息): industries and the templates an account picks.

WeChat's rules: two of its 41 industries (行业代码 1–41), changed once a month (43100); a template is
picked from the category library by its number and, since 2023, the keywords it keeps
(``keyword_name_list``, 40246 when empty or not the template's); the old library's ``TM…`` and
``OPENTM…`` numbers are closed (40247); 25 templates at once (45026).
"""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

INDUSTRIES, MAX_TEMPLATES, MAX_BLOCKED_PAGE = 41, 25, 100
IndustryId = Annotated[int, Field(strict=True, ge=1, le=INDUSTRIES)]
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _category_number(value: str) -> str:
    if value.upper().startswith(("TM", "OPENTM")):
        raise ValueError(f"{value}: the old template library (TM…, OPENTM…) is closed; pick a category template")
    return value


class Industries(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    industry_id1: IndustryId
    industry_id2: IndustryId

    def body(self) -> dict[str, Any]:
        return {"industry_id1": str(self.industry_id1), "industry_id2": str(self.industry_id2)}


class PickTemplate(BaseModel):
    """``api_add_template``: a category template's number and the keywords to keep, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    template_id_short: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_category_number)
    ]
    keyword_name_list: Annotated[list[Keyword], Field(min_length=1)]

    def body(self) -> dict[str, Any]:
        return self.model_dump()


class BlockedQuery(BaseModel):
    """``wxa/sec/queryblocktmplmsg``: a template's id, the last record seen (0 first), a page of 1–100."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tmpl_msg_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    largest_id: Annotated[int, Field(strict=True, ge=0)] = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_BLOCKED_PAGE)] = MAX_BLOCKED_PAGE

    def body(self) -> dict[str, Any]:
        return self.model_dump()
