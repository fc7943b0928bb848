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


def test_every_command_in_the_readme_exists_and_why_settings_are_real():
    import re
    import subprocess
    import sys

    from byhand.content.loader import load_item

    readme = (ROOT / "README.md").read_text()
    commands = set(re.findall(r"^byhand (?:--lang \w+ )?([a-z]+)", readme, re.M))
    help_text = subprocess.run([sys.executable, "-m", "byhand", "--help"], capture_output=True, text=True).stdout
    listed = set(re.findall(r"^  ([a-z]+)\s", help_text, re.M))
    assert commands and commands <= listed, commands - listed
    for why_id, name in re.findall(r"byhand why (\S+) .*--set (\w+)=", readme):
        assert name in {p.name for p in load_item(why_id).params}


def test_the_browser_coverage_table_names_tests_that_exist():
    """docs/web.md's table of issue 13's browser tests: each test it names is there."""
    import re

    web = (ROOT / "docs/web.md").read_text()
    table = web.split("## Browser test coverage (issue 13)", 1)[1]
    named = re.findall(r"`((?:tests/)?[\w/]+\.py)(?:::(\w+))?`", table)
    assert len(named) >= 30
    for path, test in named:
        source = ROOT / (path if path.startswith("tests/") else f"tests/web/{path}")
        assert source.exists(), path
        assert not test or re.search(rf"^def {test}\(", source.read_text(), re.M), f"{path}::{test}"


def test_the_readme_counts_the_curriculum_as_it_is():
    """The README's curriculum paragraph says how many items of each kind
    there are: the same numbers as the loader finds."""
    import re

    from byhand.content import loader

    text = " ".join((ROOT / "README.md").read_text().split())
    said = {kind: int(re.search(pattern, text).group(1)) for kind, pattern in {
        "concept": r"as (\d+) concepts", "exercise": r"(\d+) code exercises", "drill": r"(\d+) numeric drills",
        "why": r"(\d+) why-questions with experiments", "track": r"(\d+) paper tracks"}.items()}
    assert said == {kind: len(loader.ids_of(kind)) for kind in said}
