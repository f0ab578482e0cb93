"""``wxmp apps``, ``token``, ``check`` and ``callback send`` against the running services; the errors an
operator meets when the platform is unreachable or refuses the key; no command ever shows a token."""

from typing import Any

from tests.integration.cli.conftest import Ran, Stack
from tests.waiting import eventually


async def tokens(stack: Stack) -> list[str]:
    issued: list[dict[str, Any]] = await stack.fake.control(f"tokens?app_id={stack.app_id}")
    return [token["access_token"] for token in issued]


def shows_no_token(ran: Ran, values: list[str]) -> bool:
    return not any(value in ran.out or value in ran.err for value in values)


async def test_token_show_gives_the_expiry_never_the_token(stack: Stack) -> None:
    shown = await stack.ok("token", "show")
    answer = (await stack.ok("token", "show", "--json")).json
    assert f"{stack.app_id}: access_token expires in 1 h 59 min" in shown.out or "in 2 h 0 min" in shown.out
    assert set(answer) == {"app_id", "expires_at", "expires_in"} and 7000 < answer["expires_in"] <= 7200
    assert shows_no_token(shown, await tokens(stack))


async def test_token_refresh_replaces_the_token(stack: Stack) -> None:
    await stack.ok("token", "show")
    before = await tokens(stack)
    refreshed = await stack.ok("token", "refresh", "--json")
    assert refreshed.json["refreshed"] is True
    after = await tokens(stack)
    assert len(after) == len(before) + 1
    assert shows_no_token(refreshed, after)


async def test_apps_lists_the_accounts_and_each_services_readiness(stack: Stack) -> None:
    answer = (await stack.ok("apps", "--json")).json
    assert [account["app_id"] for account in answer["accounts"]] == [stack.app_id]
    assert 7000 < answer["accounts"][0]["token"]["expires_in"] <= 7200
    ready = {service["service"]: service["ready"] for service in answer["services"]}
    assert ready == {"gateway": False, "token service": True, "dispatcher": False, "notifier": False, "API proxy": True}
    table = await stack.ok("apps")
    assert stack.app_id in table.out and "NOT READY (unreachable" in table.out


async def test_check_passes_against_a_working_deployment(with_gateway: Stack) -> None:
    stack = with_gateway
    answer = (await stack.ok("check", "--json")).json
    assert [check["result"] for check in answer["checks"]] == ["ok", "ok", "ok", "ok"], answer
    human = await stack.ok("check")
    assert "gateway URL verification" in human.out and "answers the echostr" in human.out
    assert shows_no_token(human, await tokens(stack))


async def test_check_fails_when_the_gateway_is_down_and_says_which_check(stack: Stack) -> None:
    ran = await stack.wxmp("check")
    assert ran.code == 1
    assert ran.err == "wxmp: 1 check(s) failed: gateway URL verification\n"
    assert "cannot reach the gateway" in ran.out


async def test_callback_send_signs_encrypts_and_reads_the_reply(with_dispatcher: Stack, make_gateway: Any) -> None:
    stack = with_dispatcher
    stack.env["GATEWAY_URL"] = stack.url(await make_gateway())
    answer = (await stack.ok("callback", "send", "--text", "hello", "--json")).json
    assert answer["mode"] == "safe" and answer["status"] == 200
    assert answer["reply"]["MsgType"] == "text" and answer["reply"]["Content"] == "Hi!"
    plain = (await stack.ok("callback", "send", "--event", "subscribe", "--mode", "plaintext", "--json")).json
    assert plain == {"mode": "plaintext", "status": 200, "reply": "success"}

    async def counted() -> bool:
        totals = (await stack.ok("stats", "--json")).json["totals"]
        return bool(totals["messages"].get("text") == 1 and totals["subscribes"] == 1)

    await eventually(counted, within=15, every=0.2, what="the dispatcher counted both callbacks")
    chart = await stack.ok("stats", "--chart")
    assert "+1" in chart.out and "█" in chart.out


async def test_a_callback_the_gateway_refuses_is_a_failure(with_gateway: Stack, tmp_path: Any) -> None:
    stack = with_gateway
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(f"apps:\n  - {{name: x, app_id: {stack.app_id}, token: not-the-gateways}}\n")
    ran = await stack.wxmp("callback", "send", "--text", "hi", env={"WECHAT_APPS_FILE": str(wrong)})
    assert ran.code == 1 and ran.err.startswith("wxmp: the gateway answered HTTP 403") and ran.err.count("\n") == 1


async def test_the_platform_unreachable_or_the_key_refused_is_one_line_and_status_3(stack: Stack) -> None:
    down = await stack.wxmp("menu", "get", env={"WXMP_PROXY_URL": "http://127.0.0.1:9"})
    assert down.code == 3
    assert down.err == "wxmp: cannot reach the API proxy at http://127.0.0.1:9: is it running, and is the URL right?\n"
    wrong = await stack.wxmp("token", "show", env={"INTERNAL_API_KEY": "not-the-key"})
    assert wrong.code == 3 and "refused the key" in wrong.err and "not-the-key" not in wrong.err
    none = await stack.wxmp("menu", "get", env={"INTERNAL_API_KEY": ""})
    assert none.code == 3 and "INTERNAL_API_KEY" in none.err
    flag = await stack.wxmp("--proxy-url", "http://127.0.0.1:9", "menu", "get")
    assert flag.code == 3 and "http://127.0.0.1:9" in flag.err


async def test_a_profile_of_the_config_file_sets_what_the_environment_does_not(stack: Stack) -> None:
    config = stack.home / ".config" / "wxmp" / "config.toml"
    config.parent.mkdir(parents=True)
    proxy = stack.env.pop("WXMP_PROXY_URL")
    config.write_text(f'proxy_url = "http://127.0.0.1:9"\n\n[profiles.test]\nproxy_url = "{proxy}"\n')
    assert (await stack.wxmp("token", "show")).code == 0  # the token service: not the proxy
    assert (await stack.wxmp("menu", "get")).code == 3  # the file's default proxy
    assert (await stack.wxmp("menu", "get", "--profile", "test")).code in (0, 1)  # reached: 46003 or a menu
    unknown = await stack.wxmp("menu", "get", "--profile", "prod")
    assert unknown.code == 2 and "no profile 'prod'" in unknown.err and "profiles: test" in unknown.err
    env_wins = await stack.wxmp("menu", "get", "--profile", "test", env={"WXMP_PROXY_URL": "http://127.0.0.1:9"})
    assert env_wins.code == 3


async def test_stats_from_wechats_reports_agree_with_wechat(with_dispatcher: Stack) -> None:
    stack = with_dispatcher
    token = await stack.fake.access_token()
    expected: dict[str, list[int]] = {}
    for begin, end in (("2023-11-01", "2023-11-07"), ("2023-11-08", "2023-11-10")):
        response = await stack.fake.client.post(
            "/datacube/getusersummary", params={"access_token": token}, json={"begin_date": begin, "end_date": end}
        )
        for row in (await response.json())["list"]:
            gained, lost = expected.setdefault(row["ref_date"], [0, 0])
            expected[row["ref_date"]] = [gained + row["new_user"], lost + row["cancel_user"]]
    args = ["stats", "--source", "wechat", "--from", "2023-11-01", "--to", "2023-11-10"]
    answer = (await stack.ok(*args, "--json")).json
    days = answer["days"]
    assert [day["date"] for day in days] == [f"2023-11-{n:02d}" for n in range(1, 11)]
    assert {
        day["date"]: [day["subscribes"], day["unsubscribes"]] for day in days if day["date"] in expected
    } == expected
    chart = await stack.ok(*args, "--chart")
    assert "WeChat's reports" in chart.out and "2023-11-10" in chart.out and "█" in chart.out
    both = (await stack.ok("stats", "--source", "both", "--from", "2023-11-01", "--to", "2023-11-02", "--json")).json
    assert set(both) >= {"own", "wechat"} and both["own"]["totals"]["total"] == 0
    assert (
        "the dispatcher's counts"
        in (await stack.ok("stats", "--source", "both", "--from", "2023-11-01", "--to", "2023-11-01")).out
    )
    today = await stack.wxmp("stats", "--source", "wechat", "--to", "2099-01-01")
    assert today.code == 1 and today.err.startswith("wxmp: the dispatcher refused (400")


async def test_quota_lists_todays_calls_through_the_proxy(stack: Stack) -> None:
    await stack.wxmp("menu", "get")
    answer = (await stack.ok("quota", "--json")).json
    calls = {endpoint["path"]: endpoint["calls"] for endpoint in answer["endpoints"]}
    assert answer["app_id"] == stack.app_id and calls.get("cgi-bin/menu/get") == 1
    own = (await stack.ok("quota", "--path", "cgi-bin/menu/get", "--json")).json
    assert own["used"] >= 1 and own["path"] == "cgi-bin/menu/get"
