"""The followers guides serve (客户) and the tags guides put on them, with no I/O.

A follower is served by one guide at a time. Batch calls (``openid_list``, at most 200) answer
errcode 0 and each follower's own outcome in ``buyer_resp``; a call naming one ``openid`` answers
that outcome itself. A tag value must be one of a tag's values (9300807); tags and what a guide sees
about a follower (display tags) belong to followers the guide serves (9300806 otherwise). An
account has at most 4 tags and 50 values between them, no value shared by two tags (40097).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import text
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.guide.codes import GuideCode, guide_error, invalid_args
from sandbox.fake_wechat.guide.fields import MAX_BUYERS, Call, batch, named, required, strings, window

MAX_TAGS, MAX_TAG_VALUES = 4, 50  # 最多 4 类标签类型，50 个可选值
Outcome = Callable[[str], None]  # acts on one follower, or raises their ApiError


@dataclass
class Relation:
    guide: str  # the guide's key
    nickname: str
    create_time: int
    tags: set[str] = field(default_factory=set)
    display_tags: list[str] | None = None

    def describe(self, openid: str) -> dict[str, Any]:
        return {"openid": openid, "buyer_nickname": self.nickname, "create_time": self.create_time}


def outcomes(openids: Iterable[str], per_follower: bool, act: Outcome) -> dict[str, Any]:
    """Act on each follower: one's error is the call's, several answer ``buyer_resp``."""
    if not per_follower:
        for openid in openids:
            act(openid)
        return {}
    answers = []
    for openid in openids:
        try:
            act(openid)
            answers.append({"errcode": 0, "errmsg": "ok", "openid": openid})
        except ApiError as error:
            answers.append({**error.body(), "openid": openid})
    return {"buyer_resp": answers}


def _openid_of(buyer: dict[str, Any]) -> str:
    openid = buyer.get("openid")
    return openid if isinstance(openid, str) else ""  # "" is refused as an invalid openid


@dataclass
class Clientele:
    relations: dict[str, Relation] = field(default_factory=dict)  # openid -> its guide, in order of binding
    options: dict[str, list[str]] = field(default_factory=dict)  # tag name -> its values

    def served(self, guide: str, openid: str) -> Relation:
        relation = self.relations.get(openid)
        if relation is None or relation.guide != guide:
            raise guide_error(GuideCode.NO_RELATION)
        return relation

    def forget(self, guide: str) -> None:
        """A removed guide serves no one."""
        self.relations = {openid: r for openid, r in self.relations.items() if r.guide != guide}

    # -- relations -----------------------------------------------------------------------------

    def bind(self, guide: str, body: dict[str, Any], call: Call) -> dict[str, Any]:
        if "buyer_list" not in body:
            openid, nickname = required(body, "openid"), text(body, "buyer_nickname") or ""
            return outcomes([openid], False, lambda o: self._bind(guide, call.follower(o), nickname, call))
        buyers = body["buyer_list"]
        if not isinstance(buyers, list) or not 1 <= len(buyers) <= MAX_BUYERS:
            raise invalid_args()
        names = {_openid_of(b): text(b, "buyer_nickname") or "" for b in buyers if isinstance(b, dict)}
        if len(names) != len(buyers):
            raise invalid_args()
        return outcomes(list(names), True, lambda o: self._bind(guide, call.follower(o), names[o], call))

    def _bind(self, guide: str, openid: str, nickname: str, call: Call) -> None:
        current = self.relations.get(openid)
        if current is not None and current.guide != guide:
            raise invalid_args()  # served by another guide: rebind instead
        if current is None:
            self.relations[openid] = Relation(guide, nickname, call.now)

    def unbind(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        openids, per_follower = batch(body)

        def drop(openid: str) -> None:
            relation = self.relations.get(openid)
            if relation is None or relation.guide != guide:
                raise guide_error(GuideCode.NO_RELATION_IN_BATCH)
            del self.relations[openid]

        return outcomes(openids, per_follower, drop)

    def rebind(self, old: str, new: str, body: dict[str, Any], call: Call) -> dict[str, Any]:
        openids, per_follower = batch(body)

        def move(openid: str) -> None:
            self.served(old, call.follower(openid)).guide = new

        return outcomes(openids, per_follower, move)

    def rename(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        self.served(guide, required(body, "openid")).nickname = required(body, "buyer_nickname")
        return {}

    def page(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        page, num = window(body, "page", "num", 10)
        mine = [r.describe(openid) for openid, r in self.relations.items() if r.guide == guide]
        return {"total_num": len(mine), "list": mine[page * num : (page + 1) * num]}

    def guide_of(self, body: dict[str, Any], call: Call) -> dict[str, Any]:
        openid = call.follower(body.get("openid"))
        relation = self.relations.get(openid)
        if relation is None:
            raise guide_error(GuideCode.NO_RELATION)
        return {**relation.describe(openid), **named(relation.guide)}

    def relation(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        openid = required(body, "openid")
        return self.served(guide, openid).describe(openid)

    # -- tags ----------------------------------------------------------------------------------

    def new_option(self, body: dict[str, Any]) -> dict[str, Any]:
        name, values = required(body, "tag_name"), strings(body, "tag_values")
        if name in self.options or len(self.options) >= MAX_TAGS:
            raise invalid_args()
        self.options[name] = self._fresh(values)
        return {}

    def add_values(self, body: dict[str, Any]) -> dict[str, Any]:
        values = self._option(body)
        values += self._fresh(strings(body, "tag_values"))
        return {}

    def _fresh(self, values: list[str]) -> list[str]:
        """Values no tag has yet, named once, within the account's 50 (40097 otherwise)."""
        taken = {value for values in self.options.values() for value in values}
        if len(set(values)) != len(values) or taken & set(values) or len(taken) + len(values) > MAX_TAG_VALUES:
            raise invalid_args()
        return values

    def delete_option(self, body: dict[str, Any]) -> dict[str, Any]:
        gone = set(self._option(body))
        del self.options[required(body, "tag_name")]
        for relation in self.relations.values():
            relation.tags -= gone
        return {}

    def _option(self, body: dict[str, Any]) -> list[str]:
        values = self.options.get(required(body, "tag_name"))
        if values is None:
            raise invalid_args()
        return values

    def listing(self) -> dict[str, Any]:
        return {"options": [{"tag_name": name, "tag_values": values} for name, values in self.options.items()]}

    def tag(self, guide: str, body: dict[str, Any], *, add: bool) -> dict[str, Any]:
        value = required(body, "tag_value")
        if not any(value in values for values in self.options.values()):
            raise guide_error(GuideCode.INVALID_TAG_VALUE)
        openids, per_follower = batch(body)

        def act(openid: str) -> None:
            tags = self.served(guide, openid).tags
            tags.add(value) if add else tags.discard(value)

        return outcomes(openids, per_follower, act)

    def tags_of(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        return {"tag_values": sorted(self.served(guide, required(body, "openid")).tags)}

    def by_tags(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        wanted = set(strings(body, "tag_values")) if body.get("tag_values") else set()
        if not wanted <= {value for values in self.options.values() for value in values}:
            raise guide_error(GuideCode.INVALID_TAG_VALUE)
        mine = [o for o, r in self.relations.items() if r.guide == guide and wanted <= r.tags]
        return {"openid_list": mine}

    def set_display(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        self.served(guide, required(body, "openid")).display_tags = strings(body, "display_tag_list")
        return {}

    def display(self, guide: str, body: dict[str, Any]) -> dict[str, Any]:
        shown = self.served(guide, required(body, "openid")).display_tags
        if shown is None:
            raise guide_error(GuideCode.NO_DISPLAY_TAGS)
        return {"display_tag_list": shown}
