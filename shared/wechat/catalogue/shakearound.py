"""摇一摇周边: iBeacon devices that, shaken near, show the account's pages (and its red-packet lotteries).

An account registers for the feature (reviewed by WeChat), applies for device IDs (UUID/major/minor;
fewer than 500 at once are approved at once, more go to manual review, at most 10,000 per account),
describes pages (title ≤ 6 CJK characters or 12 letters, description ≤ 7 / 14, comment ≤ 15 / 30),
binds up to 30 pages to a device, groups devices for the H5 shake API and reads shake statistics.
A shake's page URL carries a ``ticket`` (30 minutes) that ``user/getshakeinfo`` turns into who shook what.
Every answer but the lottery's is ``{"data": …, "errcode": 0, "errmsg": "success."}``; the lottery's
carries its fields beside ``errcode`` with an empty ``errmsg``.

The examples name the objects a new account gets first in the fake (page 12345, application 123,
device 10011, group 123), in the order a real rollout calls them.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "shakearound"
DEVICE = {"device_id": 10011, "uuid": "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", "major": 10001, "minor": 10011}
PAGE_ID = 12345
GROUP_ID = 123
# Shake statistics are per China day: the examples ask for two whole days before the fake's first morning.
DAY_BEFORE_YESTERDAY, YESTERDAY = 1699804800, 1699891200
PAGE = {
    "title": "主标题", "description": "副标题", "page_url": "https://zb.weixin.qq.com",
    "comment": "数据示例", "icon_url": "http://shp.qpic.cn/wechat_shakearound_pic/0/1428377032/120",
}  # fmt: skip


def _post(path: str, summary: str, example: dict[str, Any], *, changes: bool, **extra: Any) -> Endpoint:
    return Endpoint(f"shakearound/{path}", "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example,
                    **extra)  # fmt: skip


ENDPOINTS = (
    _post(
        "account/register", "Apply to open 摇一摇周边 (reviewed within three working days; not again while reviewed)",
        {"name": "zhang_san", "phone_number": "13512345678", "email": "weixin123@qq.com", "industry_id": "0118",
         "qualification_cert_urls": ["http://shp.qpic.cn/wx_shake_bus/0/1428565236d03d864b7f43db9ce34df5f720509d0e/0"],
         "apply_reason": "门店导购"},
        changes=True,
    ),
    Endpoint("shakearound/account/auditstatus", "GET", GROUP, "The registration's review status", changes=False),
    Endpoint(
        "shakearound/material/add", "POST", GROUP,
        "Upload an image: type=icon (a page's square icon, ≤ 200×200) or license (a qualification, ≤ 2 MB)",
        changes=True, body=Body.MULTIPART, upload_field="media", query=("type",),
    ),
    _post("page/add", "Add a page a shake shows", PAGE, changes=True),
    _post("page/update", "Change a page (every field again)", {"page_id": PAGE_ID, **PAGE, "title": "新标题"},
          changes=True),
    _post("page/search", "Pages by id (type 1) or a range of all (type 2, ≤ 50)", {"type": 2, "begin": 0, "count": 10},
          changes=False),
    _post(
        "device/applyid", "Apply for device IDs (< 500 approved at once; ≥ 500 reviewed; ≤ 10,000 an account)",
        {"quantity": 3, "apply_reason": "门店部署", "comment": "一号店", "poi_id": 1234}, changes=True,
    ),
    _post("device/applystatus", "An application's review status", {"apply_id": 123}, changes=False),
    _post("device/update", "Change a device's comment", {"device_identifier": DEVICE, "comment": "收银台"},
          changes=True),
    _post("device/bindlocation", "Place a device in a store (poi_id; 0 removes it)",
          {"device_identifier": DEVICE, "poi_id": 1234}, changes=True),
    _post(
        "device/search", "Devices by id (type 1, ≤ 50), all from last_seen (type 2) or of an application (type 3)",
        {"type": 2, "last_seen": 0, "count": 10}, changes=False,
    ),
    _post("device/bindpage", "The pages a shake near a device shows (≤ 30; replaces the device's pages)",
          {"device_identifier": DEVICE, "page_ids": [PAGE_ID]}, changes=True),
    _post("relation/search", "A device's pages (type 1) or a page's devices (type 2, ≤ 50)",
          {"type": 2, "page_id": PAGE_ID, "begin": 0, "count": 10}, changes=False),
    _post("device/group/add", "Add a device group (≤ 1,000 an account)", {"group_name": "一号店"}, changes=True),
    _post("device/group/update", "Rename a group", {"group_id": GROUP_ID, "group_name": "一号店门口"}, changes=True),
    _post("device/group/adddevice", "Add devices to a group (≤ 1,000 a call, ≤ 10,000 a group)",
          {"group_id": GROUP_ID, "device_identifiers": [DEVICE]}, changes=True),
    _post("device/group/getlist", "The groups (≤ 1,000 a page)", {"begin": 0, "count": 10}, changes=False),
    _post("device/group/getdetail", "A group and its devices (≤ 1,000 a page)",
          {"group_id": GROUP_ID, "begin": 0, "count": 100}, changes=False),
    _post("device/group/deletedevice", "Remove devices from a group (≤ 1,000 a call)",
          {"group_id": GROUP_ID, "device_identifiers": [DEVICE]}, changes=True),
    _post("device/group/delete", "Delete an empty group", {"group_id": GROUP_ID}, changes=True),
    _post("user/getshakeinfo", "Who shook which device to reach a page, from the page URL's ticket (30 minutes)",
          {"ticket": "6ab3d8465166598a5f4e8c1b44f44645", "need_poi": 1}, changes=False),
    _post(
        "statistics/device", "A device's shakes and clicks per day (≤ 30 days, the last 90, not today)",
        {"device_identifier": DEVICE, "begin_date": DAY_BEFORE_YESTERDAY, "end_date": YESTERDAY}, changes=False,
    ),
    _post("statistics/devicelist", "Every device's shakes on one day, 50 a page from page_index 1",
          {"date": YESTERDAY, "page_index": 1}, changes=False),
    _post(
        "statistics/page", "A page's shakes and clicks per day (≤ 30 days, the last 90, not today)",
        {"page_id": PAGE_ID, "begin_date": DAY_BEFORE_YESTERDAY, "end_date": YESTERDAY}, changes=False,
    ),
    _post("statistics/pagelist", "Every page's shakes on one day, 50 a page from page_index 1",
          {"date": YESTERDAY, "page_index": 1}, changes=False),
    _post("page/delete", "Delete a page no device shows", {"page_id": PAGE_ID}, changes=True),
    _post(
        "lottery/addlotteryinfo", "Create a red-packet lottery (use_template and logo_url in the query; ≤ 91 days)",
        {"title": "摇红包", "desc": "开业有礼", "onoff": 1, "begin_time": 1700000000, "expire_time": 1700604800,
         "sponsor_appid": "wx476f028272e53c62", "total": 10, "jump_url": "https://zb.weixin.qq.com",
         "key": "u5pPq38tQP97yGn8iZxbBsfWvbn37poP"},
        changes=True, query=("use_template", "logo_url"),
    ),
    _post(
        "lottery/setprizebucket", "Add red-packet tickets from WeChat Pay's pre-order (≤ 100 a call, ≤ the total)",
        {"lottery_id": "5794560", "mchid": "1234567890", "sponsor_appid": "wx476f028272e53c62",
         "prize_info_list": [{"ticket": "v1|ZiPs2l0hpMBp3uwGI1rwp45vOdz"}]},
        changes=True,
    ),
    Endpoint("shakearound/lottery/setlotteryswitch", "GET", GROUP, "Turn a lottery's drawing on (1) or off (0)",
             changes=True, query=("lottery_id", "onoff")),
    Endpoint("shakearound/lottery/querylottery", "GET", GROUP, "A lottery and its tickets (drawn, available, expired)",
             changes=False, query=("lottery_id",)),
)  # fmt: skip
