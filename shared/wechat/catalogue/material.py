"""Permanent materials (seed 1.4). Articles are drafts now: add_news and update_news are shut down."""

from shared.wechat.endpoint import Answer, Body, Endpoint

GROUP = "material"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/material/add_material", "POST", GROUP,
        "Upload a permanent image, voice, video (with its description) or thumb", changes=True,
        body=Body.MULTIPART, upload_field="media", query=("type",),
    ),
    Endpoint(
        "cgi-bin/material/get_material", "POST", GROUP, "Download a permanent material (video and news answer JSON)",
        changes=False, body=Body.JSON, answer=Answer.JSON_OR_MEDIA,
        example={"media_id": "MEDIA_ID"},
    ),
    Endpoint(
        "cgi-bin/material/del_material", "POST", GROUP, "Delete a permanent material", changes=True,
        body=Body.JSON, example={"media_id": "MEDIA_ID"},
    ),
    Endpoint(
        "cgi-bin/material/get_materialcount", "GET", GROUP, "How many materials of each kind", changes=False,
    ),
    Endpoint(
        "cgi-bin/material/batchget_material", "POST", GROUP, "A page of materials of one kind (≤ 20)",
        changes=False, body=Body.JSON, example={"type": "image", "offset": 0, "count": 20},
    ),
    Endpoint(
        "cgi-bin/material/add_news", "POST", GROUP, "Shut down by WeChat: articles are drafts", changes=True,
        body=Body.JSON, replacement="cgi-bin/draft/add",
    ),
    Endpoint(
        "cgi-bin/material/update_news", "POST", GROUP, "Shut down by WeChat: articles are drafts", changes=True,
        body=Body.JSON, replacement="cgi-bin/draft/update",
    ),
)  # fmt: skip
