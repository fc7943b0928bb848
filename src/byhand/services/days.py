"""The learner's day: when "today" begins, in their own time zone.

One rule in one place for everything counted per day: the daily limit of
new items (:func:`plan.plan`), today's gradings of an exercise (its rating,
``attempts``) and the streak.  A day runs from the learner's local midnight
to the next; their time zone is their setting, an IANA name such as
``Asia/Seoul`` (checked against ``zoneinfo.available_timezones()``), and
UTC until they choose one.  Instants are stored in UTC; only days are local.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ..storage import Store

__all__ = ["DEFAULT_ZONE", "Day", "day_of", "known_zone", "learner_zone", "local_date", "setting_zone", "start_of_day",
           "streak", "streak_length", "zone_names"]

DEFAULT_ZONE = "UTC"


@functools.lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this machine knows, sorted (tzdata)."""
    import zoneinfo

    return tuple(sorted(zoneinfo.available_timezones()))


def known_zone(name: object) -> bool:
    """Whether ``name`` is an IANA time zone this machine knows (exactly, case included)."""
    return isinstance(name, str) and name in _zone_set()


@functools.lru_cache(maxsize=1)
def _zone_set() -> frozenset[str]:
    return frozenset(zone_names())


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def learner_zone(store: Store, user_id: int) -> ZoneInfo:
    """The learner's time zone: their setting, else UTC (also for a name this
    machine no longer knows)."""
    return setting_zone(store.settings(user_id).timezone)


def setting_zone(name: str) -> ZoneInfo:
    """The zone a time zone setting names, else UTC (also for a name this machine no longer knows)."""
    return _zone(name if known_zone(name) else DEFAULT_ZONE)


def local_date(t: datetime, zone: ZoneInfo) -> date:
    """The date the aware instant ``t`` falls on in ``zone``."""
    return t.astimezone(zone).date()


def start_of_day(now: datetime, zone: ZoneInfo) -> datetime:
    """The instant (aware UTC) the learner's day holding ``now`` began: their
    local midnight (where a clock change skips midnight, the first instant
    of that date)."""
    return _midnight(local_date(now, zone), zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    t = datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)
    if local_date(t, zone) < day:  # midnight did not exist: 00:00 fell in a skipped hour
        t = datetime.combine(day, time(1), tzinfo=zone).astimezone(timezone.utc)
    return t


class Day:
    """The learner's day holding an instant: its local ``date``, the UTC
    instants it ``start``s and ``end``s at, and the ``zone``."""

    __slots__ = ("date", "end", "start", "zone")

    def __init__(self, now: datetime, zone: ZoneInfo):
        self.zone = zone
        self.date = local_date(now, zone)
        self.start = _midnight(self.date, zone)
        self.end = _midnight(self.date + timedelta(days=1), zone)


def day_of(store: Store, user_id: int, now: datetime | None = None) -> Day:
    """The learner's day holding ``now`` (default: now), in their time zone."""
    return Day(now or datetime.now(timezone.utc), learner_zone(store, user_id))


def streak_length(days, today: date) -> int:
    """Consecutive days in ``days`` ending today (or yesterday, if today has
    no practice yet: the day is not over)."""
    have = set(days)
    day = today if today in have else today - timedelta(days=1)
    n = 0
    while day in have:
        n += 1
        day -= timedelta(days=1)
    return n


WINDOW_DAYS = 64  # the streak reads this many days of activity first, more only while the streak fills them


def streak(store: Store, user_id: int, now: datetime | None = None, zone: ZoneInfo | None = None) -> int:
    """The learner's streak: consecutive local days with an attempt or a
    review, ending today (or yesterday).  Reads the activity of the last
    :data:`WINDOW_DAYS` days, and doubles the window only while the streak
    reaches its first day."""
    now = now or datetime.now(timezone.utc)
    zone = zone or learner_zone(store, user_id)
    today = local_date(now, zone)
    span = WINDOW_DAYS
    while True:
        first = today - timedelta(days=span)
        since = None if span > 40_000 else _midnight(first, zone)
        days = {local_date(t, zone) for t in store.activity_times(user_id, since)}
        n = streak_length(days, today)
        if since is None or n < span:  # the day before the streak is inside the window: it had none
            return n
        span *= 2
