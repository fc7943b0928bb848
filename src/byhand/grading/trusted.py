"""Run *trusted* code (a reference file, a known mistake) on the cases in this
process: a runner with :func:`byhand.grading.runner.run_cases`'s interface,
for validation.

References and mistakes are our own code, so nothing needs stopping or
isolating; forking a child per grading costs more than the grading itself
(``byhand validate`` on 50 seeds would fork ~50,000 times).  What a learner's
child would do is kept: each case gets its own copy of the inputs, warnings
stay quiet, printed text is captured, and outputs cross the same
encode/decode step, so a verdict here is the verdict the forked runner gives.
Never pass learner code here.
"""

from __future__ import annotations

import contextlib
import io
import time
import warnings
from typing import Sequence

import numpy as np

from ..content.model import Case
from . import testfns
from .channel import MAX_ERROR, MAX_STDOUT
from .report import Outcome, RunReport, Submission
from .runner import DEFAULT_BUDGET, SourceSyntaxError, load_function, trim_traceback
from .values import Malformed, NotPlain, decode_outputs, encode_outputs, plain_outputs

__all__ = ["run_in_process"]


def run_in_process(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None],
                   time_limit: float, budgets: Sequence[int] | None = None) -> RunReport:
    """Grade-ready outcomes for trusted ``sub`` (``time_limit`` is not enforced:
    trusted code ends)."""
    budgets = list(budgets or [DEFAULT_BUDGET] * len(cases))
    report = RunReport(outcomes=[Outcome("not-run") for _ in cases])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            fn = load_function(sub)
        except SourceSyntaxError as exc:
            report.setup_kind, report.setup_line, report.setup_error = "syntax", exc.line, exc.text[:500]
            return report
        except LookupError:
            report.setup_kind = "missing-function"
            return report
        except Exception as exc:  # noqa: BLE001 - reported as the setup error, as the child would
            report.setup_kind, report.setup_error = "exception", trim_traceback(exc)[-MAX_ERROR:]
            return report
        for i, (case, n_out, budget) in enumerate(zip(cases, n_outputs, budgets)):
            report.outcomes[i] = _one(fn, case, n_out, budget)
    report.stdout = printed.getvalue()[:MAX_STDOUT]
    return report


def _one(fn, case: Case, n_out: int | None, budget: int) -> Outcome:
    start = time.perf_counter()
    try:
        args = testfns.resolve(case.args, copy_arrays=True)
        kwargs = testfns.resolve(dict(case.kwargs), copy_arrays=True)
        value = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a mistake may crash on a case
        return Outcome("error", error=trim_traceback(exc)[-MAX_ERROR:], seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    try:
        wire = encode_outputs(plain_outputs(value, n_out), budget)
        values = decode_outputs(wire, 1 if n_out is None else n_out, budget)
    except (NotPlain, Malformed) as exc:
        return Outcome("not-plain", error=str(exc)[:MAX_ERROR], seconds=seconds)
    return Outcome("ok", values=values, seconds=seconds)
