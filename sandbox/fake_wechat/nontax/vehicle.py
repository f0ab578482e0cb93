"""车主服务 in the fake (``/nontax/vehicle/*``): which users have enabled it for which plates, cars in car parks,
and deductions.

``enroll`` (control side) is a user enabling the service for their plates; ``querystate`` by
``openid`` or ``plate_number`` (exactly one) answers ``NORMAL`` with the user's plates, or
``UNAUTHORIZED`` with the page of the 车主 mini program to send them to. ``entrancenotify`` records a
car entering (``scene_info``: ``start_time``, ``plate_number``) and answers its user's state;
``payapply`` deducts ``fee`` for an enabled plate (``end_time`` not before ``start_time``) as a paid
order of the account, read back by ``getorder``. The trade scenes are WeChat's four. Anything else
is 40097.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer, invalid, required_text
from sandbox.fake_wechat.nontax.orders import check_appid

TRADE_SCENES = ("PARKING", "PARKING SPACE", "HIGHWAY", "BRIDGE")
AUTHORIZE_PAGE = "pages/auth/index?appid="


@dataclass
class Vehicles:
    plates: dict[str, str] = field(default_factory=dict)  # plate → openid
    entrances: list[dict[str, Any]] = field(default_factory=list)

    def enroll(self, openid: str, plates: list[str]) -> None:
        for plate in plates:
            self.plates[plate] = openid

    def state_of(self, openid: str) -> dict[str, Any]:
        owned = [plate for plate, owner in self.plates.items() if owner == openid]
        if not owned:
            return {"user_state": "UNAUTHORIZED"}
        return {"user_state": "NORMAL", "openid": openid, "plate_number_info": owned}


def check_common(app_id: str, body: dict[str, Any]) -> None:
    check_appid(app_id, body)
    required_text(body, "region_code")
    if body.get("trade_scene") not in TRADE_SCENES:
        raise invalid("trade_scene")


def scene_info(body: dict[str, Any], *, leaving: bool) -> dict[str, Any]:
    scene = body.get("scene_info")
    if not isinstance(scene, dict):
        raise invalid("scene_info")
    start = bounded_integer(scene, "start_time")
    required_text(scene, "plate_number")
    if leaving and "end_time" in scene and bounded_integer(scene, "end_time") < start:
        raise invalid("scene_info.end_time is before start_time")
    return scene


def query_state(app_id: str, vehicles: Vehicles, body: dict[str, Any]) -> dict[str, Any]:
    check_common(app_id, body)
    named = [name for name in ("openid", "plate_number") if body.get(name) not in (None, "")]
    if len(named) != 1:
        raise invalid("name exactly one of openid and plate_number")
    openid = body["openid"] if named == ["openid"] else vehicles.plates.get(required_text(body, "plate_number"), "")
    state = vehicles.state_of(str(openid))
    if state["user_state"] != "NORMAL":
        state["path"] = AUTHORIZE_PAGE + app_id
    return state


def entrance(app_id: str, vehicles: Vehicles, body: dict[str, Any], now: float) -> dict[str, Any]:
    check_common(app_id, body)
    scene = scene_info(body, leaving=False)
    vehicles.entrances.append({**scene, "notified": now})
    owner = vehicles.plates.get(scene["plate_number"], "")
    return {"user_state": vehicles.state_of(owner)["user_state"]}


def owner_of(app_id: str, vehicles: Vehicles, body: dict[str, Any]) -> str:
    """The openid a deduction is for: an enabled plate's owner, or 40097."""
    check_common(app_id, body)
    scene = scene_info(body, leaving=True)
    owner = vehicles.plates.get(scene["plate_number"])
    if owner is None:
        raise invalid("the plate has not enabled 车主服务")
    return owner
