"""一物一码's models validate what WeChat validates, and a package the fake encrypts decrypts to its codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.marketcode.package import encrypt_package, package_key
from shared.wechat.models.marketcode import (
    MAX_CODES,
    MIN_CODES,
    Activation,
    CodeApplication,
    CodeLookup,
    CodeRange,
    decrypt_package,
)

ACTIVATION = {
    "application_id": 1, "code_start": 0, "code_end": 9, "activity_name": "a", "product_brand": "b",
    "product_title": "t", "product_code": "6900873042720", "wxa_appid": "wx0000000000000001", "wxa_path": "p",
}  # fmt: skip


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_a_batch_is_10000_to_20000000_codes_in_steps_of_10000(count: int) -> None:
    valid = MIN_CODES <= count <= MAX_CODES and count % 10_000 == 0
    try:
        CodeApplication(code_count=count, isv_application_id="order-1")
    except ValidationError:
        assert not valid
    else:
        assert valid


@pytest.mark.parametrize("isv", ["", "x" * 129])
def test_the_callers_order_number_is_1_to_128_characters(isv: str) -> None:
    with pytest.raises(ValidationError):
        CodeApplication(code_count=10_000, isv_application_id=isv)


def test_a_range_runs_forward() -> None:
    assert CodeRange(application_id=1, code_start=5, code_end=5).code_end == 5
    with pytest.raises(ValidationError):
        CodeRange(application_id=1, code_start=6, code_end=5)


def test_an_activation_names_its_mini_program_page_and_a_known_version() -> None:
    assert Activation.model_validate(ACTIVATION).wxa_type == 0
    with pytest.raises(ValidationError):
        Activation.model_validate({**ACTIVATION, "wxa_type": 3})
    with pytest.raises(ValidationError):
        Activation.model_validate({**ACTIVATION, "wxa_path": ""})


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"application_id": 1},
        {"code": "581000001", "code_url": "u"},
        {"application_id": 1, "code_index": 0, "code": "c"},
    ],
)
def test_a_code_is_named_one_way(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CodeLookup.model_validate(fields)


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n", blacklist_categories=["Cs"])), min_size=1))
def test_a_package_decrypts_to_its_lines(lines: list[str]) -> None:
    key = package_key("wxapp")
    assert decrypt_package(encrypt_package(lines, key), key) == lines


def test_a_wrong_key_or_a_damaged_package_is_refused() -> None:
    buffer = encrypt_package(["0\t581000000\turl"], package_key("wxapp"))
    with pytest.raises(ValueError):
        decrypt_package(buffer, package_key("wxother"))
    with pytest.raises(ValueError):
        decrypt_package(buffer[:-4] + "!!!!", package_key("wxapp"))
    with pytest.raises(ValueError):
        decrypt_package(buffer, b"short")
