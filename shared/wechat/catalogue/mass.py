"""Broadcasts (群发): to everyone or a tag, to a list of openids, a preview to one person, and their jobs.

WeChat's rules (群发接口, 2025 reference pages and 群发说明): 100 calls a day of the broadcast API for a
verified service account (a follower still receives at most 4 broadcasts a month), 60 a minute; 2 to
10,000 openids a send (40130 below two); a preview 100 a day. A broadcast is de-duplicated for 24 h by
``clientmsgid`` (≤ 64 bytes, 45067; WeChat digests the audience and content when none is given):
a repeat within a minute answers 45066, later 45065 with the first job's ``msg_id``, and nothing is
sent twice. WeChat reports the end of each job with a ``MASSSENDJOBFINISH`` event.
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "mass"
_MPNEWS = {"mpnews": {"media_id": "DRAFT_MEDIA_ID"}, "msgtype": "mpnews", "send_ignore_reprint": 0}

ENDPOINTS = (
    Endpoint(
        "cgi-bin/message/mass/sendall", "POST", GROUP, "Broadcast to every follower or to a tag", changes=True,
        daily_limit=100, body=Body.JSON,
        example={"filter": {"is_to_all": False, "tag_id": 2}, **_MPNEWS, "clientmsgid": "job-20240101-1"},
    ),
    Endpoint(
        "cgi-bin/message/mass/send", "POST", GROUP, "Broadcast to 2–10,000 openids", changes=True, daily_limit=100,
        body=Body.JSON, example={"touser": ["oFollower1", "oFollower2"], **_MPNEWS, "clientmsgid": "job-1"},
    ),
    Endpoint(
        "cgi-bin/message/mass/preview", "POST", GROUP, "Preview a broadcast to one openid or WeChat ID",
        changes=True, daily_limit=100, body=Body.JSON,
        example={"touser": "oFollower1", "text": {"content": "预览"}, "msgtype": "text"},
    ),
    Endpoint(
        "cgi-bin/message/mass/delete", "POST", GROUP, "Delete a sent broadcast's article(s) (mpnews, mpvideo)",
        changes=True, body=Body.JSON, example={"msg_id": 30124, "article_idx": 0},
    ),
    Endpoint(
        "cgi-bin/message/mass/get", "POST", GROUP, "A broadcast job's status", changes=False, body=Body.JSON,
        example={"msg_id": "201053012"},
    ),
    Endpoint("cgi-bin/message/mass/speed/get", "POST", GROUP, "The broadcast speed (0–4)", changes=False,
             body=Body.JSON, example={}),
    Endpoint(
        "cgi-bin/message/mass/speed/set", "POST", GROUP, "Set the broadcast speed (0 fastest … 4)", changes=True,
        body=Body.JSON, example={"speed": 1},
    ),
    Endpoint(
        "cgi-bin/media/uploadvideo", "POST", GROUP, "A video's broadcast media_id (mpvideo) from its media_id",
        changes=True, body=Body.JSON, example={"media_id": "VIDEO_MEDIA_ID", "title": "标题", "description": "描述"},
    ),
    Endpoint(
        "cgi-bin/media/uploadnews", "POST", GROUP, "Upload broadcast articles (now a draft)", changes=True,
        body=Body.JSON, replacement="cgi-bin/draft/add",
    ),
)  # fmt: skip
