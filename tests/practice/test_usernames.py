"""Usernames are one name whatever their case, on SQLite and PostgreSQL;
look-alikes made before that rule keep their own accounts (migration 0004)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from byhand.storage import Store, database_url
from pg_support import fresh_postgres_database


def _at_0003_with_look_alikes(url: str) -> None:
    from alembic import command

    from byhand.storage.store import _alembic_config

    engine = sa.create_engine(url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        for name in ("Alice", "alice", "bob"):
            conn.execute(sa.text("INSERT INTO users (username, password_hash, lang, created_at, role) "
                                 "VALUES (:n, 'h', 'en', CURRENT_TIMESTAMP, 'learner')"), {"n": name})
    engine.dispose()


def _check(url: str) -> None:
    _at_0003_with_look_alikes(url)
    with Store(url) as store:  # migrates to head
        alice, lower = store.user_by_name("Alice"), store.user_by_name("alice")
        assert alice.username == "Alice" and lower.username == "alice" and alice.id != lower.id  # both kept
        assert store.user_by_name("ALICE").id == alice.id  # a case-blind lookup finds the first
        assert store.user_by_name("BOB").username == "bob"
        assert store.create_user("ALICE", "h") is None and store.create_user("Bob", "h") is None  # taken
        uid = store.create_user("Carol", "h")
        assert uid is not None and store.create_user("carol", "h") is None
        assert store.user_by_name("cArOl").id == uid


def test_case_blind_usernames_on_sqlite(tmp_path):
    _check(database_url(tmp_path / "progress.db"))


def test_case_blind_usernames_on_postgresql():
    with fresh_postgres_database() as url:
        _check(url)
