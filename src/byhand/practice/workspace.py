"""A learner's workspace: a small Python package of their own building blocks.

    DIR/
      byhand.toml          marks the folder as a workspace (and holds its settings)
      blocks/__init__.py
      blocks/linalg.py     one module per area, a stub per exercise
      blocks/nn.py ...
      tests/test_blocks.py `pytest` gives the same verdicts as `byhand check`
      .byhand/progress.db  attempts and review state
      .byhand/reviews/     scratch files for re-implementing from memory

A stub has the exercise's signature and a docstring with the equation and the
definition, and raises NotImplementedError.  Where an exercise builds on
another (``uses``), the stub's module imports the learner's own block, so a
bug in a block shows up where it is used; the grader then names the block.
"""

from __future__ import annotations

import ast
import os
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..content import loader
from ..content.model import Exercise
from ..errors import ByhandError
from ..services.data import progress_database, progress_folder

MARKER = "byhand.toml"
PACKAGE = "blocks"
NOT_IMPLEMENTED = "byhand: implement {function} (see `byhand show {id}`)"


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def package(self) -> Path:
        return self.root / PACKAGE

    @property
    def data_dir(self) -> Path:
        return self.root / ".byhand"

    @property
    def database(self) -> Path:
        return progress_database(self.data_dir)

    @property
    def reviews_dir(self) -> Path:
        return self.data_dir / "reviews"

    def module_path(self, area: str) -> Path:
        return self.package / f"{area}.py"

    def settings(self) -> dict:
        try:
            return tomllib.loads((self.root / MARKER).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ByhandError.of("workspace-settings", path=self.root / MARKER, reason=exc) from None


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace containing ``start`` (default: the current folder), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file() and (folder / PACKAGE).is_dir():
            return Workspace(folder)
    return None


def require_workspace(start: Path | None = None) -> Workspace:
    ws = find_workspace(start)
    if ws is None:
        raise ByhandError.of("not-in-workspace")
    return ws


def exercises_by_area() -> dict[str, list[Exercise]]:
    out: dict[str, list[Exercise]] = {}
    for item_id in loader.exercise_ids():
        ex = loader.load_exercise(item_id)
        out.setdefault(ex.area, []).append(ex)
    return out


def _area_of() -> dict[str, str]:
    return {r["id"]: r["area"] for r in loader.summaries() if r["kind"] == "exercise"}


def stub(ex: Exercise, lang: str = "en") -> str:
    t = ex.t(lang)
    doc = "\n".join([
        t.title,
        "",
        t.equation,
        "",
        textwrap.fill(t.explanation, 88),
        "",
        textwrap.fill(("Where ML uses it: " if lang == "en" else "머신러닝에서: ") + t.where_used, 88),
        "",
        f"Check: byhand check {ex.id}",
    ])
    doc = textwrap.indent(doc.replace('"""', r'\"\"\"'), "    ").lstrip()
    message = NOT_IMPLEMENTED.format(function=ex.function, id=ex.id)
    return f'def {ex.function}{ex.signature}:\n    r"""{doc}\n    """\n    raise NotImplementedError("{message}")\n'


def starter(ex: Exercise, lang: str = "en") -> str:
    """A short starting point where the statement is shown beside it (the web
    page): the import, the signature, the title as a one-line docstring."""
    title = ex.t(lang).title.replace("\\", "\\\\").replace('"', '\\"')
    return f'import numpy as np\n\n\ndef {ex.function}{ex.signature}:\n    """{title}"""\n    raise NotImplementedError\n'


def _imports_for(exercises: list[Exercise], area: str, area_of: dict[str, str]) -> list[str]:
    """``from .other import block`` lines for the blocks these exercises use
    that live in another module (blocks of the same module need no import)."""
    by_module: dict[str, set[str]] = {}
    for ex in exercises:
        for used in ex.uses:
            other = area_of.get(used)
            if other and other != area:
                by_module.setdefault(other, set()).add(loader.load_exercise(used).function)
    return [f"from .{m} import {', '.join(sorted(names))}  # your own blocks"
            for m, names in sorted(by_module.items())]


def module_text(area: str, exercises: list[Exercise], lang: str) -> str:
    head = f'"""Your {area} blocks: implement each function, then `byhand check`."""\n\nimport numpy as np\n'
    imports = _imports_for(exercises, area, _area_of())
    if imports:
        head += "\n" + "\n".join(imports) + "\n"
    return head + "".join(f"\n\n{stub(ex, lang)}" for ex in exercises)


TEST_FILE = '''"""Run `pytest` here to get the same verdicts as `byhand check`."""

import pytest

import byhand
from byhand.practice.workspace import find_workspace, implemented_ids

WS = find_workspace()
IDS = implemented_ids(WS) if WS else []


@pytest.mark.parametrize("exercise_id", IDS)
def test_block(exercise_id):
    result = byhand.check(exercise_id)
    assert result.passed, str(result)
'''


def init(root: Path, lang: str = "en") -> Workspace:
    root = Path(root)
    if (root / MARKER).exists():
        raise ByhandError.of("already-workspace", path=root)
    if root.exists() and any(root.iterdir()):
        raise ByhandError.of("folder-not-empty", path=root)
    ws = Workspace(root.resolve())
    ws.package.mkdir(parents=True)
    ws.reviews_dir.mkdir(parents=True)
    (root / "tests").mkdir()
    (root / MARKER).write_text(f'# a byhand workspace\nlang = "{lang}"\n', encoding="utf-8")
    (ws.package / "__init__.py").write_text('"""Your own building blocks."""\n', encoding="utf-8")
    for area, exercises in exercises_by_area().items():
        ws.module_path(area).write_text(module_text(area, exercises, lang), encoding="utf-8")
    (root / "tests" / "test_blocks.py").write_text(TEST_FILE, encoding="utf-8")
    (root / ".gitignore").write_text(".byhand/\n__pycache__/\n", encoding="utf-8")
    return ws


def defined_functions(path: Path) -> dict[str, ast.FunctionDef]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError:
        return {}
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _is_stub(fn: ast.FunctionDef) -> bool:
    body = [n for n in fn.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return (len(body) == 1 and isinstance(body[0], ast.Raise)
            and "NotImplementedError" in ast.unparse(body[0]))


def _syntax_errors(ws: Workspace) -> list[str]:
    """``path:line: message`` for each block module that does not parse."""
    out = []
    for area in exercises_by_area():
        path = ws.module_path(area)
        if path.exists():
            try:
                ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            except SyntaxError as exc:
                out.append(f"{path}:{exc.lineno}: {exc.msg}")
    return out


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".byhand-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # a crash leaves the old file or the new one, never half of one


def update(ws: Workspace, lang: str = "en") -> list[str]:
    """Append stubs for exercises added to the curriculum since ``init``;
    the learner's code is never rewritten.  Returns the ids added.

    Refuses (changing nothing) while a module has a syntax error: its
    functions cannot be read then, and appending a stub for each would shadow
    the learner's own definitions."""
    broken = _syntax_errors(ws)
    if broken:
        raise ByhandError.of("update-syntax-error", where=broken[0])
    added = []
    area_of = _area_of()
    for area, exercises in exercises_by_area().items():
        path = ws.module_path(area)
        if not path.exists():
            _write_atomically(path, module_text(area, exercises, lang))
            added += [ex.id for ex in exercises]
            continue
        have = defined_functions(path)
        missing = [ex for ex in exercises if ex.function not in have]
        if not missing:
            continue
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        for ex in missing:
            imports = _imports_for([ex], area, area_of)
            text += "\n\n" + "".join(f"{line}\n" for line in imports) + ("\n" if imports else "") + stub(ex, lang)
            added.append(ex.id)
        _write_atomically(path, text)
    return added


def status(ws: Workspace) -> dict[str, str]:
    """exercise id -> "implemented" | "stub" | "missing" | "syntax-error"."""
    out = {}
    for area, exercises in exercises_by_area().items():
        path = ws.module_path(area)
        if not path.exists():
            out.update({ex.id: "missing" for ex in exercises})
            continue
        try:
            ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            out.update({ex.id: "syntax-error" for ex in exercises})
            continue
        have = defined_functions(path)
        for ex in exercises:
            fn = have.get(ex.function)
            out[ex.id] = "missing" if fn is None else "stub" if _is_stub(fn) else "implemented"
    return out


def implemented_ids(ws: Workspace) -> list[str]:
    return [i for i, s in status(ws).items() if s in ("implemented", "syntax-error")]


def review_stub_path(ws: Workspace, ex: Exercise, lang: str = "en") -> Path:
    """A fresh scratch file with only the stub: re-implement it from memory."""
    path = ws.reviews_dir / f"{ex.id}.py"
    ws.reviews_dir.mkdir(parents=True, exist_ok=True)
    body = f'"""Review: re-implement {ex.function} from memory, save, and grade."""\n\nimport numpy as np\n\n\n'
    path.write_text(body + stub(ex, lang), encoding="utf-8")
    return path


def data_dir(ws: Workspace | None) -> Path:
    """Where progress lives (see :mod:`byhand.services.data`)."""
    return progress_folder(ws.data_dir if ws is not None else None)
