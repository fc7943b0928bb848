"""A cohort with history for the teacher's-view tests and benchmark
(benchmarks/bench_dashboard.py): one teacher, many learners, each with
days of attempts (failures naming the exercises' mistakes, then mostly a
pass), review logs and cards, written in bulk (seconds, not minutes)."""

from __future__ import annotations

import random
import time
import uuid
import zlib
from datetime import datetime, timedelta, timezone


def _card_id(uid: int, item: str) -> int:
    return zlib.crc32(f"{uid}:{item}".encode()) & 0x7FFFFFFF


def _history(rng: random.Random, uid: int, days: int, exercises, drills, concepts, now: datetime,
             items_per_day: int = 3, reviews_per_day: int = 12):
    """One learner's attempts, review logs and cards (rows for bulk inserts)."""
    attempts, logs, cards = [], [], {}
    start = now - timedelta(days=days)
    seen_items: list[str] = []
    active = rng.uniform(0.5, 0.9)  # how often this learner studies
    for d in range(days):
        if rng.random() > active:
            continue
        t = start + timedelta(days=d, hours=rng.uniform(7, 20))
        for _ in range(rng.randint(1, items_per_day)):
            if rng.random() < 0.7:
                item, mistakes = rng.choice(exercises)
                kind = "exercise"
            else:
                item, mistakes = rng.choice(drills), ()
                kind = "drill"
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 5))):
                t += timedelta(seconds=rng.randint(20, 400))
                mistake = rng.choice(mistakes) if mistakes and rng.random() < 0.7 else None
                attempts.append({"user_id": uid, "item_id": item, "item_kind": kind, "context": "web",
                                 "source": "def f(x):\n    return x\n", "passed": False, "status": "failed",
                                 "mistake": mistake, "message": "", "created_at": t})
            if rng.random() < 0.8:
                t += timedelta(seconds=rng.randint(20, 400))
                attempts.append({"user_id": uid, "item_id": item, "item_kind": kind, "context": "web",
                                 "source": "def f(x):\n    return x\n", "passed": True, "status": "passed",
                                 "mistake": None, "message": "", "created_at": t})
                if item not in cards:
                    seen_items.append(item)
                cards[item] = (kind, t)
        for concept in rng.sample(concepts, 3):
            if concept not in cards:
                seen_items.append(concept)
                cards[concept] = ("concept", t)
        for item in rng.sample(seen_items, min(reviews_per_day, len(seen_items))):
            t += timedelta(seconds=rng.randint(5, 60))
            logs.append({"user_id": uid, "item_id": item, "card_id": _card_id(uid, item),
                         "rating": 1 if rng.random() < 0.12 else rng.choice((2, 3, 3, 4)), "reviewed_at": t,
                         "duration_ms": rng.randint(2000, 30000)})
            cards[item] = (cards[item][0], t)
    card_rows = []
    for item, (kind, last) in cards.items():
        stability = rng.uniform(0.3, 90.0)
        state = rng.choice((1, 2, 2, 2, 3))  # FSRS's learning, review, relearning: only a review card has no step
        card_rows.append({"user_id": uid, "item_id": item, "item_kind": kind,
                          "card_id": _card_id(uid, item), "state": state,
                          "step": None if state == 2 else 0, "stability": stability, "difficulty": rng.uniform(1, 10),
                          "due": last + timedelta(days=stability), "last_review": last})
    return attempts, logs, card_rows


def seed(store, learners: int, days: int, now: datetime, seed_value: int = 14, prefix: str = "",
         analyze: bool = True, items_per_day: int = 3, reviews_per_day: int = 12) -> dict:
    """A cohort, its teacher and learners (names beginning with ``prefix``)
    with their history up to ``now``, written in bulk; returns the ids and
    counts.  On about seven days in ten a learner works on 1 to
    ``items_per_day`` items and reviews up to ``reviews_per_day`` cards.
    ``analyze``: refresh the planner's statistics after (a caller seeding
    many cohorts does it once at the end)."""
    from sqlalchemy import insert

    from byhand.content import loader
    from byhand.storage.community import CommunityStore
    from byhand.storage.schema import Attempt, CohortMember, ReviewCard, ReviewLog, User, UserSettings
    from byhand.storage.store import DEFAULT_SETTINGS, username_key

    rng = random.Random(seed_value)
    rows = list(loader.summaries())
    exercises = [(r["id"], tuple(m.id for m in loader.load_exercise(r["id"]).mistakes))
                 for r in rows if r["kind"] == "exercise"]
    drills = [r["id"] for r in rows if r["kind"] == "drill"]
    concepts = [r["id"] for r in rows if r["kind"] == "concept"]
    teacher = store.user_id(f"{prefix}teacher")
    store.set_role(f"{prefix}teacher", "teacher")
    cohort = CommunityStore(store).create_cohort("Benchmark", uuid.uuid4().hex[:10].upper(), capacity=1000,
                                                 escalate_after_hours=24, max_open_escalations=2,
                                                 teacher_id=teacher, at=now - timedelta(days=days + 1))
    names = [f"{prefix}learner{i:04d}" for i in range(learners)]
    with store.write() as s:
        s.execute(insert(User), [{"username": n, "username_key": username_key(n), "password_hash": None,
                                  "lang": "en", "created_at": now - timedelta(days=days + 1), "role": "learner"}
                                 for n in names])
    from sqlalchemy import select

    with store.session() as s:
        ids = [uid for uid, in s.execute(select(User.id).where(User.username.in_(names)).order_by(User.username))]
    attempts, logs, cards = [], [], []
    for uid in ids:
        a, l, c = _history(rng, uid, days, exercises, drills, concepts, now, items_per_day, reviews_per_day)
        attempts += a
        logs += l
        cards += c
    started = time.perf_counter()
    with store.write() as s:
        s.execute(insert(UserSettings), [{"user_id": uid, "updated_at": now, **DEFAULT_SETTINGS} for uid in ids])
        s.execute(insert(CohortMember), [{"cohort_id": cohort.id, "user_id": uid, "role": "learner",
                                          "joined_at": now - timedelta(days=days)} for uid in ids])
    _bulk(store, Attempt.__table__, attempts)
    _bulk(store, ReviewLog.__table__, logs)
    _bulk(store, ReviewCard.__table__, cards)
    if analyze:
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    return {"cohort": cohort.id, "teacher": teacher, "learners": ids, "attempts": len(attempts),
            "review_logs": len(logs), "cards": len(cards), "insert_seconds": time.perf_counter() - started}


def _bulk(store, table, rows: list[dict], chunk: int = 20_000) -> None:
    """Insert ``rows``: COPY on PostgreSQL (text rows written in large blocks),
    executemany in one transaction on SQLite."""
    if not rows:
        return
    if store.engine.dialect.name == "postgresql":
        columns = list(rows[0])
        raw = store.engine.raw_connection()
        try:
            with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for i in range(0, len(rows), chunk):
                    copy.write("".join("\t".join(_copy_text(r[c]) for c in columns) + "\n"
                                       for r in rows[i:i + chunk]))
            raw.commit()
        finally:
            raw.close()
        return
    with store.write() as s:
        for i in range(0, len(rows), chunk):
            s.execute(table.insert(), rows[i:i + chunk])


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(v) -> str:
    """A value in COPY's text format (the columns hold naive UTC times)."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, datetime):  # a UTC offset is ignored by a timestamp-without-time-zone column
        return str(v if v.tzinfo is timezone.utc else v.astimezone(timezone.utc))
    if isinstance(v, str):
        return v.translate(_COPY_ESCAPES)
    return str(v)
