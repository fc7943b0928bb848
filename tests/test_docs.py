"""Docs that tests keep from drifting."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_line():
    ci_line = [l for l in (ROOT / ".ci/run").read_text().splitlines() if "pytest" in l and not l.startswith("#")]
    assert len(ci_line) == 1
    readme = (ROOT / "README.md").read_text()
    assert ci_line[0].strip() in readme


def test_readme_example_file_exists_and_fails_as_described():
    import byhand

    source = (ROOT / "examples/softmax.py").read_text()
    result = byhand.grade("softmax", source, seed=0)
    assert not result.passed and result.mistake == "no-max-shift"
