"""Several processes on one fresh database at once, as `byhand serve
--web-workers N` has them: the migration runs once, get-or-create of a user
and a first review never collide, nothing is lost.  Real processes, real
SQLite and (where BYHAND_TEST_POSTGRES_URL names one) a real PostgreSQL."""

from __future__ import annotations

import pytest

import multiprocessing as mp

from pg_support import fresh_postgres_database

pytestmark = pytest.mark.slow  # concurrent processes on real databases: integration

PROCESSES = 6


def _writer(url: str, barrier, errors) -> None:
    try:
        from byhand.services import scheduling
        from byhand.storage import Store

        barrier.wait(30)
        with Store(url) as store:  # every process migrates the fresh database at once
            uid = store.user_id("same-learner")
            store.record_attempt(uid, "softmax", "exercise", context="web", passed=True, status="passed")
            scheduling.review(store, uid, "vector", "concept", 3)  # a first review, all at once
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        errors.put(f"{type(exc).__name__}: {exc}")


def _race(url: str) -> None:
    ctx = mp.get_context("spawn")
    barrier, errors = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, barrier, errors)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == [] and all(p.exitcode == 0 for p in procs), found

    from byhand.storage import Store, current_revision, head_revision

    with Store(url) as store:
        assert current_revision(store.engine) == head_revision()
        uid = store.user_id("same-learner")
        assert store.user_by_name("same-learner").id == uid
        assert len(store.attempts(uid)) == PROCESSES
        assert store.card(uid, "vector") is not None and len(store.review_logs(uid)) == PROCESSES


def test_concurrent_processes_on_a_fresh_sqlite_database(tmp_path):
    _race(str(tmp_path / "progress.db"))


def test_concurrent_processes_on_a_fresh_postgresql_database():
    with fresh_postgres_database() as url:
        _race(url)
