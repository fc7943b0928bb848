"""The verdict of one grading: plain data, rendered for a terminal (Rich),
Jupyter (HTML) and machines (``to_dict`` / JSON)."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

from .messages import msg


@dataclass(frozen=True)
class Failure:
    """The smallest case that failed, shown small."""

    case: str
    reason: str  # shape | dtype | nonfinite | value | error | not-plain | timeout | crashed
    inputs: str = ""
    expected: str = ""
    got: str = ""
    max_abs_error: float | None = None
    max_rel_error: float | None = None
    # (start, end) in ``got`` / ``expected`` of each entry that is wrong (for a panel to highlight)
    got_marks: tuple[tuple[int, int], ...] = ()
    expected_marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GradeResult:
    exercise_id: str
    passed: bool
    status: str  # passed | failed | error | timeout | invalid
    message: str
    lang: str
    mistake: str | None = None
    failure: Failure | None = None
    tolerance: str = ""
    hint: str = ""
    cases_passed: int = 0
    cases_total: int = 0
    seed: int = 0
    stdout: str = ""
    protections: tuple[str, ...] = field(default=())
    block: str | None = None  # the learner's own block that is at fault, if any

    def __bool__(self) -> bool:
        return self.passed

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["protections"] = list(self.protections)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "GradeResult":
        """The inverse of :meth:`to_dict` (a result that crossed a process boundary)."""
        fields = dict(data)
        failure = fields.pop("failure", None)
        fields["protections"] = tuple(fields.get("protections", ()))
        if failure:
            failure = {**failure, **{k: tuple(tuple(span) for span in failure.get(k, ()))
                                     for k in ("got_marks", "expected_marks")}}
        return cls(**fields, failure=Failure(**failure) if failure else None)

    # -- rendering ------------------------------------------------------------

    def _label(self, key: str) -> str:
        return msg(f"label.{key}", self.lang)

    def _rows(self) -> list[tuple[str, str]]:
        rows = [(self._label("cases"), f"{self.cases_passed}/{self.cases_total}")]
        if self.seed is not None and not self.passed:
            rows.append((self._label("seed"), str(self.seed)))
        f = self.failure
        if f is not None:
            rows.append((self._label("case"), f.case))
            if f.inputs:
                rows.append((self._label("inputs"), f.inputs))
            if f.expected:
                rows.append((self._label("expected"), f.expected))
            if f.got:
                rows.append((self._label("got"), f.got))
            if f.max_abs_error is not None:
                rows.append((self._label("max_error"), f"{f.max_abs_error:.3g} (rel {f.max_rel_error:.3g})"))
        if self.tolerance:
            rows.append((self._label("tolerance"), self.tolerance))
        if self.hint and not self.passed:
            rows.append((self._label("hint"), self.hint))
        if self.stdout:
            rows.append((self._label("output"), self.stdout.rstrip()[-2000:]))
        return rows

    def __str__(self) -> str:
        head = self._label("passed" if self.passed else "failed")
        lines = [f"{head} {self.exercise_id}: {self.message}"]
        # a value of several lines (named arguments, a matrix) stays under its label
        lines += [f"  {k}: " + v.replace("\n", "\n    ") for k, v in self._rows()]
        return "\n".join(lines)

    def __rich__(self):
        from rich.console import Group
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        colour = "green" if self.passed else "red"
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, value in self._rows():
            table.add_row(key, Text(value))
        title = f"[bold {colour}]{self._label('passed' if self.passed else 'failed')}[/] {self.exercise_id}"
        body = Group(Text(self.message, style="bold"), Text(""), table)
        return Panel(body, title=title, title_align="left", border_style=colour)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#cf222e"
        esc = html.escape
        rows = "".join(
            f"<tr><th style='text-align:left;vertical-align:top;padding-right:1em'>{esc(k)}</th>"
            f"<td><pre style='margin:0;white-space:pre-wrap'>{esc(v)}</pre></td></tr>"
            for k, v in self._rows()
        )
        return (
            f"<div style='border-left:4px solid {colour};padding:0.5em 1em'>"
            f"<div><strong style='color:{colour}'>{esc(self._label('passed' if self.passed else 'failed'))}</strong> "
            f"<code>{esc(self.exercise_id)}</code></div>"
            f"<p style='white-space:pre-wrap'>{esc(self.message)}</p>"
            f"<table>{rows}</table></div>"
        )

    def __repr__(self) -> str:
        return (f"GradeResult(exercise_id={self.exercise_id!r}, passed={self.passed}, "
                f"status={self.status!r}, mistake={self.mistake!r})")
