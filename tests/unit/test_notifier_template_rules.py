"""Template messages against the account's template and WeChat's 2023 rules, and the value rules of
typed keywords that template messages and subscription notifications share."""

import pytest

from services.notifier.keyword_rules import REASONS, is_plain, template_value_problem, typed_value_problem
from services.notifier.messages import InvalidMessage, parse_template
from services.notifier.template_rules import NO_COLOR, RETIRED_FIELD, Template, check, fields_of, problems
from shared.wechat.models.subscribe import VALUE_RULES

CATEGORY = Template("tpl-shipped", ("thing1", "character_string2", "time3", "amount4"))
CLASSIC = Template("tpl-classic", ("first", "keyword1", "keyword2", "remark"))


def data(**values: str | dict[str, str]) -> dict[str, object]:
    return {key: value if isinstance(value, dict) else {"value": value} for key, value in values.items()}


def found(template: Template, **values: str | dict[str, str]) -> list[tuple[str, str]]:
    message = parse_template({"touser": "oUser1", "template_id": template.template_id, "data": data(**values)})
    return problems(message.data, template)


SHIPPED = {"thing1": "顺丰速运", "character_string2": "SF1234567890", "time3": "2024年5月1日 15:01", "amount4": "¥9.90"}


def test_a_reason_for_every_rule_of_the_typed_client() -> None:
    assert set(REASONS) == set(VALUE_RULES)


def test_the_fields_of_a_template_are_its_placeholders_in_order_each_once() -> None:
    content = (
        "{{first.DATA}}\n快递公司：{{thing1.DATA}}\n单号：{{ character_string2.DATA }}\n{{thing1.DATA}}{{remark.DATA}}"
    )
    assert fields_of(content) == ("first", "thing1", "character_string2", "remark")
    assert fields_of("no placeholders") == ()


def test_a_listing_entry_becomes_a_template_or_nothing() -> None:
    entry = {"template_id": "T1", "title": "发货", "content": "时间:{{time1.DATA}}\n地点:{{thing2.DATA}}"}
    assert Template.from_listing(entry) == Template("T1", ("time1", "thing2"))
    assert Template.from_listing({"template_id": "T1"}) is None
    assert Template.from_listing({"content": "{{a.DATA}}"}) is None


def test_a_message_that_fits_its_category_template_passes() -> None:
    assert found(CATEGORY, **SHIPPED) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"thing1": "一" * 21}, ("data.thing1.value", REASONS["thing"])),
        ({"thing1": "第一行\n第二行"}, ("data.thing1.value", REASONS["thing"])),
        ({"character_string2": "单号SF12"}, ("data.character_string2.value", REASONS["character_string"])),
        ({"character_string2": "S" * 33}, ("data.character_string2.value", REASONS["character_string"])),
        ({"time3": "下午三点"}, ("data.time3.value", REASONS["time"])),
        ({"amount4": "九块九"}, ("data.amount4.value", REASONS["amount"])),
        ({"amount4": "¥12345678901"}, ("data.amount4.value", REASONS["amount"])),
    ],
)
def test_a_typed_field_is_held_to_its_type(changes: dict[str, str], problem: tuple[str, str]) -> None:
    assert found(CATEGORY, **(SHIPPED | changes)) == [problem]


def test_20_characters_fit_a_thing_field_and_32_a_character_string() -> None:
    assert found(CATEGORY, **(SHIPPED | {"thing1": "一" * 20, "character_string2": "S" * 32})) == []


def test_colour_first_remark_unknown_and_missing_fields_are_each_named() -> None:
    values: dict[str, str | dict[str, str]] = {**SHIPPED, "thing1": {"value": "顺丰", "color": "#173177"}}
    values |= {"first": "您的快递已发出", "keyword9": "x"}
    del values["time3"]
    assert found(CATEGORY, **values) == [
        ("data.thing1.color", NO_COLOR),
        ("data.first", RETIRED_FIELD),
        (
            "data.keyword9",
            "not a field of template tpl-shipped (its fields: thing1, character_string2, time3, amount4)",
        ),
        ("data.time3", "required by template tpl-shipped"),
    ]


def test_first_and_remark_of_an_older_template_are_neither_required_nor_taken() -> None:
    assert found(CLASSIC, keyword1="SF123", keyword2="已发货") == []
    assert found(CLASSIC, first="你好", keyword1="SF123", keyword2="已发货", remark="谢谢") == [
        ("data.first", RETIRED_FIELD),
        ("data.remark", RETIRED_FIELD),
    ]


def test_an_untyped_field_shows_20_characters_on_one_line_since_2023() -> None:
    assert found(CLASSIC, keyword1="x" * 20, keyword2="ok") == []
    [(field, reason)] = found(CLASSIC, keyword1="x" * 21, keyword2="ok")
    assert field == "data.keyword1.value" and reason.startswith("must be at most 20 characters")
    [(field, reason)] = found(CLASSIC, keyword1="a\nb", keyword2="ok")
    assert field == "data.keyword1.value" and reason.startswith("must be one line")


def test_check_raises_one_invalid_message_naming_every_problem() -> None:
    message = parse_template({"touser": "o", "template_id": "tpl-shipped", "data": data(thing1="x" * 21)})
    with pytest.raises(InvalidMessage) as caught:
        check(message.data, CATEGORY)
    assert caught.value.field == "data.thing1.value"
    assert len(caught.value.problems) == 4  # the long thing, and the three fields left out


@pytest.mark.parametrize(
    ("key", "plain"),
    [("keyword1", True), ("first", True), ("orderMoneySum", True), ("thing1", False), ("const3", False)],
)
def test_which_fields_are_untyped(key: str, plain: bool) -> None:
    assert is_plain(key) is plain


def test_types_without_a_documented_rule_are_wechats_to_judge() -> None:
    assert typed_value_problem("const3", "任何内容" * 10) is None
    assert template_value_problem("enum2", "x" * 50) is None


@pytest.mark.parametrize(
    ("key", "value", "fits"),
    [
        ("number1", "3.14", True),
        ("number1", "3,14", False),
        ("letter2", "abc", True),
        ("letter2", "ab1", False),
        ("symbol3", "@#", True),
        ("symbol3", "@#$%^&", False),
        ("phone_number4", "+86-0766-66888866", True),
        ("phone_number4", "call 110", False),
        ("car_number5", "粤A8Z888挂", True),
        ("car_number5", "粤A8Z8888挂", False),
        ("name6", "张三", True),
        ("name6", "张三3", False),
        ("phrase7", "配送中", True),
        ("phrase7", "配送中了吗呢", False),
        ("date8", "2019年10月1日", True),
        ("date8", "2019-10-01 15:01", True),
        ("date8", "tomorrow", False),
    ],
)
def test_the_documented_value_rules(key: str, value: str, fits: bool) -> None:
    assert (typed_value_problem(key, value) is None) is fits
