"""What the store hands back: frozen plain data, never ORM rows (which
would tie a caller to an open session and let it write by accident)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

__all__ = ["AttemptRecord", "ReviewRecord", "SettingsRecord", "UserRecord", "plain"]


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


T = TypeVar("T")


def plain(cls: type[T], row: Any) -> T:
    """A record of ``cls`` from an ORM row (its columns of the same names)."""
    return cls(**{f.name: getattr(row, f.name) for f in dataclasses.fields(cls)})
