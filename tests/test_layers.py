"""The architecture's layers hold (import-linter, contracts in pyproject.toml),
and the checker really fails on a broken contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = str(Path(sys.executable).with_name("lint-imports"))


def test_the_layers_hold():
    r = subprocess.run([LINT, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout and "KEPT" in r.stdout


def test_a_broken_contract_is_reported(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text('[tool.importlinter]\nroot_package = "byhand"\n\n'
                      '[[tool.importlinter.contracts]]\nname = "grading without content (false)"\n'
                      'type = "forbidden"\nsource_modules = ["byhand.grading"]\n'
                      'forbidden_modules = ["byhand.content"]\n')
    r = subprocess.run([LINT, "--no-cache", "--config", str(config)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode != 0 and "BROKEN" in r.stdout
