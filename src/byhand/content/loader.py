"""Find and load curriculum items: the functions the rest of byhand calls.

Each exercise folder holds ``item.toml`` and ``reference.py``; the folder's
name is the item's id and its parent folder is the area.  Loading is lazy:
listing reads only the TOML files, while the reference module is imported
the first time an exercise is graded.  Every function here asks a
:class:`~byhand.content.catalog.Catalog`: by default the one of every
installed pack, or, with ``root``, the one of that folder alone.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from . import catalog as _catalog_module
from .catalog import MARKERS, Catalog
from .items import parse_exercise, read_toml
from .model import Exercise
from .packs import BUILTIN

__all__ = ["BUILTIN_ROOT", "KINDS", "catalog", "exercise_ids", "function_index", "ids_of", "kind_of",
           "load_exercise", "load_folder", "load_item", "read_toml", "refresh", "summaries"]

BUILTIN_ROOT = BUILTIN.root  # the built-in pack's folder; ``root=None`` below means every pack
KINDS = tuple(MARKERS)

_by_root: dict[Path, Catalog] = {}
_lock = threading.Lock()


def catalog(root: Path | None = None) -> Catalog:
    """The catalog of every installed pack, or of the folder ``root`` alone."""
    if root is None:
        return _catalog_module.current()
    key = Path(root).resolve()
    with _lock:
        if key not in _by_root:
            _by_root[key] = Catalog([BUILTIN]) if key == BUILTIN_ROOT else Catalog.of_folder(key)
        return _by_root[key]


def exercise_ids(root: Path | None = None) -> list[str]:
    """Exercise ids in learning order (by area; each after the ones it uses)."""
    return catalog(root).exercise_ids()


def function_index(root: Path | None = None) -> dict[str, str]:
    """function name -> exercise id."""
    return catalog(root).function_index()


def ids_of(kind: str, root: Path | None = None) -> list[str]:
    return catalog(root).ids(kind)


def kind_of(item_id: str, root: Path | None = None) -> str:
    return catalog(root).kind_of(item_id)


def load_exercise(item_id: str, root: Path | None = None) -> Exercise:
    return catalog(root).exercise(item_id)


def load_item(item_id: str, root: Path | None = None):
    """Any item by id: an Exercise, Concept, Drill, Why or Track."""
    return catalog(root).item(item_id)


def summaries(root: Path | None = None) -> tuple[dict[str, Any], ...]:
    """id, kind, area, titles and concepts of every item, read from TOML only."""
    return catalog(root).summaries()


def load_folder(folder: Path) -> Exercise:
    """One exercise folder outside any pack (for authors)."""
    return parse_exercise(Path(folder).resolve())


def refresh() -> None:
    """Forget everything read so far, so that packs installed or removed
    since are seen (a long-running notebook, the tests)."""
    with _lock:
        _by_root.clear()
    _catalog_module.refresh()



