"""WeChat's error codes as the fake answers them (HTTP 200, ``{"errcode", "errmsg"}``), and the one exception."""

from enum import IntEnum


class ErrCode(IntEnum):
    SYSTEM_ERROR = -1
    INVALID_CREDENTIAL = 40001
    INVALID_GRANT_TYPE = 40002
    INVALID_OPENID = 40003
    INVALID_MESSAGE_TYPE = 40008
    INVALID_APPID = 40013
    INVALID_ACCESS_TOKEN = 40014
    INVALID_BUTTON_SIZE = 40016
    INVALID_BUTTON_TYPE = 40017
    INVALID_BUTTON_NAME_SIZE = 40018
    INVALID_BUTTON_KEY_SIZE = 40019
    INVALID_BUTTON_URL_SIZE = 40020
    INVALID_SUB_BUTTON_SIZE = 40023
    INVALID_SUB_BUTTON_TYPE = 40024
    INVALID_SUB_BUTTON_NAME_SIZE = 40025
    INVALID_SUB_BUTTON_KEY_SIZE = 40026
    INVALID_SUB_BUTTON_URL_SIZE = 40027
    INVALID_TEMPLATE_ID = 40037
    INVALID_ACTION_INFO = 40053
    INVALID_ARGS = 40097
    INVALID_APPSECRET = 40125
    ACCESS_TOKEN_MISSING = 41001
    APPID_MISSING = 41002
    APPSECRET_MISSING = 41004
    ACCESS_TOKEN_EXPIRED = 42001
    REQUIRE_SUBSCRIBE = 43004
    ARTICLE_SIZE_OUT_OF_LIMIT = 45008
    DAILY_QUOTA = 45009
    MINUTE_QUOTA = 45011
    OUT_OF_RESPONSE_WINDOW = 45015
    MENU_NO_EXIST = 46003
    DATA_FORMAT_ERROR = 47001
    # Account endpoints: base, conditional menus, followers, tags, blacklist, short links.
    INVALID_OPENID_LIST_SIZE = 40032
    INVALID_REMARK_NAME = 40092
    CALLBACK_URL_NOT_SET = 40201
    INVALID_CHECK_ACTION = 40202
    INVALID_CHECK_OPERATOR = 40203
    TOO_MANY_TAGS = 45056
    TAG_HAS_TOO_MANY_FANS = 45057
    RESERVED_TAG = 45058
    FOLLOWER_HAS_TOO_MANY_TAGS = 45059
    API_SHUT_DOWN = 45103  # cgi-bin/shorturl since 2021-03-15
    INVALID_TAG_NAME = 45157
    TAG_NAME_TOO_LONG = 45158
    INVALID_TAG_ID = 45159
    ARGUMENT_INVALID = 47003
    CLEAR_QUOTA_LIMIT = 48006
    OPENID_NOT_OF_APP = 49003
    NO_SUCH_CONDITIONAL_MENU = 65301
    NO_SUCH_USER = 65302
    NO_DEFAULT_MENU = 65303
    MATCHRULE_EMPTY = 65304
    MATCHRULE_PRIVACY = 65320
    RID_NOT_FOUND = 76001
    RID_INVALID = 76002
    RID_NO_PERMISSION = 76003
    CGI_PATH_NOT_FOUND = 76021
    CGI_PATH_NO_PERMISSION = 76022
    LONG_DATA_TOO_LONG = 9410010
    EXPIRE_SECONDS_TOO_LONG = 9410011
    SHORT_KEY_NOT_FOUND = 9410012
    # Content: temporary media, materials, drafts, publishing, comments.
    INVALID_MEDIA_TYPE = 40004
    INVALID_FILE_TYPE = 40005
    INVALID_MEDIA_SIZE = 40006
    INVALID_MEDIA_ID = 40007
    INVALID_ARTICLE_IDX = 40060
    MEDIA_DATA_MISSING = 41005
    EMPTY_MEDIA_DATA = 44001
    EMPTY_NEWS_DATA = 44003
    CONTENT_SIZE_OUT_OF_LIMIT = 45002
    TITLE_SIZE_OUT_OF_LIMIT = 45003
    DESCRIPTION_SIZE_OUT_OF_LIMIT = 45004
    URL_SIZE_OUT_OF_LIMIT = 45005
    API_UNSUPPORTED = 45106
    AUTHOR_SIZE_OUT_OF_LIMIT = 45110
    INVALID_ARTICLE_ID = 53600
    MSG_DATA_NOT_EXISTS = 88001
    ALREADY_REPLY = 88005
    INVALID_REPLY_CONTENT = 88007
    COMMENT_NOT_EXISTS = 88008
    COMMENT_COUNT_RANGE = 88010
    # Messaging: customer service, template and subscription messages, broadcasts, smart interfaces.
    INVALID_IMAGE_SIZE = 40009
    INVALID_VOICE_SIZE = 40010
    INVALID_INDUSTRY_ID = 40102
    INVALID_INDUSTRY_INDEX = 40103
    INVALID_SCENE = 40129
    INVALID_OPENID_COUNT = 40130
    INVALID_GROUP_ID = 40152
    INVALID_KEYWORD_NAME = 40246
    OLD_TEMPLATE_LIBRARY = 40247
    CHANGE_INDUSTRY_TOO_FREQUENTLY = 43100
    USER_REFUSED_SUBSCRIPTION = 43101
    TEMPLATE_NUM_EXCEEDS_LIMIT = 45026
    NO_MASSSEND_QUOTA = 45028
    CLIENTMSGID_EXISTS = 45065
    CLIENTMSGID_TOO_FAST = 45066
    CLIENTMSGID_TOO_LONG = 45067
    INVALID_TYPING_COMMAND = 45072
    TYPING_NEEDS_INTERACTION = 45080
    ALREADY_TYPING = 45081
    KF_API_UNAVAILABLE = 65400
    INVALID_KF_ACCOUNT = 65401
    KF_ACCOUNT_NOT_BOUND = 65402
    ILLEGAL_KF_NICKNAME = 65403
    ILLEGAL_KF_ACCOUNT = 65404
    KF_ACCOUNT_LIMIT = 65405
    KF_ACCOUNT_EXISTS = 65406
    ALREADY_A_WORKER = 65407
    ALREADY_INVITED = 65408
    INVALID_WECHAT_ID = 65409
    WORKER_BOUND_TOO_MANY = 65410
    INVITATION_PENDING = 65411
    KF_ACCOUNT_ALREADY_BOUND = 65412
    NO_SESSION = 65413
    SERVED_BY_ANOTHER_KF = 65414
    KF_NOT_ONLINE = 65415
    KF_PARAM_INVALID = 65416
    KF_TIME_RANGE_TOO_LONG = 65417
    INVALID_IMAGE_URL = 101000
    CERTIFICATE_NOT_FOUND = 101001
    INVALID_IMAGE = 101002
    PRIVATE_TEMPLATE_LIMIT = 200012
    INVALID_TID = 200014
    INVALID_START = 200016
    INVALID_LIMIT = 200017
    CATEGORY_IDS_MISSING = 200018
    INVALID_CATEGORY_IDS = 200019
    INVALID_KID_LIST = 200020
    INVALID_SCENE_DESC = 200021
    # 微信门店: 门店管理 (cgi-bin/poi) and the 门店小程序 (wxa).
    POI_NOT_APPROVED = 65106
    POI_UPDATING = 65107
    INVALID_POI_ID = 65115
    STORE_STATUS_INVALID = 65118
    STORE_HAS_ADDED = 85038
    MERCHANT_REVIEWING = 85050
    APPLY_MERCHANT_FIRST = 85053
    INVALID_MAP_POI_ID = 85055
    # 微信连Wi-Fi (WiFi_Error_Codes).
    WIFI_MISSING_ARGS = 9002007
    WIFI_INVALID_ARGS = 9002008
    WIFI_NO_SUCH_SHOP = 9002009
    WIFI_NO_WX_PREFIX = 9002010
    WIFI_PASSWORD_NOT_ASCII = 9002012
    WIFI_PASSWORD_LENGTH = 9002013
    WIFI_DEVICE_EXISTS = 9002016
    WIFI_NO_SUCH_DEVICE = 9002017
    WIFI_NO_DEVICE_IN_SHOP = 9002019
    WIFI_SHOP_NOT_PASSWORD = 9002022
    WIFI_NOT_ALL_PASSWORD = 9002025
    WIFI_LIST_TOO_LONG = 9002026
    WIFI_SHOP_NOT_PORTAL = 9002028
    WIFI_NO_DEVICE_IN_ACCOUNT = 9002033
    WIFI_PORTAL_SSID_ONLY = 9002037
    WIFI_SSID_NEEDS_WX = 9002038
    WIFI_NO_NETWORK = 9002039
    WIFI_DUPLICATE_SSID = 9007001
    WIFI_NO_SUCH_SSID = 9007004
    WIFI_TOO_MANY_SSIDS = 9007005
    WIFI_NO_SUCH_CARD = 9008001
    API_UNAUTHORIZED = 48001  # the account lacks the permission (就医助手 not enabled)
    MEDICAL_BUSINESS_INFO = 82446  # 就医助手: business_info does not fit the status


ERRMSG: dict[int, str] = {
    ErrCode.SYSTEM_ERROR: "system error",
    ErrCode.INVALID_CREDENTIAL: "invalid credential, access_token is invalid or not latest",
    ErrCode.INVALID_GRANT_TYPE: "invalid grant_type",
    ErrCode.INVALID_OPENID: "invalid openid",
    ErrCode.INVALID_MESSAGE_TYPE: "invalid message type",
    ErrCode.INVALID_APPID: "invalid appid",
    ErrCode.INVALID_ACCESS_TOKEN: "invalid access_token",
    ErrCode.INVALID_BUTTON_SIZE: "invalid button size",
    ErrCode.INVALID_BUTTON_TYPE: "invalid button type",
    ErrCode.INVALID_BUTTON_NAME_SIZE: "invalid button name size",
    ErrCode.INVALID_BUTTON_KEY_SIZE: "invalid button key size",
    ErrCode.INVALID_BUTTON_URL_SIZE: "invalid button url size",
    ErrCode.INVALID_SUB_BUTTON_SIZE: "invalid sub button size",
    ErrCode.INVALID_SUB_BUTTON_TYPE: "invalid sub button type",
    ErrCode.INVALID_SUB_BUTTON_NAME_SIZE: "invalid sub button name size",
    ErrCode.INVALID_SUB_BUTTON_KEY_SIZE: "invalid sub button key size",
    ErrCode.INVALID_SUB_BUTTON_URL_SIZE: "invalid sub button url size",
    ErrCode.INVALID_TEMPLATE_ID: "invalid template_id",
    ErrCode.INVALID_ACTION_INFO: "invalid action info",
    ErrCode.INVALID_ARGS: "invalid args",
    ErrCode.INVALID_APPSECRET: "invalid appsecret",
    ErrCode.ACCESS_TOKEN_MISSING: "access_token missing",
    ErrCode.APPID_MISSING: "appid missing",
    ErrCode.APPSECRET_MISSING: "appsecret missing",
    ErrCode.ACCESS_TOKEN_EXPIRED: "access_token expired",
    ErrCode.REQUIRE_SUBSCRIBE: "require subscribe",
    ErrCode.ARTICLE_SIZE_OUT_OF_LIMIT: "article size out of limit",
    ErrCode.DAILY_QUOTA: "reach max api daily quota limit",
    ErrCode.MINUTE_QUOTA: "api minute-quota reach limit mustslower retry next minute",
    ErrCode.OUT_OF_RESPONSE_WINDOW: "response out of time limit or subscription is canceled",
    ErrCode.MENU_NO_EXIST: "menu no exist",
    ErrCode.DATA_FORMAT_ERROR: "data format error",
    # Messages WeChat documents verbatim where it does; the rest paraphrase its Chinese description.
    ErrCode.INVALID_OPENID_LIST_SIZE: "invalid openid list size",
    ErrCode.INVALID_REMARK_NAME: "invalid remark name",
    ErrCode.CALLBACK_URL_NOT_SET: "invalid url",
    ErrCode.INVALID_CHECK_ACTION: "invalid action",
    ErrCode.INVALID_CHECK_OPERATOR: "invalid check_operator",
    ErrCode.TOO_MANY_TAGS: "too many tags, at most 100",
    ErrCode.TAG_HAS_TOO_MANY_FANS: "tag has more than 100000 fans, untag them first",
    ErrCode.RESERVED_TAG: "can not modify the reserved tags 0/1/2",
    ErrCode.FOLLOWER_HAS_TOO_MANY_TAGS: "user has too many tags, at most 20",
    ErrCode.API_SHUT_DOWN: "This API has been unsupported",
    ErrCode.INVALID_TAG_NAME: "invalid tag name",
    ErrCode.TAG_NAME_TOO_LONG: "tag name too long",
    ErrCode.INVALID_TAG_ID: "invalid tag id",
    ErrCode.ARGUMENT_INVALID: "argument invalid!",
    ErrCode.CLEAR_QUOTA_LIMIT: "forbid to clear quota because of reaching the limit",
    ErrCode.OPENID_NOT_OF_APP: "openid not belong to appid",
    ErrCode.NO_SUCH_CONDITIONAL_MENU: "no such conditional menu",
    ErrCode.NO_SUCH_USER: "no such user",
    ErrCode.NO_DEFAULT_MENU: "no default menu, create it first",
    ErrCode.MATCHRULE_EMPTY: "matchrule is empty",
    ErrCode.MATCHRULE_PRIVACY: "matchrule contains private information",
    ErrCode.RID_NOT_FOUND: "rid not found",
    ErrCode.RID_INVALID: "rid is error",
    ErrCode.RID_NO_PERMISSION: "could not query this rid,no permission",
    ErrCode.CGI_PATH_NOT_FOUND: "cgi_path not found, please check",
    ErrCode.CGI_PATH_NO_PERMISSION: "could not use this cgi_path,no permission",
    ErrCode.LONG_DATA_TOO_LONG: "long_data exceeds 4KB",
    ErrCode.EXPIRE_SECONDS_TOO_LONG: "expire_seconds exceeds 2592000",
    ErrCode.SHORT_KEY_NOT_FOUND: "short_key not exist, expired or not of this account",
    ErrCode.INVALID_MEDIA_TYPE: "invalid media type",
    ErrCode.INVALID_FILE_TYPE: "invalid file type",
    ErrCode.INVALID_MEDIA_SIZE: "invalid meida size",  # sic: WeChat's spelling
    ErrCode.INVALID_MEDIA_ID: "invalid media_id",
    ErrCode.INVALID_ARTICLE_IDX: "invalid article idx",
    ErrCode.MEDIA_DATA_MISSING: "media data missing",
    ErrCode.EMPTY_MEDIA_DATA: "empty media data",
    ErrCode.EMPTY_NEWS_DATA: "empty news data",
    ErrCode.CONTENT_SIZE_OUT_OF_LIMIT: "content size out of limit",
    ErrCode.TITLE_SIZE_OUT_OF_LIMIT: "title size out of limit",
    ErrCode.DESCRIPTION_SIZE_OUT_OF_LIMIT: "description size out of limit",
    ErrCode.URL_SIZE_OUT_OF_LIMIT: "url size out of limit",
    ErrCode.API_UNSUPPORTED: "This API has been unsupported",
    ErrCode.AUTHOR_SIZE_OUT_OF_LIMIT: "author size out of limit",
    ErrCode.INVALID_ARTICLE_ID: "invalid article id",
    ErrCode.MSG_DATA_NOT_EXISTS: "msg_data is not exists",
    ErrCode.ALREADY_REPLY: "already reply",
    ErrCode.INVALID_REPLY_CONTENT: "reply content beyond max len or content len is zero",
    ErrCode.COMMENT_NOT_EXISTS: "comment is not exists",
    ErrCode.COMMENT_COUNT_RANGE: "count range error. cout <= 0 or count > 50",  # sic
    ErrCode.INVALID_IMAGE_SIZE: "invalid image size",
    ErrCode.INVALID_VOICE_SIZE: "invalid voice size",
    ErrCode.INVALID_INDUSTRY_ID: "invalid industry id",
    ErrCode.INVALID_INDUSTRY_INDEX: "invalid industry index",
    ErrCode.INVALID_SCENE: "invalid scene",
    ErrCode.INVALID_OPENID_COUNT: "invalid openid list size, at least two openid",
    ErrCode.INVALID_GROUP_ID: "invalid group id",
    ErrCode.INVALID_KEYWORD_NAME: "keyword name invalid",
    ErrCode.OLD_TEMPLATE_LIBRARY: "the history template library is upgraded to category templates",
    ErrCode.CHANGE_INDUSTRY_TOO_FREQUENTLY: "change template too frequently",
    ErrCode.USER_REFUSED_SUBSCRIPTION: "user refuse to accept the msg",
    ErrCode.TEMPLATE_NUM_EXCEEDS_LIMIT: "template num exceeds limit",
    ErrCode.NO_MASSSEND_QUOTA: "has no masssend quota",
    ErrCode.CLIENTMSGID_EXISTS: "clientmsgid exist",
    ErrCode.CLIENTMSGID_TOO_FAST: "clientmsgid retry too fast, retry after 1 minute",
    ErrCode.CLIENTMSGID_TOO_LONG: "clientmsgid size out of limit",
    ErrCode.INVALID_TYPING_COMMAND: "invalid command",
    ErrCode.TYPING_NEEDS_INTERACTION: (
        "need sending message to user, or recving message from user in the last 30 seconds"
    ),
    ErrCode.ALREADY_TYPING: "already in typing state, can not repeat",
    ErrCode.KF_API_UNAVAILABLE: "please enable new custom service or wait for a while if you have enabled",
    ErrCode.INVALID_KF_ACCOUNT: "invalid custom service account",
    ErrCode.KF_ACCOUNT_NOT_BOUND: "the custom service account need to bind a wechat user",
    ErrCode.ILLEGAL_KF_NICKNAME: "illegal nickname",
    ErrCode.ILLEGAL_KF_ACCOUNT: "illegal custom service account",
    ErrCode.KF_ACCOUNT_LIMIT: "custom service account number reach limit",
    ErrCode.KF_ACCOUNT_EXISTS: "custom service account exists",
    ErrCode.ALREADY_A_WORKER: "the wechat user have been one of your workers",
    ErrCode.ALREADY_INVITED: "you have already invited the wechat user",
    ErrCode.INVALID_WECHAT_ID: "wechat account invalid",
    ErrCode.WORKER_BOUND_TOO_MANY: "too many custom service accounts bound by the worker",
    ErrCode.INVITATION_PENDING: "a effective invitation to bind the custom service account exists",
    ErrCode.KF_ACCOUNT_ALREADY_BOUND: "the custom service account have been bound by a wechat user",
    ErrCode.NO_SESSION: "custom service account session not exist",
    ErrCode.SERVED_BY_ANOTHER_KF: "the user is being served by another custom service account",
    ErrCode.KF_NOT_ONLINE: "the worker is not online",
    ErrCode.KF_PARAM_INVALID: "param invalid, please check",
    ErrCode.KF_TIME_RANGE_TOO_LONG: "query time range out of limit",
    ErrCode.INVALID_IMAGE_URL: "invalid image url",
    ErrCode.CERTIFICATE_NOT_FOUND: "certificate not found",
    ErrCode.INVALID_IMAGE: "invalid image",
    ErrCode.PRIVATE_TEMPLATE_LIMIT: "private template count reach limit",
    ErrCode.INVALID_TID: "tid does not exist",
    ErrCode.INVALID_START: "invalid start",
    ErrCode.INVALID_LIMIT: "invalid limit",
    ErrCode.CATEGORY_IDS_MISSING: "missing parameter ids",
    ErrCode.INVALID_CATEGORY_IDS: "invalid ids",
    ErrCode.INVALID_KID_LIST: "invalid kidList",
    ErrCode.INVALID_SCENE_DESC: "invalid sceneDesc",
    ErrCode.POI_NOT_APPROVED: "poi audit state must be approved",
    ErrCode.POI_UPDATING: "not allow modify",
    ErrCode.INVALID_POI_ID: "invalid poi id",
    ErrCode.STORE_STATUS_INVALID: "store status is invalid",
    ErrCode.STORE_HAS_ADDED: "store has added",
    ErrCode.MERCHANT_REVIEWING: "merchant is being audited",
    ErrCode.APPLY_MERCHANT_FIRST: "please apply merchant first",
    ErrCode.INVALID_MAP_POI_ID: "map_poi_id is invalid",
    # 微信连Wi-Fi: WeChat documents these in Chinese only; paraphrased.
    ErrCode.WIFI_MISSING_ARGS: "required parameters are missing",
    ErrCode.WIFI_INVALID_ARGS: "invalid parameter",
    ErrCode.WIFI_NO_SUCH_SHOP: "shop_id does not exist",
    ErrCode.WIFI_NO_WX_PREFIX: "neither the ssid nor the password starts with WX",
    ErrCode.WIFI_PASSWORD_NOT_ASCII: "the password cannot contain Chinese characters",
    ErrCode.WIFI_PASSWORD_LENGTH: "the password must be 8 to 24 characters",
    ErrCode.WIFI_DEVICE_EXISTS: "the device has been added",
    ErrCode.WIFI_NO_SUCH_DEVICE: "the device does not exist and cannot be deleted",
    ErrCode.WIFI_NO_DEVICE_IN_SHOP: "the shop has no device",
    ErrCode.WIFI_SHOP_NOT_PASSWORD: "the shop has non-password devices; no password device can be added",
    ErrCode.WIFI_NOT_ALL_PASSWORD: "only when every device of the account is a password device",
    ErrCode.WIFI_LIST_TOO_LONG: "the list exceeds the maximum size",
    ErrCode.WIFI_SHOP_NOT_PORTAL: "the shop has non-portal devices",
    ErrCode.WIFI_NO_DEVICE_IN_ACCOUNT: "the account has no device; at least one is needed",
    ErrCode.WIFI_PORTAL_SSID_ONLY: "a portal network can only change its ssid",
    ErrCode.WIFI_SSID_NEEDS_WX: "the ssid must start with WX",
    ErrCode.WIFI_NO_NETWORK: "the shop has no network to modify",
    ErrCode.WIFI_DUPLICATE_SSID: "the ssid already exists in the shop",
    ErrCode.WIFI_NO_SUCH_SSID: "the shop has no such ssid",
    ErrCode.WIFI_TOO_MANY_SSIDS: "the shop has reached the maximum number of ssids",
    ErrCode.WIFI_NO_SUCH_CARD: "card not found",
    ErrCode.API_UNAUTHORIZED: "api unauthorized",
    ErrCode.MEDICAL_BUSINESS_INFO: "business_info中入参有误,请对照api文档修改",
}


def errmsg_for(errcode: int) -> str:
    """WeChat's message for a code; codes the fake does not know read as a system error."""
    return ERRMSG.get(errcode, ERRMSG[ErrCode.SYSTEM_ERROR])


class ApiError(Exception):
    """A WeChat API error: rendered once, at the HTTP edge, as ``{"errcode", "errmsg"}`` with HTTP 200."""

    def __init__(self, errcode: int, errmsg: str | None = None) -> None:
        self.errcode = int(errcode)
        self.errmsg = errmsg if errmsg is not None else errmsg_for(errcode)
        super().__init__(f"{self.errcode} {self.errmsg}")

    def body(self) -> dict[str, int | str]:
        return {"errcode": self.errcode, "errmsg": self.errmsg}
