"""Grading on a fleet (issue 15), with the real parts as processes: a
redis-server, `byhand worker`s (Celery) and `byhand serve --broker`; the
tests submit through the web's API as a learner does.

- correct, wrong, looping, crashing and hostile submissions get the same
  verdicts as the in-process graders give;
- a worker killed (SIGKILL, with its sandbox) mid-grading: the grading is
  redelivered to the other worker and the learner gets the verdict, with
  exactly one attempt recorded;
- no live worker: a clear 503 with Retry-After, nothing recorded; a worker
  started later grades without a restart of the web;
- Redis killed under load: clear 503s, then, Redis back on the same port,
  grading again with no restart of the web or the workers;
- two web processes on one PostgreSQL database (two `serve`s, or one
  `serve --web-workers 2`): one killed, the other keeps serving and grading;
- a request whose workers die each time goes to the dead letters after
  three deliveries; `byhand doctor --broker` reports the fleet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from byhand.storage import Store
from browser_support import BAD, GOOD
from fleet_support import redis_server, workers
from pg_support import fresh_postgres_database
from server import running_server
from web_support import csrf_of

pytestmark = pytest.mark.slow  # real processes: Redis, Celery workers, web servers

PASSWORD = "a-long-passphrase"
LIMITS = ["--submissions-per-minute", "10000", "--signins-per-minute", "10000", "--anonymous-requests", "0",
          "--learner-requests", "0", "--anonymous-per-second", "0",
          "--no-shed-on-delay"]  # the door's budgets and delay limits are other tests' subject
LOOPING = "def softmax(x, axis=-1):\n    while True:\n        pass\n"
CRASHING = "import os\ndef softmax(x, axis=-1):\n    os._exit(3)\n"
HOSTILE = ("import os, socket\ndef softmax(x, axis=-1):\n    socket.create_connection(('127.0.0.1', 6379))\n"
           "    return open('/etc/shadow').read()\n")
BROKEN = "def softmax(x, axis=-1)\n    return x\n"
SLOW_GOOD = "import time\n" + GOOD.replace("    e = np.exp", "    time.sleep(0.4)\n    e = np.exp")


def learner(url: str, name: str) -> httpx.Client:
    """A signed-up learner's API client (bearer token)."""
    c = httpx.Client(base_url=url, timeout=300)
    r = c.post("/signup", data={"username": name, "password": PASSWORD, "csrf": csrf_of(c.get("/signup").text)})
    assert r.status_code == 303, r.text
    token = c.post("/api/token", json={"username": name, "password": PASSWORD}).json()["token"]
    c.cookies.clear()
    c.headers["Authorization"] = f"Bearer {token}"
    return c


def submit(c: httpx.Client, source: str, item: str = "softmax") -> httpx.Response:
    return c.post(f"/api/exercises/{item}/attempts", json={"source": source})


def attempts(c: httpx.Client, item: str = "softmax") -> list[dict]:
    return c.get(f"/api/exercises/{item}/attempts", params={"limit": 100}).json()


def in_process_verdicts(sources: list[str]) -> list[tuple]:
    from byhand.jobs import GradingHosts
    from byhand.jobs.grading import GradeRequest

    with GradingHosts(workers=1, require_full_isolation=False) as hosts:
        results = [hosts.grade(GradeRequest("softmax", s, seed=7)) for s in sources]
    return [(r.passed, r.status, r.mistake) for r in results]


def test_verdicts_on_the_fleet_are_the_in_process_verdicts(tmp_path):
    sources = [GOOD, BAD, LOOPING, CRASHING, HOSTILE, BROKEN]
    expected = in_process_verdicts(sources)
    assert expected[:2] == [(True, "passed", None), (False, "failed", "no-max-shift")]
    with redis_server() as redis, workers(redis.url, "w1", "w2"), \
            running_server(tmp_path, "--broker", redis.url, *LIMITS) as url:
        c = learner(url, "ada")
        with ThreadPoolExecutor(len(sources)) as pool:  # at once: both workers busy, the rest queued
            got = list(pool.map(lambda s: submit(c, s), sources))
        assert [r.status_code for r in got] == [200] * len(sources), [r.text[:300] for r in got]
        verdicts = [(r.json()["passed"], r.json()["status"], r.json()["mistake"]) for r in got]
        assert verdicts == expected
        assert len(attempts(c)) == len(sources)  # one recorded attempt each
        c.close()


def test_a_worker_killed_mid_grading_still_yields_the_verdict_once(tmp_path):
    import redis as redislib

    with redis_server() as redis, workers(redis.url, "w1", "w2") as (w1, w2), \
            running_server(tmp_path, "--broker", redis.url, *LIMITS) as url:
        c = learner(url, "kim")
        answer: dict = {}
        t = threading.Thread(target=lambda: answer.update(r=submit(c, SLOW_GOOD)))
        t.start()
        client = redislib.Redis.from_url(redis.url, decode_responses=True)
        deadline = time.monotonic() + 60
        while not (keys := client.keys("byhand:fleet:deliveries:*")):
            assert time.monotonic() < deadline, "no worker took the grading"
            time.sleep(0.05)
        holder = client.hget(keys[0], "worker")
        time.sleep(0.5)  # mid-grading: eleven cases at 0.4 s each
        {"w1": w1, "w2": w2}[holder].kill()
        t.join(400)
        r = answer["r"]
        assert r.status_code == 200 and r.json()["passed"], r.text[:500]
        assert client.hget(keys[0], "count") == "2"  # delivered twice: the second worker graded it
        assert client.hget(keys[0], "worker") != holder
        (only,) = attempts(c)  # exactly one attempt recorded
        assert only["passed"] and only["id"] == r.json()["attempt_id"]
        c.close()


def test_without_workers_the_web_says_retry_and_recovers_when_one_starts(tmp_path):
    with redis_server() as redis, running_server(tmp_path, "--broker", redis.url, *LIMITS) as url:
        c = learner(url, "lee")
        r = submit(c, GOOD)
        assert r.status_code == 503 and int(r.headers["retry-after"]) >= 1
        assert attempts(c) == []
        with workers(redis.url, "late"):
            time.sleep(1.5)  # the web's watcher sees the new worker within a second
            r = submit(c, GOOD)
            assert r.status_code == 200 and r.json()["passed"]
        c.close()


def test_redis_restarted_under_load_clear_errors_then_recovery(tmp_path):
    with redis_server() as redis, workers(redis.url, "w1", "w2"), \
            running_server(tmp_path, "--broker", redis.url, *LIMITS) as url:
        c = learner(url, "park")
        assert submit(c, GOOD).status_code == 200
        stop = threading.Event()
        codes: list[int] = []

        def load():
            while not stop.is_set():
                codes.append(submit(c, GOOD).status_code)

        threads = [threading.Thread(target=load) for _ in range(3)]
        for t in threads:
            t.start()
        time.sleep(2)
        redis.stop()  # SIGKILL: every connection drops
        time.sleep(3)
        during = len(codes)
        redis.start()  # the same port, empty (no persistence): the workers and the web reconnect
        time.sleep(8)
        stop.set()
        for t in threads:
            t.join(400)
        assert set(codes) <= {200, 503}, codes  # a clear answer each: a verdict or "try again"
        assert 503 in codes[:during + 3], codes
        r = submit(c, BAD)
        assert r.status_code == 200 and r.json()["mistake"] == "no-max-shift"
        assert 200 in codes[during:], codes  # graded again while the load went on
        c.close()
    with Store(tmp_path / "progress.db") as store:  # every 200 recorded once, no 503 recorded
        assert len(store.attempts(store.user_by_name("park").id, limit=10_000)) == codes.count(200) + 2


def test_two_web_processes_one_killed_the_other_keeps_serving(tmp_path):
    with fresh_postgres_database() as db, redis_server() as redis, workers(redis.url, "w1"):
        args = ["--broker", redis.url, "--database-url", db, *LIMITS]
        with running_server(tmp_path / "a", *args) as a, running_server(tmp_path / "b", *args) as b:
            ca = learner(a, "yoon")
            assert submit(ca, BAD).json()["mistake"] == "no-max-shift"
            token = ca.headers["Authorization"]
            a.proc.send_signal(signal.SIGKILL)
            a.proc.wait(20)
            with httpx.Client(base_url=b, timeout=300, headers={"Authorization": token}) as cb:
                r = submit(cb, GOOD)  # the same learner, the other web process, the same database and fleet
                assert r.status_code == 200 and r.json()["passed"]
                assert [x["passed"] for x in attempts(cb)] == [True, False]
            ca.close()


def _web_processes(pid: int) -> list[int]:
    """The web processes uvicorn's supervisor ``pid`` started (children spawned by
    multiprocessing; not its resource tracker), from /proc: no extra tool needed."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    spawned = b"spawn_main" in f.read()
            except OSError:
                continue
            if int(fields[1]) == pid and spawned and fields[0] != "Z":
                out.append(int(entry))
    return out


def test_web_workers_share_the_database_and_fleet_and_survive_one_killed(tmp_path):
    """`byhand serve --web-workers 2 --broker …` over PostgreSQL: two web processes
    behind one port; one of them killed, the port keeps answering and grading."""
    with fresh_postgres_database() as db, redis_server() as redis, workers(redis.url, "w1"):
        with running_server(tmp_path, "--web-workers", "2", "--broker", redis.url, "--database-url", db,
                            *LIMITS) as url:
            deadline = time.monotonic() + 60
            while len(web := _web_processes(url.proc.pid)) < 2:  # uvicorn's supervisor starts them one by one
                assert time.monotonic() < deadline, f"web processes: {web}"
                time.sleep(0.2)
            c = learner(url, "han")
            assert submit(c, BAD).json()["mistake"] == "no-max-shift"
            os.kill(web[0], signal.SIGKILL)
            # The kept-alive connection may have belonged to the killed process, and the
            # kernel resets it: a browser retries such a request on a new connection,
            # so the learner's next requests come on new connections too.
            headers = dict(c.headers)
            c.close()
            c = httpx.Client(base_url=url, timeout=300, headers=headers)
            for _ in range(20):  # each new connection finds a live process: the other one, or the one started again
                r = c.get("/api/exercises/softmax/attempts", headers={"Connection": "close"})
                assert r.status_code == 200
            r = submit(c, GOOD)
            assert r.status_code == 200 and r.json()["passed"]
            assert [x["passed"] for x in attempts(c)] == [True, False]
            c.close()


def test_a_request_that_kills_its_workers_goes_to_the_dead_letters():
    """grade_task's own rule on a real Redis: deliveries counted per task;
    past three, the request is set aside and answered with a verdict."""
    import redis as redislib

    from byhand.jobs.broker import DEAD_LETTER
    from byhand.jobs.worker import grade_task

    class DiesEachTime:  # what a worker that dies mid-grading looks like to the next delivery
        calls = 0

        def grade_request(self, request):
            self.calls += 1
            raise SystemExit("the worker died")

    with redis_server() as redis:
        client = redislib.Redis.from_url(redis.url, decode_responses=True)
        grader = DiesEachTime()
        request = {"exercise_id": "softmax", "source": "def softmax(x, axis=-1): ...", "seed": 1, "lang": "ko"}
        for _ in range(3):
            with pytest.raises(SystemExit):
                grade_task(grader, client, "t-1", request, "w1")
        answer = grade_task(grader, client, "t-1", request, "w2")
        assert grader.calls == 3 and answer["status"] == "error" and not answer["passed"]
        assert "3번" in answer["message"]  # in the learner's language
        (record,) = [json.loads(x) for x in client.lrange(DEAD_LETTER, 0, -1)]
        assert record["task_id"] == "t-1" and record["deliveries"] == 3 and record["request"]["seed"] == 1
        assert grade_task(grader, client, "t-2", {"exercise_id": 3}, "w1") == {"error": "malformed grade request"}


def test_doctor_reports_the_fleet(tmp_path):
    env = {**os.environ, "BYHAND_LANG": "en"}
    with redis_server() as redis, workers(redis.url, "w1", "w2"):
        out = subprocess.run([sys.executable, "-m", "byhand", "doctor", "--broker", redis.url, "--json"],
                             capture_output=True, text=True, env=env, timeout=60)
        assert out.returncode == 0, out.stderr
        report = json.loads(out.stdout)
        assert [w["hostname"] for w in report["workers"]] == ["w1", "w2"] and report["size"] == 4
        assert report["queued"] == 0 and all(w["protections"] for w in report["workers"])
        text = subprocess.run([sys.executable, "-m", "byhand", "doctor", "--broker", redis.url],
                              capture_output=True, text=True, env=env, timeout=60).stdout
        assert "2 workers, 4 gradings at once, 0 queued" in text and "w1: 2 at once" in text
    gone = subprocess.run([sys.executable, "-m", "byhand", "doctor", "--broker", redis.url],
                          capture_output=True, text=True, env=env, timeout=60)
    assert gone.returncode == 1 and "unreachable" in gone.stdout and "Traceback" not in gone.stderr
