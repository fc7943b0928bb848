"""An acknowledged attempt is never lost: the server is killed with
SIGKILL under concurrent submissions, and every attempt id it sent back is in
the database afterwards, on SQLite and on PostgreSQL (real processes)."""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import pytest

from byhand.storage import Store
from pg_support import fresh_postgres_database
from server import running_server

pytestmark = pytest.mark.slow  # real servers, killed

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")


def _load_then_kill(url, learners: int = 6, acknowledged_before_kill: int = 40) -> list[int]:
    acked: list[int] = []
    stop = threading.Event()

    def learner(i: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as c:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    r = c.post("/api/exercises/softmax/attempts", json={"source": f"# {i}.{n}\n{GOOD}"})
                except httpx.HTTPError:
                    return  # the server is gone
                if r.status_code == 200:
                    acked.append(r.json()["attempt_id"])

    threads = [threading.Thread(target=learner, args=(i,)) for i in range(learners)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(acked) < acknowledged_before_kill and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(url.proc.pid, signal.SIGKILL)  # mid-load: requests are in flight
    stop.set()
    for t in threads:
        t.join(30)
    assert len(acked) >= acknowledged_before_kill
    return acked


def _check(tmp_path, database_url: str | None) -> None:
    args = ["--local", "--workers", "2", "--submissions-per-minute", "100000"]
    if database_url:
        args += ["--database-url", database_url]
    with running_server(tmp_path / "data", *args) as url:
        acked = _load_then_kill(url)
    with Store(database_url or str(tmp_path / "data" / "progress.db")) as store:
        with store.engine.connect() as conn:
            stored = {row[0] for row in conn.exec_driver_sql("SELECT id FROM attempts")}
    assert len(set(acked)) == len(acked)  # one id per acknowledged attempt
    assert set(acked) <= stored, sorted(set(acked) - stored)[:10]


def test_acknowledged_attempts_survive_kill_9_on_sqlite(tmp_path):
    _check(tmp_path, None)


def test_acknowledged_attempts_survive_kill_9_on_postgresql(tmp_path):
    with fresh_postgres_database() as url:
        _check(tmp_path, url)
