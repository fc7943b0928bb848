"""The learner's day follows their time zone: the streak, the daily limit of
new items and today's gradings all count from local midnight (services/days.py),
on SQLite and on PostgreSQL; the desired retention reaches the FSRS scheduler;
migration 0007 adds the time zone and keeps the settings already stored."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from byhand.services import days, scheduling
from byhand.services import settings as rules
from byhand.services.attempts import _today
from byhand.services.plan import plan
from byhand.services.progress import compute
from byhand.storage import Store

SEOUL = ZoneInfo("Asia/Seoul")
UTC = timezone.utc


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        with Store(tmp_path / "p.db") as s:
            yield s
        return
    from pg_support import fresh_postgres_database

    with fresh_postgres_database() as url, Store(url) as s:
        yield s


def at(zone, *fields) -> datetime:
    """A local wall-clock time in ``zone``, as the aware UTC instant the store keeps."""
    return datetime(*fields, tzinfo=zone).astimezone(UTC)


def attempt(store, user, when):
    store.record_attempt(user, "softmax", "exercise", context="web", passed=False, status="failed", at=when)


def test_a_learner_in_seoul_studying_at_2330_and_0030_has_two_days(store):
    user = store.user_id("seoul")
    store.save_settings(user, timezone="Asia/Seoul")
    attempt(store, user, at(SEOUL, 2026, 3, 9, 23, 30))
    attempt(store, user, at(SEOUL, 2026, 3, 10, 0, 30))  # the same UTC day (15:30Z), the next Korean day
    assert days.streak(store, user, at(SEOUL, 2026, 3, 10, 1, 0)) == 2
    assert compute(store, user, at(SEOUL, 2026, 3, 10, 1, 0)).streak == 2  # what the pages and the CLI show
    # the same two instants for a learner who keeps UTC are one day
    other = store.user_id("utc")
    attempt(store, other, at(SEOUL, 2026, 3, 9, 23, 30))
    attempt(store, other, at(SEOUL, 2026, 3, 10, 0, 30))
    assert days.streak(store, other, at(SEOUL, 2026, 3, 10, 1, 0)) == 1


def test_a_learner_in_utc_studying_at_2330_and_0030_utc_has_two_days(store):
    user = store.user_id("utc")
    store.save_settings(user, timezone="UTC")
    attempt(store, user, datetime(2026, 3, 9, 23, 30, tzinfo=UTC))
    scheduling.review(store, user, "vector", "concept", 3, now=datetime(2026, 3, 10, 0, 30, tzinfo=UTC))
    assert days.streak(store, user, datetime(2026, 3, 10, 1, 0, tzinfo=UTC)) == 2
    # a day with nothing yet keeps it until that day ends, at midnight; then it is broken
    assert days.streak(store, user, datetime(2026, 3, 11, 23, 59, tzinfo=UTC)) == 2
    assert days.streak(store, user, datetime(2026, 3, 12, 0, 1, tzinfo=UTC)) == 0
    # in Seoul both are on 10 March: one day
    store.save_settings(user, timezone="Asia/Seoul")
    assert days.streak(store, user, datetime(2026, 3, 10, 1, 0, tzinfo=UTC)) == 1


def test_a_streak_longer_than_the_first_window_is_counted_whole(store):
    user = store.user_id()
    store.save_settings(user, timezone="America/New_York")  # across a change of clocks (8 March 2026)
    zone = ZoneInfo("America/New_York")
    first = datetime(2025, 10, 1, 23, 50, tzinfo=zone)
    n = 3 * days.WINDOW_DAYS + 5
    for i in range(n):  # every evening at 23:50 local, whatever the offset
        attempt(store, user, (first + timedelta(days=i)).astimezone(UTC))
    last = (first + timedelta(days=n - 1)).astimezone(UTC)
    assert days.streak(store, user, last + timedelta(minutes=5)) == n
    assert days.streak(store, user, last + timedelta(minutes=15)) == n  # 00:05 the next day: yesterday counts


def test_the_daily_new_limit_resets_at_local_midnight(store):
    user = store.user_id("seoul")
    store.save_settings(user, timezone="Asia/Seoul", daily_new_limit=2)
    evening = at(SEOUL, 2026, 3, 9, 23, 0)
    first = [p for p in plan(store, user, evening) if p.new]
    assert len(first) == 2
    for p in first:
        scheduling.review(store, user, p.item_id, p.kind, 3, now=evening)
    assert sum(p.new for p in plan(store, user, at(SEOUL, 2026, 3, 9, 23, 59))) == 0
    assert sum(p.new for p in plan(store, user, at(SEOUL, 2026, 3, 10, 0, 1))) == 2  # 15:01 UTC: a new day here
    # for a learner on UTC the same instants are one day: still nothing new at 15:01Z
    store.save_settings(user, timezone=None)
    assert sum(p.new for p in plan(store, user, at(SEOUL, 2026, 3, 10, 0, 1))) == 0
    assert sum(p.new for p in plan(store, user, datetime(2026, 3, 10, 0, 1, tzinfo=UTC))) == 2


def test_todays_gradings_of_an_exercise_start_at_local_midnight(store):
    user = store.user_id()
    store.save_settings(user, timezone="Asia/Seoul")
    attempt(store, user, at(SEOUL, 2026, 3, 9, 23, 50))
    attempt(store, user, at(SEOUL, 2026, 3, 10, 0, 10))
    now = at(SEOUL, 2026, 3, 10, 0, 20)
    assert len(_today(store, user, "softmax", now)) == 1  # a pass now is rated from one grading today
    store.save_settings(user, timezone="UTC")
    assert len(_today(store, user, "softmax", now)) == 2


def test_the_day_where_midnight_does_not_exist():
    santiago = ZoneInfo("America/Santiago")  # clocks went from 24:00 to 01:00 on 7 September 2025
    day = days.Day(datetime(2025, 9, 7, 12, tzinfo=santiago).astimezone(UTC), santiago)
    assert day.start.astimezone(santiago).hour == 1 and day.start.astimezone(santiago).day == 7
    assert day.end - day.start == timedelta(hours=23)
    ordinary = days.Day(datetime(2025, 9, 8, 12, tzinfo=santiago).astimezone(UTC), santiago)
    assert ordinary.end - ordinary.start == timedelta(hours=24) and ordinary.start == day.end


@pytest.mark.parametrize("name, known", [
    ("Asia/Seoul", True), ("UTC", True), ("America/Argentina/Buenos_Aires", True),
    ("asia/seoul", False), ("Asia/Seoul ", False), ("Mars/Olympus_Mons", False), ("../../etc/passwd", False),
    ("", False), ("Asia/Seoul\x00", False), (None, False), (9, False), ("A" * 10_000, False)])
def test_only_iana_names_this_machine_knows_are_time_zones(name, known):
    assert days.known_zone(name) is known


def test_an_unknown_stored_zone_falls_back_to_utc(tmp_path):
    with Store(tmp_path / "p.db") as store:
        user = store.user_id()
        store.save_settings(user, timezone="Atlantis/Capital")  # written before tzdata dropped it, say
        assert days.learner_zone(store, user) == ZoneInfo("UTC")


def test_the_desired_retention_reaches_the_scheduler_and_shortens_intervals(store):
    """The same history at a higher desired retention gives shorter intervals."""
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    due = {}
    for retention in (0.80, 0.95):
        user = store.user_id(f"r{retention}")
        store.save_settings(user, desired_retention=retention)
        assert scheduling.scheduler(store, user).desired_retention == retention
        assert scheduling.scheduler(store, user, "exercise").desired_retention == retention
        now = start
        for _ in range(4):  # learned, then recalled three times, each review when due
            reviewed = scheduling.review(store, user, "vector", "concept", 3, now=now)
            now = reviewed.card.due
        due[retention] = reviewed.card.due - start
    assert due[0.95] < due[0.80] / 2  # far sooner: e.g. weeks instead of months


def test_a_higher_retention_projects_more_reviews(tmp_path):
    with Store(tmp_path / "p.db") as store:
        user = store.user_id()
        then = datetime.now(UTC) - timedelta(days=5)
        for p in plan(store, user, then, new_limit=20):
            scheduling.review(store, user, p.item_id, p.kind, 3, now=then)
        low, high = (rules.project(store, user, r, 10) for r in (0.80, 0.95))
        assert high.mean > low.mean and len(high.per_day) == rules.HORIZON_DAYS
        assert rules.project(store, user, 0.95, 10).per_day == high.per_day  # seeded: the same every time
        none = rules.project(store, user, 0.90, 0)
        assert none.new_items == 0 and none.mean < rules.project(store, user, 0.90, 10).mean
        assert sum(none.per_day) >= 20  # every current card comes back within 30 days at least once
        with pytest.raises(rules.SettingsInvalid):
            rules.project(store, user, 0.99, 10)


def _upgrade_from_0006_keeps_settings(url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from byhand.storage import current_revision, head_revision
    from byhand.storage.store import _alembic_config

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    cfg = _alembic_config()
    with engine.begin() as conn:  # a database as the previous release left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.execute(text("INSERT INTO users (id, username, username_key, lang, created_at, role) "
                          "VALUES (7, 'old', 'old', 'ko', CURRENT_TIMESTAMP, 'learner')"))
        conn.execute(text("INSERT INTO user_settings (user_id, desired_retention, daily_new_limit, updated_at) "
                          "VALUES (7, 0.85, 4, CURRENT_TIMESTAMP)"))
    with Store(url) as store:
        assert current_revision(store.engine) == head_revision()  # through 0007 and every later one
        s = store.settings(7)
        assert (s.desired_retention, s.daily_new_limit, s.timezone) == (0.85, 4, None)
        store.save_settings(7, timezone="Asia/Seoul")
        assert store.settings(7).timezone == "Asia/Seoul" and store.settings(7).daily_new_limit == 4
    with engine.begin() as conn:  # and back down, and up again
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
        command.upgrade(cfg, "head")
    engine.dispose()


def test_upgrade_to_0007_keeps_settings_sqlite(tmp_path):
    _upgrade_from_0006_keeps_settings(str(tmp_path / "old.db"))


def test_upgrade_to_0007_keeps_settings_postgresql():
    from pg_support import fresh_postgres_database

    with fresh_postgres_database() as url:
        _upgrade_from_0006_keeps_settings(url)


def test_saving_some_settings_keeps_the_others(store):
    user = store.user_id()
    store.save_settings(user, daily_new_limit=3)  # the first save inserts ...
    store.save_settings(user, timezone="Asia/Seoul")  # ... the second changes only what it names
    s = store.settings(user)
    assert (s.daily_new_limit, s.timezone, s.desired_retention) == (3, "Asia/Seoul", 0.9)
    with pytest.raises(TypeError):
        store.save_settings(user, no_such_setting=1)
