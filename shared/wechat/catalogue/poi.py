"""微信门店: an account's offline stores — the old 门店管理 (``cgi-bin/poi/``) and the 门店小程序 (``wxa/``).

WeChat's 下线公告: from 2024-07-05 the 门店管理 plug-in adds no stores; ``cgi-bin/poi/addpoi`` is
deprecated with ``wxa/add_store`` as its replacement, while the other ``cgi-bin/poi/`` calls still
read, change (the service fields only) and delete the stores an account already has. The 门店小程序
is created once (``apply_merchant``: the account's administrator confirms, then WeChat reviews);
a store is then added on a Tencent Maps point (found by ``search_map_poi`` in a ``get_district``
district, or created by ``create_map_poi``), reviewed, and given its ``poi_id``.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "poi"
POI_ID = "472671857"  # the docs' example store
MAP_POI_ID = "2880741500279549033"  # the docs' example Tencent Maps point
PIC_LIST = '{"list":["http://mmbiz.qpic.cn/mmbiz_jpg/store/0?wx_fmt=jpeg"]}'


def _post(path: str, summary: str, example: dict[str, Any], *, changes: bool, **extra: Any) -> Endpoint:
    return Endpoint(path, "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example, **extra)


def _get(path: str, summary: str) -> Endpoint:
    return Endpoint(path, "GET", GROUP, summary, changes=False)


LEGACY_STORE = {
    "sid": "33788392", "business_name": "麦当劳", "branch_name": "艺苑路店", "province": "广东省", "city": "广州市",
    "district": "海珠区", "address": "艺苑路11号", "telephone": "020-12345678", "categories": ["美食,快餐小吃"],
    "offset_type": 1, "longitude": 115.32375, "latitude": 25.097486,
    "photo_list": [{"photo_url": "http://mmbiz.qpic.cn/mmbiz_jpg/store/0"}], "recommend": "麦辣鸡腿堡套餐",
    "special": "免费wifi,外卖服务", "introduction": "快餐", "open_time": "8:00-20:00", "avg_price": 35,
}  # fmt: skip

ENDPOINTS = (
    # 门店管理: reads, service-field changes and deletes of the stores an account already has.
    _post(
        "cgi-bin/poi/addpoi", "Add a store to 门店管理 (shut down: no new stores since 2024-07-05)",
        {"business": {"base_info": LEGACY_STORE}}, changes=True, replacement="wxa/add_store",
    ),
    _post("cgi-bin/poi/getpoi", "One store of 门店管理, with its review state", {"poi_id": POI_ID}, changes=False),
    _post(
        "cgi-bin/poi/getpoilist", "A page of the account's 门店管理 stores (at most 50)",
        {"begin": 0, "limit": 10}, changes=False,
    ),
    _post(
        "cgi-bin/poi/updatepoi", "Change a store's service fields (photos, hours, phone, …); WeChat reviews them",
        {"business": {"base_info": {"poi_id": POI_ID, "telephone": "020-12345678", "open_time": "8:00-22:00"}}},
        changes=True,
    ),
    _post("cgi-bin/poi/delpoi", "Delete a store of 门店管理", {"poi_id": POI_ID}, changes=True),
    _get("cgi-bin/poi/getwxcategory", "门店管理's store categories"),
    # 门店小程序: the merchant account, Tencent Maps points, and the stores on them.
    _get("wxa/get_merchant_category", "The 门店小程序 categories (first and second level, what each requires)"),
    _post(
        "wxa/apply_merchant", "Create the 门店小程序 (the administrator confirms, then WeChat reviews)",
        {
            "first_catid": 476, "second_catid": 477, "qualification_list": "RTZgKZ386yFn5kQSWLTxe4bq",
            "headimg_mediaid": "RTZgKZ386yFn5kQSWLTxe4bq", "nickname": "hardenzhang308", "intro": "hardenzhangtest",
            "org_code": "", "other_files": "",
        },
        changes=True,
    ),
    _get("wxa/get_merchant_audit_info", "The 门店小程序's review: audit_id, status and reason"),
    _post(
        "wxa/modify_merchant", "Change the 门店小程序's head image or introduction",
        {"headimg_mediaid": "", "intro": "新的介绍"}, changes=True,
    ),
    _get("wxa/get_district", "Tencent Maps' provinces, cities and districts"),
    _post(
        "wxa/search_map_poi", "Tencent Maps points in a district whose name holds a keyword",
        {"districtid": 440105, "keyword": "咖啡"}, changes=False,
    ),
    _post(
        "wxa/create_map_poi", "Ask Tencent Maps for a new point (reviewed)",
        {
            "name": "一号咖啡", "longitude": "113.323753357", "latitude": "23.0974903107", "province": "广东省",
            "city": "广州市", "district": "海珠区", "address": "新港中路397号", "category": "美食:咖啡厅",
            "telephone": "020-12345678", "photo": "http://mmbiz.qpic.cn/mmbiz_png/photo/0",
            "license": "http://mmbiz.qpic.cn/mmbiz_png/license/0", "introduct": "一家咖啡馆", "districtid": "440105",
        },
        changes=True,
    ),
    _post(
        "wxa/add_store", "Add a store on a Tencent Maps point (reviewed; the poi_id comes with approval)",
        {
            "poi_id": "", "map_poi_id": MAP_POI_ID, "pic_list": PIC_LIST, "contract_phone": "111111",
            "hour": "00:00-11:11", "credential": "22222222222", "company_name": "", "qualification_list": "",
            "card_id": "",
        },
        changes=True,
    ),
    _post(
        "wxa/update_store", "Change a store's pictures, phone, hours or card",
        {"poi_id": POI_ID, "hour": "10:00-21:00", "contract_phone": "123456", "pic_list": PIC_LIST, "card_id": ""},
        changes=True,
    ),
    _post("wxa/get_store_info", "One store of the 门店小程序", {"poi_id": POI_ID}, changes=False),
    _post(
        "wxa/get_store_list", "A page of the 门店小程序's stores (at most 50)", {"offset": 0, "limit": 10},
        changes=False,
    ),
    _post("wxa/del_store", "Delete a store of the 门店小程序", {"poi_id": POI_ID}, changes=True),
)  # fmt: skip
