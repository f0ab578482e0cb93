"""Followers, their tags and the blacklist (seed 1.6)."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "user"
TAGS = "tags"
BLACKLIST = "blacklist"
_OPENIDS = {"openid_list": ["oFollower1", "oFollower2"]}

ENDPOINTS = (
    Endpoint(
        "cgi-bin/user/get", "GET", GROUP, "A page of followers' openids (10,000; follow next_openid)",
        changes=False, daily_limit=500, query=("next_openid",),
    ),
    Endpoint(
        "cgi-bin/user/info", "GET", GROUP, "One follower's profile", changes=False, daily_limit=5000000,
        query=("openid", "lang"),
    ),
    Endpoint(
        "cgi-bin/user/info/batchget", "POST", GROUP, "Up to 100 followers' profiles", changes=False,
        daily_limit=5000000, body=Body.JSON, example={"user_list": [{"openid": "oFollower1", "lang": "zh_CN"}]},
    ),
    Endpoint(
        "cgi-bin/user/info/updateremark", "POST", GROUP, "Set a follower's remark (≤ 30 characters)",
        changes=True, daily_limit=10000, body=Body.JSON, example={"openid": "oFollower1", "remark": "VIP"},
    ),
    Endpoint(
        "cgi-bin/tags/create", "POST", TAGS, "Create a tag (name ≤ 30 characters)", changes=True, daily_limit=1000,
        body=Body.JSON, example={"tag": {"name": "广东"}},
    ),
    Endpoint("cgi-bin/tags/get", "GET", TAGS, "Every tag with its follower count", changes=False, daily_limit=1000),
    Endpoint(
        "cgi-bin/tags/update", "POST", TAGS, "Rename a tag", changes=True, daily_limit=1000, body=Body.JSON,
        example={"tag": {"id": 134, "name": "广东人"}},
    ),
    Endpoint(
        "cgi-bin/tags/delete", "POST", TAGS, "Delete a tag", changes=True, daily_limit=1000, body=Body.JSON,
        example={"tag": {"id": 134}},
    ),
    Endpoint(
        "cgi-bin/tags/getidlist", "POST", TAGS, "A follower's tag ids", changes=False,
        body=Body.JSON, example={"openid": "oFollower1"},
    ),
    Endpoint(
        "cgi-bin/tags/members/batchtagging", "POST", TAGS, "Tag up to 50 followers", changes=True,
        daily_limit=100000, body=Body.JSON, example={**_OPENIDS, "tagid": 134},
    ),
    Endpoint(
        "cgi-bin/tags/members/batchuntagging", "POST", TAGS, "Untag up to 50 followers", changes=True,
        daily_limit=100000, body=Body.JSON, example={**_OPENIDS, "tagid": 134},
    ),
    Endpoint(
        "cgi-bin/user/tag/get", "POST", TAGS, "A page of a tag's followers (follow next_openid)", changes=False,
        body=Body.JSON, example={"tagid": 134, "next_openid": ""},
    ),
    Endpoint(
        "cgi-bin/tags/members/getblacklist", "POST", BLACKLIST, "A page of blacklisted openids (10,000)",
        changes=False, body=Body.JSON, example={"begin_openid": ""},
    ),
    Endpoint(
        "cgi-bin/tags/members/batchblacklist", "POST", BLACKLIST, "Blacklist up to 20 followers", changes=True,
        body=Body.JSON, example=_OPENIDS,
    ),
    Endpoint(
        "cgi-bin/tags/members/batchunblacklist", "POST", BLACKLIST, "Take up to 20 followers off the blacklist",
        changes=True, body=Body.JSON, example=_OPENIDS,
    ),
    Endpoint(
        "cgi-bin/changeopenid", "POST", GROUP, "Followers' openids of a migrated account, translated (≤ 100)",
        changes=False, body=Body.JSON, example={"from_appid": "wx0000000000000002", **_OPENIDS},
    ),
    # 用户分组管理, replaced by tags in 2016.
    *(
        Endpoint(f"cgi-bin/groups/{action}", "POST", TAGS, f"Shut down by WeChat: use {replacement}", changes=True,
                 body=Body.JSON, replacement=replacement)
        for action, replacement in (
            ("create", "cgi-bin/tags/create"), ("get", "cgi-bin/tags/get"), ("getid", "cgi-bin/tags/getidlist"),
            ("update", "cgi-bin/tags/update"), ("delete", "cgi-bin/tags/delete"),
            ("members/update", "cgi-bin/tags/members/batchtagging"),
            ("members/batchupdate", "cgi-bin/tags/members/batchtagging"),
        )
    ),
)  # fmt: skip
