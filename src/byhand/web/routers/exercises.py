"""Exercises: the page with its code box and verdict, and the API's
attempts (submit one to be graded; list your recent ones)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...grading.result import GradeResult
from ...practice.workspace import stub
from ..deps import ApiUserDep, ServicesDep, StateDep, Viewer, ViewerDep, need_signin, render, signed_in_form
from ..i18n import UI
from ..items import api_item_kind, page_item
from ..schemas import AttemptRequest, AttemptResult, PastAttempt
from ..services import Services, SubmissionRefused

__all__ = ["router"]

router = APIRouter()


def _starter(item_id: str, lang: str) -> str:
    return "import numpy as np\n\n\n" + stub(loader.load_exercise(item_id), lang)


def _page(request: Request, v: Viewer, services: Services, item_id: str, source: str | None = None,
          result: GradeResult | None = None, status: int = 200, notice: str | None = None):
    info = services.item(item_id, v.lang)
    attempts = services.attempts(v.user_id, item_id) if v.user_id is not None else []
    if source is None:
        source = attempts[0]["source"] if attempts else _starter(item_id, v.lang)
    return render(request, "exercise.html", v, status=status, item=info, source=source, result=result,
                  attempts=attempts, notice=notice)


@router.get("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def exercise(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    page_item(item_id, "exercise")
    if v.user_id is None:
        return need_signin(request)
    return _page(request, v, services, item_id)


@router.post("/exercises/{item_id}", response_class=HTMLResponse, include_in_schema=False)
async def submit(request: Request, item_id: str, v: ViewerDep, state: StateDep):
    page_item(item_id, "exercise")
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    source = str(form.get("source", ""))
    if not await run_in_threadpool(state.submit_limit.allow, f"user:{v.user_id}"):
        return render(request, "error.html", v, status=429, message=UI[v.lang]["rate-limited"])
    try:
        result, _attempt = await state.services.submit(v.user_id, item_id, source, v.lang)
    except SubmissionRefused as exc:
        # the page again, with the learner's code as sent and why it was not graded
        response = await run_in_threadpool(_page, request, v, state.services, item_id, source, None,
                                           exc.status, UI[v.lang][exc.key])
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return await run_in_threadpool(_page, request, v, state.services, item_id, source, result)  # reads attempts


# -- the API ----------------------------------------------------------------------------

@router.post("/api/exercises/{item_id}/attempts", response_model=AttemptResult, tags=["practice"])
async def attempt(item_id: str, body: AttemptRequest, user: ApiUserDep, state: StateDep):
    """Grade a submission in the sandbox and record it."""
    api_item_kind(item_id, "exercise")
    if not await run_in_threadpool(state.submit_limit.allow, f"user:{user.user_id}"):
        raise HTTPException(429, "too many submissions; wait a minute")
    try:
        result, attempt = await state.services.submit(user.user_id, item_id, body.source, body.lang or user.lang)
    except SubmissionRefused as exc:
        raise HTTPException(exc.status, UI[body.lang or user.lang][exc.key],
                            headers={"Retry-After": str(exc.retry_after)} if exc.retry_after else None) from None
    data = {**result.to_dict(), "attempt_id": attempt}
    return AttemptResult(**{k: data[k] for k in AttemptResult.model_fields})


@router.get("/api/exercises/{item_id}/attempts", response_model=list[PastAttempt], tags=["practice"])
def attempts(item_id: str, user: ApiUserDep, services: ServicesDep,
             limit: Annotated[int, Query(ge=1, le=100)] = 10):
    """Your recent attempts at an exercise, newest first."""
    api_item_kind(item_id, "exercise")
    return services.attempts(user.user_id, item_id, limit)
