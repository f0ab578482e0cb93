"""The figures behind the fake's statistics reports: believable, the same on every call, and coherent.

Each account has a made-up history, seeded from its AppId and the day (sha256 of the parts, so the
same app and day give the same numbers in every process and test): a follower base that grows by a
few a day, followers who message it, callbacks, and two or three articles a week. On top of that
the fake adds what it saw: each current follower in its directory counts as a new follower on the
China day of their ``subscribe_time``, by the source their ``subscribe_scene`` names, and in the
totals from that day on. (The directory keeps no unfollow times, so former followers are left out.)

The reports agree with one another as WeChat's do: a day's new minus lost followers is the change
of the running total, hourly figures add up to the day's, weekly and monthly message counts to
their days', the callbacks of a day cover its messages and follows, and the distribution of
senders adds up to the day's senders.
"""

import bisect
import hashlib
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
FIRST_DAY = date(2014, 12, 1)  # WeChat keeps nothing before it
ALL_SOURCES = 99999999

# WeChat's user_source for the subscribe scenes it has codes for; the rest count as 0 ("other").
SOURCE_OF_SCENE = {
    "ADD_SCENE_SEARCH": 1, "ADD_SCENE_PROFILE_CARD": 17, "ADD_SCENE_QR_CODE": 30, "ADD_SCENE_PAID": 51,
    "ADD_SCENE_PROFILE_LINK": 57, "ADD_SCENE_WECHAT_ADVERTISEMENT": 100, "ADD_SCENE_REPRINT": 161,
    "ADD_SCENE_CHANNELS": 200, "ADD_SCENE_LIVESTREAM": 201,
}  # fmt: skip
SEEDED_SOURCES = {0: 3, 1: 4, 17: 2, 30: 5, 57: 1}  # where the made-up followers come from, by weight
MESSAGE_TYPES = {1: 0.85, 2: 0.18, 3: 0.12, 4: 0.02, 6: 0.01}  # text, image, voice, video, link: share of senders
INTERVALS = {1: 0.8, 2: 0.14, 3: 0.06}  # senders by messages sent that day: 1-5, 6-10, more
# Beijing hours: quiet at night, busiest around noon and 21:00.
HOURS = (2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 10, 11, 12, 11, 9, 9, 9, 10, 11, 12, 14, 15, 12, 6)


def seeded(*parts: object) -> random.Random:
    """A random stream fixed by ``parts`` (the same in every process: no hash randomization)."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def split(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` shared out in proportion to ``weights`` (largest remainders), adding up to ``total`` exactly."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * weight / whole for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def china_day(unix_seconds: float) -> date:
    return datetime.fromtimestamp(unix_seconds, CHINA).date()


@dataclass(frozen=True, slots=True)
class Follows:
    new: dict[int, int]  # by user_source
    cancel: int
    cumulate: int


@dataclass(frozen=True, slots=True)
class Messages:
    senders: int
    by_type: dict[int, tuple[int, int]]  # msg_type -> (msg_user, msg_count), only types someone sent


@dataclass(frozen=True, slots=True)
class Callbacks:
    count: int
    failed: int
    total_ms: int
    max_ms: int


@dataclass(frozen=True, slots=True)
class Article:
    msgid: str  # {msg_data_id}_{index}, as the reports write it
    title: str
    published: date


@dataclass(frozen=True, slots=True)
class Reads:
    read_user: int
    read_count: int
    ori_user: int
    ori_count: int
    share_user: int
    share_count: int
    fav_user: int
    fav_count: int
    like_user: int
    comment_count: int


class AccountFigures:
    """One account's figures, day by day; ``joined``: the current followers' subscribe days and sources."""

    def __init__(self, app_id: str, joined: Iterable[tuple[date, int]] = ()) -> None:
        self.app_id = app_id
        self._joined = Counter(joined)
        self._joined_days = sorted(day for day, _ in self._joined.elements())
        shape = seeded(app_id, "shape")
        self._base = shape.randint(1_000, 50_000)
        self._growth = shape.randint(2, 30)
        self._activity = shape.uniform(0.005, 0.03)
        self._weekly_post_day = shape.randrange(7)
        self._follows: dict[date, Follows] = {}

    def rng(self, *parts: object) -> random.Random:
        return seeded(self.app_id, *parts)

    # -- followers ---------------------------------------------------------------------------------

    def _seeded_total(self, day: date) -> int:
        wobble = self.rng("wobble", day).randint(0, 3 * self._growth)
        return self._base + self._growth * (day - FIRST_DAY).days + wobble

    def follows(self, day: date) -> Follows:
        cached = self._follows.get(day)
        if cached is not None:
            return cached
        net = self._seeded_total(day) - self._seeded_total(day - timedelta(days=1))
        cancel = self.rng("cancel", day).randint(0, self._growth) + max(0, -net)
        jitter = self.rng("sources", day)
        weights = [weight * jitter.uniform(0.5, 1.5) for weight in SEEDED_SOURCES.values()]
        new = dict(zip(SEEDED_SOURCES, split(net + cancel, weights), strict=True))
        for (joined_day, source), count in self._joined.items():
            if joined_day == day:
                new[source] = new.get(source, 0) + count
        cumulate = self._seeded_total(day) + bisect.bisect_right(self._joined_days, day)
        self._follows[day] = found = Follows({s: n for s, n in new.items() if n}, cancel, cumulate)
        return found

    # -- messages and callbacks --------------------------------------------------------------------

    def messages(self, day: date) -> Messages:
        rng = self.rng("messages", day)
        senders = round(self.follows(day).cumulate * self._activity * rng.uniform(0.6, 1.4))
        by_type: dict[int, tuple[int, int]] = {}
        for msg_type, share in MESSAGE_TYPES.items():
            users = min(senders, round(senders * share * rng.uniform(0.7, 1.3)))
            if users:
                by_type[msg_type] = (users, users + rng.randint(0, 2 * users))
        return Messages(senders, by_type)

    def hours(self, day: date, total: int, *parts: object) -> list[int]:
        """``total`` spread over the day's 24 hours (Beijing time), the same way for the same parts."""
        rng = self.rng("hours", day, *parts)
        return split(total, [weight * rng.uniform(0.7, 1.3) for weight in HOURS])

    def intervals(self, senders: int, *parts: object) -> dict[int, int]:
        """How many of ``senders`` sent 1-5, 6-10 or more messages (count_interval 1, 2, 3)."""
        rng = self.rng("intervals", *parts)
        weights = [share * rng.uniform(0.7, 1.3) for share in INTERVALS.values()]
        return dict(zip(INTERVALS, split(senders, weights), strict=True))

    def callbacks(self, day: date) -> Callbacks:
        rng = self.rng("callbacks", day)
        messages, follows = self.messages(day), self.follows(day)
        count = sum(c for _, c in messages.by_type.values()) + sum(follows.new.values()) + follows.cancel
        count += rng.randint(0, messages.senders)  # menu clicks and other events
        average = rng.randint(15, 120)
        return Callbacks(count, rng.randint(0, count // 200), count * average, rng.randint(3 * average, 5000))

    # -- articles ----------------------------------------------------------------------------------

    def articles_published(self, day: date) -> list[Article]:
        posts = self.rng("posts", day).choices((0, 1, 2), weights=(50, 35, 15))[0]
        if day.weekday() == self._weekly_post_day:
            posts = max(posts, 1)  # at least one article a week
        msg_data_id = 2_247_400_000 + (day - FIRST_DAY).days
        return [Article(f"{msg_data_id}_{i}", f"沙盒推文 {day.isoformat()} 第{i}篇", day) for i in range(1, posts + 1)]

    def articles_read(self, day: date, *, within: int = 7) -> list[Article]:
        """Articles published in the ``within`` days up to ``day`` (their readers come in the first days)."""
        days = (day - timedelta(days=age) for age in range(within))
        return [article for past in days if past >= FIRST_DAY for article in self.articles_published(past)]

    def reads(self, article: Article, day: date) -> Reads:
        """``article``'s figures on ``day``: most on the day it went out, fewer every day after."""
        age = (day - article.published).days
        if age < 0:
            return Reads(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        audience = self.follows(article.published).cumulate
        peak = self.rng("peak", article.msgid).uniform(0.03, 0.25) * audience
        rng = self.rng("reads", article.msgid, day)
        read_user = round(peak * 0.5**age * rng.uniform(0.8, 1.2))
        share_user, fav_user, ori_user = (round(read_user * rng.uniform(0.01, k)) for k in (0.08, 0.04, 0.12))
        return Reads(
            read_user, read_user + rng.randint(0, read_user // 3), ori_user, ori_user + rng.randint(0, 2),
            share_user, share_user + rng.randint(0, share_user // 2), fav_user, fav_user,
            round(read_user * rng.uniform(0.005, 0.05)), rng.randint(0, read_user // 50),
        )  # fmt: skip
