"""Items as the routes see them: the page path of each kind, and a 404 for
an unknown id or one of another kind (an error page for a page, a JSON
detail for the API)."""

from __future__ import annotations

from fastapi import HTTPException

from ..content import loader
from ..errors import UnknownItem

__all__ = ["KIND_PATHS", "api_item_kind", "page_item"]

KIND_PATHS = {"concept": "concepts", "exercise": "exercises", "drill": "drills", "why": "why", "track": "tracks"}


def page_item(item_id: str, kind: str):
    """The item a page shows, if it is a ``kind``; else 404."""
    try:
        item = loader.load_item(item_id)
    except UnknownItem:
        raise HTTPException(404) from None
    if item.kind != kind:
        raise HTTPException(404)
    return item


def api_item_kind(item_id: str, kind: str | None = None) -> str:
    """The kind of an item an API call names (it must be a ``kind`` if given); else 404."""
    try:
        k = loader.kind_of(item_id)
    except UnknownItem:
        raise HTTPException(404, f"unknown item {item_id!r}") from None
    if kind and k != kind:
        raise HTTPException(404, f"{item_id!r} is not a {kind}")
    return k
