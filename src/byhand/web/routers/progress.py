"""Progress: the weakest items, frequent mistakes, and the concept map."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...render.progress import write_svg
from ..deps import ServicesDep, ViewerDep, need_signin, render

__all__ = ["router"]

router = APIRouter()


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def progress(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return need_signin(request)
    report = services.progress(v.user_id)
    return render(request, "progress.html", v, report=report, weakest=report.weakest(8))


@router.get("/progress/map.svg", include_in_schema=False)
def progress_map(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return need_signin(request)
    report = services.progress(v.user_id)
    with tempfile.TemporaryDirectory() as d:  # write_svg writes a file
        svg = write_svg(report, Path(d) / "map.svg", v.lang).read_bytes()
    return Response(svg, media_type="image/svg+xml")
