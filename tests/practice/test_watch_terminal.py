"""`byhand watch` in a real pseudo-terminal (pexpect), rustlings-style: a save
shows the full verdict, h the hint, l the list, a fix passes and n moves on,
q quits with the terminal as it was; Ctrl+C restores it too.  Off a
terminal, keys are lines."""

import os
import re
import subprocess
import sys

import pytest

from byhand.content import loader
from byhand.practice import workspace as wsmod
from test_workspace import SOFTMAX_GOOD, SOFTMAX_NO_SHIFT, implement

GRAM_SCHMIDT_ROWS = ("    qs = []\n    for k in range(A.shape[1]):\n        v = A[:, k].copy()\n"
                     "        for q in qs:\n            v -= (q @ A[:, k]) * q\n"
                     "        qs.append(v / np.linalg.norm(v))\n    return np.array(qs)\n")

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the terminal (pip install 'byhand[test]')")

pytestmark = pytest.mark.slow  # a real terminal, CLI processes, gradings: integration

ENV = {**os.environ, "BYHAND_LANG": "en", "NO_COLOR": "1", "COLUMNS": "160",
       "TERM": "dumb"}  # Rich writes plain text (no bold), so the patterns below read as the screen does
STTY = re.compile(r"<<stty\r?\n(.*?)\r?\n>>", re.S)


def fresh_workspace(tmp_path, lang="en"):
    r = subprocess.run([sys.executable, "-m", "byhand", "init", "ws", "--lang", lang], cwd=tmp_path,
                       capture_output=True, text=True, env=ENV, timeout=120)
    assert r.returncode == 0, r.stderr
    return wsmod.Workspace((tmp_path / "ws").resolve())


def spawn_in_shell(ws, lang="en"):
    """`byhand watch` between two `stty -a` in one shell on one terminal: the
    terminal's settings before and after can be compared."""
    script = (f"echo '<<stty'; stty -a; echo '>>'; {sys.executable} -m byhand watch --lang {lang}; "
              "echo \"exit=$?\"; echo '<<stty'; stty -a; echo '>>'")
    return pexpect.spawn("bash", ["--noprofile", "--norc", "-c", script], cwd=str(ws.root), env=ENV,
                         encoding="utf-8", timeout=180, dimensions=(60, 160))


def stty_now(child) -> str:
    child.expect(STTY)
    return child.match.group(1)


def test_watch_explains_hints_lists_moves_on_and_restores_the_terminal(tmp_path):
    ws = fresh_workspace(tmp_path)
    child = spawn_in_shell(ws)
    before = stty_now(child)
    assert re.search(r"(?<!-)icanon", before) and re.search(r"(?<!-)\becho\b", before)
    first = next(iter(wsmod.exercises_by_area().values()))[0]
    child.expect(rf"Next: {first.id} ")  # a fresh workspace: the first stub
    child.expect(r"Keys: h hint · n next · l list · r re-run · q quit")

    implement(ws, "softmax", SOFTMAX_NO_SHIFT)  # saved as an editor would
    child.expect(r"FAILED softmax")
    # the full verdict, as `byhand check softmax` shows it
    child.expect(r"Known mistake no-max-shift: You exponentiate")  # prose: the id's backticks are code
    child.expect(r"cases passed\s+9/11")
    child.expect(r"seed \(to grade the same cases again\)\s+\d+")
    child.expect(r"inputs\s+x = \[1000\. 1001\. 1002\.\]")
    child.expect(r"expected\s+\[0\.09\s+0\.2447 0\.6652\]")
    child.expect(r"got\s+\[nan nan nan\]")
    child.expect("Keys: ")
    hint = loader.load_exercise("softmax").t("en").hint
    hint_start = r"\s+".join(map(re.escape, hint.split()[:4]))  # wrapped as the terminal wraps it
    assert not re.search(hint_start, child.before)  # the general hint waits: the mistake first

    child.send("h")  # no Enter: a key
    child.expect(r"Hint \(softmax\):")
    child.expect(hint_start)
    child.expect("Keys: ")

    child.send("l")
    child.expect(r"Your blocks: 0 of \d+ pass")
    child.expect(rf"{first.id}\s+{first.area}\s+to do")  # every block, in the workspace's order
    child.expect(r"▶ now\s+softmax\s+nn\s+failed\s+no-max-shift")
    child.expect("Keys: ")

    implement(ws, "softmax", SOFTMAX_GOOD)
    child.expect(r"PASSED softmax")
    child.expect(r"Press n for the next exercise: (\w+) \(")
    nxt = child.match.group(1)
    child.expect(r"1 of \d+ exercises pass")
    child.expect("Keys: ")

    child.send("n")
    child.expect(rf"Next: {nxt} \(.*\) in blocks/\w+\.py")
    child.expect("Keys: ")

    child.send("q")
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "0"
    after = stty_now(child)
    assert after == before  # echo and line editing back as they were
    child.expect(pexpect.EOF)


def test_ctrl_c_restores_the_terminal_and_keys_work_in_korean(tmp_path):
    ws = fresh_workspace(tmp_path, lang="ko")
    child = spawn_in_shell(ws, lang="ko")
    before = stty_now(child)
    child.expect("키: h 힌트 · n 다음 문제 · l 목록 · r 다시 채점 · q 끝내기")
    child.send("ㅣ")  # l typed with the Korean layout still on
    child.expect(r"내 블록: \d+개 중 0개 통과")
    child.expect("키: h 힌트")
    child.sendintr()
    child.expect(r"exit=(\d+)")
    assert child.match.group(1) == "0"
    assert stty_now(child) == before
    child.expect(pexpect.EOF)


def test_off_a_terminal_keys_are_lines(tmp_path):
    ws = fresh_workspace(tmp_path)
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    r = subprocess.run([sys.executable, "-m", "byhand", "watch"], cwd=ws.root, input="l\nq\n",
                       capture_output=True, text=True, env=ENV, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "FAILED softmax" in r.stdout and "Known mistake no-max-shift:" in r.stdout
    assert "Type a key, then Enter: h hint, n next, l list, r re-run, q quit" in r.stdout
    assert re.search(r"▶ now\s+softmax\s+nn\s+failed\s+no-max-shift", r.stdout), r.stdout


def test_the_explanation_and_the_hint_read_as_prose(tmp_path):
    """Issue 13: a known mistake's message and the hint are Markdown with math
    (content/prose.py); watch shows them as `byhand check` does: the math as
    Unicode, code without its backticks, no dollar left."""
    ws = fresh_workspace(tmp_path)
    implement(ws, "gram_schmidt", GRAM_SCHMIDT_ROWS)
    r = subprocess.run([sys.executable, "-m", "byhand", "watch"], cwd=ws.root, input="h\nq\n",
                       capture_output=True, text=True, env=ENV, timeout=300)
    assert r.returncode == 0, r.stderr
    screen = re.sub(r"[\s│]+", " ", r.stdout)  # as wrapped, inside the verdict's box
    assert "FAILED gram_schmidt" in screen and "Known mistake returns-rows: You collected" in screen, r.stdout
    assert "The qₖ must be the columns of Q" in screen and "or np.column_stack(qs)." in screen
    assert "Hint (gram_schmidt): Loop over columns; keep a copy of aₖ, subtract (qⱼ @ aₖ) * qⱼ" in screen
    assert "$" not in r.stdout and "`" not in r.stdout, r.stdout
