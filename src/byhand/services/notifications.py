"""A user's notifications (what services/posts.py tells them: an answer to
their question, a teacher's answer, an accepted answer, an escalation or a
report to a teacher): the newest first, the unread count, marking read."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from ..storage import Store
from ..storage.community import CommunityStore
from ..storage.records import NotificationRecord
from .cohorts import MAX_ID

__all__ = ["KINDS", "LIST_MAX", "listing", "mark_read", "unread"]

KINDS = ("answer", "master-answer", "accepted", "escalation", "report")
LIST_MAX = 100


def listing(store: Store, user_id: int, *, unread_only: bool = False,
            limit: int = 50) -> tuple[list[NotificationRecord], int]:
    """(the user's notifications, newest first, at most ``limit``; how many are unread)."""
    community = CommunityStore(store)
    return (community.notifications(user_id, unread_only=unread_only, limit=min(limit, LIST_MAX)),
            community.unread(user_id))


def unread(store: Store, user_id: int) -> int:
    return CommunityStore(store).unread(user_id)


def mark_read(store: Store, user_id: int, ids: Iterable[int] | None, now: datetime) -> int:
    """Mark the user's notifications ``ids`` read (None: all of them); returns how many were unread."""
    if ids is not None:
        ids = [i for i in ids if 0 < i <= MAX_ID]
    return CommunityStore(store).mark_read(user_id, ids, now)
