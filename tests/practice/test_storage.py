"""The progress store on a real SQLite file: migrations, and durability when
the writing process is killed mid-stream."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect

from byhand.storage import Store
from byhand.storage.schema import Base

WRITER = r"""
import sys
from byhand.storage import Store
store = Store(sys.argv[1])
user = store.user_id()
i = 0
while True:
    aid = store.record_attempt(user, f"item{i % 7}", "exercise", context="check", passed=i % 2 == 0,
                               status="passed" if i % 2 == 0 else "failed", message="x" * 200,
                               failure={"case": "c", "got": list(range(50))}, source="def f(): pass\n" * 20)
    print(aid, flush=True)
    i += 1
"""


def test_migrations_create_exactly_the_models_tables(tmp_path):
    store = Store(tmp_path / "p.db")
    tables = set(inspect(store.engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        cols = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert cols == {c.name for c in table.columns}, name
    store.close()
    Store(tmp_path / "p.db").close()  # reopening runs no migration twice


@pytest.mark.parametrize("kill_after", [5, 40, 120])
def test_killing_the_writer_keeps_every_committed_attempt(tmp_path, kill_after):
    db = tmp_path / "p.db"
    Store(db).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    committed = []
    for line in proc.stdout:
        committed.append(int(line))
        if len(committed) >= kill_after:
            break
    time.sleep(0.01 * (kill_after % 7))  # land the kill at varying points of the next write
    proc.send_signal(signal.SIGKILL)
    for line in proc.stdout:  # anything printed before the kill was committed too
        committed.append(int(line))
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in con.execute("SELECT id FROM attempts")}
    con.close()
    assert set(committed) <= stored
    assert len(stored) - len(committed) <= 1  # at most the one whose print was cut off
    store = Store(db)
    assert len(store.attempts(store.user_id())) == len(stored)
    store.close()


def test_review_state_round_trips_with_aware_datetimes(tmp_path):
    from byhand.services import scheduling

    store = Store(tmp_path / "p.db")
    user = store.user_id()
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    first = scheduling.review(store, user, "vector", "concept", 3, now=t0)
    again = scheduling.review(store, user, "vector", "concept", 3, now=t0 + timedelta(minutes=15))
    card = store.card(user, "vector")
    assert card.due == again.card.due and card.due.tzinfo is not None
    assert card.card_id == first.card.card_id
    assert [log.rating for log in store.review_logs(user)] == [3, 3]
    assert store.due_cards(user, now=card.due + timedelta(seconds=1))[0].item_id == "vector"
    assert store.due_cards(user, now=card.due - timedelta(seconds=1)) == []
    store.close()


def test_naive_datetimes_are_refused(tmp_path):
    store = Store(tmp_path / "p.db")
    with pytest.raises(Exception, match="naive datetime"):
        store.record_attempt(store.user_id(), "x", "exercise", context="check", passed=True, status="passed",
                             at=datetime(2026, 1, 1))
    store.close()


def test_bad_database_url_is_a_clear_error(tmp_path):
    from byhand.errors import ByhandError

    with pytest.raises(ByhandError, match="cannot use database"):
        Store("nosuchdialect://x")


def test_daily_new_limit_counts_items_first_reviewed_today(tmp_path):
    from byhand.services import scheduling
    from byhand.services.plan import new_item_order, plan

    store = Store(tmp_path / "p.db")
    user = store.user_id()
    store.save_settings(user, daily_new_limit=4)
    now = datetime.now(timezone.utc)
    first = plan(store, user, now)
    assert sum(p.new for p in first) == 4
    assert [p.item_id for p in first] == [p.item_id for p in new_item_order()[:4]]
    for p in first[:3]:  # three new items done today ...
        scheduling.review(store, user, p.item_id, p.kind, 3, now=now)
    later = plan(store, user, now + timedelta(seconds=1))
    assert sum(p.new for p in later) == 1  # ... leave one new item for today
    tomorrow = plan(store, user, now + timedelta(days=1, hours=1))
    assert sum(p.new for p in tomorrow) == 4 and sum(not p.new for p in tomorrow) == 3
    store.close()


def test_optimize_says_when_there_are_too_few_reviews(tmp_path):
    from byhand.services import scheduling

    store = Store(tmp_path / "p.db")
    user = store.user_id()
    scheduling.review(store, user, "vector", "concept", 3)
    params, n, note = scheduling.optimize(store, user)
    assert params is None and n == 1 and "at least 512" in note
    assert store.settings(user).fsrs_parameters is None  # the defaults stay
    store.close()


def _upgrade_from_0002_keeps_users(url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from byhand.storage import Store, current_revision, head_revision
    from byhand.storage.store import _alembic_config

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    cfg = _alembic_config()
    with engine.begin() as conn:  # a database as the previous release left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(text("INSERT INTO users (username, lang, created_at) VALUES ('old', 'ko', CURRENT_TIMESTAMP)"))
    engine.dispose()
    with Store(url) as store:
        assert current_revision(store.engine) == head_revision()
        user = store.user_by_name("old")
        assert user.lang == "ko" and user.role == "learner"


def test_upgrade_from_the_previous_schema_keeps_users_sqlite(tmp_path):
    _upgrade_from_0002_keeps_users(str(tmp_path / "old.db"))


def test_upgrade_from_the_previous_schema_keeps_users_postgresql():
    from pg_support import fresh_postgres_database

    with fresh_postgres_database() as url:
        _upgrade_from_0002_keeps_users(url)


def test_a_review_computed_from_a_stale_card_is_not_applied(tmp_path):
    """Compare-and-set on the card: two reviews computed from the same read,
    the second finds the card changed and is dropped (no second log)."""
    from datetime import datetime, timedelta, timezone

    from byhand.services import scheduling
    from byhand.storage import Store, database_url

    with Store(database_url(tmp_path / "p.db")) as store:
        uid = store.user_id()
        first = scheduling.review(store, uid, "vector", "concept", 3, existing=None)
        assert first is not None and scheduling.review(store, uid, "vector", "concept", 3, existing=None) is None
        seen = store.card(uid, "vector")
        later = datetime.now(timezone.utc) + timedelta(days=30)
        assert scheduling.review(store, uid, "vector", "concept", 4, now=later, existing=seen) is not None
        assert scheduling.review(store, uid, "vector", "concept", 1, now=later, existing=seen) is None  # stale
        assert [r.rating for r in store.review_logs(uid)] == [3, 4]


def test_recent_outcomes_are_the_last_attempts_at_one_item_newest_first(tmp_path):
    store = Store(tmp_path / "p.db")
    me, other = store.user_id(), store.create_user("grace", "h")
    for passed in (True, False, False):
        store.record_attempt(me, "softmax", "exercise", context="web", passed=passed, status="x")
    store.record_attempt(me, "relu", "exercise", context="web", passed=True, status="passed")
    store.record_attempt(other, "softmax", "exercise", context="web", passed=True, status="passed")
    assert store.recent_outcomes(me, "softmax", 3) == [False, False, True]
    assert store.recent_outcomes(me, "softmax", 2) == [False, False]
    assert store.recent_outcomes(other, "softmax", 3) == [True] and store.recent_outcomes(me, "nothing", 3) == []
    store.close()
