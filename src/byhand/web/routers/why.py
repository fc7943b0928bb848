"""Why-questions: the answer and its derivation, and the experiment's plot
for the parameters in the query.

An experiment costs up to seconds of CPU, so nothing expensive is open to
anyone: each question's plot for its default parameters is drawn once per
language when the server starts and kept (web/plots.py); other parameters
need sign-in, count against a per-learner limit of new drawings per minute,
and one learner's drawing at a time is waiting or running in this process
(another is answered 503 + Retry-After); no drawing runs in the web process.

The page's form is a plain GET; ``static/why.js`` sends it with fetch and
the header ``Byhand-Fragment: experiment``, and the route answers with the
experiment's part of the page only (``why_result.html``: the plot, or what
went wrong in the viewer's language, with the same status), once the plot
is drawn."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...content.model import Param, Why
from ...errors import ByhandError
from ...experiments import resolve_params
from ..deps import ServicesDep, StateDep, Viewer, ViewerDep, render
from ..i18n import UI
from ..items import page_item
from ..plots import Plots, PlotUnavailable, svg_size

__all__ = ["router", "default_keys"]

router = APIRouter()

FRAGMENT = "byhand-fragment"  # the request header of why.js, and of its answer
REFUSALS = {401: "signin_to_redraw", 429: "why_too_many", 503: "why_busy"}  # said in the viewer's words
NOMINAL = (768, 432)  # the figure's size before bbox_inches="tight" trims it: the box a plot not yet drawn takes


def default_keys(langs=("en", "ko")) -> list[tuple]:
    """Every why-question's default plot in every language: what the server draws when it starts."""
    keys = []
    for item_id in loader.ids_of("why"):
        item = loader.load_item(item_id)
        keys += [Plots.key(item_id, _defaults(item), lang) for lang in langs]
    return keys


def _defaults(item: Why) -> dict:
    return {p.name: p.default for p in item.params}


def _params(item: Why, query) -> dict:
    given = {p.name: query[p.name] for p in item.params if p.name in query and query[p.name] != ""}
    return resolve_params(item, given)


def _said(item: Why, exc: ByhandError, lang: str) -> str:
    """The error in ``lang``, naming the parameter by its label (as the page does), not its identifier."""
    param = next((p for p in item.params if p.name == exc.fields.get("name")), None)
    if exc.key is None or param is None:
        return exc.in_lang(lang)
    return ByhandError.of(exc.key, **{**exc.fields, "name": param.label_in(lang)}).in_lang(lang)


def _step(p: Param) -> str:
    return "1" if p.type == "int" else "any"


def _controls(item: Why, params: dict, query, lang: str) -> list[dict]:
    """Each parameter as the page's control: label, help, bounds, and the value to show
    (what was asked, even when it was refused, so the learner sees what to fix)."""
    out = []
    for p in item.params:
        asked = query.get(p.name)
        out.append({"name": p.name, "label": p.label_in(lang), "help": p.help.get(lang) or p.help.get("en", ""),
                    "type": p.type, "min": p.low, "max": p.high, "step": _step(p),
                    "value": asked if asked not in (None, "") else params[p.name],
                    "choices": [(c, p.choice_label(c, lang)) for c in p.choices]})
    return out


async def _outcome(request: Request, item: Why, params: dict, v: Viewer, state) -> tuple[bytes | None, int, dict]:
    """Draw (or find) the plot: (svg, 200, {}) or (None, status, headers) with why not."""
    plots: Plots = state.plots
    defaults = params == _defaults(item)
    key = Plots.key(item.id, params, v.lang)  # the plot's words are in the viewer's language
    svg = plots.kept(key, default=defaults)
    if svg is not None:
        return svg, 200, {}
    if not defaults:
        if v.user_id is None:
            return None, 401, {}  # other parameters: sign in to redraw
        if not await run_in_threadpool(state.plot_limit.allow, f"user:{v.user_id}"):
            return None, 429, {"Retry-After": "60"}
    try:
        svg = await plots.get(key, default=defaults)
    except PlotUnavailable:
        svg = None
    if svg is None:
        return None, 503, {"Retry-After": "2"}
    return svg, 200, {}


def _plot_url(item: Why, params: dict, lang: str) -> str:
    return f"/why/{item.id}/plot.svg?" + urlencode({**params, "lang": lang})


@router.get("/why/{item_id}", response_class=HTMLResponse, include_in_schema=False)
async def why(request: Request, item_id: str, v: ViewerDep, services: ServicesDep, state: StateDep):
    item = page_item(item_id, "why")
    fragment = request.headers.get(FRAGMENT) == "experiment"
    status, headers, message = 200, {}, None
    try:
        params = _params(item, request.query_params)
    except ByhandError as exc:
        params, status, message = _defaults(item), 400, _said(item, exc, v.lang)
    svg = state.plots.kept(Plots.key(item.id, params, v.lang), default=params == _defaults(item))
    if fragment and status == 200:  # why.js waits here while the plot is drawn, and shows it when it is
        svg, status, headers = await _outcome(request, item, params, v, state)
        if status != 200:
            t = UI[v.lang]
            message = t[REFUSALS[status]] if status in REFUSALS else t["status"].get(status) or t["status"][500]
    width, height = (svg and svg_size(svg)) or NOMINAL
    context = dict(item=services.item(item_id, v.lang), params=params, message=message, failed=status != 200,
                   fragment=fragment,
                   plot_url=_plot_url(item, params, v.lang), ready=svg is not None, width=width, height=height)
    if fragment:
        response = render(request, "why_result.html", v, status=status, **context)
        response.headers.update({**headers, FRAGMENT: "experiment", "Cache-Control": "no-store"})
        return response
    return render(request, "why.html", v, status=status, controls=_controls(item, params, request.query_params, v.lang),
                  **context)


@router.get("/why/{item_id}/plot.svg", include_in_schema=False)
async def why_plot(request: Request, item_id: str, v: ViewerDep, state: StateDep):
    item = page_item(item_id, "why")
    try:
        params = _params(item, request.query_params)
    except ByhandError:
        raise HTTPException(400) from None
    svg, status, headers = await _outcome(request, item, params, v, state)
    if svg is None:
        raise HTTPException(status, headers=headers or None)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})
