"""对话能力 (the guide API): guides, the followers they serve, tags, and mass-send jobs.

A guide is a ``GuideRef`` or, as a plain string, a WeChat ID. Calls on followers are cut into
batches of 200 (WeChat's limit) and answer each follower's outcome; lists are iterators over every
page. Settings, groups and materials go through ``api.call`` with WeChat's own bodies.
"""

import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from pydantic import BaseModel

from shared.wechat.api.group import Answer, ApiGroup, parse_answer
from shared.wechat.api.paging import chunked
from shared.wechat.catalogue import Catalogue
from shared.wechat.models.guide import (
    MAX_BUYERS,
    Buyer,
    BuyerRelation,
    BuyerRelations,
    BuyerResult,
    BuyerTagging,
    Guide,
    GuideProfile,
    GuideRef,
    JobChanges,
    JobMaterial,
    MassJob,
    NumberedPage,
    TagOption,
    TagQuery,
    as_guide,
    followers,
)
from shared.wechat.transport import Transport

PAGE = 50


class GuideApi(ApiGroup):
    def __init__(
        self, transport: Transport, app_id: str, catalogue: Catalogue, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(transport, app_id, catalogue)
        self._clock = clock  # push_time is checked against it

    # -- guides --------------------------------------------------------------------------------

    async def add(self, who: GuideRef | str, *, nickname: str | None = None, headimgurl: str | None = None) -> None:
        await self._json("cgi-bin/guide/addguideacct", json=_profile(who, nickname, headimgurl).body())

    async def update(self, who: GuideRef | str, *, nickname: str | None = None, headimgurl: str | None = None) -> None:
        await self._json("cgi-bin/guide/updateguideacct", json=_profile(who, nickname, headimgurl).body())

    async def get(self, who: GuideRef | str) -> Guide:
        return await self._model("cgi-bin/guide/getguideacct", Guide, json=as_guide(who).body())

    async def remove(self, who: GuideRef | str) -> None:
        await self._json("cgi-bin/guide/delguideacct", json=as_guide(who).body())

    async def all(self) -> AsyncIterator[Guide]:
        """Every guide of the account, page after page."""
        async for item in self._numbered("cgi-bin/guide/getguideacctlist", {}, Guide):
            yield item

    # -- the followers a guide serves ----------------------------------------------------------

    async def add_buyers(self, who: GuideRef | str, buyers: Sequence[Buyer | str]) -> list[BuyerResult]:
        """Give the guide these followers (openids, or ``Buyer`` with a nickname), 200 a call."""
        ref = as_guide(who).body()
        listed = [buyer if isinstance(buyer, Buyer) else Buyer(openid=buyer) for buyer in buyers]
        followers([buyer.openid for buyer in listed])
        results: list[BuyerResult] = []
        for batch in chunked(listed, MAX_BUYERS):
            results += await self._results(
                "cgi-bin/guide/addguidebuyerrelation", BuyerRelations(**ref, buyer_list=batch)
            )
        return results

    async def remove_buyers(self, who: GuideRef | str, openids: Sequence[str]) -> list[BuyerResult]:
        ref = as_guide(who).body()
        return await self._batched(
            "cgi-bin/guide/delguidebuyerrelation", openids, lambda batch: {**ref, "openid_list": batch}
        )

    async def rebind(self, old: GuideRef | str, new: GuideRef | str, openids: Sequence[str]) -> list[BuyerResult]:
        """Move followers from one guide to another, both named the same way (by WeChat ID or by openid)."""
        before, after = as_guide(old), as_guide(new)
        if (before.guide_account is None) != (after.guide_account is None):
            raise ValueError("name both guides by guide_account, or both by guide_openid")
        pair = {
            f"{age}_{key}": value for age, ref in (("old", before), ("new", after)) for key, value in ref.body().items()
        }
        return await self._batched(
            "cgi-bin/guide/rebindguideacctforbuyer", openids, lambda batch: {**pair, "openid_list": batch}
        )

    async def guide_of(self, openid: str) -> BuyerRelation:
        """The guide serving a follower (9300806 when none does)."""
        body = Buyer(openid=openid).body()
        return await self._model("cgi-bin/guide/getguidebuyerrelationbybuyer", BuyerRelation, json=body)

    async def buyers(self, who: GuideRef | str) -> AsyncIterator[BuyerRelation]:
        """Every follower the guide serves, page after page."""
        async for item in self._numbered(
            "cgi-bin/guide/getguidebuyerrelationlist", as_guide(who).body(), BuyerRelation
        ):
            yield item

    # -- tags ----------------------------------------------------------------------------------

    async def new_tag(self, tag_name: str, values: Sequence[str]) -> None:
        option = TagOption(tag_name=tag_name, tag_values=list(values))
        await self._json("cgi-bin/guide/newguidetagoption", json=option.body())

    async def add_tag_values(self, tag_name: str, values: Sequence[str]) -> None:
        option = TagOption(tag_name=tag_name, tag_values=list(values))
        await self._json("cgi-bin/guide/addguidetagoption", json=option.body())

    async def tags(self) -> dict[str, list[str]]:
        """Every tag and its values."""
        answer = await self._json("cgi-bin/guide/getguidetagoption", json={})
        return {option["tag_name"]: list(option["tag_values"]) for option in answer.get("options", [])}

    async def tag_buyers(self, who: GuideRef | str, tag_value: str, openids: Sequence[str]) -> list[BuyerResult]:
        """Give followers of the guide a tag value (one of a tag's values), 200 a call."""
        ref = as_guide(who).body()
        path = "cgi-bin/guide/addguidebuyertag"
        return await self._batched(
            path, openids, lambda batch: BuyerTagging(**ref, openid_list=batch, tag_value=tag_value)
        )

    async def with_tags(self, who: GuideRef | str, tag_values: Sequence[str]) -> list[str]:
        """The openids of the guide's followers who have every one of ``tag_values`` (each a tag's value)."""
        query = TagQuery(**as_guide(who).body(), tag_values=list(tag_values))
        answer = await self._json("cgi-bin/guide/queryguidebuyerbytag", json=query.body())
        return list(answer.get("openid_list", []))

    # -- mass-send jobs ------------------------------------------------------------------------

    async def add_job(
        self,
        who: GuideRef | str,
        task_name: str,
        push_time: int,
        openids: Sequence[str],
        material: Sequence[JobMaterial],
        *,
        task_remark: str | None = None,
    ) -> list[dict[str, Any]]:
        """Give the guide a mass-send job; WeChat answers ``task_result`` (task ids and their followers)."""
        job = MassJob(
            **as_guide(who).body(), task_name=task_name, task_remark=task_remark, push_time=push_time,
            openid=list(openids), material=list(material),
        ).check_push_time(self._clock())  # fmt: skip
        answer = await self._json("cgi-bin/guide/addguidemassendjob", json=job.body())
        return list(answer.get("task_result", []))

    async def job(self, task_id: int) -> dict[str, Any]:
        return dict((await self._json("cgi-bin/guide/getguidemassendjob", json={"task_id": task_id}))["job"])

    async def update_job(self, task_id: int, **changes: Any) -> None:
        """Change a job that has not run (``task_name``, ``task_remark``, ``push_time``, ``openid``, ``material``)."""
        job = JobChanges(task_id=task_id, **changes).check_push_time(self._clock())
        await self._json("cgi-bin/guide/updateguidemassendjob", json=job.body())

    async def cancel_job(self, task_id: int) -> None:
        await self._json("cgi-bin/guide/cancelguidemassendjob", json={"task_id": task_id})

    # -----------------------------------------------------------------------------------------

    async def _numbered(self, path: str, body: dict[str, Any], model: type[Answer]) -> AsyncIterator[Answer]:
        """Every item of a list paged by number, ``PAGE`` a call, until ``total_num`` or an empty page."""
        page, seen = 0, 0
        while True:
            answer = await self._model(path, NumberedPage, json={**body, "page": page, "num": PAGE})
            for item in answer.items:
                yield parse_answer(path, model, item)
            page, seen = page + 1, seen + len(answer.items)
            if not answer.items or seen >= answer.total_num:
                return

    async def _batched(
        self, path: str, openids: Sequence[str], body: Callable[[list[str]], dict[str, Any] | BaseModel]
    ) -> list[BuyerResult]:
        """One call per 200 followers, each follower's outcome in order."""
        results: list[BuyerResult] = []
        for batch in chunked(followers(openids), MAX_BUYERS):
            results += await self._results(path, body(batch))
        return results

    async def _results(self, path: str, body: dict[str, Any] | BaseModel) -> list[BuyerResult]:
        sent = body.model_dump(mode="json", exclude_none=True) if isinstance(body, BaseModel) else body
        answer = await self._json(path, json=sent)
        return [parse_answer(path, BuyerResult, item) for item in answer.get("buyer_resp", [])]


def _profile(who: GuideRef | str, nickname: str | None, headimgurl: str | None) -> GuideProfile:
    return GuideProfile(**as_guide(who).body(), guide_nickname=nickname, guide_headimgurl=headimgurl)
