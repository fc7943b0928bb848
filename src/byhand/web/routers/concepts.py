"""A concept's page: its definition, where it is used, and the items around
it; for a signed-in learner its card (when it is due), "Review now" (the
term, the definition revealed, rated 1-4 here by the review rules of
``services``: the interval on each button, a rating given once) and the bar
of today's session."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ... import i18n
from ...content import loader
from ...services import scheduling
from ...services.review import interval_text
from ..deps import ServicesDep, Viewer, ViewerDep, render, signed_in_form
from ..i18n import UI
from ..items import KIND_PATHS, page_item
from ..services import JustReviewed, Services
from ..today import today_bar

__all__ = ["router"]

router = APIRouter()

RATINGS = ("1", "2", "3", "4")
RATING_KEYS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
MAX_SEEN = 64  # an ISO timestamp or "new"


def _card(services: Services, v: Viewer, item_id: str) -> dict | None:
    """The viewer's card for the concept as the page shows it: when it is
    due (in words), the interval each rating would give now and the state it
    is shown in (``seen``, so that a second tab or a double click rates once)."""
    if v.user_id is None:
        return None
    now = services.now()
    card = services.store.card(v.user_id, item_id)
    intervals = scheduling.preview(services.store, v.user_id, "concept", card, now)
    if card is None:
        status = UI[v.lang]["flow"]["card_new"]
    elif card.due <= now:
        status = UI[v.lang]["flow"]["card_due"]
    else:
        status = i18n.t("web.flow.card_next", v.lang, when=interval_text(card.due - now, v.lang))
    return {"status": status, "due": card is not None and card.due <= now,
            "when": interval_text(card.due - now, v.lang) if card is not None and card.due > now else None,
            "seen": card.last_review.isoformat() if card and card.last_review else "new",
            "intervals": {r: interval_text(d, v.lang) for r, d in intervals.items()}}


def _practise(item: dict, lang: str, most: int = 3) -> list[dict]:
    """The first exercises and drills practising the concept: exercises
    first, those on fewest other concepts first (every one is listed under
    "Practise it" below)."""
    rows = {r["id"]: r for r in loader.summaries()}
    found = [rows[i] for i in item["practised_by"] if i in rows and rows[i]["kind"] in ("exercise", "drill")]
    found.sort(key=lambda r: (r["kind"] != "exercise", len(r["concepts"])))  # the most focused on it first
    return [{"id": r["id"], "kind": r["kind"], "title": r["title"][lang], "href": f"/{KIND_PATHS[r['kind']]}/{r['id']}"}
            for r in found[:most]]


@router.get("/concepts/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def concept(request: Request, item_id: str, v: ViewerDep, services: ServicesDep, review: str | None = None,
            rated: str | None = None):
    """The page; ``?review=1`` the card to recall (signed in); ``?rated=N``
    after rating it here (says so, and shows Next in today's session)."""
    page_item(item_id, "concept")
    info = services.item(item_id, v.lang)
    card = _card(services, v, item_id)
    if review and card is not None:
        return render(request, "concept_review.html", v, item=info, card=card,
                      today=today_bar(services, v.user_id, v.lang, item_id))
    just = int(rated) if rated in RATINGS and card is not None and card["when"] else None
    flash = i18n.t("web.review_rated", v.lang, rating=UI[v.lang][RATING_KEYS[just]], when=card["when"]) if just else None
    titles = {r["id"]: (r["title"][v.lang], r["kind"]) for r in loader.summaries()}
    return render(request, "concept.html", v, item=info, titles=titles, paths=KIND_PATHS, card=card,
                  practise=_practise(info, v.lang),
                  today=today_bar(services, v.user_id, v.lang, item_id, just_done=just is not None),
                  flash=flash)


@router.post("/concepts/{item_id}/review", include_in_schema=False)
async def rate(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    """Rate the concept's card from its page (the review page's rule,
    ``Services.rate``), then the page again with Next (303)."""
    page_item(item_id, "concept")
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    rating, seen = form.get("rating", ""), form.get("seen") or None
    if rating not in RATINGS or (seen is not None and len(seen) > MAX_SEEN):
        raise HTTPException(400)
    try:
        await run_in_threadpool(services.rate, v.user_id, item_id, int(rating), seen)
    except JustReviewed:
        pass  # a double click or an older tab: the first rating stands
    return RedirectResponse(f"/concepts/{item_id}?rated={rating}#card", status_code=303)

