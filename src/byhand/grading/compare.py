"""Compare plain arrays under an exercise's rule: strict shape, dtype kind,
finiteness, then a stated tolerance.  A non-finite expected value is matched
only by itself: the same infinity, or NaN where the reference says NaN on
purpose (an undefined result, such as the correlation of a constant).  A NaN
where a number is expected is always wrong, except when matching a learner's
output against a known *mistake* (both failing the same way is evidence of the
same bug)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

import numpy as np

from ..content.model import Compare

# what dtype kinds a learner's output may have, given the reference's kind
_ACCEPT = {"f": "fiu", "i": "iu", "u": "iu", "b": "b", "c": "cfiu"}


@dataclass(frozen=True)
class Mismatch:
    output: int  # which output of a tuple (0 for a single one)
    reason: str  # shape | dtype | nonfinite | value
    max_abs: float = 0.0
    max_rel: float = 0.0
    # language-neutral facts for the message templates (got, expected, count, total, what;
    # dtype, digits and largest when the output's lower float precision explains it)
    facts: dict = field(default_factory=dict)
    # which entries are wrong (a bool array of the output's shape) for "value" and "nonfinite":
    # what a failure panel marks
    wrong: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def blames_precision(self) -> bool:
        """Wrong values, or infinities, that the learner's float dtype of lower
        precision than the reference's explains (float16 or float32 for float64)."""
        return "digits" in self.facts

    @property
    def key(self) -> str:
        """The grader's sentence for this mismatch: its reason ("value",
        "nonfinite", ...), with "-precision" when :attr:`blames_precision`, or
        "-undefined" when every wrong entry is a number where nan is expected."""
        if "undefined" in self.facts:
            return f"{self.reason}-undefined"
        return f"{self.reason}-precision" if self.blames_precision else self.reason


def _errors(exp: np.ndarray, got: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        return np.abs(got - exp)


def _close(exp, got, rule: Compare, equal_nan: bool) -> tuple[np.ndarray, np.ndarray]:
    """Elementwise (ok, error) for arrays of one shape."""
    err = _errors(exp, got)
    with np.errstate(invalid="ignore", over="ignore"):
        within = err <= rule.atol + rule.rtol * np.abs(exp)
    # a non-finite expected value is matched only exactly, never through the
    # tolerance: the same infinity, and NaN (undefined) by NaN
    same_inf = np.isinf(exp) & (exp == got)
    special = same_inf | (np.isnan(exp) & np.isnan(got))
    ok = np.where(np.isfinite(exp), within, special)
    err = np.where(same_inf, 0.0, err)
    return ok, err


# errors up to this many units of the learner's dtype's epsilon, relative to the output's
# magnitude, are what computing in that dtype gives (a few roundings, a sum)
_PRECISION_ULPS = 32


def _lower_precision(exp: np.ndarray, got: np.ndarray) -> np.finfo | None:
    """The learner's float type, when it is of lower precision than the reference's."""
    if exp.dtype.kind not in "fc" or got.dtype.kind not in "fc":
        return None
    info = np.finfo(got.dtype)
    return info if info.eps > np.finfo(exp.dtype).eps else None


def _precision_facts(info: np.finfo, got: np.ndarray) -> dict:
    return {"dtype": str(got.dtype), "digits": round(-np.log10(float(info.eps))),
            "largest": float(info.max)}


def _explained_overflow(exp: np.ndarray, got: np.ndarray, bad: np.ndarray) -> dict:
    """Precision facts when every expected value where the learner has inf or
    NaN lies beyond the largest number of the learner's lower-precision dtype."""
    info = _lower_precision(exp, got)
    if info is None or not (np.abs(exp[bad].astype(np.complex128)) > float(info.max)).all():
        return {}
    return _precision_facts(info, got)


def _explained_rounding(exp: np.ndarray, got: np.ndarray, err: np.ndarray, bad: np.ndarray,
                        rule: Compare) -> dict:
    """Precision facts when every error outside the tolerance is within what
    the learner's lower-precision dtype explains: a few dozen of its epsilons
    relative to the output's magnitude, or a value below its smallest normal
    number (underflow)."""
    info = _lower_precision(exp, got)
    if info is None:
        return {}
    e = np.abs(exp.astype(np.complex128))
    finite = e[np.isfinite(e)]
    scale = np.maximum(e, finite.max() if finite.size else 0.0)[bad]
    tiny, eb, errb = float(info.tiny), e[bad], err[bad]
    with np.errstate(invalid="ignore", over="ignore"):
        explained = (errb <= rule.atol + rule.rtol * eb + _PRECISION_ULPS * float(info.eps) * scale) | \
            ((eb < tiny) & (errb <= tiny))
    return _precision_facts(info, got) if explained.all() else {}


def compare_one(exp: np.ndarray, got: np.ndarray, rule: Compare, index: int = 0,
                equal_nan: bool = False, also: str | None = None) -> Mismatch | None:
    """``also``: another dtype kind whose rule may accept ``got`` as well as
    ``exp``'s own.  Matching a mistake passes the reference's: a learner
    who returns floats, as the reference does, where the author's mistake
    returns ints (or the other way round) still makes that mistake."""
    if got.shape != exp.shape:
        return Mismatch(index, "shape", facts={"got": got.shape, "expected": exp.shape})
    accepted = _ACCEPT.get(exp.dtype.kind, exp.dtype.kind) + (_ACCEPT.get(also, also) if also else "")
    if got.dtype.kind not in accepted:
        return Mismatch(index, "dtype", facts={"got": got.dtype.kind, "expected": exp.dtype.kind,
                                               "dtype": str(got.dtype)})
    if exp.dtype == got.dtype and exp.tobytes() == got.tobytes():  # the same numbers: within any rule (quick)
        return None
    target = np.complex128 if "c" in (exp.dtype.kind, got.dtype.kind) else np.float64
    e = exp.astype(target)
    g = got.astype(target)
    if not equal_nan:
        bad = np.isfinite(e) & ~np.isfinite(g)
        if bad.any():
            what = "NaN" if np.isnan(g[bad]).any() else "inf"
            return Mismatch(index, "nonfinite", np.inf, np.inf,
                            facts={"what": what, "count": int(bad.sum()), "total": e.size,
                                   **_explained_overflow(exp, got, bad)}, wrong=bad)
    mode = rule.sign.get(index)
    ok, err = _close(e, g, rule, equal_nan)
    if mode == "whole" and not ok.all():
        ok_neg, err_neg = _close(e, -g, rule, equal_nan)
        if ok_neg.sum() > ok.sum() or (ok_neg.all()):
            ok, err = ok_neg, err_neg
    elif mode == "rows" and not ok.all() and e.ndim >= 1:
        ok_neg, err_neg = _close(e, -g, rule, equal_nan)
        axes = tuple(range(1, e.ndim))
        use_neg = ok_neg.all(axis=axes) & ~ok.all(axis=axes) if axes else ok_neg & ~ok
        sel = use_neg.reshape(use_neg.shape + (1,) * (e.ndim - 1))
        ok = np.where(sel, ok_neg, ok)
        err = np.where(sel, err_neg, err)
    if ok.all():
        return None
    with np.errstate(all="ignore"):
        rel = err / np.maximum(np.abs(e), np.finfo(np.float64).tiny)
    bad = ~ok
    if np.isnan(e[bad]).all():  # numbers where the result is undefined: say that, not "error nan"
        return Mismatch(index, "value", float("nan"), float("nan"),
                        facts={"count": int(bad.sum()), "total": e.size, "undefined": True}, wrong=bad)
    errs, rels = err[bad].real, rel[bad].real
    if np.isnan(errs).any():
        max_abs = max_rel = float("nan")
    else:
        max_abs, max_rel = float(errs.max()), float(rels.max())
    return Mismatch(index, "value", max_abs, max_rel,
                    facts={"count": int(bad.sum()), "total": e.size,
                           **_explained_rounding(exp, got, err.real, bad, rule)}, wrong=bad)


def compare_outputs(expected: tuple[np.ndarray, ...], got: tuple[np.ndarray, ...],
                    rule: Compare, equal_nan: bool = False,
                    also: tuple[np.ndarray, ...] | None = None) -> Mismatch | None:
    """The first mismatch of ``got`` against ``expected`` (blaming the
    learner's float precision only if it explains every output); ``also``, when
    given, are arrays whose dtype kinds' rules accept too (see ``compare_one``)."""
    first = None
    for i, (e, g) in enumerate(zip(expected, got, strict=True)):
        kind = also[i].dtype.kind if also is not None and i < len(also) else None
        m = compare_one(e, g, rule, i, equal_nan, kind)
        first = first or m
        if m is not None and not m.blames_precision:  # no later output can change the verdict
            return precision_explains_all(first, [m])
    return first


def precision_explains_all(first: Mismatch | None, failing: Iterable[Mismatch | None]) -> Mismatch | None:
    """``first``, whose message may blame the learner's lower float precision
    only if that explains every failing case (or output) in ``failing`` too:
    otherwise ``first`` without the precision facts (a plain "wrong values")."""
    if first is None or not first.blames_precision:
        return first
    if all(m is not None and m.blames_precision for m in failing):
        return first
    return replace(first, facts={k: v for k, v in first.facts.items() if k not in ("dtype", "digits", "largest")})
