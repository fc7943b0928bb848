"""Load benchmark of the web app: simulated learners against a real server.

    python benchmarks/bench_web.py [--learners 200] [--seconds 30] [--submit-rate 50] [--page-rate 100]

Starts `byhand serve` (multi-user, SQLite, the sandboxed grader) on a free
loopback port, seeds the learners' accounts and sessions in its database,
then drives an open-loop load from this process: page views (home, an
exercise, a concept, the curriculum, a drill) and code submissions through
the JSON API (correct, wrong, and crashing ones), each at a fixed rate
whatever the latency ("sent/s" says whether the generator kept up).  Prints p50/p99 latency and throughput per kind, side
by side with a baseline of the same pages when idle (one request at a time).

The load generator shares the machine with the server: its own CPU use is
part of the measurement, as it would not be with clients elsewhere.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))
from server import running_server  # noqa: E402

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
CRASH = "def softmax(x, axis=-1):\n    return undefined_name\n"
SOURCES = [GOOD] * 5 + [WRONG] * 4 + [CRASH]
PAGES = ["/", "/exercises/softmax", "/concepts/vector", "/items", "/drills/eigenvalues-2x2?seed=3",
         "/exercises/layer_norm", "/concepts/eigenvalue"]


def seed_users(data_dir: Path, n: int) -> list[tuple[str, str]]:
    """(cookie token, API token) per learner, written straight into the database."""
    from byhand.storage import Store
    from byhand.web import auth

    from byhand.services.data import progress_database

    store = Store(progress_database(data_dir))
    hashed = auth.hash_password("benchmark-password")
    out = []
    for i in range(n):
        uid = store.create_user(f"learner{i:04d}", hashed) or store.user_by_name(f"learner{i:04d}").id
        web, _ = auth.new_session(store, uid, "web", 1)
        api, _ = auth.new_session(store, uid, "api", 1)
        out.append((web, api))
    store.close()
    return out


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


async def run_load(url: str, users, seconds: float, submit_rate: float, page_rate: float):
    """Open-loop load: requests start on schedule whatever the latency (aiohttp,
    whose client costs less CPU than httpx's: the generator shares the machine)."""
    import aiohttp

    results: dict[str, list[float]] = {"page": [], "submit": []}
    refused: list[float] = []  # how long a 503 ("graders busy, retry") took to arrive
    errors: dict[str, int] = {"page": 0, "submit": 0}
    statuses: dict[str, int] = {}
    offered: dict[str, int] = {"page": 0, "submit": 0}
    rng = random.Random(0)
    connector = aiohttp.TCPConnector(limit=400)
    async with aiohttp.ClientSession(url, connector=connector, timeout=aiohttp.ClientTimeout(total=60),
                                     cookie_jar=aiohttp.DummyCookieJar()) as client:
        async def one(kind: str, i: int):
            web, api = users[i % len(users)]
            start = time.perf_counter()
            try:
                if kind == "page":
                    ctx = client.get(rng.choice(PAGES), headers={"Cookie": f"byhand_session={web}"})
                else:  # learners edit between tries: the same failing code resent would be refused (429)
                    ctx = client.post("/api/exercises/softmax/attempts",
                                      json={"source": f"# try {rng.random()}\n" + rng.choice(SOURCES)},
                                      headers={"Authorization": f"Bearer {api}"})
                async with ctx as r:
                    await r.read()
                    status = r.status
                ok = status == 200
                statuses[f"{kind} {status}"] = statuses.get(f"{kind} {status}", 0) + 1
            except (aiohttp.ClientError, asyncio.TimeoutError):
                ok, status = False, 0
            elapsed = time.perf_counter() - start
            if ok:
                results[kind].append(elapsed)
            elif kind == "submit" and status == 503:
                refused.append(elapsed)
            else:
                errors[kind] += 1

        async def stream(kind: str, rate: float):
            tasks, t0, i = [], time.perf_counter(), 0
            while (now := time.perf_counter() - t0) < seconds:
                # always yield: when behind schedule, the requests already due must get to run
                await asyncio.sleep(max(0.0, i / rate - now))
                tasks.append(asyncio.create_task(one(kind, rng.randrange(len(users)))))
                i += 1
            offered[kind] = i
            await asyncio.gather(*tasks)

        t0 = time.perf_counter()
        await asyncio.gather(*([stream("page", page_rate)] if page_rate else []), stream("submit", submit_rate))
        wall = time.perf_counter() - t0
    return results, errors, statuses, wall, offered, refused


async def baseline(url: str, users, n: int = 60):
    """The same requests one at a time on an idle server."""
    out = {"page": [], "submit": []}
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        web, api = users[0]
        for i in range(n):
            t = time.perf_counter()
            await client.get(PAGES[i % len(PAGES)], cookies={"byhand_session": web})
            out["page"].append(time.perf_counter() - t)
        for i in range(n // 2):
            t = time.perf_counter()
            await client.post("/api/exercises/softmax/attempts", json={"source": SOURCES[i % len(SOURCES)]},
                              headers={"Authorization": f"Bearer {api}"})
            out["submit"].append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--learners", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--submit-rate", type=float, default=50, help="submissions per second")
    ap.add_argument("--page-rate", type=float, default=100, help="page views per second")
    ap.add_argument("--workers", type=int, default=2, help="sandboxed grading workers")
    ap.add_argument("--overload-rate", type=float, default=600,
                    help="submissions per second of the overload run (0: skip it)")
    ap.add_argument("--overload-seconds", type=float, default=10)
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="byhand-bench-"))
    users = seed_users(data, args.learners)
    with running_server(data, "--workers", str(args.workers)) as url:
        base = asyncio.run(baseline(url, users))
        results, errors, statuses, wall, offered, _ = asyncio.run(
            run_load(url, users, args.seconds, args.submit_rate, args.page_rate))
        overload = None
        if args.overload_rate:  # far more submissions than the graders can take: refused at once, not queued
            overload = asyncio.run(run_load(url, users, args.overload_seconds, args.overload_rate, 0))

    print(f"machine: {os.cpu_count()} cores; {args.learners} learners; {args.seconds:.0f} s; "
          f"target {args.page_rate:.0f} pages/s + {args.submit_rate:.0f} submissions/s; {args.workers} grading workers")
    print(f"{'':24}{'p50 ms':>10}{'p99 ms':>10}{'sent/s':>10}{'done/s':>10}{'errors':>8}")
    for kind, label in (("page", "page views"), ("submit", "submission→verdict")):
        b = base[kind]
        print(f"{label + ' (idle)':24}{statistics.median(b) * 1e3:10.1f}{pct(b, 99) * 1e3:10.1f}")
        v = results[kind]
        print(f"{label + ' (load)':24}{pct(v, 50) * 1e3:10.1f}{pct(v, 99) * 1e3:10.1f}"
              f"{offered[kind] / args.seconds:10.1f}{len(v) / wall:10.1f}{errors[kind]:8d}")
    print("statuses:", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print("targets: p99 page ≤ 100 ms; p99 submission→verdict ≤ 250 ms at 50 submissions/s")
    if overload:
        o_results, o_errors, o_statuses, o_wall, o_offered, o_refused = overload
        print(f"\noverload: {o_offered['submit'] / args.overload_seconds:.0f} submissions/s sent for "
              f"{args.overload_seconds:.0f} s: {len(o_results['submit'])} graded (p50 "
              f"{pct(o_results['submit'], 50) * 1e3:.0f} ms, p99 {pct(o_results['submit'], 99) * 1e3:.0f} ms), "
              f"{len(o_refused)} answered 503 + Retry-After (p50 {pct(o_refused, 50) * 1e3:.0f} ms, "
              f"p99 {pct(o_refused, 99) * 1e3:.0f} ms, slowest {max(o_refused, default=0) * 1e3:.0f} ms), "
              f"{o_errors['submit']} other errors")
        print("statuses:", ", ".join(f"{k}: {v}" for k, v in sorted(o_statuses.items())))
        print("target: every refusal within 1 s; no request waits without bound")


if __name__ == "__main__":
    main()
