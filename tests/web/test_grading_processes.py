"""Gradings happen in grading processes, never in the web process: the
judge, the cases and the diagnosis run there (real processes, real sandbox).
A grading process lost mid-grading costs the learner nothing."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from byhand.jobs import GradeRequest, GradingHosts
from web_support import api_headers, make_client

pytestmark = pytest.mark.slow  # real grading processes, killed and restarted: integration

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
NO_SHIFT = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
SLOW = "import time\ndef softmax(x, axis=-1):\n    time.sleep(30)\n"


def _wait(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False



def test_the_web_process_does_no_trusted_work(tmp_path, monkeypatch):
    import byhand.grading.grader as judge
    import byhand.jobs.grading as local

    def forbidden(*args, **kwargs):
        raise AssertionError("the judge ran in the web process")

    with GradingHosts(workers=1, scipy_workers=0) as grader, make_client(tmp_path, grader) as client:
        monkeypatch.setattr(judge, "grade_exercise", forbidden)
        monkeypatch.setattr(local, "grade_exercise", forbidden)
        headers = api_headers(client, "remote")
        r = client.post("/api/exercises/softmax/attempts", json={"source": NO_SHIFT}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["mistake"] == "no-max-shift"  # diagnosed over there
        r = client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        assert r.json()["passed"] and r.json()["cases_passed"] == r.json()["cases_total"] > 0
        assert all(pid != os.getpid() for pid in grader.pids())


def test_a_grading_process_lost_mid_grading_records_nothing_and_comes_back(tmp_path):
    with GradingHosts(workers=1, scipy_workers=0) as grader, \
            make_client(tmp_path, grader, submissions_per_minute=100) as client:
        headers = api_headers(client, "unlucky")
        answers = []
        t = threading.Thread(target=lambda: answers.append(
            client.post("/api/exercises/softmax/attempts", json={"source": SLOW}, headers=headers)))
        t.start()
        assert _wait(lambda: grader.in_flight() == 1, 10)
        lost = grader.pids()[0]
        os.kill(lost, signal.SIGKILL)
        t.join(30)
        assert answers and answers[0].status_code == 503 and int(answers[0].headers["Retry-After"]) > 0
        store = client.app.state.byhand.store
        assert store.attempts(store.user_by_name("unlucky").id) == []  # not recorded as their error
        assert _wait(lambda: grader.alive() == 1 and grader.pids()[0] != lost)
        assert grader.restarted == 1
        r = client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        assert r.status_code == 200 and r.json()["passed"]


def test_requests_cross_as_plain_data_and_overflow_is_refused_at_once():
    with GradingHosts(workers=1, scipy_workers=0, max_waiting=1) as grader:
        slow = [grader.send(GradeRequest("softmax", SLOW, seed=s, time_limit=2.0)) for s in range(2)]
        refused = grader.grade(GradeRequest("softmax", GOOD, seed=3))
        assert refused.status == "unavailable"
        assert not any(f.done() for f in slow)  # refused while both still wait: not queued behind them
        assert [f.result(60).status for f in slow] == ["timeout", "timeout"]
        ok = grader.grade(GradeRequest("softmax", GOOD, seed=4, lang="ko"))
        assert ok.passed and ok.lang == "ko" and ok.seed == 4


def test_a_grading_process_that_cannot_isolate_refuses_to_start():
    from byhand.sandbox import SandboxUnavailable, isolation

    if "filesystem-view" not in isolation.FULL:
        pytest.fail("the isolation list changed: update this test")
    with pytest.raises(SandboxUnavailable, match="filesystem-view"):
        GradingHosts(workers=1, scipy_workers=0, require_full_isolation=True, view=False)
