"""A third-party curriculum pack, installed with pip from tests/packs/, is
seen by `byhand list`, `show`, `check`, `validate` and the web catalog;
the built-in curriculum is registered the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACK = Path(__file__).resolve().parent / "packs" / "tinypack"
RIGHT = "import numpy as np\ndef scale_by_two(x):\n    return 2 * np.asarray(x)\n"
WRONG = "import numpy as np\ndef scale_by_two(x):\n    return np.asarray(x) + 2\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The pack installed by pip into a folder of its own (no network, no
    change to the test environment); processes get it on PYTHONPATH."""
    import shutil

    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("src") / "tinypack"
    shutil.copytree(PACK, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))  # pip builds in place
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--target", str(target), str(source)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return target


def _byhand(site, *args, cwd=None):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "byhand", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_the_builtin_curriculum_is_an_entry_point():
    from importlib.metadata import entry_points

    assert any(ep.value == "byhand.content.packs:BUILTIN" for ep in entry_points(group="byhand.packs"))


@pytest.mark.slow  # a pip install and six CLI processes
def test_a_pack_is_seen_by_the_cli(site, tmp_path):
    listed = json.loads(_byhand(site, "list", "--json", "--area", "tiny").stdout)
    assert [r["id"] for r in listed] == ["scale_by_two", "value_at"] and listed[0]["titles"]["ko"] == "두 배 하기"
    assert "y = 2x" in _byhand(site, "show", "scale_by_two").stdout
    right, wrong = tmp_path / "right.py", tmp_path / "wrong.py"
    right.write_text(RIGHT)
    wrong.write_text(WRONG)
    assert _byhand(site, "check", "scale_by_two", str(right), "--no-record").returncode == 0
    r = _byhand(site, "check", "scale_by_two", str(wrong), "--json", "--no-record")
    assert r.returncode == 1 and json.loads(r.stdout)["mistake"] == "added-two"
    folder = PACK / "byhand_tinypack" / "items" / "exercises" / "tiny" / "scale_by_two"
    v = _byhand(site, "validate", str(folder))
    assert v.returncode == 0, v.stdout + v.stderr
    assert "scale_by_two" not in _byhand(site.parent, "list").stdout  # not installed there: not seen


@pytest.mark.slow  # a real grading process that imports the pack: integration
def test_a_pack_is_seen_by_the_web_catalog(site, tmp_path, monkeypatch):
    from byhand.content import loader

    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))  # and in the grading process: the pack is installed there too
    loader.refresh()
    try:
        from byhand.jobs import GradingHosts
        from web_support import make_client, signup

        with GradingHosts(workers=1, scipy_workers=0) as grader, make_client(tmp_path, grader) as client:
            signup(client, "packer", "a-long-passphrase")
            assert "scale_by_two" in client.get("/items").text
            token = client.post("/api/token", json={"username": "packer", "password": "a-long-passphrase"}).json()
            r = client.post("/api/exercises/scale_by_two/attempts", json={"source": RIGHT},
                            headers={"Authorization": f"Bearer {token['token']}"})
            assert r.status_code == 200 and r.json()["passed"]
    finally:
        monkeypatch.undo()
        loader.refresh()
    assert "scale_by_two" not in {r["id"] for r in loader.summaries()}  # gone with it


def test_a_catalog_holds_its_packs_items_and_what_is_derived_from_them(site, monkeypatch):
    from byhand.content import loader
    from byhand.content.catalog import Catalog, current
    from byhand.services.plan import new_item_order

    own = Catalog.of_folder(PACK / "byhand_tinypack" / "items")
    assert own.ids("exercise") == ["scale_by_two", "value_at"] and own.kind_of("scale_by_two") == "exercise"
    assert own.exercise("scale_by_two").reference(__import__("numpy").ones(2)).tolist() == [2.0, 2.0]
    assert "scale_by_two" not in {p.item_id for p in new_item_order()}
    before = current()
    monkeypatch.syspath_prepend(str(site))
    loader.refresh()
    try:
        assert current() is not before and "scale_by_two" in current().function_index().values()
        # what other layers derived from the old catalog is recomputed from the new one
        assert "scale_by_two" in {p.item_id for p in new_item_order()}
    finally:
        monkeypatch.undo()
        loader.refresh()
    assert "scale_by_two" not in {p.item_id for p in new_item_order()}


@pytest.mark.slow  # real sandbox workers started with the pack's packages and test functions
def test_a_pack_brings_its_test_functions_and_packages_into_the_sandbox_but_never_its_items(site, monkeypatch):
    from byhand.content import loader
    from byhand.jobs import Grader

    monkeypatch.syspath_prepend(str(site))
    loader.refresh()
    try:
        with Grader(workers=1, scipy_workers=0) as grader:
            value_at = "def value_at(f, x):\n    return f(x)\n"
            r = grader.grade("value_at", value_at, seed=1)  # Fn("tiny_cube") crossed into the sandbox
            assert r.passed, r.message
            r = grader.grade("value_at", "def value_at(f, x):\n    return -f(x)\n", seed=1)
            assert not r.passed and r.mistake == "negated"
            helper = "from byhand_tinypack.helpers import twice\ndef scale_by_two(x):\n    return twice(x)\n"
            assert grader.grade("scale_by_two", helper, seed=2).passed  # the pack's package is importable
            peek = ("import os, byhand_tinypack, numpy as np\n"
                    "ITEMS = os.path.join(os.path.dirname(byhand_tinypack.__file__), 'items')\n"
                    "def scale_by_two(x):\n"
                    "    print(sorted(os.listdir(ITEMS)))\n"
                    "    open(os.path.join(ITEMS, 'exercises/tiny/scale_by_two/reference.py')).read()\n"
                    "    return 2 * np.asarray(x)\n")
            r = grader.grade("scale_by_two", peek, seed=2)
            assert not r.passed and "exercises" not in r.stdout, (r.message, r.stdout)  # the items are hidden
            assert grader.grade("scale_by_two", "import fastapi\ndef scale_by_two(x):\n    return x\n",
                                seed=2).status == "error"  # other installed packages stay out
    finally:
        monkeypatch.undo()
        loader.refresh()


def test_a_pack_names_its_areas_in_both_languages(site, monkeypatch):
    from byhand.content import loader
    from byhand.web.i18n import UI

    monkeypatch.syspath_prepend(str(site))
    loader.refresh()
    try:
        assert UI["ko"]["areas"].get("tiny", "tiny") == "작은 것들"
        assert UI["en"]["areas"].get("tiny", "tiny") == "Tiny things"
        assert UI["ko"]["areas"].get("linalg") == "선형대수"
    finally:
        monkeypatch.undo()
        loader.refresh()
