"""The typed groups over a recording transport: the calls they build, the pages they follow, the batches
they cut, and the bad calls they refuse before anything is sent."""

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.api import WeChatApi
from shared.wechat.api.paging import chunked, page_window
from shared.wechat.errors import WeChatError
from shared.wechat.models.draft import Article
from shared.wechat.models.paging import FollowerPage
from shared.wechat.transport import Call, Media, Upload

Answer = dict[str, Any] | Media
Responder = Callable[[Call], Answer]


class Recorder:
    """A transport that records each call and answers from a table of responders by path."""

    def __init__(self, answers: dict[str, Answer | Responder] | None = None) -> None:
        self.calls: list[Call] = []
        self.answers = answers or {}

    async def send(self, app_id: str, call: Call) -> Answer:
        assert app_id == "wxapp"
        self.calls.append(call)
        answer = self.answers.get(call.endpoint.path, {"errcode": 0, "errmsg": "ok"})
        return answer(call) if callable(answer) else answer

    def paths(self) -> list[str]:
        return [call.endpoint.path for call in self.calls]


def api_with(answers: dict[str, Answer | Responder] | None = None) -> tuple[WeChatApi, Recorder]:
    recorder = Recorder(answers)
    return WeChatApi(recorder, "wxapp"), recorder


ARTICLE = Article(title="标题", content="<p>正文</p>", thumb_media_id="THUMB")

# -- chunking and paging helpers ------------------------------------------------------------------


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=120))
def test_chunks_keep_every_item_in_order_and_fill_all_but_the_last(items: list[int], size: int) -> None:
    chunks = list(chunked(items, size))
    assert [item for chunk in chunks for item in chunk] == items
    assert all(len(chunk) == size for chunk in chunks[:-1])
    assert all(1 <= len(chunk) <= size for chunk in chunks)
    assert len(chunks) == -(-len(items) // size)


def test_a_chunk_holds_at_least_one_item() -> None:
    with pytest.raises(ValueError, match="at least one"):
        list(chunked([1], 0))


@pytest.mark.parametrize(("offset", "count"), [(-1, 20), (0, 0), (0, 21), (True, 1), (0, 1.5)])
def test_a_page_window_outside_wechats_bounds_is_refused(offset: Any, count: Any) -> None:
    with pytest.raises(ValueError):
        page_window(offset, count, 20)


def test_a_follower_page_reads_wechats_nesting_and_an_empty_page() -> None:
    page = FollowerPage.model_validate({"total": 2, "count": 2, "data": {"openid": ["a", "b"]}, "next_openid": "b"})
    assert (page.openids, page.next_openid, page.total) == (["a", "b"], "b", 2)
    empty = FollowerPage.model_validate({"total": 2, "count": 0, "next_openid": ""})
    assert (empty.openids, empty.next_openid) == ([], "")


def _follower_pages(openids: list[str], size: int) -> Responder:
    """``user/get`` as WeChat pages it: ``size`` a call, the last openid as the cursor, an empty page at the end."""

    def answer(call: Call) -> dict[str, Any]:
        cursor = (call.params or {}).get("next_openid") or (call.json or {}).get("next_openid") or ""
        cursor = cursor or (call.json or {}).get("begin_openid", "")
        start = openids.index(cursor) + 1 if cursor else 0
        page = openids[start : start + size]
        answer: dict[str, Any] = {"total": len(openids), "count": len(page), "next_openid": page[-1] if page else ""}
        if page:
            answer["data"] = {"openid": page}
        return answer

    return answer


@given(st.integers(min_value=0, max_value=45), st.integers(min_value=1, max_value=10))
async def test_users_all_follows_next_openid_through_every_page(total: int, size: int) -> None:
    openids = [f"o{index}" for index in range(total)]
    api, recorder = api_with({"cgi-bin/user/get": _follower_pages(openids, size)})
    assert [openid async for openid in api.users.all()] == openids
    assert len(recorder.calls) == max(1, -(-total // size))  # the total spares the empty last call
    assert recorder.calls[0].params is None


async def test_the_cursor_stops_on_an_empty_page_when_wechat_gives_no_total() -> None:
    openids = [f"o{index}" for index in range(7)]
    pages = _follower_pages(openids, 3)

    def without_total(call: Call) -> dict[str, Any]:
        answer = pages(call)
        assert isinstance(answer, dict)
        return {key: value for key, value in answer.items() if key != "total"}

    api, recorder = api_with({"cgi-bin/user/tag/get": without_total})
    assert [openid async for openid in api.tags.members(134)] == openids
    assert [call.json["next_openid"] for call in recorder.calls] == ["", "o2", "o5", "o6"]
    assert all(call.json["tagid"] == 134 for call in recorder.calls)


async def test_the_cursor_stops_when_it_does_not_move() -> None:
    stuck = {"count": 1, "data": {"openid": ["o1"]}, "next_openid": "o1"}
    api, recorder = api_with({"cgi-bin/tags/members/getblacklist": lambda call: stuck})
    assert [openid async for openid in api.blacklist.all()] == ["o1", "o1"]
    assert [call.json for call in recorder.calls] == [{"begin_openid": ""}, {"begin_openid": "o1"}]


def _offset_pages(total: int, items_key: str = "item") -> Responder:
    def answer(call: Call) -> dict[str, Any]:
        offset, count = call.json["offset"], call.json["count"]
        items = [{"media_id": f"m{index}"} for index in range(offset, min(offset + count, total))]
        return {"total_count": total, "item_count": len(items), items_key: items}

    return answer


@pytest.mark.parametrize(
    ("path", "iterate"),
    [
        ("cgi-bin/material/batchget_material", lambda api: api.material.all("image")),
        ("cgi-bin/draft/batchget", lambda api: api.draft.all(no_content=True)),
        ("cgi-bin/freepublish/batchget", lambda api: api.freepublish.all()),
    ],
    ids=["material", "draft", "freepublish"],
)
@pytest.mark.parametrize("total", [0, 1, 20, 41])
async def test_offset_lists_iterate_every_page_of_20(path: str, iterate: Any, total: int) -> None:
    api, recorder = api_with({path: _offset_pages(total)})
    assert [item["media_id"] async for item in iterate(api)] == [f"m{index}" for index in range(total)]
    assert [call.json["offset"] for call in recorder.calls] == list(range(0, max(total, 1), 20))
    assert all(call.json["count"] == 20 for call in recorder.calls)


async def test_comments_iterate_every_page_under_50() -> None:
    def answer(call: Call) -> dict[str, Any]:
        begin, count = call.json["begin"], call.json["count"]
        return {"total": 100, "comment": [{"user_comment_id": n} for n in range(begin, min(begin + count, 100))]}

    api, recorder = api_with({"cgi-bin/comment/list": answer})
    ids = [comment["user_comment_id"] async for comment in api.comment.all(2247483649, 1, type=2)]
    assert ids == list(range(100))
    assert [call.json["begin"] for call in recorder.calls] == [0, 49, 98]
    assert recorder.calls[0].json == {"msg_data_id": 2247483649, "index": 1, "begin": 0, "count": 49, "type": 2}


# -- batching helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize("total", [1, 100, 101, 250])
async def test_profiles_go_100_a_call_in_order(total: int) -> None:
    openids = [f"o{index}" for index in range(total)]

    def answer(call: Call) -> dict[str, Any]:
        return {"user_info_list": [{"openid": user["openid"]} for user in call.json["user_list"]]}

    api, recorder = api_with({"cgi-bin/user/info/batchget": answer})
    profiles = await api.users.info_batch(openids, lang="en")
    assert [profile["openid"] for profile in profiles] == openids
    assert [len(call.json["user_list"]) for call in recorder.calls] == [len(c) for c in chunked(openids, 100)]
    assert recorder.calls[0].json["user_list"][0] == {"openid": "o0", "lang": "en"}


@pytest.mark.parametrize(("method", "size"), [("tag", 50), ("untag", 50)])
async def test_tagging_goes_50_a_call(method: str, size: int) -> None:
    api, recorder = api_with()
    await getattr(api.tags, method)(134, [f"o{index}" for index in range(120)])
    assert [len(call.json["openid_list"]) for call in recorder.calls] == [50, 50, 20]
    assert all(call.json["tagid"] == 134 for call in recorder.calls)


@pytest.mark.parametrize("method", ["add", "remove"])
async def test_the_blacklist_goes_20_a_call(method: str) -> None:
    api, recorder = api_with()
    await getattr(api.blacklist, method)([f"o{index}" for index in range(45)])
    assert [len(call.json["openid_list"]) for call in recorder.calls] == [20, 20, 5]


async def test_a_bad_openid_anywhere_in_a_long_list_stops_every_batch() -> None:
    api, recorder = api_with()
    openids = [f"o{index}" for index in range(120)] + [""]
    with pytest.raises(ValidationError):
        await api.tags.tag(134, openids)
    with pytest.raises(ValidationError):
        await api.users.info_batch(openids)
    assert recorder.calls == []


async def test_a_lone_string_or_nothing_is_not_a_list_of_openids() -> None:
    api, recorder = api_with()
    with pytest.raises(ValueError, match="not one string"):
        await api.blacklist.add("oFollower1")
    with pytest.raises(ValueError, match="no openids"):
        await api.tags.untag(134, [])
    assert await api.users.info_batch([]) == []
    assert recorder.calls == []


# -- each group's calls ---------------------------------------------------------------------------


async def test_base_calls() -> None:
    api, recorder = api_with(
        {
            "cgi-bin/getcallbackip": {"ip_list": ["101.226.62.77"]},
            "cgi-bin/openapi/quota/get": {"errcode": 0, "quota": {"daily_limit": 10, "used": 1, "remain": 9}},
            "cgi-bin/openapi/rid/get": {"errcode": 0, "request": {"invoke_time": 1635156704}},
        }
    )
    assert await api.base.callback_ips() == ["101.226.62.77"]
    assert (await api.base.quota("cgi-bin/message/custom/send")).remain == 9
    assert (await api.base.rid("61725984-6126f6f9-040f19c4"))["invoke_time"] == 1635156704
    await api.base.check_network("ping", "UNICOM")
    await api.base.clear_quota()
    bodies = {call.endpoint.path: call.json for call in recorder.calls}
    assert bodies["cgi-bin/openapi/quota/get"] == {"cgi_path": "/cgi-bin/message/custom/send"}
    assert bodies["cgi-bin/callback/check"] == {"action": "ping", "check_operator": "UNICOM"}
    assert bodies["cgi-bin/clear_quota"] == {"appid": "wxapp"}


async def test_media_calls() -> None:
    api, recorder = api_with(
        {
            "cgi-bin/media/upload": {"type": "thumb", "thumb_media_id": "M1", "created_at": 1},
            "cgi-bin/media/uploadimg": {"url": "http://mmbiz.qpic.cn/x"},
            "cgi-bin/media/get": lambda call: (
                {"video_url": "http://v"} if (call.params or {})["media_id"] == "V" else Media(b"img", "image/jpeg")
            ),
        }
    )
    uploaded = await api.media.upload("thumb", Upload("t.jpg", b"\xff\xd8jpeg"))
    assert (uploaded.media_id, recorder.calls[-1].params) == ("M1", {"type": "thumb"})
    assert await api.media.upload_image(Upload("a.png", b"png")) == "http://mmbiz.qpic.cn/x"
    assert await api.media.get("V") == "http://v"
    assert await api.media.get("I") == Media(b"img", "image/jpeg")


async def test_material_calls() -> None:
    api, recorder = api_with({"cgi-bin/material/add_material": {"media_id": "P1"}})
    added = await api.material.add("video", Upload("v.mp4", b"mp4"), title="标题", introduction="简介")
    assert (added.media_id, added.url) == ("P1", None)
    assert recorder.calls[-1].params == {"type": "video"}
    assert recorder.calls[-1].fields == {"description": '{"title":"标题","introduction":"简介"}'}
    await api.material.add("image", Upload("a.bmp", b"bmp"))
    assert recorder.calls[-1].fields is None


async def test_draft_and_publish_calls() -> None:
    api, recorder = api_with(
        {
            "cgi-bin/draft/add": {"media_id": "D1"},
            "cgi-bin/draft/count": {"total_count": 3},
            "cgi-bin/freepublish/submit": {"errcode": 0, "publish_id": 100000001},
            "cgi-bin/freepublish/get": {"publish_id": "100000001", "publish_status": 1},
        }
    )
    assert await api.draft.add([ARTICLE, ARTICLE]) == "D1"
    assert recorder.calls[-1].json == {"articles": [ARTICLE.body(), ARTICLE.body()]}
    await api.draft.update("D1", 1, ARTICLE)
    assert recorder.calls[-1].json == {"media_id": "D1", "index": 1, "articles": ARTICLE.body()}
    assert await api.draft.count() == 3
    job = await api.freepublish.submit("D1")
    assert (job.publish_id, job.msg_data_id) == ("100000001", None)
    assert not (await api.freepublish.get("100000001")).finished
    await api.freepublish.delete("A1")
    assert recorder.calls[-1].json == {"article_id": "A1"}


async def test_qrcode_calls_and_the_image_without_a_token_host() -> None:
    ticket = {"ticket": "T+/=", "expire_seconds": 2592000, "url": "http://weixin.qq.com/q/x"}
    api, recorder = api_with({"cgi-bin/qrcode/create": ticket, "cgi-bin/showqrcode": Media(b"jpeg", "image/jpg")})
    created = await api.qrcode.create("campaign-1")
    assert (created.ticket, created.expire_seconds) == ("T+/=", 2592000)
    assert recorder.calls[-1].json["action_name"] == "QR_STR_SCENE"
    assert (await api.qrcode.image(created.ticket)).content == b"jpeg"
    assert recorder.calls[-1].params == {"ticket": "T+/="}
    assert not recorder.calls[-1].endpoint.needs_token


async def test_an_answer_of_the_wrong_shape_is_wechats_error_not_a_validation_error() -> None:
    api, _ = api_with({"cgi-bin/qrcode/create": {"url": "http://weixin.qq.com/q/x"}})
    with pytest.raises(WeChatError, match="unexpected shape"):
        await api.qrcode.create(1)
    api, _ = api_with({"cgi-bin/showqrcode": {"errcode": 0}})
    with pytest.raises(WeChatError, match="not a file"):
        await api.qrcode.image("T")


BAD_CALLS: list[tuple[str, Callable[[WeChatApi], Any]]] = [
    ("temporary-bmp-image", lambda api: api.media.upload("image", Upload("a.bmp", b"x"))),
    ("thumb-too-big", lambda api: api.media.upload("thumb", Upload("t.jpg", b"x" * (64 * 1024 + 1)))),
    ("unknown-kind", lambda api: api.media.upload("gif", Upload("a.gif", b"x"))),
    ("article-image-gif", lambda api: api.media.upload_image(Upload("a.gif", b"x"))),
    ("empty-media-id", lambda api: api.media.get("")),
    ("video-without-title", lambda api: api.material.add("video", Upload("v.mp4", b"x"))),
    ("title-for-an-image", lambda api: api.material.add("image", Upload("a.jpg", b"x"), title="t")),
    ("batchget-21", lambda api: api.material.batchget("image", count=21)),
    ("batchget-thumb", lambda api: api.material.batchget("thumb")),
    ("draft-of-9", lambda api: api.draft.add([ARTICLE] * 9)),
    ("draft-update-index", lambda api: api.draft.update("D1", -1, ARTICLE)),
    ("publish-delete-index", lambda api: api.freepublish.delete("A1", -1)),
    ("comment-count-50", lambda api: api.comment.list(1, count=50)),
    ("comment-type-3", lambda api: api.comment.list(1, type=3)),
    ("remark-30-bytes", lambda api: api.users.update_remark("o1", "a" * 30)),
    ("lang", lambda api: api.users.info("o1", lang="fr")),  # type: ignore[arg-type]
    ("tag-name-31", lambda api: api.tags.create("a" * 31)),
    ("delete-tag-2", lambda api: api.tags.delete(2)),
    ("rename-tag-0", lambda api: api.tags.update(0, "x")),
    ("qr-scene-0", lambda api: api.qrcode.create(0)),
    ("qr-permanent-100001", lambda api: api.qrcode.create(100_001, permanent=True)),
    ("qr-expire-long", lambda api: api.qrcode.create("s", expire_seconds=2_592_001)),
    ("shorten-4097", lambda api: api.shorten.gen("d" * 4097)),
    ("network-action", lambda api: api.base.check_network("trace")),  # type: ignore[arg-type]
    ("empty-rid", lambda api: api.base.rid("")),
]


@pytest.mark.parametrize("bad_call", [call for _, call in BAD_CALLS], ids=[name for name, _ in BAD_CALLS])
async def test_a_bad_call_is_refused_before_anything_is_sent(bad_call: Callable[[WeChatApi], Any]) -> None:
    api, recorder = api_with()
    with pytest.raises(ValueError):  # pydantic's ValidationError is a ValueError
        await bad_call(api)
    assert recorder.calls == []
