"""What the community's pages share (routers/community_pages.py and
routers/teaching.py): a page for signed-in viewers that shows a refusal as
its status with the reason in the viewer's language, a form's action (CSRF,
the posting rate limit, then 303 back), a form's id field, and the path of
an item's thread."""

from __future__ import annotations

from typing import Callable
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import UnknownItem
from ...services.cohorts import Refused
from ..deps import AppState, Viewer, need_signin, render, signed_in_form
from .community import status_of

__all__ = ["discuss_path", "form_action", "form_int", "signed_in_page"]


def _refused(request: Request, v: Viewer, exc: Exception) -> Response:
    return render(request, "error.html", v, status=status_of(exc), message=exc.in_lang(v.lang))


def signed_in_page(request: Request, v: Viewer, make: Callable[[], Response]) -> Response:
    """``make()``, or the page of its refusal; signed-in viewers only."""
    if v.user_id is None:
        return need_signin(request)
    try:
        return make()
    except (Refused, UnknownItem) as exc:
        return _refused(request, v, exc)


def discuss_path(item_id: str, cohort_id: int | None, post_id: int | None = None) -> str:
    path = f"/items/{quote(item_id, safe='')}/discuss"
    if cohort_id is not None:
        path += f"?cohort={cohort_id}"
    return path + (f"#post-{post_id}" if post_id is not None else "")


async def form_action(request: Request, v: Viewer, state: AppState, act: Callable[[dict], str], *,
                      limited: bool = False) -> Response:
    """A form's action: CSRF checked, ``act(form)`` run off the event loop
    (the rate limit first with ``limited``), then back to the path it returns (303)."""
    form, refusal = await signed_in_form(request, v)
    if refusal:
        return refusal

    def run() -> Response:
        if limited and not state.post_limit.allow(f"user:{v.user_id}"):
            return render(request, "error.html", v, status=429,
                          message=Refused.of("community.too-many-posts").in_lang(v.lang))
        try:
            return RedirectResponse(act(form), status_code=303)
        except (Refused, UnknownItem) as exc:
            return _refused(request, v, exc)

    return await run_in_threadpool(run)


def form_int(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 11 else None
