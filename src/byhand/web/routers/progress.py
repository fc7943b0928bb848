"""Progress: the weakest items, frequent mistakes, and the concept map (an
interactive graph drawn in the browser from ``/progress/map.json``, with the
concepts listed by area for readers without JavaScript; the SVG of
``byhand progress --map`` stays at ``/progress/map.svg``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ... import i18n
from ...render.progress import write_svg
from ...services.progress import Report, area_rank
from ..deps import ServicesDep, ViewerDep, need_signin, render
from ..i18n import UI

__all__ = ["router"]

router = APIRouter()


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def progress(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return need_signin(request)
    report = services.progress(v.user_id)
    return render(request, "progress.html", v, report=report, weakest=report.weakest(8),
                  by_area=concepts_by_area(report, v.lang), labels=_labels(v.lang))


def _labels(lang: str) -> dict[str, str]:
    words = i18n.section("cli.progress", lang)
    return {k: words[k] for k in ("learned", "due", "weak", "new")}


def concepts_by_area(report: Report, lang: str) -> list[dict]:
    """The map's data: each area (in the curriculum's order) with its title in
    ``lang`` and mastery, and its concepts (by title) with title, mastery and
    label (learned, due, weak, new)."""
    areas: dict[str, list[dict]] = {}
    for c, m in report.concepts.items():
        titles = report.titles.get(c, {})
        areas.setdefault(report.concept_area[c], []).append({
            "id": c, "title": titles.get(lang) or titles.get("en") or c, "area": report.concept_area[c],
            "mastery": round(m, 4), "label": report.concept_label(c), "url": f"/concepts/{c}"})
    return [{"id": a, "title": UI[lang]["areas"].get(a, a), "mastery": round(report.areas.get(a, 0.0), 4),
             "concepts": sorted(cs, key=lambda n: n["title"].casefold())}
            for a, cs in sorted(areas.items(), key=lambda kv: area_rank(kv[0]))]


@router.get("/progress/map.json", include_in_schema=False)
def progress_map_json(request: Request, v: ViewerDep, services: ServicesDep):
    """The signed-in learner's concept map: ``areas`` (id, title, mastery),
    ``nodes`` (id, title in the learner's language, area, mastery 0-1, label,
    url) and ``edges`` (prerequisite -> concept).  Its size is the
    curriculum's (one node per concept); like every page of a learner's, no
    cache keeps it."""
    if v.user_id is None:
        return JSONResponse({"detail": "sign in first"}, status_code=401)
    report = services.progress(v.user_id)
    by_area = concepts_by_area(report, v.lang)
    nodes = [n for a in by_area for n in a["concepts"]]
    known = {n["id"] for n in nodes}
    edges = [{"source": p, "target": c} for c in sorted(report.prerequisites)
             for p in report.prerequisites[c] if c in known and p in known]
    return JSONResponse({"lang": v.lang,
                         "areas": [{k: a[k] for k in ("id", "title", "mastery")} for a in by_area],
                         "nodes": nodes, "edges": edges})


@router.get("/progress/map.svg", include_in_schema=False)
def progress_map(request: Request, v: ViewerDep, services: ServicesDep):
    if v.user_id is None:
        return need_signin(request)
    report = services.progress(v.user_id)
    with tempfile.TemporaryDirectory() as d:  # write_svg writes a file
        svg = write_svg(report, Path(d) / "map.svg", v.lang).read_bytes()
    return Response(svg, media_type="image/svg+xml")
