"""Temporary media (kept 3 days), images for article bodies, and their download."""

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.models.media import ARTICLE_IMAGE, TEMPORARY, MediaKind, UploadedMedia, VideoUrl, check_upload
from shared.wechat.transport import Media, Upload


class MediaApi(ApiGroup):
    async def upload(self, kind: MediaKind | str, upload: Upload) -> UploadedMedia:
        """Upload temporary media; its format and size are checked first (``ValueError``, nothing sent)."""
        kind = MediaKind(kind)
        check_upload(TEMPORARY[kind], upload, f"temporary {kind}")
        return await self._model("cgi-bin/media/upload", UploadedMedia, params={"type": kind.value}, upload=upload)

    async def upload_image(self, upload: Upload) -> str:
        """The URL of an image for an article body (jpg/png, at most 1 MB; not counted as a material)."""
        check_upload(ARTICLE_IMAGE, upload, "article image")
        return str((await self._json("cgi-bin/media/uploadimg", upload=upload))["url"])

    async def get(self, media_id: str) -> Media | str:
        """The media's bytes; for a video, the URL WeChat answers instead."""
        answer = await self._send("cgi-bin/media/get", params={"media_id": media_id_of(media_id)})
        if isinstance(answer, Media):
            return answer
        return parse_answer("cgi-bin/media/get", VideoUrl, answer).video_url

    async def get_jssdk(self, media_id: str) -> Media:
        """High-quality voice a page recorded with the JS-SDK (speex, 16 kHz)."""
        return await self._media("cgi-bin/media/get/jssdk", params={"media_id": media_id_of(media_id)})


def media_id_of(media_id: str) -> str:
    """``media_id`` if it names anything (WeChat answers 40007 for an empty one; this refuses it before)."""
    if not isinstance(media_id, str) or not media_id.strip():
        raise ValueError(f"a media_id is a non-empty string (got {media_id!r})")
    return media_id
