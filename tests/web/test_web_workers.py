"""`byhand serve --web-workers 2`: two web processes on one database, SQLite
and PostgreSQL, under concurrent learners (real processes, real HTTP)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from byhand.storage import Store, current_revision, head_revision
from pg_support import fresh_postgres_database
from server import running_server

pytestmark = pytest.mark.slow  # two real servers with their grading pools

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
LEARNERS = 8


def _learner(url: str, i: int) -> tuple[int, int, int]:
    name = f"learner{i}"
    with httpx.Client(base_url=url, timeout=60) as c:
        from web_support import csrf_of

        page = c.get("/signup")
        r = c.post("/signup", data={"username": name, "password": "a-long-passphrase", "csrf": csrf_of(page.text)})
        token = c.post("/api/token", json={"username": name, "password": "a-long-passphrase"}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        graded = c.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        reviewed = c.post("/api/reviews", json={"item_id": "vector", "rating": 3}, headers=headers)
        return r.status_code, graded.status_code, reviewed.status_code


def _serve_and_check(tmp_path, db_url: str | None) -> None:
    args = ["--web-workers", "2", "--workers", "1", "--submissions-per-minute", "1000",
            "--signins-per-minute", "1000", "--anonymous-requests", "1000", "--anonymous-per-second", "1000",
            "--no-shed-on-delay"]
    # eight learners signing up from one address at once: the door's budgets and delay limits are other tests' subject
    if db_url:
        args += ["--database-url", db_url]
    with running_server(tmp_path, *args) as url:
        with ThreadPoolExecutor(LEARNERS) as pool:
            codes = list(pool.map(lambda i: _learner(url, i), range(LEARNERS)))
    assert codes == [(303, 200, 200)] * LEARNERS, codes
    with Store(db_url or tmp_path / "progress.db") as store:
        assert current_revision(store.engine) == head_revision()
        for i in range(LEARNERS):
            user = store.user_by_name(f"learner{i}")
            assert user is not None
            (attempt,) = store.attempts(user.id)
            assert attempt.passed and store.card(user.id, "vector") is not None


def test_two_web_processes_on_sqlite(tmp_path):
    _serve_and_check(tmp_path, None)


def test_two_web_processes_on_postgresql(tmp_path):
    with fresh_postgres_database() as url:
        _serve_and_check(tmp_path, url)
