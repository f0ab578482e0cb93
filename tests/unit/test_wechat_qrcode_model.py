"""QR code requests: scene ranges at and past their edges, string scenes, lifetimes, action names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.api.qrcode import QrCodeApi
from shared.wechat.models.qrcode import (
    DEFAULT_EXPIRE_SECONDS,
    MAX_EXPIRE_SECONDS,
    MAX_PERMANENT_SCENE_ID,
    MAX_SCENE_STR,
    MAX_TEMPORARY_SCENE_ID,
    MIN_EXPIRE_SECONDS,
    QrCodeRequest,
)


@given(st.integers(min_value=1, max_value=MAX_TEMPORARY_SCENE_ID))
def test_a_temporary_numeric_scene_in_range_is_a_qr_scene(scene: int) -> None:
    assert QrCodeRequest(scene=scene).body() == {
        "action_name": "QR_SCENE",
        "action_info": {"scene": {"scene_id": scene}},
        "expire_seconds": DEFAULT_EXPIRE_SECONDS,
    }


@given(st.integers(min_value=1, max_value=MAX_PERMANENT_SCENE_ID))
def test_a_permanent_numeric_scene_in_range_is_a_qr_limit_scene(scene: int) -> None:
    assert QrCodeRequest(scene=scene, permanent=True).body() == {
        "action_name": "QR_LIMIT_SCENE",
        "action_info": {"scene": {"scene_id": scene}},
    }


@given(st.integers(max_value=0) | st.integers(min_value=MAX_TEMPORARY_SCENE_ID + 1))
def test_a_temporary_numeric_scene_out_of_range_is_refused(scene: int) -> None:
    with pytest.raises(ValidationError, match="numeric scene is 1 to"):
        QrCodeRequest(scene=scene)


@given(st.integers(max_value=0) | st.integers(min_value=MAX_PERMANENT_SCENE_ID + 1, max_value=MAX_TEMPORARY_SCENE_ID))
def test_a_permanent_numeric_scene_out_of_range_is_refused(scene: int) -> None:
    with pytest.raises(ValidationError, match="permanent code's numeric scene is 1 to 100,000"):
        QrCodeRequest(scene=scene, permanent=True)


@pytest.mark.parametrize(
    ("scene", "permanent", "accepted"),
    [
        (1, False, True), (MAX_TEMPORARY_SCENE_ID, False, True), (0, False, False), (2**32, False, False),
        (1, True, True), (100_000, True, True), (0, True, False), (100_001, True, False),
    ],
)  # fmt: skip
def test_numeric_scene_edges(scene: int, permanent: bool, accepted: bool) -> None:
    if accepted:
        QrCodeRequest(scene=scene, permanent=permanent)
    else:
        with pytest.raises(ValidationError):
            QrCodeRequest(scene=scene, permanent=permanent)


@given(st.text(min_size=1, max_size=MAX_SCENE_STR), st.booleans())
def test_a_string_scene_of_1_to_64_characters_is_a_str_scene(scene: str, permanent: bool) -> None:
    body = QrCodeRequest(scene=scene, permanent=permanent).body()
    assert body["action_name"] == ("QR_LIMIT_STR_SCENE" if permanent else "QR_STR_SCENE")
    assert body["action_info"] == {"scene": {"scene_str": scene}}


@pytest.mark.parametrize("scene", ["", "s" * (MAX_SCENE_STR + 1), "场" * (MAX_SCENE_STR + 1)])
def test_a_string_scene_empty_or_past_64_characters_is_refused(scene: str) -> None:
    with pytest.raises(ValidationError, match="string scene is 1 to 64"):
        QrCodeRequest(scene=scene)


def test_a_numeric_string_stays_a_string_scene_and_a_bool_is_no_scene() -> None:
    assert QrCodeRequest(scene="123").action_name == "QR_STR_SCENE"
    with pytest.raises(ValidationError):
        QrCodeRequest(scene=True)
    with pytest.raises(ValidationError):
        QrCodeRequest(scene=1.5)


@pytest.mark.parametrize(
    ("seconds", "accepted"),
    [(MIN_EXPIRE_SECONDS, True), (MAX_EXPIRE_SECONDS, True), (MIN_EXPIRE_SECONDS - 1, False),
     (MAX_EXPIRE_SECONDS + 1, False), (0, False), (-60, False)],
)  # fmt: skip
def test_a_temporary_lifetime_at_and_past_its_edges(seconds: int, accepted: bool) -> None:
    if accepted:
        assert QrCodeRequest(scene=1, expire_seconds=seconds).body()["expire_seconds"] == seconds
    else:
        with pytest.raises(ValidationError):
            QrCodeRequest(scene=1, expire_seconds=seconds)


def test_a_permanent_code_has_no_lifetime() -> None:
    with pytest.raises(ValidationError, match="does not expire"):
        QrCodeRequest(scene=1, permanent=True, expire_seconds=600)


def test_the_image_url_encodes_the_ticket() -> None:
    ticket = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw=="
    url = QrCodeApi.image_url(ticket + "+/")
    assert url == f"https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket={ticket[:-2]}%3D%3D%2B%2F"
    with pytest.raises(ValueError, match="ticket"):
        QrCodeApi.image_url("")
