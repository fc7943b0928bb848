"""`byhand watch`: the learner's blocks re-graded as they save, rustlings-style.

A session has one *current* block: the one its screen explains in full.  It
starts at the first failing block in the workspace's order (the order of the
stubs in blocks/, by area, each block after the ones it uses), else the
first stub.  A save re-grades only what the save can have changed: a block
whose code changed (its function, or the module's code around the blocks),
and every block that calls one of those (directly or through other blocks);
a change to a comment or to a block you have not touched records nothing.
When a save changes blocks other than the current one, the first of them
becomes current (you are working there).  A block that passes stays current
until the learner asks for the next one (``n``): the next block, in order
and wrapping around, that is a stub or fails.

Every grading is recorded like ``byhand check``'s (context "watch") and
shown by the same hint policy (``services.attempts.record_and_show``): the
general hint after repeated failures, or at once for a block whose hint the
learner asked for (``h``) in this session.
"""

from __future__ import annotations

import ast
import dataclasses
import time

from ..content import loader
from ..grading.result import GradeResult
from ..services.attempts import record_and_show
from ..storage import Store
from .checking import grade_in_workspace
from .workspace import Workspace, exercises_by_area, status

__all__ = ["Refreshed", "WatchSession"]

TODO = ("stub", "missing")


@dataclasses.dataclass(frozen=True)
class Refreshed:
    """What one look at the workspace changed."""

    graded: list[str]  # the blocks graded now, in order
    changed: bool  # anything to show again (a grading, a syntax error come or gone, a block back to a stub)


@dataclasses.dataclass(frozen=True)
class _Module:
    blocks: dict[str, str]  # exercise id -> its code, as the grader sees it (comments aside)
    calls: dict[str, set[str]]  # exercise id -> the names its function uses
    syntax_error: str | None  # "blocks/nn.py:12: invalid syntax\n    the line"


class WatchSession:
    def __init__(self, ws: Workspace, store: Store, lang: str):
        self.ws, self.store, self.lang = ws, store, lang
        self.user_id = store.user_id()
        self.areas = {area: [ex.id for ex in exs] for area, exs in exercises_by_area().items()}
        self.order = [i for ids in self.areas.values() for i in ids]
        self.states: dict[str, str] = {}
        self.results: dict[str, GradeResult] = {}  # as shown (hint policy applied)
        self.raw: dict[str, GradeResult] = {}  # as graded (with the hint, for `h`)
        self.seen: dict[str, str] = {}  # exercise id -> its code when last looked at
        self.syntax_errors: dict[str, str] = {}  # area -> where and what
        self.asked: set[str] = set()  # blocks whose hint the learner asked for
        self.current: str | None = None

    # -- what the workspace holds ------------------------------------------------

    def _read(self, area: str) -> _Module:
        path = self.ws.module_path(area)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return _Module({}, {}, None)
        try:
            tree = ast.parse(text, filename=str(path))
        except SyntaxError as exc:
            where = f"{path.relative_to(self.ws.root)}:{exc.lineno}: {exc.msg}"
            line = (exc.text or "").rstrip("\n")
            return _Module({}, {}, where + (f"\n    {line.strip()}" if line.strip() else ""))
        by_function = {loader.load_exercise(i).function: i for i in self.areas[area]}
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in by_function}
        around = "\n".join(ast.unparse(n) for n in tree.body if n not in functions.values())
        blocks, calls = {}, {}
        for name, fn in functions.items():
            item_id = by_function[name]
            blocks[item_id] = ast.unparse(fn) + "\n\0" + around
            calls[item_id] = ({n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
                              | {n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)})
        return _Module(blocks, calls, None)

    def refresh(self, force: tuple[str, ...] = ()) -> Refreshed:
        """Look at the workspace again; grade what changed (and ``force``)."""
        first = not self.seen
        modules = {area: self._read(area) for area in self.areas}
        errors = {a: m.syntax_error for a, m in modules.items() if m.syntax_error}
        broken = {i for a in errors for i in self.areas[a]}  # left as they were until the module parses
        states = status(self.ws)
        code = {i: c for m in modules.values() for i, c in m.blocks.items()}
        edited = {i for i in self.order if i not in broken and code.get(i) != self.seen.get(i)}
        implemented = [i for i in self.order if states.get(i) == "implemented"]
        # a block that calls an edited block, directly or through others, may change its verdict too
        function_of = {loader.load_exercise(i).function: i for i in self.order}
        calls = {i: {function_of[n] for n in names if n in function_of and function_of[n] != i}
                 for m in modules.values() for i, names in m.calls.items()}
        affected = set(edited)
        grew = True
        while grew:
            grew = False
            for i in implemented:
                if i not in affected and calls.get(i, set()) & affected:
                    affected.add(i)
                    grew = True
        gone = [i for i in self.results if states.get(i) != "implemented" and i not in broken]
        for i in gone:  # back to a stub (or deleted): nothing to show for it
            self.results.pop(i)
            self.raw.pop(i, None)
        graded = [i for i in implemented
                  if i not in broken and (i in affected or i in force or i not in self.results)]
        for i in graded:
            self.grade(i)
        for i in edited:
            if i in code:
                self.seen[i] = code[i]
            else:
                self.seen.pop(i, None)
        self.states = {i: ("syntax-error" if i in broken else states.get(i, "missing")) for i in self.order}
        changed = bool(graded or gone or errors != self.syntax_errors)
        self.syntax_errors = errors
        self._focus(first, [i for i in implemented if i in edited])
        return Refreshed(graded, changed)

    def _focus(self, first: bool, edited: list[str]) -> None:
        if first or self.current is None:
            failing = [i for i in self.order if i in self.results and not self.results[i].passed]
            self.current = failing[0] if failing else self.next_block(None)
        elif edited and self.current not in edited:
            self.current = edited[0]  # the learner is working there now
        if self.current is not None and self.current not in self.states:
            self.current = self.next_block(None)

    def grade(self, item_id: str) -> GradeResult:
        ex = loader.load_exercise(item_id)
        started = time.monotonic()
        raw = grade_in_workspace(self.ws, ex, lang=self.lang)
        source = self.ws.module_path(ex.area).read_text(encoding="utf-8")
        shown, _ = record_and_show(self.store, self.user_id, raw, context="watch", source=source,
                                   started=started, asked_hint=item_id in self.asked)
        self.raw[item_id], self.results[item_id] = raw, shown
        return shown

    # -- where the learner is -------------------------------------------------------

    def done(self, item_id: str) -> bool:
        result = self.results.get(item_id)
        return self.states.get(item_id) == "implemented" and result is not None and result.passed

    def next_block(self, after: str | None) -> str | None:
        """The next stub or failing block after ``after`` (from the start if None), wrapping around."""
        if after is None or after not in self.order:
            return next((i for i in self.order if not self.done(i)), None)
        k = self.order.index(after)
        return next((i for i in self.order[k + 1:] + self.order[:k] if not self.done(i)), None)

    def go_next(self) -> str | None:
        nxt = self.next_block(self.current)
        if nxt is not None:
            self.current = nxt
        elif self.current is not None and self.done(self.current):
            self.current = None  # everything passes
        return self.current

    def hint(self) -> str | None:
        """The current block's general hint, asked for: None when it has none to give
        (a syntax error, a missing function or a time limit is not about the mathematics)."""
        item_id = self.current
        if item_id is None:
            return None
        self.asked.add(item_id)
        raw = self.raw.get(item_id)
        if raw is not None and not raw.passed:
            if not raw.hint:
                return None
            self.results[item_id] = dataclasses.replace(self.results[item_id], hint=raw.hint)
            return raw.hint
        return loader.load_exercise(item_id).t(self.lang).hint or None

    def counts(self) -> tuple[int, int, int]:
        """(passing, total, still to do)."""
        passing = sum(self.done(i) for i in self.order)
        todo = sum(self.states.get(i) in TODO for i in self.order)
        return passing, len(self.order), todo
