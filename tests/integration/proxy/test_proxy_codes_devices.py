"""一物一码, devices, linked mini programs and 扫一扫 (with its v2 商品库) through the API proxy against the fake
WeChat: every catalogued endpoint of the four groups answers in WeChat's shape, and each area keeps its state."""

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE, ManualClock
from sandbox.fake_wechat.devices.state import original_id
from sandbox.fake_wechat.marketcode.package import package_key
from sandbox.fake_wechat.marketcode.state import GENERATION_SECONDS
from sandbox.fake_wechat.scan.goods import IMPORT_SECONDS
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.errors import WeChatError
from shared.wechat.models.goods import GoodsProduct
from shared.wechat.models.marketcode import Activation, CodeLookup
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
GROUPS = ("marketcode", "device", "wxopen", "scan")
ENDPOINTS = [e for e in default_catalogue() if e.group in GROUPS]
GET_QUERY = {
    "device/getqrcode": {"product_id": "1"}, "device/get_stat": {"device_id": "dev1"},
    "device/get_openid": {"device_type": "gh_x", "device_id": "dev1"}, "device/get_bind_device": {"openid": "o1"},
}  # fmt: skip
REFUSED_ON_A_NEW_ACCOUNT = {
    "intp/marketcode/applycodedownload": 40097,  # the batch is still generating
    "intp/marketcode/codeactive": 40097,
    "intp/marketcode/codeactivequery": 40097,  # nothing activated
    "intp/marketcode/tickettocode": 40097,  # nobody scanned
    "device/verify_qrcode": 40097,  # a ticket the fake never issued
    "device/bind": 40097,
    "device/unbind": 40097,
    "device/get_openid": 40097,  # another account's device_type
    "device/transmsg": 40097,
    "cgi-bin/wxopen/qrcodejumpget": 40097,  # the mini program was just unlinked
    "cgi-bin/wxopen/qrcodejumpadd": 40097,
    "cgi-bin/wxopen/qrcodejumppublish": 40097,
    "cgi-bin/wxopen/qrcodejumpdelete": 40097,
    "scan/scanticket/check": 61317,  # nobody scanned
    "scan/product/v2/status": 40097,  # a ticket the fake never issued
    "scan/product/v2/getinfo": 61303,  # the import that adds pid001 is still running
}
MINI = "wx0000000000000001"
PREFIX = "http://weixin.qq.com/q/02abc"


def _status(answer: dict[str, Any]) -> int:
    """WeChat's status wherever the endpoint puts it: errcode, base_resp, resp_msg or ret."""
    for key in ("errcode", "ret"):
        if key in answer:
            return int(answer[key])
    nested = answer.get("base_resp") or answer.get("resp_msg") or (answer.get("resp") or [{}])[0]
    return int(nested.get("errcode", nested.get("ret_code", -999)))


async def test_every_endpoint_reaches_the_fake_and_answers_in_wechats_shape(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    """One proxy for all 40 endpoints (each its own test would spend most of its time starting services)."""
    assert len(ENDPOINTS) == 40
    statuses: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, params=GET_QUERY.get(endpoint.path, {}), headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answer = await response.json()
        assert _status(answer) not in (47001, -999), (endpoint.path, answer)  # the example is well-formed JSON
        assert wire(fake_wechat)[-1].path == f"/{endpoint.path}"
        statuses[endpoint.path] = _status(answer)
    # In catalogue order on a new account: what the examples name but the account does not have yet is refused.
    assert statuses == {endpoint.path: REFUSED_ON_A_NEW_ACCOUNT.get(endpoint.path, 0) for endpoint in ENDPOINTS}


async def test_a_code_batch_finishes_downloads_activates_and_is_read_back(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    application_id = await api.marketcode.apply(20_000, "order-7")
    assert await api.marketcode.apply(20_000, "order-7") == application_id  # the same order is the same batch
    assert not (await api.marketcode.batch(application_id)).finished
    with pytest.raises(WeChatError) as early:
        await api.marketcode.download(application_id, 0, 9, key=package_key(fake_wechat.app_id))
    assert early.value.errcode == 40097
    assert isinstance(fake_wechat.clock, ManualClock)
    fake_wechat.clock.advance(GENERATION_SECONDS)
    batch = await api.marketcode.batch(application_id)
    assert batch.finished and batch.code_generate_list == [{"code_start": 0, "code_end": 19_999}]
    lines = await api.marketcode.download(application_id, 0, 9, key=package_key(fake_wechat.app_id))
    index, code, url = lines[3].split("\t")
    assert (len(lines), index, len(code), len(url)) == (10, "3", 9, 28)
    activation = {
        "application_id": application_id, "code_start": 0, "code_end": 9, "activity_name": "抽奖",
        "product_brand": "品牌", "product_title": "商品", "product_code": "6900873042720", "wxa_appid": MINI,
        "wxa_path": "pages/index/index",
    }  # fmt: skip
    await api.marketcode.activate(Activation.model_validate(activation))
    found = await api.marketcode.lookup(CodeLookup(code=code))
    assert (found["code"], found["activity_name"], found["code_url"]) == (code, "抽奖", url)
    ticket = fake_wechat.app[FAKE].state.marketcodes.scan(fake_wechat.app_id, application_id, 3, "o-follower")
    assert (await api.marketcode.ticket_to_code("o-follower", ticket))["code"] == code
    with pytest.raises(WeChatError):
        await api.marketcode.lookup(CodeLookup(application_id=application_id, code_index=10))  # not activated


async def test_a_device_is_authorised_bound_messaged_and_unbound(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    device = {
        "id": "lamp-1", "mac": "123456789ABC", "connect_protocol": "4", "auth_key": "", "close_strategy": "1",
        "conn_strategy": "1", "crypt_method": "0", "auth_ver": "0", "manu_mac_pos": "-1", "ser_mac_pos": "-2",
    }  # fmt: skip
    body = {"device_num": "1", "device_list": [device], "op_type": "0", "product_id": "7"}
    first = await api.call("device/authorize_device", json=body)
    again = await api.call("device/authorize_device", json=body)
    assert isinstance(first, dict) and isinstance(again, dict)
    assert [row["errcode"] for row in first["resp"] + again["resp"]] == [0, 100002]
    codes = await api.call("device/create_qrcode", json={"device_num": "1", "device_id_list": ["lamp-1"]})
    assert isinstance(codes, dict)
    ticket = codes["code_list"][0]["ticket"]
    assert (await api.call("device/verify_qrcode", json={"ticket": ticket}))["mac"] == "123456789ABC"  # type: ignore[index]
    await api.call("device/bind", json={"ticket": ticket, "device_id": "lamp-1", "openid": "o-1"})
    await api.call("device/compel_bind", json={"device_id": "lamp-1", "openid": "o-2"})
    stat = await api.call("device/get_stat", params={"device_id": "lamp-1"})
    kind = original_id(fake_wechat.app_id)
    bound = await api.call("device/get_openid", params={"device_type": kind, "device_id": "lamp-1"})
    assert isinstance(stat, dict) and isinstance(bound, dict)
    assert (stat["status"], bound["open_id"]) == (2, ["o-1", "o-2"])
    sent = await api.call(
        "device/transmsg", json={"device_type": kind, "device_id": "lamp-1", "open_id": "o-1", "content": "b24="}
    )
    assert sent == {"ret": 0, "ret_info": "this is ok"}
    with pytest.raises(WeChatError):
        await api.call(
            "device/transmsg", json={"device_type": kind, "device_id": "lamp-1", "open_id": "o-9", "content": "b24="}
        )
    await api.call("device/compel_unbind", json={"device_id": "lamp-1", "openid": "o-2"})
    mine = await api.call("device/get_bind_device", params={"openid": "o-2"})
    assert isinstance(mine, dict) and mine["device_list"] == []


async def test_a_jump_rule_needs_a_confirmed_link_and_counts_its_publication(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    await api.wxopen.link(MINI, show_profile=False)
    rule = {"prefix": PREFIX, "appid": MINI, "path": "pages/a", "is_edit": 0}
    with pytest.raises(WeChatError) as unconfirmed:
        await api.call("cgi-bin/wxopen/qrcodejumpadd", json=rule)
    assert unconfirmed.value.errcode == 40097
    fake_wechat.app[FAKE].state.mini_programs.confirm(fake_wechat.app_id, MINI)
    await api.call("cgi-bin/wxopen/qrcodejumpadd", json=rule)
    with pytest.raises(WeChatError) as twice:
        await api.call("cgi-bin/wxopen/qrcodejumpadd", json=rule)
    assert twice.value.errcode == 85071
    with pytest.raises(WeChatError) as not_ours:
        await api.call("cgi-bin/wxopen/qrcodejumpadd", json={**rule, "prefix": "https://example.com/q"})
    assert not_ours.value.errcode == 85066
    await api.call("cgi-bin/wxopen/qrcodejumppublish", json={"prefix": PREFIX})
    rules = await api.call("cgi-bin/wxopen/qrcodejumpget", json={"appid": MINI, "get_type": 1, "prefix_list": [PREFIX]})
    assert isinstance(rules, dict)
    assert (rules["rule_list"], rules["qrcodejump_pub_quota"]) == (
        [{"prefix": PREFIX, "path": "pages/a", "state": 2}],
        19,
    )
    assert [item["status"] for item in await api.wxopen.linked()] == [1]
    await api.wxopen.unlink(MINI)
    assert await api.wxopen.linked() == []


async def test_a_product_page_is_created_published_listed_and_checked(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    product = default_catalogue()["scan/product/create"].example
    assert product is not None
    await api.call("scan/product/create", json=product)
    with pytest.raises(WeChatError) as twice:
        await api.call("scan/product/create", json=product)
    assert twice.value.errcode == 61337
    with pytest.raises(WeChatError) as foreign:
        await api.call("scan/product/create", json={**product, "keystr": "6911111111111"})
    assert foreign.value.errcode == 61323
    key = {"keystandard": "ean13", "keystr": product["keystr"]}
    await api.call("scan/product/modstatus", json={**key, "status": "on"})
    listed = await api.call("scan/product/getlist", json={"status": "on"})
    assert isinstance(listed, dict) and listed["key_list"] == [key]
    ticket = fake_wechat.app[FAKE].state.products.scan(fake_wechat.app_id, "ean13", product["keystr"], "o-1")
    checked = await api.call("scan/scanticket/check", json={"ticket": ticket})
    assert isinstance(checked, dict) and checked["openid"] == "o-1"
    await api.call("scan/product/clear", json=key)
    with pytest.raises(WeChatError) as gone:
        await api.call("scan/product/get", json=key)
    assert gone.value.errcode == 61303


async def test_a_goods_import_runs_then_its_products_are_read_updated_and_listed(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    example = default_catalogue()["scan/product/v2/add"].example
    assert example is not None
    first = GoodsProduct.model_validate(example["product"][0])
    ticket = await api.goods.add([first, first.model_copy(update={"pid": "pid002"}), GoodsProduct(pid="pid003")])
    running = await api.goods.status(ticket)
    assert not running.result.finished and running.result.progress == "0%"
    assert isinstance(fake_wechat.clock, ManualClock)
    fake_wechat.clock.advance(IMPORT_SECONDS)
    done = (await api.goods.status(ticket)).result
    assert (done.finished, done.succ_cnt, done.fail_cnt) == (True, 2, 1)  # pid003 is new and has no title
    assert [status.pid for status in done.statuses if status.ret != 0] == ["pid003"]
    update = GoodsProduct.model_validate({"pid": "pid001", "sale_info": {"sale_status": "off", "stock": 0}})
    await api.goods.add([update])
    fake_wechat.clock.advance(IMPORT_SECONDS)
    product = await api.goods.get("pid001")
    assert (product["title"], product["sale_info"]) == (first.title, {"sale_status": "off", "stock": 0})
    assert [product["pid"] async for product in api.goods.all(page_size=1)] == ["pid001", "pid002"]
    with pytest.raises(WeChatError) as missing:
        await api.goods.get("pid003")
    assert missing.value.errcode == 61303
