"""Drawing a learner's progress (``byhand.services.progress.Report``): a
table for the terminal (Rich) and the concept map coloured by mastery (SVG),
for `byhand progress` and the web's progress page."""

from __future__ import annotations

import html
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import i18n
from ..services.progress import Report, area_rank

__all__ = ["render_terminal", "write_svg"]


def _colour(m: float) -> str:
    """Red → yellow → green as mastery goes 0 → 1."""
    m = max(0.0, min(1.0, m))
    if m < 0.5:
        r, g = 215, int(48 + (2 * m) * (190 - 48))
    else:
        r, g = int(215 - (2 * m - 1) * (215 - 26)), int(190 - (2 * m - 1) * (190 - 152))
    return f"#{r:02x}{g:02x}{40:02x}"


def render_terminal(report: Report, lang: str, console: Console) -> None:
    t = i18n.section("cli.progress", lang)
    table = Table(box=None, header_style="bold")
    for col in (t["area"], t["mastery"], t["learned"], t["due"], t["weak"], t["new"]):
        table.add_column(col)
    for area, m in report.areas.items():
        counts = report.counts(area)
        bar = "█" * round(m * 10) + "░" * (10 - round(m * 10))
        name = i18n.t(f"web.areas.{area}", lang) if i18n.has(f"web.areas.{area}", lang) else area
        table.add_row(name, f"[{_colour(m)}]{bar}[/] {m:4.0%}",
                      *(str(counts[k]) for k in ("learned", "due", "weak", "new")))
    console.print(table)
    console.print("\n" + t["streak"].format(n=report.streak))
    console.print(f"\n[bold]{t['mistakes']}[/]")
    if report.mistakes:
        for item_id, mistake, n in report.mistakes[:5]:
            title = report.titles.get(item_id, {}).get(lang, item_id)
            console.print(f"  {n}× {escape(title)} ({escape(item_id)}): {escape(mistake)}")
    else:
        console.print(f"  {t['none']}")
    weakest = report.weakest(5)
    if weakest:
        console.print(f"\n[bold]{t['weakest']}[/]")
        for s in weakest:
            console.print(f"  {s.mastery:4.0%} {escape(report.titles.get(s.item_id, {}).get(lang, s.item_id))}"
                          f" ({escape(s.item_id)})")
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
    for c in sorted(report.concepts, key=lambda c: (area_rank(report.concept_area[c]), c)):
        columns.setdefault(depth.get(c, 0), []).append(c)
    col_w, row_h, box_w, box_h = 210, 26, 190, 20
    height = row_h * max(len(v) for v in columns.values()) + 60 if columns else 100
    width = col_w * (max(columns) + 1 if columns else 1) + 20
    pos = {c: (10 + d * col_w, 40 + i * row_h) for d, cs in columns.items() for i, c in enumerate(cs)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<text x="10" y="20" font-size="14">{html.escape(i18n.t("cli.progress.map", lang))}</text>']
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
