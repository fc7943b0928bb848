"""When every grader is busy the web answers 503 + Retry-After at once,
instead of queueing the submission without bound (a real sandbox pool)."""

from __future__ import annotations

import threading
import time

import pytest

from byhand.jobs import GradingHosts
from web_support import api_headers, make_client

SLOW = "import time\ndef softmax(x, axis=-1):\n    time.sleep(30)\n"
GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")


@pytest.mark.slow  # a real sandbox held busy: integration
def test_saturated_graders_answer_503_with_retry_after(tmp_path):
    with GradingHosts(workers=1, scipy_workers=0, max_waiting=0) as grader, \
            make_client(tmp_path, grader, submissions_per_minute=100) as client:
        headers = api_headers(client, "busy")
        slow = []
        t = threading.Thread(target=lambda: slow.append(
            client.post("/api/exercises/softmax/attempts", json={"source": SLOW}, headers=headers)))
        t.start()
        time.sleep(0.5)  # the slow one holds the only worker now
        r = client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        assert r.status_code == 503 and int(r.headers["Retry-After"]) > 0, r.text
        assert t.is_alive() and not slow  # refused while the worker is still busy: not queued behind it
        t.join(60)
        assert slow and slow[0].status_code == 200 and slow[0].json()["status"] == "timeout"
        r = client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        assert r.status_code == 200 and r.json()["passed"]  # and it recovers by itself


class _Held:
    """A grading service of one slot whose gradings wait until released (a
    fake: this tests the web's door, not the graders)."""

    size, max_waiting = 1, 0

    def __init__(self):
        self.release = threading.Event()
        self.calls = 0

    def saturated(self) -> bool:
        return False  # the door must count submissions itself, not trust the service alone

    async def submit(self, request):
        import asyncio

        from byhand.grading.result import GradeResult

        self.calls += 1
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return GradeResult(exercise_id=request.exercise_id, passed=True, status="passed", message="ok",
                           lang=request.lang, cases_passed=1, cases_total=1, seed=request.seed)

    def close(self):
        self.release.set()


def test_submissions_past_capacity_are_refused_at_the_door_before_any_work(tmp_path):
    held = _Held()
    with make_client(tmp_path, held, submissions_per_minute=100) as client:
        headers = api_headers(client, "door")
        first = []
        t = threading.Thread(target=lambda: first.append(
            client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)))
        t.start()
        deadline = time.monotonic() + 10
        while held.calls == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held.calls == 1
        # no token, a body that is not even JSON: refused for capacity before either is looked at
        r = client.post("/api/exercises/softmax/attempts", content=b"\xff not json")
        assert r.status_code == 503 and r.headers["Retry-After"] == "5" and "busy" in r.json()["detail"]
        client.cookies.set("byhand_lang", "ko")
        page = client.post("/exercises/softmax", data={"source": GOOD})
        assert page.status_code == 503 and "채점" in page.text
        assert client.get("/items").status_code == 200  # pages are still served
        held.release.set()
        t.join(10)
        assert first and first[0].status_code == 200 and held.calls == 1
        r = client.post("/api/exercises/softmax/attempts", json={"source": GOOD}, headers=headers)
        assert r.status_code == 200  # the door opens again
