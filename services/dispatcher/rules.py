"""Auto-reply rules (``REPLY_RULES_FILE``): which passive reply, if any, answers an event.

```yaml
rules:
  - match: {msg_type: text, keyword: "hello"}   # the whole text, case-insensitive
    reply: {type: text, content: "Hi!"}
  - match: {msg_type: text, regex: "^order (\\d+)$"}
    reply: {type: text, content: "Order {1} received"}
  - match: {app_id: wx1234, msg_type: event, event: subscribe}
    reply: {type: text, content: "Welcome {from_user}"}
```

``match`` takes ``app_id``, ``msg_type``, ``event`` (case-insensitive), ``event_key`` (exact) and
at most one of ``keyword`` / ``contains`` / ``regex`` (see ``rules_match``); ``{}`` matches
everything. ``reply`` is any reply of ``shared.replies`` with ``type`` naming it; its strings
take placeholders (see ``rules_template``). The first rule that matches answers, in file order;
a rule with an ``app_id`` matches only that account's events.

Loading checks everything and reports every problem, one per line, naming the rule (1-based,
as an editor counts) and the field: ``rule 3: match.regex: unbalanced parenthesis at position 7``.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from services.dispatcher.rules_match import Facts, Matcher, compile_match
from services.dispatcher.rules_reply import ReplyTemplate, compile_reply
from services.dispatcher.rules_template import Field, Resolve, as_text
from shared.replies import Reply

_RULE_KEYS = ("match", "reply")


class RulesError(ValueError):
    """A rules file that cannot be used: every problem in it, one per line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Rule:
    match: Matcher
    reply: ReplyTemplate


class RuleSet:
    """The rules of one file, compiled: regexes built and keywords folded once."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules = tuple(rules)
        # The rules that can match each msg_type, still in file order (first match wins).
        self._any_type = tuple(rule for rule in self._rules if rule.match.msg_type is None)
        self._by_type = {
            msg_type: tuple(rule for rule in self._rules if rule.match.msg_type in (None, msg_type))
            for msg_type in {rule.match.msg_type for rule in self._rules}
            if msg_type is not None
        }

    def __len__(self) -> int:
        return len(self._rules)

    @classmethod
    def load(cls, path: Path | str) -> "RuleSet":
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RulesError([f"rules file: cannot read {path}: {exc.strerror or exc}"]) from None
        except UnicodeDecodeError:
            raise RulesError([f"rules file: {path} is not UTF-8 text"]) from None
        return cls.from_yaml(text)

    @classmethod
    def from_yaml(cls, text: str) -> "RuleSet":
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise RulesError([f"rules file: not valid YAML{where}"]) from None
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: object) -> "RuleSet":
        """The rules of a parsed file (``{"rules": [...]}``); RulesError listing every problem."""
        if not isinstance(data, Mapping) or "rules" not in data:
            raise RulesError(["rules file: expected a mapping with a rules list"])
        problems = [f"rules file: {key}: unknown field (expected rules)" for key in data if key != "rules"]
        items = data["rules"]
        if not isinstance(items, list):
            raise RulesError([*problems, "rules file: rules: expected a list of rules (rules: [] for none)"])
        rules: list[Rule] = []
        for number, item in enumerate(items, 1):
            rule, found = _compile_rule(item)
            problems += [f"rule {number}: {problem}" for problem in found]
            if rule is not None:
                rules.append(rule)
        if problems:
            raise RulesError(problems)
        return cls(rules)

    def reply_for(self, event: Mapping[str, Any]) -> Reply | None:
        """The reply of the first rule that matches the normalized ``event``, or None."""
        facts = Facts.of(event)
        for rule in self._by_type.get(facts.msg_type, self._any_type):
            hit = rule.match.test(facts)
            if hit is not None:
                return rule.reply.render(_values(event, None if hit is True else hit))
        return None


def _compile_rule(item: object) -> tuple[Rule | None, list[str]]:
    if not isinstance(item, Mapping):
        return None, ["expected a mapping with match and reply"]
    problems = [f"{key}: unknown field (a rule has match and reply)" for key in item if key not in _RULE_KEYS]
    problems += [f"{key}: missing" for key in _RULE_KEYS if key not in item]
    raw_match, matcher, reply = item.get("match"), Matcher(), None
    if "match" in item:
        matcher, found = compile_match(raw_match)
        problems += found
    if "reply" in item:
        # {N} placeholders are checked against the regex, unless the regex itself is broken.
        regex_broken = isinstance(raw_match, Mapping) and "regex" in raw_match and matcher.regex is None
        reply, found = compile_reply(item["reply"], matcher.regex, check_groups=not regex_broken)
        problems += found
    if problems or reply is None:
        return None, problems
    return Rule(matcher, reply), []


def _values(event: Mapping[str, Any], match: re.Match[str] | None) -> Resolve:
    """Placeholder values: regex groups (by number or name), then the event's top-level fields."""

    def resolve(field: Field) -> str:
        if match is not None and (isinstance(field, int) or field in match.re.groupindex):
            return match.group(field) or ""
        return "" if isinstance(field, int) else as_text(event.get(field))

    return resolve
