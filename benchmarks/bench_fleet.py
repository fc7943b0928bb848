"""Submission → verdict through the web, with grading in-process versus on a fleet.

    python benchmarks/bench_fleet.py [--submissions 200] [--clients 4] [--runs 1]

Starts, on this one machine, with the same grading capacity (two sandboxed
NumPy workers, as the default server has):

(a) `byhand serve --workers 2`: the web process and its own grading
    process (jobs/hosts.py), on SQLite;
(b) `byhand serve --broker redis://…` with a redis-server and two `byhand
    worker --concurrency 1` processes (Celery over Redis), on SQLite too, so
    that the difference is the fleet's hop alone.

Against each, through HTTP with bearer tokens (the JSON API, as a client
script would): ``--submissions`` correct softmax submissions one at a time
(p50/p99 of submission → verdict), then the same number from ``--clients``
learners at once (throughput, p50/p99, errors).  Prints both side by side
and the fleet's hop, (b) − (a) at p50 (the goal: ≤ 20 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "web"), str(ROOT / "tests")]
from fleet_support import redis_server, workers  # noqa: E402
from server import running_server  # noqa: E402

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
LIMITS = ["--submissions-per-minute", "100000", "--signins-per-minute", "100000", "--anonymous-requests", "0",
          "--learner-requests", "0", "--anonymous-per-second", "0", "--no-warm-plots"]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def _client(url: str, name: str):
    import httpx

    from web_support import csrf_of

    c = httpx.Client(base_url=url, timeout=300)
    c.post("/signup", data={"username": name, "password": "a-long-passphrase",
                            "csrf": csrf_of(c.get("/signup").text)})
    token = c.post("/api/token", json={"username": name, "password": "a-long-passphrase"}).json()["token"]
    c.cookies.clear()
    c.headers["Authorization"] = f"Bearer {token}"
    return c


def _submit(c) -> tuple[float, int]:
    t = time.perf_counter()
    r = c.post("/api/exercises/softmax/attempts", json={"source": GOOD})
    ok = r.status_code == 200 and r.json()["passed"]
    return (time.perf_counter() - t) * 1000, 200 if ok else r.status_code


def measure(url: str, submissions: int, clients: int) -> dict:
    learners = [_client(url, f"bench{i}") for i in range(clients)]
    for _ in range(5):  # warm: the first gradings start the sandbox's children
        _submit(learners[0])
    one = [_submit(learners[0]) for _ in range(submissions)]
    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        many = list(pool.map(lambda i: _submit(learners[i % clients]), range(submissions)))
    wall = time.perf_counter() - t
    for c in learners:
        c.close()
    return {"one": [ms for ms, _ in one], "one_errors": sum(code != 200 for _, code in one),
            "many": [ms for ms, _ in many], "many_errors": sum(code != 200 for _, code in many),
            "throughput": submissions / wall}


def run(submissions: int, clients: int) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        with running_server(Path(tmp) / "a", "--workers", "2", *LIMITS) as url:
            out["in-process"] = measure(url, submissions, clients)
        with ExitStack() as stack:
            redis = stack.enter_context(redis_server())
            stack.enter_context(workers(redis.url, "bench-w1", "bench-w2"))
            url = stack.enter_context(running_server(Path(tmp) / "b", "--broker", redis.url, *LIMITS))
            out["fleet"] = measure(url, submissions, clients)
    out["load"] = os.getloadavg()[0]
    return out


def report(r: dict, clients: int) -> None:
    for name in ("in-process", "fleet"):
        m = r[name]
        print(f"  {name:10}: one at a time p50 {statistics.median(m['one']):.1f} ms, p99 {pct(m['one'], 99):.1f} ms"
              f" ({m['one_errors']} errors); {clients} at once p50 {statistics.median(m['many']):.1f} ms, "
              f"p99 {pct(m['many'], 99):.1f} ms, {m['throughput']:.1f} verdicts/s ({m['many_errors']} errors)")
    hop = statistics.median(r["fleet"]["one"]) - statistics.median(r["in-process"]["one"])
    print(f"  the fleet's hop (p50, one at a time): {hop:+.1f} ms (goal ≤ 20 ms); "
          f"load average at the end {r['load']:.1f} on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--submissions", type=int, default=200)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    hops = []
    for i in range(args.runs):
        print(f"run {i + 1}:")
        r = run(args.submissions, args.clients)
        report(r, args.clients)
        hops.append(statistics.median(r["fleet"]["one"]) - statistics.median(r["in-process"]["one"]))
    if args.runs > 1:
        print(f"the fleet's hop over the runs: {min(hops):+.1f} to {max(hops):+.1f} ms")


if __name__ == "__main__":
    main()
