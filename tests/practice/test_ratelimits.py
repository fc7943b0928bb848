"""Rate-limit counters in the database: shared by every web process (two
stores on one database stand for two processes), exact under concurrent
hits, bounded, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from byhand.storage import Store, database_url
from byhand.storage.ratelimits import DatabaseLimitStorage
from byhand.web.ratelimit import RateLimit
from pg_support import fresh_postgres_database


def _check(url: str) -> None:
    with Store(url) as a, Store(url) as b:
        one = RateLimit(30, DatabaseLimitStorage(a), "signin")
        other = RateLimit(30, DatabaseLimitStorage(b), "signin")  # another web process
        with ThreadPoolExecutor(8) as pool:
            allowed = list(pool.map(lambda i: (one if i % 2 else other).allow("ip:10.0.0.1"), range(40)))
        assert allowed.count(True) == 30  # exactly the limit, across both, under concurrency
        assert not one.allow("ip:10.0.0.1") and not other.allow("ip:10.0.0.1")
        assert one.allow("ip:10.0.0.2")  # another key has its own count
        assert 1 <= one.retry_after("ip:10.0.0.1") <= 61
        submit = RateLimit(30, DatabaseLimitStorage(a), "submit")
        assert submit.allow("ip:10.0.0.1")  # another limit's namespace
        storage = DatabaseLimitStorage(a)
        assert storage.incr("k" * 5000, 1) == 1 and storage.get("k" * 5000) == 1  # an over-long key is cut
        assert storage.incr("short", 1) == 1
        time.sleep(1.1)
        assert storage.get("short") == 0 and storage.incr("short", 1) == 1  # a new window starts at 1


def test_rate_limits_on_sqlite(tmp_path):
    _check(database_url(tmp_path / "progress.db"))


def test_rate_limits_on_postgresql():
    with fresh_postgres_database() as url:
        _check(url)


def test_expired_counters_are_swept(tmp_path, monkeypatch):
    import byhand.storage.ratelimits as rl

    monkeypatch.setattr(rl, "SWEEP_EVERY", 5)
    with Store(database_url(tmp_path / "progress.db")) as store:
        storage = DatabaseLimitStorage(store)
        for i in range(4):
            storage.incr(f"gone:{i}", 1)
        time.sleep(1.1)
        storage.incr("fresh", 60)  # the fifth increment sweeps
        with store.engine.connect() as conn:
            keys = [k for (k,) in conn.exec_driver_sql("SELECT key FROM rate_counters")]
        assert keys == ["fresh"]
