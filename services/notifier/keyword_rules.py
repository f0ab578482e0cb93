"""What WeChat accepts as a keyword's value, by the type its name carries (pure, no I/O).

A category template (类目模板, template messages since 2023) or a subscription notification names
each field by a type and a number: ``thing1``, ``character_string12``, ``time4``. WeChat checks the
value by that type (参数值内容限制说明) and answers 47003 "argument invalid! data.thing1.value
invalid" otherwise; the predicates are the typed client's (``shared.wechat.models.subscribe``), the
reasons here are what a caller reads. Types WeChat does not document a rule for (``enum``,
``const`` …) are WeChat's to judge. A field of an older template (``keyword1``, ``first``, or a
name of its own without a number) has no type: since 2023-05-04 WeChat shows at most 20
characters of it, on one line (关于规范公众号模板消息的再次公告).
"""

import re
from collections.abc import Mapping

from shared.wechat.models.subscribe import VALUE_RULES, keyword_type

PLAIN_FIELD_CHARS = 20
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")

REASONS: Mapping[str, str] = {
    "thing": "must be at most 20 characters, without line breaks or control characters (a thing field)",
    "number": "must be at most 32 digits, a decimal part allowed (a number field)",
    "letter": "must be at most 32 letters (a letter field)",
    "symbol": "must be at most 5 symbols, neither Chinese, letters nor digits (a symbol field)",
    "character_string": "must be at most 32 letters, digits or symbols, no Chinese (a character_string field)",
    "time": "must be a 24-hour time such as 15:01, a date before it allowed, or a span a~b (a time field)",
    "date": "must be a date such as 2019年10月1日 or 2019-10-01, a time after it allowed, or a span a~b (a date field)",
    "amount": "must be one currency sign and at most 10 digits, a decimal part and 元 allowed (an amount field)",
    "phone_number": "must be at most 17 digits and symbols (a phone_number field)",
    "car_number": "must be at most 8 letters and digits, the first and last may be Chinese (a car_number field)",
    "name": "must be at most 10 characters with Chinese, else 20 letters or symbols, no digits (a name field)",
    "phrase": "must be at most 5 Chinese characters (a phrase field)",
}


_NUMBERED = re.compile(r"[a-z_]+?\d+")
_PLAIN_TYPES = ("keyword",)  # keyword1, keyword2 … of the templates before the category library


def typed_value_problem(key: str, value: str) -> str | None:
    """Why WeChat would refuse ``value`` for the typed keyword ``key`` (None: it fits, or the type is WeChat's)."""
    kind = keyword_type(key)
    rule = VALUE_RULES.get(kind)
    if rule is None or rule(value):
        return None
    return REASONS[kind]


def is_plain(key: str) -> bool:
    """A field of an older template: ``keywordN``, or a name without a type and number."""
    return not _NUMBERED.fullmatch(key) or keyword_type(key) in _PLAIN_TYPES


def template_value_problem(key: str, value: str) -> str | None:
    """Why WeChat would refuse or not show ``value`` for field ``key`` of a template message."""
    return plain_value_problem(value) if is_plain(key) else typed_value_problem(key, value)


def plain_value_problem(value: str) -> str | None:
    """Why a field of an older (untyped) template would not show as sent since 2023-05-04."""
    if len(value) > PLAIN_FIELD_CHARS:
        return f"must be at most {PLAIN_FIELD_CHARS} characters: WeChat cuts a template field there since 2023-05-04"
    if any(mark in value for mark in _LINE_BREAKS):
        return "must be one line: WeChat shows no line breaks in a template field since 2023-05-04"
    return None
