"""Drills: a variant to answer by hand (its numbers come from a seed the
server chooses and signs for the learner), the answer checked, and once the
variant has ended the worked solution shown (pages and API)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...grading.drills import BadAnswer
from ..deps import ApiUserDep, ServicesDep, StateDep, ViewerDep, need_signin, render, signed_in_form
from ..i18n import UI
from ..items import api_item_kind, page_item
from ..schemas import DrillAnswer, DrillAnswerRequest, DrillVariant, Lang
from ..services import BadVariant
from ..today import today_bar

__all__ = ["router"]

router = APIRouter()

SEEDS = 2**32  # numpy refuses negative seeds and larger ones


@router.get("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def drill(request: Request, item_id: str, v: ViewerDep, services: ServicesDep, state: StateDep,
          seed: int | None = None):
    """A new variant, issued to the viewer (a chosen ``seed`` only in local mode)."""
    page_item(item_id, "drill")
    if v.user_id is None:
        return need_signin(request)
    chosen = seed if state.config.local and seed is not None and 0 <= seed < SEEDS else None
    return render(request, "drill.html", v, drill=services.new_drill(v.user_id, item_id, v.lang, chosen),
                  outcome=None, today=today_bar(services, v.user_id, v.lang, item_id))


@router.post("/drills/{item_id}", response_class=HTMLResponse, include_in_schema=False)
async def answer(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    page_item(item_id, "drill")
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    token, typed = str(form.get("variant", "")), str(form.get("answer", ""))
    try:
        seed, _ = services.open_variant(v.user_id, item_id, token)
    except BadVariant:
        return render(request, "error.html", v, status=400, message=UI[v.lang]["bad-variant"])
    info = services.drill(item_id, token, seed, v.lang)
    try:
        outcome = await run_in_threadpool(services.answer_drill, v.user_id, item_id, token, typed, v.lang)
    except BadAnswer as exc:
        return render(request, "drill.html", v, status=400, drill=info, outcome=None, error=exc.in_lang(v.lang), typed=typed)
    today = await run_in_threadpool(today_bar, services, v.user_id, v.lang, item_id, outcome["ended"])
    return render(request, "drill.html", v, drill=info, outcome=outcome, typed=typed, today=today)


# -- the API ----------------------------------------------------------------------------

@router.get("/api/drills/{item_id}/variant", response_model=DrillVariant, tags=["practice"])
def drill_variant(item_id: str, user: ApiUserDep, services: ServicesDep, lang: Lang | None = None):
    """A new variant of a drill, issued to you: answer it with its `variant`."""
    api_item_kind(item_id, "drill")
    return services.new_drill(user.user_id, item_id, lang or user.lang)


@router.post("/api/drills/{item_id}/answers", response_model=DrillAnswer, tags=["practice"])
async def drill_answer(item_id: str, body: DrillAnswerRequest, user: ApiUserDep, services: ServicesDep):
    """Check a typed answer to a variant you were issued.  Wrong at the first
    try: try again; the answer and the worked solution come back once the
    variant has ended (right, or wrong twice).  Answers after that earn nothing."""
    api_item_kind(item_id, "drill")
    try:
        out = await run_in_threadpool(services.answer_drill, user.user_id, item_id, body.variant,
                                      body.answer, body.lang or user.lang)
    except BadVariant as exc:
        raise HTTPException(422, VARIANT_PROBLEMS[str(exc)]) from None
    except BadAnswer as exc:
        raise HTTPException(422, exc.in_lang(body.lang or user.lang)) from None
    return DrillAnswer(**{k: out[k] for k in DrillAnswer.model_fields})


VARIANT_PROBLEMS = {
    "malformed": "variant: not a variant; ask GET /api/drills/{item_id}/variant for one",
    "not-ours": "variant: not issued to you for this drill; ask GET /api/drills/{item_id}/variant for one",
    "expired": "variant: issued more than a day ago; ask GET /api/drills/{item_id}/variant for a new one",
}
