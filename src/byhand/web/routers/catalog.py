"""Home and the curriculum: today's page, the catalog of items and each
item's texts (pages and API)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ...content import loader
from ...errors import UnknownItem
from ..deps import AppState, ServicesDep, StateDep, ViewerDep, render
from ..i18n import UI
from ..items import KIND_PATHS, api_item_kind
from ..schemas import Item, Lang

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return render(request, "landing.html", v)
    return render(request, "home.html", v, home=services.home(v.user_id, v.lang))


def _catalog_list(state: AppState, lang: str, kind: str | None, area: str | None) -> str:
    key = (lang, kind, area)  # few: kind and area are checked against the known ones
    if key not in state.catalog_lists:
        items = state.services.items(lang, kind=kind, area=area)
        state.catalog_lists[key] = state.templates.get_template("catalog_list.html").render(
            items=items, t=UI[lang], paths=KIND_PATHS)
    return state.catalog_lists[key]


@router.get("/items", response_class=HTMLResponse, include_in_schema=False)
def catalog(request: Request, v: ViewerDep, state: StateDep, kind: str | None = None, area: str | None = None):
    areas = sorted({r["area"] for r in loader.summaries()})
    kind = kind if kind in KIND_PATHS else None
    area = area if area in areas else None
    return render(request, "catalog.html", v, list_html=_catalog_list(state, v.lang, kind, area), kind=kind,
                  area=area, areas=areas)


@router.get("/items/{item_id}", include_in_schema=False)
def item_redirect(item_id: str):
    try:
        kind = loader.kind_of(item_id)
    except UnknownItem:
        raise HTTPException(404) from None
    return RedirectResponse(f"/{KIND_PATHS[kind]}/{item_id}", status_code=307)


# -- the API ----------------------------------------------------------------------------

@router.get("/api/items", response_model=list[Item], tags=["curriculum"])
def items(services: ServicesDep, kind: Literal["concept", "exercise", "drill", "why"] | None = None,
          area: str | None = None, lang: Lang = "en"):
    """Every item, optionally filtered by kind and area."""
    return services.items(lang, kind=kind, area=area)


@router.get("/api/items/{item_id}", tags=["curriculum"])
def item(item_id: str, services: ServicesDep, lang: Lang = "en") -> dict:
    """One item: its texts (no reference code, no hidden cases)."""
    api_item_kind(item_id)
    return services.item(item_id, lang)
