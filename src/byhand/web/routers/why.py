"""Why-questions: the answer and its derivation, and the experiment's plot
for the parameters in the query.

An experiment costs up to seconds of CPU, so nothing expensive is open to
anyone: each question's plot for its default parameters is drawn once per
language and kept; other parameters need sign-in, count against a per-learner limit of new
drawings per minute, and only one drawing runs at a time in this process
(another is answered 503 + Retry-After); drawings are kept in a bounded LRU."""

from __future__ import annotations

import threading
from collections import OrderedDict

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...errors import ByhandError
from ...experiments import figure_bytes, resolve_params
from ..deps import ServicesDep, StateDep, ViewerDep, render
from ..items import page_item

__all__ = ["router"]

router = APIRouter()


KEPT = 128  # drawings kept (an SVG is ~50-150 KB)
_kept: OrderedDict[tuple, bytes] = OrderedDict()
_kept_lock = threading.Lock()
_drawing = threading.Lock()  # one experiment at a time in this process


def _cached(key: tuple) -> bytes | None:
    with _kept_lock:
        svg = _kept.get(key)
        if svg is not None:
            _kept.move_to_end(key)
        return svg


def _draw(key: tuple, *, wait: bool) -> bytes | None:
    """Draw (and keep) the plot; None when another drawing runs and ``wait`` is False."""
    if not _drawing.acquire(blocking=wait):
        return None
    try:
        svg = _cached(key)  # drawn while we waited
        if svg is None:
            why_id, params, lang = key
            svg = figure_bytes(loader.load_item(why_id), dict(params), fmt="svg", lang=lang)
            with _kept_lock:
                _kept[key] = svg
                while len(_kept) > KEPT:
                    _kept.popitem(last=False)
        return svg
    finally:
        _drawing.release()


def _params(item, query) -> dict:
    given = {p.name: query[p.name] for p in item.params if p.name in query and query[p.name] != ""}
    return resolve_params(item, given)


@router.get("/why/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def why(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    item = page_item(item_id, "why")
    try:
        params = _params(item, request.query_params)
        error = None
    except ByhandError as exc:
        params, error = {p.name: p.default for p in item.params}, str(exc)
    query = "&".join(f"{k}={value}" for k, value in params.items())
    return render(request, "why.html", v, status=400 if error else 200, item=services.item(item_id, v.lang),
                  params=params, query=query, error=error)


@router.get("/why/{item_id}/plot.svg", include_in_schema=False)
async def why_plot(request: Request, item_id: str, v: ViewerDep, state: StateDep):
    item = page_item(item_id, "why")
    try:
        params = _params(item, request.query_params)
    except ByhandError:
        raise HTTPException(400) from None
    key = (item_id, tuple(sorted(params.items())), v.lang)  # the plot's words are in the viewer's language
    defaults = params == {p.name: p.default for p in item.params}
    svg = _cached(key)
    if svg is None and defaults:  # drawn once for everyone (a handful of questions)
        svg = await run_in_threadpool(_draw, key, wait=True)
    elif svg is None:
        if v.user_id is None:
            raise HTTPException(401)  # other parameters: sign in to redraw
        if not await run_in_threadpool(state.plot_limit.allow, f"user:{v.user_id}"):
            raise HTTPException(429, headers={"Retry-After": "60"})
        svg = await run_in_threadpool(_draw, key, wait=False)
        if svg is None:
            raise HTTPException(503, headers={"Retry-After": "2"})
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})
