"""Home and the curriculum: today's page, the catalog of items and each
item's texts (pages and API)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ...content import loader
from ...errors import UnknownItem
from ..deps import ServicesDep, ViewerDep, render
from ..i18n import UI
from ..items import KIND_PATHS, api_item_kind
from ..schemas import Item, Lang
from ..today import FILTER_STATUSES, MAX_QUERY, catalog_groups, today_page

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return render(request, "landing.html", v)
    report = services.progress(v.user_id)
    return render(request, "home.html", v, home={"streak": report.streak, "areas": report.areas},
                  today=today_page(services, v.user_id, v.lang))


@router.get("/items", response_class=HTMLResponse, include_in_schema=False)
def catalog(request: Request, v: ViewerDep, services: ServicesDep, kind: str | None = None,
            area: str | None = None, q: str = "", show: str | None = None):
    """The curriculum by area, each area a section with its count (open when
    a filter or a search narrows it); filtered by kind, area, a search of ids
    and titles in both languages and, for a signed-in learner, what is solved,
    due or left to do (marked on each item)."""
    if len(q) > MAX_QUERY or any(len(x or "") > 40 for x in (kind, area, show)):
        return render(request, "error.html", v, status=400, message=UI[v.lang]["flow"]["query_too_long"])
    areas = sorted({r["area"] for r in loader.summaries()})
    kind = kind if kind in KIND_PATHS else None
    area = area if area in areas else None
    show = show if show in FILTER_STATUSES and v.user_id is not None else None
    q = q.strip()
    found = catalog_groups(services, v.user_id, v.lang, kind=kind, area=area, query=q, status=show)
    return render(request, "catalog.html", v, found=found, kind=kind, area=area, areas=areas, q=q, show=show,
                  narrowed=bool(kind or area or q or show), statuses=FILTER_STATUSES, max_query=MAX_QUERY)


@router.get("/items/{item_id}", include_in_schema=False)
def item_redirect(item_id: str):
    try:
        kind = loader.kind_of(item_id)
    except UnknownItem:
        raise HTTPException(404) from None
    return RedirectResponse(f"/{KIND_PATHS[kind]}/{item_id}", status_code=307)


# -- the API ----------------------------------------------------------------------------

@router.get("/api/items", response_model=list[Item], tags=["curriculum"])
def items(services: ServicesDep, kind: Literal["concept", "exercise", "drill", "why", "track"] | None = None,
          area: str | None = None, lang: Lang = "en"):
    """Every item, optionally filtered by kind and area."""
    return services.items(lang, kind=kind, area=area)


@router.get("/api/items/{item_id}", tags=["curriculum"])
def item(item_id: str, services: ServicesDep, lang: Lang = "en") -> dict:
    """One item: its texts (no reference code, no hidden cases)."""
    api_item_kind(item_id)
    return services.item(item_id, lang)
