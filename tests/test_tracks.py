"""Paper tracks (the ``track`` kind): loading and its one-line validation errors,
`byhand list --json` and `byhand show`, and a learner's state of a track from their
attempts (services/tracks.py)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from byhand.content import loader
from byhand.content.catalog import Catalog
from byhand.content.loader import BUILTIN_ROOT
from byhand.errors import CurriculumError
from byhand.services import tracks
from byhand.storage import Store

TRACK = """area = "nn"
final = "softmax"

[paper]
authors = "A. Author, B. Author"
year = 2020
title = "A Paper"
venue = "A Venue"

[en]
title = "A track"
introduction = "What you will build."

[ko]
title = "트랙"
introduction = "만들게 될 것입니다."

[[steps]]
ref = "Eq. (1)"
latex = 'a = b'
exercise = "log_softmax"

[[steps]]
ref = "Eq. (2)"
latex = 'c = d'
exercise = "softmax"
"""


def pack(tmp_path: Path, text: str = TRACK) -> Catalog:
    """A folder laid out as a pack: two exercises and one track."""
    for ex in ("softmax", "log_softmax"):
        shutil.copytree(BUILTIN_ROOT / "exercises" / "nn" / ex, tmp_path / "exercises" / "nn" / ex)
    folder = tmp_path / "tracks" / "a-track"
    folder.mkdir(parents=True)
    (folder / "item.toml").write_text(text, encoding="utf-8")
    return Catalog.of_folder(tmp_path)


def test_a_track_loads_with_its_paper_steps_and_both_languages(tmp_path):
    track = pack(tmp_path).item("a-track")
    assert track.kind == "track" and track.area == "nn" and track.final == "softmax"
    assert [s.ref for s in track.steps] == ["Eq. (1)", "Eq. (2)"]
    assert track.exercises == ("log_softmax", "softmax")
    assert track.paper.cite() == "A. Author et al. 2020, A Paper"
    assert track.t("ko").title == "트랙"


@pytest.mark.parametrize("broken, said", [
    (TRACK.replace('exercise = "log_softmax"', 'exercise = "no_such_exercise"'),
     "step Eq. (1) names 'no_such_exercise', which is not an exercise"),
    (TRACK.replace('ref = "Eq. (2)"', 'ref = "Eq. (1)"'), "equation 'Eq. (1)' is listed twice"),
    (TRACK.replace('final = "softmax"', 'final = "log_softmax"'),
     "final = 'log_softmax' must be the last step's exercise, 'softmax'"),
    (TRACK.replace('[ko]\ntitle = "트랙"\nintroduction = "만들게 될 것입니다."\n', ""), "missing [ko] table"),
    (TRACK.replace('introduction = "만들게 될 것입니다."', ""), "[ko] lacks introduction"),
    (TRACK.replace("year = 2020\n", ""), "[paper] lacks year"),
    (TRACK.replace('area = "nn"', 'area = "astrology"'), "area 'astrology' is not one of linalg"),
    (TRACK.replace('latex = \'c = d\'\n', ""), "step 2 needs ref, latex and exercise"),
])
def test_a_broken_track_fails_with_one_clear_line(tmp_path, broken, said):
    with pytest.raises(CurriculumError) as err:
        pack(tmp_path, broken).item("a-track")
    message = str(err.value)
    assert said in message and "\n" not in message and "item.toml" in message


def test_every_installed_track_loads_and_validates():
    from byhand.validate import validate

    ids = loader.ids_of("track")
    assert "attention-is-all-you-need" in ids
    for track_id in ids:
        track = loader.load_item(track_id)
        assert track.steps[-1].exercise == track.final
        assert all(loader.kind_of(e) == "exercise" for e in track.exercises)
        assert [r.problems for r in validate(track_id)] == [[]]


def run(*args):
    env = {**os.environ, "BYHAND_LANG": "en", "COLUMNS": "200", "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "byhand", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_list_json_shows_tracks_with_kind_track_and_show_prints_one():
    rows = json.loads(run("list", "--json", "--kind", "track").stdout)
    assert rows and all(r["kind"] == "track" for r in rows)
    row = next(r for r in rows if r["id"] == "attention-is-all-you-need")
    assert row["exercises"][-1] == "transformer_encoder_layer" and row["titles"]["ko"]
    everything = json.loads(run("list", "--json").stdout)
    assert {r["kind"] for r in everything} >= {"exercise", "concept", "track"}
    shown = run("show", "attention-is-all-you-need")
    assert shown.returncode == 0, shown.stderr
    for text in ("Attention Is All You Need", "Eq. (1)", "Eq. (2)", "transformer_encoder_layer", "1706.03762"):
        assert text in shown.stdout


def test_a_tracks_state_follows_the_learners_attempts(tmp_path):
    track = loader.load_item("attention-is-all-you-need")
    with Store(tmp_path / "progress.db") as store:
        user = store.user_id()

        def record(item_id, passed):
            store.record_attempt(user, item_id, "exercise", context="cli", passed=passed,
                                 status="passed" if passed else "failed")

        state = tracks.for_learner(store, user, track)
        assert {s.status for s in state.steps} == {"not-started"} and not state.implemented
        assert state.next_exercise == track.steps[0].exercise
        record(track.steps[0].exercise, False)
        record(track.steps[1].exercise, True)
        state = tracks.for_learner(store, user, track)
        assert [s.status for s in state.steps[:3]] == ["attempted", "passed", "not-started"]
        assert state.passed == 1 and state.next_exercise == track.steps[0].exercise
        for step in track.steps:
            record(step.exercise, True)
        state = tracks.for_learner(store, user, track)
        assert state.implemented and state.passed == len(track.steps) and state.next_exercise is None


def test_the_rule_is_a_function_of_passed_and_attempted_alone():
    track = loader.load_item("attention-is-all-you-need")
    state = tracks.state(track, passed=track.exercises[:-1], attempted=[track.final])
    assert [s.status for s in state.steps] == ["passed"] * (len(track.steps) - 1) + ["attempted"]
    assert not state.implemented
    assert tracks.state(track, passed=track.exercises, attempted=()).implemented
