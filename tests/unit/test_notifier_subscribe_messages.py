"""Subscription notifications (bizsend): every rule with its message, and the body WeChat receives."""

from typing import Any

import pytest

from services.notifier.keyword_rules import REASONS
from services.notifier.messages import InvalidMessage, parse_subscribe


def notice(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "touser": "oUser1",
        "template_id": "priTmpl-1",
        "data": {"thing1": {"value": "已发货"}, "time2": {"value": "2024年1月1日 12:00"}},
    }
    return {key: value for key, value in (payload | changes).items() if value is not ...}


def problems(payload: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidMessage) as caught:
        parse_subscribe(payload)
    return caught.value.problems


def test_the_body_bizsend_takes_without_the_notifiers_own_key() -> None:
    message = parse_subscribe(
        notice(
            page="https://example.com/order/1",
            miniprogram={"appid": "wxmini", "pagepath": "pages/order"},
            client_msg_id="order-1-shipped",
        )
    )
    assert message.client_msg_id == "order-1-shipped"
    assert message.wechat_body() == {
        "touser": "oUser1",
        "template_id": "priTmpl-1",
        "page": "https://example.com/order/1",
        "miniprogram": {"appid": "wxmini", "pagepath": "pages/order"},
        "data": {"thing1": {"value": "已发货"}, "time2": {"value": "2024年1月1日 12:00"}},
    }


def test_the_minimal_body() -> None:
    assert parse_subscribe(notice()).wechat_body() == {
        "touser": "oUser1",
        "template_id": "priTmpl-1",
        "data": {"thing1": {"value": "已发货"}, "time2": {"value": "2024年1月1日 12:00"}},
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"touser": ...}, ("touser: required",)),
        ({"template_id": ""}, ("template_id: must not be empty",)),
        ({"page": "pages/index"}, ("page: must be an absolute http(s) URL",)),
        ({"miniprogram": {"pagepath": "p"}}, ("miniprogram.appid: required",)),
        ({"data": {}}, ("data: must name at least one keyword",)),
        ({"data": {"thing1": "已发货"}}, ("data.thing1: must be an object",)),
        ({"data": {"thing1": {"value": "x", "color": "#FF0000"}}}, ("data.thing1.color: unknown field",)),
        ({"data": {"thing1": {"value": "一" * 21}}}, (f"data.thing1.value: {REASONS['thing']}",)),
        (
            {"data": {"thing1": {"value": "ok"}, "number2": {"value": "12a"}, "phrase3": {"value": "已经发货了"}}},
            (f"data.number2.value: {REASONS['number']}",),
        ),
        ({"client_msg_id": "a b"}, ("client_msg_id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",)),
        ({"scene": 1}, ("scene: unknown field",)),
    ],
)
def test_notice_rules(changes: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert problems(notice(**changes)) == expected


def test_every_value_that_does_not_fit_its_keyword_is_named() -> None:
    payload = notice(data={"thing1": {"value": "一" * 21}, "amount2": {"value": "free"}, "const3": {"value": "?"}})
    assert problems(payload) == (f"data.thing1.value: {REASONS['thing']}", f"data.amount2.value: {REASONS['amount']}")
