"""The trusted side's decoder against every kind of forged or oversized
result line, fed through a real pipe: it answers with a verdict-shaped
outcome, never raises, reads no more than its caps and holds a bounded
amount of memory."""

from __future__ import annotations

import os
import threading
import tracemalloc

import numpy as np
import pytest

from byhand.grading.channel import (ENVELOPE, LineReader, MALFORMED, TOO_LARGE, collect, line_cap,
                                    total_cap)
from byhand.grading.values import MIN_OUTPUT_BUDGET, Omitted, encode_outputs, output_budget

BUDGET = MIN_OUTPUT_BUDGET
GOOD = encode_outputs((np.ones(3),), BUDGET)


def feed(lines: list[bytes], n_cases: int = 1, budget: int = BUDGET, time_limit: float = 2.0):
    """Write ``lines`` into a pipe from a thread and collect them as the trusted side does."""
    r, w = os.pipe()

    def writer():
        try:
            for line in lines:
                view = memoryview(line)
                while view:
                    view = view[os.write(w, view):]
        except BrokenPipeError:
            pass
        finally:
            os.close(w)

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    budgets = [budget] * n_cases
    reader = LineReader(r, total_cap(budgets))
    try:
        report, ended = collect(reader, [None] * n_cases, budgets, time_limit)
    finally:
        os.close(r)
        t.join(5)
    return report, ended, reader


SETUP = b'{"setup": "ok"}\n'

FORGED_CASE_LINES = {
    "dict where the outputs list belongs": b'{"status": "ok", "out": {"a": 1}}',
    "Infinity in a shape": b'{"status": "ok", "out": [["<f8", [Infinity], "AAAAAAAAAAA="]]}',
    "NaN in a shape": b'{"status": "ok", "out": [["<f8", [NaN], ""]]}',
    "an integer of 400 digits in a shape": b'{"status": "ok", "out": [["<f8", [' + b"9" * 400 + b'], null]]}',
    "a negative dimension": b'{"status": "ok", "out": [["<f8", [-1], ""]]}',
    "33 dimensions": b'{"status": "ok", "out": [["<f8", [' + b",".join([b"1"] * 33) + b'], "AAAAAAAAAAA="]]}',
    "an object dtype": b'{"status": "ok", "out": [["|O", [1], "AAAAAAAAAAA="]]}',
    "a structured dtype": b'{"status": "ok", "out": [["|V8", [1], "AAAAAAAAAAA="]]}',
    "a datetime dtype": b'{"status": "ok", "out": [["<M8[s]", [1], "AAAAAAAAAAA="]]}',
    "a dtype that is a list": b'{"status": "ok", "out": [[["<f8"], [1], "AAAAAAAAAAA="]]}',
    "bytes that do not match the shape": b'{"status": "ok", "out": [["<f8", [1000], "AAAAAAAAAAA="]]}',
    "invalid base64": b'{"status": "ok", "out": [["<f8", [1], "!!!!!!!!!!!="]]}',
    "data that is a number": b'{"status": "ok", "out": [["<f8", [1], 12345]]}',
    "two outputs where one is expected": b'{"status": "ok", "out": [["<f8", [0], ""], ["<f8", [0], ""]]}',
    "no outputs": b'{"status": "ok", "out": []}',
    "out missing": b'{"status": "ok"}',
    "an unknown status": b'{"status": "passed", "passed": true}',
    "a JSON list": b'[1, 2, 3]',
    "a JSON number": b'12345',
    "a JSON string": b'"ok"',
    "invalid UTF-8": b'\xff\xfe{"status": "ok"}',
    "nesting 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "a dict nested 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "an old-format double-encoded output": b'{"status": "ok", "out": "{\\"tuple\\": []}"}',
}


@pytest.mark.parametrize("what", sorted(FORGED_CASE_LINES))
def test_forged_case_line_is_one_not_plain_outcome(what):
    report, ended, _ = feed([SETUP, FORGED_CASE_LINES[what] + b"\n"])
    outcome = report.outcomes[0]
    assert outcome.status == "not-plain", (what, outcome)
    assert outcome.error in (MALFORMED, TOO_LARGE), outcome.error
    assert outcome.values is None and 0 <= outcome.seconds < 1e6


def test_odd_fields_beside_valid_data_are_sanitized():
    lines = [SETUP, b'{"status": "ok", "out": [["<f8", [3], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]], "t": '
             + b"9" * 400 + b'}\n', b'{"status": "error", "error": {"x": 1}, "t": NaN}\n',
             b'{"stdout": ["not", "text"]}\n']
    report, ended, _ = feed(lines, n_cases=2)
    first, second = report.outcomes
    assert first.status == "ok" and first.seconds == 0.0 and first.values[0].shape == (3,)
    assert second.status == "error" and second.error == "" and second.seconds == 0.0
    assert report.stdout == "" and ended == "done"


@pytest.mark.parametrize("setup", [b'{"setup": {"x": 1}}', b'{"setup": "syntax", "line": 1e400, "error": 5}',
                                   b'{"setup": "syntax", "line": ' + b"9" * 400 + b'}', b'{"nothing": 1}',
                                   b'[]', b'{"setup": "exception", "error": ["a"]}'])
def test_forged_setup_line_is_a_crash_or_a_clean_setup_error(setup):
    report, _, _ = feed([setup + b"\n"])
    assert report.setup_kind in ("crashed", "syntax", "exception")
    assert isinstance(report.setup_error, str)
    assert report.setup_line is None or (type(report.setup_line) is int and report.setup_line < 1 << 31)


def test_a_claimed_omitted_output_is_never_data():
    line = b'{"status": "ok", "out": [["<f8", [3], null]]}\n'
    report, _, _ = feed([SETUP, line])
    out = report.outcomes[0]
    assert out.status == "ok" and not out.complete and isinstance(out.values[0], Omitted)


def test_an_endless_line_is_cut_at_its_cap():
    # 8 MiB of one unterminated line of nested lists: refused after the cap, not parsed
    bomb = b"[" + b"[0]," * (2 << 20)
    tracemalloc.start()
    report, ended, reader = feed([SETUP, bomb], budget=BUDGET)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert ended == "too-large" and report.outcomes[0].error == TOO_LARGE
    assert reader.total <= len(SETUP) + line_cap(BUDGET) + line_cap(BUDGET) + 1
    assert peak < 8 * line_cap(BUDGET), peak


def test_a_long_valid_line_past_the_budget_is_refused_unparsed():
    data = "A" * (4 * ((BUDGET * 2 + 2) // 3))
    line = ('{"status": "ok", "out": [["<f8", [%d], "%s"]]}\n' % (BUDGET * 2 // 8, data)).encode()
    report, ended, _ = feed([SETUP, line])
    assert ended == "too-large" and report.outcomes[0].status == "not-plain"


def test_many_lines_cannot_exceed_the_total():
    lines = [SETUP] + [b'{"status": "ok", "out": ' + str(GOOD).replace("'", '"').encode() + b"}\n"] * 3 \
        + [b" " * (ENVELOPE // 2) + b"\n"] * 10_000
    report, ended, reader = feed(lines, n_cases=3)
    assert reader.total <= total_cap([BUDGET] * 3) + (1 << 20)


def test_a_silent_child_times_out_without_blocking_forever():
    r, w = os.pipe()
    try:
        reader = LineReader(r, total_cap([BUDGET]))
        report, ended = collect(reader, [None], [BUDGET], 0.2)
        assert ended == "timeout" and report.setup_kind == "timeout"
    finally:
        os.close(r)
        os.close(w)


def test_budget_holds_any_answer_of_the_expected_shape():
    for expected in [(np.zeros((3, 4)),), (np.zeros(100_000, np.float32), np.zeros(2))]:
        budget = output_budget(expected)
        for dtype in (np.complex128, np.float64, np.int64, np.bool_):
            got = tuple(np.zeros(e.shape, dtype) for e in expected)
            wire = encode_outputs(got, budget)
            assert all(item[2] is not None for item in wire)
