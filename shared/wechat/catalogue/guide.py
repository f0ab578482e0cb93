"""对话能力 (formerly 导购助手, the "guide" API; docs under Shopping_Guide): an account's guides (顾问),
their groups and settings, the followers each guide serves (客户), the tags guides put on them, the
materials guides send, and mass-send jobs guides carry out.

Every call is a JSON POST under ``cgi-bin/guide/``. A guide is named by ``guide_account`` (their WeChat
ID) or ``guide_openid``; batch calls take at most 200 followers.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "guide"
GUIDE = {"guide_account": "guide_zhang"}
BUYER = {**GUIDE, "openid": "oBuyer0001"}
MATERIAL_TYPE = {"type": 0}  # 0: the account's materials
IMAGE = {"media_id": "MEDIA_ID_1"}  # a permanent image material
CARD = {"title": "新品", "path": "pages/index", "appid": "wx1234567890abcdef"}
TAG = {"tag_name": "会员等级"}
OFFLINE_REPLY = {"content": "稍后回复", "msgtype": 1}


def _change(action: str, summary: str, example: dict[str, Any]) -> Endpoint:
    return Endpoint(f"cgi-bin/guide/{action}", "POST", GROUP, summary, changes=True, body=Body.JSON, example=example)


def _read(action: str, summary: str, example: dict[str, Any]) -> Endpoint:
    return Endpoint(f"cgi-bin/guide/{action}", "POST", GROUP, summary, changes=False, body=Body.JSON, example=example)


ENDPOINTS = (
    # guides (顾问管理)
    _change("addguideacct", "Add a guide (顾问)", {**GUIDE, "guide_nickname": "张顾问"}),
    _read("getguideacct", "A guide's nickname, picture and status", GUIDE),
    _change("updateguideacct", "Change a guide's nickname or picture", {**GUIDE, "guide_nickname": "张经理"}),
    _read("getguideacctlist", "A page of the account's guides", {"page": 0, "num": 10}),
    _change("guidecreateqrcode", "A QR code that binds its scanner to a guide", {**GUIDE, "qrcode_info": "store-1"}),
    _change("setguideconfig", "Set a guide's quick replies and welcome messages",
            {**GUIDE, "is_delete": False, "guide_fast_reply_list": [{"content": "您好，有什么可以帮您？"}]}),
    _read("getguideconfig", "A guide's quick replies and welcome messages", GUIDE),
    _change("setguideacctconfig", "Set the account's blocked words and offline reply",
            {"is_delete": False, "black_keyword": {"values": ["敏感词"]}, "guide_auto_reply": OFFLINE_REPLY}),
    _read("getguideacctconfig", "The account's blocked words and offline reply", {}),
    _change("pushshowwxapathmenu", "Let a follower copy a mini program page's path",
            {"appid": "wx1234567890abcdef", "userid": "oBuyer0001"}),
    # guide groups
    _change("newguidegroup", "Create a group of guides", {"group_name": "华南门店"}),
    _read("getguidegrouplist", "Every group of guides", {}),
    _read("getgroupinfo", "A group and a page of its guides", {"group_id": 1, "page": 0, "num": 10}),
    _change("addguide2guidegroup", "Put a guide in a group", {"group_id": 1, **GUIDE}),
    _read("getgroupbyguide", "The groups a guide is in", GUIDE),
    # followers served by guides (客户管理)
    _change("addguidebuyerrelation", "Give a guide followers to serve (≤ 200)", {**BUYER, "buyer_nickname": "李女士"}),
    _read("getguidebuyerrelationlist", "A page of a guide's followers", {**GUIDE, "page": 0, "num": 10}),
    _change("updateguidebuyerrelation", "Change a follower's nickname for their guide",
            {**BUYER, "buyer_nickname": "李小姐"}),
    _read("getguidebuyerrelationbybuyer", "The guide serving a follower", {"openid": "oBuyer0001"}),
    _read("getguidebuyerrelation", "A guide's relation to one follower", BUYER),
    _read(
        "getguidebuyerchatrecord", "A page of a guide's chat with a follower",
        {**BUYER, "begin_time": 1700000000, "end_time": 1700086400, "page": 1, "num": 10},
    ),
    # tags (标签管理)
    _change("newguidetagoption", "Create a tag and its values", {**TAG, "tag_values": ["金卡", "银卡"]}),
    _change("addguidetagoption", "Add values to a tag", {**TAG, "tag_values": ["白金卡"]}),
    _read("getguidetagoption", "Every tag and its values", {}),
    _change("addguidebuyertag", "Tag followers with a value (≤ 200)", {**BUYER, "tag_value": "金卡"}),
    _read("getguidebuyertag", "A follower's tag values", BUYER),
    _read("queryguidebuyerbytag", "A guide's followers with the given tag values", {**GUIDE, "tag_values": ["金卡"]}),
    _change("addguidebuyerdisplaytag", "Set what a guide sees about a follower",
            {**BUYER, "display_tag_list": ["爱喝咖啡"]}),
    _read("getguidebuyerdisplaytag", "What a guide sees about a follower", BUYER),
    # materials (素材管理)
    _change("setguidecardmaterial", "Add a mini program card material", {**MATERIAL_TYPE, **IMAGE, **CARD}),
    _read("getguidecardmaterial", "The mini program card materials", MATERIAL_TYPE),
    _change("setguideimagematerial", "Add an image material", {**MATERIAL_TYPE, **IMAGE}),
    _read("getguideimagematerial", "A page of the image materials", {**MATERIAL_TYPE, "start": 0, "num": 20}),
    _change("setguidewordmaterial", "Add a text material (≤ 10,240 bytes)", {**MATERIAL_TYPE, "word": "欢迎光临"}),
    _read("getguidewordmaterial", "A page of the text materials", {**MATERIAL_TYPE, "start": 0, "num": 20}),
    # mass-send jobs (群发任务管理)
    _change("addguidemassendjob", "Give a guide a mass-send job (≤ 200 followers, ≤ 3 materials)", {
        **GUIDE, "task_name": "新品上市", "task_remark": "本周内发完", "push_time": 1900000000,
        "openid": ["oBuyer0001"], "material": [{"type": 1, "word": "新品到店"}],
    }),
    _read("getguidemassendjoblist", "A guide's mass-send jobs",
          {**GUIDE, "task_status": [1], "offset": 0, "limit": 50}),
    _read("getguidemassendjob", "One mass-send job", {"task_id": 1}),
    _change("updateguidemassendjob", "Change a mass-send job that has not run",
            {"task_id": 1, "task_name": "新品上市（改）"}),
    _change("cancelguidemassendjob", "Cancel a mass-send job that has not run", {"task_id": 1}),
    # removals last, so that the examples run in order against one account
    _change("delguidewordmaterial", "Delete a text material", {**MATERIAL_TYPE, "word": "欢迎光临"}),
    _change("delguideimagematerial", "Delete an image material", {**MATERIAL_TYPE, "picurl": "https://mmbiz.qpic.cn/guide/1"}),
    _change("delguidecardmaterial", "Delete a mini program card material", {**MATERIAL_TYPE, **CARD}),
    _change("delguidebuyertag", "Remove a tag value from followers", {**BUYER, "tag_value": "金卡"}),
    _change("delguidetagoption", "Delete a tag", TAG),
    _change("rebindguideacctforbuyer", "Move followers to another guide (≤ 200)",
            {"old_guide_account": "guide_zhang", "new_guide_account": "guide_wang", "openid": "oBuyer0001"}),
    _change("delguidebuyerrelation", "Take followers from a guide (≤ 200)",
            {"guide_account": "guide_wang", "openid": "oBuyer0001"}),
    _change("delguide2guidegroup", "Take a guide out of a group", {"group_id": 1, **GUIDE}),
    _change("delguidegroup", "Delete a group of guides", {"group_id": 1}),
    _change("delguideacct", "Remove a guide", GUIDE),
)  # fmt: skip
