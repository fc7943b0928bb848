"""The guided day as the pages show it: today's sequence
(``services.today``) with titles and links, the Next bar on each item's page,
and the catalog's search, filters and the learner's marks."""

from __future__ import annotations

from ..content import loader
from ..services import tracks
from ..services.today import Step, today
from .i18n import UI
from .items import KIND_PATHS
from .services import Services

__all__ = ["FILTER_STATUSES", "MAX_QUERY", "catalog_groups", "item_href", "matches", "step_href", "today_bar",
           "today_page"]

MAX_QUERY = 100  # characters of a catalog search; longer is refused (400)
FILTER_STATUSES = ("todo", "solved", "due")


def item_href(item_id: str, kind: str, due: bool) -> str:
    """An item's page; a concept card or an exercise that is due opens for
    review (``?review=1``: the card to recall and rate; the exercise from
    memory, its editor on the starter code), a drill always as a fresh variant."""
    base = f"/{KIND_PATHS[kind]}/{item_id}"
    return f"{base}?review=1" if due and kind in ("concept", "exercise") else base


def step_href(step: Step) -> str:
    """Where a step of today is done: a concept card is recalled and rated
    on its page, a due exercise re-implemented from memory on its page."""
    return item_href(step.item_id, step.kind, due=step.kind == "concept" or not step.new)


def _titles(lang: str) -> dict[str, str]:
    return {r["id"]: r["title"][lang] for r in loader.summaries()}


def today_page(services: Services, user_id: int, lang: str) -> dict:
    """Today's sequence for the home page: each step with its title, link and
    whether it is done, and the first one left."""
    t = today(services.store, user_id, services.now())
    titles = _titles(lang)
    current = t.current
    steps = [{"n": n, "id": s.item_id, "kind": s.kind, "new": s.new, "done": s.done, "title": titles[s.item_id],
              "href": step_href(s), "current": current is not None and s.item_id == current.item_id}
             for n, s in enumerate(t.steps, 1)]
    return {"steps": steps, "total": len(steps), "done": t.done,
            "current": next((s for s in steps if s["current"]), None)}


def today_bar(services: Services, user_id: int | None, lang: str, item_id: str,
              just_done: bool = False) -> dict | None:
    """The bar on an item's page when the item is in today's sequence: its
    place ("3 of 12"), whether it is done (by the store, or ``just_done``: a
    pass, a drill that ended, a rated card shown on this page), and the next
    item left, if any.  None for an item not in today's sequence."""
    if user_id is None:
        return None
    t = today(services.store, user_id, services.now())
    at = t.position(item_id)
    if at is None:
        return None
    done = just_done or t.steps[at - 1].done
    nxt = t.next_after(item_id)
    return {"position": at, "total": len(t.steps), "done": done,
            "next": None if nxt is None else {"id": nxt.item_id, "kind": nxt.kind, "href": step_href(nxt),
                                              "title": _titles(lang)[nxt.item_id]}}


# -- the catalog --------------------------------------------------------------------------

def _folded(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def matches(row: dict, query: str) -> bool:
    """Whether a catalog row's id or title, in either language, holds the
    query (case-blind; '-', '_' and runs of spaces count as one space)."""
    q = _folded(query)
    if not q:
        return True
    return any(q in _folded(text) for text in (row["id"], *row["title"].values()))


def catalog_groups(services: Services, user_id: int | None, lang: str, *, kind: str | None = None,
                   area: str | None = None, query: str = "", status: str | None = None) -> dict:
    """The catalog filtered (kind, area, a search, the learner's status) and
    split by area: [{area, items, count}], each item with its solved and due
    marks for a signed-in learner (a track is solved once implemented)."""
    rows = [r for r in loader.summaries()
            if (not kind or r["kind"] == kind) and (not area or r["area"] == area) and matches(r, query)]
    solved: set[str] = set()
    due: set[str] = set()
    if user_id is not None:
        now = services.now()
        cards = services.store.cards(user_id)
        passed = services.store.passed_items(user_id)
        solved = passed | {c.item_id for c in cards if c.item_kind == "concept"}
        # a paper track is solved once implemented (every step's exercise passed: services.tracks' rule)
        solved |= {r["id"] for r in loader.summaries()
                   if r["kind"] == "track" and tracks.state(loader.load_item(r["id"]), passed, ()).implemented}
        due = {c.item_id for c in cards if c.due <= now}
    if status == "solved":
        rows = [r for r in rows if r["id"] in solved]
    elif status == "due":
        rows = [r for r in rows if r["id"] in due]
    elif status == "todo":
        rows = [r for r in rows if r["id"] not in solved]
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["area"], []).append(
            {"id": r["id"], "kind": r["kind"], "title": r["title"][lang], "href": item_href(r["id"], r["kind"], r["id"] in due),
             "solved": r["id"] in solved, "due": r["id"] in due})
    rank = {a: n for n, a in enumerate(UI[lang]["areas"])}  # byhand's areas in their order, a pack's after
    return {"groups": [{"area": a, "items": items, "count": len(items),
                        "solved": sum(i["solved"] for i in items), "due": sum(i["due"] for i in items)}
                       for a, items in sorted(groups.items(), key=lambda kv: rank.get(kv[0], len(rank)))],
            "count": len(rows)}
