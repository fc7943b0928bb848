"""The verdict of one grading: plain data, rendered for a terminal (Rich),
Jupyter (HTML) and machines (``to_dict`` / JSON).

Curriculum prose (a known mistake's message, the exercise's hint) goes
through the prose renderer (``content.prose``), as on the web: Markdown with
the math as Unicode in a terminal, plain text without Markdown's marks in
``str()``, sanitized HTML with the math for MathJax in Jupyter.  A message
built around the learner's own output (a failing case, a raised exception's
text) and every value is shown exactly as written."""

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

    @property
    def message_is_prose(self) -> bool:
        """The message is a known mistake's (curriculum prose in byhand's own
        sentence); any other message is built around the learner's output."""
        return self.mistake is not None

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

    def __str__(self) -> str:
        from ..content.prose import to_plain

        head = self._label("passed" if self.passed else "failed")
        message = to_plain(self.message) if self.message_is_prose else self.message
        lines = [f"{head} {self.exercise_id}: {message}"]
        # a value of several lines (named arguments, a matrix) stays under its label
        lines += [f"  {self._label(key)}: " + (to_plain(v) if key in _PROSE_KEYS else v).replace("\n", "\n    ")
                  for key, v in self._fields()]
        return "\n".join(lines)

    def __rich__(self):
        from rich.console import Group
        from rich.markdown import Markdown
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        from ..content.prose import to_terminal

        def prose(text: str, style: str = "") -> Markdown:
            return Markdown(to_terminal(text), style=style, hyperlinks=False)

        colour = "green" if self.passed else "red"
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, value in self._fields():
            table.add_row(self._label(key), prose(value) if key in _PROSE_KEYS else Text(value))
        title = f"[bold {colour}]{self._label('passed' if self.passed else 'failed')}[/] {self.exercise_id}"
        message = prose(self.message, "bold") if self.message_is_prose else Text(self.message, style="bold")
        body = Group(message, Text(""), table)
        return Panel(body, title=title, title_align="left", border_style=colour)

    def _repr_html_(self) -> str:
        """The verdict in a notebook (JupyterLab, the classic Notebook, nbconvert's HTML).

        Their stylesheets right-align table cells, centre tables, fix the
        table layout and stripe rows with a light background; every one of
        those is overridden inline here (no stylesheet of our own, no script).
        Colours are inherited, so a dark theme reads as well as a light one;
        only the bar on the left is coloured.  Arrays keep their columns
        (``white-space: pre``) and scroll sideways inside the box, which is
        never wider than the output area.  The table is laid out as a grid:
        the labels' column as wide as its longest label up to 40 % of the
        box (a label wraps only in a narrow output area, such as a phone's),
        the values' column the rest.

        A known mistake's message and the hint are prose (``to_inline_html``):
        their ``$...$`` math is typeset by the notebook's MathJax, which
        JupyterLab, the classic Notebook and nbconvert's pages run over HTML
        output.  Everything else is text the notebook must not typeset (the
        learner's own words and values): it is escaped and marked with
        MathJax's ignore classes (``tex2jax_ignore`` for MathJax 2,
        ``mathjax_ignore`` for 3)."""
        from ..content.prose import to_inline_html

        esc = functools.partial(html.escape, quote=True)
        bar = "#1a7f37" if self.passed else "#cf222e"
        rows = "".join(
            f"<tr style='{_TR}'><th scope='row' style='{_TH}'>{esc(self._label(key))}</th>"
            f"<td style='{_TD}'>{_html_value(key, value, to_inline_html)}</td></tr>"
            for key, value in self._fields()
        )
        head = esc(self._label("passed" if self.passed else "failed"))
        if self.message_is_prose:
            message = f"<p style='{_LEFT}{_PROSE}{_MESSAGE}'>{to_inline_html(self.message)}</p>"
        else:
            message = f"<p class='{_NO_MATH}' style='{_LEFT}{_TEXT}{_MESSAGE}'>{esc(self.message)}</p>"
        return (
            f"<div class='byhand-result' style='{_BOX}border-left:4px solid {bar}'>"
            f"<div class='{_NO_MATH}' style='{_LEFT}'><strong>{head}</strong> "
            f"<span style='{_MONO}'>{esc(self.exercise_id)}</span></div>"
            f"{message}"
            f"<table style='{_TABLE}'><tbody style='{_TBODY}'>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return (f"GradeResult(exercise_id={self.exercise_id!r}, passed={self.passed}, "
                f"status={self.status!r}, mistake={self.mistake!r})")


# -- the notebook's HTML: inline styles that win over JupyterLab's and the classic Notebook's ------

_MONO = ("font-family:var(--jp-code-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,DejaVu Sans Mono,"
         "monospace);font-size:var(--jp-code-font-size,0.9em);")
_RESET = "color:inherit;background:transparent;border:none;"
_LEFT = "text-align:left;"
_TEXT = "white-space:pre-wrap;overflow-wrap:anywhere;"  # text as written: its line breaks kept
_PROSE = "white-space:normal;overflow-wrap:anywhere;"  # Markdown: a line break in the source is a space
_MESSAGE = "margin:0.5em 0;font-weight:bold;"
_NO_MATH = "tex2jax_ignore mathjax_ignore"  # MathJax 2 and 3 leave what is inside as written
_PROSE_KEYS = frozenset({"hint"})  # rows that are curriculum prose
_BOX = f"{_LEFT}{_RESET}box-sizing:border-box;max-width:100%;min-width:0;padding:0.5em 1em;margin:0.25em 0;"
# A table in the markup (a label and its value per row, for screen readers too), a grid on the screen: the
# labels' column fits its longest label up to 40 % of the width (a table's nowrap labels left the values a
# column 0 px wide in a narrow output area), the values' column the rest and no more, so an array's <pre>
# scrolls in it; the rows and their group are display:contents, their cells the grid's items.
_TABLE = (f"{_LEFT}{_RESET}border-collapse:collapse;table-layout:auto;width:100%;margin:0;"
          "font-size:inherit;line-height:1.4;display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);")
_TBODY = "display:contents;"
_TR = f"{_RESET}display:contents;"
_CELL = f"{_LEFT}{_RESET}vertical-align:top;padding:0.15em 0;line-height:1.4;"
_TH = f"{_CELL}white-space:normal;padding-right:1em;font-weight:bold;"
_TD = f"{_CELL}min-width:0;"
_ARRAYS = frozenset({"inputs", "expected", "got", "output"})  # columns that must stay lined up
_PRE = f"{_LEFT}{_RESET}{_MONO}white-space:pre;overflow-x:auto;margin:0;padding:0 0 0.2em 0;"


def _html_value(key: str, value: str, to_inline_html) -> str:
    if key in _PROSE_KEYS:
        return f"<div style='{_LEFT}{_PROSE}'>{to_inline_html(value)}</div>"
    text = html.escape(value, quote=True)
    if key in _ARRAYS:
        return f"<pre class='{_NO_MATH}' style='{_PRE}'>{text}</pre>"
    if key == "case":  # words
        return f"<div class='{_NO_MATH}' style='{_LEFT}{_TEXT}'>{text}</div>"
    # a count, a seed, a tolerance: a formula
    return f"<div class='{_NO_MATH}' style='{_LEFT}{_TEXT}{_MONO}'>{text}</div>"
