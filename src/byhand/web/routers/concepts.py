"""A concept's page: its definition, where it is used, and the items around it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...content import loader
from ..deps import ServicesDep, ViewerDep, render
from ..items import KIND_PATHS, page_item

__all__ = ["router"]

router = APIRouter()


@router.get("/concepts/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def concept(request: Request, item_id: str, v: ViewerDep, services: ServicesDep):
    page_item(item_id, "concept")
    info = services.item(item_id, v.lang)
    titles = {r["id"]: (r["title"][v.lang], r["kind"]) for r in loader.summaries()}
    return render(request, "concept.html", v, item=info, titles=titles, paths=KIND_PATHS)
