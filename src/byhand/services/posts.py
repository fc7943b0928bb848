"""Threads on items: questions, stuck posts and answers; votes, accepted
answers, asking the master, moderation and reports.  One rule in one place
for the pages and the JSON API (who may do it where: services/cohorts.py):

* every item (exercise, concept, drill, why) has a thread in each cohort
  and a public one (no cohort); a post is a ``question``, a ``stuck`` post
  or an ``answer`` to one of those two in the same thread;
* a stuck post attaches one of its author's own attempts at this item and
  says what they tried (a non-empty body); its code, verdict and named
  mistake are shown with it; a question or an answer may attach one too;
* bodies are Markdown with $math$ and code blocks, at most
  :data:`BODY_MAX` characters, shown through the curriculum's renderer
  (content/prose.py), which sanitizes with nh3; a question's title, at
  most :data:`TITLE_MAX`, is plain text; answers have none;
* authors edit and delete their own posts; a deleted post loses its text
  and stays only as the place of its answers;
* a vote is +1 or -1, one per user and post (a new one replaces it), never
  on one's own post;
* the asker accepts one answer to their question (accepting another moves it);
* anonymous posts: the author is shown to nobody but themselves and the
  moderators (a cohort's teachers, never its learners);
* unlock after your own try: in an item's thread, a passing attempt's code,
  and in an exercise's thread a code block that defines the exercise's
  function, are hidden from a viewer who has not passed the item yet
  (the author, the cohort's teachers and, in public threads, teachers and
  admins always see them);
* ask the master: the asker escalates their question in a cohort when no
  one else has answered it for the cohort's ``escalate_after_hours``, with
  at most ``max_open_escalations`` open at once; the cohort's teachers are
  notified; a teacher's answer (or the asker accepting one) closes it;
* notifications: the asker when their question is answered ("answer", or
  "master-answer" for a teacher's), the author of an accepted answer, the
  teachers of an escalation or a report;
* moderators hide (and show again) and delete posts; anyone who can read a
  post reports it once.

Times come from the caller (``now``): the web's clock, replaced in tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from markdown_it import MarkdownIt

from ..content import loader
from ..content import prose
from ..i18n import t
from ..storage import Store
from ..storage.community import CommunityStore
from ..storage.records import AttemptRecord, PostRecord, ReportRecord, ThreadRow
from .cohorts import MAX_ID, Access, Conflict, Forbidden, Invalid, NotFound, access, text

__all__ = ["BODY_MAX", "KEEP", "KINDS", "REASON_MAX", "TITLE_MAX", "AttemptView", "PostView", "accept", "board",
           "create", "delete", "edit", "escalate", "hide", "report", "reports", "thread", "unvote", "vote"]

KINDS = ("question", "stuck", "answer")
QUESTIONS = ("question", "stuck")
TITLE_MAX = 200
BODY_MAX = 10_000
REASON_MAX = 1_000
BOARD_MAX = 100
KEEP = object()  # edit: leave the title as it is


@dataclass(frozen=True)
class AttemptView:
    """An attempt attached to a post, as the viewer may see it."""

    id: int
    passed: bool
    status: str
    mistake: str | None
    message: str
    code: str | None  # None: hidden until the viewer passes the item
    created_at: datetime


@dataclass(frozen=True)
class PostView:
    """A post as one viewer may see it."""

    id: int
    item_id: str
    cohort_id: int | None
    kind: str
    parent_id: int | None
    title: str | None
    body: str  # Markdown as written, less what the viewer may not see yet
    html: str  # the body rendered and sanitized
    author: str | None  # None: anonymous to this viewer, or deleted
    anonymous: bool
    mine: bool
    master: bool
    votes: int
    my_vote: int
    accepted: bool
    answers: int
    hidden: bool
    deleted: bool
    locked: bool  # something in it is hidden until the viewer passes the item
    escalation: str | None  # open | resolved | None
    escalated_at: datetime | None
    created_at: datetime
    edited_at: datetime | None
    attempt: AttemptView | None


# -- what a viewer may see ----------------------------------------------------------------

@dataclass(frozen=True)
class _Viewer:
    access: Access
    lang: str
    solved: frozenset[str]  # items the viewer passed (of those in question)

    def sees_author(self, post: PostRecord) -> bool:
        return not post.anonymous or post.author_id == self.access.user_id or self.access.moderator

    def sees_solutions(self, post: PostRecord) -> bool:
        a = self.access
        return post.author_id == a.user_id or a.moderator or a.master or post.item_id in self.solved


_MD = MarkdownIt("commonmark")


def _solves(item_id: str) -> re.Pattern | None:
    """What in a body is taken for a solution of an exercise: code that defines its function."""
    try:
        item = loader.load_item(item_id)
    except KeyError:
        return None
    fn = getattr(item, "function", None) if item.kind == "exercise" else None
    if not fn:
        return None
    name = re.escape(fn)
    return re.compile(rf"\bdef\s+{name}\s*\(|\b{name}\s*=\s*lambda\b")


def without_solutions(body: str, item_id: str, placeholder: str) -> tuple[str, bool]:
    """``body`` with each code block or paragraph that defines the exercise's
    function replaced by ``placeholder``: (the body, whether anything was)."""
    pattern = _solves(item_id)
    if pattern is None or not pattern.search(body):
        return body, False
    lines = body.split("\n")
    cut: list[tuple[int, int]] = []
    for token in _MD.parse(body):
        if token.map and token.type in ("fence", "code_block", "inline", "html_block") and pattern.search(token.content):
            cut.append(tuple(token.map))
    if not cut:  # found outside any block the parser names (cannot be told apart): all of it goes
        return placeholder, True
    for start, end in sorted(cut, reverse=True):
        lines[start:end] = ["", placeholder, ""]
    return "\n".join(lines).strip("\n"), True


def _attempt(a: AttemptRecord | None, v: _Viewer, post: PostRecord) -> AttemptView | None:
    if a is None:
        return None
    shown = not a.passed or a.user_id == v.access.user_id or v.sees_solutions(post)
    return AttemptView(a.id, a.passed, a.status, a.mistake, a.message, a.source if shown else None, a.created_at)


def _view(row: ThreadRow, v: _Viewer) -> PostView:
    p = row.post
    deleted = p.deleted_at is not None
    body, locked = p.body, False
    if not deleted and not v.sees_solutions(p):
        body, locked = without_solutions(p.body, p.item_id, t("community.solution-hidden", v.lang))
    attempt = None if deleted else _attempt(row.attempt, v, p)
    locked = locked or (attempt is not None and attempt.code is None)
    escalation = None if p.escalated_at is None else "resolved" if p.resolved_at else "open"
    return PostView(
        id=p.id, item_id=p.item_id, cohort_id=p.cohort_id, kind=p.kind, parent_id=p.parent_id, title=p.title,
        body=body, html=prose.to_html(body) if body else "",
        author=row.author if not deleted and v.sees_author(p) else None, anonymous=p.anonymous,
        mine=p.author_id == v.access.user_id, master=p.master, votes=row.votes, my_vote=row.my_vote,
        accepted=p.accepted, answers=row.answers, hidden=p.hidden_at is not None, deleted=deleted, locked=locked,
        escalation=escalation, escalated_at=p.escalated_at, created_at=p.created_at, edited_at=p.edited_at,
        attempt=attempt)


def _may_see(post: PostRecord, a: Access) -> bool:
    """Whether a reader with access ``a`` to its thread sees a post that is
    not deleted: a hidden one only its author and the moderators."""
    return post.hidden_at is None or a.moderator or post.author_id == a.user_id


def thread(store: Store, user_id: int, item_id: str, cohort_id: int | None, lang: str) -> list[PostView]:
    """The item's thread in the cohort (None: the public one) as the user
    may see it: each question (newest first) followed by its answers (the
    accepted one, then the master's, then by votes and age).  A deleted
    question stays, without its text, while it has answers to show."""
    loader.kind_of(item_id)  # an unknown item is UnknownItem
    a = access(store, user_id, cohort_id)
    community = CommunityStore(store)
    solved = frozenset({item_id}) if community.has_passed(user_id, item_id) else frozenset()
    v = _Viewer(a, lang, solved)
    rows = [r for r in community.thread(item_id, cohort_id, user_id) if _may_see(r.post, a)]
    answers: dict[int, list[ThreadRow]] = {}
    for r in rows:
        if r.post.parent_id is not None and r.post.deleted_at is None:
            answers.setdefault(r.post.parent_id, []).append(r)
    out = []
    for q in sorted((r for r in rows if r.post.parent_id is None), key=lambda r: r.post.created_at, reverse=True):
        mine = sorted(answers.get(q.post.id, []),
                      key=lambda r: (not r.post.accepted, not r.post.master, -r.votes, r.post.created_at))
        if q.post.deleted_at is not None and not mine:
            continue
        out.append(_view(q, v))
        out += [_view(r, v) for r in mine]
    return out


def board(store: Store, user_id: int, cohort_id: int, lang: str, *, escalated_only: bool = False,
          limit: int = 50, offset: int = 0) -> list[PostView]:
    """The cohort's questions on every item, most voted first (with
    ``escalated_only``: the open escalations, oldest first)."""
    a = access(store, user_id, cohort_id)
    v = _Viewer(a, lang, frozenset(store.passed_items(user_id)))
    rows = CommunityStore(store).board(cohort_id, user_id, hidden=a.moderator, escalated_only=escalated_only,
                                       limit=min(limit, BOARD_MAX), offset=offset)
    return [_view(r, v) for r in rows]


def _one(store: Store, user_id: int, post_id: int, lang: str) -> PostView:
    """One post as the user sees it (after a change)."""
    community = CommunityStore(store)
    post = community.post(post_id)
    a = access(store, user_id, post.cohort_id)
    solved = frozenset({post.item_id}) if community.has_passed(user_id, post.item_id) else frozenset()
    return _view(community.row(post_id, user_id), _Viewer(a, lang, solved))


# -- checks ------------------------------------------------------------------------------------

def _title(kind: str, title: str | None) -> str | None:
    title = text(title)
    if not title:
        return None
    if kind == "answer":
        raise Invalid.of("community.answer-title")
    if len(title) > TITLE_MAX:
        raise Invalid.of("community.title-too-long", n=len(title), max=TITLE_MAX)
    return title


def _body(kind: str, body: str) -> str:
    body = text(body)
    if not body:
        raise Invalid.of("community.stuck-needs-what-you-tried" if kind == "stuck" else "community.empty-body")
    if len(body) > BODY_MAX:
        raise Invalid.of("community.body-too-long", n=len(body), max=BODY_MAX)
    return body


def _visible(store: Store, user_id: int, post_id: int) -> tuple[PostRecord, Access]:
    """A post the user may see, with their access to its thread; else NotFound or Forbidden."""
    post = CommunityStore(store).post(post_id) if 0 < post_id <= MAX_ID else None
    if post is None or post.deleted_at is not None:
        raise NotFound.of("community.no-post", id=post_id)
    a = access(store, user_id, post.cohort_id)
    if not _may_see(post, a):
        raise NotFound.of("community.no-post", id=post_id)
    return post, a


def _own_attempt(store: Store, user_id: int, item_id: str, attempt_id: int) -> None:
    found = CommunityStore(store).attempt(attempt_id) if 0 < attempt_id <= MAX_ID else None
    if found is None or found.user_id != user_id:
        raise Forbidden.of("community.not-your-attempt", id=attempt_id)
    if found.item_id != item_id:
        raise Invalid.of("community.attempt-other-item", id=attempt_id, other=found.item_id, item=item_id)


# -- writing ------------------------------------------------------------------------------------

def create(store: Store, user_id: int, item_id: str, *, kind: str, body: str, now: datetime, lang: str,
           cohort_id: int | None = None, parent_id: int | None = None, attempt_id: int | None = None,
           anonymous: bool = False, title: str | None = None) -> PostView:
    """A new post in the item's thread of the cohort (None: public)."""
    loader.kind_of(item_id)
    a = access(store, user_id, cohort_id)
    if kind not in KINDS:
        raise Invalid.of("community.bad-kind", kind=kind, kinds=", ".join(KINDS))
    title, body = _title(kind, title), _body(kind, body)
    community = CommunityStore(store)
    notify: list[tuple[int, str]] = []
    resolve = None
    if kind == "answer":
        if parent_id is None:
            raise Invalid.of("community.answer-needs-question")
        question, _ = _visible(store, user_id, parent_id)
        if question.parent_id is not None or question.item_id != item_id or question.cohort_id != cohort_id:
            raise Invalid.of("community.not-a-question-here", id=parent_id)
        if question.author_id != user_id:
            notify.append((question.author_id, "master-answer" if a.master else "answer"))
        if a.master and question.escalated_at is not None:
            resolve = question.id
    elif parent_id is not None:
        raise Invalid.of("community.question-has-no-parent")
    if kind == "stuck" and attempt_id is None:
        raise Invalid.of("community.stuck-needs-attempt")
    if attempt_id is not None:
        _own_attempt(store, user_id, item_id, attempt_id)
    post = community.add_post(notify=notify, resolve=resolve, item_id=item_id, cohort_id=cohort_id,
                              parent_id=parent_id, author_id=user_id, kind=kind, title=title, body=body,
                              attempt_id=attempt_id, anonymous=bool(anonymous), master=a.master, accepted=False,
                              created_at=now)
    return _one(store, user_id, post.id, lang)


def _own(store: Store, user_id: int, post_id: int) -> PostRecord:
    post, _ = _visible(store, user_id, post_id)
    if post.author_id != user_id:
        raise Forbidden.of("community.not-your-post", id=post_id)
    return post


def edit(store: Store, user_id: int, post_id: int, *, now: datetime, lang: str, body: str | None = None,
         title=KEEP) -> PostView:
    """Change the body and/or title of one's own post (not one a moderator hid)."""
    post = _own(store, user_id, post_id)
    if post.hidden_at is not None:
        raise Conflict.of("community.hidden-post")
    new_title = post.title if title is KEEP else _title(post.kind, title)
    new_body = post.body if body is None else _body(post.kind, body)
    CommunityStore(store).edit_post(post_id, title=new_title, body=new_body, at=now)
    return _one(store, user_id, post_id, lang)


def delete(store: Store, user_id: int, post_id: int, now: datetime) -> None:
    """Delete one's own post, or any post as its moderator."""
    post, a = _visible(store, user_id, post_id)
    if post.author_id != user_id and not a.moderator:
        raise Forbidden.of("community.not-your-post", id=post_id)
    CommunityStore(store).delete_post(post_id, user_id, now)


def hide(store: Store, user_id: int, post_id: int, hidden: bool, now: datetime) -> None:
    """Hide a post from everyone but its author and the moderators, or show it again (moderators only)."""
    post, a = _visible(store, user_id, post_id)
    if not a.moderator:
        raise Forbidden.of("community.not-a-moderator")
    CommunityStore(store).set_hidden(post_id, user_id if hidden else None, now if hidden else None)


def vote(store: Store, user_id: int, post_id: int, value: int, now: datetime) -> int:
    """The user's vote (+1 or -1) on a post they may read; returns its sum."""
    if value not in (1, -1):
        raise Invalid.of("community.bad-vote")
    post, _ = _visible(store, user_id, post_id)
    if post.author_id == user_id:
        raise Forbidden.of("community.own-post-vote")
    return CommunityStore(store).vote(post_id, user_id, value, now)


def unvote(store: Store, user_id: int, post_id: int) -> int:
    _visible(store, user_id, post_id)
    return CommunityStore(store).unvote(post_id, user_id)


def accept(store: Store, user_id: int, answer_id: int, now: datetime, accepted: bool = True) -> None:
    """The asker accepts an answer to their question (or takes it back)."""
    answer, _ = _visible(store, user_id, answer_id)
    if answer.kind != "answer":
        raise Invalid.of("community.accept-an-answer")
    question = CommunityStore(store).post(answer.parent_id)
    if question.author_id != user_id:
        raise Forbidden.of("community.only-asker-accepts")
    notify = [(answer.author_id, "accepted")] if accepted and answer.author_id != user_id else []
    CommunityStore(store).set_accepted(answer, accepted, now, notify)


def escalate(store: Store, user_id: int, post_id: int, now: datetime) -> datetime:
    """Ask the master: escalate one's own question unanswered for the
    cohort's hours; returns when it became escalated."""
    question, a = _visible(store, user_id, post_id)
    if question.author_id != user_id or question.kind not in QUESTIONS:
        raise Forbidden.of("community.only-own-question")
    if question.cohort_id is None:
        raise Conflict.of("community.escalate-in-cohort")
    community = CommunityStore(store)
    cohort = community.cohort(question.cohort_id)
    if question.escalated_at is not None:
        raise Conflict.of("community.already-escalated")
    if community.answered_by_others(question):
        raise Conflict.of("community.already-answered")
    wait = question.created_at + timedelta(hours=cohort.escalate_after_hours) - now
    if wait > timedelta(0):
        hours, minutes = divmod(int(wait.total_seconds() + 59) // 60, 60)
        raise Conflict.of("community.too-early", after=cohort.escalate_after_hours, hours=hours, minutes=minutes)
    notify = [(tid, "escalation") for tid in community.teacher_ids(question.cohort_id) if tid != user_id]
    if not community.escalate(question, now, cohort.max_open_escalations, notify):
        raise Conflict.of("community.too-many-escalations", max=cohort.max_open_escalations)
    return now


def report(store: Store, user_id: int, post_id: int, reason: str, now: datetime) -> None:
    """Report a post one may read to its moderators (once)."""
    post, _ = _visible(store, user_id, post_id)
    reason = text(reason)
    if len(reason) > REASON_MAX:
        raise Invalid.of("community.reason-too-long", n=len(reason), max=REASON_MAX)
    community = CommunityStore(store)
    moderators: Iterable[int] = community.teacher_ids(post.cohort_id) if post.cohort_id is not None else ()
    notify = [(m, "report") for m in moderators if m != user_id]
    if not community.add_report(post_id, user_id, reason, now, notify):
        raise Conflict.of("community.already-reported")


def reports(store: Store, user_id: int, cohort_id: int | None) -> list[ReportRecord]:
    """The reports of a cohort's posts (its teachers) or of public threads (admins)."""
    if not access(store, user_id, cohort_id).moderator:
        raise Forbidden.of("community.not-a-moderator")
    return CommunityStore(store).reports(cohort_id)
