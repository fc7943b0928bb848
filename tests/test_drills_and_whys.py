"""Numeric drills and why-questions, through the library and the CLI."""

import os
import subprocess
import sys

import numpy as np
import pytest

from byhand.content.loader import load_item
from byhand.errors import ByhandError
from byhand.grading.drills import BadAnswer, check_answer, parse_answer, parse_number, variant


@pytest.mark.parametrize("text, value", [("0.25", 0.25), ("1/4", 0.25), ("-3e-2", -0.03), ("−2", -2.0),
                                         (" 7 ", 7.0), (".5", 0.5)])
def test_numbers_are_read_without_evaluating_code(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1/0", "__import__('os')", "2**10", "1,2"])
def test_unreadable_numbers_are_rejected_clearly(text):
    with pytest.raises(BadAnswer):
        parse_answer("number", text)


@pytest.mark.parametrize("kind, text, en, ko", [
    ("number", "abc", "'abc' is not a number; type e.g. 0.25", "'abc'는 숫자가 아닙니다. 0.25, 1/4"),
    ("number", "1/0", "'1/0': division by zero", "'1/0': 0으로 나눌 수 없습니다."),
    ("number", "  ", "the answer is empty", "답이 비어 있습니다."),
    ("shape", "(2.5, 3)", "'(2.5, 3)' is not a shape; type e.g. (2, 3, 4)", "'(2.5, 3)'은 배열의 모양이 아닙니다."),
    ("vector", "[]", "empty vector; type numbers separated by commas", "벡터가 비어 있습니다."),
])
def test_an_unreadable_answer_is_said_in_the_learners_language(kind, text, en, ko):
    with pytest.raises(BadAnswer) as caught:
        parse_answer(kind, text)
    assert caught.value.in_lang("en").startswith(en) and str(caught.value) == caught.value.in_lang("en")
    assert caught.value.in_lang("ko").startswith(ko)


def test_vectors_and_shapes():
    assert parse_answer("vector", "[1, 2.5]").tolist() == [1.0, 2.5]
    assert parse_answer("vector", "1 2 3").tolist() == [1.0, 2.0, 3.0]
    assert parse_answer("shape", "(2, 3, 4)").tolist() == [2, 3, 4]
    with pytest.raises(BadAnswer):
        parse_answer("shape", "(2.5, 3)")


def test_a_variant_is_fixed_by_its_seed_and_checked_with_tolerance():
    drill = load_item("eigenvalues-2x2")
    a, b = variant(drill, 5), variant(drill, 5)
    assert a.params == b.params and a.prompt("en") == b.prompt("en")
    l1, l2 = a.answer
    assert check_answer(a, f"{l1:.3f}, {l2:.3f}", "en").correct
    assert not check_answer(a, f"{l2:.3f}, {l1:.3f}", "en").correct or np.isclose(l1, l2)
    assert not check_answer(a, f"{l1 + 1:.3f}, {l2:.3f}", "en").correct
    assert "tr(A)" in check_answer(a, "0, 0", "ko").solution


def run(*args):
    return subprocess.run([sys.executable, "-m", "byhand", *args], capture_output=True, text=True,
                          env={**os.environ, "BYHAND_LANG": "en"}, timeout=120)


def test_drill_cli_exit_codes_and_worked_solution():
    v = variant(load_item("eigenvalues-2x2"), 3)
    good = ", ".join(f"{x:.4f}" for x in v.answer)
    ok = run("drill", "eigenvalues-2x2", "--seed", "3", "--answer", good)
    assert ok.returncode == 0 and "Correct" in ok.stdout and "det(A)" in ok.stdout
    bad = run("drill", "eigenvalues-2x2", "--seed", "3", "--answer", "0, 0", "--no-record")
    assert bad.returncode == 1 and "expected" in bad.stdout
    junk = run("drill", "eigenvalues-2x2", "--seed", "3", "--answer", "x")
    assert junk.returncode == 2 and "not a number" in junk.stderr and "Traceback" not in junk.stderr


def test_a_recorded_wrong_answer_gets_a_second_try_before_the_answer_is_shown(tmp_path):
    v = variant(load_item("eigenvalues-2x2"), 12)
    good = ", ".join(f"{x:.4f}" for x in v.answer)
    env = {**os.environ, "BYHAND_LANG": "en", "BYHAND_DATA_DIR": str(tmp_path)}

    def answer(text):
        return subprocess.run([sys.executable, "-m", "byhand", "drill", "eigenvalues-2x2", "--seed", "12",
                               "--answer", text], capture_output=True, text=True, env=env, timeout=120)

    first = answer("0, 0")
    assert first.returncode == 1 and "Not yet" in first.stdout and "--seed 12" in first.stdout
    assert good.split(",")[0] not in first.stdout and "det(A)" not in first.stdout  # nothing given away
    second = answer("0, 0")
    assert second.returncode == 1 and "expected" in second.stdout and "det(A)" in second.stdout


def test_drill_prompts_interactively():
    v = variant(load_item("eigenvalues-2x2"), 8)
    answer = ", ".join(f"{x:.4f}" for x in v.answer)
    proc = subprocess.run([sys.executable, "-m", "byhand", "drill", "eigenvalues-2x2", "--seed", "8"],
                          input=f"oops\n{answer}\n", capture_output=True, text=True, timeout=120,
                          env={**os.environ, "BYHAND_LANG": "en"})
    assert proc.returncode == 0, proc.stdout
    assert "not a number" in proc.stdout and "Correct" in proc.stdout


def test_why_saves_png_and_svg_with_changed_parameters(tmp_path):
    proc = run("why", "why-softmax-subtracts-max", "--out", str(tmp_path), "--set", "max_score=2000")
    assert proc.returncode == 0, proc.stderr
    png = tmp_path / "why-softmax-subtracts-max.png"
    svg = tmp_path / "why-softmax-subtracts-max.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:2000]
    assert "max_score: 2000" in proc.stdout


@pytest.mark.parametrize("setting, fragment", [("nope=1", "has no parameter nope"),
                                               ("n_classes=abc", "is not an int"),
                                               ("n_classes=1", "outside"),
                                               ("n_classes", "NAME=VALUE")])
def test_why_bad_parameters_are_one_clear_line(tmp_path, setting, fragment):
    proc = run("why", "why-softmax-subtracts-max", "--out", str(tmp_path), "--set", setting)
    assert proc.returncode == 2 and fragment in proc.stderr and "Traceback" not in proc.stderr


def test_why_lists_and_kind_mismatch():
    assert "why-softmax-subtracts-max" in run("why").stdout
    proc = run("why", "softmax")
    assert proc.returncode == 2 and "is a exercise" not in proc.stderr and "not a why-question" in proc.stderr


def test_experiment_findings_support_the_answer():
    from byhand.experiments import run_why

    result = run_why(load_item("why-softmax-subtracts-max"))
    assert result.problems == []
    assert result.findings["shifted_failures"] == 0 and result.findings["naive_failures"] > 0
    assert 700 < result.findings["naive_first_failure"] < 730


def test_unknown_param_error_from_library():
    from byhand.experiments import resolve_params

    with pytest.raises(ByhandError, match="no parameter"):
        resolve_params(load_item("why-softmax-subtracts-max"), {"bogus": 1})
