"""`byhand watch`'s session without a terminal: what a save re-grades (and
records), which block is current, n, h; the terminal itself is
tests/practice/test_watch_terminal.py."""

import pytest

from byhand.practice import workspace as wsmod
from byhand.practice.watching import WatchSession
from byhand.storage import Store
from test_workspace import CE_VIA_SOFTMAX, SOFTMAX_GOOD, SOFTMAX_NO_SHIFT, implement


@pytest.fixture
def session(tmp_path):
    ws = wsmod.init(tmp_path / "ws")
    with Store(ws.database) as store:
        yield WatchSession(ws, store, "en")


def attempts(session, item_id):
    return len(session.store.attempts(session.user_id, item_id, limit=100))


def test_a_save_regrades_what_changed_and_its_callers_only(session):
    ws = session.ws
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    implement(ws, "cross_entropy", CE_VIA_SOFTMAX)
    first = session.refresh()
    assert first.graded == ["softmax", "cross_entropy"] and session.current == "softmax"  # the first failing
    assert session.results["cross_entropy"].block == "softmax"  # its softmax is at fault, and it says so

    nn = ws.module_path("nn")
    nn.write_text(nn.read_text().replace("    e = np.exp(x)\n", "    e = np.exp(x)  # a comment\n", 1))
    assert session.refresh() == type(first)(graded=[], changed=False)  # a comment is not new code
    assert attempts(session, "softmax") == 1

    implement(ws, "softmax", SOFTMAX_GOOD)
    step = session.refresh()
    assert step.graded == ["softmax", "cross_entropy"]  # the fix, and the block that calls it
    assert session.results["softmax"].passed
    # its own verdict now: log(softmax(.)) is a mistake of its own, no longer its softmax's
    ce = session.results["cross_entropy"]
    assert ce.block is None and ce.mistake == "log-of-softmax"
    assert session.current == "softmax"  # a pass stays on screen until n
    order = session.order
    after = order[order.index("softmax") + 1:] + order[:order.index("softmax")]
    assert session.go_next() == after[0]  # only softmax passes: the block right after it
    assert attempts(session, "softmax") == 2 and attempts(session, "cross_entropy") == 2


def test_a_syntax_error_grades_nothing_and_editing_another_block_makes_it_current(session):
    ws = session.ws
    implement(ws, "softmax", SOFTMAX_NO_SHIFT)
    session.refresh()
    nn = ws.module_path("nn")
    good = nn.read_text()
    nn.write_text(good + "\n\ndef half_written(x:\n")
    step = session.refresh()
    assert step.graded == [] and step.changed and "nn.py" in session.syntax_errors["nn"]
    assert session.results["softmax"].mistake == "no-max-shift"  # kept, not re-graded
    nn.write_text(good)
    assert session.refresh().graded == []  # the same code as graded: nothing new to record
    assert attempts(session, "softmax") == 1 and not session.syntax_errors

    implement(ws, "cross_entropy", CE_VIA_SOFTMAX)
    assert session.refresh().graded == ["cross_entropy"] and session.current == "cross_entropy"


def test_h_gives_the_hint_now_and_keeps_it_for_the_block(session):
    implement(session.ws, "softmax", SOFTMAX_NO_SHIFT)
    session.refresh()
    assert session.results["softmax"].hint == ""  # a first failure: the diagnosed mistake only
    hint = session.hint()
    assert hint and "keepdims" in hint and session.results["softmax"].hint == hint
    session.refresh(force=("softmax",))  # r: graded again, the hint still shown (asked for)
    assert session.results["softmax"].hint == hint
