"""The 2014 微信小店 (``merchant/*``): products, stock, postage, groups, shelves and orders of a
service account's own shop. Every row is shut down.

WeChat stopped maintaining it in July 2020 (no new shops; existing ones moved to 微信小商店), and
its successor today is the 微信小店 of 视频号, a separate product with its own API (``channels/ec/*``,
developers.weixin.qq.com/doc/store) that an official account's token does not reach. The rows stay
so that a caller of an old path is told so (410) instead of "not catalogued" (404).
"""

from shared.wechat.endpoint import Body, Endpoint, Method

GROUP = "merchant"
GONE = "WeChat retired the 2014 微信小店 (2020); its successor, the 微信小店 of 视频号, has its own API (channels/ec/*)"
_ROWS: tuple[tuple[str, Method, str], ...] = (
    # 商品
    ("create", "POST", "Create a product"),
    ("del", "POST", "Delete a product"),
    ("update", "POST", "Change a product"),
    ("get", "POST", "A product"),
    ("getbystatus", "POST", "Products by status"),
    ("modproductstatus", "POST", "Put a product on or off sale"),
    # 分类
    ("category/getsub", "POST", "A category's subcategories"),
    ("category/getsku", "POST", "A category's SKU attributes"),
    ("category/getproperty", "POST", "A category's properties"),
    # 库存
    ("stock/add", "POST", "Add stock"),
    ("stock/reduce", "POST", "Reduce stock"),
    # 邮费模板
    ("express/add", "POST", "Add a postage template"),
    ("express/del", "POST", "Delete a postage template"),
    ("express/update", "POST", "Change a postage template"),
    ("express/getbyid", "POST", "A postage template"),
    ("express/getall", "GET", "Every postage template"),
    # 分组
    ("group/add", "POST", "Add a product group"),
    ("group/del", "POST", "Delete a product group"),
    ("group/propertymod", "POST", "Rename a product group"),
    ("group/productmod", "POST", "Add products to a group or take them out"),
    ("group/getall", "GET", "Every product group"),
    ("group/getbyid", "POST", "A product group"),
    # 货架
    ("shelf/add", "POST", "Add a shelf"),
    ("shelf/del", "POST", "Delete a shelf"),
    ("shelf/mod", "POST", "Change a shelf"),
    ("shelf/getall", "GET", "Every shelf"),
    ("shelf/getbyid", "POST", "A shelf"),
    # 订单
    ("order/getbyid", "POST", "An order"),
    ("order/getbyfilter", "POST", "Orders by status and time"),
    ("order/setdelivery", "POST", "Mark an order shipped"),
    ("order/close", "POST", "Close an order"),
    # 功能: the image is the raw request body, named by the ``filename`` query parameter
    ("common/upload_img", "POST", "Upload a product image"),
)


def _gone(action: str, method: Method, summary: str) -> Endpoint:
    reads = method == "GET" or action.startswith(("get", "category/")) or "/get" in action
    return Endpoint(
        f"merchant/{action}", method, GROUP, summary, changes=not reads,
        body=Body.NONE if method == "GET" or action == "common/upload_img" else Body.JSON,
        query=("filename",) if action == "common/upload_img" else (), shut_down=GONE,
    )  # fmt: skip


ENDPOINTS = tuple(_gone(action, method, summary) for action, method, summary in _ROWS)
