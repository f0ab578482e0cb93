"""What 摇一摇周边 refuses, as the fake answers it: its 9001xxx codes and the checks they guard.

WeChat counts a text's length in letters, a CJK character counting two ("不超过6个汉字或12个英文字母").
A device is named by ``device_id`` or, without one, by the full ``uuid``/``major``/``minor``.
"""

from typing import Any

from sandbox.fake_wechat.body_fields import width
from sandbox.fake_wechat.errors import ApiError

POST_INVALID = 9001001
TICKET_INVALID = 9001003
FILE_MISSING = 9001007
FILE_TYPE_INVALID = 9001008
FILE_SIZE_INVALID = 9001009
ACCOUNT_INVALID = 9001020
ACTIVATION_TOO_LOW = 9001021
QUANTITY_INVALID = 9001022
APPLICATION_UNDER_REVIEW = 9001023
TOO_MANY_DEVICES = 9001024
DEVICE_INVALID = 9001025
PAGE_INVALID = 9001026
PAGE_ARGS_INVALID = 9001027
PAGE_IN_USE = 9001029
TOO_MANY_PAGES = 9001030
DATE_RANGE_INVALID = 9001031
BIND_ARGS_INVALID = 9001032
POI_INVALID = 9001033
COMMENT_TOO_LONG = 9001034
APPLICATION_INVALID = 9001035
BEGIN_INVALID = 9001036
MESSAGES = {
    POST_INVALID: "POST数据参数不合法", TICKET_INVALID: "Ticket不合法", FILE_MISSING: "上传文件缺失",
    FILE_TYPE_INVALID: "上传素材的文件类型不合法", FILE_SIZE_INVALID: "上传素材的文件尺寸不合法",
    ACCOUNT_INVALID: "帐号不合法", ACTIVATION_TOO_LOW: "已有设备激活率低于50%，不能新增设备",
    QUANTITY_INVALID: "设备申请数不合法，必须为大于0的数字", APPLICATION_UNDER_REVIEW: "已存在审核中的设备ID申请",
    TOO_MANY_DEVICES: "一次查询设备ID数量不能超过50", DEVICE_INVALID: "设备ID不合法", PAGE_INVALID: "页面ID不合法",
    PAGE_ARGS_INVALID: "页面参数不合法", PAGE_IN_USE: "页面已应用在设备中，请先解除应用关系再删除",
    TOO_MANY_PAGES: "一次查询页面ID数量不能超过50", DATE_RANGE_INVALID: "时间区间不合法",
    BIND_ARGS_INVALID: "保存设备与页面的绑定关系参数错误", POI_INVALID: "门店ID不合法",
    COMMENT_TOO_LONG: "设备备注信息过长", APPLICATION_INVALID: "设备申请参数不合法",
    BEGIN_INVALID: "查询起始值begin不合法",
}  # fmt: skip
DAY = 86400
CHINA_OFFSET = 8 * 3600


def refuse(errcode: int) -> ApiError:
    return ApiError(errcode, MESSAGES.get(errcode, "POST数据参数不合法"))


def text(body: dict[str, Any], key: str, errcode: int, *, max_width: int | None = None, optional: bool = False) -> str:
    value = body.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip() or (max_width is not None and width(value) > max_width):
        raise refuse(errcode)
    return value


def integer(body: dict[str, Any], key: str, errcode: int, *, low: int = 0, high: int = 2**63 - 1,
            default: int | None = None) -> int:  # fmt: skip
    value = body.get(key, default)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise refuse(errcode)
    return value


def listed(body: dict[str, Any], key: str, errcode: int, *, most: int) -> list[Any]:
    value = body.get(key)
    if not isinstance(value, list) or len(value) > most:
        raise refuse(errcode)
    return value


def day_start(moment: float) -> int:
    """The China (UTC+8) midnight that starts ``moment``'s day."""
    stamp = int(moment)
    return stamp - (stamp + CHINA_OFFSET) % DAY
