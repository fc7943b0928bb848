"""When every grader is busy the web answers 503 + Retry-After at once,
instead of queueing the submission without bound (a real sandbox pool)."""

from __future__ import annotations

import threading
import time

from byhand.jobs import GradingHosts
from web_support import make_client, signup

SLOW = "import time\ndef softmax(x, axis=-1):\n    time.sleep(30)\n"
GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")


def test_saturated_graders_answer_503_with_retry_after(tmp_path):
    with GradingHosts(workers=1, scipy_workers=0, max_waiting=0) as grader, \
            make_client(tmp_path, grader, submissions_per_minute=100) as client:
        signup(client, "busy", "a-long-passphrase")
        token = client.post("/api/token", json={"username": "busy", "password": "a-long-passphrase"}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
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
