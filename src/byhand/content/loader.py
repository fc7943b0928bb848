"""Find and load curriculum items from folders.

Each exercise folder holds ``item.toml`` and ``reference.py``; the folder's
name is the item's id and its parent folder is the area.  Loading is lazy and
cached: listing reads only the TOML files, while the reference module is
imported the first time an exercise is graded.
"""

from __future__ import annotations

import difflib
import importlib.util
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..errors import CurriculumError, UnknownItem
from .model import LANGS, Compare, Exercise, Mistake, Text

BUILTIN_ROOT = Path(__file__).resolve().parent.parent / "curriculum"

_TEXT_FIELDS = ("title", "equation", "explanation", "where_used")


def _exercise_dirs(root: Path) -> list[Path]:
    return sorted(p.parent for p in (root / "exercises").glob("*/*/item.toml"))


@lru_cache(maxsize=None)
def _index(root: Path = BUILTIN_ROOT) -> dict[str, Path]:
    index: dict[str, Path] = {}
    for folder in _exercise_dirs(root):
        if folder.name in index:
            raise CurriculumError(
                f"duplicate item id {folder.name!r}: {index[folder.name]} and {folder}"
            )
        index[folder.name] = folder
    return index


def exercise_ids(root: Path = BUILTIN_ROOT) -> list[str]:
    return list(_index(root))


def read_toml(folder: Path) -> dict[str, Any]:
    path = folder / "item.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CurriculumError(f"{path}: invalid TOML: {exc}") from None


def _import_reference(folder: Path, item_id: str):
    path = folder / "reference.py"
    if not path.is_file():
        raise CurriculumError(f"{folder}: missing reference.py")
    spec = importlib.util.spec_from_file_location(f"byhand_reference_{item_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(data: dict[str, Any], where: Path) -> dict[str, Text]:
    texts = {}
    for lang in LANGS:
        block = data.get(lang)
        if not isinstance(block, dict):
            raise CurriculumError(f"{where}: missing [{lang}] table")
        missing = [f for f in _TEXT_FIELDS if not str(block.get(f, "")).strip()]
        if missing:
            raise CurriculumError(f"{where}: [{lang}] lacks {', '.join(missing)}")
        texts[lang] = Text(
            title=block["title"],
            equation=block["equation"],
            explanation=block["explanation"],
            where_used=block["where_used"],
            hint=block.get("hint", ""),
        )
    return texts


def _mistakes(data: dict[str, Any], module, where: Path) -> tuple[Mistake, ...]:
    impls: dict[str, Any] = getattr(module, "MISTAKES", {})
    declared: dict[str, Any] = data.get("mistakes", {})
    if set(impls) != set(declared):
        raise CurriculumError(
            f"{where}: mistakes in item.toml {sorted(declared)} and MISTAKES in "
            f"reference.py {sorted(impls)} differ"
        )
    out = []
    for mid, messages in declared.items():
        fns = impls[mid]
        fns = tuple(fns) if isinstance(fns, (list, tuple)) else (fns,)
        if not all(callable(f) for f in fns):
            raise CurriculumError(f"{where}: MISTAKES[{mid!r}] must be a function or a list of them")
        out.append(Mistake(id=mid, message=dict(messages), implementations=fns))
    return tuple(out)


def _compare(data: dict[str, Any]) -> Compare:
    block = data.get("compare", {})
    return Compare(
        rtol=float(block.get("rtol", 1e-6)),
        atol=float(block.get("atol", 1e-9)),
        sign={int(k): str(v) for k, v in block.get("sign", {}).items()},
    )


@lru_cache(maxsize=None)
def _load_exercise(folder: Path) -> Exercise:
    data = read_toml(folder)
    where = folder / "item.toml"
    item_id = folder.name
    for key in ("function", "signature"):
        if not isinstance(data.get(key), str):
            raise CurriculumError(f"{where}: missing string field {key!r}")
    module = _import_reference(folder, item_id)
    reference = getattr(module, data["function"], None)
    make_cases: Callable | None = getattr(module, "cases", None)
    if not callable(reference):
        raise CurriculumError(f"{folder}/reference.py: does not define {data['function']}()")
    if not callable(make_cases):
        raise CurriculumError(f"{folder}/reference.py: does not define cases(rng)")
    return Exercise(
        id=item_id,
        area=folder.parent.name,
        path=folder,
        function=data["function"],
        signature=data["signature"],
        text=_texts(data, where),
        compare=_compare(data),
        mistakes=_mistakes(data, module, where),
        reference=reference,
        make_cases=make_cases,
        concepts=tuple(data.get("concepts", ())),
        uses=tuple(data.get("uses", ())),
        time_limit=float(data.get("time_limit", 2.0)),
        source_file=folder / "reference.py",
    )


def load_exercise(item_id: str, root: Path = BUILTIN_ROOT) -> Exercise:
    index = _index(root)
    folder = index.get(item_id)
    if folder is None:
        raise UnknownItem(item_id, difflib.get_close_matches(item_id, index, n=3))
    return _load_exercise(folder)


def load_folder(folder: Path) -> Exercise:
    """Load one exercise folder outside the built-in curriculum (for authors)."""
    return _load_exercise(Path(folder).resolve())


def summaries(root: Path = BUILTIN_ROOT) -> list[dict[str, Any]]:
    """id, kind, area and both titles of every item, read from TOML only."""
    rows = []
    for item_id, folder in _index(root).items():
        data = read_toml(folder)
        rows.append(
            {
                "id": item_id,
                "kind": "exercise",
                "area": folder.parent.name,
                "title": {lang: data.get(lang, {}).get("title", item_id) for lang in LANGS},
                "function": data.get("function"),
                "signature": data.get("signature"),
            }
        )
    return rows
