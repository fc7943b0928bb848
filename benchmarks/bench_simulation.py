"""A day of a 10,000-learner service on PostgreSQL: the hot queries' times and plans.

    python benchmarks/bench_simulation.py [--cohorts 100] [--learners-per-cohort 100] [--days 100]
                                          [--arrivals 2000] [--threads 1] [--teachers 20]
                                          [--database-url URL] [--keep] [--explain 8]

Needs BYHAND_TEST_POSTGRES_URL (a fresh database is made on that server and
dropped at the end; ``--keep`` keeps it and prints its URL, which
``--database-url`` then reuses without seeding again).

1. **History.** ``--cohorts`` cohorts of ``--learners-per-cohort`` learners,
   each with a teacher, and ``--days`` days of every learner's work
   (tests/teaching_support.py: on about seven days in ten, one item
   (``--items-per-day``) tried until it mostly passes, failures naming the
   exercises' mistakes, and up to four reviews (``--reviews-per-day``);
   cards), written with COPY, then ANALYZE.  The defaults make 10,000
   learners, about 1.7 M attempts and 2.7 M review logs.
2. **A day.** ``--arrivals`` learners chosen at random arrive in the order of
   their arrival times over the day, one at a time (``--threads``: more at
   once, as a web process's thread pool does; the times then include the
   interpreter's turn-taking between threads, not only the database's).  A visit does what the pages
   and the API do, through the same application layer
   (``byhand.web.services.Services``, ``teaching.dashboard``): the home page
   (progress and today's sequence), the due queue, 3–12 review steps (each
   concept card rated), 0–2 submissions (their verdicts are real gradings
   made once at the start and replayed, so this measures the database, not
   the sandbox), and the progress page.  Between visits, ``--teachers``
   teachers each open their cohort's dashboard five times over the day (the
   first of each is the process's first: every learner's part computed).
3. **Measured**: each statement's time as the database driver sees it
   (SQLAlchemy's cursor events), grouped by the page that ran it, and each
   page's whole time in the application layer.  Prints p50/p99 per page and
   per statement (the goal: the hot queries' p99 ≤ 50 ms), and with
   ``--explain N`` the plans (EXPLAIN ANALYZE, BUFFERS) of the N statements
   with the highest p99, run again with the parameters of their slowest call.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import threading
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
from loadgen import GOOD, WRONG, pct  # noqa: E402
from pg_support import fresh_postgres_database  # noqa: E402
from teaching_support import seed  # noqa: E402

NOW = datetime.now(timezone.utc).replace(microsecond=0)
HOT = ("home", "due queue", "progress", "dashboard")
_PARAMS = re.compile(r"%\([^)]*\)s(?:\s*,\s*%\([^)]*\)s)+")


def normalize(sql: str) -> str:
    """One statement's shape: whitespace collapsed, an IN list of any length as one."""
    return _PARAMS.sub("%(…)s", " ".join(sql.split()))


class Timer:
    """Every statement's time (from the driver's view), by the page that ran it."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.local = threading.local()
        self.lock = threading.Lock()
        self.statements: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.slowest: dict[tuple[str, str], tuple[float, str, object]] = {}
        self.pages: dict[str, list[tuple[float, float, int]]] = defaultdict(list)  # (whole, in SQL, statements)
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("byhand_started", []).append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        took = time.perf_counter() - conn.info["byhand_started"].pop()
        page = getattr(self.local, "page", None)
        if page is None:
            return
        self.local.sql += took
        self.local.count += 1
        key = (page, normalize(statement))
        with self.lock:
            self.statements[key].append(took)
            if took > self.slowest.get(key, (0.0,))[0]:
                self.slowest[key] = (took, statement, parameters)

    @contextmanager
    def page(self, name: str):
        self.local.page, self.local.sql, self.local.count = name, 0.0, 0
        started = time.perf_counter()
        try:
            yield
        finally:
            whole = time.perf_counter() - started
            with self.lock:
                self.pages[name].append((whole, self.local.sql, self.local.count))
            self.local.page = None


class ReplayGrader:
    """Real verdicts, each graded once in the sandbox and then replayed for
    every submission of the same code (a fresh first comment line aside)."""

    def __init__(self):
        from byhand.jobs import GradingHosts
        from byhand.jobs.grading import GradeRequest

        with GradingHosts(workers=1, require_full_isolation=False) as hosts:
            self.verdicts = {src: hosts.grade(GradeRequest("softmax", src, seed=7)) for src in (GOOD, WRONG)}

    async def submit(self, request):
        code = request.source.split("\n", 1)[1]
        return replace(self.verdicts[code], seed=request.seed)


def seed_history(db: str, args) -> dict:
    from sqlalchemy import func, select

    from byhand.storage import Store
    from byhand.storage.schema import Attempt, Cohort, ReviewLog, User

    store = Store(db)
    with store.session() as s:
        present = s.scalar(select(func.count()).select_from(User))
    if not present:
        started = time.perf_counter()
        for i in range(args.cohorts):
            seed(store, args.learners_per_cohort, args.days, NOW, seed_value=i, prefix=f"c{i:03d}-",
                 analyze=False, items_per_day=args.items_per_day, reviews_per_day=args.reviews_per_day)
            if (i + 1) % 10 == 0:
                print(f"  seeded {i + 1} of {args.cohorts} cohorts ({time.perf_counter() - started:.0f} s)",
                      flush=True)
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
        print(f"  history written in {time.perf_counter() - started:.0f} s")
    with store.session() as s:
        cohorts = [(c.id, c.created_by) for c in s.scalars(select(Cohort).order_by(Cohort.id))]
        learners = list(s.scalars(select(User.id).where(User.role == "learner")))
        counts = {"learners": len(learners), "attempts": s.scalar(select(func.count()).select_from(Attempt)),
                  "review logs": s.scalar(select(func.count()).select_from(ReviewLog))}
    store.close()
    return {"cohorts": cohorts, "learners": learners, "counts": counts}


def simulate_day(db: str, world: dict, args) -> Timer:
    from concurrent.futures import ThreadPoolExecutor

    from byhand.services import teaching
    from byhand.storage import Store
    from byhand.web.services import JustReviewed, Services
    from byhand.web.today import today_page

    store = Store(db)
    timer = Timer(store.engine)
    services = Services(store, ReplayGrader())
    rng = random.Random(15)
    arrivals = sorted((rng.uniform(0, 24), uid) for uid in rng.sample(world["learners"], args.arrivals))
    teachers = rng.sample(world["cohorts"], min(args.teachers, len(world["cohorts"])))
    views = sorted((rng.uniform(0, 24), cohort, teacher) for cohort, teacher in teachers for _ in range(5))
    seen_cohorts: set[int] = set()
    lock = threading.Lock()
    # the day's events in time order: a visit, or a teacher's look at the dashboard
    events = sorted([(t, "visit", uid) for t, uid in arrivals] + [(t, "dashboard", (c, tid)) for t, c, tid in views])

    def visit(uid: int, r: random.Random) -> None:
        lang = "ko" if uid % 3 == 0 else "en"
        with timer.page("home"):
            services.progress(uid)
            today_page(services, uid, lang)
        with timer.page("due queue"):
            services.due(uid, lang)
        for _ in range(r.randint(3, 12)):
            with timer.page("review step"):
                step = services.review_step(uid, lang)
            if step["kind"] != "concept":
                break
            with timer.page("rate a card"):
                try:
                    services.rate(uid, step["card"]["id"], 1 if r.random() < 0.12 else r.choice((2, 3, 3, 4)),
                                  step["seen"])
                except JustReviewed:
                    pass
        for _ in range(r.choice((0, 1, 1, 2))):
            source = f"# try {r.random()}\n" + (GOOD if r.random() < 0.6 else WRONG)
            with timer.page("submission"):
                asyncio.run(services.submit(uid, "softmax", source, lang))
        with timer.page("progress"):
            services.progress(uid)

    def dashboard(cohort: int, teacher: int) -> None:
        with lock:
            first = cohort not in seen_cohorts
            seen_cohorts.add(cohort)
        with timer.page("dashboard, first of the process" if first else "dashboard"):
            teaching.dashboard(store, teacher, cohort, "en", datetime.now(timezone.utc))

    def run(event) -> None:
        _, kind, who = event
        if kind == "visit":
            visit(who, random.Random(who))
        else:
            dashboard(*who)

    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        for n, _ in enumerate(pool.map(run, events), 1):
            if n % 500 == 0:
                print(f"  {n} of {len(events)} events ({time.perf_counter() - started:.0f} s)", flush=True)
    timer.wall = time.perf_counter() - started
    timer.store = store
    return timer


def report(timer: Timer, explain: int) -> None:
    print(f"\n{'page':34}{'count':>7}{'p50 ms':>9}{'p99 ms':>9}{'SQL p50':>9}{'SQL p99':>9}{'stmts':>7}")
    for page, rows in sorted(timer.pages.items()):
        whole, sql, n = zip(*rows)
        print(f"{page:34}{len(rows):7d}{pct(whole, 50) * 1e3:9.1f}{pct(whole, 99) * 1e3:9.1f}"
              f"{pct(sql, 50) * 1e3:9.1f}{pct(sql, 99) * 1e3:9.1f}{pct(n, 50):7.0f}")
    ranked = sorted(timer.statements.items(), key=lambda kv: -pct(kv[1], 99))
    print(f"\nstatements by p99 (the hot pages': {', '.join(HOT)}):")
    print(f"{'p99 ms':>8}{'p50 ms':>8}{'calls':>8}  page: statement")
    for (page, sql), times in ranked[:25]:
        print(f"{pct(times, 99) * 1e3:8.1f}{pct(times, 50) * 1e3:8.1f}{len(times):8d}  {page}: {sql[:150]}")
    hot = [pct(t, 99) for (page, _), t in timer.statements.items() if page in HOT]
    print(f"\nthe hot pages' statements: the highest p99 is {max(hot) * 1e3:.1f} ms (goal ≤ 50 ms)")
    if explain:
        raw = timer.store.engine.raw_connection()
        try:
            for (page, sql), _ in ranked[:explain]:
                took, statement, parameters = timer.slowest[(page, sql)]
                print(f"\n--- {page}, slowest call {took * 1e3:.1f} ms: {sql[:300]}")
                with raw.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                    for (line,) in cur.fetchall():
                        print("   ", line)
            raw.rollback()
        finally:
            raw.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cohorts", type=int, default=100)
    ap.add_argument("--learners-per-cohort", type=int, default=100)
    ap.add_argument("--days", type=int, default=100)
    ap.add_argument("--items-per-day", type=int, default=1, help="exercises or drills a learner works on, at most")
    ap.add_argument("--reviews-per-day", type=int, default=4, help="cards a learner reviews, at most")
    ap.add_argument("--arrivals", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=1,
                    help="visits served at once (more than one adds the interpreter's turn-taking to each time)")
    ap.add_argument("--teachers", type=int, default=20)
    ap.add_argument("--database-url", help="a database seeded by an earlier run with --keep")
    ap.add_argument("--keep", action="store_true", help="keep the fresh database (its URL is printed)")
    ap.add_argument("--explain", type=int, default=8, metavar="N")
    args = ap.parse_args()
    if not args.database_url and not os.environ.get("BYHAND_TEST_POSTGRES_URL"):
        raise SystemExit("set BYHAND_TEST_POSTGRES_URL to a PostgreSQL server (see tests/pg_support.py)")
    with ExitStack() as stack:
        db = args.database_url
        if db is None:
            if args.keep:
                from pg_support import PG

                import sqlalchemy

                db = PG.rsplit("/", 1)[0] + f"/byhand_sim_{int(time.time())}"
                admin = sqlalchemy.create_engine(PG, isolation_level="AUTOCOMMIT")
                with admin.connect() as c:
                    c.exec_driver_sql(f'CREATE DATABASE "{db.rsplit("/", 1)[1]}"')
                admin.dispose()
                print(f"the database: {db}")
            else:
                db = stack.enter_context(fresh_postgres_database())
        world = seed_history(db, args)
        c = world["counts"]
        print(f"{len(world['cohorts'])} cohorts, {c['learners']:,} learners, {c['attempts']:,} attempts, "
              f"{c['review logs']:,} review logs")
        timer = simulate_day(db, world, args)
        print(f"\nthe day: {args.arrivals} visits and {args.teachers} teachers' dashboards in {timer.wall:.0f} s, "
              f"{args.threads} at a time; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        report(timer, args.explain)
        timer.store.close()


if __name__ == "__main__":
    main()
