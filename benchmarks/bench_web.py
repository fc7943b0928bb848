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
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))
from server import running_server  # noqa: E402

from loadgen import PAGES, SOURCES, open_loop, pct, seed_users  # noqa: E402


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
        load = asyncio.run(open_loop(url, users, args.seconds, args.submit_rate, args.page_rate))
        overload = None
        if args.overload_rate:  # far more submissions than the graders can take: refused at once, not queued
            overload = asyncio.run(open_loop(url, users, args.overload_seconds, args.overload_rate, 0))

    print(f"machine: {os.cpu_count()} cores; {args.learners} learners; {args.seconds:.0f} s; "
          f"target {args.page_rate:.0f} pages/s + {args.submit_rate:.0f} submissions/s; {args.workers} grading workers")
    print(f"{'':24}{'p50 ms':>10}{'p99 ms':>10}{'sent/s':>10}{'done/s':>10}{'errors':>8}")
    for kind, label in (("page", "page views"), ("submit", "submission→verdict")):
        b = base[kind]
        print(f"{label + ' (idle)':24}{statistics.median(b) * 1e3:10.1f}{pct(b, 99) * 1e3:10.1f}")
        v = load.ok[kind]
        print(f"{label + ' (load)':24}{pct(v, 50) * 1e3:10.1f}{pct(v, 99) * 1e3:10.1f}"
              f"{load.offered[kind] / args.seconds:10.1f}{len(v) / load.wall:10.1f}{load.errors[kind]:8d}")
    print("statuses:", ", ".join(f"{k}: {v}" for k, v in sorted(load.statuses.items())))
    print("targets: p99 page ≤ 100 ms; p99 submission→verdict ≤ 250 ms at 50 submissions/s")
    if overload:
        o = overload
        print(f"\noverload: {o.offered['submit'] / args.overload_seconds:.0f} submissions/s sent for "
              f"{args.overload_seconds:.0f} s: {len(o.ok['submit'])} graded (p50 "
              f"{pct(o.ok['submit'], 50) * 1e3:.0f} ms, p99 {pct(o.ok['submit'], 99) * 1e3:.0f} ms), "
              f"{len(o.refused)} answered 503 + Retry-After (p50 {pct(o.refused, 50) * 1e3:.0f} ms, "
              f"p99 {pct(o.refused, 99) * 1e3:.0f} ms, slowest {max(o.refused, default=0) * 1e3:.0f} ms), "
              f"{o.errors['submit']} other errors")
        print("statuses:", ", ".join(f"{k}: {v}" for k, v in sorted(o.statuses.items())))
        print("target: every refusal within 1 s; no request waits without bound")


if __name__ == "__main__":
    main()
