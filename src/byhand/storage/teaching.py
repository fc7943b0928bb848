"""A teacher's view of a cohort, as stored: its learners' attempts and
reviews read for many learners at once (one statement each, over index
ranges), the feedback its teachers wrote on named mistakes, and the items
pinned for its days (schema.py, migration 0009).

Every read of statistics takes a set of learners and reads, for each, an
index range of their own rows: their attempts at each item in order
(``ix_attempts_user_item_time``, covering), their named mistakes
(``ix_attempts_user_mistake``, covering), their cards
(``uq_review_cards_user_item``) with each one's last rating
(``ix_review_logs_user_item``, covering), their latest attempt and review
(``ix_attempts_user_created``, ``ix_review_logs_user_time``).  Nothing
scans a table of every user; :meth:`TeachingStore.explain` shows the plans
(a test checks which indexes they use, on SQLite and PostgreSQL).

What these rows mean (mastery, medians, who is stuck) is the services'
(services/teaching.py, services/progress.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from sqlalchemy import Integer, String, bindparam, delete, select, text

from .schema import Cohort, CohortFeedback, CohortMember, CohortPin, ReviewCard, UserSettings, UTCDateTime
from .store import CardState, Store

__all__ = ["FeedbackRecord", "ItemSummary", "LearnerVersion", "MistakeCount", "PinRecord", "TeachingStore"]


@dataclass(frozen=True)
class LearnerVersion:
    """A cohort learner and what tells whether their statistics changed:
    their latest attempt, latest review and settings (their forgetting curve)."""

    user_id: int
    username: str
    joined_at: datetime
    last_attempt: datetime | None
    last_review: datetime | None
    settings_at: datetime | None

    @property
    def last_active(self) -> datetime | None:
        return max((t for t in (self.last_attempt, self.last_review) if t is not None), default=None)


@dataclass(frozen=True)
class ItemSummary:
    """One learner's attempts at one item."""

    user_id: int
    item_id: str
    attempts: int
    failures: int
    first_at: datetime
    last_at: datetime
    passed_at: datetime | None  # their first pass
    attempts_to_pass: int | None  # attempts up to and including it


@dataclass(frozen=True)
class MistakeCount:
    item_id: str
    mistake: str
    learners: int  # learners with at least one attempt naming it
    attempts: int  # attempts naming it


@dataclass(frozen=True)
class FeedbackRecord:
    cohort_id: int
    cohort_name: str
    item_id: str
    mistake: str
    body: str
    author_id: int | None
    updated_at: datetime


@dataclass(frozen=True)
class PinRecord:
    item_id: str
    day: date
    pinned_by: int | None
    created_at: datetime


LEARNERS = "SELECT user_id FROM cohort_members WHERE cohort_id = :cohort AND role = 'learner'"


class TeachingStore:
    """The teacher's-view reads and writes of one :class:`Store` (cheap to make)."""

    def __init__(self, store: Store):
        self.store = store
        self.dialect = store.engine.dialect.name

    def _rows(self, sql: str, params: dict, columns: dict | None = None, *, ids: bool = False,
              times: Sequence[str] = ()) -> list:
        stmt = text(sql)
        binds = [bindparam(k, type_=UTCDateTime()) for k in times]
        if ids:
            binds.append(bindparam("ids", expanding=True))
        if binds:
            stmt = stmt.bindparams(*binds)
        if columns:
            stmt = stmt.columns(**columns)
        with self.store.engine.connect() as c:
            return list(c.execute(stmt, params))

    # --- who is in the cohort -----------------------------------------------------------------------

    LEARNERS_SQL = (
        "SELECT m.user_id, u.username, m.joined_at,"
        " (SELECT MAX(a.created_at) FROM attempts a WHERE a.user_id = m.user_id) AS last_attempt,"
        " (SELECT MAX(r.reviewed_at) FROM review_logs r WHERE r.user_id = m.user_id) AS last_review,"
        " s.updated_at AS settings_at"
        " FROM cohort_members m JOIN users u ON u.id = m.user_id LEFT JOIN user_settings s ON s.user_id = m.user_id"
        " WHERE m.cohort_id = :cohort AND m.role = 'learner' ORDER BY u.username, m.user_id")

    def learners(self, cohort_id: int) -> list[LearnerVersion]:
        """The cohort's learners by name, each with their latest attempt, review and settings."""
        rows = self._rows(self.LEARNERS_SQL, {"cohort": cohort_id},
                          {"user_id": Integer(), "username": String(), "joined_at": UTCDateTime(),
                           "last_attempt": UTCDateTime(), "last_review": UTCDateTime(),
                           "settings_at": UTCDateTime()})
        return [LearnerVersion(*r) for r in rows]

    # --- what learners did: one statement for many learners --------------------------------------------

    ITEMS_SQL = (
        "WITH tries AS (SELECT a.user_id, a.item_id, a.passed, a.created_at,"
        "  ROW_NUMBER() OVER (PARTITION BY a.user_id, a.item_id ORDER BY a.created_at, a.id) AS n"
        "  FROM attempts a WHERE a.user_id IN :ids)"
        " SELECT user_id, item_id, COUNT(*) AS attempts, SUM(CASE WHEN passed THEN 0 ELSE 1 END) AS failures,"
        "  MIN(created_at) AS first_at, MAX(created_at) AS last_at,"
        "  MIN(CASE WHEN passed THEN created_at END) AS passed_at,"
        "  MIN(CASE WHEN passed THEN n END) AS attempts_to_pass"
        " FROM tries GROUP BY user_id, item_id")

    def item_summaries(self, user_ids: Sequence[int]) -> list[ItemSummary]:
        """Per learner of ``user_ids`` and item they attempted: their attempts,
        failures, first and last attempt, first pass and the attempts up to it."""
        if not user_ids:
            return []
        rows = self._rows(self.ITEMS_SQL, {"ids": list(user_ids)},
                          {"user_id": Integer(), "item_id": String(), "attempts": Integer(), "failures": Integer(),
                           "first_at": UTCDateTime(), "last_at": UTCDateTime(), "passed_at": UTCDateTime(),
                           "attempts_to_pass": Integer()}, ids=True)
        return [ItemSummary(*r) for r in rows]

    MISTAKES_SQL = ("SELECT a.user_id, a.item_id, a.mistake, COUNT(*) FROM attempts a"
                    " WHERE a.user_id IN :ids AND a.mistake IS NOT NULL GROUP BY a.user_id, a.item_id, a.mistake")

    def mistake_counts(self, user_ids: Sequence[int]) -> list[tuple[int, str, str, int]]:
        """(learner, item, named mistake, attempts naming it) for the learners ``user_ids``."""
        if not user_ids:
            return []
        return [tuple(r) for r in self._rows(self.MISTAKES_SQL, {"ids": list(user_ids)}, ids=True)]

    CARDS_SQL = ("SELECT c.*, (SELECT r.rating FROM review_logs r WHERE r.user_id = c.user_id"
                 " AND r.item_id = c.item_id ORDER BY r.id DESC LIMIT 1) AS last_rating"
                 " FROM review_cards c WHERE c.user_id IN :ids")
    PASSED_SQL = "SELECT DISTINCT a.user_id, a.item_id FROM attempts a WHERE a.user_id IN :ids AND a.passed"

    def mastery_inputs(self, user_ids: Sequence[int]) -> dict[int, tuple[list[CardState], dict[str, int], set[str],
                                                                         list | None]]:
        """Per learner of ``user_ids``: what services/progress.py's mastery
        rule reads (their cards, each item's last rating, the items they
        passed) and their FSRS parameters (None: fsrs's own)."""
        out: dict[int, tuple[list[CardState], dict[str, int], set[str], list | None]] = {
            uid: ([], {}, set(), None) for uid in user_ids}
        if not user_ids:
            return out
        cols = {c.name: c.type for c in ReviewCard.__table__.columns}
        cards = self._rows(self.CARDS_SQL, {"ids": list(user_ids)}, {**cols, "last_rating": Integer()}, ids=True)
        for r in cards:
            mine = out[r.user_id]
            mine[0].append(CardState(r.item_id, r.item_kind, r.card_id, r.state, r.step, r.stability, r.difficulty,
                                     r.due, r.last_review))
            if r.last_rating is not None:
                mine[1][r.item_id] = r.last_rating
        for uid, item_id in self._rows(self.PASSED_SQL, {"ids": list(user_ids)}, ids=True):
            out[uid][2].add(item_id)
        q = select(UserSettings.user_id, UserSettings.fsrs_parameters).where(UserSettings.user_id.in_(list(user_ids)))
        with self.store.session() as s:
            for uid, params in s.execute(q):
                if params:
                    out[uid] = (*out[uid][:3], list(params))
        return out

    def _week_sql(self, limit: bool) -> str:
        return (f"WITH learners AS ({LEARNERS})"
                " SELECT a.item_id, a.mistake, COUNT(DISTINCT a.user_id) AS learners, COUNT(*) AS attempts"
                " FROM learners l JOIN attempts a ON a.user_id = l.user_id"
                " WHERE a.mistake IS NOT NULL AND a.created_at >= :since"
                " GROUP BY a.item_id, a.mistake ORDER BY attempts DESC, learners DESC, a.item_id, a.mistake"
                + (" LIMIT :limit" if limit else ""))

    def mistakes_since(self, cohort_id: int, since: datetime, limit: int | None = None) -> list[MistakeCount]:
        """The named mistakes in the cohort's learners' attempts since
        ``since``, the most frequent first: how many attempts, how many learners."""
        params: dict = {"cohort": cohort_id, "since": since}
        if limit is not None:
            params["limit"] = limit
        rows = self._rows(self._week_sql(limit is not None), params, times=("since",))
        return [MistakeCount(i, m, int(n), int(k)) for i, m, n, k in rows]

    # --- the plans -------------------------------------------------------------------------------------

    def explain(self, now: datetime) -> dict[str, str]:
        """The query plans of the dashboard's statements on this database,
        for three learners and the week before ``now`` (for the index test)."""
        ids = {"ids": [1, 2, 3]}
        plans = {"learners": (self.LEARNERS_SQL, {"cohort": 1}), "items": (self.ITEMS_SQL, ids),
                 "mistakes": (self.MISTAKES_SQL, ids), "cards": (self.CARDS_SQL, ids), "passed": (self.PASSED_SQL, ids),
                 "week": (self._week_sql(True), {"cohort": 1, "since": now - timedelta(days=7), "limit": 5})}
        prefix = "EXPLAIN QUERY PLAN " if self.dialect == "sqlite" else "EXPLAIN "
        out = {}
        for name, (sql, params) in plans.items():
            rows = self._rows(prefix + sql, params, ids="ids" in params, times=("since",) if "since" in params else ())
            out[name] = "\n".join(" ".join(str(x) for x in r) for r in rows)
        return out

    # --- feedback written once ------------------------------------------------------------------------

    def save_feedback(self, cohort_id: int, item_id: str, mistake: str, body: str, author_id: int,
                      at: datetime) -> None:
        """The cohort's feedback on the mistake, replacing any before it."""
        t = CohortFeedback.__table__
        stmt = (self.store._insert(t).values(cohort_id=cohort_id, item_id=item_id, mistake=mistake, body=body,
                                             author_id=author_id, created_at=at, updated_at=at)
                .on_conflict_do_update(index_elements=["cohort_id", "item_id", "mistake"],
                                       set_={"body": body, "author_id": author_id, "updated_at": at}))
        with self.store.write() as s:
            s.execute(stmt)

    def delete_feedback(self, cohort_id: int, item_id: str, mistake: str) -> bool:
        t = CohortFeedback.__table__
        with self.store.write() as s:
            return s.execute(delete(t).where(t.c.cohort_id == cohort_id, t.c.item_id == item_id,
                                             t.c.mistake == mistake)).rowcount == 1

    def cohort_feedback(self, cohort_id: int) -> list[FeedbackRecord]:
        """Every feedback of the cohort."""
        return self._feedback(CohortFeedback.cohort_id == cohort_id)

    def feedback_for(self, user_id: int, item_id: str, mistakes: Iterable[str]) -> list[FeedbackRecord]:
        """The feedback on these mistakes at the item in every cohort the user is in (by cohort name)."""
        mine = select(CohortMember.cohort_id).where(CohortMember.user_id == user_id)
        return self._feedback(CohortFeedback.cohort_id.in_(mine), CohortFeedback.item_id == item_id,
                              CohortFeedback.mistake.in_(sorted(set(mistakes))))

    def _feedback(self, *where) -> list[FeedbackRecord]:
        q = (select(CohortFeedback, Cohort.name).join(Cohort, Cohort.id == CohortFeedback.cohort_id).where(*where)
             .order_by(Cohort.name, Cohort.id, CohortFeedback.item_id, CohortFeedback.mistake))
        with self.store.session() as s:
            return [FeedbackRecord(f.cohort_id, name, f.item_id, f.mistake, f.body, f.author_id, f.updated_at)
                    for f, name in s.execute(q)]

    # --- today's items ------------------------------------------------------------------------------------

    def pin(self, cohort_id: int, day: date, item_id: str, by: int, at: datetime) -> bool:
        """Pin the item for the cohort's day; False if it already was."""
        t = CohortPin.__table__
        stmt = (self.store._insert(t).values(cohort_id=cohort_id, day=day, item_id=item_id, pinned_by=by,
                                             created_at=at)
                .on_conflict_do_nothing(index_elements=["cohort_id", "day", "item_id"]).returning(t.c.item_id))
        with self.store.write() as s:
            return s.execute(stmt).first() is not None

    def unpin(self, cohort_id: int, day: date, item_id: str) -> bool:
        t = CohortPin.__table__
        with self.store.write() as s:
            return s.execute(delete(t).where(t.c.cohort_id == cohort_id, t.c.day == day,
                                             t.c.item_id == item_id)).rowcount == 1

    def pins(self, cohort_id: int, day: date) -> list[PinRecord]:
        q = (select(CohortPin).where(CohortPin.cohort_id == cohort_id, CohortPin.day == day)
             .order_by(CohortPin.created_at, CohortPin.item_id))
        with self.store.session() as s:
            return [PinRecord(p.item_id, p.day, p.pinned_by, p.created_at) for p in s.scalars(q)]

    def finished(self, cohort_id: int, item_ids: Sequence[str], since: datetime,
                 until: datetime) -> dict[str, list[str]]:
        """Per item, the usernames of the cohort's learners who passed it or
        reviewed it between ``since`` and ``until`` (by name)."""
        if not item_ids:
            return {}
        sql = (f"WITH learners AS ({LEARNERS})"
               " SELECT DISTINCT x.item_id, u.username FROM ("
               "  SELECT a.user_id, a.item_id FROM learners l JOIN attempts a ON a.user_id = l.user_id"
               "  WHERE a.item_id IN :items AND a.passed AND a.created_at >= :since AND a.created_at < :until"
               "  UNION SELECT r.user_id, r.item_id FROM learners l JOIN review_logs r ON r.user_id = l.user_id"
               "  WHERE r.item_id IN :items AND r.reviewed_at >= :since AND r.reviewed_at < :until) x"
               " JOIN users u ON u.id = x.user_id ORDER BY u.username")
        stmt = text(sql).bindparams(bindparam("items", expanding=True), bindparam("since", type_=UTCDateTime()),
                                    bindparam("until", type_=UTCDateTime()))
        with self.store.engine.connect() as c:
            rows = c.execute(stmt, {"cohort": cohort_id, "items": list(item_ids), "since": since, "until": until})
            out: dict[str, list[str]] = {i: [] for i in item_ids}
            for item_id, name in rows:
                out[item_id].append(name)
        return out
