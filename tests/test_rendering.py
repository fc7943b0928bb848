"""Results render for a terminal (Rich), Jupyter (HTML) and machines (dict)."""

import json

import numpy as np
from rich.console import Console

import byhand
from byhand.grading.result import Failure, GradeResult


def _failed(hint=True):
    return byhand.check("softmax", lambda x, axis=-1: np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True), seed=0,
                        hint=hint)


def test_html_shows_verdict_case_and_hint_escaped():
    html = _failed()._repr_html_()
    assert "FAILED" in html and "huge values" in html
    assert "keepdims=True" in html  # the hint
    assert "<script" not in html


def test_html_escapes_learner_output():
    def softmax(x, axis=-1):
        print("<script>alert(1)</script>")
        return x

    html = byhand.check("softmax", softmax, seed=0)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_rich_rendering_in_a_terminal():
    console = Console(record=True, width=100, color_system=None)
    console.print(_failed())
    text = console.export_text()
    assert "FAILED softmax" in text and "no-max-shift" in text and "tolerance" in text


def test_to_dict_is_json_serializable():
    data = json.loads(json.dumps(_failed().to_dict()))
    assert data["passed"] is False and data["mistake"] == "no-max-shift"
    assert set(data["failure"]) >= {"case", "inputs", "expected", "got"}




def test_a_failure_shows_its_seed_everywhere_and_setup_failures_show_no_hint():
    """Issue 12: the seed the README promises is in every rendering of a
    failure; a syntax error or a timeout gets no exercise hint (it would not help)."""
    import byhand

    wrong = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)\n"
    result = byhand.grade("softmax", wrong, seed=1234, lang="en", hint=True)
    assert not result.passed and result.hint
    assert "seed (to grade the same cases again): 1234" in str(result)
    assert "1234" in result._repr_html_() and result.to_dict()["seed"] == 1234
    for source in ("def softmax(x, axis=-1:\n", "def softmax(x, axis=-1):\n    while True:\n        pass\n"):
        broken = byhand.grade("softmax", source, seed=1, lang="en", hint=True)  # asked, still none
        assert broken.status in ("invalid", "error", "timeout") and not broken.hint, broken.status
        assert "hint" not in str(broken)


def test_the_diagnosed_mistake_comes_first_and_the_hint_after_repeated_failures():
    """Issue 12: the general hint (often the whole method) is not on every
    failure: a diagnosed mistake's message first, the hint when asked for or
    at the third failure in a row; a pass starts the count again."""
    from byhand import _public
    from byhand.grading.hints import HINT_AFTER

    _public._failures.clear()
    shown = [_failed(hint=False) for _ in range(HINT_AFTER + 1)]
    assert [r.mistake for r in shown] == ["no-max-shift"] * (HINT_AFTER + 1)
    assert [bool(r.hint) for r in shown] == [False] * (HINT_AFTER - 1) + [True, True]
    assert "Hint" not in str(shown[0]) and "keepdims=True" in str(shown[-1])
    assert _failed(hint=True).hint  # asked for: at once

    def softmax(x, axis=-1):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    assert byhand.check("softmax", softmax, seed=3).passed
    assert not _failed(hint=False).hint  # the count starts again after a pass


def test_a_failure_names_each_argument_from_the_signature():
    """Issue 12: q, k and v (or gamma and beta) can be told apart in every rendering."""
    def attention(q, k, v, mask=None):
        return q

    result = byhand.check("scaled_dot_product_attention", attention, seed=1, lang="en")
    inputs = result.failure.inputs
    assert [line.split(" = ")[0] for line in inputs.splitlines() if " = " in line][:3] == ["q", "k", "v"]
    console = Console(record=True, width=120, color_system=None)
    console.print(result)
    for text in (str(result), console.export_text(), result._repr_html_(), json.dumps(result.to_dict())):
        assert all(f"{name} = " in text for name in ("q", "k", "v")), text
    norm = byhand.check("layer_norm", lambda x, gamma, beta, eps=1e-5: x, seed=2, lang="en")
    assert "gamma = " in norm.failure.inputs and "beta = " in norm.failure.inputs


def test_html_left_aligns_every_cell_and_keeps_arrays_in_monospace_columns():
    """Issue 13: JupyterLab and the classic Notebook right-align table cells and
    centre tables; the verdict says otherwise inline on every cell (the real
    rendering is checked in Chromium by tests/test_notebook_html.py)."""
    from html.parser import HTMLParser

    class Styles(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs).get("style", "")))

    parser = Styles()
    parser.feed(_failed()._repr_html_())
    cells = [style for tag, style in parser.tags if tag in ("th", "td")]
    assert len(cells) >= 12 and all("text-align:left" in s for s in cells)
    table = next(style for tag, style in parser.tags if tag == "table")
    assert "margin:0" in table and "table-layout:auto" in table
    pres = [style for tag, style in parser.tags if tag == "pre"]
    assert len(pres) == 3  # inputs, expected, got
    assert all("white-space:pre;" in s and "overflow-x:auto" in s and "monospace" in s for s in pres)
    # no colour or background of its own but the bar: the notebook's theme shows through
    styles = " ".join(style for _, style in parser.tags)
    assert "background:" not in styles.replace("background:transparent", "")
    assert "color:#" not in styles and "color: #" not in styles


PROSE = "Known mistake `ddof-one`: you divide by $n-1$; use `np.sum` over **all** $x_i$ and $\\sigma_i^2$."
OWN = "**3.0** $x$ and $y$"  # the learner's own output: text as written


def _prose_verdict(mistake="ddof-one", message=PROSE):
    return GradeResult(exercise_id="variance", passed=False, status="failed", message=message, lang="en",
                       mistake=mistake, hint="Divide by $n$ (`ddof=0`), **not** $n-1$.",
                       failure=Failure(case="random", reason="value", inputs="x = [1. 2.]", expected="0.25",
                                       got=OWN), cases_passed=1, cases_total=5, seed=7)


def _rich_text(result) -> str:
    console = Console(record=True, width=120, color_system=None)
    console.print(result)
    return console.export_text()


def test_a_mistake_message_and_the_hint_are_prose_in_every_rendering():
    """Issue 13: a known mistake's message and the hint are Markdown with
    math (content/prose.py): the terminal and str() show the math as Unicode
    and no Markdown mark, Jupyter gets the math for MathJax and code and
    emphasis as elements; the learner's own output stays as written."""
    result = _prose_verdict()
    for text in (str(result), _rich_text(result)):
        message = next(line for line in text.splitlines() if "Known mistake" in line)
        assert "ddof-one" in message and "n−1" in message and "xᵢ" in message and "σᵢ²" in message, message
        assert "np.sum over all" in message
        assert not any(mark in message for mark in ("$", "`", "**")), message
        hint = next(line for line in text.splitlines() if "hint" in line)
        assert "Divide by n (ddof=0), not n−1." in hint and "$" not in hint and "`" not in hint, hint
        assert OWN in text  # the got row, as written
    html = result._repr_html_()
    message = html.split("<p ")[1].split("</p>")[0]
    assert "<code>ddof-one</code>" in message and "<code>np.sum</code>" in message
    assert "<strong>all</strong>" in message and '<span class="math inline">$x_i$</span>' in message
    assert '<span class="math inline">$\\sigma_i^2$</span>' in message
    assert "`" not in message and "**" not in message
    assert '<span class="math inline">$n$</span> (<code>ddof=0</code>), <strong>not</strong>' in html  # the hint
    got = html.split("<pre ")[3].split("</pre>")[0]
    assert "tex2jax_ignore mathjax_ignore" in got and got.endswith(">**3.0** $x$ and $y$")


def test_a_message_around_the_learners_output_stays_as_written():
    result = _prose_verdict(mistake=None, message=f"Your function raised ValueError: {OWN}")
    for text in (str(result), _rich_text(result)):
        assert f"Your function raised ValueError: {OWN}" in text
    html = result._repr_html_()
    message = html.split("<p ")[1].split("</p>")[0]
    assert "tex2jax_ignore mathjax_ignore" in message  # MathJax leaves it alone in a notebook
    assert message.endswith(f">Your function raised ValueError: {OWN}") and "<strong>" not in message


def test_a_real_mistake_message_with_math_and_code_prints_without_marks():
    from byhand.content import loader

    rows = loader.load_exercise("gram_schmidt").mistake("returns-rows").implementations[0]  # the q's as rows
    result = byhand.check("gram_schmidt", rows, seed=0, hint=True, lang="en")
    assert result.mistake == "returns-rows"
    head = str(result).splitlines()[0]
    assert "The qₖ must be the columns of Q" in head and "np.column_stack(qs)." in head
    assert "$" not in head and "`" not in head
