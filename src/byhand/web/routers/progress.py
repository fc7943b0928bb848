"""Progress: mastery by area, the weakest concepts, and the concept map."""

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
    weakest = sorted((m, c) for c, m in report.concepts.items() if m > 0)[:8]
    return render(request, "progress.html", v, report=report, weakest=weakest)


@router.get("/progress/map.svg", include_in_schema=False)
def progress_map(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return need_signin(request)
    report = services.progress(v.user_id)
    with tempfile.TemporaryDirectory() as d:  # write_svg writes a file
        svg = write_svg(report, Path(d) / "map.svg", v.lang).read_bytes()
    return Response(svg, media_type="image/svg+xml")
