"""Customer service (客服管理, seed 1.10): accounts, sessions, the chat record and the typing state.

The sending itself is ``cgi-bin/message/custom/send`` in the message group. Accounts live under
``customservice/`` (outside ``cgi-bin/``) except the two lists WeChat kept there. An account is
``prefix@wechat_id`` (prefix ≤ 10 of letters, digits, ``_``; 100 accounts at most), a nickname at most
16 characters (客服账号管理, 2025 reference pages). The two older chat-record reads
(``cgi-bin/customservice/getrecord``, then ``customservice/msgrecord/getrecord``) are gone from every
current doc: ``customservice/msgrecord/getmsglist`` replaced them.
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "customservice"
_ACCOUNT = {"kf_account": "test1@gh_account", "nickname": "客服1"}
_SESSION = {"kf_account": "test1@gh_account", "openid": "oFollower1"}

ENDPOINTS = (
    Endpoint(
        "customservice/kfaccount/add", "POST", GROUP, "Add a customer-service account (prefix@wechat_id, ≤ 100)",
        changes=True, body=Body.JSON, example=_ACCOUNT,
    ),
    Endpoint(
        "customservice/kfaccount/update", "POST", GROUP, "Rename a customer-service account (nickname ≤ 16)",
        changes=True, body=Body.JSON, example=_ACCOUNT,
    ),
    Endpoint(
        "customservice/kfaccount/del", "POST", GROUP, "Delete a customer-service account", changes=True,
        body=Body.JSON, example={"kf_account": "test1@gh_account"},
    ),
    Endpoint(
        "customservice/kfaccount/uploadheadimg", "POST", GROUP, "Set an account's picture (jpg, ≤ 5 MB)",
        changes=True, body=Body.MULTIPART, upload_field="media", query=("kf_account",),
    ),
    Endpoint(
        "customservice/kfaccount/inviteworker", "POST", GROUP, "Invite a WeChat user to work an account",
        changes=True, body=Body.JSON, example={"kf_account": "test1@gh_account", "invite_wx": "worker_wx"},
    ),
    Endpoint("cgi-bin/customservice/getkflist", "GET", GROUP, "Every customer-service account", changes=False),
    Endpoint(
        "cgi-bin/customservice/getonlinekflist", "GET", GROUP, "The accounts online and their open sessions",
        changes=False,
    ),
    Endpoint(
        "customservice/kfsession/create", "POST", GROUP, "Give a follower to an online account", changes=True,
        body=Body.JSON, example=_SESSION,
    ),
    Endpoint(
        "customservice/kfsession/close", "POST", GROUP, "End a follower's session", changes=True, body=Body.JSON,
        example=_SESSION,
    ),
    Endpoint(
        "customservice/kfsession/getsession", "GET", GROUP, "Who serves a follower", changes=False,
        query=("openid",),
    ),
    Endpoint(
        "customservice/kfsession/getsessionlist", "GET", GROUP, "An account's open sessions", changes=False,
        query=("kf_account",),
    ),
    Endpoint(
        "customservice/kfsession/getwaitcase", "GET", GROUP, "Followers waiting for an account (first 100)",
        changes=False,
    ),
    Endpoint(
        "customservice/msgrecord/getmsglist", "POST", GROUP, "A page of the chat record (≤ 24 h, ≤ 10,000 a call)",
        changes=False, body=Body.JSON, example={"starttime": 1464710400, "endtime": 1464796800, "msgid": 1,
                                                "number": 10000},
    ),
    Endpoint(
        "cgi-bin/message/custom/typing", "POST", GROUP, "Show or hide \"typing\" to a follower (15 s)",
        changes=True, body=Body.JSON, example={"touser": "oFollower1", "command": "Typing"},
    ),
    *(
        Endpoint(path, "POST", GROUP, "The chat record, an older generation", changes=False, body=Body.JSON,
                 replacement="customservice/msgrecord/getmsglist")
        for path in ("cgi-bin/customservice/getrecord", "customservice/msgrecord/getrecord")
    ),
)  # fmt: skip
