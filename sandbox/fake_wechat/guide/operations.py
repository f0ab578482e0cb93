"""Every guide endpoint as one operation on the account's world: the body in, WeChat's answer out
(``errcode`` 0 is added by the route). One table, read by the routes and by the tests."""

from collections.abc import Callable
from typing import Any

from sandbox.fake_wechat.guide.book import GuideWorld
from sandbox.fake_wechat.guide.fields import Call, required

Body = dict[str, Any]
Operation = Callable[[GuideWorld, Body, Call], Body]


def _chat(w: GuideWorld, b: Body, c: Call) -> Body:
    w.clientele.served(w.staff.guide(b).key, required(b, "openid"))
    return {"total_num": 0, "msg_list": []}  # the fake records no chats between guides and followers


def _remove(w: GuideWorld, b: Body, c: Call) -> Body:
    w.clientele.forget(w.staff.remove(b))
    return {}


def _path_menu(w: GuideWorld, b: Body, c: Call) -> Body:
    required(b, "appid")
    c.follower(b.get("userid"))
    return {}


def _guided(act: Callable[[GuideWorld, str, Body, Call], Body]) -> Operation:
    """An operation on the guide the body names (9300804 when they are not a guide)."""
    return lambda w, b, c: act(w, w.staff.guide(b).key, b, c)


OPERATIONS: dict[str, Operation] = {
    "addguideacct": lambda w, b, c: w.staff.add(b, c.now),
    "getguideacct": lambda w, b, c: w.staff.guide(b).describe(),
    "updateguideacct": lambda w, b, c: w.staff.update(b),
    "delguideacct": _remove,
    "getguideacctlist": lambda w, b, c: w.staff.page(b),
    "guidecreateqrcode": lambda w, b, c: w.staff.qrcode(b),
    "getguidebuyerchatrecord": _chat,
    "setguideconfig": lambda w, b, c: w.staff.set_config(b),
    "getguideconfig": lambda w, b, c: w.staff.config(b),
    "setguideacctconfig": lambda w, b, c: w.staff.set_account_config(b),
    "getguideacctconfig": lambda w, b, c: dict(w.staff.account_config),
    "pushshowwxapathmenu": _path_menu,
    "newguidegroup": lambda w, b, c: w.staff.new_group(b, c.now),
    "getguidegrouplist": lambda w, b, c: {"group_list": [g.describe() for g in w.staff.groups.values()]},
    "getgroupinfo": lambda w, b, c: w.staff.group_info(b),
    "addguide2guidegroup": lambda w, b, c: w.staff.join(b, c.now),
    "delguide2guidegroup": lambda w, b, c: w.staff.leave(b, c.now),
    "getgroupbyguide": lambda w, b, c: w.staff.groups_of(b),
    "delguidegroup": lambda w, b, c: w.staff.delete_group(b),
    "addguidebuyerrelation": _guided(lambda w, g, b, c: w.clientele.bind(g, b, c)),
    "delguidebuyerrelation": _guided(lambda w, g, b, c: w.clientele.unbind(g, b)),
    "getguidebuyerrelationlist": _guided(lambda w, g, b, c: w.clientele.page(g, b)),
    "rebindguideacctforbuyer": lambda w, b, c: w.clientele.rebind(
        w.staff.guide(b, "old_").key, w.staff.guide(b, "new_").key, b, c
    ),
    "updateguidebuyerrelation": _guided(lambda w, g, b, c: w.clientele.rename(g, b)),
    "getguidebuyerrelationbybuyer": lambda w, b, c: w.clientele.guide_of(b, c),
    "getguidebuyerrelation": _guided(lambda w, g, b, c: w.clientele.relation(g, b)),
    "newguidetagoption": lambda w, b, c: w.clientele.new_option(b),
    "addguidetagoption": lambda w, b, c: w.clientele.add_values(b),
    "delguidetagoption": lambda w, b, c: w.clientele.delete_option(b),
    "getguidetagoption": lambda w, b, c: w.clientele.listing(),
    "addguidebuyertag": _guided(lambda w, g, b, c: w.clientele.tag(g, b, add=True)),
    "delguidebuyertag": _guided(lambda w, g, b, c: w.clientele.tag(g, b, add=False)),
    "getguidebuyertag": _guided(lambda w, g, b, c: w.clientele.tags_of(g, b)),
    "queryguidebuyerbytag": _guided(lambda w, g, b, c: w.clientele.by_tags(g, b)),
    "addguidebuyerdisplaytag": _guided(lambda w, g, b, c: w.clientele.set_display(g, b)),
    "getguidebuyerdisplaytag": _guided(lambda w, g, b, c: w.clientele.display(g, b)),
    "setguidecardmaterial": lambda w, b, c: w.materials.add_card(b, c.now),
    "getguidecardmaterial": lambda w, b, c: w.materials.listing("card", b),
    "delguidecardmaterial": lambda w, b, c: w.materials.delete("card", b),
    "setguideimagematerial": lambda w, b, c: w.materials.add_image(b, c.now),
    "getguideimagematerial": lambda w, b, c: w.materials.listing("image", b),
    "delguideimagematerial": lambda w, b, c: w.materials.delete("image", b),
    "setguidewordmaterial": lambda w, b, c: w.materials.add_word(b, c.now),
    "getguidewordmaterial": lambda w, b, c: w.materials.listing("word", b),
    "delguidewordmaterial": lambda w, b, c: w.materials.delete("word", b),
    "addguidemassendjob": _guided(lambda w, g, b, c: w.jobs.add(g, b, c, w.clientele.served)),
    "getguidemassendjoblist": _guided(lambda w, g, b, c: w.jobs.page(g, b, c.now)),
    "getguidemassendjob": lambda w, b, c: {"job": w.jobs.job(b, c.now).describe()},
    "updateguidemassendjob": lambda w, b, c: w.jobs.update(b, c, w.clientele.served),
    "cancelguidemassendjob": lambda w, b, c: w.jobs.cancel(b, c.now),
}
