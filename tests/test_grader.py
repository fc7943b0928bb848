"""The grader's rules, on real submissions run in real child processes."""

import json
import os
import re
import textwrap

import numpy as np
import pytest

import byhand
from byhand.errors import ByhandError, UnknownItem


def good_softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def test_correct_function_passes_every_case():
    r = byhand.check("softmax", good_softmax, seed=7)
    assert r.passed and r.status == "passed"
    assert r.mistake is None and r.failure is None
    assert r.cases_passed == r.cases_total > 5


def test_correct_but_different_implementation_is_accepted():
    source = textwrap.dedent("""
        import numpy as np
        def softmax(x, axis=-1):
            m = np.max(x, axis=axis, keepdims=True)
            lse = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
            return np.exp(x - lse)
    """)
    for seed in range(3):
        assert byhand.grade("softmax", source, seed=seed).passed


def test_no_max_shift_is_diagnosed_with_its_message():
    source = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    r = byhand.grade("softmax", source, seed=1)
    assert not r.passed
    assert r.mistake == "no-max-shift"
    assert "maximum" in r.message
    assert r.failure.case == "huge values"
    assert "nan" in r.failure.got


def test_a_failing_case_is_named_in_the_learners_language():
    source = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    r = byhand.grade("softmax", source, seed=1, lang="ko")
    assert r.failure.case == "아주 큰 값"  # item.toml's [ko.cases]
    assert "아주 큰 값" in str(r)


def test_wrong_axis_is_diagnosed():
    def softmax(x, axis=-1):
        e = np.exp(x - x.max())
        return e / e.sum()  # normalizes the whole array

    r = byhand.check("softmax", softmax, seed=2)
    assert not r.passed and r.mistake == "wrong-axis"


def test_unknown_bug_shows_smallest_failing_case_without_a_mistake():
    def softmax(x, axis=-1):
        out = good_softmax(x, axis)
        return out if out.size < 6 else out * 1.01

    r = byhand.check("softmax", softmax, seed=0)
    assert not r.passed and r.mistake is None
    assert r.failure.reason == "value"
    assert r.failure.max_abs_error > 0
    # cases are tried smallest first: the failing case reported has 6+ entries,
    # and every smaller case passed
    assert r.cases_passed >= 2
    assert "smallest failing case" in r.message


@pytest.mark.slow  # waits out real time limits
def test_infinite_loop_times_out_and_the_caller_keeps_running():
    def softmax(x, axis=-1):
        while True:
            pass

    r = byhand.check("softmax", softmax, seed=0)
    assert not r.passed and r.status == "timeout"
    assert "did not return within 2 s" in r.message
    # the calling process is alive and can grade again
    assert byhand.check("softmax", good_softmax, seed=0).passed


@pytest.mark.slow  # waits out real time limits
def test_infinite_loop_at_import_times_out():
    r = byhand.grade("softmax", "while True:\n    pass\n", seed=0)
    assert r.status == "timeout" and not r.passed


def test_os_exit_in_learner_code_does_not_end_the_caller():
    r = byhand.grade("softmax", "import os\ndef softmax(x, axis=-1):\n    os._exit(0)\n", seed=0)
    assert not r.passed and r.status == "error"
    assert "stopped the process" in r.message
    assert os.getpid() > 0 and byhand.check("softmax", good_softmax, seed=0).passed


class LiesEqual:
    """Claims to be equal to anything, and to be any array."""

    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False  # noqa: E731

    def __array__(self, dtype=None, copy=None):
        raise AssertionError("the grader must never call __array__")

    def __float__(self):
        raise AssertionError("the grader must never call __float__")


def test_object_with_lying_eq_is_rejected_without_calling_it():
    r = byhand.check("softmax", lambda x, axis=-1: LiesEqual(), seed=0)
    assert not r.passed and r.failure.reason == "not-plain"
    assert "LiesEqual" in r.message


def test_ndarray_subclass_is_rejected():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return np.ones(np.shape(other), dtype=bool)

    r = byhand.check("softmax", lambda x, axis=-1: good_softmax(x, axis).view(Sneaky), seed=0)
    assert not r.passed and "subclass" in r.message


def test_object_dtype_array_is_rejected():
    def softmax(x, axis=-1):
        return good_softmax(x, axis).astype(object)

    r = byhand.check("softmax", softmax, seed=0)
    assert not r.passed and "dtype object" in r.message


def test_scalar_is_not_broadcast_into_an_array():
    r = byhand.check("softmax", lambda x, axis=-1: 0.25, seed=0)
    assert not r.passed and r.failure.reason == "shape"


def test_column_vector_is_not_accepted_for_a_vector():
    r = byhand.check("softmax", lambda x, axis=-1: good_softmax(x, axis)[..., None], seed=0)
    assert not r.passed and r.failure.reason == "shape"
    assert "expected (" in r.message


def test_nan_is_never_equal_to_nan():
    def softmax(x, axis=-1):
        return np.full(np.shape(x), np.nan)

    r = byhand.check("softmax", softmax, seed=0)
    assert not r.passed and r.failure.reason == "nonfinite"


def test_integer_output_is_accepted_for_a_float_reference_only_if_values_match():
    r = byhand.check("softmax", lambda x, axis=-1: np.zeros(np.shape(x), dtype=int), seed=0)
    assert not r.passed and r.failure.reason == "value"


def test_exception_traceback_is_trimmed_to_the_learners_code(tmp_path):
    path = tmp_path / "mine.py"
    source = "import numpy as np\n\ndef helper(x):\n    return x / undefined_name\n\ndef softmax(x, axis=-1):\n    return helper(x)\n"
    r = byhand.grade("softmax", source, filename=str(path), seed=0)
    assert not r.passed and r.status == "error"
    assert "NameError: name 'undefined_name' is not defined" in r.message
    assert f'File "{path}", line 4, in helper' in r.message
    assert "return x / undefined_name" in r.message
    assert "byhand" not in r.message.replace(str(path), "")


def test_missing_function_and_syntax_error_are_invalid_not_crashes():
    r = byhand.grade("softmax", "def soft_max(x):\n    return x\n")
    assert r.status == "invalid" and "softmax" in r.message
    r = byhand.grade("softmax", "def softmax(x:\n", filename="s.py")
    assert r.status == "invalid" and "line 1" in r.message


def test_learners_prints_are_captured_not_lost():
    def softmax(x, axis=-1):
        print("debugging", x.shape)
        return good_softmax(x, axis)

    r = byhand.check("softmax", softmax, seed=0)
    assert r.passed and "debugging" in r.stdout


def test_mutating_the_inputs_does_not_change_expected_values():
    def softmax(x, axis=-1):
        x -= np.max(x, axis=axis, keepdims=True)  # in place, but still correct
        e = np.exp(x)
        return e / e.sum(axis=axis, keepdims=True)

    assert byhand.check("softmax", softmax, seed=3).passed


def test_korean_messages():
    r = byhand.check("softmax", lambda x, axis=-1: 0.25, seed=0, lang="ko")
    assert r.lang == "ko" and "케이스" in r.message


def test_unknown_id_suggests_close_ones():
    with pytest.raises(UnknownItem, match="softmax"):
        byhand.check("sofmax", good_softmax)


def test_check_requires_a_callable():
    with pytest.raises(ByhandError, match="must be a function"):
        byhand.check("softmax", 3)


def test_same_seed_gives_same_cases():
    a = byhand.check("softmax", lambda x, axis=-1: x, seed=11)
    b = byhand.check("softmax", lambda x, axis=-1: x, seed=11)
    assert a.failure == b.failure and a.seed == b.seed == 11


def test_a_failure_marks_the_wrong_entries_it_shows():
    """Issue 13: a failure's ``got`` and ``expected`` carry the spans of the
    entries outside the tolerance (for a panel to highlight), through JSON too."""
    from byhand.grading.result import GradeResult

    r = byhand.grade("softmax", "import numpy as np\ndef softmax(x, axis=-1):\n"
                     "    out = np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)\n"
                     "    return out * (1 + 0.1 * (out == out.max()))\n", seed=1)
    f = r.failure
    assert f.case == "single element" or f.got_marks, (f.case, f.got)
    assert [f.got[a:b] for a, b in f.got_marks] != [] and len(f.got_marks) == len(f.expected_marks)
    assert all(float(f.got[a:b]) != float(f.expected[c:d])
               for (a, b), (c, d) in zip(f.got_marks, f.expected_marks))
    again = GradeResult.from_dict(json.loads(json.dumps(r.to_dict())))
    assert again.failure.got_marks == f.got_marks and again.failure.expected_marks == f.expected_marks


@pytest.mark.slow  # every known mistake of the curriculum
def test_a_failure_marks_exactly_the_wrong_entries_it_shows():
    """Issue 13: the failure's ``got`` and ``expected`` carry the spans of the
    entries outside the tolerance, for a panel to highlight; across every
    known mistake of every exercise (one seed), each span is one printed
    entry, and when every entry is printed the marks are exactly the wrong ones."""
    from byhand.content import loader
    from byhand.grading import grader as G
    from byhand.grading.report import Outcome

    marked = 0
    for item_id in loader.exercise_ids():
        ex = loader.load_exercise(item_id)
        if ex.accept is not None:
            continue
        cases = G.prepared(ex, 7)
        for mistake in ex.mistakes:
            for e in cases:  # its first failing case, the one a panel shows
                values = G._mistaken_outputs(mistake.implementations[0], e)
                verdict = values is not G._CRASHED and G.judge(e, Outcome("ok", values=values), ex)
                if verdict and not verdict.ok:
                    break
            else:
                continue
            m = verdict.mismatch
            if m is not None and m.reason in ("value", "nonfinite"):
                f = G._failure(ex, verdict, e, Outcome("ok", values=values), "en")
                for text, spans in ((f.got, f.got_marks), (f.expected, f.expected_marks)):
                    assert spans or "..." in text or "…" in text, (item_id, mistake.id, text)  # wrong only where not shown
                    shown = [text[a:b] for a, b in spans]
                    assert all(re.fullmatch(r"\S+( *[-+]\S+j)?", s) for s in shown), (item_id, shown)
                    assert len(spans) <= m.facts["count"]
                    if "…" not in text and "..." not in text and m.facts["total"] <= 24:
                        assert len(spans) == m.facts["count"], (item_id, mistake.id, text, shown)
                marked += 1
    assert marked > 200


def test_byhand_processes_use_one_blas_thread_in_numpy_and_in_scipy_loaded_later():
    """grading/threads.py: NumPy's OpenBLAS is loaded before the limit, SciPy's
    after it; both end up with one thread, from a start of two."""
    import subprocess
    import sys

    script = ("from byhand.grading.threads import one_blas_thread\n"
              "from threadpoolctl import threadpool_info\n"
              "before = sorted(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas')\n"
              "one_blas_thread()\n"
              "import scipy.linalg\n"
              "after = sorted(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas')\n"
              "print(before, after)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**env, "OPENBLAS_NUM_THREADS": "2"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[2]", "[1,", "1]"], out.stdout
