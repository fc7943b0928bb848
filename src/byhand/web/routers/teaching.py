"""A teacher's view of a cohort and its daily rhythm (services/teaching.py),
in the JSON API and as pages (plain forms: everything works without
JavaScript): /cohorts/{id}/dashboard (its teachers and admins) with its
CSV downloads and a feedback form per mistake, and the cohort home's day
(today's pins, who finished them, the week's agenda: ``cohort_today``).

API (bearer tokens): the dashboard and its CSV tables, feedback on a named
mistake (the cohort's teachers and admins; 403 for anyone else), the
cohort's day (its members) and its pins (its teachers).  Refusals are said
as on the rest of studying together (routers/community.py): 403 not a
teacher or not a member, 404 unknown, 422 a bad value."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Callable, TypeVar

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from ...errors import UnknownItem
from ...services import teaching
from ...services.cohorts import Refused
from ..deps import ApiUser, ApiUserDep, AppState, StateDep, Viewer, ViewerDep, render
from ..items import KIND_PATHS
from ..schemas import CohortToday, Dashboard, Feedback, FeedbackRequest, Pinned, PinRequest
from .community import CohortId, status_of
from .community_forms import form_action, signed_in_page

__all__ = ["cohort_today", "router"]

router = APIRouter()

T = TypeVar("T")
Area = Annotated[str | None, Query(max_length=32, description="an area: its concepts as the heatmap's columns")]
Days = Annotated[int | None, Query(ge=1, le=365, description="days without activity before a learner is stuck "
                                                              "(default 7)")]
Failures = Annotated[int | None, Query(ge=1, le=100, description="failures at an item never passed before a "
                                                                  "learner is stuck (default 5)")]
Table = Annotated[str, Query(max_length=16, description="mastery, items, mistakes or stuck")]


def _api(user: ApiUser, fn: Callable[..., T], *args, **kwargs) -> T:
    """``fn(*args, **kwargs)``, a refusal said as its status with its reason in the user's language."""
    try:
        return fn(*args, **kwargs)
    except (Refused, UnknownItem) as exc:
        raise HTTPException(status_of(exc), exc.in_lang(user.lang)) from None


def csv_response(d: teaching.Dashboard, table: str, lang: str) -> Response:
    """One table of the dashboard as a CSV download (UTF-8 with a BOM, for spreadsheets)."""
    body = teaching.csv_table(d, table, lang).encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="cohort-{d.cohort_id}-{table}.csv"',
        "Cache-Control": "no-store"})


def _today(day: teaching.Today) -> CohortToday:
    return CohortToday(cohort_id=day.cohort_id, day=day.day.isoformat(), zone=day.zone, learners=day.learners,
                       pins=[dataclasses.asdict(p) for p in day.pins],
                       agenda=[dataclasses.asdict(a) for a in day.agenda])


# -- the API ----------------------------------------------------------------------------------------

@router.get("/api/cohorts/{cohort_id}/dashboard", response_model=Dashboard, tags=["teaching"])
def dashboard(cohort_id: CohortId, user: ApiUserDep, state: StateDep, area: Area = None,
              inactive_days: Days = None, failures: Failures = None):
    """The cohort as its teachers see it: a mastery heatmap (learners × areas,
    or × the concepts of ``area``), per-item statistics, the named mistakes
    with how many learners made each in how many attempts, and who is stuck."""
    d = _api(user, teaching.dashboard, state.store, user.user_id, cohort_id, user.lang, state.services.now(),
             area=area, inactive_days=inactive_days, failures=failures)
    # validated once from the records' attributes, sent as is (FastAPI would validate a returned model again)
    return Response(Dashboard.model_validate(d, from_attributes=True).model_dump_json(),
                    media_type="application/json")


@router.get("/api/cohorts/{cohort_id}/dashboard.csv", tags=["teaching"],
            responses={200: {"content": {"text/csv": {}}, "description": "a CSV file (UTF-8 with a BOM)"}})
def dashboard_csv(cohort_id: CohortId, user: ApiUserDep, state: StateDep, table: Table = "mistakes",
                  area: Area = None, inactive_days: Days = None, failures: Failures = None):
    """One table of the dashboard as CSV: mastery, items, mistakes or stuck."""
    d = _api(user, teaching.dashboard, state.store, user.user_id, cohort_id, user.lang, state.services.now(),
             area=area, inactive_days=inactive_days, failures=failures)
    return _api(user, csv_response, d, table, user.lang)


@router.post("/api/cohorts/{cohort_id}/feedback", response_model=list[Feedback], tags=["teaching"])
def write_feedback(cohort_id: CohortId, body: FeedbackRequest, user: ApiUserDep, state: StateDep):
    """Write (or rewrite) the cohort's feedback on a named mistake at an
    exercise: every member whose verdict names it sees it under the verdict.
    Answers with the feedback as the cohort's members see it."""
    _api(user, teaching.write_feedback, state.store, user.user_id, cohort_id, body.item_id, body.mistake,
         body.body, state.services.now())
    shown = teaching.feedback_for(state.store, user.user_id, body.item_id, [body.mistake])
    return [dataclasses.asdict(f) for f in shown if f.cohort_id == cohort_id]


@router.delete("/api/cohorts/{cohort_id}/feedback", status_code=204, response_class=Response, tags=["teaching"])
def delete_feedback(cohort_id: CohortId, user: ApiUserDep, state: StateDep,
                    item_id: Annotated[str, Query(max_length=128)], mistake: Annotated[str, Query(max_length=64)]):
    if not _api(user, teaching.delete_feedback, state.store, user.user_id, cohort_id, item_id, mistake):
        raise HTTPException(404)


@router.get("/api/cohorts/{cohort_id}/today", response_model=CohortToday, tags=["teaching"])
def today(cohort_id: CohortId, user: ApiUserDep, state: StateDep):
    """The cohort's day (its members): the items its teachers pinned, who has
    finished each, and the week's most frequent named mistakes."""
    return _today(_api(user, teaching.today, state.store, user.user_id, cohort_id, user.lang, state.services.now()))


@router.post("/api/cohorts/{cohort_id}/pins", response_model=Pinned, tags=["teaching"])
def pin(cohort_id: CohortId, body: PinRequest, user: ApiUserDep, state: StateDep):
    """Pin an item for the cohort's day (default: its today, in the cohort's time zone)."""
    day = _api(user, teaching.pin, state.store, user.user_id, cohort_id, body.item_id, state.services.now(), body.day)
    return Pinned(cohort_id=cohort_id, item_id=body.item_id, day=day.isoformat())


@router.delete("/api/cohorts/{cohort_id}/pins/{item_id}", status_code=204, response_class=Response,
               tags=["teaching"])
def unpin(cohort_id: CohortId, item_id: str, user: ApiUserDep, state: StateDep,
          day: Annotated[str | None, Query(max_length=10)] = None):
    if not _api(user, teaching.unpin, state.store, user.user_id, cohort_id, item_id, state.services.now(), day):
        raise HTTPException(404)


# -- pages ------------------------------------------------------------------------------------------

HEAT_LEVELS = 10  # the heatmap's colours: mastery in tenths (the number is written in every cell too)


def heat_level(m: float) -> int:
    return max(0, min(HEAT_LEVELS, int(m * HEAT_LEVELS + 1e-9)))


def _dashboard_page(request: Request, v: Viewer, state: AppState, cohort_id: int, area: str | None,
                    inactive_days: int | None, failures: int | None) -> Response:
    d = teaching.dashboard(state.store, v.user_id, cohort_id, v.lang, state.services.now(), area=area,
                           inactive_days=inactive_days, failures=failures)
    query = urlencode({k: val for k, val in (("area", area), ("inactive_days", inactive_days),
                                             ("failures", failures)) if val is not None})
    return render(request, "cohort_dashboard.html", v, d=d, areas=teaching.area_titles(v.lang), level=heat_level,
                  kind_paths=KIND_PATHS, kinds={i.item_id: i.kind for i in d.items}, minutes=teaching.minutes,
                  csv_tables=teaching.CSV_TABLES, mistake_anchor=mistake_anchor, query=("&" + query) if query else "")


@router.get("/cohorts/{cohort_id}/dashboard", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep, area: Area = None,
                   inactive_days: Days = None, failures: Failures = None):
    """The cohort's dashboard (its teachers and admins): the heatmap, the
    items, the mistakes with a feedback form each, who is stuck, CSV links."""
    return signed_in_page(request, v, lambda: _dashboard_page(request, v, state, cohort_id, area or None, inactive_days,
                                                     failures))


@router.get("/cohorts/{cohort_id}/dashboard.csv", include_in_schema=False)
def dashboard_csv_page(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep,
                       table: Table = "mistakes", area: Area = None, inactive_days: Days = None,
                       failures: Failures = None):
    def make():
        d = teaching.dashboard(state.store, v.user_id, cohort_id, v.lang, state.services.now(), area=area or None,
                               inactive_days=inactive_days, failures=failures)
        return csv_response(d, table, v.lang)
    return signed_in_page(request, v, make)


@router.post("/cohorts/{cohort_id}/feedback", include_in_schema=False)
async def feedback_form(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep):
    """Save (or, with ``delete``, remove) the feedback of a mistake row; back to the row."""
    def act(form):
        item_id, mistake = form.get("item_id", ""), form.get("mistake", "")
        if form.get("delete"):
            teaching.delete_feedback(state.store, v.user_id, cohort_id, item_id, mistake)
        else:
            teaching.write_feedback(state.store, v.user_id, cohort_id, item_id, mistake, form.get("body", ""),
                                    state.services.now())
        return f"/cohorts/{cohort_id}/dashboard#{mistake_anchor(item_id, mistake)}"
    return await form_action(request, v, state, act, limited=True)


@router.post("/cohorts/{cohort_id}/pins", include_in_schema=False)
async def pin_form(request: Request, cohort_id: CohortId, v: ViewerDep, state: StateDep):
    """Pin an item for the cohort's today (or, with ``remove``, unpin it); back to the cohort's day."""
    def act(form):
        item_id = form.get("item_id", "").strip()
        if form.get("remove"):
            teaching.unpin(state.store, v.user_id, cohort_id, item_id, state.services.now())
        else:
            teaching.pin(state.store, v.user_id, cohort_id, item_id, state.services.now())
        return f"/cohorts/{cohort_id}#today"
    return await form_action(request, v, state, act)


def mistake_anchor(item_id: str, mistake: str) -> str:
    return "m-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in f"{item_id}-{mistake}")


def cohort_today(state: AppState, v: Viewer, cohort_id: int) -> dict:
    """What the cohort home shows of its day (``cohort_today.html``): today's
    pins with who finished them, the week's agenda, and for its teachers
    the items they may pin."""
    day = teaching.today(state.store, v.user_id, cohort_id, v.lang, state.services.now())
    pickable = teaching.pickable_items(v.lang) if day.teacher else []
    return {"today": day, "pickable": pickable, "kind_paths": KIND_PATHS, "mistake_anchor": mistake_anchor}
