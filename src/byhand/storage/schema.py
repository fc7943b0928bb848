"""The tables, shared by the local practice store, the web app and a
PostgreSQL deployment.  Changes go through an Alembic migration in
``migrations/versions`` (a test checks that the migrations produce exactly
these tables).

Design notes: every row belongs to a user (a local workspace has one,
``local``), so cohorts, teacher views and a move to PostgreSQL need no
reshaping.  Review state is stored as columns (``due`` is indexed: "what is
due now" is the hot query); the fsrs Card is rebuilt from them.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite has no time zones: store
    naive UTC, give back aware UTC, as fsrs requires)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: byhand stores aware UTC datetimes only")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # lower-cased: "Alice" and "alice" are one name (migration 0004 kept older look-alikes apart)
    username_key: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))  # None: local user, no sign-in
    lang: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    role: Mapped[str] = mapped_column(String(16), default="learner", server_default="learner")


ROLES = ("learner", "teacher", "admin")


class Attempt(Base):
    """One graded try: code submitted, a drill answered, or a card recalled."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(128))
    item_kind: Mapped[str] = mapped_column(String(16))
    context: Mapped[str] = mapped_column(String(16))  # check | review | practice | web
    source: Mapped[str | None] = mapped_column(Text)  # code, or the typed answer
    passed: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    mistake: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text, default="")
    failure: Mapped[dict | None] = mapped_column(JSON)
    seed: Mapped[int | None] = mapped_column(BigInteger)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        # an item's attempts in order (a learner's, and a cohort's statistics: migration 0009, covering)
        Index("ix_attempts_user_item_time", "user_id", "item_id", "created_at", "passed"),
        Index("ix_attempts_user_created", "user_id", "created_at"),
        Index("ix_attempts_user_mistake", "user_id", "mistake", "item_id", "created_at"),  # a cohort's mistakes
    )


class ReviewCard(Base):
    """The FSRS state of one item for one user."""

    __tablename__ = "review_cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(128))
    item_kind: Mapped[str] = mapped_column(String(16))
    card_id: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("user_id", "item_id", name="uq_review_cards_user_item"),
        Index("ix_review_cards_user_due", "user_id", "due"),
    )


class ReviewLog(Base):
    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(128))
    card_id: Mapped[int] = mapped_column(BigInteger)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_ms: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_review_logs_user_time", "user_id", "reviewed_at"),
        Index("ix_review_logs_user_item", "user_id", "item_id", "id", "rating"),  # an item's last rating (0009)
    )


# the one place they are set; time zone None: not chosen (the day is UTC's, services/days.py)
DEFAULT_SETTINGS = {"desired_retention": 0.9, "daily_new_limit": 10, "timezone": None}


class UserSettings(Base):
    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    fsrs_parameters: Mapped[list | None] = mapped_column(JSON)  # None: the fsrs defaults
    desired_retention: Mapped[float] = mapped_column(Float, default=DEFAULT_SETTINGS["desired_retention"])
    daily_new_limit: Mapped[int] = mapped_column(Integer, default=DEFAULT_SETTINGS["daily_new_limit"])
    timezone: Mapped[str | None] = mapped_column(String(64))  # an IANA name (migration 0007)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebSession(Base):
    """A signed-in browser (kind "web", with its CSRF token) or an API token
    (kind "api").  Only a hash of the secret token is stored."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=utcnow)  # last used (to the hour)

    __table_args__ = (Index("ix_web_sessions_user", "user_id"),)


class RateCounter(Base):
    """A rate limit's counter for one key (a user, an address) and its window's
    end (Unix seconds), shared by every web process (storage/ratelimits.py)."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float)


# -- studying together (issue 14): cohorts, threads on items, votes, reports, notifications ---------

COHORT_ROLES = ("learner", "teacher")
POST_KINDS = ("question", "answer", "stuck")


class Cohort(Base):
    """A group a teacher runs: learners join with its invite code, up to
    ``capacity`` learners (teachers take no seat).  A question unanswered for
    ``escalate_after_hours`` may be escalated to the teachers; a learner has
    at most ``max_open_escalations`` open at once in it."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    invite_code: Mapped[str] = mapped_column(String(32), unique=True)
    capacity: Mapped[int] = mapped_column(Integer)
    escalate_after_hours: Mapped[int] = mapped_column(Integer)
    max_open_escalations: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CohortMember(Base):
    """A user in a cohort, as a learner or a teacher (one user may be in several cohorts)."""

    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # learner | teacher
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_cohort_members_user", "user_id"),)


class Post(Base):
    """A post in an item's thread: a question, a stuck post (with one of the
    author's attempts at the item) or an answer to one of them (``parent_id``).
    ``cohort_id`` None: the item's public thread.  Deleting keeps a row
    without its text, so that answers keep their question."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # question | answer | stuck
    title: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # Markdown with $math$, as written
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id", ondelete="SET NULL"))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    master: Mapped[bool] = mapped_column(Boolean, default=False)  # posted by a teacher of its cohort
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)  # an answer the asker accepted
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # an escalation answered
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_posts_thread", "item_id", "cohort_id", "created_at"),  # an item's thread
        Index("ix_posts_board", "cohort_id", "parent_id", "created_at"),  # a cohort's questions
        Index("ix_posts_parent", "parent_id"),  # a question's answers
        Index("ix_posts_author_escalated", "author_id", "escalated_at"),  # a learner's open escalations
    )


class PostVote(Base):
    __tablename__ = "post_votes"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)  # +1 or -1
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PostReport(Base):
    """A learner's report of a post to its moderators (one per reporter and post)."""

    __tablename__ = "post_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("post_id", "reporter_id", name="uq_post_reports_post_reporter"),)


class Notification(Base):
    """Something for a user to read (an answer to their question, ...), unread until ``read_at``."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),  # the unread count
        Index("ix_notifications_user_time", "user_id", "created_at"),  # the list, newest first
    )


# -- a teacher's view of a cohort (issue 14, migration 0009): feedback on a named mistake, today's items ---------

class CohortFeedback(Base):
    """What a cohort's teacher wrote once about one named mistake at one item
    (Markdown with $math$, as written): every member whose verdict names it
    sees it under the verdict.  Written again, it is replaced."""

    __tablename__ = "cohort_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(128))
    mistake: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (UniqueConstraint("cohort_id", "item_id", "mistake", name="uq_cohort_feedback_mistake"),)


class CohortPin(Base):
    """An item a cohort's teacher pinned for one of the cohort's days (its local date)."""

    __tablename__ = "cohort_pins"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    pinned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
