"""A template message checked against the account's own template (pure, no I/O).

``get_all_private_template`` lists each template with its ``content``, whose placeholders
(``{{thing1.DATA}}``, ``{{keyword1.DATA}}``) are the fields a message fills. Against a known
template the notifier refuses what WeChat would refuse or silently drop since its 2023 rules
(关于规范公众号模板消息的再次公告, in force 2023-05-04; 类目模板消息 on the template-message page):

- a key the template does not have, and a field of the template left out;
- ``first`` and ``remark``: WeChat no longer shows the first line or the remark;
- ``color``: WeChat shows no custom colour;
- a typed field's value outside its type's rule (``keyword_rules``); an untyped field over 20
  characters or with a line break.

Without the template (not cached, or not the account's) only the message's shape is checked.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.notifier.keyword_rules import template_value_problem
from services.notifier.messages import InvalidMessage, TemplateValue

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\.DATA\s*\}\}")
RETIRED_FIELDS = ("first", "remark")
RETIRED_FIELD = "WeChat no longer shows first and remark (since 2023-05-04): leave it out"
NO_COLOR = "WeChat shows no custom colour since 2023-05-04: leave color out"


def fields_of(content: str) -> tuple[str, ...]:
    """The fields a template's content names, in order, each once."""
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(content)))


@dataclass(frozen=True)
class Template:
    template_id: str
    fields: tuple[str, ...]

    @classmethod
    def from_listing(cls, item: Mapping[str, Any]) -> "Template | None":
        """One entry of ``template_list`` (None when it is not shaped like one)."""
        template_id, content = item.get("template_id"), item.get("content")
        if not isinstance(template_id, str) or not isinstance(content, str):
            return None
        return cls(template_id, fields_of(content))

    @classmethod
    def from_notice_listing(cls, item: Mapping[str, Any]) -> "Template | None":
        """One subscription template of ``wxaapi/newtmpl/gettemplate`` (``priTmplId``, ``content``)."""
        template_id, content = item.get("priTmplId"), item.get("content")
        if not isinstance(template_id, str) or not isinstance(content, str):
            return None
        return cls(template_id, fields_of(content))


def problems(data: Mapping[str, TemplateValue], template: Template) -> list[tuple[str, str]]:
    """Every ``(field, reason)`` that ``data`` breaks of ``template`` and WeChat's 2023 rules, in order."""
    found: list[tuple[str, str]] = []
    known = set(template.fields)
    for key, item in data.items():
        where = f"data.{key}"
        if key in RETIRED_FIELDS:
            found.append((where, RETIRED_FIELD))
            continue
        if key not in known:
            shown = ", ".join(field for field in template.fields if field not in RETIRED_FIELDS)
            found.append((where, f"not a field of template {template.template_id} (its fields: {shown or 'none'})"))
            continue
        if item.color is not None:
            found.append((f"{where}.color", NO_COLOR))
        reason = template_value_problem(key, item.value)
        if reason is not None:
            found.append((f"{where}.value", reason))
    for field in template.fields:
        if field not in data and field not in RETIRED_FIELDS:
            found.append((f"data.{field}", f"required by template {template.template_id}"))
    return found


def check(data: Mapping[str, TemplateValue], template: Template) -> None:
    """InvalidMessage naming every problem of ``data`` against ``template``; nothing when it fits."""
    found = problems(data, template)
    if found:
        raise InvalidMessage.of(found)
