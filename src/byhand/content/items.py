"""One item from its folder: TOML texts checked in both languages, its
code module imported and checked.  Pure parsing, no caching (a
:class:`~byhand.content.catalog.Catalog` parses each item once)."""

from __future__ import annotations

import dataclasses
import importlib.util
import string
import tomllib
from pathlib import Path
from typing import Any, Callable

from ..errors import CurriculumError
from .model import (AREAS, LANGS, Compare, Concept, ConceptText, Drill, DrillText, Exercise, Mistake, Paper, Param,
                    Text, Track, TrackStep, TrackText, Why, WhyText)

__all__ = ["PARSERS", "check_track", "parse_concept", "parse_drill", "parse_exercise", "parse_track", "parse_why",
           "read_toml"]

_TEXT_FIELDS = ("title", "equation", "explanation", "where_used")


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


def _case_names(data: dict[str, Any], where: Path) -> dict[str, dict[str, str]]:
    """``[ko.cases]``: each case's name (as reference.py writes it) in Korean."""
    out = {}
    for lang in LANGS:
        table = data.get(lang, {}).get("cases", {}) if isinstance(data.get(lang), dict) else {}
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                  for k, v in table.items()):
            raise CurriculumError(f"{where}: [{lang}.cases] maps each case name to a non-empty string")
        if table:
            out[lang] = dict(table)
    return out


def _compare(data: dict[str, Any]) -> Compare:
    block = data.get("compare", {})
    return Compare(
        rtol=float(block.get("rtol", 1e-6)),
        atol=float(block.get("atol", 1e-9)),
        sign={int(k): str(v) for k, v in block.get("sign", {}).items()},
    )


def parse_exercise(folder: Path) -> Exercise:
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
        case_names=_case_names(data, where),
    )


def parse_concept(path: Path) -> Concept:
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


def parse_drill(folder: Path) -> Drill:
    data = read_toml(folder)
    where = folder / "item.toml"
    module = _module_with(folder, "drill.py", ("generate", "solve"))
    answer_kind = data.get("answer", "number")
    if answer_kind not in ("number", "vector", "shape", "choice"):
        raise CurriculumError(f"{where}: answer must be number, vector, shape or choice, not {answer_kind!r}")
    texts = _texts(data, where, DrillText, ("title", "prompt", "solution"), ())
    if answer_kind == "choice":
        texts = {lang: dataclasses.replace(t, **_choices(data, lang, where)) for lang, t in texts.items()}
    return Drill(
        id=folder.name,
        area=folder.parent.name,
        path=folder,
        text=texts,
        answer_kind=answer_kind,
        compare=_compare(data),
        generate=module.generate,
        solve=module.solve,
        concepts=tuple(data.get("concepts", ())),
        **_precision(data, where),
    )


def _choices(data: dict[str, Any], lang: str, where: Path) -> dict[str, dict[str, str]]:
    """A choice drill's ``[<lang>.options]`` (the options, lettered a, b, c, ... in order) and
    ``[<lang>.wrong]`` (for an option that can be wrong, why it is wrong); the same letters in
    every language (``validate`` checks each seed's right letter and that every other is explained)."""
    block = data[lang]
    options, wrong = block.get("options", {}), block.get("wrong", {})
    for name, table in (("options", options), ("wrong", wrong)):
        if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise CurriculumError(f"{where}: [{lang}.{name}] must map letters to non-empty strings")
    if list(options) != list(string.ascii_lowercase[:len(options)]) or len(options) < 2:
        raise CurriculumError(f"{where}: [{lang}.options] must letter two or more options a, b, c, ... in order")
    if set(wrong) - set(options):
        raise CurriculumError(f"{where}: [{lang}.wrong] explains options that do not exist: {sorted(set(wrong) - set(options))}")
    first = data[LANGS[0]]
    if set(options) != set(first.get("options", {})) or set(wrong) != set(first.get("wrong", {})):
        raise CurriculumError(f"{where}: [{lang}.options] and [{lang}.wrong] need the same letters as [{LANGS[0]}]")
    return {"options": dict(options), "wrong": dict(wrong)}


def _precision(data: dict[str, Any], where: Path) -> dict[str, Any]:
    """``decimals = 3`` (or one per entry, ``[0, 3, 0]``) or ``significant = 4``: how the prompt asks
    the answer to be rounded."""
    decimals, significant = data.get("decimals"), data.get("significant")
    if decimals is not None and significant is not None:
        raise CurriculumError(f"{where}: give decimals or significant, not both")
    if isinstance(decimals, list):
        decimals = tuple(decimals)
    values = decimals if isinstance(decimals, tuple) else () if decimals is None else (decimals,)
    if not all(type(d) is int and 0 <= d <= 12 for d in values) or (isinstance(decimals, tuple) and not decimals):
        raise CurriculumError(f"{where}: decimals must be an integer from 0 to 12, or a list of them")
    if significant is not None and not (type(significant) is int and 1 <= significant <= 12):
        raise CurriculumError(f"{where}: significant must be an integer from 1 to 12")
    return {"decimals": decimals, "significant": significant}


def _params(data: dict[str, Any], where: Path) -> tuple[Param, ...]:
    out = []
    for name, spec in data.get("params", {}).items():
        if not isinstance(spec, dict) or "default" not in spec:
            raise CurriculumError(f"{where}: [params.{name}] needs a default")
        default = spec["default"]
        ptype = spec.get("type") or ("choice" if "choices" in spec else
                                     "int" if isinstance(default, int) else "float")
        choices = tuple(spec.get("choices", ()))
        choice_labels = {lang: tuple(spec[f"choice_labels_{lang}"]) for lang in LANGS
                         if f"choice_labels_{lang}" in spec}
        if any(len(names) != len(choices) for names in choice_labels.values()):
            raise CurriculumError(f"{where}: [params.{name}] needs one choice label per choice")
        out.append(Param(name=name, default=default, type=ptype, low=spec.get("min"),
                         high=spec.get("max"), choices=choices,
                         help={lang: spec.get(f"help_{lang}", "") for lang in LANGS},
                         label={lang: spec.get(f"label_{lang}", "") for lang in LANGS},
                         choice_labels=choice_labels))
    return tuple(out)


def _plot_words(data: dict[str, Any], where: Path) -> dict[str, dict[str, str]]:
    """``[en.plot]`` and ``[ko.plot]``: the words the experiment draws (labels, titles, legends),
    looked up by key; the same keys, with the same placeholders, in both languages."""
    words = {lang: data.get(lang, {}).get("plot", {}) for lang in LANGS}
    for lang, table in words.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise CurriculumError(f"{where}: [{lang}.plot] must map keys to non-empty strings")
    first, *others = LANGS
    for lang in others:
        if set(words[lang]) != set(words[first]):
            raise CurriculumError(f"{where}: [{first}.plot] and [{lang}.plot] have different keys: "
                                  f"{sorted(set(words[first]) ^ set(words[lang]))}")
        for key, text in words[first].items():
            if _placeholders(text) != _placeholders(words[lang][key]):
                raise CurriculumError(f"{where}: plot word {key!r} has other placeholders in [{lang}.plot]")
    return words


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def parse_why(folder: Path) -> Why:
    data = read_toml(folder)
    where = folder / "item.toml"
    module = _module_with(folder, "experiment.py", ("run", "check"))
    texts = _texts(data, where, WhyText, ("title", "answer", "derivation"), ())
    words = _plot_words(data, where)
    return Why(
        id=folder.name,
        area=folder.parent.name,
        path=folder,
        text={lang: dataclasses.replace(text, plot=words[lang]) for lang, text in texts.items()},
        params=_params(data, where),
        run=module.run,
        check=module.check,
        concepts=tuple(data.get("concepts", ())),
    )


def _paper(data: dict[str, Any], where: Path) -> Paper:
    block = data.get("paper")
    if not isinstance(block, dict):
        raise CurriculumError(f"{where}: missing [paper] table")
    missing = [f for f in ("authors", "title", "venue") if not (isinstance(block.get(f), str) and block[f].strip())]
    if missing or type(block.get("year")) is not int:
        raise CurriculumError(f"{where}: [paper] lacks {', '.join(missing or ['year (an integer)'])}")
    return Paper(authors=block["authors"], year=block["year"], title=block["title"], venue=block["venue"],
                 arxiv=str(block.get("arxiv", "")))


def _steps(data: dict[str, Any], where: Path) -> tuple[TrackStep, ...]:
    rows = data.get("steps")
    if not isinstance(rows, list) or not rows:
        raise CurriculumError(f"{where}: a track lists its steps as [[steps]] tables")
    steps = []
    for n, row in enumerate(rows, 1):
        fields = ("ref", "latex", "exercise")
        if not isinstance(row, dict) or not all(isinstance(row.get(f), str) and row[f].strip() for f in fields):
            raise CurriculumError(f"{where}: step {n} needs ref, latex and exercise")
        steps.append(TrackStep(ref=row["ref"].strip(), latex=row["latex"], exercise=row["exercise"]))
    refs = [s.ref for s in steps]
    twice = sorted({r for r in refs if refs.count(r) > 1})
    if twice:
        raise CurriculumError(f"{where}: equation {twice[0]!r} is listed twice")
    return tuple(steps)


def parse_track(folder: Path) -> Track:
    """A paper track: the paper, its texts in both languages, its steps in
    the paper's order, the last one's exercise being ``final``.  Whether the
    steps' exercises exist is the catalog's to say (:func:`check_track`)."""
    data = read_toml(folder)
    where = folder / "item.toml"
    steps = _steps(data, where)
    final = data.get("final")
    if final != steps[-1].exercise:
        raise CurriculumError(f"{where}: final = {final!r} must be the last step's exercise, "
                              f"{steps[-1].exercise!r}")
    area = data.get("area")
    if not isinstance(area, str) or not area.strip():
        raise CurriculumError(f"{where}: missing string field 'area'")
    if area not in AREAS:
        raise CurriculumError(f"{where}: area {area!r} is not one of {', '.join(AREAS)}")
    return Track(id=folder.name, area=area, path=folder, paper=_paper(data, where),
                 text=_texts(data, where, TrackText, ("title", "introduction"), ()),
                 steps=steps, final=final)


def check_track(track: Track, exercise_ids) -> Track:
    """The track, if every step names an exercise of ``exercise_ids``."""
    known = set(exercise_ids)
    for step in track.steps:
        if step.exercise not in known:
            raise CurriculumError(f"{track.path / 'item.toml'}: step {step.ref} names {step.exercise!r}, "
                                  f"which is not an exercise")
    return track


PARSERS = {"exercise": parse_exercise, "concept": parse_concept, "drill": parse_drill, "why": parse_why,
           "track": parse_track}
