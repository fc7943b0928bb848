"""Choice drills (answer = "choice"): a results table to read and lettered
options; the letter typed is checked, a wrong letter's verdict says why that
option is wrong in the learner's language, and ``validate`` checks every
seed: one right letter, every other option explained in both languages."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from byhand.content.items import parse_drill
from byhand.content.loader import ids_of, load_item
from byhand.errors import CurriculumError
from byhand.grading.drills import BadAnswer, check_answer, variant
from byhand.validate import validate_drill

CHOICE = [i for i in ids_of("drill") if load_item(i).answer_kind == "choice"]
DRILL = "gap-within-seed-noise"


def _seed_with(drill, letter: str) -> int:
    return next(s for s in range(200) if variant(drill, s).expected == letter)


def test_there_are_choice_drills():
    assert len(CHOICE) >= 10 and DRILL in CHOICE


@pytest.mark.parametrize("drill_id", CHOICE)
def test_the_right_letter_changes_with_the_seed_and_every_option_is_explained(drill_id):
    drill = load_item(drill_id)
    letters = Counter(variant(drill, s).expected for s in range(200))
    assert len(letters) >= 2, f"always {letters}: the table should decide the answer"
    assert not validate_drill(drill, range(200)).problems
    for lang in ("en", "ko"):
        assert list(drill.t(lang).options) == list(drill.t("en").options)


def test_a_letter_is_read_in_the_usual_forms_and_anything_else_asks_for_a_letter():
    drill = load_item(DRILL)
    v = variant(drill, _seed_with(drill, "a"))
    for typed in ("a", "A", " a) ", "(a)", "a.", "ａ", "（Ａ）"):  # full-width: a Korean IME
        assert check_answer(v, typed, "en").correct, typed
    for typed in ("", "e", "ab", "1", "a, b", "()", "\x00", "a" * 10_000, "에이", "ａｂ"):
        with pytest.raises(BadAnswer, match="type a letter: a, b, c, d"):
            check_answer(v, typed, "en")


def test_a_wrong_letter_says_why_in_the_learners_language_and_a_right_one_says_nothing():
    drill = load_item(DRILL)
    v = variant(drill, _seed_with(drill, "b"))
    right = check_answer(v, "b", "en")
    assert right.correct and right.why == "" and right.expected == "b"
    en, ko = check_answer(v, "a", "en"), check_answer(v, "a", "ko")
    assert not en.correct and en.got == "a" and en.expected == "b"
    assert "standard errors" in en.why and "표준오차" in ko.why and "{" not in en.why + ko.why
    assert check_answer(v, "c", "en").why != en.why  # each option its own explanation
    assert "a) B is better" in v.prompt("en") and "d) " in v.prompt("en")  # the options follow the prompt


def _copy(tmp_path, edit) -> "Path":  # noqa: F821
    folder = tmp_path / "stats" / "my-choice"
    shutil.copytree(load_item(DRILL).path, folder)
    toml = folder / "item.toml"
    toml.write_text(edit(toml.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize("edit, problem", [
    (lambda s: s.replace('[ko.wrong]\na = ', '[ko.wrong]\ne = '), "do not exist"),
    (lambda s: s.replace('[ko.options]\na = ', '[ko.options]\nz = '), "a, b, c"),
    (lambda s: s.replace('[ko.wrong]\na = "', '[ko.wrong]\nx_ = "'), "do not exist"),
    (lambda s: s.replace('[en.wrong]\na = "', '[en.wrong]\nb_ = "').replace('b_ = "', '# '), "same letters"),
])
def test_options_and_explanations_must_match_in_both_languages(tmp_path, edit, problem):
    with pytest.raises(CurriculumError, match=problem):
        parse_drill(_copy(tmp_path, edit))


def test_validate_names_a_wrong_option_left_unexplained_and_an_answer_that_is_no_option(tmp_path):
    unexplained = parse_drill(_copy(tmp_path, lambda s: s.replace('[en.wrong]\na = "', '[en.wrong]\n# a = "')
                                    .replace('[ko.wrong]\na = "', '[ko.wrong]\n# a = "')))
    problems = validate_drill(unexplained, range(20)).problems
    assert problems and all("option a) is wrong here but" in p for p in problems)
    assert any("[ko.wrong]" in p for p in problems)
    drill = load_item(DRILL)
    import dataclasses

    no_option = dataclasses.replace(drill, solve=lambda p: {**drill.solve(p), "answer": "e"})
    assert "not one of the options" in validate_drill(no_option, range(3)).problems[0]


def test_validate_names_a_title_written_as_a_template(tmp_path):
    """A title is shown as written (drill lists, the page's heading): "{a1}" would show as such."""
    templated = parse_drill(_copy(tmp_path, lambda s: s.replace('title = "성능 향상이', 'title = "{a1:.1f}에서 성능 향상이')))
    problems = validate_drill(templated, range(3)).problems
    assert problems == ["[ko] title names parameters ['a1']: titles are not templates"]


def test_the_cli_says_why_at_the_first_wrong_letter_and_keeps_the_answer_for_the_second_try(tmp_path):
    import os
    import subprocess
    import sys

    drill = load_item(DRILL)
    seed = _seed_with(drill, "a")
    env = {**os.environ, "BYHAND_LANG": "ko", "BYHAND_DATA_DIR": str(tmp_path)}

    def answer(text):
        return subprocess.run([sys.executable, "-m", "byhand", "drill", DRILL, "--seed", str(seed), "--answer", text],
                              capture_output=True, text=True, env=env, timeout=120)

    first = answer("b")
    assert first.returncode == 1 and "표준오차" in first.stdout and "2.306보다 큽니다" in first.stdout
    assert "a)가 맞습니다" not in first.stdout  # the solution waits for the second try
    right = answer("A")
    assert right.returncode == 0 and "a)가 맞습니다" in right.stdout
