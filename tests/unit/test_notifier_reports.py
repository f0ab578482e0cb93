"""Delivery reports the notifier cannot match are acknowledged and left alone, never dead-lettered."""

import json
from types import SimpleNamespace
from typing import Any, cast

import pytest

from services.notifier.reports import Reports
from services.notifier.status import StatusStore
from shared.consumer import Permanent


class Lookups:
    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    async def by_wechat_msgid(self, app_id: str, msg_id: int) -> str | None:
        self.asked.append((app_id, msg_id))
        return None


def report(**fields: Any) -> Any:
    return SimpleNamespace(body=json.dumps(fields).encode())


@pytest.mark.parametrize("msg_id", ["MSGID", "12ab", None, True])
async def test_a_report_whose_msg_id_was_kept_as_sent_matches_nothing(msg_id: object) -> None:
    lookups = Lookups()
    await Reports(cast(StatusStore, lookups))(report(app_id="wx1", msg_id=msg_id, status="success"))
    assert lookups.asked == []


async def test_a_numbered_report_is_looked_up() -> None:
    lookups = Lookups()
    await Reports(cast(StatusStore, lookups))(report(app_id="wx1", msg_id=200163836, status="success"))
    assert lookups.asked == [("wx1", 200163836)]


async def test_a_body_without_the_report_fields_is_permanent() -> None:
    with pytest.raises(Permanent):
        await Reports(cast(StatusStore, Lookups()))(report(app_id="wx1"))
