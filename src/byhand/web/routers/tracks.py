"""Paper tracks: the list of tracks and each track's page, the paper's
equations in order beside the viewer's status on each (the rule of
``services.tracks``) and a link to the exercise that implements it, and the
"you implemented the paper" state.  Plain HTML, no script of its own; the
equations are typeset by the KaTeX every page loads."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...content import loader
from ...services import tracks
from ..deps import ServicesDep, Viewer, ViewerDep, render
from ..items import page_item
from ..services import Services

__all__ = ["router"]

router = APIRouter()


def _view(services: Services, v: Viewer, track_id: str) -> dict:
    """The track as a page shows it: its texts, each step with its exercise's
    title and the viewer's status (none for a visitor), the summary."""
    track = page_item(track_id, "track")
    titles = {r["id"]: r["title"][v.lang] for r in loader.summaries()}
    state = tracks.for_learner(services.store, v.user_id, track) if v.user_id is not None else None
    steps = [{"ref": s.ref, "latex": s.latex, "exercise": s.exercise, "title": titles.get(s.exercise, s.exercise),
              "final": n == len(track.steps) - 1, "status": state.steps[n].status if state else None}
             for n, s in enumerate(track.steps)]
    return {**services.item(track_id, v.lang), "steps": steps,
            "passed": state.passed if state else None, "implemented": bool(state and state.implemented),
            "next": (nxt := state.next_exercise if state else track.steps[0].exercise),
            "next_title": titles.get(nxt, nxt) if nxt else None}


@router.get("/tracks", response_class=HTMLResponse, include_in_schema=False)
async def track_list(request: Request, v: ViewerDep, services: ServicesDep):
    found = [await run_in_threadpool(_view, services, v, i) for i in loader.ids_of("track")]
    return render(request, "tracks.html", v, tracks=found)


@router.get("/tracks/{track_id}", response_class=HTMLResponse, include_in_schema=False)
async def track_page(request: Request, track_id: str, v: ViewerDep, services: ServicesDep):
    track = await run_in_threadpool(_view, services, v, track_id)
    return render(request, "track.html", v, track=track)
