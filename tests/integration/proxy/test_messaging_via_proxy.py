"""The typed messaging groups over ``ProxyTransport``, the proxy in process over real Redis, the fake
WeChat behind it: paths outside ``cgi-bin/`` (customservice, wxaapi, cv) forwarded with the token,
an image upload streamed through, a broadcast whose answer is lost reaching WeChat once, and the
endpoints WeChat shut down without a replacement answered 410."""

import pytest

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.mass import Broadcast, Text
from shared.wechat.transport import PlatformError, Upload
from tests.component.wechat_content import JPEG
from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import wire


async def test_customer_service_and_subscription_paths_outside_cgi_bin(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await api.kf.add_account("care@gh_proxy", "客服")
    assert [a["kf_account"] for a in await api.kf.accounts()] == ["care@gh_proxy"]
    assert (await api.kf.session("oFollower1")).kf_account == ""
    titles = await api.subscribe.titles([616], limit=1)
    assert titles.count == 2 and len(titles.data) == 1
    template_id = await api.subscribe.add_template(99, [1, 2])
    assert [t["priTmplId"] for t in await api.subscribe.templates()] == [template_id]
    paths = {seen.path for seen in wire(fake_wechat)}
    assert {"/customservice/kfaccount/add", "/wxaapi/newtmpl/addtemplate"} <= paths
    assert all(seen.access_token for seen in wire(fake_wechat))  # the proxy added the token


async def test_an_image_goes_through_to_ocr_and_its_reading_comes_back(api: WeChatApi) -> None:
    assert (await api.ocr.idcard(Upload("card.jpg", JPEG, "image/jpeg")))["name"] == "张三"
    crops = await api.img.aicrop(Upload("card.jpg", JPEG, "image/jpeg"), ratios=[1])
    assert crops.results[0].crop_bottom == 727


async def test_a_broadcast_whose_answer_is_lost_reaches_wechat_once(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("followers", {"app_id": fake_wechat.app_id, "count": 2})
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/mass/sendall", "drop": True})
    broadcast = Broadcast(content=Text(content="活动"), to_all=True, clientmsgid="proxy-1")
    with pytest.raises(PlatformError) as lost:
        await api.mass.send(broadcast)
    assert lost.value.status == 502
    assert [seen.path for seen in wire(fake_wechat)].count("/cgi-bin/message/mass/sendall") == 1
    with pytest.raises(WeChatError) as repeated:
        await api.mass.send(broadcast)
    assert repeated.value.errcode == 45066  # WeChat's answer, as it is: nothing sent twice


@pytest.mark.parametrize("path", ["cv/img/superresolution", "semantic/semproxy/search", "cv/ocr/platenum"])
async def test_an_endpoint_wechat_shut_down_without_replacement_is_410(api: WeChatApi, path: str) -> None:
    with pytest.raises(PlatformError) as gone:
        await api.call(path, json={}, upload=Upload("a.jpg", JPEG))
    assert (gone.value.status, gone.value.error) == (410, "deprecated_endpoint")
    assert "no replacement" in gone.value.message
