"""`byhand check --sandbox` and `byhand doctor`."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sandbox_support import CORRECT

from byhand.cli.main import cli
from byhand.sandbox import FULL


def test_doctor_names_every_protection():
    out = CliRunner().invoke(cli, ["doctor", "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert set(report["protections"]) | set(report["missing"]) == set(FULL)
    assert report["full"] == (not report["missing"])


def test_check_sandbox(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(CORRECT)
    bad = tmp_path / "bad.py"
    bad.write_text("import os\ndef softmax(x, axis=-1):\n    os._exit(0)\n")
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--sandbox", "--json", "softmax", str(good)])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["passed"] is True
    fail = runner.invoke(cli, ["check", "--sandbox", "--json", "softmax", str(bad)])
    assert fail.exit_code == 1
    assert "stopped the process" in json.loads(fail.output)["message"]
