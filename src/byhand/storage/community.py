"""Studying together, as stored: cohorts and their members, the posts of
items' threads, votes, reports and notifications (schema.py, migration
0008).  Frozen records out (records.py), never ORM rows; every write one
short transaction.

The rules (who may read, post, vote or moderate where) are the services'
(services/cohorts.py, services/posts.py).  What must hold however many
requests race is kept here, each in one transaction: a cohort never takes
more learners than its capacity, a user votes once on a post, a question
has one accepted answer, a learner never has more open escalations in a
cohort than it allows.  On PostgreSQL the row that orders such a write
(the cohort, the member) is locked first; on SQLite the write statement
comes first, so it holds the database's one write lock while it counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import and_, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from .records import (AttemptRecord, CohortRecord, MembershipRecord, NotificationRecord, PostRecord, ReportRecord,
                      ThreadRow, plain)
from .schema import (Attempt, Cohort, CohortMember, Notification, Post, PostReport, PostVote, User, UTCDateTime)
from .store import Store

__all__ = ["CommunityStore"]

THREAD_ROWS = 2000  # posts read for one thread at most (the newest)


def _is(column, value):
    """``column = value``, or ``column IS NULL`` for None (a public thread)."""
    return column.is_(None) if value is None else column == value


class CommunityStore:
    """The community tables of one :class:`Store` (cheap to make: it holds the store)."""

    def __init__(self, store: Store):
        self.store = store
        self._pg = store.engine.dialect.name == "postgresql"

    def _lock(self, s, table, *where) -> None:
        """On PostgreSQL, lock the rows ``where`` selects until the transaction ends."""
        if self._pg:
            s.execute(select(*table.primary_key.columns).where(*where).with_for_update())

    # --- cohorts ----------------------------------------------------------------

    def create_cohort(self, name: str, invite_code: str, *, capacity: int, escalate_after_hours: int,
                      max_open_escalations: int, teacher_id: int, at: datetime) -> CohortRecord | None:
        """A cohort with its creator as its teacher; None if the invite code is taken."""
        try:
            with self.store.write() as s:
                row = Cohort(name=name, invite_code=invite_code, capacity=capacity,
                             escalate_after_hours=escalate_after_hours, max_open_escalations=max_open_escalations,
                             created_by=teacher_id, created_at=at)
                s.add(row)
                s.flush()
                s.add(CohortMember(cohort_id=row.id, user_id=teacher_id, role="teacher", joined_at=at))
                return plain(CohortRecord, row)
        except IntegrityError:
            return None

    def cohort(self, cohort_id: int) -> CohortRecord | None:
        with self.store.session() as s:
            row = s.get(Cohort, cohort_id)
            return None if row is None else plain(CohortRecord, row)

    def cohort_by_code(self, invite_code: str) -> CohortRecord | None:
        with self.store.session() as s:
            row = s.scalar(select(Cohort).where(Cohort.invite_code == invite_code))
            return None if row is None else plain(CohortRecord, row)

    def update_cohort(self, cohort_id: int, **fields) -> CohortRecord:
        with self.store.write() as s:
            row = s.get(Cohort, cohort_id)
            for k, v in fields.items():
                setattr(row, k, v)
            return plain(CohortRecord, row)

    def membership(self, cohort_id: int, user_id: int) -> MembershipRecord | None:
        with self.store.session() as s:
            row = s.get(CohortMember, (cohort_id, user_id))
            return None if row is None else plain(MembershipRecord, row)

    def cohorts_of(self, user_id: int) -> list[tuple[CohortRecord, str]]:
        """(cohort, the user's role in it) for every cohort the user is in, oldest joined first."""
        q = (select(Cohort, CohortMember.role).join(CohortMember, CohortMember.cohort_id == Cohort.id)
             .where(CohortMember.user_id == user_id).order_by(CohortMember.joined_at, Cohort.id))
        with self.store.session() as s:
            return [(plain(CohortRecord, c), role) for c, role in s.execute(q)]

    def members(self, cohort_id: int) -> list[tuple[MembershipRecord, str]]:
        """(membership, username) of everyone in the cohort, teachers first, then by name."""
        q = (select(CohortMember, User.username).join(User, User.id == CohortMember.user_id)
             .where(CohortMember.cohort_id == cohort_id).order_by(CohortMember.role.desc(), User.username))
        with self.store.session() as s:
            return [(plain(MembershipRecord, m), name) for m, name in s.execute(q)]

    def seats_taken(self, cohort_id: int) -> int:
        q = select(func.count()).select_from(CohortMember).where(CohortMember.cohort_id == cohort_id,
                                                                  CohortMember.role == "learner")
        with self.store.engine.connect() as c:
            return int(c.execute(q).scalar() or 0)

    def teacher_ids(self, cohort_id: int) -> list[int]:
        q = select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id, CohortMember.role == "teacher")
        with self.store.engine.connect() as c:
            return [r[0] for r in c.execute(q)]

    def join(self, cohort_id: int, user_id: int, role: str, at: datetime) -> str:
        """Add the user to the cohort: "joined"; "member" if they already
        were (their role unchanged); "full" if a learner found no seat left."""
        t = CohortMember.__table__
        values = select(literal(cohort_id), literal(user_id), literal(role), literal(at, UTCDateTime()))
        if role == "learner":
            seats = (select(func.count()).select_from(t).where(t.c.cohort_id == cohort_id, t.c.role == "learner")
                     .scalar_subquery())
            capacity = select(Cohort.capacity).where(Cohort.id == cohort_id).scalar_subquery()
            values = values.where(seats < capacity)
        else:
            values = values.where(literal(True))  # SQLite reads ON CONFLICT after a SELECT only past a WHERE
        stmt = (self.store._insert(t).from_select(["cohort_id", "user_id", "role", "joined_at"], values)
                .on_conflict_do_nothing(index_elements=["cohort_id", "user_id"]).returning(t.c.user_id))
        with self.store.write() as s:
            self._lock(s, Cohort.__table__, Cohort.id == cohort_id)  # joins of one cohort take turns
            if s.execute(stmt).first() is not None:  # (RETURNING: psycopg has no rowcount for INSERT ... SELECT)
                return "joined"
            return "member" if s.get(CohortMember, (cohort_id, user_id)) is not None else "full"

    def leave(self, cohort_id: int, user_id: int) -> bool:
        t = CohortMember.__table__
        with self.store.write() as s:
            return s.execute(t.delete().where(t.c.cohort_id == cohort_id, t.c.user_id == user_id)).rowcount == 1

    # --- posts ------------------------------------------------------------------

    def add_post(self, *, notify: Iterable[tuple[int, str]] = (), resolve: int | None = None,
                 **fields) -> PostRecord:
        """A new post; in the same transaction, a notification of ``kind`` to
        each (user, kind) of ``notify`` and, with ``resolve``, that question's
        open escalation closed."""
        with self.store.write() as s:
            row = Post(**fields)
            s.add(row)
            s.flush()
            if resolve is not None:
                self._resolve(s, resolve, row.created_at)
            for user_id, kind in notify:
                s.add(Notification(user_id=user_id, kind=kind, post_id=row.id, created_at=row.created_at))
            return plain(PostRecord, row)

    def post(self, post_id: int) -> PostRecord | None:
        with self.store.session() as s:
            row = s.get(Post, post_id)
            return None if row is None else plain(PostRecord, row)

    def _rows(self, viewer_id: int):
        """SELECT of a post with its author's name, vote sum, the viewer's vote,
        visible answers and attempt (see ThreadRow)."""
        answer = aliased(Post)
        votes = (select(func.coalesce(func.sum(PostVote.value), 0)).where(PostVote.post_id == Post.id)
                 .scalar_subquery().label("votes"))
        mine = (select(PostVote.value).where(PostVote.post_id == Post.id, PostVote.user_id == viewer_id)
                .scalar_subquery())
        answers = (select(func.count()).select_from(answer)
                   .where(answer.parent_id == Post.id, answer.deleted_at.is_(None), answer.hidden_at.is_(None))
                   .scalar_subquery())
        return (select(Post, User.username, votes, mine, answers, Attempt)
                .join(User, User.id == Post.author_id).outerjoin(Attempt, Attempt.id == Post.attempt_id))

    def _read(self, q) -> list[ThreadRow]:
        with self.store.session() as s:
            return [ThreadRow(plain(PostRecord, p), name, int(votes or 0), int(mine or 0), int(answers or 0),
                              None if a is None else plain(AttemptRecord, a))
                    for p, name, votes, mine, answers, a in s.execute(q)]

    def thread(self, item_id: str, cohort_id: int | None, viewer_id: int) -> list[ThreadRow]:
        """Every post of an item's thread in a cohort (None: the public one),
        oldest first (at most THREAD_ROWS, the newest)."""
        newest = (self._rows(viewer_id).where(Post.item_id == item_id, _is(Post.cohort_id, cohort_id))
                  .order_by(Post.created_at.desc(), Post.id.desc()).limit(THREAD_ROWS))
        return list(reversed(self._read(newest)))

    def row(self, post_id: int, viewer_id: int) -> ThreadRow | None:
        """One post as a thread lists it."""
        found = self._read(self._rows(viewer_id).where(Post.id == post_id))
        return found[0] if found else None

    def board(self, cohort_id: int, viewer_id: int, *, hidden: bool, escalated_only: bool, limit: int,
              offset: int = 0) -> list[ThreadRow]:
        """The cohort's questions and stuck posts on every item, most voted
        first, then newest; deleted ones left out, hidden ones too unless
        ``hidden``; with ``escalated_only`` only open escalations, oldest first."""
        q = self._rows(viewer_id).where(Post.cohort_id == cohort_id, Post.parent_id.is_(None),
                                        Post.deleted_at.is_(None))
        if not hidden:
            q = q.where(Post.hidden_at.is_(None))
        if escalated_only:
            q = q.where(Post.escalated_at.is_not(None), Post.resolved_at.is_(None)).order_by(Post.escalated_at)
        else:
            q = q.order_by(q.selected_columns.votes.desc(), Post.created_at.desc())
        return self._read(q.order_by(Post.id.desc()).limit(limit).offset(offset))

    def edit_post(self, post_id: int, *, title: str | None, body: str, at: datetime) -> PostRecord:
        with self.store.write() as s:
            row = s.get(Post, post_id)
            row.title, row.body, row.edited_at = title, body, at
            return plain(PostRecord, row)

    def delete_post(self, post_id: int, by: int, at: datetime) -> None:
        """Deleted: its text and attempt gone, the row kept for its answers."""
        with self.store.write() as s:
            row = s.get(Post, post_id)
            row.title, row.body, row.attempt_id, row.deleted_at, row.deleted_by = None, "", None, at, by

    def set_hidden(self, post_id: int, by: int | None, at: datetime | None) -> None:
        """Hidden by ``by`` at ``at``; shown again with both None."""
        with self.store.write() as s:
            s.execute(update(Post).where(Post.id == post_id).values(hidden_at=at, hidden_by=by))

    # --- votes and accepted answers ----------------------------------------------

    def vote(self, post_id: int, user_id: int, value: int, at: datetime) -> int:
        """The user's vote on the post, replacing theirs; returns the post's vote sum."""
        t = PostVote.__table__
        stmt = (self.store._insert(t).values(post_id=post_id, user_id=user_id, value=value, created_at=at)
                .on_conflict_do_update(index_elements=["post_id", "user_id"], set_={"value": value, "created_at": at}))
        with self.store.write() as s:
            s.execute(stmt)
        return self.votes(post_id)

    def unvote(self, post_id: int, user_id: int) -> int:
        t = PostVote.__table__
        with self.store.write() as s:
            s.execute(t.delete().where(t.c.post_id == post_id, t.c.user_id == user_id))
        return self.votes(post_id)

    def votes(self, post_id: int) -> int:
        q = select(func.coalesce(func.sum(PostVote.value), 0)).where(PostVote.post_id == post_id)
        with self.store.engine.connect() as c:
            return int(c.execute(q).scalar() or 0)

    def set_accepted(self, answer: PostRecord, accepted: bool, at: datetime,
                     notify: Iterable[tuple[int, str]] = ()) -> None:
        """Accept an answer (the question's other answers no longer are, and
        its open escalation is closed) or take the acceptance back."""
        with self.store.write() as s:
            self._lock(s, Post.__table__, Post.id == answer.parent_id)  # acceptances of one question take turns
            if accepted:
                s.execute(update(Post).where(Post.parent_id == answer.parent_id, Post.id != answer.id,
                                             Post.accepted.is_(True)).values(accepted=False))
                self._resolve(s, answer.parent_id, at)
            s.execute(update(Post).where(Post.id == answer.id).values(accepted=accepted))
            for user_id, kind in notify:
                s.add(Notification(user_id=user_id, kind=kind, post_id=answer.id, created_at=at))

    # --- escalations -----------------------------------------------------------------

    @staticmethod
    def _open_escalations(user_id: int, cohort_id: int):
        p = aliased(Post)  # never correlated with the post an UPDATE escalates
        return (select(func.count()).select_from(p)
                .where(p.author_id == user_id, p.cohort_id == cohort_id, p.escalated_at.is_not(None),
                       p.resolved_at.is_(None), p.deleted_at.is_(None)))

    def open_escalations(self, user_id: int, cohort_id: int) -> int:
        """The user's questions in the cohort escalated and not yet answered by a teacher."""
        with self.store.engine.connect() as c:
            return int(c.execute(self._open_escalations(user_id, cohort_id)).scalar() or 0)

    def escalate(self, question: PostRecord, at: datetime, at_most: int,
                 notify: Iterable[tuple[int, str]] = ()) -> bool:
        """Escalate the question if it is not already and its author has
        fewer than ``at_most`` open escalations in its cohort (checked and
        written in one transaction); notify ``notify``.  Returns whether it was."""
        counted = self._open_escalations(question.author_id, question.cohort_id).scalar_subquery()
        stmt = (update(Post).where(Post.id == question.id, Post.escalated_at.is_(None), counted < at_most)
                .values(escalated_at=at).execution_options(synchronize_session=False))
        with self.store.write() as s:
            self._lock(s, CohortMember.__table__, CohortMember.cohort_id == question.cohort_id,
                       CohortMember.user_id == question.author_id)  # one learner's escalations take turns
            if s.execute(stmt).rowcount != 1:
                return False
            for user_id, kind in notify:
                s.add(Notification(user_id=user_id, kind=kind, post_id=question.id, created_at=at))
            return True

    def _resolve(self, s, question_id: int, at: datetime) -> None:
        s.execute(update(Post).where(Post.id == question_id, Post.escalated_at.is_not(None),
                                     Post.resolved_at.is_(None)).values(resolved_at=at)
                  .execution_options(synchronize_session=False))

    def answered_by_others(self, question: PostRecord) -> bool:
        """Whether anyone but its author has a visible answer to the question."""
        q = select(Post.id).where(Post.parent_id == question.id, Post.author_id != question.author_id,
                                  Post.deleted_at.is_(None), Post.hidden_at.is_(None)).limit(1)
        with self.store.engine.connect() as c:
            return c.execute(q).first() is not None

    # --- reports ---------------------------------------------------------------------

    def add_report(self, post_id: int, reporter_id: int, reason: str, at: datetime,
                   notify: Iterable[tuple[int, str]] = ()) -> bool:
        """The report (and its notifications); False if this reporter already reported the post."""
        t = PostReport.__table__
        stmt = (self.store._insert(t).values(post_id=post_id, reporter_id=reporter_id, reason=reason, created_at=at)
                .on_conflict_do_nothing(index_elements=["post_id", "reporter_id"]).returning(t.c.id))
        with self.store.write() as s:
            if s.execute(stmt).first() is None:
                return False
            for user_id, kind in notify:
                s.add(Notification(user_id=user_id, kind=kind, post_id=post_id, created_at=at))
            return True

    def reports(self, cohort_id: int | None, limit: int = 100) -> list[ReportRecord]:
        """Reports of posts in the cohort (None: in public threads), newest first."""
        q = (select(PostReport, User.username).join(User, User.id == PostReport.reporter_id)
             .join(Post, Post.id == PostReport.post_id).where(_is(Post.cohort_id, cohort_id))
             .order_by(PostReport.created_at.desc(), PostReport.id.desc()).limit(limit))
        with self.store.session() as s:
            return [ReportRecord(r.id, r.post_id, r.reporter_id, name, r.reason, r.created_at, r.resolved_at)
                    for r, name in s.execute(q)]

    # --- notifications -----------------------------------------------------------------

    def notifications(self, user_id: int, *, unread_only: bool = False, limit: int = 50) -> list[NotificationRecord]:
        q = (select(Notification, Post.item_id, Post.cohort_id).outerjoin(Post, Post.id == Notification.post_id)
             .where(Notification.user_id == user_id))
        if unread_only:
            q = q.where(Notification.read_at.is_(None))
        q = q.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
        with self.store.session() as s:
            return [NotificationRecord(n.id, n.kind, n.post_id, item_id, cohort_id, n.created_at, n.read_at)
                    for n, item_id, cohort_id in s.execute(q)]

    def unread(self, user_id: int) -> int:
        q = select(func.count()).select_from(Notification).where(Notification.user_id == user_id,
                                                                  Notification.read_at.is_(None))
        with self.store.engine.connect() as c:
            return int(c.execute(q).scalar() or 0)

    def mark_read(self, user_id: int, ids: Iterable[int] | None, at: datetime) -> int:
        """Mark the user's notifications ``ids`` (None: all) read; returns how many were unread."""
        where = and_(Notification.user_id == user_id, Notification.read_at.is_(None))
        if ids is not None:
            where = and_(where, Notification.id.in_(list(ids)))
        with self.store.write() as s:
            return s.execute(update(Notification).where(where).values(read_at=at)
                             .execution_options(synchronize_session=False)).rowcount

    # --- attempts, as threads use them ------------------------------------------------

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        with self.store.session() as s:
            row = s.get(Attempt, attempt_id)
            return None if row is None else plain(AttemptRecord, row)

    def has_passed(self, user_id: int, item_id: str) -> bool:
        q = select(Attempt.id).where(Attempt.user_id == user_id, Attempt.item_id == item_id,
                                     Attempt.passed.is_(True)).limit(1)
        with self.store.engine.connect() as c:
            return c.execute(q).first() is not None
