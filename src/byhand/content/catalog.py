"""The catalog: every item of a set of curriculum packs.

A :class:`Catalog` indexes its packs' folders (ids are unique across kinds
and packs), reads summaries from TOML only, and parses each item the first
time it is asked for (an exercise's reference module is imported then).
What relates items (what practises a concept, what builds on it, which
exercise defines a function) is computed from the items themselves, so
nothing is stored twice.

:func:`current` is the catalog of every installed pack, built once per
process; :func:`refresh` forgets it, so that packs installed or removed
since are seen (a long-running notebook, the tests).
"""

from __future__ import annotations

import difflib
import functools
import threading
from pathlib import Path
from typing import Any, Iterable

from ..errors import ByhandError, CurriculumError, UnknownItem
from .items import PARSERS, check_track, read_toml
from .model import AREAS, LANGS, Exercise
from .packs import Pack, packs

__all__ = ["Catalog", "current", "dependents", "derived", "practised_by", "refresh", "warm"]

# kind -> glob (relative to a pack's folder) of the file that marks an item
MARKERS = {
    "exercise": "exercises/*/*/item.toml",
    "concept": "concepts/*/*.toml",
    "drill": "drills/*/*/item.toml",
    "why": "why/*/*/item.toml",
    "track": "tracks/*/item.toml",  # a paper track has no area folder: its item.toml names its area
}


def _area_rank(marker: Path) -> tuple:
    area = marker.parent.name if marker.name != "item.toml" else marker.parent.parent.name
    return (AREAS.index(area) if area in AREAS else len(AREAS), area, str(marker))


class Catalog:
    """The items of ``packs``; everything is read once, on first use, and
    kept (an item folder does not change under a running process)."""

    def __init__(self, packs: Iterable[Pack]):
        self.packs = tuple(packs)
        self._lock = threading.RLock()
        self._memo: dict[Any, Any] = {}

    @classmethod
    def of_folder(cls, root: Path) -> "Catalog":
        """The items of one folder laid out as a pack (an author's work in progress)."""
        return cls([Pack(Path(root).name, Path(root))])

    def memo(self, key, compute):
        """``compute()``, once per catalog: what other layers derive from the
        items (a plan's order, mastery's groups) lives and dies with it."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]

    # -- the index --------------------------------------------------------------------

    def index(self) -> dict[str, tuple[str, Path]]:
        """id -> (kind, path): the folder of an exercise, drill or why, the TOML file of a concept."""
        return self.memo("index", self._build_index)

    def _build_index(self) -> dict[str, tuple[str, Path]]:
        index: dict[str, tuple[str, Path]] = {}
        for kind, pattern in MARKERS.items():
            markers = [m for p in self.packs for m in p.root.glob(pattern)]
            for marker in sorted(markers, key=_area_rank):
                path = marker if kind == "concept" else marker.parent
                item_id = marker.stem if kind == "concept" else marker.parent.name
                if item_id in index:
                    raise CurriculumError(f"duplicate item id {item_id!r}: {index[item_id][1]} and {path}")
                index[item_id] = (kind, path)
        return index

    def ids(self, kind: str) -> list[str]:
        return [i for i, (k, _) in self.index().items() if k == kind]

    def kind_of(self, item_id: str) -> str:
        entry = self.index().get(item_id)
        if entry is None:
            raise UnknownItem(item_id, difflib.get_close_matches(item_id, self.index(), n=3))
        return entry[0]

    # -- items --------------------------------------------------------------------------

    def item(self, item_id: str):
        """Any item by id: an Exercise, Concept, Drill, Why or Track (parsed once)."""
        kind = self.kind_of(item_id)
        return self.memo(("item", item_id), lambda: self._parse(kind, self.index()[item_id][1]))

    def _parse(self, kind: str, path: Path):
        item = PARSERS[kind](path)
        return check_track(item, self.ids("exercise")) if kind == "track" else item

    def exercise(self, item_id: str) -> Exercise:
        kind = self.kind_of(item_id)
        if kind != "exercise":
            raise ByhandError.of("not-an-exercise", id=item_id, is_kind=kind)
        return self.item(item_id)

    def exercise_ids(self) -> list[str]:
        """Exercise ids in learning order: by area, and within an area every
        exercise after the ones it ``uses``."""
        return list(self.memo("order", self._exercise_order))

    def _exercise_order(self) -> tuple[str, ...]:
        index = self.index()
        ids = self.ids("exercise")
        uses = {i: [u for u in read_toml(index[i][1]).get("uses", []) if u in ids] for i in ids}
        ordered: list[str] = []
        placed: set[str] = set()

        def place(i: str, trail: tuple = ()) -> None:
            if i in placed or i in trail:
                return
            for u in uses[i]:
                if index[u][1].parent.name == index[i][1].parent.name:
                    place(u, trail + (i,))
            placed.add(i)
            ordered.append(i)

        for i in ids:
            place(i)
        return tuple(ordered)

    def function_index(self) -> dict[str, str]:
        """function name -> exercise id (read from TOML, no reference imported)."""
        return self.memo("functions", lambda: {read_toml(self.index()[i][1])["function"]: i
                                                for i in self.ids("exercise")})

    def summaries(self) -> tuple[dict[str, Any], ...]:
        """id, kind, area, titles and concepts of every item, read from TOML only."""
        return self.memo("summaries", self._summaries)

    def _summaries(self) -> tuple[dict[str, Any], ...]:
        rows = []
        for item_id, (kind, path) in self.index().items():
            data = read_toml(path)
            row = {
                "id": item_id,
                "kind": kind,
                "area": data.get("area", "") if kind == "track" else path.parent.name,
                "title": {lang: data.get(lang, {}).get("term" if kind == "concept" else "title", item_id)
                          for lang in LANGS},
                "concepts": list(data.get("concepts", [])),
            }
            if kind == "exercise":
                row["signature"] = f"{data.get('function')}{data.get('signature')}"
            if kind == "track":
                row["exercises"] = [s.get("exercise") for s in data.get("steps", []) if isinstance(s, dict)]
            if kind == "concept":
                row["prerequisites"] = list(data.get("prerequisites", []))
            rows.append(row)
        return tuple(rows)

    # -- relations ----------------------------------------------------------------------

    def _reverse(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        def build():
            practised: dict[str, list[str]] = {}
            builds_on: dict[str, list[str]] = {}
            for row in self.summaries():
                for c in row["concepts"]:
                    practised.setdefault(c, []).append(row["id"])
                for p in row.get("prerequisites", []):
                    builds_on.setdefault(p, []).append(row["id"])
            return practised, builds_on
        return self.memo("reverse", build)

    def practised_by(self, concept_id: str) -> list[str]:
        """Exercises, drills and why-questions that name this concept."""
        return list(self._reverse()[0].get(concept_id, []))

    def dependents(self, concept_id: str) -> list[str]:
        """Concepts that list this one as a prerequisite."""
        return list(self._reverse()[1].get(concept_id, []))

    def warm(self) -> None:
        """Read the whole catalog now: a server calls this at start-up so that
        its first requests do not all parse the same files at once."""
        self._reverse()
        self.function_index()
        for item_id in self.exercise_ids():
            self.exercise(item_id)


# --- the catalog of every installed pack ------------------------------------------------

_current: Catalog | None = None
_current_lock = threading.Lock()


def current() -> Catalog:
    global _current
    with _current_lock:
        if _current is None:
            _current = Catalog(packs())
        return _current


def refresh() -> None:
    """Forget the catalog and the installed packs: they are found again on next use."""
    global _current
    with _current_lock:
        packs.cache_clear()
        _current = None


def derived(fn):
    """Decorates a function of the installed curriculum (and hashable
    arguments): its result is kept with :func:`current`'s catalog, so that
    :func:`refresh` forgets it too."""
    @functools.wraps(fn)
    def wrapper(*args):
        return current().memo((fn.__module__, fn.__qualname__, args), lambda: fn(*args))
    return wrapper


def practised_by(concept_id: str) -> list[str]:
    return current().practised_by(concept_id)


def dependents(concept_id: str) -> list[str]:
    return current().dependents(concept_id)


def warm() -> None:
    current().warm()

