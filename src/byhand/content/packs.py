"""Curriculum packs: folders of items found through one plugin mechanism.

A pack is a folder laid out like the built-in curriculum
(``exercises/<area>/<id>/``, ``concepts/<area>/<id>.toml``, ``drills/…``, ``tracks/<id>/``,
``why/…``), announced by an installed distribution under the entry-point
group ``byhand.packs``::

    [project.entry-points."byhand.packs"]
    mypack = "mypack:PACK"        # a byhand.content.packs.Pack

A pack may also name its areas in both languages, the packages a submission
may import in the sandbox (its own helpers, say), and a module of test
functions (``REGISTRY``: name -> function) that its cases pass as ``Fn(name)``.
The pack's item folder is hidden in the sandbox even when it lies inside one
of those packages: references never reach learner code.

byhand registers its own curriculum the same way (``builtin`` in its
pyproject.toml).  Item ids are unique across all packs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from ..errors import CurriculumError

__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "Pack", "area_name", "packs"]

ENTRY_POINT_GROUP = "byhand.packs"


@dataclass(frozen=True)
class Pack:
    name: str
    root: Path  # the folder holding exercises/, concepts/, drills/, why/
    areas: dict = field(default_factory=dict, compare=False, hash=False)  # area id -> {"en": .., "ko": ..}
    sandbox_packages: tuple[str, ...] = ()  # top-level packages a submission may import in the sandbox
    test_functions: str | None = None  # a module whose REGISTRY maps Fn names to functions

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).resolve())


BUILTIN = Pack("byhand", Path(__file__).resolve().parent.parent / "curriculum")


@lru_cache(maxsize=1)
def packs() -> tuple[Pack, ...]:
    """Every installed pack, the built-in first.  A pack that cannot be
    loaded is an error naming it (a broken plugin must not hide silently)."""
    found: dict[str, Pack] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            pack = obj if isinstance(obj, Pack) else obj()
        except Exception as exc:  # noqa: BLE001 - any failure of a third party's code
            raise CurriculumError(f"curriculum pack {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        if not isinstance(pack, Pack) or not pack.root.is_dir():
            raise CurriculumError(f"curriculum pack {ep.name!r} ({ep.value}) is not a Pack with a folder")
        found.setdefault(pack.name, pack)
    found.setdefault(BUILTIN.name, BUILTIN)  # also when byhand runs from a source tree, uninstalled
    builtin = found.pop(BUILTIN.name)
    return (builtin, *sorted(found.values(), key=lambda p: p.name))


def area_name(area: str, lang: str) -> str | None:
    """A pack's own name for one of its areas, if it gives one."""
    for pack in packs():
        names = pack.areas.get(area)
        if names:
            return names.get(lang) or names.get("en")
    return None
