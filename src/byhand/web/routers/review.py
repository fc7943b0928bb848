"""Review, like Anki (``services.review``): one flow through what is due of
every kind (a concept card to recall and rate, a drill as a fresh variant, an
exercise to re-implement from memory) and new concept cards; the API's queue
of what is due today.

Every action is a plain form (the page works without JavaScript); with
``static/review.js`` the same requests are sent by fetch with the header
``X-Byhand-Fragment: 1`` and answered with the review section alone, which
replaces the one on the page (Space reveals, 1-4 rate)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ... import i18n
from ...content import loader
from ...errors import UnknownItem
from ...grading.drills import BadAnswer
from ...services import teaching
from ...services.review import interval_text
from ..deps import ApiUserDep, ServicesDep, StateDep, Viewer, ViewerDep, need_signin, render, signed_in_form
from ..i18n import UI
from ..items import api_item_kind
from ..schemas import DueItem, GaveUp, GiveUpRequest, Lang, ReviewNext, ReviewRequest, ReviewResult
from ..services import BadVariant, JustReviewed, NotSelfRated, Services, SubmissionRefused
from .exercises import _starter

__all__ = ["router"]

router = APIRouter()

FRAGMENT = "x-byhand-fragment"
RATINGS = ("1", "2", "3", "4")
MAX_SEEN = 64  # an ISO timestamp or "new"


def _kind(item_id: str) -> str | None:
    try:
        return loader.kind_of(item_id) if isinstance(item_id, str) and len(item_id) <= 200 else None
    except UnknownItem:
        return None


def _words(v: Viewer, step: dict, flash: str | None = None) -> dict:
    """The step's sentences in the viewer's language (counts, intervals, when)."""
    lang, now = v.lang, step["now"]

    def when(t: datetime) -> str:
        return interval_text(t - now, lang)

    words = {"left": i18n.t("web.review_left", lang, n=step["left"]),
             "later": i18n.t("web.review_later", lang, n=step["later"]) if step["later"] else None,
             "next_in": i18n.t("web.review_next_in", lang, when=when(step["next_due"])) if step["next_due"] else None,
             "flash": flash}
    if step["card"] is None and not step["next_due"]:
        nxt = step["next_review"]
        words["done"] = i18n.t("web.review_done", lang,
                               when=when(nxt) if nxt else UI[lang]["review_none_scheduled"])
    if step.get("intervals"):
        words["intervals"] = {r: interval_text(d, lang) for r, d in step["intervals"].items()}
    if step["kind"] == "exercise":
        words["recall_exercise"] = i18n.t("web.review_recall_exercise", lang, fn=step["card"]["function"])
    return words


def _rated(v: Viewer, rating: int | None, due: datetime | None, now: datetime) -> str | None:
    if rating is None or due is None:
        return None
    name = UI[v.lang][{1: "again", 2: "hard", 3: "good", 4: "easy"}[rating]]
    return i18n.t("web.review_rated", v.lang, rating=name, when=interval_text(due - now, v.lang))


def _show(request: Request, v: Viewer, step: dict, *, status: int = 200, reveal: bool = False,
          flash: str | None = None, outcome: dict | None = None, source: str | None = None,
          result=None, notice: str | None = None, error: str | None = None, typed: str = "",
          feedback: dict | None = None):
    """The review page, or only its section for a fetch from review.js
    (``feedback``: the cohorts' feedback on the verdict's mistake)."""
    fragment = request.headers.get(FRAGMENT) == "1"
    if step["kind"] == "exercise" and source is None:
        source = _starter(step["card"]["id"], v.lang)  # from memory: a fresh start, never their old code
    response = render(request, "review_step.html" if fragment else "review.html", v, status=status,
                      step=step, w=_words(v, step, flash), reveal=reveal, outcome=outcome, source=source,
                      result=result, notice=notice, error=error, typed=typed, feedback=feedback)
    response.headers["Vary"] = "X-Byhand-Fragment"
    if fragment:
        response.headers["X-Byhand-Fragment"] = "1"  # review.js swaps in only this, else loads the page
    return response


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review(request: Request, v: ViewerDep, services: ServicesDep, reveal: str | None = None,
           item: str | None = None):
    if v.user_id is None:
        return need_signin(request)
    chosen = item if item and _kind(item) == "concept" else None
    return _show(request, v, services.review_step(v.user_id, v.lang, chosen), reveal=bool(reveal))


@router.post("/review", include_in_schema=False)
async def rate(request: Request, v: ViewerDep, services: ServicesDep):
    """A concept card's rating; then the next card (a redirect, or the section for a fetch)."""
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    item_id, rating, seen = form.get("item_id", ""), form.get("rating", ""), form.get("seen") or None
    if _kind(item_id) != "concept" or rating not in RATINGS or (seen is not None and len(seen) > MAX_SEEN):
        raise HTTPException(400)
    flash = None
    try:
        out = await run_in_threadpool(services.rate, v.user_id, item_id, int(rating), seen)
        flash = _rated(v, int(rating), datetime.fromisoformat(out["due"]), services.now())
    except JustReviewed:
        pass  # a double click or an older tab: the first rating stands, on to the next card
    if request.headers.get(FRAGMENT) != "1":
        return RedirectResponse("/review", status_code=303)
    step = await run_in_threadpool(services.review_step, v.user_id, v.lang)
    return _show(request, v, step, flash=flash)


@router.post("/review/drill", include_in_schema=False)
async def drill_answer(request: Request, v: ViewerDep, services: ServicesDep):
    """An answer to the drill variant the review issued (rated by
    ``attempts.record_drill_answer`` once the variant ends)."""
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    item_id, token, typed = form.get("item_id", ""), form.get("variant", ""), form.get("answer", "")
    if _kind(item_id) != "drill":
        raise HTTPException(400)
    try:
        seed, _ = services.open_variant(v.user_id, item_id, token)
    except BadVariant:
        return render(request, "error.html", v, status=400, message=UI[v.lang]["bad-variant"])
    step = await run_in_threadpool(services.review_step, v.user_id, v.lang)
    step.update(card=services.item(item_id, v.lang), kind="drill", drill=services.drill(item_id, token, seed, v.lang))
    try:
        outcome = await run_in_threadpool(services.answer_drill, v.user_id, item_id, token, typed, v.lang)
    except BadAnswer as exc:
        return _show(request, v, step, status=400, error=exc.in_lang(v.lang), typed=typed)
    flash = None
    if outcome["ended"]:
        step = await run_in_threadpool(services.review_step, v.user_id, v.lang)  # the counts after it
        step.update(card=services.item(item_id, v.lang), kind="drill",
                    drill=services.drill(item_id, token, seed, v.lang))
        flash = _rated(v, outcome["rating"], services.due_at(v.user_id, item_id), step["now"])
    return _show(request, v, step, outcome=outcome, flash=flash, typed=typed)


@router.post("/review/exercise", include_in_schema=False)
async def exercise_attempt(request: Request, v: ViewerDep, state: StateDep):
    """Check a re-implementation from memory (graded and recorded as on the
    exercise page: a pass rates it from today's gradings), or give up (Again)."""
    services: Services = state.services
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    item_id, source = form.get("item_id", ""), form.get("source", "")
    if _kind(item_id) != "exercise":
        raise HTTPException(400)
    if form.get("action") == "give-up":
        due = await run_in_threadpool(services.give_up, v.user_id, item_id)
        step = await run_in_threadpool(services.review_step, v.user_id, v.lang)
        flash = (i18n.t("web.review_gave_up", v.lang, when=interval_text(due - step["now"], v.lang))
                 if due else None)
        return _show(request, v, step, flash=flash)

    def this_exercise(step: dict) -> dict:
        step.update(card=services.item(item_id, v.lang), kind="exercise")
        return step

    if not await run_in_threadpool(state.submit_limit.allow, f"user:{v.user_id}"):
        step = this_exercise(await run_in_threadpool(services.review_step, v.user_id, v.lang))
        return _show(request, v, step, status=429, source=source, notice=UI[v.lang]["rate-limited"])
    try:
        result, _attempt = await services.submit(v.user_id, item_id, source, v.lang)
    except SubmissionRefused as exc:
        step = this_exercise(await run_in_threadpool(services.review_step, v.user_id, v.lang))
        response = _show(request, v, step, status=exc.status, source=source, notice=UI[v.lang][exc.key])
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    step = this_exercise(await run_in_threadpool(services.review_step, v.user_id, v.lang))
    flash = None
    if result.passed:
        due = await run_in_threadpool(services.due_at, v.user_id, item_id)
        flash = i18n.t("web.review_interval", v.lang, when=interval_text(due - step["now"], v.lang)) if due else None
    feedback = await run_in_threadpool(teaching.feedback_by_mistake, services.store, v.user_id, item_id,
                                       [result.mistake])
    return _show(request, v, step, source=source, result=result, flash=flash, feedback=feedback)


# -- the API ----------------------------------------------------------------------------

@router.get("/api/reviews/due", response_model=list[DueItem], tags=["review"])
def due(user: ApiUserDep, services: ServicesDep, lang: Lang | None = None):
    """Today's queue: due reviews interleaved with new items."""
    return services.due(user.user_id, lang or user.lang)


@router.get("/api/reviews/next", response_model=ReviewNext, tags=["review"])
def review_next(user: ApiUserDep, services: ServicesDep, lang: Lang | None = None):
    """The review session now, as /review shows it (like Anki): the next card
    of any kind and how many are left.  A concept card comes with the time
    each rating would make it due (rate it at POST /api/reviews with its
    `seen`); a drill with a fresh variant to answer; an exercise is
    re-implemented from memory (POST /api/exercises/{item_id}/attempts, or
    POST /api/reviews/give-up).  A card rated Again returns the same day."""
    step = services.review_step(user.user_id, lang or user.lang)
    card = step["card"]
    now = step["now"]
    return {"card": card and {"id": card["id"], "kind": step["kind"], "new": step["new"], "title": card["title"]},
            "left": step["left"], "later": step["later"], "next_due": step["next_due"],
            "next_review": step["next_review"], "seen": step.get("seen"), "variant": step.get("drill"),
            "intervals": {r: now + d for r, d in step["intervals"].items()} if step.get("intervals") else None}


@router.post("/api/reviews/give-up", response_model=GaveUp, tags=["review"])
def give_up(body: GiveUpRequest, user: ApiUserDep, services: ServicesDep):
    """Give up re-implementing a due exercise: rated Again, back in a
    learning step (it returns the same day)."""
    api_item_kind(body.item_id, "exercise")
    return {"item_id": body.item_id, "due": services.give_up(user.user_id, body.item_id)}


@router.post("/api/reviews", response_model=ReviewResult, tags=["review"])
def record_review(body: ReviewRequest, user: ApiUserDep, services: ServicesDep):
    """Record a self-rated review of a concept card (FSRS).  Drills and
    exercises are rated from their answers and gradings, not here."""
    api_item_kind(body.item_id)
    try:
        return services.rate(user.user_id, body.item_id, body.rating, body.seen)
    except NotSelfRated as exc:
        raise HTTPException(422, f"only concept cards are rated directly; a {exc} is rated when "
                                 "you answer or pass it") from None
    except JustReviewed:
        raise HTTPException(409, "this card was reviewed by another request at the same moment; "
                                 "that rating stands") from None
