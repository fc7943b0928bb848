"""Exercises: the page with its code box and verdict, and the API's
attempts (submit one to be graded; list your recent ones)."""

from __future__ import annotations

import dataclasses
import difflib
import time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...grading.result import GradeResult
from ...practice.workspace import starter
from ...services import teaching
from ..deps import ApiUserDep, ServicesDep, StateDep, Viewer, ViewerDep, need_signin, render, signed_in_form
from ..i18n import UI
from ..items import api_item_kind, page_item
from ..schemas import AttemptRequest, AttemptResult, PastAttempt
from ..services import Services, SubmissionRefused
from ..today import today_bar

__all__ = ["router"]

router = APIRouter()


HISTORY = 10  # earlier attempts listed on the page
DIFF_LINES = 400  # a diff only between sources of at most this many lines (difflib is quadratic at worst)
FRAGMENT = "byhand-fragment"  # a request header: answer with a part of the page (app.js), not all of it


def _starter(item_id: str, lang: str) -> str:
    return starter(loader.load_exercise(item_id), lang)


def marked(text: str, spans) -> Markup:
    """``text`` escaped, with the (start, end) spans the grader found wrong in <mark>."""
    out, at = [], 0
    for start, end in sorted(spans or ()):
        if at <= start < end <= len(text):
            out += [escape(text[at:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
            at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def line_diff(old: str, new: str) -> list[tuple[str, str]] | str:
    """The changes from ``old`` to ``new`` as (kind, line) pairs, kind one of
    " " (context), "-", "+", "@" (a hunk's start); "same" when equal, "long"
    when either has more than :data:`DIFF_LINES` lines."""
    if old == new:
        return "same"
    a, b = old.splitlines(), new.splitlines()
    if len(a) > DIFF_LINES or len(b) > DIFF_LINES:
        return "long"
    out = []
    for line in list(difflib.unified_diff(a, b, n=2, lineterm=""))[2:]:  # without the ---/+++ header
        out.append(("@", line) if line.startswith("@@") else (line[:1], line[1:]))
    return out or "same"  # only line endings differ


def history(services: Services, user_id: int, item_id: str) -> list[dict]:
    """The learner's latest attempts, newest first, each with its line diff
    against the attempt before it (``None`` for the first one ever)."""
    rows = services.attempts(user_id, item_id, HISTORY + 1)
    for newer, older in zip(rows, rows[1:] + [None]):
        newer["diff"] = None if older is None else line_diff(older["source"], newer["source"])
    return rows[:HISTORY]


def editor_source(services: Services, user_id: int, item_id: str, rows: list[dict]) -> tuple[str | None, str]:
    """What the editor starts with: (source, which) for the latest passing
    code, else the latest attempt; (None, "starter") when there is none."""
    passing = next((a["source"] for a in rows if a["passed"]), None)
    if passing is None and rows:
        passing = services.store.accepted_source(user_id, item_id)  # an older pass, past the list
    if passing is not None:
        return passing, "passing"
    return (rows[0]["source"], "latest") if rows else (None, "starter")


def _page(request: Request, v: Viewer, services: Services, item_id: str, source: str | None = None,
          result: GradeResult | None = None, status: int = 200, notice: str | None = None,
          fragment: bool = False, loaded: str | None = None, loaded_at: str | None = None):
    """The exercise's page, or with ``fragment`` only its verdict and history
    (what app.js puts in place after checking without a page load)."""
    rows = history(services, v.user_id, item_id)
    if source is None:
        source, loaded = editor_source(services, v.user_id, item_id, rows)
        source = source if source is not None else _starter(item_id, v.lang)
    name = "exercise_result.html" if fragment else "exercise.html"
    info = services.item(item_id, v.lang)
    today = today_bar(services, v.user_id, v.lang, item_id, just_done=result is not None and result.passed)
    # the cohorts' feedback on the mistakes named here: under the verdict, and under earlier attempts
    named = {a["mistake"] for a in rows} | {result.mistake if result is not None else None}
    feedback = teaching.feedback_by_mistake(services.store, v.user_id, item_id, named)
    response = render(request, name, v, status=status, item=info, source=source, result=result,
                      attempts=rows, notice=notice, loaded=loaded, loaded_at=loaded_at, marked=marked, today=today,
                      feedback=feedback)
    if fragment:
        response.headers[FRAGMENT] = "verdict"
        response.headers["Cache-Control"] = "no-store"
    return response


def _restored(v: Viewer, services: Services, item_id: str, code: str) -> tuple[str, str | None]:
    """(the source, when it was sent) that ``?code=`` asks for: "starter" or
    one of the learner's own attempts at this exercise listed on the page; else 404."""
    if code == "starter":
        return _starter(item_id, v.lang), None
    if code.isdigit() and len(code) < 20:
        for a in history(services, v.user_id, item_id):
            if a["id"] == int(code):
                return a["source"], a["created_at"]
    raise HTTPException(404, UI[v.lang]["no_such_attempt"])


@router.get("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def exercise(request: Request, item_id: str, v: ViewerDep, services: ServicesDep,
             code: Annotated[str | None, Query(max_length=20)] = None,
             review: Annotated[str | None, Query(max_length=1)] = None):
    """The page; ``?code=starter`` or ``?code=ATTEMPT_ID`` puts that code in the
    editor (asked for by app.js with the fragment header: the code alone, as
    text); ``?review=1`` (a due exercise, from Today or the catalog) starts
    the editor on the starter code: a review is implemented from memory."""
    page_item(item_id, "exercise")
    if v.user_id is None:
        return need_signin(request)
    if code is None and review:
        return _page(request, v, services, item_id, _starter(item_id, v.lang), loaded="review")
    if code is None:
        return _page(request, v, services, item_id)
    source, at = _restored(v, services, item_id, code)
    if request.headers.get(FRAGMENT) == "source":
        return PlainTextResponse(source, headers={FRAGMENT: "source", "Cache-Control": "no-store"})
    return _page(request, v, services, item_id, source, loaded="starter" if at is None else "attempt",
                 loaded_at=at)


@router.post("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
async def submit(request: Request, item_id: str, v: ViewerDep, state: StateDep):
    """Check the code: the whole page again (a plain form), or with the fragment
    header (app.js) only the verdict and the history.  The same CSRF token
    either way; ``Server-Timing`` says how long this took here."""
    started = time.perf_counter()
    page_item(item_id, "exercise")
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    fragment = request.headers.get(FRAGMENT) == "verdict"
    source = str(form.get("source", ""))
    if not await run_in_threadpool(state.submit_limit.allow, f"user:{v.user_id}"):
        if not fragment:
            return render(request, "error.html", v, status=429, message=UI[v.lang]["rate-limited"])
        response = await run_in_threadpool(_page, request, v, state.services, item_id, source, None, 429,
                                           UI[v.lang]["rate-limited"], True)
        response.headers["Retry-After"] = "60"
        return response
    try:
        result, _attempt = await state.services.submit(v.user_id, item_id, source, v.lang)
    except SubmissionRefused as exc:
        # the page again, with the learner's code as sent and why it was not graded
        response = await run_in_threadpool(_page, request, v, state.services, item_id, source, None,
                                           exc.status, UI[v.lang][exc.key], fragment)
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    response = await run_in_threadpool(_page, request, v, state.services, item_id, source, result,  # reads attempts
                                       200, None, fragment)
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


# -- the API ----------------------------------------------------------------------------

@router.post("/api/exercises/{item_id}/attempts", response_model=AttemptResult, tags=["practice"])
async def attempt(item_id: str, body: AttemptRequest, user: ApiUserDep, state: StateDep):
    """Grade a submission in the sandbox and record it.  A verdict naming a
    mistake comes with what the teachers of your cohorts wrote on it."""
    api_item_kind(item_id, "exercise")
    if not await run_in_threadpool(state.submit_limit.allow, f"user:{user.user_id}"):
        raise HTTPException(429, "too many submissions; wait a minute")
    try:
        result, attempt = await state.services.submit(user.user_id, item_id, body.source, body.lang or user.lang)
    except SubmissionRefused as exc:
        raise HTTPException(exc.status, UI[body.lang or user.lang][exc.key],
                            headers={"Retry-After": str(exc.retry_after)} if exc.retry_after else None) from None
    shown = await run_in_threadpool(teaching.feedback_for, state.store, user.user_id, item_id, [result.mistake])
    data = {**result.to_dict(), "attempt_id": attempt, "feedback": [dataclasses.asdict(f) for f in shown]}
    return AttemptResult(**{k: data[k] for k in AttemptResult.model_fields})


@router.get("/api/exercises/{item_id}/attempts", response_model=list[PastAttempt], tags=["practice"])
def attempts(item_id: str, user: ApiUserDep, services: ServicesDep,
             limit: Annotated[int, Query(ge=1, le=100)] = 10):
    """Your recent attempts at an exercise, newest first, each with the
    feedback your cohorts' teachers wrote on the mistake it names."""
    api_item_kind(item_id, "exercise")
    rows = services.attempts(user.user_id, item_id, limit)
    written = teaching.feedback_by_mistake(services.store, user.user_id, item_id, {r["mistake"] for r in rows})
    return [{**r, "feedback": [dataclasses.asdict(f) for f in written.get(r["mistake"], [])]} for r in rows]
