"""The categories the fake offers: 门店管理's (``getwxcategory``) and the 门店小程序's (``get_merchant_category``)."""

from typing import Any

# cgi-bin/poi/getwxcategory: levels joined by commas, as WeChat lists them.
LEGACY_CATEGORIES = [
    "美食,江浙菜,上海菜", "美食,江浙菜,淮扬菜", "美食,川菜,火锅", "美食,快餐小吃", "美食,咖啡厅",
    "购物,超市", "购物,便利店", "生活服务,洗衣店", "酒店宾馆,经济型酒店",
]  # fmt: skip
_QUALIFY = {"exter_list": [{"inner_list": [{"name": "若涉及食品,请提供《食品经营许可证》或《卫生许可证》"}]}]}
# wxa/get_merchant_category: a root, first-level categories and their second level.
MERCHANT_CATEGORIES: list[dict[str, Any]] = [
    {"id": 0, "name": "root", "level": 0, "children": [269, 278, 476]},
    {"id": 269, "name": "美食", "level": 1, "father": 0, "children": [270]},
    {"id": 270, "name": "咖啡厅", "level": 2, "father": 269, "children": [], "qualify": _QUALIFY, "scene": 1,
     "sensitive_type": 1},
    {"id": 278, "name": "购物", "level": 1, "father": 0, "children": [279, 280]},
    {"id": 279, "name": "超市", "level": 2, "father": 278, "children": [], "scene": 3, "sensitive_type": 0},
    {"id": 280, "name": "便利店", "level": 2, "father": 278, "children": [], "qualify": _QUALIFY, "scene": 3,
     "sensitive_type": 1},
    {"id": 476, "name": "生活服务", "level": 1, "father": 0, "children": [477]},
    {"id": 477, "name": "洗衣店", "level": 2, "father": 476, "children": [], "scene": 3, "sensitive_type": 0},
]  # fmt: skip
SECOND_LEVEL = {(category["father"], category["id"]) for category in MERCHANT_CATEGORIES if category["level"] == 2}
# Second-level categories with sensitive_type 1: apply_merchant needs their certificates.
SENSITIVE = {category["id"] for category in MERCHANT_CATEGORIES if category.get("sensitive_type") == 1}
