"""The guide API's own error codes (its 9300xxx range), as WeChat's reference pages list them.

Where the pages name no code (a guide added twice, an unknown group, tag or job, a job that has
already run) the fake answers 40097 "invalid args", as WeChat does for a job it cannot change.
"""

from enum import IntEnum

from sandbox.fake_wechat.errors import ApiError, ErrCode


class GuideCode(IntEnum):
    NO_RELATION_IN_BATCH = -2  # delguidebuyerrelation's buyer_resp: 不存在绑定关系
    INVALID_WECHAT_ID = 9300801
    NOT_A_GUIDE = 9300804
    NO_RELATION = 9300806
    INVALID_TAG_VALUE = 9300807
    NO_DISPLAY_TAGS = 9300809
    INVALID_MEDIA_ID = 9300819
    INVALID_CARD_APPID = 9300821


ERRMSG = {
    GuideCode.NO_RELATION_IN_BATCH: "relation not exist",
    GuideCode.INVALID_WECHAT_ID: "invalid wechat account",
    GuideCode.NOT_A_GUIDE: "guide not exist",
    GuideCode.NO_RELATION: "buyer and guide relation not exist",
    GuideCode.INVALID_TAG_VALUE: "invalid tag value",
    GuideCode.NO_DISPLAY_TAGS: "display tag not exist",
    GuideCode.INVALID_MEDIA_ID: "invalid media_id",
    GuideCode.INVALID_CARD_APPID: "invalid appid of miniprogram card",
}


def guide_error(code: GuideCode) -> ApiError:
    return ApiError(code, ERRMSG[code])


def invalid_args() -> ApiError:
    return ApiError(ErrCode.INVALID_ARGS)
