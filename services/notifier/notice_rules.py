"""A subscription notification checked against the account's own subscription template (pure, no I/O).

``wxaapi/newtmpl/gettemplate`` lists each template with its ``content``, whose placeholders
(``{{thing1.DATA}}``, ``{{time2.DATA}}``) are the keywords a notification fills. Against a known
template the notifier refuses a keyword the template does not have and a keyword of the template left
out (WeChat answers 47003 for either). Each value's rule by its keyword's type (thing ≤ 20
characters, number ≤ 32 digits, phrase ≤ 5 Chinese characters …) is checked whatever the template,
by ``SubscribeMessage.value_problems``.
"""

from collections.abc import Iterable

from services.notifier.messages import InvalidMessage
from services.notifier.template_rules import Template


def problems(keys: Iterable[str], template: Template) -> list[tuple[str, str]]:
    """Every ``(field, reason)`` of a notification filling ``keys`` against ``template``, in order."""
    keys = list(keys)
    known = set(template.fields)
    shown = ", ".join(template.fields) or "none"
    found = [
        (f"data.{key}", f"not a keyword of template {template.template_id} (its keywords: {shown})")
        for key in keys
        if key not in known
    ]
    given = set(keys)
    found += [
        (f"data.{field}", f"required by template {template.template_id}")
        for field in template.fields
        if field not in given
    ]
    return found


def check(keys: Iterable[str], template: Template) -> None:
    """InvalidMessage naming every problem of a notification's keywords against ``template``."""
    found = problems(keys, template)
    if found:
        raise InvalidMessage.of(found)
