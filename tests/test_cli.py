"""The `byhand` command, run as a real subprocess."""

import json
import os
import subprocess
import sys

import pytest

GOOD = """import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""
NO_SHIFT = """import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
"""


def run(*args, env=None):
    full_env = {**os.environ, "BYHAND_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "byhand", *args], capture_output=True, text=True,
                          env=full_env, timeout=120)


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in {"good": GOOD, "bad": NO_SHIFT, "syntax": "def softmax(x:\n",
                       "nofn": "x = 1\n", "latin1": None}.items():
        p = tmp_path / f"{name}.py"
        if text is None:
            p.write_bytes("# caf\xe9\n".encode("latin-1"))
        else:
            p.write_text(text)
        paths[name] = str(p)
    return paths


def no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def test_check_passed_exits_0(files):
    proc = run("check", "softmax", files["good"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASSED" in proc.stdout


def test_check_failed_exits_1_and_names_the_mistake(files):
    proc = run("check", "softmax", files["bad"])
    assert proc.returncode == 1
    assert "no-max-shift" in proc.stdout


def test_check_shows_the_hint_when_asked_or_at_the_third_failure_in_a_row(files, tmp_path):
    """Issue 12: the mistake first; the exercise's hint with --hint, or from
    the third failure in a row (counted in the learner's progress); --no-record
    has no count, so only --hint shows it."""
    env = {"BYHAND_DATA_DIR": str(tmp_path / "hints")}
    shown = [json.loads(run("check", "softmax", files["bad"], "--json", env=env).stdout)["hint"] for _ in range(3)]
    assert [bool(h) for h in shown] == [False, False, True] and "keepdims" in shown[2]
    assert run("check", "softmax", files["good"], env=env).returncode == 0
    assert "hint" not in run("check", "softmax", files["bad"], env=env).stdout  # a pass starts the count again
    assert "hint" in run("check", "softmax", files["bad"], "--hint", env=env).stdout
    assert "hint" in run("check", "softmax", files["bad"], "--hint", "--no-record", env=env).stdout
    assert "hint" not in run("check", "softmax", files["bad"], "--no-record", env=env).stdout


def test_check_json(files):
    proc = run("check", "softmax", files["bad"], "--json", "--seed", "4")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert {"passed", "mistake", "message", "failure"} <= set(data)
    assert data["passed"] is False and data["mistake"] == "no-max-shift"
    assert data["failure"]["case"] == "huge values" and data["seed"] == 4
    ok = json.loads(run("check", "softmax", files["good"], "--json").stdout)
    assert ok["passed"] is True and ok["mistake"] is None and ok["failure"] is None


def test_json_in_korean(files):
    data = json.loads(run("check", "softmax", files["bad"], "--json", "--lang", "ko").stdout)
    assert "최댓값" in data["message"]


def test_lang_from_environment(files):
    proc = run("check", "softmax", files["bad"], env={"BYHAND_LANG": "ko"})
    assert "실패" in proc.stdout


@pytest.mark.parametrize("args, fragment", [
    (("check", "no_such_item", "FILE"), "unknown item id 'no_such_item'"),
    (("check", "softmax", "/nonexistent/file.py"), "no such file"),
    (("show", "sofmax"), "Did you mean: softmax"),
    (("check", "softmax", "LATIN1"), "not UTF-8"),
    (("list", "--lang", "fr"), "Invalid value for '--lang'"),
])
def test_bad_usage_exits_2_with_one_line(files, args, fragment):
    args = [files["good"] if a == "FILE" else files["latin1"] if a == "LATIN1" else a for a in args]
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert fragment in proc.stderr
    no_traceback(proc)


@pytest.mark.parametrize("args, env, fragment", [
    (("--lang", "ko", "check", "softmax", "/nonexistent/file.py"), {}, "byhand: 오류: /nonexistent/file.py: 파일이 없습니다"),
    (("show", "sofmax"), {"BYHAND_LANG": "ko"}, "혹시 이것인가요: softmax"),
    (("drill", "softmax", "--lang", "ko"), {}, "코딩 항목이지 계산 항목이 아닙니다"),
    (("why", "why-minibatch-sgd", "--set", "nonsense"), {"BYHAND_LANG": "ko"}, "이름=값 형식으로"),
])
def test_errors_in_the_learners_language(args, env, fragment):
    proc = run(*args, env=env)
    assert proc.returncode == 2, proc.stderr
    assert fragment in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    no_traceback(proc)


@pytest.mark.parametrize("name, fragment", [("syntax", "Syntax error"), ("nofn", "does not define")])
def test_bad_submission_is_one_clear_line(files, name, fragment):
    proc = run("check", "softmax", files[name])
    assert proc.returncode == 1
    assert fragment in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    no_traceback(proc)


def test_list_json_has_every_exercise():
    data = json.loads(run("list", "--json").stdout)
    ids = {row["id"] for row in data}
    assert "softmax" in ids
    assert all(set(row) >= {"id", "kind", "area", "title"} for row in data)
    nn = json.loads(run("list", "--json", "--area", "nn").stdout)
    assert nn and all(row["area"] == "nn" for row in nn)


def test_show_prints_definition_equation_and_signature():
    proc = run("show", "softmax")
    assert proc.returncode == 0
    assert "def softmax(x, axis=-1):" in proc.stdout
    assert "\\frac" in proc.stdout and "classifier" in proc.stdout
    ko = run("show", "softmax", "--lang", "ko").stdout
    assert "소프트맥스" in ko


def test_validate_one_folder():
    from byhand.content.loader import load_exercise

    proc = run("validate", str(load_exercise("softmax").path))
    assert proc.returncode == 0, proc.stdout
    assert "ok softmax" in proc.stdout


def test_validate_takes_a_drill_folder_as_well():
    from byhand.content.loader import catalog

    _, folder = catalog().index()["nyquist-and-aliasing"]
    proc = run("validate", str(folder))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok nyquist-and-aliasing" in proc.stdout


def test_validate_names_cases_that_cannot_be_built_in_one_line(tmp_path):
    """An exercise folder whose cases call a test function nobody installed
    (the tiny pack's, outside its pack): a problem named, not a traceback."""
    import shutil
    from pathlib import Path

    pack = Path(__file__).parent / "packs" / "tinypack" / "byhand_tinypack" / "items" / "exercises" / "tiny"
    shutil.copytree(pack / "value_at", tmp_path / "value_at")
    proc = run("validate", str(tmp_path / "value_at"))
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    said = " ".join(proc.stdout.split())  # the console wraps long lines
    assert "FAIL value_at" in said and "unknown test function 'tiny_cube'" in said


def test_validate_reports_a_broken_item(tmp_path):
    import shutil

    from byhand.content.loader import load_exercise

    folder = tmp_path / "nn" / "softmax_copy"
    shutil.copytree(load_exercise("softmax").path, folder)
    ref = folder / "reference.py"
    ref.write_text(ref.read_text().replace("shifted = x - np.max(x, axis=axis, keepdims=True)", "shifted = x"))
    proc = run("validate", str(folder))
    assert proc.returncode == 1
    assert "FAIL softmax_copy" in proc.stdout and "reference fails its own cases" in proc.stdout


def test_a_progress_folder_that_cannot_be_written_costs_one_line_not_the_verdict(tmp_path):
    import os
    import subprocess
    import sys

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    good = tmp_path / "s.py"
    good.write_text("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
                    "    return e / e.sum(axis=axis, keepdims=True)\n")
    r = subprocess.run([sys.executable, "-m", "byhand", "check", "softmax", str(good)], capture_output=True, text=True,
                       env={**os.environ, "BYHAND_DATA_DIR": str(blocker / "progress")})
    assert r.returncode == 0 and "PASSED" in r.stdout  # the verdict the learner came for
    assert r.stderr.count("\n") == 1 and "not recorded in your progress" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args, says", [
    (["drill", "eigenvalues-2x2", "--seed", "-1", "--answer", "1"], "'--seed': -1 is not in the range"),
    (["check", "softmax", "--seed", str(2**32)], "'--seed'"),
    (["list", "--area", "nosuch"], "no area 'nosuch'. The areas are: algo,"),
    (["init", "{file}/ws"], "cannot write {file}/ws"),
    (["why", "why-softmax-subtracts-max", "--out", "{file}/plots"], "cannot write {file}/plots"),
    (["progress", "--map", "{file}/map.png"], "cannot write {file}"),
    (["why", "why-minibatch-sgd", "--set", "lr=nan"], "parameter lr: 'nan' is not a finite number"),
])
def test_bad_paths_seeds_and_filters_are_one_line_and_exit_2(tmp_path, args, says):
    """Issue 12: each of these once ended in a traceback or an empty table."""
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    args = [a.format(file=a_file) for a in args]
    r = run(*args, env={"BYHAND_DATA_DIR": str(tmp_path / "data")})
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert says.format(file=a_file) in r.stderr and "Traceback" not in r.stderr


def test_list_never_cuts_an_id_in_an_80_column_terminal():
    from byhand.content import loader

    r = run("list", env={"COLUMNS": "80"})
    assert r.returncode == 0 and "…" not in r.stdout
    words = set(r.stdout.split())
    assert {row["id"] for row in loader.summaries()} <= words  # every id whole, on its line


def test_validate_takes_seed_ranges_and_refuses_bad_ones_in_one_line():
    """Issue 12: `byhand validate` ran seeds 0, 1, 2 only; --seeds takes ranges now."""
    from byhand.validate import DEFAULT_SEEDS, parse_seeds

    assert len(DEFAULT_SEEDS) >= 50
    assert parse_seeds("0-4,10,3") == (0, 1, 2, 3, 4, 10)
    assert parse_seeds(" 7 ") == (7,)
    for bad in ("5-2", "-1", "a", "0-", str(2**32), "0-200000", ""):
        with pytest.raises(ValueError):
            parse_seeds(bad)
    ok = run("validate", "softmax", "--seeds", "0-9,100")
    assert ok.returncode == 0 and "ok softmax" in ok.stdout, ok.stdout + ok.stderr
    bad = run("validate", "softmax", "--seeds", "9-0")
    assert bad.returncode == 2 and "--seeds '9-0'" in bad.stderr and "Traceback" not in bad.stderr
