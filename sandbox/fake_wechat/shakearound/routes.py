"""``/shakearound/*``: one table from WeChat's path to what the account's 摇一摇周边 does.

Each action takes the account, the call's JSON body (``{}`` for a GET), its query and the time, and
returns WeChat's answer besides ``errcode``: ``{"data": …, "errmsg": "success."}`` for all but the
lottery, whose fields sit beside an empty ``errmsg``.
"""

from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.actions import QueryAction, add_query_actions
from sandbox.fake_wechat.caller import authorized
from sandbox.fake_wechat.edge import wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.shakearound import control, rules
from sandbox.fake_wechat.shakearound.pages import LICENSE_MAX_BYTES, check_material, pic_url
from sandbox.fake_wechat.shakearound.state import Account
from sandbox.fake_wechat.uploads import read_upload

Action = Callable[[Account, dict[str, Any], dict[str, str], float], dict[str, Any]]
Data = Callable[[Account, dict[str, Any], float], Any]
SUCCESS = "success."
NOTHING: dict[str, Any] = {}


def _data(data: Data, *, opened: bool = True) -> Action:
    """An answer in ``data`` (``{}`` when ``data`` returns None); only for an approved account if ``opened``."""

    def act(account: Account, body: dict[str, Any], _query: dict[str, str], now: float) -> dict[str, Any]:
        answer = data(account.opened() if opened else account, body, now)
        return {"data": NOTHING if answer is None else answer, "errmsg": SUCCESS}

    return act


def _daily_list(by: str, key: str) -> Action:
    """``statistics/devicelist`` and ``pagelist``: ``date``, ``total_count`` and ``page_index`` beside ``data``."""

    def act(account: Account, body: dict[str, Any], _query: dict[str, str], now: float) -> dict[str, Any]:
        day = account.opened().shakes.one_day(body, now, by)
        return {"data": {key: day.pop("rows")}, **day, "errmsg": SUCCESS}

    return act


def _lottery(act: Callable[[Account, dict[str, Any], dict[str, str], float], dict[str, Any] | None]) -> Action:
    def answer(account: Account, body: dict[str, Any], query: dict[str, str], now: float) -> dict[str, Any]:
        return {"errmsg": "", **(act(account.opened(), body, query, now) or NOTHING)}

    return answer


def _stats(account: Account, body: dict[str, Any], now: float, *, by_page: bool) -> list[Any]:
    days = account.shakes.days(body, now)
    if by_page:
        return account.shakes.daily(days, page_id=account.pages.get(body.get("page_id"))["page_id"])
    return account.shakes.daily(days, device_id=account.devices.find(body.get("device_identifier")).device_id)


POST: dict[str, Action] = {
    "account/register": _data(lambda a, b, now: a.register(b, now), opened=False),
    "account/auditstatus": _data(lambda a, _b, _now: a.audit_status(), opened=False),
    "page/add": _data(lambda a, b, _: {"page_id": a.pages.add(b)}),
    "page/update": _data(lambda a, b, _: a.pages.update(b)),
    "page/search": _data(lambda a, b, _: a.pages.search(b)),
    "page/delete": _data(lambda a, b, _: a.delete_page(b)),
    "device/applyid": _data(lambda a, b, now: a.devices.apply(b, now)),
    "device/applystatus": _data(lambda a, b, _: a.devices.application(b.get("apply_id")).describe()),
    "device/update": _data(lambda a, b, _: a.devices.update(b)),
    "device/bindlocation": _data(lambda a, b, _: a.devices.bind_location(b)),
    "device/search": _data(lambda a, b, _: a.devices.search(b)),
    "device/bindpage": _data(lambda a, b, _: a.devices.bind_pages(b, set(a.pages.pages))),
    "relation/search": _data(lambda a, b, _: a.relations(b)),
    "device/group/add": _data(lambda a, b, _: a.groups.add(b)),
    "device/group/update": _data(lambda a, b, _: a.groups.rename(b)),
    "device/group/delete": _data(lambda a, b, _: a.groups.delete(b)),
    "device/group/getlist": _data(lambda a, b, _: a.groups.listing(b)),
    "device/group/getdetail": _data(lambda a, b, _: a.groups.detail(b, a.devices)),
    "device/group/adddevice": _data(lambda a, b, _: a.groups.add_devices(b, a.devices)),
    "device/group/deletedevice": _data(lambda a, b, _: a.groups.remove_devices(b, a.devices)),
    "user/getshakeinfo": _data(lambda a, b, now: a.shake_info(b, now)),
    "statistics/device": _data(lambda a, b, now: _stats(a, b, now, by_page=False)),
    "statistics/page": _data(lambda a, b, now: _stats(a, b, now, by_page=True)),
    "statistics/devicelist": _daily_list("device_id", "devices"),
    "statistics/pagelist": _daily_list("page_id", "pages"),
    "lottery/addlotteryinfo": _lottery(lambda a, b, q, _: a.add_lottery(b, q)),
    "lottery/setprizebucket": _lottery(lambda a, b, _q, _: a.lotteries.add_tickets(b)),
}
GET: dict[str, Action] = {
    "account/auditstatus": POST["account/auditstatus"],
    "lottery/setlotteryswitch": _lottery(lambda a, _b, q, _: a.lotteries.switch(dict(q))),
    "lottery/querylottery": _lottery(
        lambda a, _b, q, now: {"result": a.lotteries.get(q.get("lottery_id")).describe(a.app_id, now)}
    ),
}


def _on_account(action: Action) -> QueryAction:
    """``action`` run on the calling account's 摇一摇周边."""
    return lambda shake, app_id, body, query, now: action(shake.of(app_id), body, query, now)


async def add_material(request: web.Request) -> web.Response:
    """``material/add``: the ``media`` image of ``type`` icon (the default) or license; its ``pic_url``."""
    _fake, app_id, _now = authorized(request)
    try:
        upload = await read_upload(request, max_bytes=LICENSE_MAX_BYTES)
    except ApiError as exc:
        missing = exc.errcode == ErrCode.MEDIA_DATA_MISSING
        raise rules.refuse(rules.FILE_MISSING if missing else rules.FILE_SIZE_INVALID) from None
    check_material(request.query.get("type", "icon").lower(), upload.content_type, upload.data)
    return wechat_json({"errcode": 0, "errmsg": SUCCESS, "data": {"pic_url": pic_url(app_id, upload.data)}})


def add_routes(app: web.Application) -> None:
    add_query_actions(
        app,
        lambda state: state.shakearound,
        {f"/shakearound/{path}": _on_account(action) for path, action in POST.items()},
        {f"/shakearound/{path}": _on_account(action) for path, action in GET.items()},
    )
    app.router.add_post("/shakearound/material/add", add_material)
    control.add_routes(app)
