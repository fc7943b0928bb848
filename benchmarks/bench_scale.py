"""The same load against one web process and against the scaled-out layout.

    python benchmarks/bench_scale.py [--learners 1000] [--seconds 60] [--page-rate 200] [--submit-rate 80]
                                     [--overload-seconds 30] [--only a|b]

Needs BYHAND_TEST_POSTGRES_URL (a PostgreSQL server: a fresh database is
made on it, as the tests make theirs) and Debian's redis-server.

Two layouts on this one machine, with the same grading capacity (two
sandboxed NumPy workers):

(a) `byhand serve --workers 2`: one web process and its own grading
    process, on the embedded SQLite;
(b) `byhand serve --web-workers 2 --broker redis://… --database-url
    postgresql://…` with a redis-server and two `byhand worker
    --concurrency 1` (Celery over Redis): two web processes, two graders,
    PostgreSQL.

Against each, ``--learners`` learners (accounts and sessions seeded in its
database) in four phases, through HTTP from this process (loadgen.py):

1. warm-up: a few submissions start the sandboxes' children;
2. the load: ``--page-rate`` page views/s (home, exercises, concepts, the
   curriculum, a drill) and ``--submit-rate`` submissions/s (correct, wrong,
   crashing softmax) for ``--seconds``, each started on schedule (open loop);
3. what this machine sustains: 16 learners asking for pages back to back
   for 20 s (pages/s), then 8 learners submitting back to back (verdicts/s);
4. overload: twice the sustained verdicts/s for ``--overload-seconds``,
   beside half the sustained pages/s: the web must shed what it cannot
   grade with 503 + Retry-After (answered at once), keep page p99 ≤ 250 ms,
   and leave no request waiting without bound (the client gives up after
   60 s: an error);
5. the baseline: the load and the overload again, at the same rates,
   against the same layout started with `--no-shed-on-delay` (the door's
   counts only, as before its delay limits).

Prints each phase's page and submission→verdict p50/p99, throughput, 503s
and errors, and the fleet's hop, (b) − (a) at p50 under the load (the
goal: ≤ 20 ms).  The generator shares the two cores with the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests" / "web"), str(ROOT / "tests")]
from fleet_support import redis_server, workers  # noqa: E402
from loadgen import NO_LIMITS, Load, closed_loop, open_loop, pct, seed_users  # noqa: E402
from pg_support import fresh_postgres_database  # noqa: E402
from server import running_server  # noqa: E402

SUSTAIN_SECONDS = 20
CLIENTS = {"submit": 8, "page": 16}  # enough learners at once to keep every grader, or the web, busy


def phases(url: str, users, args) -> dict[str, Load]:
    out = {"warm-up": asyncio.run(closed_loop(url, users, 5, 2))}
    out["load"] = asyncio.run(open_loop(url, users, args.seconds, args.submit_rate, args.page_rate))
    for kind in ("page", "submit"):  # each alone: what this machine sustains
        out[f"most, {kind}s"] = asyncio.run(closed_loop(url, users, SUSTAIN_SECONDS, CLIENTS[kind], kind))
    out["overload"] = asyncio.run(open_loop(url, users, args.overload_seconds, *overload_rates(out)))
    return out


def overload_rates(out: dict[str, Load]) -> tuple[float, float]:
    """(submissions/s, pages/s): twice the submissions the graders sustained,
    beside half the pages the web sustained."""
    pages = len(out["most, pages"].ok["page"]) / out["most, pages"].wall
    verdicts = len(out["most, submits"].ok["submit"]) / out["most, submits"].wall
    return 2 * verdicts, pages / 2


def baseline(url: str, users, args, out: dict[str, Load]) -> None:
    """The load and the overload again against the same layout with the door's
    delay limits off (`--no-shed-on-delay`: counts only, the door before them)."""
    asyncio.run(closed_loop(url, users, 5, 2))
    out["load, counts only"] = asyncio.run(open_loop(url, users, args.seconds, args.submit_rate, args.page_rate))
    out["overload, counts only"] = asyncio.run(open_loop(url, users, args.overload_seconds, *overload_rates(out)))


def run_a(tmp: Path, args) -> dict[str, Load]:
    data = tmp / "a"
    users = seed_users(data, args.learners)
    with running_server(data, "--workers", "2", *NO_LIMITS) as url:
        out = phases(url, users, args)
    with running_server(data, "--workers", "2", "--no-shed-on-delay", *NO_LIMITS) as url:
        baseline(url, users, args, out)
    return out


def run_b(tmp: Path, args) -> dict[str, Load]:
    data = tmp / "b"
    with ExitStack() as stack:
        db = stack.enter_context(fresh_postgres_database())
        users = seed_users(data, args.learners, database=db)
        redis = stack.enter_context(redis_server())
        stack.enter_context(workers(redis.url, "scale-w1", "scale-w2"))
        web = ["--web-workers", "2", "--broker", redis.url, "--database-url", db, *NO_LIMITS]
        with running_server(data, *web) as url:
            out = phases(url, users, args)
        with running_server(data, "--no-shed-on-delay", *web) as url:
            baseline(url, users, args, out)
        return out


def report(name: str, runs: dict[str, Load]) -> None:
    print(f"\n{name}")
    print(f"  {'phase':22}{'kind':8}{'sent/s':>8}{'done/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'slowest':>9}"
          f"{'503s':>7}{'errors':>8}")
    for phase, load in runs.items():
        if phase == "warm-up" or not load.wall:
            continue
        for kind in ("page", "submit"):
            if not load.offered[kind]:
                continue
            ok = load.ok[kind]
            refused = f"{len(load.refused)}" if kind == "submit" else ""
            print(f"  {phase:22}{kind:8}{load.offered[kind] / load.wall:8.1f}{len(ok) / load.wall:8.1f}"
                  f"{pct(ok, 50) * 1e3:9.1f}{pct(ok, 99) * 1e3:9.1f}{load.slowest[kind] * 1e3:9.0f}"
                  f"{refused:>7}{load.errors[kind]:8d}")
    for phase in ("overload", "overload, counts only"):
        o = runs[phase]
        if o.refused:
            print(f"  {phase}: submissions' 503s {o.refused_with_retry_after} of {len(o.refused)} with "
                  f"Retry-After; p50 {pct(o.refused, 50) * 1e3:.0f} ms, p99 {pct(o.refused, 99) * 1e3:.0f} ms, "
                  f"slowest {max(o.refused) * 1e3:.0f} ms")
    for phase in ("load", "overload", "load, counts only", "overload, counts only"):
        print(f"  {phase} statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(runs[phase].statuses.items())))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--page-rate", type=float, default=200, help="page views per second")
    ap.add_argument("--submit-rate", type=float, default=80, help="submissions per second")
    ap.add_argument("--overload-seconds", type=float, default=30)
    ap.add_argument("--only", choices=("a", "b"))
    args = ap.parse_args()
    if not os.environ.get("BYHAND_TEST_POSTGRES_URL") and args.only != "a":
        raise SystemExit("set BYHAND_TEST_POSTGRES_URL to a PostgreSQL server (see tests/pg_support.py)")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, label, run in (("a", "(a) one web process + its grading process, SQLite", run_a),
                                ("b", "(b) 2 web processes + 2 Celery workers + Redis + PostgreSQL", run_b)):
            if args.only in (None, key):
                results[key] = run(Path(tmp), args)
                report(label, results[key])
                print(f"  load average after (a 1-minute mean): {os.getloadavg()[0]:.1f}")
    print(f"\n{started}; {os.cpu_count()} cores; {args.learners} learners; {args.page_rate:.0f} pages/s + "
          f"{args.submit_rate:.0f} submissions/s for {args.seconds:.0f} s")
    if len(results) == 2:
        a, b = (pct(results[k]["load"].ok["submit"], 50) for k in "ab")
        print(f"the fleet's hop under the load, (b) − (a) at p50: {(b - a) * 1e3:+.1f} ms (goal ≤ 20 ms)")
    for key, r in results.items():
        for phase in ("overload", "overload, counts only"):
            o = r[phase]
            print(f"({key}) {phase}: page p99 {pct(o.ok['page'], 99) * 1e3:.0f} ms (goal ≤ 250 ms); "
                  f"{len(o.ok['submit']) / o.wall:.1f} verdicts/s; slowest request {max(o.slowest.values()):.1f} s; "
                  f"{len(o.refused)} submissions shed with 503 ({o.refused_with_retry_after} with Retry-After)")


if __name__ == "__main__":
    main()
