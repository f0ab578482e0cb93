"""What broadcast administration accepts: an article_idx from 0 to 8, a speed from 0 to 4, nothing else."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.notifier.mass_admin import article_idx_of, speed_of
from services.notifier.mass_record import MassJob, MassStatus
from services.notifier.messages import InvalidMessage
from shared.wechat.models.mass import Speed


@given(st.integers(min_value=-10, max_value=20) | st.text(max_size=3) | st.booleans() | st.none() | st.floats())
def test_a_speed_is_an_integer_from_0_to_4(value: object) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
        assert speed_of({"speed": value}) == Speed(value)
    else:
        with pytest.raises(InvalidMessage) as refused:
            speed_of({"speed": value})
        assert refused.value.field == "speed"


def test_a_speed_needs_an_object_with_speed() -> None:
    payloads: list[object] = [[3], {}, "3", None]
    for payload in payloads:
        with pytest.raises(InvalidMessage):
            speed_of(payload)


@given(st.text(max_size=3))
def test_an_article_idx_is_0_to_8(raw: str) -> None:
    fits = raw.isascii() and raw.isdigit() and int(raw) <= 8
    if fits:
        assert article_idx_of({"article_idx": raw}) == int(raw)
    else:
        with pytest.raises(InvalidMessage):
            article_idx_of({"article_idx": raw})


def test_no_article_idx_is_the_whole_broadcast() -> None:
    assert article_idx_of({}) == 0


def test_a_job_deleted_whole_has_every_article_deleted() -> None:
    job = MassJob("j", "wx1", MassStatus.SENT, "j", {}, 0.0, 0.0, msg_id=1, deleted_articles=(2,))
    assert job.is_deleted(2) and not job.is_deleted(1) and not job.is_deleted(0)
    whole = MassJob.from_hash({**{k: str(v) for k, v in {"id": "j", "app_id": "wx1", "status": "sent",
        "clientmsgid": "j", "request": "{}", "created_at": 0.0, "updated_at": 0.0}.items()},
        "deleted_articles": "[0]"})  # fmt: skip
    assert whole.is_deleted(5) and whole.to_json()["deleted"] is True
