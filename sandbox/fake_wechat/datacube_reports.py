"""WeChat's statistics reports as the fake answers them: ``{"list": [...]}`` rows of WeChat's shapes, from
``AccountFigures``. Each report is a function of the figures and a range that ``datacube`` has checked."""

from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from sandbox.fake_wechat.datacube_figures import ALL_SOURCES, FIRST_DAY, AccountFigures, Reads, split

NEW_ARTICLE_DATA = date(2025, 11, 1)  # the 2025 article reports keep nothing before it
READ_SOURCES = {0: 5, 1: 2, 2: 2, 4: 1, 5: 1, 6: 1, 7: 1}  # getuserread's user_source, by weight
READ_SCENES = {"公众号消息": 5, "聊天会话": 2, "朋友圈": 2, "推荐": 1, "搜一搜": 1, "公众号主页": 1, "其他": 1}
SHARE_SCENES = {1: 6, 2: 3, 255: 1}  # to a friend, Moments, other

Report = Callable[[AccountFigures, date, date, date], dict[str, Any]]


def days(begin: date, end: date, first: date = FIRST_DAY) -> Iterator[date]:
    day = max(begin, first)
    while day <= end:
        yield day
        day += timedelta(days=1)


def _listed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"list": rows}


def _hour(index: int) -> int:
    return index * 100  # WeChat writes the hour 13:00-14:00 as 1300


def _shares(total: int, weights: dict[Any, int], *parts: object, f: AccountFigures) -> dict[Any, int]:
    rng = f.rng("shares", *parts)
    return dict(zip(weights, split(total, [w * rng.uniform(0.7, 1.3) for w in weights.values()]), strict=True))


def _sum(reads: list[Reads]) -> Reads:
    return Reads(*(sum(getattr(each, field.name) for each in reads) for field in fields(Reads)))


def _day_reads(f: AccountFigures, day: date, within: int = 7) -> Reads:
    return _sum([f.reads(article, day) for article in f.articles_read(day, within=within)])


# -- followers -------------------------------------------------------------------------------------


def user_summary(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        follows = f.follows(day)
        sources = set(follows.new) | ({0} if follows.cancel or not follows.new else set())
        for source in sorted(sources):
            rows.append({
                "ref_date": day.isoformat(), "user_source": source, "new_user": follows.new.get(source, 0),
                "cancel_user": follows.cancel if source == 0 else 0,
            })  # fmt: skip
    return _listed(rows)


def user_cumulate(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    return _listed([{"ref_date": d.isoformat(), "cumulate_user": f.follows(d).cumulate} for d in days(begin, end)])


# -- articles (2014) -------------------------------------------------------------------------------


def _article_fields(reads: Reads) -> dict[str, int]:
    return {
        "int_page_read_user": reads.read_user, "int_page_read_count": reads.read_count,
        "ori_page_read_user": reads.ori_user, "ori_page_read_count": reads.ori_count,
        "share_user": reads.share_user, "share_count": reads.share_count,
        "add_to_fav_user": reads.fav_user, "add_to_fav_count": reads.fav_count,
    }  # fmt: skip


def article_summary(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    """Each article read that day; WeChat leaves out one with fewer than 3 reads, shares and favourites."""
    rows = []
    for day in days(begin, end):
        for article in f.articles_read(day):
            reads = f.reads(article, day)
            if reads.read_user + reads.ori_user + reads.share_user + reads.share_count + reads.fav_count >= 3:
                rows.append({"ref_date": day.isoformat(), "msgid": article.msgid, "title": article.title}
                            | _article_fields(reads))  # fmt: skip
    return _listed(rows)


def article_total(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    """The articles sent that day, each with its running totals for every day since (up to 7, up to yesterday)."""
    rows = []
    for day in days(begin, end):
        for article in f.articles_published(day):
            details, so_far = [], []
            for stat in days(day, min(day + timedelta(days=6), today - timedelta(days=1))):
                so_far.append(f.reads(article, stat))
                detail: dict[str, Any] = {"stat_date": stat.isoformat(), "target_user": f.follows(day).cumulate}
                details.append(detail | _article_fields(_sum(so_far)))
            rows.append(
                {"ref_date": day.isoformat(), "msgid": article.msgid, "title": article.title, "details": details}
            )
    return _listed(rows)


def user_read(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        reads = _day_reads(f, day)
        rows.append({"ref_date": day.isoformat(), "user_source": ALL_SOURCES} | _article_fields(reads))
        users = _shares(reads.read_user, READ_SOURCES, day, "u", f=f)
        counts = _shares(reads.read_count, READ_SOURCES, day, "c", f=f)
        shares = _shares(reads.share_count, READ_SOURCES, day, "s", f=f)
        for source in READ_SOURCES:
            if counts[source]:
                rows.append({
                    "ref_date": day.isoformat(), "user_source": source, "int_page_read_user": users[source],
                    "int_page_read_count": counts[source], "share_user": min(users[source], shares[source]),
                    "share_count": shares[source],
                })  # fmt: skip
    return _listed(rows)


def user_read_hour(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        reads = _day_reads(f, day)
        counts = f.hours(day, reads.read_count, "read")
        users = f.hours(day, reads.read_user, "readers")
        shares = f.hours(day, reads.share_count, "share")
        for hour, count in enumerate(counts):
            if count:
                rows.append({
                    "ref_date": day.isoformat(), "ref_hour": _hour(hour), "user_source": ALL_SOURCES,
                    "int_page_read_user": min(users[hour], count), "int_page_read_count": count,
                    "share_user": min(users[hour], shares[hour]), "share_count": shares[hour],
                })  # fmt: skip
    return _listed(rows)


def user_share(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        reads = _day_reads(f, day)
        counts = _shares(reads.share_count, SHARE_SCENES, day, "scene", f=f)
        users = _shares(reads.share_user, SHARE_SCENES, day, "scene-users", f=f)
        for scene, count in counts.items():
            if count:
                share_user = max(1, min(count, users[scene]))
                rows.append({"ref_date": day.isoformat(), "share_scene": scene, "share_count": count,
                             "share_user": share_user})  # fmt: skip
    return _listed(rows)


def user_share_hour(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        by_scene = _shares(_day_reads(f, day).share_count, SHARE_SCENES, day, "scene", f=f)
        for scene, total in by_scene.items():
            for hour, count in enumerate(f.hours(day, total, "share", scene)):
                if count:
                    rows.append({"ref_date": day.isoformat(), "ref_hour": _hour(hour), "share_scene": scene,
                                 "share_count": count, "share_user": count})  # fmt: skip
    return _listed(rows)


# -- published content (2025) ----------------------------------------------------------------------


def _delayed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"list": rows, "is_delay": False}


def _new_detail(f: AccountFigures, reads: Reads, *parts: object) -> dict[str, Any]:
    sources = _shares(reads.read_user, READ_SCENES, *parts, f=f)
    scenes = [{"scene_desc": "全部", "user_count": reads.read_user}]
    scenes += [{"scene_desc": scene, "user_count": count} for scene, count in sources.items() if count]
    return {
        "read_user": reads.read_user, "read_user_source": scenes, "share_user": reads.share_user,
        "zaikan_user": reads.like_user // 2, "like_user": reads.like_user, "comment_count": reads.comment_count,
        "collection_user": reads.fav_user, "read_subscribe_user": reads.share_user // 4,
    }  # fmt: skip


def article_read(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end, NEW_ARTICLE_DATA):
        for article in f.articles_read(day, within=30):
            reads = f.reads(article, day)
            if reads.read_user:
                detail = {key: value for key, value in _new_detail(f, reads, article.msgid, day).items()
                          if key in ("read_user", "read_user_source")}  # fmt: skip
                rows.append({"ref_date": day.isoformat(), "msgid": article.msgid, "detail": detail})
    return _delayed(rows)


def article_share(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end, NEW_ARTICLE_DATA):
        for article in f.articles_read(day, within=30):
            share_user = f.reads(article, day).share_user
            if share_user:
                rows.append({"ref_date": day.isoformat(), "msgid": article.msgid, "detail": {"share_user": share_user}})
    return _delayed(rows)


def biz_summary(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end, NEW_ARTICLE_DATA):
        detail = _new_detail(f, _day_reads(f, day, within=30), "biz", day)
        detail["send_page_count"] = len(f.articles_published(day))
        rows.append({"ref_date": day.isoformat(), "detail": detail})
    return _delayed(rows)


def article_total_detail(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end, NEW_ARTICLE_DATA):
        for article in f.articles_published(day):
            details, so_far = [], []
            for stat in days(day, min(day + timedelta(days=29), today - timedelta(days=1))):
                so_far.append(f.reads(article, stat))
                details.append({"stat_date": stat.isoformat()} | _new_detail(f, _sum(so_far), article.msgid, stat))
            rows.append({
                "ref_date": day.isoformat(), "msgid": article.msgid, "title": article.title, "publish_type": 0,
                "detail_list": details,
            })  # fmt: skip
    return _delayed(rows)
