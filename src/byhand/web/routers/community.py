"""Studying together in the JSON API: cohorts (create, join by invite code,
leave, settings, members), the threads on every item (questions, stuck
posts, answers; edit, delete, votes, accepting an answer), asking the
master (a cohort's board, escalating a question), moderation (hide, delete,
reports) and notifications.  The rules are the services' (services/cohorts.py,
services/posts.py, services/notifications.py); here they are said as HTTP:
403 not a member, not a teacher, not yours; 404 unknown; 409 full, too
early, already done; 422 a bad body; 429 too many posts in a minute.
Posts, edits, reports and joins are limited per user (``posts_per_minute``,
the rate limiter the submissions use)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Callable, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Response

from ...errors import UnknownItem
from ...services import cohorts, notifications, posts
from ...services.cohorts import Conflict, Forbidden, Invalid, NotFound, Refused
from ..deps import ApiUser, ApiUserDep, AppState, StateDep
from ..schemas import (Accepted, Cohort, CohortCreate, CohortCreated, CohortJoin, CohortList, CohortMembership,
                       CohortUpdate, Escalated, MarkedRead, MarkRead, Member, Members, NotificationOut,
                       Notifications, PostCreate, PostEdit, PostOut, Posts, Report, ReportRequest, Reports,
                       VoteRequest, Votes)

__all__ = ["CohortId", "InCohort", "PostId", "router", "status_of"]

router = APIRouter(tags=["community"])

T = TypeVar("T")
STATUS = ((Forbidden, 403), (NotFound, 404), (Conflict, 409), (Invalid, 422))
NO_CONTENT = {"status_code": 204, "response_class": Response}
CohortId = Annotated[int, Path(ge=1, le=cohorts.MAX_ID)]
PostId = Annotated[int, Path(ge=1, le=cohorts.MAX_ID)]
InCohort = Annotated[int | None, Query(ge=1, le=cohorts.MAX_ID, description="null: public threads")]


def status_of(exc: Exception) -> int:
    """The HTTP status of a refusal (an unknown item is 404)."""
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 404)


def _do(user: ApiUser, fn: Callable[..., T], *args, **kwargs) -> T:
    """``fn(*args, **kwargs)``, a refusal said as its status with its reason in the user's language."""
    try:
        return fn(*args, **kwargs)
    except (Refused, UnknownItem) as exc:
        raise HTTPException(status_of(exc), exc.in_lang(user.lang)) from None


def _limited(state: AppState, user: ApiUser) -> None:
    """429 past the user's posts (and edits, reports, joins) for this minute."""
    key = f"user:{user.user_id}"
    if not state.post_limit.allow(key):
        raise HTTPException(429, cohorts.Refused.of("community.too-many-posts").in_lang(user.lang),
                            headers={"Retry-After": str(state.post_limit.retry_after(key))})


def _post(view: posts.PostView) -> PostOut:
    return PostOut.model_validate(dataclasses.asdict(view))


# -- cohorts ------------------------------------------------------------------------------------

@router.post("/api/cohorts", response_model=CohortCreated, status_code=201)
def create_cohort(body: CohortCreate, user: ApiUserDep, state: StateDep):
    """Create a cohort (teachers and admins): you are its first teacher; share its invite code."""
    _limited(state, user)
    c = _do(user, cohorts.create, state.store, user.user_id, body.name, now=state.services.now(),
            capacity=body.capacity, escalate_after_hours=body.escalate_after_hours,
            max_open_escalations=body.max_open_escalations)
    return CohortCreated(id=c.id, name=c.name, invite_code=c.invite_code, capacity=c.capacity,
                         escalate_after_hours=c.escalate_after_hours, max_open_escalations=c.max_open_escalations)


@router.get("/api/cohorts", response_model=CohortList)
def my_cohorts(user: ApiUserDep, state: StateDep):
    """The cohorts you are in, with your role in each."""
    return CohortList(cohorts=[CohortMembership(id=c.id, name=c.name, role=role)
                               for c, role in cohorts.mine(state.store, user.user_id)])


@router.post("/api/cohorts/join", response_model=CohortMembership)
def join_cohort(body: CohortJoin, user: ApiUserDep, state: StateDep):
    """Join a cohort by its invite code (already a member: nothing changes).
    A teacher or an admin joins as one of its teachers."""
    _limited(state, user)
    c, role = _do(user, cohorts.join, state.store, user.user_id, body.invite_code, state.services.now())
    return CohortMembership(id=c.id, name=c.name, role=role)


@router.get("/api/cohorts/{cohort_id}", response_model=Cohort)
def cohort(cohort_id: CohortId, user: ApiUserDep, state: StateDep):
    return Cohort(**dataclasses.asdict(_do(user, cohorts.view, state.store, user.user_id, cohort_id)))


@router.patch("/api/cohorts/{cohort_id}", response_model=Cohort)
def update_cohort(cohort_id: CohortId, body: CohortUpdate, user: ApiUserDep, state: StateDep):
    """Change the cohort's name or settings (its teachers)."""
    _do(user, cohorts.update, state.store, user.user_id, cohort_id, **body.model_dump(exclude_unset=True))
    return cohort(cohort_id, user, state)


@router.post("/api/cohorts/{cohort_id}/leave", **NO_CONTENT)
def leave_cohort(cohort_id: CohortId, user: ApiUserDep, state: StateDep):
    """Leave the cohort (its last teacher cannot while others are in it)."""
    _do(user, cohorts.leave, state.store, user.user_id, cohort_id)


@router.get("/api/cohorts/{cohort_id}/members", response_model=Members)
def cohort_members(cohort_id: CohortId, user: ApiUserDep, state: StateDep):
    """Everyone in the cohort (its teachers)."""
    rows = _do(user, cohorts.members, state.store, user.user_id, cohort_id)
    return Members(members=[Member(username=name, role=m.role, joined_at=m.joined_at) for m, name in rows])


@router.get("/api/cohorts/{cohort_id}/board", response_model=Posts)
def board(cohort_id: CohortId, user: ApiUserDep, state: StateDep, escalated: bool = False,
          limit: Annotated[int, Query(ge=1, le=posts.BOARD_MAX)] = 50, offset: Annotated[int, Query(ge=0, le=100_000)] = 0):
    """The cohort's questions on every item, most voted first; ``escalated``:
    those waiting for the teacher, oldest first."""
    rows = _do(user, posts.board, state.store, user.user_id, cohort_id, user.lang, escalated_only=escalated,
               limit=limit, offset=offset)
    return Posts(posts=[_post(p) for p in rows])


# -- threads ------------------------------------------------------------------------------------

@router.get("/api/items/{item_id}/posts", response_model=Posts)
def thread(item_id: str, user: ApiUserDep, state: StateDep, cohort_id: InCohort = None):
    """The item's thread in a cohort you are in (no cohort_id: its public
    thread): each question followed by its answers."""
    rows = _do(user, posts.thread, state.store, user.user_id, item_id, cohort_id, user.lang)
    return Posts(posts=[_post(p) for p in rows])


@router.post("/api/items/{item_id}/posts", response_model=PostOut, status_code=201)
def create_post(item_id: str, body: PostCreate, user: ApiUserDep, state: StateDep):
    """Post a question, a stuck post (with one of your attempts at this item
    and what you tried) or an answer in the item's thread."""
    _limited(state, user)
    return _post(_do(user, posts.create, state.store, user.user_id, item_id, now=state.services.now(),
                     lang=user.lang, **body.model_dump()))


@router.patch("/api/posts/{post_id}", response_model=PostOut)
def edit_post(post_id: PostId, body: PostEdit, user: ApiUserDep, state: StateDep):
    """Edit your post."""
    _limited(state, user)
    title = body.title if "title" in body.model_fields_set else posts.KEEP
    return _post(_do(user, posts.edit, state.store, user.user_id, post_id, now=state.services.now(),
                     lang=user.lang, body=body.body, title=title))


@router.delete("/api/posts/{post_id}", **NO_CONTENT)
def delete_post(post_id: PostId, user: ApiUserDep, state: StateDep):
    """Delete your post, or, as a moderator, anyone's."""
    _do(user, posts.delete, state.store, user.user_id, post_id, state.services.now())


@router.post("/api/posts/{post_id}/votes", response_model=Votes)
def vote(post_id: PostId, body: VoteRequest, user: ApiUserDep, state: StateDep):
    """Vote +1 or -1 (a new vote replaces yours)."""
    total = _do(user, posts.vote, state.store, user.user_id, post_id, body.value, state.services.now())
    return Votes(post_id=post_id, votes=total, my_vote=body.value)


@router.delete("/api/posts/{post_id}/votes", response_model=Votes)
def unvote(post_id: PostId, user: ApiUserDep, state: StateDep):
    total = _do(user, posts.unvote, state.store, user.user_id, post_id)
    return Votes(post_id=post_id, votes=total, my_vote=0)


@router.post("/api/posts/{post_id}/accept", response_model=Accepted)
def accept(post_id: PostId, user: ApiUserDep, state: StateDep):
    """Accept an answer to your question (another one you accepted no longer is)."""
    _do(user, posts.accept, state.store, user.user_id, post_id, state.services.now(), True)
    return Accepted(post_id=post_id, accepted=True)


@router.delete("/api/posts/{post_id}/accept", response_model=Accepted)
def unaccept(post_id: PostId, user: ApiUserDep, state: StateDep):
    _do(user, posts.accept, state.store, user.user_id, post_id, state.services.now(), False)
    return Accepted(post_id=post_id, accepted=False)


@router.post("/api/posts/{post_id}/escalate", response_model=Escalated)
def escalate(post_id: PostId, user: ApiUserDep, state: StateDep):
    """Ask the master: send your question, unanswered by others for the
    cohort's hours, to its teachers."""
    at = _do(user, posts.escalate, state.store, user.user_id, post_id, state.services.now())
    return Escalated(post_id=post_id, escalated_at=at)


# -- moderation -----------------------------------------------------------------------------------

@router.post("/api/posts/{post_id}/hide", **NO_CONTENT)
def hide(post_id: PostId, user: ApiUserDep, state: StateDep):
    """Hide a post from everyone but its author and the moderators (the cohort's teachers)."""
    _do(user, posts.hide, state.store, user.user_id, post_id, True, state.services.now())


@router.delete("/api/posts/{post_id}/hide", **NO_CONTENT)
def unhide(post_id: PostId, user: ApiUserDep, state: StateDep):
    _do(user, posts.hide, state.store, user.user_id, post_id, False, state.services.now())


@router.post("/api/posts/{post_id}/reports", **NO_CONTENT)
def report(post_id: PostId, body: ReportRequest, user: ApiUserDep, state: StateDep):
    """Report a post to its moderators (once)."""
    _limited(state, user)
    _do(user, posts.report, state.store, user.user_id, post_id, body.reason, state.services.now())


@router.get("/api/reports", response_model=Reports)
def reports(user: ApiUserDep, state: StateDep, cohort_id: InCohort = None):
    """Reports of a cohort's posts (its teachers); no cohort_id: of public threads (admins)."""
    rows = _do(user, posts.reports, state.store, user.user_id, cohort_id)
    return Reports(reports=[Report(id=r.id, post_id=r.post_id, reporter=r.reporter, reason=r.reason,
                                   created_at=r.created_at) for r in rows])


# -- notifications ----------------------------------------------------------------------------------

@router.get("/api/notifications", response_model=Notifications)
def my_notifications(user: ApiUserDep, state: StateDep, unread: bool = False,
                     limit: Annotated[int, Query(ge=1, le=notifications.LIST_MAX)] = 50):
    """Your notifications, newest first, and how many are unread."""
    rows, count = notifications.listing(state.store, user.user_id, unread_only=unread, limit=limit)
    return Notifications(unread=count, notifications=[
        NotificationOut(id=n.id, kind=n.kind, post_id=n.post_id, item_id=n.item_id, cohort_id=n.cohort_id,
                        created_at=n.created_at, read=n.read_at is not None) for n in rows])


@router.post("/api/notifications/read", response_model=MarkedRead)
def mark_read(body: MarkRead, user: ApiUserDep, state: StateDep):
    """Mark notifications read (no ids: all of them)."""
    marked = notifications.mark_read(state.store, user.user_id, body.ids, state.services.now())
    return MarkedRead(marked=marked, unread=notifications.unread(state.store, user.user_id))
