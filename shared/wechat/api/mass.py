"""Broadcasts: to everyone, a tag or openids, a preview, and each job's status, deletion and speed.

A broadcast changes something: the transport never sends it again after -1 or a lost answer. Give
each job its own ``clientmsgid``; after a call whose answer was lost, ask ``status`` of the job (or
send the same ``clientmsgid`` again: WeChat answers 45065 or 45066 and sends nothing twice).
"""

from collections.abc import Sequence

from pydantic import TypeAdapter

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.mass import (
    Broadcast,
    Content,
    Deletion,
    MassJob,
    MassSpeed,
    MassStatus,
    Preview,
    Speed,
    VideoForBroadcast,
)

_CONTENT: TypeAdapter[Content] = TypeAdapter(Content)


def _msg_id(msg_id: int) -> int:
    if isinstance(msg_id, bool) or not isinstance(msg_id, int) or msg_id < 1:
        raise ValueError(f"a msg_id is a positive integer (got {msg_id!r})")
    return msg_id


class MassApi(ApiGroup):
    async def send(self, broadcast: Broadcast) -> MassJob:
        """Broadcast to everyone, a tag (``sendall``) or 2–10,000 openids (``send``): the job's ``msg_id``."""
        return await self._model(broadcast.path, MassJob, json=broadcast.body())

    async def send_to_all(self, content: Content, *, clientmsgid: str | None = None) -> MassJob:
        return await self.send(Broadcast(content=content, to_all=True, clientmsgid=clientmsgid))

    async def send_to_tag(self, tag_id: int, content: Content, *, clientmsgid: str | None = None) -> MassJob:
        return await self.send(Broadcast(content=content, tag_id=tag_id, clientmsgid=clientmsgid))

    async def send_to_openids(
        self, openids: Sequence[str], content: Content, *, clientmsgid: str | None = None
    ) -> MassJob:
        if isinstance(openids, str):
            raise ValueError("openids is a list of openids, not one string")
        return await self.send(Broadcast(content=content, openids=list(openids), clientmsgid=clientmsgid))

    async def preview(self, content: Content, *, openid: str | None = None, wxname: str | None = None) -> MassJob:
        """Show the content to one follower (``openid``) or one WeChat ID (``wxname``) before sending it."""
        preview = Preview(content=_CONTENT.validate_python(content), openid=openid, wxname=wxname)
        return await self._model("cgi-bin/message/mass/preview", MassJob, json=preview.body())

    async def delete(self, msg_id: int, article_idx: int = 0) -> None:
        """Take down a sent broadcast's article (from 1) or all of them (0); articles and videos only."""
        await self._json("cgi-bin/message/mass/delete", json=Deletion(msg_id=msg_id, article_idx=article_idx).body())

    async def status(self, msg_id: int) -> MassStatus:
        """SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""
        return await self._model("cgi-bin/message/mass/get", MassStatus, json={"msg_id": str(_msg_id(msg_id))})

    async def speed(self) -> MassSpeed:
        return await self._model("cgi-bin/message/mass/speed/get", MassSpeed, json={})

    async def set_speed(self, speed: Speed | int) -> None:
        await self._json("cgi-bin/message/mass/speed/set", json={"speed": int(Speed(speed))})

    async def upload_video(self, media_id: str, title: str, description: str = "") -> str:
        """The media_id a video is broadcast with (``MpVideo``), from its temporary or permanent media_id."""
        video = VideoForBroadcast(media_id=media_id, title=title, description=description)
        return str((await self._json("cgi-bin/media/uploadvideo", json=video.body()))["media_id"])
