"""Temporary media (3 days) and images for article bodies (seed 1.4)."""

from shared.wechat.endpoint import Answer, Body, Endpoint

GROUP = "media"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/media/upload", "POST", GROUP, "Upload temporary media (image, voice, video, thumb)", changes=True,
        daily_limit=100000, body=Body.MULTIPART, upload_field="media", query=("type",),
    ),
    Endpoint(
        "cgi-bin/media/get", "GET", GROUP, "Download temporary media (a video answers JSON with its URL)",
        changes=False, daily_limit=200000, answer=Answer.JSON_OR_MEDIA, query=("media_id",),
    ),
    Endpoint(
        "cgi-bin/media/get/jssdk", "GET", GROUP, "Download high-quality voice recorded by the JS-SDK (speex)",
        changes=False, answer=Answer.MEDIA, query=("media_id",),
    ),
    Endpoint(
        "cgi-bin/media/uploadimg", "POST", GROUP, "Upload an image for an article body (jpg/png, ≤ 1 MB): its URL",
        changes=True, body=Body.MULTIPART, upload_field="media",
    ),
)  # fmt: skip
