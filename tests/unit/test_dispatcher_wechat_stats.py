"""The dispatcher's ``source=wechat`` figures, the pure part: WeChat's report rows as one entry per day and
the range's totals."""

from services.dispatcher.stats_wechat import summarize
from shared.wechat.models.datacube_rows import InterfaceSummaryRow, UpstreamMsgRow, UserCumulateRow, UserSummaryRow

DAYS = ["2026-11-01", "2026-11-02", "2026-11-03"]


def test_rows_become_days_and_totals() -> None:
    users = [
        UserSummaryRow(ref_date="2026-11-01", user_source=0, new_user=2, cancel_user=1),
        UserSummaryRow(ref_date="2026-11-01", user_source=30, new_user=5, cancel_user=0),
        UserSummaryRow(ref_date="2026-11-03", user_source=30, new_user=1, cancel_user=0),
    ]
    totals = [UserCumulateRow(ref_date=day, cumulate_user=100 + i) for i, day in enumerate(DAYS)]
    messages = [
        UpstreamMsgRow(ref_date="2026-11-01", msg_type=1, msg_user=3, msg_count=7),
        UpstreamMsgRow(ref_date="2026-11-01", msg_type=2, msg_user=1, msg_count=1),
        UpstreamMsgRow(ref_date="2026-11-03", msg_type=9, msg_user=1, msg_count=2),
    ]
    calls = [
        InterfaceSummaryRow(
            ref_date="2026-11-01", callback_count=20, fail_count=1, total_time_cost=400, max_time_cost=90
        ),
        InterfaceSummaryRow(
            ref_date="2026-11-03", callback_count=5, fail_count=0, total_time_cost=50, max_time_cost=120
        ),
    ]
    figures = summarize("wxapp", DAYS, users, totals, messages, calls)
    assert (figures["app_id"], figures["from"], figures["to"], figures["source"]) == (
        "wxapp", "2026-11-01", "2026-11-03", "wechat",
    )  # fmt: skip
    first, quiet, last = figures["days"]
    assert first == {
        "app_id": "wxapp", "date": "2026-11-01", "source": "wechat", "subscribes": 7, "unsubscribes": 1,
        "subscribes_by_source": {"0": 2, "30": 5}, "followers": 100, "messages": {"text": 7, "image": 1},
        "total_messages": 8, "callbacks": {"count": 20, "failed": 1, "total_time_ms": 400, "max_time_ms": 90},
    }  # fmt: skip
    assert (quiet["subscribes"], quiet["messages"], quiet["callbacks"]["count"], quiet["followers"]) == (0, {}, 0, 101)
    assert last["messages"] == {"9": 2}  # a type WeChat adds later keeps its number
    assert figures["totals"] == {
        "subscribes": 8, "unsubscribes": 1, "subscribes_by_source": {"0": 2, "30": 6}, "followers": 102,
        "messages": {"text": 7, "image": 1, "9": 2}, "total_messages": 10,
        "callbacks": {"count": 25, "failed": 1, "total_time_ms": 450, "max_time_ms": 120},
    }  # fmt: skip


def test_days_without_any_row_count_nothing_and_know_no_followers() -> None:
    figures = summarize("wxapp", DAYS[:1], [], [], [], [])
    assert figures["days"][0]["followers"] is None
    assert figures["totals"]["followers"] is None and figures["totals"]["total_messages"] == 0
