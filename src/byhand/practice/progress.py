"""`byhand progress`: what is learned, due and weak; the streak; the most
frequent mistakes; the concept map coloured by mastery (SVG, and compact text
in the terminal).

Mastery of an item is FSRS's retrievability now (the predicted probability
of recall), 0 for an item never reviewed; an exercise passed with `byhand
check` but never reviewed counts 0.3.  A concept's mastery is the mean over
its own card and the items that practise it; an area's, the mean over its
concepts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..content import loader
from ..content.catalog import derived, practised_by
from ..content.model import AREAS
from ..storage import Store
from ..services import scheduling
from .session import streak

PASSED_ONLY = 0.3


@dataclass
class ItemState:
    item_id: str
    mastery: float
    label: str  # learned | due | weak | new | practised


@dataclass
class Report:
    items: dict[str, ItemState]  # only items seen (reviewed or passed); the rest are new
    concepts: dict[str, float]  # concept id -> mastery
    areas: dict[str, float]
    streak: int
    mistakes: list[tuple[str, str, int]]
    prerequisites: dict[str, list[str]] = field(default_factory=dict)
    concept_area: dict[str, str] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def counts(self, area: str) -> dict[str, int]:
        """learned / due / weak / new items of an area."""
        static = _static()
        out = {"learned": 0, "due": 0, "weak": 0, "practised": 0}
        for s in self.items.values():
            if static.item_area.get(s.item_id) == area:
                out[s.label] += 1
        out["new"] = static.area_totals.get(area, 0) - sum(out.values())
        return out


@dataclass(frozen=True)
class _Static:
    """What progress needs of the curriculum, computed once per process."""

    concept_rows: tuple
    item_area: dict
    area_totals: dict
    prerequisites: dict
    concept_area: dict
    titles: dict


@derived
def _static() -> _Static:
    rows = list(loader.summaries())
    scheduled = [r for r in rows if r["kind"] != "why"]
    totals: dict[str, int] = {}
    for r in scheduled:
        totals[r["area"]] = totals.get(r["area"], 0) + 1
    concept_rows = tuple(r for r in rows if r["kind"] == "concept")
    return _Static(
        concept_rows=concept_rows,
        item_area={r["id"]: r["area"] for r in scheduled},
        area_totals=totals,
        prerequisites={r["id"]: r.get("prerequisites", []) for r in concept_rows},
        concept_area={r["id"]: r["area"] for r in concept_rows},
        titles={r["id"]: r["title"] for r in rows},
    )


def compute(store: Store, user_id: int, now: datetime | None = None) -> Report:
    now = now or datetime.now(timezone.utc)
    static = _static()
    sched = scheduling.scheduler(store, user_id)
    last_rating = store.last_ratings(user_id)
    items: dict[str, ItemState] = {}
    for item_id in store.passed_items(user_id):
        if item_id in static.item_area:
            items[item_id] = ItemState(item_id, PASSED_ONLY, "practised")
    for card in store.cards(user_id):
        if card.item_id not in static.item_area:
            continue
        rec = float(sched.get_card_retrievability(scheduling.to_card(card), now))
        if card.due <= now:
            label = "due"
        elif last_rating.get(card.item_id) == 1 or rec < 0.7:
            label = "weak"
        else:
            label = "learned"
        items[card.item_id] = ItemState(card.item_id, rec, label)
    concepts = {}
    areas: dict[str, list[float]] = {}
    for r in static.concept_rows:
        members = _members(r["id"])
        m = sum(items[i].mastery for i in members if i in items) / len(members)
        concepts[r["id"]] = m
        areas.setdefault(r["area"], []).append(m)
    return Report(
        items=items,
        concepts=concepts,
        areas={a: sum(v) / len(v) for a, v in sorted(areas.items(), key=lambda kv: _rank(kv[0]))},
        streak=streak(store.activity_days(user_id), now.date()),
        mistakes=store.mistake_counts(user_id),
        prerequisites=static.prerequisites,
        concept_area=static.concept_area,
        titles=static.titles,
    )


@derived
def _members(concept_id: str) -> tuple[str, ...]:
    """The concept's own card and the scheduled items that practise it."""
    scheduled = {r["id"] for r in loader.summaries() if r["kind"] != "why"}
    return (concept_id, *[i for i in practised_by(concept_id) if i in scheduled])


def warm() -> None:
    _static()
    for r in loader.summaries():
        if r["kind"] == "concept":
            _members(r["id"])


def _rank(area: str) -> int:
    return AREAS.index(area) if area in AREAS else len(AREAS)


TEXT = {
    "en": {"area": "area", "mastery": "mastery", "learned": "learned", "due": "due", "weak": "weak",
           "new": "new", "streak": "Streak: {n} day(s)", "mistakes": "Most frequent mistakes",
           "none": "none yet", "map": "Concept map (■ mastery: red low → green high, · not started)",
           "weakest": "Weakest concepts you have started"},
    "ko": {"area": "영역", "mastery": "숙련도", "learned": "익힘", "due": "복습할 때", "weak": "약함",
           "new": "새 항목", "streak": "연속 학습: {n}일", "mistakes": "자주 한 실수", "none": "아직 없음",
           "map": "개념 지도 (■ 숙련도: 빨강 낮음 → 초록 높음, · 시작 전)", "weakest": "시작한 개념 중 가장 약한 것"},
}


def _colour(m: float) -> str:
    """Red → yellow → green as mastery goes 0 → 1."""
    m = max(0.0, min(1.0, m))
    if m < 0.5:
        r, g = 215, int(48 + (2 * m) * (190 - 48))
    else:
        r, g = int(215 - (2 * m - 1) * (215 - 26)), int(190 - (2 * m - 1) * (190 - 152))
    return f"#{r:02x}{g:02x}{40:02x}"


def render_terminal(report: Report, lang: str, console: Console) -> None:
    t = TEXT[lang]
    table = Table(box=None, header_style="bold")
    for col in (t["area"], t["mastery"], t["learned"], t["due"], t["weak"], t["new"]):
        table.add_column(col)
    for area, m in report.areas.items():
        counts = report.counts(area)
        bar = "█" * round(m * 10) + "░" * (10 - round(m * 10))
        table.add_row(area, f"[{_colour(m)}]{bar}[/] {m:4.0%}",
                      *(str(counts[k]) for k in ("learned", "due", "weak", "new")))
    console.print(table)
    console.print("\n" + t["streak"].format(n=report.streak))
    console.print(f"\n[bold]{t['mistakes']}[/]")
    if report.mistakes:
        for item_id, mistake, n in report.mistakes[:5]:
            console.print(f"  {n}× {escape(item_id)}: {escape(mistake)}")
    else:
        console.print(f"  {t['none']}")
    started = [(m, c) for c, m in report.concepts.items() if m > 0]
    if started:
        console.print(f"\n[bold]{t['weakest']}[/]")
        for m, c in sorted(started)[:5]:
            console.print(f"  {m:4.0%} {escape(c)}")
    console.print(f"\n[bold]{t['map']}[/]")
    for area in report.areas:
        marks = "".join(f"[{_colour(m)}]■[/]" if m > 0 else "[dim]·[/]"
                        for c, m in report.concepts.items() if report.concept_area[c] == area)
        console.print(f"  {area:<12} {marks}")


def _depths(prereqs: dict[str, list[str]]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def d(c: str, trail: tuple = ()) -> int:
        if c in depth:
            return depth[c]
        ps = [p for p in prereqs.get(c, []) if p in prereqs and p not in trail]
        depth[c] = 0 if not ps else 1 + max(d(p, trail + (c,)) for p in ps)
        return depth[c]

    for c in prereqs:
        d(c)
    return depth


def write_svg(report: Report, path: Path, lang: str) -> Path:
    """The prerequisite graph, one column per depth, nodes coloured by mastery."""
    depth = _depths(report.prerequisites)
    columns: dict[int, list[str]] = {}
    for c in sorted(report.concepts, key=lambda c: (_rank(report.concept_area[c]), c)):
        columns.setdefault(depth.get(c, 0), []).append(c)
    col_w, row_h, box_w, box_h = 210, 26, 190, 20
    height = row_h * max(len(v) for v in columns.values()) + 60 if columns else 100
    width = col_w * (max(columns) + 1 if columns else 1) + 20
    pos = {c: (10 + d * col_w, 40 + i * row_h) for d, cs in columns.items() for i, c in enumerate(cs)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<text x="10" y="20" font-size="14">{html.escape(TEXT[lang]["map"])}</text>']
    for c, ps in report.prerequisites.items():
        for p in ps:
            if p in pos and c in pos:
                (x1, y1), (x2, y2) = pos[p], pos[c]
                parts.append(f'<line x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2}" y2="{y2 + box_h / 2}" '
                             f'stroke="#bbb" stroke-width="0.7"/>')
    for c, (x, y) in pos.items():
        m = report.concepts[c]
        fill = _colour(m) if m > 0 else "#eeeeee"
        title = report.titles.get(c, {}).get(lang, c)
        parts.append(f'<g><title>{html.escape(title)}: {m:.0%}</title>'
                     f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="4" fill="{fill}" stroke="#666"/>'
                     f'<text x="{x + 5}" y="{y + 14}">{html.escape(title[:30])}</text></g>')
    parts.append("</svg>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
