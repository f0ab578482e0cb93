"""微信"扫一扫": a brand owner's product pages, opened when a follower scans the product's barcode or QR code.

Still documented by WeChat (doc/service/…/WeChat_Scan) for brand owners granted the feature.
A product is keyed by its code standard and code (``keystandard`` ean13/ean8/qrcode, ``keystr``);
it is visible to the test whitelist until published (``modstatus`` on: review, then on).

The 微信商品库 v2 (``scan/product/v2/*``, WeChat's announcement 11533749572M9ODP and the third-party
platform's "代公众号" goods page; called with the account's own token) is a library of the account's
products keyed by ``pid``: ``add`` imports or updates up to 1,000 at once (≤ 2 MB a request)
asynchronously and answers a ``status_ticket`` that ``status`` follows; ``getinfo`` reads one,
``getinfobypage`` pages through them all.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "scan"
_KEY = {"keystandard": "ean13", "keystr": "6900873042720"}
_PRODUCT = {
    **_KEY,
    "brand_info": {
        "base_info": {
            "title": "扫一扫动态主页", "thumb_url": "http://mmbiz.qpic.cn/mmbiz/thumb/0", "brand_tag": "品牌",
            "category_id": 53, "retail_price": "20.00", "store_mgr_type": "auto", "color": "auto",
        },
        "detail_info": {"banner_list": [], "detail_list": [{"title": "产品名称", "desc": "相框"}]},
        "action_info": {"action_list": [{"type": "text", "name": "介绍", "text": "简介"}]},
    },
}  # fmt: skip
_GOODS = {
    "pid": "pid001", "title": "洗衣液 2 kg", "sub_title": "薰衣草香", "brand": "品牌", "desc": "深层洁净",
    "image_info": {"main_image_list": [{"url": "http://mmbiz.qpic.cn/mmbiz/goods/1"}]},
    "category_info": {"category_item": [{"category_name": "洗护"}, {"category_name": "洗衣液"}]},
    "link_info": {"link_type": "wxa", "wxa_appid": "wx0000000000000001", "url": "pages/goods/index?pid=pid001"},
    "price_info": {"min_price": 39.9, "max_price": 39.9, "min_ori_price": 59.9, "max_ori_price": 59.9},
    "sale_info": {"sale_status": "on", "stock": 100},
    "shop_info": {"source": 2},
}  # fmt: skip


def _post(action: str, summary: str, example: dict[str, Any], *, changes: bool) -> Endpoint:
    return Endpoint(f"scan/{action}", "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example)


ENDPOINTS = (
    Endpoint("scan/merchantinfo/get", "GET", GROUP, "The brand owner's categories and barcode ranges", changes=False),
    _post("product/create", "Create a product page (≤ 100,000 an account)", _PRODUCT, changes=True),
    _post(
        "product/modstatus", "Submit a product for review (on) or unpublish it (off)", {**_KEY, "status": "on"},
        changes=True,
    ),
    _post(
        "testwhitelist/set", "Replace the test whitelist (≤ 10 openids and WeChat ids)",
        {"openid": ["oFS7Fjl0WsZ9AMZqrI80nbIq8xrA"], "username": []}, changes=True,
    ),
    _post(
        "product/getqrcode", "A QR code for a product", {**_KEY, "extinfo": "batch1", "qrcode_size": 100}, changes=True,
    ),
    _post("product/get", "A product page", _KEY, changes=False),
    _post(
        "product/getlist", "A page of products (by status or code)", {"offset": 0, "limit": 10, "status": "all"},
        changes=False,
    ),
    _post("product/update", "Change a product page", _PRODUCT, changes=True),
    _post("product/clear", "Delete a product", _KEY, changes=True),
    _post(
        "scanticket/check", "Check the wxticket a scan carried to a product page", {"ticket": "WXTICKET"},
        changes=False,
    ),
    _post(
        "product/v2/add", "Import or update up to 1,000 商品库 products, asynchronously (a status_ticket)",
        {"product": [_GOODS]}, changes=True,
    ),
    _post(
        "product/v2/status", "How an import went, product by product", {"status_ticket": "115141102647330200"},
        changes=False,
    ),
    _post("product/v2/getinfo", "A 商品库 product by pid", {"product": {"pid": "pid001"}}, changes=False),
    _post(
        "product/v2/getinfobypage", "A page of the 商品库", {"page_context": "", "page_num": 1, "page_size": 10},
        changes=False,
    ),
)  # fmt: skip
