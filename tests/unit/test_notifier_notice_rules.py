"""Subscription notifications against the account's subscription template: a keyword it lacks and a
keyword of it left out are refused, each named; the listing's entries read as templates."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.notifier.messages import InvalidMessage
from services.notifier.notice_rules import check, problems
from services.notifier.template_rules import Template

PAYMENT = Template("pri-payment", ("thing1", "time2", "amount3"))
KEYS = st.sampled_from(["thing1", "time2", "amount3", "thing4", "number5", "phrase6", "name7"])


def test_a_listing_entry_of_gettemplate_becomes_a_template_or_nothing() -> None:
    entry = {
        "priTmplId": "pri-1",
        "title": "付款成功通知",
        "content": "商品:{{thing1.DATA}}\n时间:{{time2.DATA}}",
        "type": 2,
    }
    assert Template.from_notice_listing(entry) == Template("pri-1", ("thing1", "time2"))
    assert Template.from_notice_listing({"template_id": "T", "content": "{{thing1.DATA}}"}) is None
    assert Template.from_notice_listing({"priTmplId": "pri-2"}) is None


def test_the_template_keywords_pass() -> None:
    assert problems(["amount3", "thing1", "time2"], PAYMENT) == []
    check(["thing1", "time2", "amount3"], PAYMENT)


def test_every_unknown_and_missing_keyword_is_named() -> None:
    with pytest.raises(InvalidMessage) as refused:
        check(["thing1", "thing4", "phrase5"], PAYMENT)
    assert refused.value.field == "data.thing4"
    assert refused.value.problems == (
        "data.thing4: not a keyword of template pri-payment (its keywords: thing1, time2, amount3)",
        "data.phrase5: not a keyword of template pri-payment (its keywords: thing1, time2, amount3)",
        "data.time2: required by template pri-payment",
        "data.amount3: required by template pri-payment",
    )


@given(st.sets(KEYS))
def test_a_notification_fits_exactly_when_it_fills_the_template_keywords(keys: set[str]) -> None:
    found = problems(sorted(keys), PAYMENT)
    assert (found == []) == (keys == set(PAYMENT.fields))
    named = {field.removeprefix("data.") for field, _ in found}
    assert named == keys ^ set(PAYMENT.fields)
