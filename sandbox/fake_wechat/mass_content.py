"""What a broadcast carries and who it reaches, checked against the account's library and directory.

Content (群发接口): ``mpnews`` a draft of the account; ``image`` pictures (``images.media_ids``, or a
preview's ``image.media_id``) and ``voice`` the account's media or materials of that kind; ``mpvideo``
a video ``media/uploadvideo`` made or a permanent video; ``text`` not empty; ``wxcard`` a card_id.
The audience: everyone following, a tag's members, or the openids named; blacklisted followers and
those who left are filtered out of the count WeChat reports.
"""

from collections.abc import Iterable
from typing import Any

from sandbox.fake_wechat.body_fields import flag
from sandbox.fake_wechat.directory import Directory
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.library import Library
from sandbox.fake_wechat.mass import MSGTYPES, MassDesk, openid_list
from sandbox.fake_wechat.media_rules import Kind
from sandbox.fake_wechat.media_store import StoredMedia


def _media(library: Library, app_id: str, media_id: object, kinds: frozenset[Kind], now: float) -> StoredMedia:
    """A temporary media or permanent material of the account, of one of ``kinds``; 40007 otherwise."""
    try:
        media = library.media.material(app_id, media_id)
    except ApiError:
        media = library.media.temporary(app_id, media_id, now)
    if media.kind not in kinds:
        raise ApiError(ErrCode.INVALID_MEDIA_ID)
    return media


def _part(body: dict[str, Any], name: str) -> dict[str, Any]:
    part = body.get(name)
    if not isinstance(part, dict):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return part


def check_content(
    body: dict[str, Any], *, app_id: str, library: Library, mass: MassDesk, now: float, preview: bool = False
) -> int:
    """The msgtype and its content as WeChat checks them; how many articles it carries (0 but mpnews)."""
    msgtype = body.get("msgtype")
    if not isinstance(msgtype, str) or msgtype not in MSGTYPES:
        raise ApiError(ErrCode.INVALID_MESSAGE_TYPE)
    if msgtype == "mpnews":
        flag(body, "send_ignore_reprint")
        return len(library.drafts.get(app_id, _part(body, "mpnews").get("media_id")).articles)
    if msgtype == "text":
        content = _part(body, "text").get("content")
        if not isinstance(content, str) or not content:
            raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    elif msgtype == "voice":
        _media(library, app_id, _part(body, "voice").get("media_id"), frozenset({Kind.VOICE}), now)
    elif msgtype == "image":
        for media_id in _image_ids(body, preview=preview):
            _media(library, app_id, media_id, frozenset({Kind.IMAGE}), now)
    elif msgtype == "mpvideo":
        _video(_part(body, "mpvideo").get("media_id"), app_id=app_id, library=library, mass=mass)
    elif not isinstance(_part(body, "wxcard").get("card_id"), str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return 0


def _image_ids(body: dict[str, Any], *, preview: bool) -> list[object]:
    if preview and "image" in body:
        return [_part(body, "image").get("media_id")]
    ids = _part(body, "images").get("media_ids")
    if not isinstance(ids, list) or not ids:
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return ids


def _video(media_id: object, *, app_id: str, library: Library, mass: MassDesk) -> None:
    made = mass.videos.get(media_id) if isinstance(media_id, str) else None
    if made is not None and made[0] == app_id:
        return
    if library.media.material(app_id, media_id).kind is not Kind.VIDEO:
        raise ApiError(ErrCode.INVALID_MEDIA_ID)


def _eligible(directory: Directory, app_id: str, openids: Iterable[str]) -> int:
    book = directory.followers(app_id)
    return sum(openid in book.following and openid not in book.blacklist for openid in openids)


def audience(body: dict[str, Any], *, app_id: str, directory: Directory) -> tuple[str, tuple[int, int]]:
    """Who a broadcast goes to, named, and (everyone it names, those still reachable)."""
    if "touser" in body:
        openids = openid_list(body["touser"])
        return "openids", (len(openids), _eligible(directory, app_id, openids))
    audience_filter = _part(body, "filter")
    is_to_all = audience_filter.get("is_to_all", False)
    if not isinstance(is_to_all, bool):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    if is_to_all:
        following = list(directory.followers(app_id).following)
        return "all", (len(following), _eligible(directory, app_id, following))
    tag_id = audience_filter.get("tag_id")
    try:
        members = list(directory.tags(app_id).members(tag_id))
    except ApiError:
        raise ApiError(ErrCode.INVALID_GROUP_ID) from None
    return f"tag:{tag_id}", (len(members), _eligible(directory, app_id, members))


def upload_video(body: dict[str, Any], *, app_id: str, library: Library, now: float) -> dict[str, Any]:
    """``media/uploadvideo``'s check: a video media or material of the account, and a title."""
    video = _media(library, app_id, body.get("media_id"), frozenset({Kind.VIDEO}), now)
    title, description = body.get("title"), body.get("description", "")
    if not isinstance(title, str) or not title or not isinstance(description, str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return {"source": video.media_id, "title": title, "description": description}
