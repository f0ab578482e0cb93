"""Subscription notifications (订阅通知) and the one-time subscription message: what WeChat checks.

A template's keyword is named by its type and a number (``thing1``, ``character_string12``); WeChat
checks each value by the type (订阅消息参数值内容限制说明) and answers 47003 "argument invalid!
data.thing1.value invalid" otherwise:

| type | value |
| --- | --- |
| thing | ≤ 20 characters of any kind (no control characters) |
| number | ≤ 32 digits, a decimal part allowed |
| letter | ≤ 32 letters |
| symbol | ≤ 5 symbols (neither Chinese, letters nor digits) |
| character_string | ≤ 32 digits, letters or symbols |
| time | a 24-hour time (HH:MM or HH:MM:SS), a date before it allowed; a span ``a~b`` |
| date | a date (2019年10月1日, 2019-10-01 or with / or ., 2019年10月, 10月1日, 2019-10, 10-01), then a time; a span |
| amount | one currency sign, ≤ 10 digits, a decimal part, ``元`` at the end allowed |
| phone_number | ≤ 17 digits and symbols |
| car_number | ≤ 8: letters and digits, the first and last may be Chinese |
| name | ≤ 10 characters with Chinese, else ≤ 20 letters or symbols; no digits |
| phrase | ≤ 5 Chinese characters |

Keywords of other types (``enum``, ``const`` …) are WeChat's to judge. A template combines 2 to 5
keywords of its title (200020), with a scene description of at most 15 characters (200021). The
one-time message has a title of at most 15 characters, content of at most 200 and a scene 0–10000.
"""

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from shared.wechat.models.users import OpenId

MIN_KEYWORDS, MAX_KEYWORDS, SCENE_DESC_CHARS, MAX_TITLES = 2, 5, 15, 30
ONCE_TITLE_CHARS, ONCE_CONTENT_CHARS, MAX_SCENE = 15, 200, 10_000

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_CJK}]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE = (
    r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})"
)
_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"


def _span(point: str) -> re.Pattern[str]:
    return re.compile(rf"^{point}(?:\s*~\s*{point})?$")


_TIME_VALUE = _span(rf"(?:{_DATE}\s*)?{_TIME}")
_DATE_VALUE = _span(rf"{_DATE}(?:\s*{_TIME})?")
_AMOUNT = re.compile(r"^[^\d\s.]?\d{1,10}(?:\.\d+)?元?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_LETTERS = re.compile(r"^[A-Za-z]+$")


def _is_symbol(char: str) -> bool:
    return not (char.isalnum() or char.isspace() or _HAN.match(char) or _CONTROL.match(char))


def _thing(value: str) -> bool:
    return len(value) <= 20 and not _CONTROL.search(value)


def _number(value: str) -> bool:
    return len(value) <= 32 and bool(_NUMBER.match(value))


def _letter(value: str) -> bool:
    return len(value) <= 32 and bool(_LETTERS.match(value))


def _symbol(value: str) -> bool:
    return len(value) <= 5 and all(_is_symbol(char) for char in value)


def _character_string(value: str) -> bool:
    return len(value) <= 32 and all(char.isascii() and (char.isalnum() or _is_symbol(char)) for char in value)


def _phone_number(value: str) -> bool:
    return len(value) <= 17 and all((char.isdigit() and char.isascii()) or _is_symbol(char) for char in value)


def _car_number(value: str) -> bool:
    def edge(char: str) -> bool:
        return bool(_HAN.match(char)) or (char.isascii() and char.isalnum())

    middle = value[1:-1]
    return len(value) <= 8 and edge(value[0]) and edge(value[-1]) and all(c.isascii() and c.isalnum() for c in middle)


def _name(value: str) -> bool:
    if any(char.isdigit() or _CONTROL.match(char) for char in value):
        return False
    return len(value) <= (10 if _HAN.search(value) else 20)


def _phrase(value: str) -> bool:
    return len(value) <= 5 and all(_HAN.match(char) for char in value)


VALUE_RULES: dict[str, Callable[[str], bool]] = {
    "thing": _thing,
    "number": _number,
    "letter": _letter,
    "symbol": _symbol,
    "character_string": _character_string,
    "time": lambda value: bool(_TIME_VALUE.match(value)),
    "date": lambda value: bool(_DATE_VALUE.match(value)),
    "amount": lambda value: bool(_AMOUNT.match(value)),
    "phone_number": _phone_number,
    "car_number": _car_number,
    "name": _name,
    "phrase": _phrase,
}
_KEY = re.compile(r"^([a-z_]+?)(\d+)$")


def keyword_type(key: str) -> str:
    """The type a keyword's name carries: ``thing`` for ``thing1``, ``character_string`` for ``character_string12``."""
    match = _KEY.match(key)
    return match.group(1) if match else key


def value_error(key: str, value: object) -> str | None:
    """Why WeChat would refuse ``value`` for keyword ``key`` (None when it fits or its type is WeChat's to judge)."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return f"data.{key}.value is not text"
    text = str(value)
    if not text:
        return f"data.{key}.value is empty"
    rule = VALUE_RULES.get(keyword_type(key))
    if rule is not None and not rule(text):
        return f"data.{key}.value {text!r} does not fit a {keyword_type(key)} keyword"
    return None


class MiniProgram(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    appid: Annotated[str, StringConstraints(min_length=1)]
    pagepath: str = ""


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    touser: OpenId
    template_id: Annotated[str, StringConstraints(min_length=1)]
    miniprogram: MiniProgram | None = None

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class Notification(_Message):
    """``message/subscribe/bizsend``: ``data`` is ``{keyword: {"value": …}}``, each value checked by its type."""

    page: str | None = None  # the web page the card opens
    data: dict[str, dict[str, Any]]

    @field_validator("data")
    @classmethod
    def _values(cls, data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        if not data:
            raise ValueError("data names at least one keyword")
        problems = [problem for key, item in data.items() if (problem := value_error(key, item.get("value")))]
        if problems:
            raise ValueError("; ".join(problems))
        return data


class OnceContent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Annotated[str, StringConstraints(min_length=1, max_length=ONCE_CONTENT_CHARS)]
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None


class OnceData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    content: OnceContent


class OnceMessage(_Message):
    """``message/template/subscribe``: the one-time message a follower allowed for ``scene``."""

    url: str | None = None
    scene: Annotated[int, Field(strict=True, ge=0, le=MAX_SCENE)]
    title: Annotated[str, StringConstraints(min_length=1, max_length=ONCE_TITLE_CHARS)]
    data: OnceData

    def body(self) -> dict[str, Any]:
        return {**super().body(), "scene": str(self.scene)}


class NewTemplate(BaseModel):
    """``wxaapi/newtmpl/addtemplate``: a public title and 2–5 of its keywords, in the order shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tid: Annotated[int, Field(strict=True, ge=1)]
    kidList: Annotated[  # WeChat's names
        list[Annotated[int, Field(strict=True, ge=1)]], Field(min_length=MIN_KEYWORDS, max_length=MAX_KEYWORDS)
    ]
    sceneDesc: Annotated[str, StringConstraints(max_length=SCENE_DESC_CHARS)] = ""

    @model_validator(mode="after")
    def _distinct(self) -> "NewTemplate":
        if len(set(self.kidList)) != len(self.kidList):
            raise ValueError("a keyword is combined once")
        return self

    def body(self) -> dict[str, Any]:
        return {"tid": str(self.tid), "kidList": list(self.kidList), "sceneDesc": self.sceneDesc}


class TitlesQuery(BaseModel):
    """``getpubtemplatetitles``: categories (their ids), a page of at most 30 from ``start``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ids: Annotated[list[Annotated[int, Field(strict=True, ge=0)]], Field(min_length=1)]
    start: Annotated[int, Field(strict=True, ge=0)] = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_TITLES)] = MAX_TITLES

    def params(self) -> dict[str, str]:
        return {"ids": ",".join(str(i) for i in self.ids), "start": str(self.start), "limit": str(self.limit)}


class TitlesPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    count: int = 0
    data: list[dict[str, Any]] = Field(default_factory=list)
