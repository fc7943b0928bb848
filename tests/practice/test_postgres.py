"""The same store on a real PostgreSQL server (the scale-out database):
migrations, attempts, reviews, the day's plan, progress, and the web app.

Runs where BYHAND_TEST_POSTGRES_URL names a server whose user may create
databases (CI starts one); elsewhere skips, or fails with
BYHAND_REQUIRE_POSTGRES=1."""

import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from byhand.services import scheduling
from byhand.services.plan import plan
from byhand.services.progress import compute
from byhand.storage import Store

URL = os.environ.get("BYHAND_TEST_POSTGRES_URL")
if not URL:
    if os.environ.get("BYHAND_REQUIRE_POSTGRES") == "1":
        raise RuntimeError("BYHAND_TEST_POSTGRES_URL must name a PostgreSQL server in CI")
    pytest.skip("no PostgreSQL server: set BYHAND_TEST_POSTGRES_URL=postgresql+psycopg://user:pw@host/db",
                allow_module_level=True)

sqlalchemy = pytest.importorskip("sqlalchemy")


@pytest.fixture
def pg_url():
    """A fresh database for each test, dropped afterwards."""
    name = f"byhand_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


def test_store_on_postgresql(pg_url):
    store = Store(pg_url)
    assert store.engine.dialect.name == "postgresql"
    user = store.user_id()
    now = datetime.now(timezone.utc)
    store.record_attempt(user, "softmax", "exercise", context="check", passed=False, status="failed",
                         mistake="no-max-shift", failure={"case": "huge values"}, source="x")
    store.record_attempt(user, "softmax", "exercise", context="check", passed=True, status="passed")
    assert store.passed_items(user) == {"softmax"}
    assert store.mistake_counts(user) == [("softmax", "no-max-shift", 1)]
    first = plan(store, user, now, new_limit=3)
    for p in first:
        scheduling.review(store, user, p.item_id, p.kind, 3, now=now)
    assert store.first_reviewed_since(user, now - timedelta(minutes=1)) == {p.item_id for p in first}
    assert set(store.last_ratings(user).values()) == {3}
    times = store.activity_times(user)
    assert len(times) == 2 + len(first) and times == sorted(times, reverse=True)
    assert all(t.tzinfo is not None and abs(t - now) < timedelta(minutes=5) for t in times)
    assert store.activity_times(user, since=now + timedelta(minutes=5)) == []
    report = compute(store, user, now + timedelta(seconds=1))
    assert report.streak == 1 and report.areas["linalg"] > 0
    # the same ratings through fsrs give the same stored state on both databases
    sqlite_store = Store(f"sqlite:///{os.environ.get('TMPDIR', '/tmp')}/byhand-pg-twin-{uuid.uuid4().hex}.db")
    twin = sqlite_store.user_id()
    for p in first:
        scheduling.review(sqlite_store, twin, p.item_id, p.kind, 3, now=now)
    for p in first:
        a, b = store.card(user, p.item_id), sqlite_store.card(twin, p.item_id)
        assert (a.state, a.step, a.due) == (b.state, b.step, b.due)
        assert a.stability == pytest.approx(b.stability) and a.difficulty == pytest.approx(b.difficulty)
    sqlite_store.close()
    store.close()


@pytest.mark.slow  # the web app with real grading on PostgreSQL: integration
def test_web_app_on_postgresql(pg_url, tmp_path):
    from fastapi.testclient import TestClient

    from byhand.jobs import GradingHosts
    from byhand.web import ServeConfig, create_app
    from web_support import csrf_of

    config = ServeConfig(data_dir=tmp_path, database_url=pg_url, require_full_isolation=False)
    with GradingHosts(workers=1, require_full_isolation=False) as grader, \
            TestClient(create_app(config, grader=grader), follow_redirects=False) as client:
        page = client.get("/signup")
        r = client.post("/signup", data={"username": "pat", "password": "long enough!", "csrf": csrf_of(page.text)})
        assert r.status_code == 303
        page = client.get("/exercises/softmax")
        bad = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
        r = client.post("/exercises/softmax", data={"source": bad, "csrf": csrf_of(page.text)})
        assert "no-max-shift" in r.text
        assert client.get("/progress").status_code == 200
