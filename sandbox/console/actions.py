"""What a follower can do on the phone, as data: each action's parameters, the callback fields
WeChat pushes for it and the bubble the phone shows. A registry by action name, no I/O.

Messages (text, location, image) carry a MsgId; events carry Event and EventKey. A parametric
QR code scanned by someone not following yet is a ``subscribe`` with EventKey ``qrscene_<scene>``;
scanned by a follower it is ``SCAN`` with EventKey ``<scene>``. Both carry the code's Ticket.
"""

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sandbox.console.errors import BadInput

QR_SCENE_PREFIX = "qrscene_"
MAX_CONTENT_CHARS = 2048
# Characters XML 1.0 cannot carry, even in CDATA: a phone's keyboard cannot type them either.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_URL = r"^https?://\S+$"


@dataclass(frozen=True)
class Situation:
    """Who acts toward which account, and when: everything an action's callback depends on."""

    openid: str
    original_id: str
    following: bool
    create_time: int
    msg_id: int
    qr_tickets: Mapping[str, str] = field(default_factory=dict)  # scene -> ticket of the account's QR codes


@dataclass(frozen=True)
class Performed:
    fields: dict[str, Any]  # the callback XML's fields, WeChat-named
    shown: dict[str, Any]  # the follower's own bubble
    following: bool  # whether the follower follows the account afterwards


class _Params(BaseModel):
    # The request's other fields (app_id, openid, mode, action) are the envelope's business.
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False)


class NoParams(_Params):
    pass


class TextParams(_Params):
    content: str

    @field_validator("content")
    @classmethod
    def _typeable(cls, content: str) -> str:
        content = content.replace("\r\n", "\n").replace("\r", "\n")  # XML reads every line break as \n
        if not content.strip():
            raise ValueError("must not be empty")
        if len(content) > MAX_CONTENT_CHARS:
            raise ValueError(f"must be at most {MAX_CONTENT_CHARS} characters")
        if _NOT_XML.search(content):
            raise ValueError("holds a character XML cannot carry")
        return content


class LocationParams(_Params):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    scale: int = Field(default=15, ge=1, le=20)
    label: str = Field(default="", max_length=256)


class ImageParams(_Params):
    pic_url: str = Field(max_length=1024, pattern=_URL)


class ScanParams(_Params):
    scene: str = Field(min_length=1, max_length=64)  # scene_str, or a scene_id written as digits
    ticket: str | None = Field(default=None, min_length=1, max_length=512)

    @field_validator("scene", mode="before")
    @classmethod
    def _scene_id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) and value > 0 else value


class ClickParams(_Params):
    key: str = Field(min_length=1, max_length=128)


class ViewParams(_Params):
    url: str = Field(max_length=1024, pattern=_URL)


def made_up_media_id(msg_id: int) -> str:
    """A MediaId of WeChat's shape (64 URL-safe characters), stable for a message."""
    digest = hashlib.sha512(str(msg_id).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:64]


def made_up_ticket(original_id: str, scene: str) -> str:
    """A QR ticket of WeChat's shape for a scene no QR code of the fake carries."""
    digest = hashlib.sha256(f"{original_id}\x1f{scene}".encode()).digest()
    return "gQ" + base64.b64encode(b"\x81\x01" + digest * 2).decode("ascii")


def _head(situation: Situation, msg_type: str) -> dict[str, Any]:
    return {
        "ToUserName": situation.original_id,
        "FromUserName": situation.openid,
        "CreateTime": situation.create_time,
        "MsgType": msg_type,
    }


def _message(situation: Situation, msg_type: str, body: dict[str, Any]) -> dict[str, Any]:
    return _head(situation, msg_type) | body | {"MsgId": situation.msg_id}


def _event(situation: Situation, event: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return _head(situation, "event") | {"Event": event} | (body or {})


def _text(p: TextParams, s: Situation) -> Performed:
    return Performed(_message(s, "text", {"Content": p.content}), {"type": "text", "content": p.content}, s.following)


def _location(p: LocationParams, s: Situation) -> Performed:
    body = {"Location_X": p.latitude, "Location_Y": p.longitude, "Scale": p.scale, "Label": p.label}
    shown = {"type": "location", "latitude": p.latitude, "longitude": p.longitude, "scale": p.scale, "label": p.label}
    return Performed(_message(s, "location", body), shown, s.following)


def _image(p: ImageParams, s: Situation) -> Performed:
    media_id = made_up_media_id(s.msg_id)
    shown = {"type": "image", "pic_url": p.pic_url, "media_id": media_id}
    return Performed(_message(s, "image", {"PicUrl": p.pic_url, "MediaId": media_id}), shown, s.following)


def _subscribe(_: NoParams, s: Situation) -> Performed:
    return Performed(_event(s, "subscribe"), {"type": "event", "event": "subscribe"}, True)


def _unsubscribe(_: NoParams, s: Situation) -> Performed:
    return Performed(_event(s, "unsubscribe"), {"type": "event", "event": "unsubscribe"}, False)


def _scan(p: ScanParams, s: Situation) -> Performed:
    ticket = p.ticket or s.qr_tickets.get(p.scene) or made_up_ticket(s.original_id, p.scene)
    event, key = ("SCAN", p.scene) if s.following else ("subscribe", QR_SCENE_PREFIX + p.scene)
    shown = {"type": "event", "event": event, "scene": p.scene, "event_key": key}
    return Performed(_event(s, event, {"EventKey": key, "Ticket": ticket}), shown, True)


def _click(p: ClickParams, s: Situation) -> Performed:
    shown = {"type": "event", "event": "CLICK", "key": p.key}
    return Performed(_event(s, "CLICK", {"EventKey": p.key}), shown, s.following)


def _view(p: ViewParams, s: Situation) -> Performed:
    shown = {"type": "event", "event": "VIEW", "url": p.url}
    return Performed(_event(s, "VIEW", {"EventKey": p.url}), shown, s.following)


@dataclass(frozen=True)
class Action:
    params: type[_Params]
    perform: Callable[[Any, Situation], Performed]


ACTIONS: dict[str, Action] = {
    "text": Action(TextParams, _text),
    "location": Action(LocationParams, _location),
    "image": Action(ImageParams, _image),
    "subscribe": Action(NoParams, _subscribe),
    "unsubscribe": Action(NoParams, _unsubscribe),
    "scan": Action(ScanParams, _scan),
    "click": Action(ClickParams, _click),
    "view": Action(ViewParams, _view),
}


def action_named(name: object) -> Action:
    action = ACTIONS.get(name) if isinstance(name, str) else None
    if action is None:
        raise BadInput("action", f"action must be one of: {', '.join(ACTIONS)}")
    return action


def parse_params(action: Action, raw: Mapping[str, Any]) -> _Params:
    """The action's parameters from the request, or ``BadInput`` naming the first wrong field."""
    try:
        return action.params.model_validate(dict(raw))
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "action"
        raise BadInput(name, f"{name}: {error['msg']}") from None
