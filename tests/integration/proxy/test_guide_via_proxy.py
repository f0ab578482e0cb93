"""对话能力 (the guide API) through the proxy, the fake WeChat behind it: every catalogued guide
endpoint's example, in catalogue order against one account, comes back as WeChat's own answer with
errcode 0, each forwarded once with the account's token."""

from typing import Any

from shared.wechat.catalogue import default_catalogue
from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import AUTH, Client, wire

SEEDS = (  # what the examples take as given: a second guide, and a follower bound to the first
    ("cgi-bin/guide/addguideacct", {"guide_account": "guide_wang"}),
)


async def post(proxy: Client, app_id: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await proxy.post(f"/v1/apps/{app_id}/wechat/{path}", json=body, headers=AUTH)
    assert response.status == 200, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer


async def test_every_guide_example_runs_through_the_proxy_in_order(proxy: Client, fake_wechat: FakeWeChat) -> None:
    app_id, now = fake_wechat.app_id, int(fake_wechat.clock.time())
    for path, body in SEEDS:
        assert (await post(proxy, app_id, path, body))["errcode"] == 0
    endpoints = default_catalogue().in_group("guide")
    refused = {}
    for endpoint in endpoints:
        assert endpoint.example is not None
        body = endpoint.example | ({"push_time": now + 3600} if "push_time" in endpoint.example else {})
        answer = await post(proxy, app_id, endpoint.path, body)
        if answer.get("errcode") != 0:
            refused[endpoint.path] = answer
    assert refused == {}
    seen = [seen for seen in wire(fake_wechat) if seen.path.startswith("/cgi-bin/guide/")]
    assert [s.path for s in seen[len(SEEDS) :]] == [f"/{endpoint.path}" for endpoint in endpoints]
    assert all(s.method == "POST" and s.access_token for s in seen)
