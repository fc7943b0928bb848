"""Why-questions: the answer and its derivation, and the experiment's plot
for the parameters in the query."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...errors import ByhandError
from ...experiments import figure_bytes, resolve_params
from ..deps import ServicesDep, ViewerDep, render
from ..items import page_item

__all__ = ["router"]

router = APIRouter()


@lru_cache(maxsize=256)
def _plot(why_id: str, params: tuple) -> bytes:
    return figure_bytes(loader.load_item(why_id), dict(params), fmt="svg")


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
async def why_plot(request: Request, item_id: str):
    item = page_item(item_id, "why")
    try:
        params = _params(item, request.query_params)
    except ByhandError:
        raise HTTPException(400) from None
    svg = await run_in_threadpool(_plot, item_id, tuple(sorted(params.items())))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"})
