"""A teacher's dashboard of a 300-learner cohort with 100 days of history.

    python benchmarks/bench_dashboard.py [--learners 300] [--days 100] [--requests 200] [--runs 1]
                                         [--database sqlite|postgresql|both]

Seeds a database (bulk inserts, tests/teaching_support.py: seconds, not
minutes) with one cohort of ``--learners`` learners and ``--days`` days of
their history: on about seven days in ten each learner works on one to
three exercises or drills (failed attempts naming the exercise's mistakes,
then mostly a pass), reviews a dozen cards (review logs, Again about one
time in eight) and meets new concept cards.  Then it starts `byhand serve`
on it (SQLite, or PostgreSQL with ``--database-url``: a fresh database on
the server BYHAND_TEST_POSTGRES_URL names, as the tests make theirs) and
asks, one request at a time, with the teacher's bearer token:

- ``GET /api/cohorts/{id}/dashboard`` (the heatmap of learners × areas,
  per-item statistics, the mistakes, who is stuck) ``--requests`` times;
- the same, each request after one learner's new attempt (written by this
  process, not timed): that learner's part is read and computed again;
- the server's first request, which computes every learner's part;
- baselines in the same run: the whole dashboard in-process with nothing
  kept (a fresh store each time), the heatmap the simple way
  (``services.progress.compute`` for each learner in turn: a sample,
  scaled to the cohort), and a learner's home page.

Prints p50/p99 of each (the goal: dashboard p99 ≤ 200 ms on both databases).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path[:0] = [str(TESTS / "web"), str(TESTS)]
from server import running_server  # noqa: E402
from pg_support import fresh_postgres_database  # noqa: E402
from teaching_support import seed  # noqa: E402

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


@contextmanager
def database(kind: str):
    """A database URL for ``kind``: None (SQLite in the data folder), or a
    fresh PostgreSQL database on the server BYHAND_TEST_POSTGRES_URL names."""
    if kind == "sqlite":
        yield None
        return
    if not os.environ.get("BYHAND_TEST_POSTGRES_URL"):
        raise SystemExit("set BYHAND_TEST_POSTGRES_URL to a PostgreSQL server (see tests/pg_support.py)")
    with fresh_postgres_database() as url:
        yield url


def _cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process has used so far, in ms."""
    import psutil

    t = psutil.Process(pid).cpu_times()
    return (t.user + t.system) * 1000


def _timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def run(kind: str, learners: int, days: int, requests: int) -> dict:
    import httpx

    from byhand.services import progress, teaching
    from byhand.services.data import progress_database
    from byhand.storage import Store
    from byhand.web import auth

    with tempfile.TemporaryDirectory() as tmp, database(kind) as url:
        data = Path(tmp)
        db = url or progress_database(data)
        t0 = time.perf_counter()
        store = Store(db)
        facts = seed(store, learners, days, NOW)
        seeded = time.perf_counter() - t0
        token, _ = auth.new_session(store, facts["teacher"], "api", 1)
        web, _ = auth.new_session(store, facts["learners"][0], "web", 1)
        # baseline: the heatmap the simple way, progress.compute per learner (a sample, scaled to the cohort)
        sample = facts["learners"][: max(5, learners // 30)]
        per_learner = _timed(lambda: [progress.compute(store, uid, NOW) for uid in sample], 1)[0] / len(sample)
        store.close()

        def cold():  # the whole dashboard with nothing kept (a fresh store: every learner read and computed)
            with Store(db) as fresh:
                teaching.dashboard(fresh, facts["teacher"], facts["cohort"], "en", NOW)
        cold_ms = _timed(cold, 2)

        args = ["--workers", "1"] + (["--database-url", url] if url else [])
        writer = Store(db)
        rng = random.Random(3)
        with running_server(data, *args) as site, httpx.Client(base_url=site, timeout=120) as client:
            headers = {"Authorization": f"Bearer {token}"}
            path = f"/api/cohorts/{facts['cohort']}/dashboard"
            t = time.perf_counter()
            first = client.get(path, headers=headers)
            first_ms = (time.perf_counter() - t) * 1000
            first.raise_for_status()
            body = first.json()
            pid = site.proc.pid  # one web process: the server's own (its database work too, on SQLite)
            cpu = _cpu_ms(pid)
            idle = _timed(lambda: client.get(path, headers=headers).raise_for_status(), requests)
            idle_cpu = (_cpu_ms(pid) - cpu) / requests
            active, cpu = [], _cpu_ms(pid)
            for _ in range(requests):  # a learner has just submitted (not timed): their part is computed again
                writer.record_attempt(rng.choice(facts["learners"]), "softmax", "exercise", context="web",
                                      passed=False, status="failed", mistake="no-max-shift", source="x")
                active += _timed(lambda: client.get(path, headers=headers).raise_for_status(), 1)
            active_cpu = (_cpu_ms(pid) - cpu) / requests
            client.cookies.set(auth.COOKIE, web)
            n_home = max(50, requests // 4)
            cpu = _cpu_ms(pid)
            home = _timed(lambda: client.get("/").raise_for_status(), n_home)
            home_cpu = (_cpu_ms(pid) - cpu) / n_home
        writer.close()
        return {"kind": kind, "seeded": seeded, **{k: facts[k] for k in ("attempts", "review_logs", "cards")},
                "learners": len(facts["learners"]), "dashboard": idle, "active": active, "home": home,
                "first_ms": first_ms, "cold_ms": cold_ms, "idle_cpu": idle_cpu, "active_cpu": active_cpu,
                "home_cpu": home_cpu, "load": os.getloadavg()[0], "naive_ms": per_learner * learners,
                "per_learner_ms": per_learner, "mistakes": len(body["mistakes"]), "items": len(body["items"]),
                "stuck": len(body["stuck"])}


def _p(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.1f} ms, p99 {pct(values, 99):.1f} ms"


def report(r: dict) -> None:
    print(f"\n{r['kind']}: {r['learners']} learners, {r['attempts']:,} attempts, {r['review_logs']:,} review logs, "
          f"{r['cards']:,} cards, seeded in {r['seeded']:.1f} s; the dashboard lists {r['items']} items, "
          f"{r['mistakes']} mistakes, {r['stuck']} stuck")
    print(f"  GET /api/cohorts/{{id}}/dashboard, {len(r['dashboard'])} requests: {_p(r['dashboard'])} "
          f"(goal p99 ≤ 200 ms); the web process's CPU {r['idle_cpu']:.1f} ms a request")
    print(f"  the same, a learner's new attempt before each: {_p(r['active'])}; CPU {r['active_cpu']:.1f} ms")
    print(f"  the server's first request (every learner computed): {r['first_ms']:.0f} ms; in-process with nothing "
          f"kept: {min(r['cold_ms']):.0f}–{max(r['cold_ms']):.0f} ms")
    print(f"  baseline, progress.compute per learner: {r['per_learner_ms']:.1f} ms each, "
          f"{r['naive_ms']:.0f} ms for the cohort")
    print(f"  a learner's home page, {len(r['home'])} requests: {_p(r['home'])}; CPU {r['home_cpu']:.1f} ms")
    print(f"  (load average at the end: {r['load']:.1f} on {os.cpu_count()} cores)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, default=300)
    ap.add_argument("--days", type=int, default=100)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    args = ap.parse_args()
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(args.runs):
        for kind in kinds:
            r = run(kind, args.learners, args.days, args.requests)
            report(r)
            results[kind].append(r)
    if args.runs > 1:
        print("\nranges over the runs:")
        for kind, rs in results.items():
            print(f"  {kind}:")
            for label, values, unit in [
                    ("dashboard p50", [statistics.median(r["dashboard"]) for r in rs], "ms"),
                    ("dashboard p99", [pct(r["dashboard"], 99) for r in rs], "ms"),
                    ("after a new attempt p50", [statistics.median(r["active"]) for r in rs], "ms"),
                    ("after a new attempt p99", [pct(r["active"], 99) for r in rs], "ms"),
                    ("the server's first request", [r["first_ms"] for r in rs], "ms"),
                    ("in-process, nothing kept", [x for r in rs for x in r["cold_ms"]], "ms"),
                    (f"baseline, progress.compute × {rs[0]['learners']}", [r["naive_ms"] for r in rs], "ms"),
                    ("home page p50", [statistics.median(r["home"]) for r in rs], "ms"),
                    ("home page p99", [pct(r["home"], 99) for r in rs], "ms"),
                    ("web process CPU: dashboard", [r["idle_cpu"] for r in rs], "ms/request"),
                    ("web process CPU: after a new attempt", [r["active_cpu"] for r in rs], "ms/request"),
                    ("web process CPU: home page", [r["home_cpu"] for r in rs], "ms/request"),
                    ("load average", [r["load"] for r in rs], "")]:
                print(f"    {label}: {min(values):.1f}–{max(values):.1f} {unit}")


if __name__ == "__main__":
    main()
