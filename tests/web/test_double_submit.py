"""A double-clicked Check (the same first submission sent several times at
once) records every attempt and one first review, and a double-clicked
rating of a concept card rates it once; neither ever answers 500: on SQLite
and on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from pg_support import fresh_postgres_database
from web_support import PassingGrader, api_headers, make_client

GOOD = "def softmax(x, axis=-1):\n    return x\n"  # the fake grader passes anything


def _fire(tmp_path, database_url=None):
    # six at once: the door's delay limits (test_shedding.py) could refuse some on a busy machine
    with make_client(tmp_path, PassingGrader(), database_url=database_url, submissions_per_minute=1000,
                     shed_on_delay=False) as client:
        headers = api_headers(client, "clicker")
        with ThreadPoolExecutor(6) as pool:
            replies = list(pool.map(lambda _: client.post("/api/exercises/softmax/attempts", json={"source": GOOD},
                                                          headers=headers), range(6)))
        assert [r.status_code for r in replies] == [200] * 6, [r.text[:200] for r in replies]
        store = client.app.state.byhand.store
        uid = store.user_by_name("clicker").id
        assert len(store.attempts(uid, "softmax")) == 6
        assert store.card(uid, "softmax") is not None and len(store.review_logs(uid)) == 1  # one first review
        assert len({r.json()["attempt_id"] for r in replies}) == 6
        with ThreadPoolExecutor(6) as pool:
            ratings = list(pool.map(lambda _: client.post("/api/reviews", json={"item_id": "vector", "rating": 3},
                                                          headers=headers), range(6)))
        statuses = sorted(r.status_code for r in ratings)
        assert set(statuses) <= {200, 409} and statuses[0] == 200, [r.text[:200] for r in ratings]
        vector_reviews = [r for r in store.review_logs(uid) if r.item_id == "vector"]
        assert len(vector_reviews) == statuses.count(200) >= 1  # a 409 changed nothing


def test_a_double_click_on_sqlite(tmp_path):
    _fire(tmp_path)


@pytest.mark.slow  # a PostgreSQL database of its own
def test_a_double_click_on_postgresql(tmp_path):
    with fresh_postgres_database() as url:
        _fire(tmp_path, url)
