"""The fake WeChat's draft box, publishing and comments keep WeChat's shapes, limits and error codes; a
publish job ends on the fake's clock or on a control call, never by sleeping."""

from typing import Any

import pytest

from sandbox.fake_wechat.library import DEFAULT_PUBLISH_SECONDS
from tests.component.wechat_content import ContentApi
from tests.conftest import FakeWeChat


@pytest.fixture
async def api(fake_wechat: FakeWeChat) -> ContentApi:
    return await ContentApi.of(fake_wechat)


@pytest.fixture
async def cover(api: ContentApi) -> str:
    return await api.cover()


def article(cover: str, **fields: Any) -> dict[str, Any]:
    return {"title": "新品发布", "content": "<p>今天 <b>上新</b></p>", "thumb_media_id": cover, **fields}


async def add_draft(api: ContentApi, *articles: dict[str, Any]) -> str:
    media_id: str = (await api.ok("/cgi-bin/draft/add", {"articles": list(articles)}))["media_id"]
    return media_id


async def publish(api: ContentApi, cover: str, *articles: dict[str, Any]) -> dict[str, Any]:
    """Submit a draft and let the fake's clock run until it is published: the submit and the get answers."""
    media_id = await add_draft(api, *(articles or (article(cover),)))
    submitted = await api.ok("/cgi-bin/freepublish/submit", {"media_id": media_id})
    api.fake.clock.advance(DEFAULT_PUBLISH_SECONDS)
    job = await api.ok("/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]})
    assert job["publish_status"] == 0, job
    return submitted | job


# -- drafts ---------------------------------------------------------------------------------


async def test_a_draft_is_added_read_updated_counted_and_deleted(api: ContentApi, cover: str) -> None:
    media_id = await add_draft(api, article(cover, author="小编", need_open_comment=1), article(cover, title="第二篇"))
    assert (await api.json("GET", "/cgi-bin/draft/count")) == {"total_count": 1}

    first, second = (await api.ok("/cgi-bin/draft/get", {"media_id": media_id}))["news_item"]
    assert (first["title"], first["author"], first["thumb_media_id"], first["need_open_comment"]) == (
        "新品发布", "小编", cover, 1,
    )  # fmt: skip
    assert first["article_type"] == "news" and first["url"].startswith("https://mp.weixin.qq.com/s?")
    assert second["digest"] == ""  # only a single article gets a digest from its content

    await api.ok("/cgi-bin/draft/update", {"media_id": media_id, "index": 1, "articles": article(cover, title="改")})
    news_item = (await api.ok("/cgi-bin/draft/get", {"media_id": media_id}))["news_item"]
    assert [item["title"] for item in news_item] == ["新品发布", "改"]

    await api.ok("/cgi-bin/draft/delete", {"media_id": media_id})
    assert (await api.json("GET", "/cgi-bin/draft/count")) == {"total_count": 0}
    assert (await api.post("/cgi-bin/draft/get", {"media_id": media_id}))["errcode"] == 40007


async def test_a_single_articles_missing_digest_is_its_contents_first_54_characters(
    api: ContentApi, cover: str
) -> None:
    text = "字" * 60
    media_id = await add_draft(api, article(cover, content=f"<p>{text}</p>"))
    [item] = (await api.ok("/cgi-bin/draft/get", {"media_id": media_id}))["news_item"]
    assert item["digest"] == "字" * 54


@pytest.mark.parametrize(
    ("change", "errcode"),
    [
        ({"title": ""}, 44003),
        ({"content": ""}, 44003),
        ({"title": "题" * 33}, 45003),
        ({"author": "作" * 17}, 45110),
        ({"digest": "摘" * 129}, 45004),
        ({"content": "文" * 20_000}, 45002),
        ({"content_source_url": "https://example.com/" + "a" * 1024}, 45005),
        ({"thumb_media_id": "no-such-material"}, 40007),
        ({"thumb_media_id": None}, 40007),
        ({"article_type": "video"}, 40097),
        ({"need_open_comment": 2}, 40097),
        ({"title": 7}, 47001),
    ],
)
async def test_a_bad_article_gets_wechats_error_and_no_draft(
    api: ContentApi, cover: str, change: dict[str, Any], errcode: int
) -> None:
    bad = {k: v for k, v in (article(cover) | change).items() if v is not None}
    assert (await api.post("/cgi-bin/draft/add", {"articles": [bad]}))["errcode"] == errcode
    assert (await api.json("GET", "/cgi-bin/draft/count")) == {"total_count": 0}


async def test_limits_at_the_edge_are_taken(api: ContentApi, cover: str) -> None:
    full = article(cover, title="题" * 32, author="作" * 16, digest="摘" * 128, content="文" * 19_999)
    await add_draft(api, full)


async def test_a_cover_must_be_a_permanent_image_of_the_account(api: ContentApi, cover: str) -> None:
    temporary = await api.upload("/cgi-bin/media/upload", b"\xff\xd8" * 10, "t.jpg", media_type="thumb")
    voice = await api.upload("/cgi-bin/material/add_material", b"ID3" * 10, "v.mp3", media_type="voice")
    image = await api.upload("/cgi-bin/material/add_material", b"\xff\xd8" * 10, "i.jpg", media_type="image")
    for thumb in (temporary["thumb_media_id"], voice["media_id"]):
        assert (await api.post("/cgi-bin/draft/add", {"articles": [article(thumb)]}))["errcode"] == 40007
    await add_draft(api, article(image["media_id"]))


@pytest.mark.parametrize(("articles", "errcode"), [(None, 44003), ([], 44003), ("x", 44003), (["x"], 44003)])
async def test_a_draft_needs_its_articles(api: ContentApi, articles: Any, errcode: int) -> None:
    body = {} if articles is None else {"articles": articles}
    assert (await api.post("/cgi-bin/draft/add", body))["errcode"] == errcode


async def test_a_draft_holds_at_most_8_articles(api: ContentApi, cover: str) -> None:
    await add_draft(api, *[article(cover)] * 8)
    assert (await api.post("/cgi-bin/draft/add", {"articles": [article(cover)] * 9}))["errcode"] == 45008


async def test_draft_update_checks_the_draft_index_and_article(api: ContentApi, cover: str) -> None:
    media_id = await add_draft(api, article(cover))
    cases = [
        ({"media_id": "nope", "index": 0, "articles": article(cover)}, 40007),
        ({"media_id": media_id, "index": 1, "articles": article(cover)}, 40060),
        ({"media_id": media_id, "index": 0, "articles": article(cover, title="")}, 44003),
        ({"media_id": media_id, "articles": article(cover)}, 40097),
    ]
    for body, errcode in cases:
        assert (await api.post("/cgi-bin/draft/update", body))["errcode"] == errcode


async def test_draft_batchget_pages_newest_first_with_or_without_content(api: ContentApi, cover: str) -> None:
    ids = []
    for n in range(3):
        ids.append(await add_draft(api, article(cover, title=f"第{n}篇")))
        api.fake.clock.advance(1)
    page = await api.ok("/cgi-bin/draft/batchget", {"offset": 0, "count": 2, "no_content": 1})
    assert (page["total_count"], page["item_count"]) == (3, 2)
    assert [item["media_id"] for item in page["item"]] == [ids[2], ids[1]]
    assert "content" not in page["item"][0]["content"]["news_item"][0]
    full = await api.ok("/cgi-bin/draft/batchget", {"offset": 2, "count": 20})
    assert full["item"][0]["content"]["news_item"][0]["content"] == "<p>今天 <b>上新</b></p>"


@pytest.mark.parametrize(
    ("body", "errcode"),
    [({"offset": 0, "count": 0}, 40097), ({"offset": 0, "count": 21}, 40097), ({"offset": 0}, 40097),
     ({"offset": "a", "count": 1}, 47001), ({"offset": 0, "count": 1, "no_content": 3}, 40097)],
)  # fmt: skip
@pytest.mark.parametrize("path", ["/cgi-bin/draft/batchget", "/cgi-bin/freepublish/batchget"])
async def test_batchget_checks_offset_and_count(api: ContentApi, path: str, body: dict[str, Any], errcode: int) -> None:
    assert (await api.post(path, body))["errcode"] == errcode


# -- publishing -----------------------------------------------------------------------------


async def test_a_publish_job_publishes_after_its_delay_on_the_fakes_clock(api: ContentApi, cover: str) -> None:
    media_id = await add_draft(api, article(cover), article(cover, title="第二篇"))
    submitted = await api.ok("/cgi-bin/freepublish/submit", {"media_id": media_id})
    publish_id = submitted["publish_id"]
    assert isinstance(publish_id, str) and publish_id.isdigit() and isinstance(submitted["msg_data_id"], int)

    publishing = await api.ok("/cgi-bin/freepublish/get", {"publish_id": publish_id})
    assert publishing == {"publish_id": publish_id, "publish_status": 1, "fail_idx": []}

    api.fake.clock.advance(DEFAULT_PUBLISH_SECONDS)
    done = await api.ok("/cgi-bin/freepublish/get", {"publish_id": publish_id})
    assert done["publish_status"] == 0 and done["fail_idx"] == []
    assert done["article_detail"]["count"] == 2
    assert [item["idx"] for item in done["article_detail"]["item"]] == [1, 2]
    # A published draft leaves the draft box.
    assert (await api.post("/cgi-bin/draft/get", {"media_id": media_id}))["errcode"] == 40007

    news_item = (await api.ok("/cgi-bin/freepublish/getarticle", {"article_id": done["article_id"]}))["news_item"]
    assert [(item["title"], item["is_deleted"]) for item in news_item] == [("新品发布", False), ("第二篇", False)]
    assert [item["url"] for item in news_item] == [item["article_url"] for item in done["article_detail"]["item"]]


async def test_published_articles_list_and_delete_one_or_all(api: ContentApi, cover: str) -> None:
    first = await publish(api, cover)
    second = await publish(api, cover, article(cover, title="甲"), article(cover, title="乙"))
    listing = await api.ok("/cgi-bin/freepublish/batchget", {"offset": 0, "count": 20, "no_content": 1})
    assert [item["article_id"] for item in listing["item"]] == [second["article_id"], first["article_id"]]
    assert "content" not in listing["item"][0]["content"]["news_item"][0]

    await api.ok("/cgi-bin/freepublish/delete", {"article_id": second["article_id"], "index": 2})
    items = (await api.ok("/cgi-bin/freepublish/getarticle", {"article_id": second["article_id"]}))["news_item"]
    assert [item["is_deleted"] for item in items] == [False, True]
    bad_index = await api.post("/cgi-bin/freepublish/delete", {"article_id": second["article_id"], "index": 3})
    assert bad_index["errcode"] == 40060

    await api.ok("/cgi-bin/freepublish/delete", {"article_id": second["article_id"]})  # no index: every article
    job = await api.ok("/cgi-bin/freepublish/get", {"publish_id": second["publish_id"]})
    assert job["publish_status"] == 5
    listing = await api.ok("/cgi-bin/freepublish/batchget", {"offset": 0, "count": 20})
    assert listing["total_count"] == 1


async def test_the_control_api_ends_a_job_now_with_any_outcome(api: ContentApi, cover: str) -> None:
    media_id = await add_draft(api, article(cover), article(cover))
    submitted = await api.ok("/cgi-bin/freepublish/submit", {"media_id": media_id})
    ended = await api.fake.control("publish/finish", {"publish_id": submitted["publish_id"], "status": 4,
                                                      "fail_idx": [2]})  # fmt: skip
    assert ended == {"ended": [{"publish_id": submitted["publish_id"], "publish_status": 4, "fail_idx": [2]}]}
    job = await api.ok("/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]})
    assert (job["publish_status"], job["fail_idx"], "article_id" in job) == (4, [2], False)
    # A failed draft stays in the draft box, and the job does not publish later.
    await api.ok("/cgi-bin/draft/get", {"media_id": media_id})
    api.fake.clock.advance(DEFAULT_PUBLISH_SECONDS)
    assert (await api.ok("/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]}))["publish_status"] == 4


async def test_the_publish_delay_is_configurable(api: ContentApi, cover: str) -> None:
    await api.fake.control("publish/delay", {"seconds": 60})
    submitted = await api.ok("/cgi-bin/freepublish/submit", {"media_id": await add_draft(api, article(cover))})
    api.fake.clock.advance(59)
    assert (await api.ok("/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]}))["publish_status"] == 1
    api.fake.clock.advance(1)
    assert (await api.ok("/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]}))["publish_status"] == 0
    library = (await api.fake.control(f"library?app_id={api.fake.app_id}"))[api.fake.app_id]
    assert library["publish_seconds"] == 60 and library["publish_jobs"][0]["publish_status"] == 0


async def test_publishing_errors(api: ContentApi) -> None:
    assert (await api.post("/cgi-bin/freepublish/submit", {"media_id": "nope"}))["errcode"] == 40007
    assert (await api.post("/cgi-bin/freepublish/get", {"publish_id": "2247000000"}))["errcode"] == 40097
    for path in ("/cgi-bin/freepublish/getarticle", "/cgi-bin/freepublish/delete"):
        assert (await api.post(path, {"article_id": "nope"}))["errcode"] == 53600


async def test_control_finish_of_an_unknown_job_is_404(fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.post("/_control/publish/finish", json={"publish_id": "1"})
    assert response.status == 404
    response = await fake_wechat.client.post("/_control/publish/finish", json={"status": 1})
    assert response.status == 400


# -- comments -------------------------------------------------------------------------------


async def comment(api: ContentApi, msg_data_id: int, content: str, *, index: int = 0, expect: int = 200) -> int:
    body = {
        "app_id": api.fake.app_id,
        "msg_data_id": msg_data_id,
        "index": index,
        "openid": "o_reader",
        "content": content,
    }
    response = await api.fake.client.post("/_control/comments", json=body)
    assert response.status == expect, await response.text()
    return int((await response.json()).get("user_comment_id", 0))


async def listed(api: ContentApi, msg_data_id: int, list_type: int = 0, **paging: int) -> dict[str, Any]:
    body = {"msg_data_id": msg_data_id, "index": 0, "begin": 0, "count": 50, "type": list_type} | paging
    return await api.ok("/cgi-bin/comment/list", body)


async def test_comments_are_listed_elected_replied_and_deleted(api: ContentApi, cover: str) -> None:
    msg_data_id = (await publish(api, cover, article(cover, need_open_comment=1)))["msg_data_id"]
    first = await comment(api, msg_data_id, "写得好")
    second = await comment(api, msg_data_id, "期待下一篇")
    key = {"msg_data_id": msg_data_id, "index": 0}

    everything = await listed(api, msg_data_id)
    assert everything["total"] == 2
    assert [(c["user_comment_id"], c["content"], c["comment_type"]) for c in everything["comment"]] == [
        (first, "写得好", 0), (second, "期待下一篇", 0),
    ]  # fmt: skip
    assert {"openid", "create_time"} <= set(everything["comment"][0])

    await api.ok("/cgi-bin/comment/markelect", key | {"user_comment_id": first})
    assert [c["user_comment_id"] for c in (await listed(api, msg_data_id, 2))["comment"]] == [first]
    assert [c["user_comment_id"] for c in (await listed(api, msg_data_id, 1))["comment"]] == [second]

    await api.ok("/cgi-bin/comment/reply/add", key | {"user_comment_id": first, "content": "谢谢"})
    again = await api.post("/cgi-bin/comment/reply/add", key | {"user_comment_id": first, "content": "再谢"})
    assert again["errcode"] == 88005
    reply = (await listed(api, msg_data_id, 2))["comment"][0]["reply"]
    assert reply == {"content": "谢谢", "create_time": int(api.fake.clock.time())}
    await api.ok("/cgi-bin/comment/reply/delete", key | {"user_comment_id": first})
    assert "reply" not in (await listed(api, msg_data_id, 2))["comment"][0]

    await api.ok("/cgi-bin/comment/unmarkelect", key | {"user_comment_id": first})
    assert (await listed(api, msg_data_id, 2))["total"] == 0
    await api.ok("/cgi-bin/comment/delete", key | {"user_comment_id": second})
    assert (await listed(api, msg_data_id))["total"] == 1
    gone = await api.post("/cgi-bin/comment/markelect", key | {"user_comment_id": second})
    assert gone["errcode"] == 88008


async def test_comments_open_and_close(api: ContentApi, cover: str) -> None:
    msg_data_id = (await publish(api, cover))["msg_data_id"]  # need_open_comment 0: closed
    await comment(api, msg_data_id, "能评论吗", expect=409)
    await api.ok("/cgi-bin/comment/open", {"msg_data_id": msg_data_id, "index": 0})
    await comment(api, msg_data_id, "能了")
    await api.ok("/cgi-bin/comment/close", {"msg_data_id": msg_data_id, "index": 0})
    await comment(api, msg_data_id, "又不能了", expect=409)
    assert (await listed(api, msg_data_id))["total"] == 1


@pytest.mark.parametrize(
    ("change", "errcode"),
    [({"count": 0}, 88010), ({"count": 51}, 88010), ({"type": 3}, 40097), ({"begin": -1}, 40097),
     ({"msg_data_id": 1}, 88001), ({"index": 1}, 88001)],
)  # fmt: skip
async def test_comment_list_errors(api: ContentApi, cover: str, change: dict[str, int], errcode: int) -> None:
    msg_data_id = (await publish(api, cover))["msg_data_id"]
    body = {"msg_data_id": msg_data_id, "index": 0, "begin": 0, "count": 50, "type": 0} | change
    answer = await api.post("/cgi-bin/comment/list", body)
    assert answer["errcode"] == errcode, answer


async def test_comment_replies_and_deleted_articles(api: ContentApi, cover: str) -> None:
    published = await publish(api, cover, article(cover, need_open_comment=1))
    msg_data_id = published["msg_data_id"]
    user_comment_id = await comment(api, msg_data_id, "👍")
    key = {"msg_data_id": msg_data_id, "index": 0, "user_comment_id": user_comment_id}
    for content in ("", "字" * 601, None):
        answer = await api.post("/cgi-bin/comment/reply/add", key | {"content": content})
        assert answer["errcode"] == 88007
    assert (await api.post("/cgi-bin/comment/markelect", key | {"user_comment_id": 99}))["errcode"] == 88008

    await api.ok("/cgi-bin/freepublish/delete", {"article_id": published["article_id"]})
    assert (await api.post("/cgi-bin/comment/open", {"msg_data_id": msg_data_id}))["errcode"] == 88001
