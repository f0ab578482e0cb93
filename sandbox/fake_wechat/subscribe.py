"""Subscription notifications (订阅通知) and one-time subscription messages with no I/O.

The public library is the fake's own (``PUBLIC_TITLES``; more through the control API): titles of
categories, each with keywords of a type (``rule``). An account picks a title and 2–5 of its keywords
(200014 unknown tid, 200020 a bad kidList, 200021 a scene description past 15 characters, 200012 past
25 templates); a template's field is its keyword's type and kid (``thing1``). A follower subscribes
(the control API plays their tap): a one-time template allows one send, a long-term one every send
until they cancel; sending without allows nothing (43101). Values are checked by type (47003) with
the platform's own rules (``shared.wechat.models.subscribe``, from WeChat's 参数值内容限制说明).
"""

import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from shared.wechat.models.subscribe import value_error

ONE_TIME, LONG_TERM = 2, 3
MAX_TEMPLATES, MIN_KIDS, MAX_KIDS, SCENE_DESC_CHARS, MAX_LIMIT = 25, 2, 5, 15, 30
ONCE_TITLE_CHARS, ONCE_CONTENT_CHARS, MAX_SCENE = 15, 200, 10_000
FIRST_MSGID = 1_700_000_000_000_000_000
DEFAULT_CATEGORIES = ({"id": 616, "name": "商业服务"},)


@dataclass(frozen=True, slots=True)
class Keyword:
    kid: int
    name: str
    rule: str
    example: str


@dataclass(frozen=True, slots=True)
class Title:
    tid: int
    title: str
    type: int
    category_id: int
    keywords: tuple[Keyword, ...]

    def listing(self) -> dict[str, Any]:
        return {"tid": self.tid, "title": self.title, "type": self.type, "categoryId": str(self.category_id)}


PUBLIC_TITLES = (
    Title(99, "付款成功通知", ONE_TIME, 616, (
        Keyword(1, "商品名称", "thing", "咖啡"), Keyword(2, "付款时间", "time", "2019年10月1日 15:01"),
        Keyword(3, "付款金额", "amount", "¥29.90"), Keyword(4, "订单号", "character_string", "A20191001001"),
        Keyword(5, "支付状态", "phrase", "已支付"), Keyword(6, "联系电话", "phone_number", "020-88888888"),
    )),
    Title(1001, "预约成功通知", LONG_TERM, 616, (
        Keyword(1, "预约项目", "thing", "年检"), Keyword(2, "预约时间", "time", "15:01"),
        Keyword(3, "预约人", "name", "张三"), Keyword(4, "车牌号", "car_number", "粤A8Z888"),
    )),
)  # fmt: skip


@dataclass
class SubscribeTemplate:
    pri_tmpl_id: str
    title: Title
    keywords: list[Keyword]

    @property
    def fields(self) -> dict[str, str]:
        return {f"{k.rule}{k.kid}": k.name for k in self.keywords}

    def listing(self) -> dict[str, Any]:
        content = "\n".join(f"{name}:{{{{{key}.DATA}}}}" for key, name in self.fields.items())
        example = "\n".join(f"{k.name}:{k.example}" for k in self.keywords)
        return {"priTmplId": self.pri_tmpl_id, "title": self.title.title, "content": content, "example": example,
                "type": self.title.type}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SentNotice:
    """A notification WeChat accepted: reported back as ``subscribe_msg_sent_event``."""

    app_id: str
    openid: str
    template_id: str
    msgid: int
    sent_at: int


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value) if isinstance(value, int | str) else None
    except ValueError:
        return None


@dataclass
class SubscribeDesk:
    titles: dict[int, Title] = field(default_factory=lambda: {t.tid: t for t in PUBLIC_TITLES})
    categories: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    private: dict[str, dict[str, SubscribeTemplate]] = field(default_factory=dict)
    grants: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (app, openid, priTmplId) -> sends left
    once: set[tuple[str, str, str, int]] = field(default_factory=set)  # (app, openid, template_id, scene)
    sent: list[SentNotice] = field(default_factory=list)  # append-only: the sandbox reports each
    _msgids: Any = field(default_factory=lambda: itertools.count(FIRST_MSGID))

    def categories_of(self, app_id: str) -> list[dict[str, Any]]:
        return self.categories.get(app_id, [dict(c) for c in DEFAULT_CATEGORIES])

    def templates(self, app_id: str) -> dict[str, SubscribeTemplate]:
        return self.private.setdefault(app_id, {})

    # -- the library -----------------------------------------------------------------------------

    def title_page(self, app_id: str, query: dict[str, str]) -> dict[str, Any]:
        raw_ids = query.get("ids")
        if not raw_ids:
            raise ApiError(ErrCode.CATEGORY_IDS_MISSING)
        ids = [_integer(part.strip()) for part in raw_ids.strip('"').split(",")]
        mine = {int(c["id"]) for c in self.categories_of(app_id)}
        if any(i is None or i not in mine for i in ids):
            raise ApiError(ErrCode.INVALID_CATEGORY_IDS)
        start, limit = _integer(query.get("start", "0")), _integer(query.get("limit", ""))
        if start is None or start < 0:
            raise ApiError(ErrCode.INVALID_START)
        if limit is None or not 1 <= limit <= MAX_LIMIT:
            raise ApiError(ErrCode.INVALID_LIMIT)
        found = [t for t in self.titles.values() if t.category_id in ids]
        return {"count": len(found), "data": [t.listing() for t in found[start : start + limit]]}

    def title(self, tid: object) -> Title:
        number = _integer(tid)
        found = self.titles.get(number) if number is not None else None
        if found is None:
            raise ApiError(ErrCode.INVALID_TID)
        return found

    def keywords(self, tid: object) -> dict[str, Any]:
        keywords = self.title(tid).keywords
        data = [{"kid": k.kid, "name": k.name, "example": k.example, "rule": k.rule} for k in keywords]
        return {"count": len(data), "data": data}

    def add(self, app_id: str, body: dict[str, Any]) -> SubscribeTemplate:
        title = self.title(body.get("tid"))
        kids, scene = body.get("kidList"), body.get("sceneDesc", "")
        by_kid = {k.kid: k for k in title.keywords}
        if (
            not isinstance(kids, list) or not MIN_KIDS <= len(kids) <= MAX_KIDS or len(set(map(str, kids))) != len(kids)
            or any(_integer(kid) not in by_kid for kid in kids)
        ):  # fmt: skip
            raise ApiError(ErrCode.INVALID_KID_LIST)
        if not isinstance(scene, str) or len(scene) > SCENE_DESC_CHARS:
            raise ApiError(ErrCode.INVALID_SCENE_DESC)
        templates = self.templates(app_id)
        if len(templates) >= MAX_TEMPLATES:
            raise ApiError(ErrCode.PRIVATE_TEMPLATE_LIMIT)
        template = SubscribeTemplate(secrets.token_urlsafe(32), title, [by_kid[int(kid)] for kid in kids])
        templates[template.pri_tmpl_id] = template
        return template

    def template(self, app_id: str, template_id: object) -> SubscribeTemplate:
        template = self.templates(app_id).get(template_id) if isinstance(template_id, str) else None
        if template is None:
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        return template

    def delete(self, app_id: str, template_id: object) -> None:
        del self.templates(app_id)[self.template(app_id, template_id).pri_tmpl_id]

    # -- sends -----------------------------------------------------------------------------------

    def subscribe(self, app_id: str, openid: str, template_id: str, count: int) -> None:
        """A follower's tap: ``count`` more sends of a one-time template, or (long-term) every send."""
        template = self.template(app_id, template_id)
        key = (app_id, openid, template.pri_tmpl_id)
        self.grants[key] = -1 if template.title.type == LONG_TERM else self.grants.get(key, 0) + count

    def cancel(self, app_id: str, openid: str, template_id: str) -> None:
        self.grants.pop((app_id, openid, template_id), None)

    def send(self, app_id: str, openid: str, body: dict[str, Any], now: float) -> SentNotice:
        template = self.template(app_id, body.get("template_id"))
        data = body.get("data")
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ApiError(ErrCode.DATA_FORMAT_ERROR)
        for name in template.fields:
            if value_error(name, data.get(name, {}).get("value")) is not None:
                raise ApiError(ErrCode.ARGUMENT_INVALID, f"argument invalid! data.{name}.value invalid")
        grant = (app_id, openid, template.pri_tmpl_id)
        left = self.grants.get(grant, 0)
        if left == 0:
            raise ApiError(ErrCode.USER_REFUSED_SUBSCRIPTION)
        if left > 0:
            self.grants[grant] = left - 1
        notice = SentNotice(app_id, openid, template.pri_tmpl_id, next(self._msgids), int(now))
        self.sent.append(notice)
        return notice

    def allow_once(self, app_id: str, openid: str, template_id: str, scene: int) -> None:
        self.once.add((app_id, openid, template_id, scene))

    def send_once(self, app_id: str, openid: str, body: dict[str, Any]) -> None:
        template_id = body.get("template_id")
        if not isinstance(template_id, str) or not template_id:
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        scene = _integer(body.get("scene"))
        if scene is None or not 0 <= scene <= MAX_SCENE:
            raise ApiError(ErrCode.INVALID_SCENE)
        title, data = body.get("title"), body.get("data")
        if not isinstance(title, str) or not 1 <= len(title) <= ONCE_TITLE_CHARS:
            raise ApiError(ErrCode.ARGUMENT_INVALID, "argument invalid! title")
        content = data.get("content") if isinstance(data, dict) else None
        value = content.get("value") if isinstance(content, dict) else None
        if not isinstance(value, str) or not 1 <= len(value) <= ONCE_CONTENT_CHARS:
            raise ApiError(ErrCode.ARGUMENT_INVALID, "argument invalid! data.content.value")
        key = (app_id, openid, template_id, scene)
        if key not in self.once:
            raise ApiError(ErrCode.USER_REFUSED_SUBSCRIPTION)
        self.once.discard(key)

    def describe(self, app_id: str) -> dict[str, Any]:
        return {
            "categories": self.categories_of(app_id),
            "templates": [t.listing() for t in self.templates(app_id).values()],
            "grants": [
                {"openid": o, "template_id": t, "left": "long-term" if n < 0 else n}
                for (a, o, t), n in self.grants.items()
                if a == app_id
            ],
            "sent": [vars_of(n) for n in self.sent if n.app_id == app_id],
        }


def vars_of(notice: SentNotice) -> dict[str, Any]:
    return {"openid": notice.openid, "template_id": notice.template_id, "msgid": notice.msgid, "at": notice.sent_at}
