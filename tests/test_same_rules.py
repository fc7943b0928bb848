"""One learner's actions through the terminal and through the browser give
the same records and the same schedule: the rules live in one place
(byhand.services)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from byhand.grading.drills import check_answer, variant
from byhand.content import loader
from byhand.storage import Store

from web_support import api_headers, csrf_of, make_client, variant_of

pytestmark = pytest.mark.slow  # CLI processes and the web with real grading: integration

WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)\n"
RIGHT = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
         "    return e / e.sum(axis=axis, keepdims=True)\n")
DRILL, SEED = "bayes-test-posterior", 12345


def _answers():
    v = variant(loader.load_item(DRILL), SEED)
    right = ", ".join(repr(float(x)) for x in v.answer.ravel())
    assert check_answer(v, right, "en").correct and not check_answer(v, "0.123456789", "en").correct
    return "0.123456789", right


def _history(db) -> tuple[list, list]:
    with Store(db) as store:
        user = store.user_id()
        attempts = [(a.item_id, a.item_kind, a.passed, a.status, a.mistake)
                    for a in reversed(store.attempts(user))]
        cards = sorted((c.item_id, c.state, round(c.stability, 6)) for c in
                       (store.card(user, i) for i in ("softmax", DRILL)) if c is not None)
        ratings = [(r.rating) for r in store.review_logs(user)]
    return attempts, cards + [("ratings", tuple(ratings))]


@pytest.fixture(scope="module")
def grader():
    from byhand.jobs import GradingHosts

    with GradingHosts(workers=1, scipy_workers=0) as g:
        yield g


def test_terminal_and_browser_record_the_same(tmp_path, grader):
    wrong, right = _answers()
    # the terminal: byhand check FILE, byhand drill --answer, in one data folder
    cli_dir = tmp_path / "cli"
    env = {**os.environ, "BYHAND_DATA_DIR": str(cli_dir)}
    for source in (WRONG, RIGHT):
        f = tmp_path / "s.py"
        f.write_text(source)
        subprocess.run([sys.executable, "-m", "byhand", "check", "softmax", str(f)], env=env, capture_output=True)
    for answer in (wrong, right):
        subprocess.run([sys.executable, "-m", "byhand", "drill", DRILL, "--seed", str(SEED), "--answer", answer],
                       env=env, capture_output=True)
    # the browser: the same actions, in local mode (one learner, no sign-in)
    web_dir = tmp_path / "web"
    with make_client(web_dir, grader, local=True, submissions_per_minute=100) as client:
        for source in (WRONG, RIGHT):
            page = client.get("/exercises/softmax")
            r = client.post("/exercises/softmax", data={"source": source, "csrf": csrf_of(page.text)})
            assert r.status_code == 200
        page = client.get(f"/drills/{DRILL}?seed={SEED}")  # local mode: the learner's seed, as on the CLI
        for answer in (wrong, right):
            r = client.post(f"/drills/{DRILL}", data={"variant": variant_of(page.text), "answer": answer,
                                                      "csrf": csrf_of(page.text)})
            assert r.status_code == 200
    cli_attempts, cli_cards = _history(cli_dir / "progress.db")
    web_attempts, web_cards = _history(web_dir / "progress.db")
    assert cli_attempts == [("softmax", "exercise", False, "failed", "no-max-shift"),
                            ("softmax", "exercise", True, "passed", None),
                            (DRILL, "drill", False, "failed", None), (DRILL, "drill", True, "passed", None)]
    assert web_attempts == cli_attempts
    assert web_cards == cli_cards and cli_cards[-1] == ("ratings", (3, 2))  # exercise Good, drill Hard


def test_only_concepts_are_rated_directly_through_the_api(tmp_path, grader):
    with make_client(tmp_path, grader) as client:
        headers = api_headers(client, "rater")
        for item in ("softmax", DRILL, "why-minibatch-sgd"):
            r = client.post("/api/reviews", json={"item_id": item, "rating": 4}, headers=headers)
            assert r.status_code == 422, (item, r.text)
        assert client.post("/api/reviews", json={"item_id": "vector", "rating": 3}, headers=headers).status_code == 200


def test_a_drill_answered_at_once_in_the_browser_is_easy_and_its_time_cannot_be_forged(tmp_path, grader):
    wrong, right = _answers()
    with make_client(tmp_path, grader, local=True) as client:
        page = client.get(f"/drills/{DRILL}?seed={SEED}")
        client.post(f"/drills/{DRILL}", data={"variant": variant_of(page.text), "answer": right,
                                              "csrf": csrf_of(page.text)})
        other = "eigenvalues-2x2"
        v = variant(loader.load_item(other), 7)
        answer = ", ".join(repr(float(x)) for x in v.answer.ravel())
        services, uid = client.app.state.byhand.services, client.app.state.byhand.store.user_id()
        shown_a_minute_ago = services._sign(uid, other, 7, int((time.time() - 60) * 1000))
        seed, at, mac = shown_a_minute_ago.split(".")
        sooner = f"{seed}.{int(at) + 59_000}.{mac}"  # the same variant, its time moved: not ours any more
        r = client.post(f"/drills/{other}", data={"variant": sooner, "answer": answer, "csrf": csrf_of(page.text)})
        assert r.status_code == 400
        client.post(f"/drills/{other}", data={"variant": shown_a_minute_ago, "answer": answer,
                                              "csrf": csrf_of(page.text)})
    with Store(tmp_path / "progress.db") as store:
        user = store.user_id()
        ratings = {r.item_id: r.rating for r in store.review_logs(user)}
        assert len(store.attempts(user, other)) == 1  # the forged one was not an attempt
    assert ratings == {DRILL: 4, other: 3}  # Easy within 30 s of being shown; Good a minute later
