"""微信商品库 v2: the fake's library (imports finish later, updates keep what they leave out, paging) and
the models and typed client refusing a bad import before anything is sent."""

from typing import Any

import pytest
from pydantic import ValidationError

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.scan.goods import IMPORT_SECONDS, MAX_BATCH, Goods
from shared.wechat.models.goods import GoodsImport, GoodsPageRequest, GoodsProduct, Price
from shared.wechat.transport import Call
from tests.unit.test_wechat_api_groups import api_with

APP = "wx-goods"
NEW = {
    "pid": "p1", "title": "洗衣液", "image_info": {"main_image_list": [{"url": "http://img/1"}]},
    "price_info": {"min_price": 9.9, "max_price": 9.9},
}  # fmt: skip


def _imported(goods: Goods, *products: dict[str, Any], at: float = 0) -> dict[str, Any]:
    ticket = goods.add(APP, {"product": list(products)}, at)["status_ticket"]
    result: dict[str, Any] = goods.status(APP, {"status_ticket": ticket}, at + IMPORT_SECONDS)["result"]
    return result


def test_an_import_is_seen_only_once_wechat_has_worked_through_it() -> None:
    goods = Goods()
    ticket = goods.add(APP, {"product": [NEW]}, 100)["status_ticket"]
    running = goods.status(APP, {"status_ticket": ticket}, 100 + IMPORT_SECONDS - 1)["result"]
    assert (running["progress"], running["succ_cnt"], running["statuses"]) == ("0%", 0, [])
    with pytest.raises(ApiError) as early:
        goods.getinfo(APP, {"product": {"pid": "p1"}}, 100 + IMPORT_SECONDS - 1)
    assert early.value.errcode == 61303
    assert goods.getinfo(APP, {"product": {"pid": "p1"}}, 100 + IMPORT_SECONDS)["product"]["title"] == "洗衣液"
    done = goods.status(APP, {"status_ticket": ticket}, 100 + IMPORT_SECONDS)["result"]
    assert (done["progress"], done["total_cnt"], done["succ_cnt"], done["fail_cnt"]) == ("100%", 1, 1, 0)


def test_a_new_product_without_title_image_or_price_fails_alone() -> None:
    result = _imported(Goods(), NEW, {"pid": "p2", "title": "无图"}, {"title": "no pid"})
    assert (result["succ_cnt"], result["fail_cnt"]) == (1, 2)
    assert [status["ret"] != 0 for status in result["statuses"]] == [False, True, True]
    assert "image_info" in result["statuses"][1]["err_msg"]


def test_an_update_keeps_the_fields_it_leaves_out() -> None:
    goods = Goods()
    _imported(goods, NEW)
    result = _imported(goods, {"pid": "p1", "price_info": {"min_price": 5, "max_price": 5}}, at=10)
    assert result["succ_cnt"] == 1  # an existing pid needs no title or image
    product = goods.getinfo(APP, {"product": {"pid": "p1"}}, 20)["product"]
    assert (product["title"], product["price_info"]["min_price"]) == ("洗衣液", 5)


@pytest.mark.parametrize("products", [[], "p1", [NEW] * (MAX_BATCH + 1)])
def test_an_import_of_no_products_or_too_many_is_refused(products: Any) -> None:
    with pytest.raises(ApiError) as refused:
        Goods().add(APP, {"product": products}, 0)
    assert refused.value.errcode == 40097


def test_an_unknown_ticket_is_refused() -> None:
    with pytest.raises(ApiError) as refused:
        Goods().status(APP, {"status_ticket": "1"}, 0)
    assert refused.value.errcode == 40097


def test_pages_cover_the_library_in_pid_order() -> None:
    goods = Goods()
    _imported(goods, *({**NEW, "pid": f"p{n}"} for n in (3, 1, 2)))
    pages = [goods.page(APP, {"page_num": n, "page_size": 2}, 10)["product"] for n in (1, 2, 3)]
    assert [[p["pid"] for p in page] for page in pages] == [["p1", "p2"], ["p3"], []]
    with pytest.raises(ApiError):
        goods.page(APP, {"page_num": 1, "page_size": 101}, 10)


def test_accounts_keep_their_own_libraries() -> None:
    goods = Goods()
    _imported(goods, NEW)
    with pytest.raises(ApiError):
        goods.getinfo("wx-other", {"product": {"pid": "p1"}}, 100)


# -- the models --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"product": []},
        {"product": [{"pid": f"p{n}"} for n in range(1001)]},
        {"product": [{"pid": "p1"}, {"pid": "p1"}]},  # one pid twice
        {"product": [{"pid": ""}]},
        {"product": [{"pid": "p1", "tittle": "typo"}]},
        {"product": [{"pid": "p1", "sale_info": {"sale_status": "sold"}}]},
        {"product": [{"pid": "p1", "image_info": {"main_image_list": []}}]},
    ],
)
def test_a_bad_import_is_refused(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        GoodsImport.model_validate(body)


@pytest.mark.parametrize(
    "price", [{"min_price": 2, "max_price": 1}, {"min_price": -1, "max_price": 1},
              {"min_price": 1, "max_price": 1, "min_ori_price": 3, "max_ori_price": 2}],
)  # fmt: skip
def test_a_price_range_must_be_ordered_and_not_negative(price: dict[str, float]) -> None:
    with pytest.raises(ValidationError):
        Price.model_validate(price)


def test_a_page_holds_at_most_a_hundred() -> None:
    with pytest.raises(ValidationError):
        GoodsPageRequest(page_size=101)


def test_an_import_past_two_megabytes_is_refused() -> None:
    big = [GoodsProduct(pid=f"p{n}", desc="长" * 800) for n in range(1000)]  # 2.4 MB of UTF-8
    with pytest.raises(ValueError, match="2 MB"):
        GoodsImport(product=big).body()
    assert GoodsImport(product=big[:800]).body()["product"][799]["pid"] == "p799"


def test_an_import_sends_only_the_fields_given() -> None:
    body = GoodsImport(product=[GoodsProduct.model_validate({"pid": "p1", "title": "t"})]).body()
    assert body == {"product": [{"pid": "p1", "title": "t"}]}


# -- the typed client --------------------------------------------------------------------------


async def test_the_client_refuses_a_bad_import_before_sending() -> None:
    api, recorder = api_with()
    with pytest.raises(ValidationError):
        await api.goods.add([])
    with pytest.raises(ValueError):
        await api.goods.status("")
    assert recorder.calls == []


async def test_all_follows_the_pages_until_a_short_one() -> None:
    def page(call: Call) -> dict[str, Any]:
        number = call.json["page_num"]
        return {"errcode": 0, "product": [{"pid": f"p{number}{n}"} for n in range(2 if number < 3 else 1)],
                "page_context": f"ctx{number}"}  # fmt: skip

    api, recorder = api_with({"scan/product/v2/getinfobypage": page})
    assert [p["pid"] async for p in api.goods.all(page_size=2)] == ["p10", "p11", "p20", "p21", "p30"]
    assert [call.json["page_context"] for call in recorder.calls] == ["", "ctx1", "ctx2"]
