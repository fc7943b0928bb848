"""Drills: a variant to answer by hand (its numbers come from a seed), the
answer checked and the worked solution shown (pages and API)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...grading.drills import BadAnswer
from ..deps import ApiUserDep, ServicesDep, ViewerDep, need_signin, render, signed_in_form
from ..items import api_item_kind, page_item
from ..schemas import DrillAnswer, DrillAnswerRequest, DrillVariant, Lang

__all__ = ["router"]

router = APIRouter()

SEEDS = 2**32  # numpy refuses negative seeds and larger ones


@router.get("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def drill(request: Request, item_id: str, v: ViewerDep, services: ServicesDep, seed: int | None = None):
    page_item(item_id, "drill")
    if v.user_id is None:
        return need_signin(request)
    seed = secrets.randbits(31) if seed is None or not 0 <= seed < SEEDS else seed
    return render(request, "drill.html", v, drill=services.drill(item_id, seed, v.lang), outcome=None)


@router.post("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
async def answer(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    page_item(item_id, "drill")
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    try:
        seed = int(form.get("seed", ""))
    except ValueError:
        raise HTTPException(400) from None
    if not 0 <= seed < SEEDS:
        raise HTTPException(400)
    info = services.drill(item_id, seed, v.lang)
    try:
        outcome = await run_in_threadpool(services.answer_drill, v.user_id, item_id, seed,
                                          str(form.get("answer", "")), v.lang, str(form.get("shown", "")))
    except BadAnswer as exc:
        return render(request, "drill.html", v, status=400, drill=info, outcome=None, error=str(exc),
                      typed=form.get("answer", ""))
    return render(request, "drill.html", v, drill=info, outcome=outcome, typed=form.get("answer", ""))


# -- the API ----------------------------------------------------------------------------

@router.get("/api/drills/{item_id}/variant", response_model=DrillVariant, tags=["practice"])
def drill_variant(item_id: str, services: ServicesDep, seed: int = 0, lang: Lang = "en"):
    """A variant of a drill (the same seed gives the same numbers)."""
    api_item_kind(item_id, "drill")
    if not 0 <= seed < SEEDS:
        raise HTTPException(422, "seed must be in [0, 2**32)")
    return services.drill(item_id, seed, lang)


@router.post("/api/drills/{item_id}/answers", response_model=DrillAnswer, tags=["practice"])
async def drill_answer(item_id: str, body: DrillAnswerRequest, user: ApiUserDep, services: ServicesDep):
    """Check a typed answer; the worked solution comes back."""
    api_item_kind(item_id, "drill")
    try:
        out = await run_in_threadpool(services.answer_drill, user.user_id, item_id, body.seed,
                                      body.answer, body.lang or user.lang, body.shown)
    except BadAnswer as exc:
        raise HTTPException(422, str(exc)) from None
    return DrillAnswer(**{k: out[k] for k in DrillAnswer.model_fields})
