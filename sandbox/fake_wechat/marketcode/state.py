"""Code batches (申请单) per account, with no I/O.

A batch is generating for ``GENERATION_SECONDS`` (status ``PROCESSING``), then ``FINISH`` with one
generated range 0..count-1; only then does it download. Activation marks a range for a mini program
page; a later activation of an overlapping range replaces it for those codes. A follower's scan
(``scan``, from the control side) yields a ``code_ticket`` that ``tickettocode`` reads once per
openid. Bad arguments are WeChat's 40097; an unknown batch, range or ticket its 40097 with a reason.
"""

import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.marketcode.package import code_of, code_url, encrypt_package, package_key

FIRST_APPLICATION = 581865877
GENERATION_SECONDS = 10.0
MIN_CODES, MAX_CODES, CODE_STEP = 10_000, 20_000_000, 10_000
MAX_DOWNLOAD = 50_000  # codes in one package
WXA_TYPES = (0, 1, 2)  # release, development, trial
ACTIVATION_FIELDS = ("activity_name", "product_brand", "product_title", "product_code", "wxa_appid", "wxa_path")


def _bad(reason: str) -> ApiError:
    return ApiError(ErrCode.INVALID_ARGS, f"invalid args: {reason}")


def _uint(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _bad(name)
    return value


@dataclass
class Batch:
    application_id: int
    isv_application_id: str
    code_count: int
    created: float
    activations: list[dict[str, Any]] = field(default_factory=list)

    def status(self, now: float) -> str:
        return "FINISH" if now - self.created >= GENERATION_SECONDS else "PROCESSING"

    def describe(self, now: float) -> dict[str, Any]:
        finished = self.status(now) == "FINISH"
        return {
            "status": self.status(now),
            "application_id": self.application_id,
            "isv_application_id": self.isv_application_id,
            "code_generate_list": [{"code_start": 0, "code_end": self.code_count - 1}] if finished else [],
            "create_time": int(self.created),
            "update_time": int(self.created + GENERATION_SECONDS) if finished else int(self.created),
        }

    def activation(self, index: int) -> dict[str, Any]:
        for active in reversed(self.activations):
            if active["code_start"] <= index <= active["code_end"]:
                return dict(active)
        raise _bad("code is not activated")


class Marketcodes:
    def __init__(self) -> None:
        self._batches: dict[tuple[str, int], Batch] = {}
        self._tickets: dict[str, tuple[str, int, int, str]] = {}  # ticket → app, batch, index, openid
        self._next = FIRST_APPLICATION

    def _batch(self, app_id: str, body: dict[str, Any]) -> Batch:
        batch = self._batches.get((app_id, _uint(body, "application_id")))
        if batch is None:
            raise _bad("application_id does not exist")
        return batch

    def apply(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        count, isv = _uint(body, "code_count"), body.get("isv_application_id")
        if not MIN_CODES <= count <= MAX_CODES or count % CODE_STEP:
            raise _bad("code_count")
        if not isinstance(isv, str) or not isv or len(isv) > 128:
            raise _bad("isv_application_id")
        for (owner, _), batch in self._batches.items():
            if owner == app_id and batch.isv_application_id == isv:  # the same application
                return {"application_id": batch.application_id}
        batch = Batch(self._next, isv, count, now)
        self._next += 1
        self._batches[(app_id, batch.application_id)] = batch
        return {"application_id": batch.application_id}

    def query(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        if "application_id" not in body and isinstance(body.get("isv_application_id"), str):
            found = [
                b
                for (o, _), b in self._batches.items()
                if o == app_id and b.isv_application_id == body["isv_application_id"]
            ]
            if not found:
                raise _bad("isv_application_id does not exist")
            return found[0].describe(now)
        return self._batch(app_id, body).describe(now)

    def _range(self, batch: Batch, body: dict[str, Any]) -> tuple[int, int]:
        start, end = _uint(body, "code_start"), _uint(body, "code_end")
        if start > end or end >= batch.code_count:
            raise _bad("code_start/code_end")
        return start, end

    def download(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        batch = self._batch(app_id, body)
        if batch.status(now) != "FINISH":
            raise _bad("application is not FINISH")
        start, end = self._range(batch, body)
        if end - start + 1 > MAX_DOWNLOAD:
            raise _bad(f"at most {MAX_DOWNLOAD} codes a download")
        lines = []
        for index in range(start, end + 1):
            code = code_of(batch.application_id, index)
            lines.append(f"{index}\t{code}\t{code_url(app_id, code)}")
        return {"buffer": encrypt_package(lines, package_key(app_id))}

    def activate(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        batch = self._batch(app_id, body)
        if batch.status(now) != "FINISH":
            raise _bad("application is not FINISH")
        start, end = self._range(batch, body)
        fields = {name: body.get(name) for name in ACTIVATION_FIELDS}
        for name, value in fields.items():
            if not isinstance(value, str) or not value:
                raise _bad(name)
        wxa_type = body.get("wxa_type", 0)
        if wxa_type not in WXA_TYPES or isinstance(wxa_type, bool):
            raise _bad("wxa_type")
        batch.activations.append({**fields, "wxa_type": wxa_type, "code_start": start, "code_end": end})
        return {}

    def _answer(self, app_id: str, batch: Batch, index: int) -> dict[str, Any]:
        active = batch.activation(index)
        code = code_of(batch.application_id, index)
        return {
            "code": code, "code_url": code_url(app_id, code), "application_id": batch.application_id,
            "isv_application_id": batch.isv_application_id, **active,
        }  # fmt: skip

    def _locate(self, app_id: str, body: dict[str, Any]) -> tuple[Batch, int]:
        if "application_id" in body:
            batch = self._batch(app_id, body)
            index = _uint(body, "code_index")
            if index >= batch.code_count:
                raise _bad("code_index")
            return batch, index
        wanted, by = (body.get("code"), "code") if body.get("code") else (body.get("code_url"), "code_url")
        for (owner, _), batch in self._batches.items():
            for active in batch.activations:
                for index in range(active["code_start"], active["code_end"] + 1):
                    code = code_of(batch.application_id, index)
                    if owner == app_id and wanted == (code if by == "code" else code_url(app_id, code)):
                        return batch, index
        raise _bad(f"{by} is not an activated code")

    def active_query(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        batch, index = self._locate(app_id, body)
        return self._answer(app_id, batch, index)

    def scan(self, app_id: str, application_id: int, index: int, openid: str) -> str:
        """A follower scans an activated code: the ``code_ticket`` the mini program page receives."""
        batch = self._batch(app_id, {"application_id": application_id})
        batch.activation(index)
        ticket = secrets.token_urlsafe(24)
        self._tickets[ticket] = (app_id, application_id, index, openid)
        return ticket

    def ticket_to_code(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        found = self._tickets.get(str(body.get("code_ticket")))
        if found is None or found[0] != app_id or found[3] != body.get("openid"):
            raise _bad("code_ticket")
        batch = self._batches[(app_id, found[1])]
        return self._answer(app_id, batch, found[2])
