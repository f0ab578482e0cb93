"""The template-message library (模板消息) with no I/O: each account's two industries and the templates
it picked from the category library.

WeChat's rules: industries are codes 1–41 (40102 otherwise; 40103 when not a number), changed once
a Beijing month (43100), and a change deletes the templates of the old industries; a template is
picked by its category number (40037 unknown) with the keywords it keeps, in order (40246 when empty
or not the template's); the old library's ``TM…``/``OPENTM…`` numbers answer 40247; 25 templates at
once (45026); deleting an unknown template_id is 40037. The category library is the fake's own small
one (``CATEGORY_TEMPLATES``), extended through ``POST /_control/templates/library``.
"""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.quota import BEIJING_UTC_OFFSET_SECONDS

MAX_TEMPLATES = 25
# 行业代码: (主行业, 副行业), codes 1–41.
INDUSTRIES: dict[int, tuple[str, str]] = dict(enumerate([
    ("IT科技", "互联网|电子商务"), ("IT科技", "IT软件与服务"), ("IT科技", "IT硬件与设备"), ("IT科技", "电子技术"),
    ("IT科技", "通信与运营商"), ("IT科技", "网络游戏"), ("金融业", "银行"), ("金融业", "基金|理财|信托"),
    ("金融业", "保险"), ("餐饮", "餐饮"), ("酒店旅游", "酒店"), ("酒店旅游", "旅游"), ("运输与仓储", "快递"),
    ("运输与仓储", "物流"), ("运输与仓储", "仓储"), ("教育", "培训"), ("教育", "院校"), ("政府与公共事业", "学术科研"),
    ("政府与公共事业", "交警"), ("政府与公共事业", "博物馆"), ("政府与公共事业", "公共事业|非盈利机构"),
    ("医药护理", "医药医疗"), ("医药护理", "护理美容"), ("医药护理", "保健与卫生"), ("交通工具", "汽车相关"),
    ("交通工具", "摩托车相关"), ("交通工具", "火车相关"), ("交通工具", "飞机相关"), ("房地产", "建筑"),
    ("房地产", "物业"), ("消费品", "消费品"), ("商业服务", "法律"), ("商业服务", "会展"), ("商业服务", "中介服务"),
    ("商业服务", "认证"), ("商业服务", "审计"), ("文体娱乐", "传媒"), ("文体娱乐", "体育"), ("文体娱乐", "娱乐休闲"),
    ("印刷", "印刷"), ("其它", "其它"),
], start=1))  # fmt: skip


@dataclass(frozen=True, slots=True)
class CategoryTemplate:
    """A template of the category library: its number, title, industry and keywords (name → type)."""

    number: str
    title: str
    industry: int
    keywords: tuple[tuple[str, str], ...]


CATEGORY_TEMPLATES = (
    CategoryTemplate("47123", "订单支付成功通知", 1, (("时间", "time"), ("地点", "thing"), ("金额", "amount"),
                                                   ("订单号", "character_string"))),
    CategoryTemplate("45001", "意见反馈通知", 2, (("反馈类型", "phrase"), ("反馈内容", "thing"), ("反馈人", "name"))),
    CategoryTemplate("43216", "快递发货提醒", 13, (("快递公司", "thing"), ("快递单号", "character_string"),
                                                ("发货时间", "time"), ("收件人", "name"))),
)  # fmt: skip


@dataclass
class PrivateTemplate:
    template_id: str
    source: CategoryTemplate
    keywords: list[tuple[str, str]]

    def listing(self) -> dict[str, Any]:
        primary, deputy = INDUSTRIES[self.source.industry]
        fields = [(name, f"{kind}{n}") for n, (name, kind) in enumerate(self.keywords, 1)]
        return {
            "template_id": self.template_id,
            "title": self.source.title,
            "primary_industry": primary,
            "deputy_industry": deputy,
            "content": "\n".join(f"{name}:{{{{{key}.DATA}}}}" for name, key in fields),
            "example": "\n".join(f"{name}:示例" for name, _ in fields),
        }


@dataclass
class Industries:
    primary: int
    secondary: int
    month: str


def _month(now: float) -> str:
    return datetime.fromtimestamp(now + BEIJING_UTC_OFFSET_SECONDS, UTC).strftime("%Y-%m")


def _industry_code(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ApiError(ErrCode.INVALID_INDUSTRY_INDEX)
    try:
        code = int(value)
    except ValueError:
        raise ApiError(ErrCode.INVALID_INDUSTRY_INDEX) from None
    if code not in INDUSTRIES:
        raise ApiError(ErrCode.INVALID_INDUSTRY_ID)
    return code


@dataclass
class TemplateLibrary:
    library: dict[str, CategoryTemplate] = field(default_factory=lambda: {t.number: t for t in CATEGORY_TEMPLATES})
    industries: dict[str, Industries] = field(default_factory=dict)
    private: dict[str, dict[str, PrivateTemplate]] = field(default_factory=dict)  # app -> template_id -> template

    def templates(self, app_id: str) -> dict[str, PrivateTemplate]:
        return self.private.setdefault(app_id, {})

    def set_industry(self, app_id: str, body: dict[str, Any], now: float) -> None:
        primary, secondary = _industry_code(body.get("industry_id1")), _industry_code(body.get("industry_id2"))
        current = self.industries.get(app_id)
        if current is not None and current.month == _month(now):
            raise ApiError(ErrCode.CHANGE_INDUSTRY_TOO_FREQUENTLY)
        self.industries[app_id] = Industries(primary, secondary, _month(now))
        kept = {primary, secondary}
        templates = self.templates(app_id)
        for template_id in [t.template_id for t in templates.values() if t.source.industry not in kept]:
            del templates[template_id]

    def industry(self, app_id: str) -> dict[str, Any]:
        chosen = self.industries.get(app_id)
        codes = (chosen.primary, chosen.secondary) if chosen is not None else (None, None)
        names = [INDUSTRIES.get(code, ("", "")) if code else ("", "") for code in codes]
        return {
            "primary_industry": {"first_class": names[0][0], "second_class": names[0][1]},
            "secondary_industry": {"first_class": names[1][0], "second_class": names[1][1]},
        }

    def add(self, app_id: str, body: dict[str, Any]) -> PrivateTemplate:
        number, names = body.get("template_id_short"), body.get("keyword_name_list")
        if not isinstance(number, str) or not number:
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        if number.upper().startswith(("TM", "OPENTM")):
            raise ApiError(ErrCode.OLD_TEMPLATE_LIBRARY)
        source = self.library.get(number)
        if source is None:
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        kinds = dict(source.keywords)
        if not isinstance(names, list) or not names or any(name not in kinds for name in names):
            raise ApiError(ErrCode.INVALID_KEYWORD_NAME)
        templates = self.templates(app_id)
        if len(templates) >= MAX_TEMPLATES:
            raise ApiError(ErrCode.TEMPLATE_NUM_EXCEEDS_LIMIT)
        template = PrivateTemplate(secrets.token_urlsafe(32), source, [(name, kinds[name]) for name in names])
        templates[template.template_id] = template
        return template

    def delete(self, app_id: str, template_id: object) -> None:
        templates = self.templates(app_id)
        if not isinstance(template_id, str) or template_id not in templates:
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        del templates[template_id]

    def listing(self, app_id: str) -> list[dict[str, Any]]:
        return [template.listing() for template in self.templates(app_id).values()]
