"""What guides send: the account's materials (mini program cards, images, texts) and mass-send jobs,
with no I/O.

Materials are the account's (``type`` 0; any other is 40097); a card needs an image ``media_id``
(9300819) and a mini program appid (9300821); a text is at most 10,240 bytes. A job is handed to
its guide at ``push_time``, from now to a month ahead, with a name of at most 16 characters, a
remark of at most 100, 1–3 materials (text 1, image 3, card 49) and 1–200 followers the guide
serves. Until then it may be changed or cancelled; after, WeChat refuses both (40097).
"""

import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import integer, text
from sandbox.fake_wechat.guide.codes import GuideCode, guide_error, invalid_args
from sandbox.fake_wechat.guide.fields import MAX_BUYERS, Call, named, required, strings, window

WORD_BYTES, TASK_NAME_CHARS, TASK_REMARK_CHARS, MAX_MATERIALS = 10_240, 16, 100, 3
PUSH_WINDOW, JOB_PAGE = 30 * 24 * 3600, 50
PICTURE_HOST = "https://mmbiz.qpic.cn/guide/"
_APPID = re.compile(r"^wx[0-9a-f]{16}$")
NOT_RUN, RUN, FINISHED, CANCELLED = 1, 2, 3, 4
SENT = 2  # a follower's send_status once the job has run


def _own(body: dict[str, Any]) -> None:
    if integer(body, "type", 0) != 0:
        raise invalid_args()


def _word(body: dict[str, Any]) -> str:
    word = required(body, "word")
    if len(word.encode()) > WORD_BYTES:
        raise invalid_args()
    return word


@dataclass
class Materials:
    cards: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    words: list[dict[str, Any]] = field(default_factory=list)
    pictures: int = 0  # image materials ever added: each has its own picurl

    def add_card(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        _own(body)
        if not text(body, "media_id"):
            raise guide_error(GuideCode.INVALID_MEDIA_ID)
        if not _APPID.match(text(body, "appid") or ""):
            raise guide_error(GuideCode.INVALID_CARD_APPID)
        card = {name: required(body, name) for name in ("title", "appid", "path")}
        self.cards.append(
            {**card, "picurl": f"{PICTURE_HOST}card/{now}", "master_id": now, "slave_id": len(self.cards) + 1}
        )
        return {}

    def _picture(self) -> str:
        self.pictures += 1
        return f"{PICTURE_HOST}{self.pictures}"

    def add_image(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        _own(body)
        if not text(body, "media_id"):
            raise guide_error(GuideCode.INVALID_MEDIA_ID)
        self.images.append({"picurl": self._picture(), "create_time": now})
        return {}

    def add_word(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        _own(body)
        self.words.append({"word": _word(body), "create_time": now})
        return {}

    def listing(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        _own(body)
        if kind == "card":
            return {"card_list": list(self.cards)}
        items = self.images if kind == "image" else self.words
        start, num = window(body, "start", "num", 20)
        return {f"{'model' if kind == 'image' else 'word'}_list": items[start : start + num], "total_num": len(items)}

    def delete(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        _own(body)
        items, keys = {
            "card": (self.cards, ("title", "appid", "path")), "image": (self.images, ("picurl",)),
            "word": (self.words, ("word",)),
        }[kind]  # fmt: skip
        wanted = {key: required(body, key) for key in keys}
        kept = [item for item in items if any(item[key] != value for key, value in wanted.items())]
        if len(kept) == len(items):
            raise invalid_args()
        items[:] = kept
        return {}


@dataclass
class Job:
    task_id: int
    guide: str
    create_time: int
    fields: dict[str, Any]  # task_name, task_remark, push_time, material
    openids: list[str]
    status: int = NOT_RUN
    update_time: int = 0
    finish_time: int = 0

    def describe(self) -> dict[str, Any]:
        send_status = SENT if self.status == FINISHED else 1
        return {
            "task_id": self.task_id, **named(self.guide), "create_time": self.create_time,
            "update_time": self.update_time or self.create_time, "finish_time": self.finish_time,
            "task_status": self.status, **self.fields,
            "buyer_info": [{"openid": openid, "send_status": send_status} for openid in self.openids],
        }  # fmt: skip


def job_fields(body: dict[str, Any], now: int, *, partial: bool = False) -> dict[str, Any]:
    """The job's name, remark, push time and materials as WeChat checks them (40097 otherwise)."""
    fields: dict[str, Any] = {}
    if not partial or "task_name" in body:
        name = required(body, "task_name")
        if len(name) > TASK_NAME_CHARS:
            raise invalid_args()
        fields["task_name"] = name
    if "task_remark" in body or not partial:
        remark = text(body, "task_remark") or ""
        if len(remark) > TASK_REMARK_CHARS:
            raise invalid_args()
        fields["task_remark"] = remark
    if not partial or "push_time" in body:
        push_time = integer(body, "push_time")
        if not now <= push_time <= now + PUSH_WINDOW:
            raise invalid_args()
        fields["push_time"] = push_time
    if not partial or "material" in body:
        fields["material"] = _job_materials(body.get("material"))
    return fields


def _job_materials(value: object) -> list[dict[str, Any]]:
    needs = {1: ("word",), 3: ("media_id",), 49: ("media_id", "title", "path", "appid")}
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_MATERIALS:
        raise invalid_args()
    for item in value:
        if not isinstance(item, dict) or item.get("type") not in needs:
            raise invalid_args()
        if any(not item.get(name) for name in needs[item["type"]]):
            raise invalid_args()
        if item["type"] == 1 and len(str(item["word"]).encode()) > WORD_BYTES:
            raise invalid_args()
    return list(value)


@dataclass
class Jobs:
    jobs: dict[int, Job] = field(default_factory=dict)
    next_task_id: int = 1

    def settle(self, now: int) -> None:
        """Jobs whose push time has come run (the fake sends to every follower at once)."""
        for job in self.jobs.values():
            if job.status == NOT_RUN and job.fields["push_time"] <= now:
                job.status, job.finish_time = FINISHED, job.fields["push_time"]

    def add(self, guide: str, body: dict[str, Any], call: Call, served: Any) -> dict[str, Any]:
        fields = job_fields(body, call.now)
        openids = strings(body, "openid", at_most=MAX_BUYERS)
        for openid in openids:
            served(guide, call.follower(openid))
        job = Job(self.next_task_id, guide, call.now, fields, openids)
        self.jobs[job.task_id], self.next_task_id = job, job.task_id + 1
        return {"task_result": [{"task_id": job.task_id, "openid": openids}]}

    def job(self, body: dict[str, Any], now: int) -> Job:
        self.settle(now)
        job = self.jobs.get(integer(body, "task_id"))
        if job is None:
            raise invalid_args()
        return job

    def page(self, guide: str, body: dict[str, Any], now: int) -> dict[str, Any]:
        self.settle(now)
        statuses = body.get("task_status") or []
        if not isinstance(statuses, list):
            raise invalid_args()
        offset, limit = window(body, "offset", "limit", JOB_PAGE)
        mine = [j for j in self.jobs.values() if j.guide == guide and (not statuses or j.status in statuses)]
        return {"total_count": len(mine), "list": [j.describe() for j in mine[offset : offset + min(limit, JOB_PAGE)]]}

    def update(self, body: dict[str, Any], call: Call, served: Any) -> dict[str, Any]:
        job = self.job(body, call.now)
        if job.status != NOT_RUN:
            raise invalid_args()
        fields = job_fields(body, call.now, partial=True)
        if "openid" in body:
            openids = strings(body, "openid", at_most=MAX_BUYERS)
            for openid in openids:
                served(job.guide, call.follower(openid))
            job.openids = openids
        job.fields |= fields
        job.update_time = call.now
        return {}

    def cancel(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        job = self.job(body, now)
        if job.status != NOT_RUN:
            raise invalid_args()
        job.status, job.update_time = CANCELLED, now
        return {}
