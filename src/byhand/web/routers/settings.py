"""Settings: the daily limit of new items, the desired retention with the
review workload it would bring, the time zone the learner's day follows,
and the language (``services.settings``: the bounds and the estimate).

The page works without JavaScript; ``static/settings.js`` picks the
browser's time zone while none is chosen and updates the workload as the
numbers change (``GET /settings/workload``)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone
from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ...services import settings as rules
from ...services.days import DEFAULT_ZONE, learner_zone, zone_names
from ..deps import LANG_COOKIE, ApiUserDep, StateDep, Viewer, ViewerDep, need_signin, render, signed_in_form
from ..schemas import Settings, SettingsUpdate, Workload

__all__ = ["router"]

router = APIRouter()


def zone_groups() -> list[tuple[str, list[str]]]:
    """The time zones grouped by region (``Asia/Seoul`` under Asia; ``UTC``
    and other names without a region under "UTC/…" first)."""
    def region(name: str) -> str:
        return name.split("/", 1)[0] if "/" in name else ""

    names = sorted(zone_names(), key=lambda n: (region(n) != "", region(n), n))
    return [(r, list(group)) for r, group in groupby(names, key=region)]


def _page(request: Request, v: Viewer, state, *, status: int = 200, values: dict | None = None,
          problems: dict | None = None, saved: bool = False) -> Response:
    store = state.store
    stored = rules.current(store, v.user_id)
    shown = {**stored, **(values or {})}
    zone = learner_zone(store, v.user_id)
    workload = rules.project(store, v.user_id, stored["desired_retention"], stored["daily_new_limit"])
    now = datetime.now(timezone.utc).astimezone(zone)
    return render(request, "settings.html", v, status=status, values=shown, problems=problems or {},
                  saved=saved, workload=workload, cards=len(store.cards(v.user_id)), zone_groups=zone_groups(),
                  chosen=stored["timezone"] is not None, zone=str(zone), now_local=now.strftime("%Y-%m-%d %H:%M"),
                  bounds={"new": rules.NEW_LIMIT, "retention": rules.RETENTION}, horizon=rules.HORIZON_DAYS)


def _signed_in(v: Viewer) -> bool:
    return v.user_id is not None


@router.get("/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, v: ViewerDep, state: StateDep):
    if not _signed_in(v):
        return need_signin(request)
    return _page(request, v, state)


@router.post("/settings", response_class=HTMLResponse, include_in_schema=False)
async def save_settings(request: Request, v: ViewerDep, state: StateDep):
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal
    sent = {f: form[f] for f in rules.FIELDS if f in form}
    try:
        values = rules.parse_form(sent)
    except rules.SettingsInvalid as exc:
        problems = {f: e.in_lang(v.lang) for f, e in exc.problems.items()}
        kept = {f: str(text)[:rules.FIELD_CHARS] for f, text in sent.items()}  # what was typed, to correct
        return await run_in_threadpool(
            lambda: _page(request, v, state, status=400, values=kept, problems=problems))
    await run_in_threadpool(rules.save, state.store, v.user_id, values)
    lang = values.get("lang", v.lang)
    shown = dataclasses.replace(v, lang=lang)
    response = await run_in_threadpool(lambda: _page(request, shown, state, saved=True))
    if lang != v.lang:
        response.set_cookie(LANG_COOKIE, lang, samesite="lax", max_age=365 * 86400,
                            secure=state.config.secure_cookies)
    return response


def _workload_json(store, user_id: int, lang: str, retention, new) -> Response:
    try:
        w = rules.project(store, user_id, retention, new)
    except rules.SettingsInvalid as exc:
        return _invalid(exc, lang, "query")
    return JSONResponse(w.as_dict())


def _invalid(exc: rules.SettingsInvalid, lang: str, where: str) -> Response:
    """422 naming each bad field, in the learner's language (the API's usual shape)."""
    detail = [{"loc": [where, f], "msg": e.in_lang(lang), "type": "value_error"} for f, e in exc.problems.items()]
    return Response(json.dumps({"detail": detail}, ensure_ascii=False), status_code=422,
                    media_type="application/json")


@router.get("/settings/workload", include_in_schema=False)
def page_workload(v: ViewerDep, state: StateDep, desired_retention: str = "", daily_new_limit: str = ""):
    """The workload estimate for the page's script (the viewer's session)."""
    if not _signed_in(v):
        return JSONResponse({"detail": "sign in"}, status_code=401)
    try:
        values = rules.parse_form({"desired_retention": desired_retention, "daily_new_limit": daily_new_limit})
    except rules.SettingsInvalid as exc:
        return _invalid(exc, v.lang, "query")
    return _workload_json(state.store, v.user_id, v.lang, values["desired_retention"], values["daily_new_limit"])


# -- the API ----------------------------------------------------------------------------

def _settings_out(store, user_id: int) -> Settings:
    s = rules.current(store, user_id)
    w = rules.project(store, user_id, s["desired_retention"], s["daily_new_limit"])
    return Settings(daily_new_limit=s["daily_new_limit"], desired_retention=s["desired_retention"],
                    timezone=s["timezone"] or DEFAULT_ZONE, timezone_chosen=s["timezone"] is not None,
                    lang=s["lang"], workload=Workload(**w.as_dict()))


@router.get("/api/settings", response_model=Settings, tags=["settings"])
def get_settings(user: ApiUserDep, state: StateDep):
    """Your settings, with the review workload they project (an estimate)."""
    return _settings_out(state.store, user.user_id)


@router.put("/api/settings", response_model=Settings, tags=["settings"],
            responses={422: {"description": "a value out of bounds or an unknown time zone, named"}})
def put_settings(body: SettingsUpdate, user: ApiUserDep, state: StateDep):
    """Change some of your settings (the fields you send; the others keep
    their values).  All are checked before any is saved."""
    values = body.model_dump(exclude_none=True)
    try:
        rules.save(state.store, user.user_id, values)
    except rules.SettingsInvalid as exc:
        return _invalid(exc, user.lang, "body")
    return _settings_out(state.store, user.user_id)


@router.get("/api/settings/workload", response_model=Workload, tags=["settings"])
def workload(user: ApiUserDep, state: StateDep,
                 desired_retention: Annotated[float, Query(ge=0.70, le=0.97, allow_inf_nan=False)],
                 daily_new_limit: Annotated[int, Query(ge=0, le=100)]):
    """The review workload a retention and a daily limit of new items would
    bring you: expected reviews a day over the next 30 days, simulated with
    your FSRS scheduler from your current cards (an estimate; see
    docs/practice.md)."""
    return _workload_json(state.store, user.user_id, user.lang, desired_retention, daily_new_limit)

