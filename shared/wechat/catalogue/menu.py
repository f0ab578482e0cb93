"""Custom menus, default and conditional (seed 1.2)."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "menu"
_MENU = {"button": [{"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"}]}

ENDPOINTS = (
    Endpoint(
        "cgi-bin/menu/create", "POST", GROUP, "Create the default menu", changes=True, daily_limit=1000,
        body=Body.JSON, example=_MENU,
    ),
    Endpoint("cgi-bin/menu/get", "GET", GROUP, "The menus set through the API", changes=False, daily_limit=10000),
    Endpoint("cgi-bin/menu/delete", "GET", GROUP, "Delete every menu", changes=True, daily_limit=1000),
    Endpoint(
        "cgi-bin/menu/addconditional", "POST", GROUP, "Add a conditional (personalised) menu", changes=True,
        body=Body.JSON, example={**_MENU, "matchrule": {"tag_id": "2"}},
    ),
    Endpoint(
        "cgi-bin/menu/delconditional", "POST", GROUP, "Delete a conditional menu", changes=True,
        body=Body.JSON, example={"menuid": "208379533"},
    ),
    Endpoint(
        "cgi-bin/menu/trymatch", "POST", GROUP, "The menu a follower would see", changes=False,
        body=Body.JSON, example={"user_id": "oFollower"},
    ),
    Endpoint(
        "cgi-bin/get_current_selfmenu_info", "GET", GROUP, "The menu in force, however it was set",
        changes=False, daily_limit=10000,
    ),
)  # fmt: skip
