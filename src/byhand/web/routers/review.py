"""Review: concept cards rated by the learner (FSRS), and the API's queue
of what is due today."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...errors import UnknownItem
from ..deps import ApiUserDep, ServicesDep, ViewerDep, need_signin, render, signed_in_form
from ..items import api_item_kind
from ..schemas import DueItem, Lang, ReviewRequest, ReviewResult
from ..services import JustReviewed, NotSelfRated

__all__ = ["router"]

router = APIRouter()


def _is_concept(item_id: str) -> bool:
    try:
        return loader.kind_of(item_id) == "concept"
    except UnknownItem:
        return False


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review(request: Request, v: ViewerDep, services: ServicesDep, reveal: str | None = None,
           item: str | None = None):
    if v.user_id is None:
        return need_signin(request)
    item_id = item if item and loader.summaries() and _is_concept(item) else services.next_card(v.user_id)
    info = services.item(item_id, v.lang) if item_id else None
    return render(request, "review.html", v, card=info, reveal=bool(reveal))


@router.post("/review", include_in_schema=False)
async def rate(request: Request, v: ViewerDep, services: ServicesDep):
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    item_id, rating = form.get("item_id", ""), form.get("rating", "")
    if not _is_concept(item_id) or rating not in ("1", "2", "3", "4"):
        raise HTTPException(400)
    try:
        await run_in_threadpool(services.rate, v.user_id, item_id, int(rating))
    except JustReviewed:
        pass  # a double click: the first click's rating stands, on to the next card
    return RedirectResponse("/review", status_code=303)


# -- the API ----------------------------------------------------------------------------

@router.get("/api/reviews/due", response_model=list[DueItem], tags=["review"])
def due(user: ApiUserDep, services: ServicesDep, lang: Lang | None = None):
    """Today's queue: due reviews interleaved with new items."""
    return services.due(user.user_id, lang or user.lang)


@router.post("/api/reviews", response_model=ReviewResult, tags=["review"])
def record_review(body: ReviewRequest, user: ApiUserDep, services: ServicesDep):
    """Record a self-rated review of a concept card (FSRS).  Drills and
    exercises are rated from their answers and gradings, not here."""
    api_item_kind(body.item_id)
    try:
        return services.rate(user.user_id, body.item_id, body.rating)
    except NotSelfRated as exc:
        raise HTTPException(422, f"only concept cards are rated directly; a {exc} is rated when "
                                 "you answer or pass it") from None
    except JustReviewed:
        raise HTTPException(409, "this card was reviewed by another request at the same moment; "
                                 "that rating stands") from None
