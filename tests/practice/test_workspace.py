"""A learner's workspace: stubs, blocks in place, block bugs named, update,
pytest in the workspace, and the CLI there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import byhand
from byhand.content import loader
from byhand.practice import workspace as wsmod
from byhand.practice.checking import check_workspace_exercise

SOFTMAX_NO_SHIFT = "    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
SOFTMAX_GOOD = "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n"
CE_VIA_SOFTMAX = ("    p = softmax(logits, axis=-1)\n"
                  "    return -np.mean(np.log(p[np.arange(len(labels)), labels]))\n")


def implement(ws, exercise_id, body):
    """Replace the body (after the docstring) of the learner's function, as an editor would."""
    ex = loader.load_exercise(exercise_id)
    path = ws.module_path(ex.area)
    lines = path.read_text().splitlines(keepends=True)
    fn = wsmod.defined_functions(path)[ex.function]
    doc_end = fn.body[0].end_lineno  # the docstring
    path.write_text("".join(lines[:doc_end]) + body + "".join(lines[fn.end_lineno:]))


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return wsmod.init(tmp_path / "ws")


def test_init_makes_an_importable_package_of_stubs(ws):
    states = wsmod.status(ws)
    assert set(states) == set(loader.exercise_ids())
    assert set(states.values()) == {"stub"}
    proc = subprocess.run([sys.executable, "-c", "import blocks.nn, blocks.linalg, blocks.translation"],
                          cwd=ws.root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = ws.module_path("nn").read_text()
    assert "def softmax(x, axis=-1):" in text and "Where ML uses it" in text
    assert "raise NotImplementedError" in text


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    with pytest.raises(byhand.ByhandError, match="not empty"):
        wsmod.init(tmp_path / "x")


def test_block_bug_is_reported_as_the_block(ws):
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    implement(ws, "cross_entropy", CE_VIA_SOFTMAX)
    result = check_workspace_exercise(ws, "cross_entropy", lang="en", seed=0)
    assert not result.passed
    assert result.block == "softmax" and result.mistake == "no-max-shift"
    assert result.message.startswith("Your `softmax` is wrong, and `cross_entropy` uses it")
    # with the block fixed, what remains is cross_entropy's own mistake (log of a
    # softmax underflows for huge logits), and it is reported as such
    implement(ws, "softmax", SOFTMAX_GOOD)
    fixed = check_workspace_exercise(ws, "cross_entropy", lang="en", seed=0)
    assert not fixed.passed and fixed.block is None and fixed.mistake == "log-of-softmax"


def test_blocks_in_place_through_another_module_and_a_good_block_is_not_blamed(ws):
    implement(ws, "logsumexp", "    m = x.max(axis=axis, keepdims=True)\n"
                               "    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)\n")
    implement(ws, "log_softmax", "    return x - np.expand_dims(logsumexp(x, axis=axis), axis)\n")
    implement(ws, "cross_entropy", "    lp = log_softmax(logits, axis=-1)\n"
                                   "    return -np.sum(lp[np.arange(len(labels)), labels])\n")
    result = check_workspace_exercise(ws, "cross_entropy", lang="en", seed=0)
    assert not result.passed and result.block is None and result.mistake == "sum-not-mean"
    implement(ws, "cross_entropy", "    lp = log_softmax(logits, axis=-1)\n"
                                   "    return -np.mean(lp[np.arange(len(labels)), labels])\n")
    assert check_workspace_exercise(ws, "cross_entropy", lang="en", seed=0).passed
    # now break the block two levels down: logsumexp without the shift
    implement(ws, "logsumexp", "    return np.log(np.exp(x).sum(axis=axis))\n")
    broken = check_workspace_exercise(ws, "cross_entropy", lang="en", seed=0)
    assert broken.block == "logsumexp" and broken.mistake == "no-max-shift"


def test_attempts_are_recorded_in_the_workspace_database(ws):
    from byhand.storage import Store

    implement(ws, "softmax", SOFTMAX_GOOD)
    check_workspace_exercise(ws, "softmax", lang="en", seed=0)
    with Store(ws.database) as store:
        (attempt,) = store.attempts(store.user_id())
    assert attempt.item_id == "softmax" and attempt.passed and "np.exp" in attempt.source


def test_update_adds_new_stubs_without_touching_learner_code(ws):
    implement(ws, "softmax", SOFTMAX_GOOD)
    nn = ws.module_path("nn")
    text = nn.read_text()
    # pretend two exercises were added to the curriculum after init
    cut = text.index("\n\ndef gelu(")
    end = text.index("\n\ndef ", cut + 5)
    nn.write_text(text[:cut] + text[end:])
    assert wsmod.status(ws)["gelu"] == "missing"
    assert wsmod.update(ws) == ["gelu"]
    after = nn.read_text()
    assert SOFTMAX_GOOD in after and "def gelu(x):" in after
    assert wsmod.status(ws)["softmax"] == "implemented" and wsmod.status(ws)["gelu"] == "stub"
    assert wsmod.update(ws) == []


def test_byhand_check_from_python_uses_the_workspace(ws, monkeypatch):
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    monkeypatch.chdir(ws.root / "blocks")
    result = byhand.check("softmax")
    assert not result.passed and result.mistake == "no-max-shift"


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "byhand", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "BYHAND_LANG": "en"}, timeout=300)


@pytest.mark.slow  # a dozen CLI processes: integration
def test_cli_check_in_workspace_table_and_exit_codes(ws):
    proc = run(["check"], ws.root)
    assert proc.returncode == 0 and "still to do" in proc.stdout  # nothing implemented: nothing failing
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    implement(ws, "cross_entropy", CE_VIA_SOFTMAX)
    proc = run(["check"], ws.root)
    assert proc.returncode == 1
    assert "no-max-shift (your softmax)" in proc.stdout and "Next: " in proc.stdout
    one = run(["check", "softmax", "--json"], ws.root)
    assert one.returncode == 1 and '"mistake": "no-max-shift"' in one.stdout
    stub = run(["check", "gelu"], ws.root)
    assert stub.returncode == 1 and "still a stub" in stub.stderr
    outside = run(["check", "softmax"], ws.root.parent)
    assert outside.returncode == 2 and "workspace" in outside.stderr


@pytest.mark.slow  # CLI processes: integration
def test_watch_once_shows_the_next_exercise_with_its_hint(ws):
    implement(ws, "softmax", SOFTMAX_GOOD)
    proc = run(["watch", "--once"], ws.root)
    assert proc.returncode == 0
    assert "passed" in proc.stdout and "Next: " in proc.stdout and "Hint:" in proc.stdout


@pytest.mark.slow  # pytest in a subprocess: integration
def test_pytest_in_the_workspace_gives_the_same_verdicts(ws):
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    implement(ws, "cosine_similarity", "    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))\n")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=ws.root, capture_output=True, text=True, timeout=300)
    assert "1 failed, 1 passed" in proc.stdout, proc.stdout
    assert "no-max-shift" in proc.stdout


def test_update_refuses_on_a_syntax_error_and_loses_nothing(ws, tmp_path):
    implement(ws, "softmax", SOFTMAX_GOOD)
    nn = ws.module_path("nn")
    text = nn.read_text()
    cut = text.index("\n\ndef gelu(")  # a new exercise to stub ...
    end = text.index("\n\ndef ", cut + 5)
    broken = text[:cut] + text[end:] + "\n\ndef half_written(x:\n    return x\n"  # ... and a typo mid-edit
    nn.write_text(broken)
    with pytest.raises(byhand.ByhandError, match=r"nn\.py:\d+: .*Fix it.*untouched"):
        wsmod.update(ws)
    assert nn.read_text() == broken  # nothing appended, nothing rewritten
    r = subprocess.run([sys.executable, "-m", "byhand", "update"], cwd=ws.root, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr + r.stdout
    assert len((r.stderr + r.stdout).strip().splitlines()) == 1 and nn.read_text() == broken
    nn.write_text(broken.replace("def half_written(x:", "def half_written(x):"))
    assert wsmod.update(ws) == ["gelu"] and SOFTMAX_GOOD in nn.read_text()
