"""Drafts and publishing (草稿箱, 发布能力; seed 1.5), and the 微信小店 product cards an article embeds
(``channels/ec/service/product/getcardinfo``: 10170001 unknown product, 10170002 an article type other
than ``newspic``/``news``, 10170003 a card type the article type does not take)."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "draft"
PUBLISH = "freepublish"
_ARTICLE = {
    "title": "标题", "author": "作者", "digest": "摘要", "content": "<p>正文</p>",
    "content_source_url": "https://example.com/", "thumb_media_id": "THUMB_MEDIA_ID",
    "need_open_comment": 0, "only_fans_can_comment": 0,
}  # fmt: skip

ENDPOINTS = (
    Endpoint(
        "cgi-bin/draft/add", "POST", GROUP, "Add a draft (1–8 articles)", changes=True, daily_limit=1000,
        body=Body.JSON, example={"articles": [_ARTICLE]},
    ),
    Endpoint(
        "cgi-bin/draft/get", "POST", GROUP, "One draft", changes=False, daily_limit=500, body=Body.JSON,
        example={"media_id": "MEDIA_ID"},
    ),
    Endpoint(
        "cgi-bin/draft/delete", "POST", GROUP, "Delete a draft", changes=True, daily_limit=1000, body=Body.JSON,
        example={"media_id": "MEDIA_ID"},
    ),
    Endpoint(
        "cgi-bin/draft/update", "POST", GROUP, "Replace one article of a draft", changes=True, daily_limit=1000,
        body=Body.JSON, example={"media_id": "MEDIA_ID", "index": 0, "articles": _ARTICLE},
    ),
    Endpoint(
        "cgi-bin/draft/batchget", "POST", GROUP, "A page of drafts (≤ 20)", changes=False, daily_limit=1000,
        body=Body.JSON, example={"offset": 0, "count": 20, "no_content": 0},
    ),
    Endpoint("cgi-bin/draft/count", "GET", GROUP, "How many drafts", changes=False, daily_limit=1000),
    Endpoint(
        "cgi-bin/draft/switch", "POST", GROUP, "Turn the draft box on for good (checkonly=1 only asks)",
        changes=True, query=("checkonly",),
    ),
    Endpoint(
        "channels/ec/service/product/getcardinfo", "POST", GROUP,
        "A 微信小店 product's card for an article: its DOM and/or product_key (newspic: small, link, bar; "
        "news: large, small, link)",
        changes=False, body=Body.JSON, example={"product_id": "1000000000", "article_type": "newspic", "card_type": 2},
    ),
    Endpoint(
        "cgi-bin/freepublish/submit", "POST", PUBLISH, "Publish a draft (PUBLISHJOBFINISH reports the end)",
        changes=True, daily_limit=100, body=Body.JSON, example={"media_id": "MEDIA_ID"},
    ),
    Endpoint(
        "cgi-bin/freepublish/get", "POST", PUBLISH, "A publish job's status", changes=False, daily_limit=100,
        body=Body.JSON, example={"publish_id": "100000001"},
    ),
    Endpoint(
        "cgi-bin/freepublish/delete", "POST", PUBLISH, "Delete a published article", changes=True, daily_limit=10,
        body=Body.JSON, example={"article_id": "ARTICLE_ID", "index": 0},
    ),
    Endpoint(
        "cgi-bin/freepublish/getarticle", "POST", PUBLISH, "A published article", changes=False, daily_limit=100,
        body=Body.JSON, example={"article_id": "ARTICLE_ID"},
    ),
    Endpoint(
        "cgi-bin/freepublish/batchget", "POST", PUBLISH, "A page of published articles (≤ 20)", changes=False,
        daily_limit=100, body=Body.JSON, example={"offset": 0, "count": 20, "no_content": 0},
    ),
)  # fmt: skip
