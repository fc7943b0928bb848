"""What the store hands back: frozen plain data, never ORM rows (which
would tie a caller to an open session and let it write by accident)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

__all__ = ["AttemptRecord", "CohortRecord", "MembershipRecord", "NotificationRecord", "PostRecord", "ReportRecord",
           "ReviewRecord", "SettingsRecord", "ThreadRow", "UserRecord", "plain"]


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    password_hash: str | None
    lang: str
    created_at: datetime
    role: str


@dataclass(frozen=True)
class SessionRecord:
    """A signed-in browser or an API token, as its owner may see it: ``id``
    names it for revoking and is not a credential (a prefix of the token's
    hash, which is itself only a hash)."""

    id: str
    kind: str  # web | api
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class AttemptRecord:
    id: int
    user_id: int
    item_id: str
    item_kind: str
    context: str
    source: str | None
    passed: bool
    status: str
    mistake: str | None
    message: str
    failure: dict | None
    seed: int | None
    duration_ms: int | None
    created_at: datetime


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    user_id: int
    item_id: str
    card_id: int
    rating: int
    reviewed_at: datetime
    duration_ms: int | None


@dataclass(frozen=True)
class SettingsRecord:
    user_id: int
    fsrs_parameters: list | None
    desired_retention: float
    daily_new_limit: int
    timezone: str | None  # an IANA name; None: not chosen (UTC)
    updated_at: datetime | None


@dataclass(frozen=True)
class CohortRecord:
    id: int
    name: str
    invite_code: str
    capacity: int  # learners at most (teachers take no seat)
    escalate_after_hours: int
    max_open_escalations: int
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class MembershipRecord:
    cohort_id: int
    user_id: int
    role: str  # learner | teacher, in this cohort
    joined_at: datetime


@dataclass(frozen=True)
class PostRecord:
    id: int
    item_id: str
    cohort_id: int | None  # None: the item's public thread
    parent_id: int | None  # the question an answer answers
    author_id: int
    kind: str  # question | answer | stuck
    title: str | None
    body: str
    attempt_id: int | None
    anonymous: bool
    master: bool
    accepted: bool
    hidden_at: datetime | None
    deleted_at: datetime | None
    escalated_at: datetime | None
    resolved_at: datetime | None
    created_at: datetime
    edited_at: datetime | None


@dataclass(frozen=True)
class ThreadRow:
    """A post as a thread or a board lists it, with what is read beside it:
    its author's name (whoever may see it: the services decide), the sum of
    its votes, the viewer's own vote, its answers (visible ones) and the
    attempt it attaches."""

    post: PostRecord
    author: str
    votes: int
    my_vote: int  # +1, -1, or 0 for none
    answers: int
    attempt: AttemptRecord | None


@dataclass(frozen=True)
class ReportRecord:
    id: int
    post_id: int
    reporter_id: int
    reporter: str
    reason: str
    created_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class NotificationRecord:
    id: int
    kind: str
    post_id: int | None
    item_id: str | None
    cohort_id: int | None
    created_at: datetime
    read_at: datetime | None


T = TypeVar("T")


def plain(cls: type[T], row: Any) -> T:
    """A record of ``cls`` from an ORM row (its columns of the same names)."""
    return cls(**{f.name: getattr(row, f.name) for f in dataclasses.fields(cls)})
