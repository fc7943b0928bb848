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
from .packs import BUILTIN, packs
from .model import (AREAS, KIND_NAMES, LANGS, Compare, Concept, ConceptText, Drill, DrillText, Exercise, Mistake,
                    Param, Text, Why, WhyText)

BUILTIN_ROOT = BUILTIN.root  # the built-in pack's folder; ``root=None`` below means every pack

_TEXT_FIELDS = ("title", "equation", "explanation", "where_used")


# kind -> glob (relative to the curriculum root) of the file that marks an item
_MARKERS = {
    "exercise": "exercises/*/*/item.toml",
    "concept": "concepts/*/*.toml",
    "drill": "drills/*/*/item.toml",
    "why": "why/*/*/item.toml",
}
KINDS = tuple(_MARKERS)


def _area_rank(marker: Path) -> tuple:
    area = marker.parent.name if marker.suffix == ".toml" and marker.name != "item.toml" else marker.parent.parent.name
    return (AREAS.index(area) if area in AREAS else len(AREAS), area, str(marker))


@lru_cache(maxsize=None)
def _catalog(root: Path | None = None) -> dict[str, tuple[str, Path]]:
    """id -> (kind, path): the folder of an exercise, drill or why, the TOML
    file of a concept.  Ids are unique across kinds and packs; ``root`` None
    means every installed pack (:mod:`.packs`)."""
    index: dict[str, tuple[str, Path]] = {}
    roots = [p.root for p in packs()] if root is None else [root]
    for kind, pattern in _MARKERS.items():
        markers = [m for r in roots for m in r.glob(pattern)]
        for marker in sorted(markers, key=_area_rank):
            path = marker if kind == "concept" else marker.parent
            item_id = marker.stem if kind == "concept" else marker.parent.name
            if item_id in index:
                raise CurriculumError(f"duplicate item id {item_id!r}: {index[item_id][1]} and {path}")
            index[item_id] = (kind, path)
    return index


@lru_cache(maxsize=None)
def _index(root: Path | None = None, kind: str = "exercise") -> dict[str, Path]:
    return {i: p for i, (k, p) in _catalog(root).items() if k == kind}


def exercise_ids(root: Path | None = None) -> list[str]:
    """Exercise ids in learning order: by area, and within an area every
    exercise after the ones it ``uses``."""
    return list(_exercise_order(root))


@lru_cache(maxsize=None)
def _exercise_order(root: Path) -> tuple[str, ...]:
    ids = list(_index(root))
    uses = {i: [u for u in read_toml(p).get("uses", []) if u in ids] for i, p in _index(root).items()}
    ordered: list[str] = []
    placed: set[str] = set()

    def place(i: str, trail: tuple = ()) -> None:
        if i in placed or i in trail:
            return
        for u in uses[i]:
            if _catalog(root)[u][1].parent.name == _catalog(root)[i][1].parent.name:
                place(u, trail + (i,))
        placed.add(i)
        ordered.append(i)

    for i in ids:
        place(i)
    return tuple(ordered)


@lru_cache(maxsize=None)
def function_index(root: Path | None = None) -> dict[str, str]:
    """function name -> exercise id (read from TOML, no reference imported)."""
    return {read_toml(p)["function"]: i for i, p in _index(root).items()}


def ids_of(kind: str, root: Path | None = None) -> list[str]:
    return list(_index(root, kind))


def kind_of(item_id: str, root: Path | None = None) -> str:
    entry = _catalog(root).get(item_id)
    if entry is None:
        raise UnknownItem(item_id, difflib.get_close_matches(item_id, _catalog(root), n=3))
    return entry[0]


def read_toml(folder: Path) -> dict[str, Any]:
    path = folder if folder.suffix == ".toml" else folder / "item.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CurriculumError(f"{path}: invalid TOML: {exc}") from None


def _import_module(folder: Path, item_id: str, filename: str = "reference.py"):
    path = folder / filename
    if not path.is_file():
        raise CurriculumError(f"{folder}: missing {filename}")
    spec = importlib.util.spec_from_file_location(f"byhand_{path.stem}_{item_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(data: dict[str, Any], where: Path, cls=Text, required=_TEXT_FIELDS,
           optional=("hint",)) -> dict[str, Any]:
    """The [en] and [ko] tables as ``cls`` objects; both must be complete."""
    texts = {}
    for lang in LANGS:
        block = data.get(lang)
        if not isinstance(block, dict):
            raise CurriculumError(f"{where}: missing [{lang}] table")
        missing = [f for f in required if not str(block.get(f, "")).strip()]
        if missing:
            raise CurriculumError(f"{where}: [{lang}] lacks {', '.join(missing)}")
        fields = {f: block[f] for f in required}
        fields.update({f: block.get(f, "") for f in optional})
        texts[lang] = cls(**fields)
    return texts


def _mistakes(data: dict[str, Any], module, where: Path) -> tuple[Mistake, ...]:
    impls: dict[str, Any] = getattr(module, "MISTAKES", {})
    declared: dict[str, Any] = data.get("mistakes", {})
    if set(impls) != set(declared):
        raise CurriculumError(
            f"{where}: mistakes in item.toml {sorted(declared)} and MISTAKES in "
            f"reference.py {sorted(impls)} differ"
        )
    detectors: dict[str, Any] = getattr(module, "DETECT", {})
    if set(detectors) - set(impls):
        raise CurriculumError(f"{where}: DETECT names mistakes not in MISTAKES: {sorted(set(detectors) - set(impls))}")
    out = []
    for mid, messages in declared.items():
        fns = impls[mid]
        fns = tuple(fns) if isinstance(fns, (list, tuple)) else (fns,)
        if not all(callable(f) for f in fns):
            raise CurriculumError(f"{where}: MISTAKES[{mid!r}] must be a function or a list of them")
        out.append(Mistake(id=mid, message=dict(messages), implementations=fns,
                           detect=detectors.get(mid)))
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
    module = _import_module(folder, item_id)
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
        accept=getattr(module, "accept", None),
        cite=str(data.get("cite", "")),
    )


def load_exercise(item_id: str, root: Path | None = None) -> Exercise:
    if kind_of(item_id, root) != "exercise":
        raise CurriculumError(f"{item_id!r} is {KIND_NAMES[kind_of(item_id, root)]}, not an exercise; "
                              f"`byhand show {item_id}` shows it")
    return _load_exercise(_index(root)[item_id])


@lru_cache(maxsize=None)
def _load_concept(path: Path) -> Concept:
    data = read_toml(path)
    prereqs = data.get("prerequisites", [])
    if not isinstance(prereqs, list) or not all(isinstance(p, str) for p in prereqs):
        raise CurriculumError(f"{path}: prerequisites must be a list of concept ids")
    return Concept(
        id=path.stem,
        area=path.parent.name,
        path=path,
        text=_texts(data, path, ConceptText, ("term", "definition", "where_used"), ()),
        prerequisites=tuple(prereqs),
    )


def _module_with(folder: Path, filename: str, names: tuple[str, ...]):
    """Import an item's code file and check that it defines these functions."""
    module = _import_module(folder, folder.name, filename)
    for name in names:
        if not callable(getattr(module, name, None)):
            raise CurriculumError(f"{folder}/{filename}: does not define {name}()")
    return module


@lru_cache(maxsize=None)
def _load_drill(folder: Path) -> Drill:
    data = read_toml(folder)
    where = folder / "item.toml"
    module = _module_with(folder, "drill.py", ("generate", "solve"))
    answer_kind = data.get("answer", "number")
    if answer_kind not in ("number", "vector", "shape"):
        raise CurriculumError(f"{where}: answer must be number, vector or shape, not {answer_kind!r}")
    return Drill(
        id=folder.name,
        area=folder.parent.name,
        path=folder,
        text=_texts(data, where, DrillText, ("title", "prompt", "solution"), ()),
        answer_kind=answer_kind,
        compare=_compare(data),
        generate=module.generate,
        solve=module.solve,
        concepts=tuple(data.get("concepts", ())),
    )


def _params(data: dict[str, Any], where: Path) -> tuple[Param, ...]:
    out = []
    for name, spec in data.get("params", {}).items():
        if not isinstance(spec, dict) or "default" not in spec:
            raise CurriculumError(f"{where}: [params.{name}] needs a default")
        default = spec["default"]
        ptype = spec.get("type") or ("choice" if "choices" in spec else
                                     "int" if isinstance(default, int) else "float")
        out.append(Param(name=name, default=default, type=ptype, low=spec.get("min"),
                         high=spec.get("max"), choices=tuple(spec.get("choices", ())),
                         help={lang: spec.get(f"help_{lang}", "") for lang in LANGS}))
    return tuple(out)


@lru_cache(maxsize=None)
def _load_why(folder: Path) -> Why:
    data = read_toml(folder)
    where = folder / "item.toml"
    module = _module_with(folder, "experiment.py", ("run", "check"))
    return Why(
        id=folder.name,
        area=folder.parent.name,
        path=folder,
        text=_texts(data, where, WhyText, ("title", "answer", "derivation"), ()),
        params=_params(data, where),
        run=module.run,
        check=module.check,
        concepts=tuple(data.get("concepts", ())),
    )


_LOADERS = {"exercise": _load_exercise, "concept": _load_concept, "drill": _load_drill, "why": _load_why}


def load_item(item_id: str, root: Path | None = None):
    """Any item by id: an Exercise, Concept, Drill or Why."""
    kind = kind_of(item_id, root)
    return _LOADERS[kind](_catalog(root)[item_id][1])


def load_folder(folder: Path) -> Exercise:
    """Load one exercise folder outside the built-in curriculum (for authors)."""
    return _load_exercise(Path(folder).resolve())


def _title(kind: str, block: dict[str, Any], item_id: str) -> str:
    return block.get("term" if kind == "concept" else "title", item_id)


@lru_cache(maxsize=None)
def summaries(root: Path | None = None) -> tuple[dict[str, Any], ...]:
    """id, kind, area, titles and concepts of every item, read from TOML only."""
    rows = []
    for item_id, (kind, path) in _catalog(root).items():
        data = read_toml(path)
        row = {
            "id": item_id,
            "kind": kind,
            "area": path.parent.name,
            "title": {lang: _title(kind, data.get(lang, {}), item_id) for lang in LANGS},
            "concepts": list(data.get("concepts", [])),
        }
        if kind == "exercise":
            row["signature"] = f"{data.get('function')}{data.get('signature')}"
        if kind == "concept":
            row["prerequisites"] = list(data.get("prerequisites", []))
        rows.append(row)
    return tuple(rows)


def refresh() -> None:
    """Forget everything read so far, so that packs installed or removed
    since are seen (a long-running notebook, the tests)."""
    from . import catalog

    packs.cache_clear()
    for module in (globals(), vars(catalog)):
        for value in list(module.values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith(
                    "byhand.content"):
                value.cache_clear()
