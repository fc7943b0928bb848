"""The verdict of one grading: plain data, rendered for a terminal (Rich),
Jupyter (HTML) and machines (``to_dict`` / JSON)."""

from __future__ import annotations

import functools
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

    def _fields(self) -> list[tuple[str, str]]:
        """(key, value) of each row shown under the message; the key names its label."""
        rows = [("cases", f"{self.cases_passed}/{self.cases_total}")]
        if self.seed is not None and not self.passed:
            rows.append(("seed", str(self.seed)))
        f = self.failure
        if f is not None:
            rows.append(("case", f.case))
            if f.inputs:
                rows.append(("inputs", f.inputs))
            if f.expected:
                rows.append(("expected", f.expected))
            if f.got:
                rows.append(("got", f.got))
            if f.max_abs_error is not None:
                rows.append(("max_error", f"{f.max_abs_error:.3g} (rel {f.max_rel_error:.3g})"))
        if self.tolerance:
            rows.append(("tolerance", self.tolerance))
        if self.hint and not self.passed:
            rows.append(("hint", self.hint))
        if self.stdout:
            rows.append(("output", self.stdout.rstrip()[-2000:]))
        return rows

    def _rows(self) -> list[tuple[str, str]]:
        return [(self._label(key), value) for key, value in self._fields()]

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
        """The verdict in a notebook (JupyterLab, the classic Notebook, nbconvert's HTML).

        Their stylesheets right-align table cells, centre tables, fix the
        table layout and stripe rows with a light background; every one of
        those is overridden inline here (no stylesheet of our own, no script).
        Colours are inherited, so a dark theme reads as well as a light one;
        only the bar on the left is coloured.  Arrays keep their columns
        (``white-space: pre``) and scroll sideways inside the box, which is
        never wider than the output area."""
        esc = functools.partial(html.escape, quote=True)
        bar = "#1a7f37" if self.passed else "#cf222e"
        rows = "".join(
            f"<tr style='{_TR}'><th scope='row' style='{_TH}'>{esc(self._label(key))}</th>"
            f"<td style='{_TD}'>{_html_value(key, value)}</td></tr>"
            for key, value in self._fields()
        )
        head = esc(self._label("passed" if self.passed else "failed"))
        return (
            f"<div class='byhand-result' style='{_BOX}border-left:4px solid {bar}'>"
            f"<div style='{_LEFT}'><strong>{head}</strong> <span style='{_MONO}'>{esc(self.exercise_id)}</span></div>"
            f"<p style='{_LEFT}{_PROSE}margin:0.5em 0;font-weight:bold'>{esc(self.message)}</p>"
            f"<table style='{_TABLE}'><tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return (f"GradeResult(exercise_id={self.exercise_id!r}, passed={self.passed}, "
                f"status={self.status!r}, mistake={self.mistake!r})")


# -- the notebook's HTML: inline styles that win over JupyterLab's and the classic Notebook's ------

_MONO = ("font-family:var(--jp-code-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,DejaVu Sans Mono,"
         "monospace);font-size:var(--jp-code-font-size,0.9em);")
_RESET = "color:inherit;background:transparent;border:none;"
_LEFT = "text-align:left;"
_PROSE = "white-space:pre-wrap;overflow-wrap:anywhere;"
_BOX = f"{_LEFT}{_RESET}box-sizing:border-box;max-width:100%;min-width:0;padding:0.5em 1em;margin:0.25em 0;"
_TABLE = (f"{_LEFT}{_RESET}border-collapse:collapse;table-layout:auto;width:100%;margin:0;"
          "font-size:inherit;line-height:1.4;")
_TR = _RESET
_CELL = f"{_LEFT}{_RESET}vertical-align:top;padding:0.15em 0;line-height:1.4;"
_TH = f"{_CELL}white-space:nowrap;padding-right:1em;font-weight:bold;width:1%;"
# max-width:0 with width:100% lets the cell take the rest of the row and no more: an array's <pre> scrolls in it
_TD = f"{_CELL}width:100%;max-width:0;"
_ARRAYS = frozenset({"inputs", "expected", "got", "output"})  # columns that must stay lined up
_PRE = f"{_LEFT}{_RESET}{_MONO}white-space:pre;overflow-x:auto;margin:0;padding:0 0 0.2em 0;"


def _html_value(key: str, value: str) -> str:
    text = html.escape(value, quote=True)
    if key in _ARRAYS:
        return f"<pre style='{_PRE}'>{text}</pre>"
    if key in ("case", "hint"):  # words
        return f"<div style='{_LEFT}{_PROSE}'>{text}</div>"
    return f"<div style='{_LEFT}{_PROSE}{_MONO}'>{text}</div>"  # a count, a seed, a tolerance: a formula
