"""Studying together as pages (plain forms: everything works without
JavaScript): your cohorts (join by code or invite link, create one as a
teacher), a cohort's board, an item's thread (post a question, a stuck post
with one of your attempts, answers; vote, accept, ask the teacher, edit,
delete, hide, report) and your notifications.  The same services as the
JSON API (routers/community.py); a refusal is the page's status with its
reason in the viewer's language."""

from __future__ import annotations

from typing import Annotated, Callable

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...services import cohorts, notifications, posts
from ...storage.community import CommunityStore
from ..deps import AppState, StateDep, Viewer, ViewerDep, render, safe_next
from ..items import KIND_PATHS
from .community import CohortId, InCohort, PostId
from .community_forms import discuss_path, form_action, form_int, signed_in_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ATTEMPTS_OFFERED = 10  # of your latest attempts at the item, to attach to a post


# -- cohorts ----------------------------------------------------------------------------------------

@router.get("/cohorts", response_class=HTMLResponse)
def cohorts_page(request: Request, v: ViewerDep, state: StateDep,
                 code: Annotated[str | None, Query(max_length=64)] = None):
    """Your cohorts, joining one (``?code=`` from an invite link fills the form), creating one."""
    def make():
        user = state.store.user(v.user_id)
        return render(request, "cohorts.html", v, cohorts=cohorts.mine(state.store, v.user_id), code=code or "",
                      can_create=user.role in cohorts.GLOBAL_TEACHERS,
                      unread=notifications.unread(state.store, v.user_id))
    return signed_in_page(request, v, make)


@router.post("/cohorts")
async def create_cohort(request: Request, v: ViewerDep, state: StateDep):
    def act(form):
        c = cohorts.create(state.store, v.user_id, form.get("name", ""), now=state.services.now(),
                           capacity=form_int(form.get("capacity")))
        return f"/cohorts/{c.id}"
    return await form_action(request, v, state, act, limited=True)


@router.post("/cohorts/join")
async def join_cohort(request: Request, v: ViewerDep, state: StateDep):
    def act(form):
        c, _ = cohorts.join(state.store, v.user_id, form.get("invite_code", ""), state.services.now())
        return f"/cohorts/{c.id}"
    return await form_action(request, v, state, act, limited=True)


@router.get("/cohorts/{cohort_id}", response_class=HTMLResponse)
def cohort_page(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep):
    """A cohort: its day (today's pins, the week's agenda: routers/teaching.py), its board of questions
    (most voted first), those waiting for a teacher first for its teachers."""
    def make():
        info = cohorts.view(state.store, v.user_id, cohort_id)
        board = posts.board(state.store, v.user_id, cohort_id, v.lang)
        waiting = posts.board(state.store, v.user_id, cohort_id, v.lang, escalated_only=True)
        invite = f"{request.base_url}cohorts?code={info.invite_code}" if info.invite_code else None
        from .teaching import cohort_today  # (routers/teaching.py reuses this module's helpers)

        return render(request, "cohort.html", v, cohort=info, board=board, waiting=waiting, invite=invite,
                      discuss=discuss_path, **cohort_today(state, v, cohort_id))
    return signed_in_page(request, v, make)


@router.post("/cohorts/{cohort_id}/leave")
async def leave_cohort(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep):
    def act(form):
        cohorts.leave(state.store, v.user_id, cohort_id)
        return "/cohorts"
    return await form_action(request, v, state, act)


# -- an item's thread ----------------------------------------------------------------------------------

@router.get("/items/{item_id}/discuss", response_class=HTMLResponse)
def thread_page(request: Request, item_id: str, v: ViewerDep, state: StateDep, cohort: InCohort = None):
    """The item's thread in one of your cohorts (no ``?cohort=``: its public thread)."""
    def make():
        shown = posts.thread(state.store, v.user_id, item_id, cohort, v.lang)
        info = state.services.item(item_id, v.lang)
        access = cohorts.access(state.store, v.user_id, cohort)
        mine = state.store.attempts(v.user_id, item_id, limit=ATTEMPTS_OFFERED)
        return render(request, "discuss.html", v, item=info, item_path=f"/{KIND_PATHS[info['kind']]}/{item_id}",
                      posts=shown, cohort=cohort, cohorts=cohorts.mine(state.store, v.user_id), access=access,
                      attempts=mine, discuss=discuss_path)
    return signed_in_page(request, v, make)


@router.post("/items/{item_id}/discuss")
async def create_post(request: Request, item_id: str, v: ViewerDep, state: StateDep):
    def act(form):
        cohort = form_int(form.get("cohort"))
        post = posts.create(state.store, v.user_id, item_id, kind=form.get("kind", ""), body=form.get("body", ""),
                            now=state.services.now(), lang=v.lang, cohort_id=cohort,
                            parent_id=form_int(form.get("parent")), attempt_id=form_int(form.get("attempt")),
                            anonymous=form.get("anonymous") == "1", title=form.get("title"))
        return discuss_path(item_id, cohort, post.id)
    return await form_action(request, v, state, act, limited=True)


def _back(state: AppState, post_id: int) -> str:
    """The thread a post is in, at the post."""
    post = CommunityStore(state.store).post(post_id)
    return discuss_path(post.item_id, post.cohort_id, post.id if post.deleted_at is None else None)


def _post_action(name: str, run: Callable[[AppState, Viewer, int, dict], None], *, limited: bool = False):
    """A route ``POST /posts/{post_id}/<name>`` doing ``run`` and going back to the post."""

    async def action(request: Request, post_id: PostId, v: ViewerDep, state: StateDep):
        def act(form):
            run(state, v, post_id, form)
            return _back(state, post_id)
        return await form_action(request, v, state, act, limited=limited)

    router.add_api_route(f"/posts/{{post_id}}/{name}", action, methods=["POST"], include_in_schema=False,
                         name=f"post_{name}")


_post_action("vote", lambda s, v, pid, f: posts.vote(s.store, v.user_id, pid, -1 if f.get("value") == "-1" else 1,
                                                     s.services.now()))
_post_action("unvote", lambda s, v, pid, f: posts.unvote(s.store, v.user_id, pid))
_post_action("accept", lambda s, v, pid, f: posts.accept(s.store, v.user_id, pid, s.services.now(),
                                                         f.get("accepted") != "0"))
_post_action("escalate", lambda s, v, pid, f: posts.escalate(s.store, v.user_id, pid, s.services.now()))
_post_action("delete", lambda s, v, pid, f: posts.delete(s.store, v.user_id, pid, s.services.now()))
_post_action("hide", lambda s, v, pid, f: posts.hide(s.store, v.user_id, pid, f.get("hidden") != "0",
                                                     s.services.now()))
_post_action("report", lambda s, v, pid, f: posts.report(s.store, v.user_id, pid, f.get("reason", ""),
                                                         s.services.now()), limited=True)
_post_action("edit", lambda s, v, pid, f: posts.edit(s.store, v.user_id, pid, now=s.services.now(), lang=v.lang,
                                                     body=f.get("body"),
                                                     title=f["title"] if "title" in f else posts.KEEP),
             limited=True)


# -- notifications -------------------------------------------------------------------------------------

@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(request: Request, v: ViewerDep, state: StateDep):
    def make():
        rows, unread = notifications.listing(state.store, v.user_id)
        return render(request, "notifications.html", v, notes=rows, unread=unread, discuss=discuss_path)
    return signed_in_page(request, v, make)


@router.post("/notifications/read")
async def mark_read(request: Request, v: ViewerDep, state: StateDep):
    def act(form):
        one = form_int(form.get("id"))
        notifications.mark_read(state.store, v.user_id, None if one is None else [one], state.services.now())
        return safe_next(form.get("next") or "/notifications")
    return await form_action(request, v, state, act)
