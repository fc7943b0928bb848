"""Results render for a terminal (Rich), Jupyter (HTML) and machines (dict)."""

import json

import numpy as np
from rich.console import Console

import byhand


def _failed():
    return byhand.check("softmax", lambda x, axis=-1: np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True), seed=0)


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
    result = byhand.grade("softmax", wrong, seed=1234, lang="en")
    assert not result.passed and result.hint
    assert "seed (to grade the same cases again): 1234" in str(result)
    assert "1234" in result._repr_html_() and result.to_dict()["seed"] == 1234
    for source in ("def softmax(x, axis=-1:\n", "def softmax(x, axis=-1):\n    while True:\n        pass\n"):
        broken = byhand.grade("softmax", source, seed=1, lang="en")
        assert broken.status in ("invalid", "error", "timeout") and not broken.hint, broken.status
        assert "hint" not in str(broken)
