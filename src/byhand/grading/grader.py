"""Grade a submission against an exercise's trusted reference.

Steps: generate the cases from a seed and order them smallest first; compute
the expected outputs here, in the trusted process; run the submission in a
child (:mod:`.runner`); compare each case (:mod:`.compare`); on failure, ask
each known mistake whether it explains *all* of the learner's outputs, and
report the smallest failing case.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import secrets
import threading
import warnings
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from .._lang import resolve_lang
from ..content.model import Case, Exercise, Fn
from . import testfns
from .compare import Mismatch, compare_one, compare_outputs, precision_explains_all
from .messages import has_message, msg
from .result import Failure, GradeResult
from .report import Outcome, RunReport, Submission
from .runner import run_cases
from .values import NotPlain, Omitted, output_budget, plain_outputs, reference_outputs

__all__ = ["forget", "grade_exercise", "ordered_cases", "prepared", "tolerance_text", "trusted_verdict"]


@dataclass
class Expected:
    case: Case
    outputs: tuple[np.ndarray, ...]
    n_outputs: int | None
    # what each known mistake returns on this case (computed when first needed;
    # kept with the case, so a server that reuses variants computes it once)
    mistaken: dict = field(default_factory=dict)


def _size(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, (list, tuple, str)):
        return len(value) + sum(_size(v) for v in value if not isinstance(value, str))
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    return 1


def case_size(case: Case) -> int:
    return _size(case.args) + _size(dict(case.kwargs))


def ordered_cases(ex: Exercise, seed: int) -> list[Case]:
    """The exercise's cases for this seed, in the author's order."""
    return list(ex.make_cases(np.random.default_rng(seed)))


_prepared_cache: OrderedDict = OrderedDict()
_prepared_lock = threading.Lock()
PREPARED_CACHE_SIZE = 512


def prepared(ex: Exercise, seed: int) -> list[Expected]:
    """The cases of this seed with their expected outputs, smallest first.

    Kept in a small LRU (by the exercise's folder and the seed): a server that
    draws seeds from a fixed set of variants (see ``SERVER_VARIANTS``) computes
    each variant's reference and mistake outputs once."""
    key = (str(ex.path), seed)
    with _prepared_lock:
        hit = _prepared_cache.get(key)
        if hit is not None:
            _prepared_cache.move_to_end(key)
            return hit
    value = smallest_first(expected_outputs(ex, ordered_cases(ex, seed)))
    with _prepared_lock:
        _prepared_cache[key] = value
        while len(_prepared_cache) > PREPARED_CACHE_SIZE:
            _prepared_cache.popitem(last=False)
    return value


def forget(ex: Exercise, seed: int) -> None:
    """Drop one seed's cases from the cache (validation uses each seed once:
    500 seeds of big cases would otherwise hold a gigabyte)."""
    with _prepared_lock:
        _prepared_cache.pop((str(ex.path), seed), None)


def smallest_first(expected: list["Expected"]) -> list["Expected"]:
    """Order cases by the size of their inputs and expected outputs (a stable
    sort: the author's order breaks ties), so the first failure is the smallest."""
    return sorted(expected, key=lambda e: case_size(e.case) + sum(o.size for o in e.outputs))


@contextmanager
def _quiet():
    """A mistake's warnings are not the learner's: trusted calls run silently."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _call(fn: Callable, case: Case) -> Any:
    """Call a reference or a mistake on a copy of the case, so nothing it does
    to its inputs leaks into the next call."""
    args = testfns.resolve(case.args, copy_arrays=True)
    kwargs = testfns.resolve(dict(case.kwargs), copy_arrays=True)
    return fn(*args, **kwargs)


def _call_trusted(fn: Callable, case: Case) -> Any:
    with _quiet():
        return _call(fn, case)


def expected_outputs(ex: Exercise, cases: Sequence[Case]) -> list[Expected]:
    out = []
    with _quiet():
        for case in cases:
            outputs, n = reference_outputs(_call(ex.reference, case))
            out.append(Expected(case, outputs, n))
    return out


# --- showing values small ---------------------------------------------------

MAX_SHOWN = 2_000  # characters of one shown value: a learner's output never renders unbounded
_SHOWN_ELEMENTS = 24


def show(value: Any) -> str:
    """A value for a failure message, at most :data:`MAX_SHOWN` characters,
    whatever its size or number of dimensions."""
    return _clip(_show(value))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def _show(value: Any) -> str:
    if isinstance(value, Fn):
        return value.name
    if isinstance(value, Omitted):
        return f"<array of shape {value.shape}, dtype {value.dtype}: too large to send back>"
    if isinstance(value, np.ndarray):
        if value.ndim > 3 or value.size > 1_000_000:
            # numpy summarizes a dimension only past 2 * edgeitems entries, so
            # (2,)*22 would print all of its 4 million: show the first few flat
            head = np.array2string(value.reshape(-1)[:6], precision=4, separator=", ")
            return f"{head[:-1]}, …]  # shape {value.shape}, {value.size} values"
        body = np.array2string(value, precision=4, threshold=_SHOWN_ELEMENTS, edgeitems=3,
                               suppress_small=False, max_line_width=100)
        return body if value.ndim <= 1 and value.size <= 8 else f"{body}  # shape {value.shape}"
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value[:_SHOWN_ELEMENTS]) + \
            ("," if len(value) == 1 else "") + (", …" if len(value) > _SHOWN_ELEMENTS else "") + ")"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list) and len(value) > _SHOWN_ELEMENTS:
        return repr(value[:_SHOWN_ELEMENTS])[:-1] + ", …]"
    return repr(value)


def show_case(case: Case, names: Sequence[str] = ()) -> str:
    """The case's arguments, each named as the signature names it (``q = …``,
    one per line), so that q, k and v can be told apart."""
    named = [(names[i] if i < len(names) else f"#{i + 1}", a) for i, a in enumerate(case.args)]
    named += list(case.kwargs.items())
    if len(named) == 1 and not names:
        return _clip(show(named[0][1]))
    return _clip("\n".join(f"{k} = {show(v)}" for k, v in named))


def argument_names(ex: Exercise) -> tuple[str, ...]:
    """The reference's positional parameter names (what the learner's signature says)."""
    try:
        params = inspect.signature(ex.reference).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: positions only
        return ()
    return tuple(p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def show_outputs(values: tuple[np.ndarray, ...], n_outputs: int | None) -> str:
    if n_outputs is None:
        return show(values[0])
    return show(tuple(values))


# --- verdicts ---------------------------------------------------------------

@dataclass
class CaseVerdict:
    ok: bool
    reason: str = ""
    mismatch: Mismatch | None = None


def judge(exp: Expected, outcome: Outcome, ex: Exercise) -> CaseVerdict:
    if outcome.status != "ok":
        return CaseVerdict(False, outcome.status)
    got = outcome.values
    if not isinstance(got, tuple) or len(got) != len(exp.outputs):
        return CaseVerdict(False, "not-plain")
    if not outcome.complete:  # an output's data was too large to send: judge its shape only
        for i, (e, g) in enumerate(zip(exp.outputs, got)):
            if g.shape != e.shape:
                return CaseVerdict(False, "shape", Mismatch(i, "shape", facts={"got": g.shape, "expected": e.shape}))
        return CaseVerdict(False, "too-large")
    if ex.accept is None:
        m = compare_outputs(exp.outputs, got, ex.compare)
        return CaseVerdict(m is None, "" if m is None else m.reason, m)
    # random outputs: the shape and kind must be the reference's, the values
    # are judged by the exercise's own rule (e.g. dropout's mask and statistics)
    for i, (e, g) in enumerate(zip(exp.outputs, got)):
        m = compare_one(e, g, ex.compare, i)
        if m is not None and m.reason in ("shape", "dtype"):
            return CaseVerdict(False, m.reason, m)
    ok, detail = ex.accept(exp.case, got)
    return CaseVerdict(bool(ok), "" if ok else "value", None if ok else Mismatch(0, "value", facts={"detail": detail}))


def diagnose(ex: Exercise, expected: list[Expected], outcomes: list[Outcome],
             verdicts: list[CaseVerdict]) -> str | None:
    """The id of the known mistake that reproduces the learner's outputs on
    every case where the learner returned values (and differs from the
    reference on at least one of them), or None."""
    answered = [i for i, o in enumerate(outcomes) if o.complete]
    if not any(not verdicts[i].ok for i in answered):
        return None
    failing = [i for i in answered if not verdicts[i].ok]
    for mistake in ex.mistakes:
        if mistake.detect is not None:
            if all(_detects(mistake.detect, expected[i].case, outcomes[i].values) for i in failing):
                return mistake.id
            continue
        for impl in mistake.implementations:
            if all(_mistake_agrees(impl, expected[i], outcomes[i], ex) for i in answered):
                return mistake.id
    return None


def _detects(detect: Callable, case: Case, got: tuple) -> bool:
    try:
        with np.errstate(all="ignore"):
            return bool(detect(case, got))
    except Exception:  # noqa: BLE001 - a detector that cannot decide does not match
        return False


_CRASHED = object()


def _mistaken_outputs(impl: Callable, exp: Expected):
    if impl not in exp.mistaken:
        try:
            exp.mistaken[impl] = plain_outputs(_call_trusted(impl, exp.case), exp.n_outputs)
        except (NotPlain, Exception):  # noqa: BLE001 - a mistake may legitimately crash on a case
            exp.mistaken[impl] = _CRASHED
    return exp.mistaken[impl]


def _mistake_agrees(impl: Callable, exp: Expected, outcome: Outcome, ex: Exercise) -> bool:
    mistaken = _mistaken_outputs(impl, exp)
    if mistaken is _CRASHED or len(outcome.values) != len(mistaken):
        return False
    # the learner's kinds may meet the mistake's rule or the reference's:
    # a float/int difference alone never hides a mistake
    return compare_outputs(mistaken, outcome.values, ex.compare, equal_nan=True, also=exp.outputs) is None


def trusted_verdict(ex: Exercise, impl: Callable, seed: int) -> tuple[bool, str | None]:
    """(passed, diagnosed mistake id) for trusted code (a known mistake), by
    the grader's own :func:`judge` and :func:`diagnose` but without a runner or
    a message: its outputs are the ones :func:`diagnose` computes and keeps
    for it anyway.  For validation over hundreds of seeds; never learner code."""
    expected = prepared(ex, seed)
    outcomes = []
    for exp in expected:
        values = _mistaken_outputs(impl, exp)
        outcomes.append(Outcome("error") if values is _CRASHED else Outcome("ok", values=values))
    verdicts = [judge(e, o, ex) for e, o in zip(expected, outcomes)]
    if all(v.ok for v in verdicts):
        return True, None
    return False, diagnose(ex, expected, outcomes, verdicts)


def _failure(ex: Exercise, verdict: CaseVerdict, exp: Expected, outcome: Outcome, lang: str) -> Failure:
    f = Failure(case=ex.case_name(exp.case.name, lang), reason=verdict.reason, inputs=show_case(exp.case, argument_names(ex)),
                expected=_clip(show_outputs(exp.outputs, exp.n_outputs)))
    if outcome.status == "ok" and outcome.values is not None:
        m = verdict.mismatch
        measured = m is not None and m.reason == "value" and "undefined" not in m.facts  # no error to a nan
        got = _clip(show_outputs(outcome.values, exp.n_outputs))
        return Failure(**{**f.__dict__, "got": got,
                          "max_abs_error": m.max_abs if measured else None,
                          "max_rel_error": m.max_rel if measured else None,
                          "got_marks": _marks(outcome.values, exp.n_outputs, m, got),
                          "expected_marks": _marks(exp.outputs, exp.n_outputs, m, f.expected)})
    return f


# one entry as np.array2string prints a real or bool array, and a complex one
_NUMBER = r"(?:nan|inf|\d+\.?\d*(?:e[-+]?\d+)?)"
_ENTRY = re.compile(rf"[-+]?{_NUMBER}|True|False")
_COMPLEX_ENTRY = re.compile(rf"[-+]?{_NUMBER} *[-+]{_NUMBER} *j")


def _shown_entries(value: np.ndarray) -> list[tuple[int, int, int]]:
    """(flat index, start, end) of each entry that ``_show(value)`` prints,
    in its text; empty when the entries cannot be told apart for sure."""
    if value.dtype.kind not in "biufc":
        return []
    text = _show(value)
    if value.ndim > 3 or value.size > 1_000_000:
        shown = list(range(min(value.size, 6)))
    else:  # the same printing options on the flat indices give the order of the entries shown
        shown = [int(i) for i in re.findall(r"\d+", np.array2string(
            np.arange(value.size).reshape(value.shape), threshold=_SHOWN_ELEMENTS, edgeitems=3,
            max_line_width=100))]
    body = text.split("  # shape", 1)[0]
    found = list((_COMPLEX_ENTRY if value.dtype.kind == "c" else _ENTRY).finditer(body))
    if len(found) != len(shown):
        return []
    return [(i, e.start(), e.end()) for i, e in zip(shown, found)]


def _marks(values: tuple, n_outputs: int | None, m: Mismatch | None, text: str) -> tuple[tuple[int, int], ...]:
    """Where in ``text`` (``show_outputs(values)``) the entries that are
    wrong stand: (start, end) pairs, for a failure panel to highlight."""
    if m is None or m.wrong is None or m.output >= len(values):
        return ()
    value = values[m.output]
    if not isinstance(value, np.ndarray) or value.shape != m.wrong.shape:
        return ()
    offset = 0
    if n_outputs is not None:  # "(" + shown outputs joined by ", "
        if m.output >= _SHOWN_ELEMENTS:
            return ()
        offset = 1 + sum(len(show(v)) + 2 for v in values[:m.output])
    wrong = m.wrong.reshape(-1)
    limit = len(text) - (1 if text.endswith("…") else 0)
    return tuple((offset + a, offset + b) for i, a, b in _shown_entries(value)
                 if wrong[i] and offset + b <= limit and len(show(value)) == len(_show(value)))


def _failure_message(ex: Exercise, verdict: CaseVerdict, exp: Expected, outcome: Outcome,
                     lang: str) -> str:
    case = ex.case_name(exp.case.name, lang)
    reason = verdict.reason
    if reason in ("shape", "dtype", "nonfinite", "value"):
        m = verdict.mismatch
        where = msg("where", lang, i=m.output) if exp.n_outputs is not None else ""
        if reason == "value" and ex.accept is not None:
            detail = m.facts.get("detail", "")
            detail = detail.get(lang, detail.get("en", "")) if isinstance(detail, dict) else detail
            return msg("value-rule", lang, case=case, detail=detail)
        facts = dict(m.facts)
        if reason == "dtype":
            facts["got"] = msg(f"kind.{facts['got']}", lang) if has_message(f"kind.{facts['got']}") else facts["got"]
            facts["expected"] = msg(f"kind.{facts['expected']}", lang)
        return msg(m.key, lang, case=case, where=where, max_abs=m.max_abs, max_rel=m.max_rel, **facts)
    if reason == "timeout":
        return msg("timeout", lang, case=case, limit=ex.time_limit)
    if reason == "too-large":
        return msg("not-plain", lang, case=case, error=msg("too-large", lang))
    return msg(reason, lang, case=case, error=outcome.error)


def _setup_result(ex: Exercise, report: RunReport, lang: str, base: dict, filename: str) -> GradeResult:
    kind = report.setup_kind
    if kind == "syntax":
        return dataclasses.replace(_syntax_result(ex, report.setup_line, report.setup_error, filename, lang),
                                   seed=base["seed"], cases_total=base["cases_total"])
    text = msg(f"setup-{kind}", lang, error=report.setup_error, function=ex.function,
               signature=ex.signature, limit=ex.time_limit)
    status = {"timeout": "timeout", "missing-function": "invalid", "unavailable": "unavailable"}.get(kind, "error")
    return GradeResult(passed=False, status=status, message=text, stdout=report.stdout, **base)


def grade_exercise(ex: Exercise, sub: Submission, *, lang: str | None = None, seed: int | None = None,
                   runner: Callable[..., RunReport] = run_cases) -> GradeResult:
    lang = resolve_lang(lang)
    seed = secrets.randbits(32) if seed is None else int(seed)
    expected = prepared(ex, seed)
    cases = [e.case for e in expected]
    report = runner(sub, cases, [e.n_outputs for e in expected], ex.time_limit,
                    [output_budget(e.outputs) for e in expected])
    base = dict(exercise_id=ex.id, lang=lang, tolerance=tolerance_text(ex, lang),
                hint=ex.t(lang).hint, cases_total=len(cases), seed=seed)
    if report.setup_kind:  # a syntax error, a missing function, a timeout: the exercise's hint does not help
        return _setup_result(ex, report, lang, {**base, "hint": ""}, sub.filename)
    verdicts = [judge(e, o, ex) for e, o in zip(expected, report.outcomes)]
    n_ok = sum(v.ok for v in verdicts)
    if n_ok == len(cases):
        return GradeResult(passed=True, status="passed", message=msg("passed", lang, n=len(cases)),
                           cases_passed=n_ok, stdout=report.stdout,
                           **{k: v for k, v in base.items() if k != "hint"}, hint="")
    first = next(i for i, v in enumerate(verdicts) if not v.ok)
    verdict, exp, outcome = verdicts[first], expected[first], report.outcomes[first]
    verdict = dataclasses.replace(verdict, mismatch=precision_explains_all(  # all cases, or no word of it
        verdict.mismatch, [v.mismatch for v in verdicts if not v.ok]))
    mistake_id = diagnose(ex, expected, report.outcomes, verdicts)
    if mistake_id is not None:
        text = msg("mistake", lang, id=mistake_id, text=ex.mistake(mistake_id).message[lang])
    else:
        text = _failure_message(ex, verdict, exp, outcome, lang)
    status = {"timeout": "timeout", "error": "error", "crashed": "error", "not-run": "error"}.get(
        verdict.reason, "failed")
    if status == "timeout":  # the exercise's hint is about the mathematics, not a loop that never ends
        base["hint"] = ""
    return GradeResult(passed=False, status=status, message=text, mistake=mistake_id,
                       failure=_failure(ex, verdict, exp, outcome, lang), cases_passed=n_ok,
                       stdout=report.stdout, **base)


def tolerance_text(ex: Exercise, lang: str) -> str:
    return msg("rule-tolerance", lang) if ex.accept is not None else ex.compare.describe()


def _syntax_result(ex: Exercise, line: int | None, text: str, filename: str, lang: str) -> GradeResult:
    text = msg("syntax", lang, filename=filename, line=line if line is not None else "?", msg=text)
    return GradeResult(exercise_id=ex.id, passed=False, status="invalid", message=text, lang=lang,
                       tolerance=tolerance_text(ex, lang))
