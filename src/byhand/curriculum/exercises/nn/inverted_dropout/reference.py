"""Inverted dropout (Srivastava et al. 2014, with the scaling moved to training time): the
reference, its cases, the rule that judges a random output, and its known mistakes."""

import numpy as np

from byhand import Case

LARGE = 1000  # from this many entries on, the fraction of zeros is checked
Z = 5.0  # width of the binomial band, in standard deviations (a correct answer fails with prob. < 1e-6)


def inverted_dropout(x, p, seed):
    """Each entry is zeroed with probability p and otherwise scaled by 1/(1-p), so that
    E[output] = x. The mask comes from np.random.default_rng(seed); 0 <= p < 1."""
    x = np.asarray(x, dtype=np.float64)
    rng = np.random.default_rng(seed)
    keep = rng.random(x.shape) >= p
    return np.where(keep, x / (1.0 - p), 0.0)


def _x(rng, shape):
    x = rng.normal(size=shape)
    return np.where(np.abs(x) < 1e-3, 1.0, x)  # nonzero, so that 0 in the output means dropped


def cases(rng):
    def case(shape, p, name):
        return Case((_x(rng, shape), p, int(rng.integers(0, 2**31))), name=name)

    return [
        case((8,), 0.3, "a vector, p = 0.3"),
        case((4, 5), 0.5, "a matrix, p = 0.5"),
        case((2, 3, 4), 0.25, "3-D, p = 0.25"),
        case((6,), 0.0, "p = 0: nothing is dropped"),
        case((100, 100), 0.2, "10 000 entries, p = 0.2"),
        case((40, 50), 0.7, "2 000 entries, p = 0.7"),
        case((5000,), 0.1, "5 000 entries, p = 0.1"),
        case((3000,), 0.9, "3 000 entries, p = 0.9"),
    ]


def _args(case):
    names = ("x", "p", "seed")
    values = dict(zip(names, case.args))
    values.update(case.kwargs)
    return np.asarray(values["x"], dtype=np.float64), float(values["p"])


def _is(got, target):
    with np.errstate(all="ignore"):
        return (got == target) | np.isclose(got, target, rtol=1e-9, atol=0.0)


def _zero_fraction_near(y, rate):
    """Is the fraction of zeros within the binomial band around `rate`? (True for small inputs.)"""
    n = y.size
    if n < LARGE:
        return True
    band = Z * np.sqrt(rate * (1 - rate) / n) + 0.5 / n
    return abs(np.mean(y == 0) - rate) <= band


def accept(case, got):
    x, p = _args(case)
    y = got[0]
    if p == 0:
        ok = bool(np.all(y == x))
        return ok, {"en": "with p = 0 nothing is dropped: the output must equal x exactly",
                    "ko": "p = 0이면 아무것도 드롭하지 않으므로 출력이 x와 정확히 같아야 합니다"}
    allowed = (y == 0) | _is(y, x / (1 - p))
    if not allowed.all():
        return False, {"en": f"every entry must be 0 (dropped) or x/(1 − p) (kept and rescaled); {int((~allowed).sum())} of {y.size} entries are neither",
                       "ko": f"모든 성분은 0(드롭됨)이거나 x/(1 − p)(유지되고 스케일됨)여야 하는데, {y.size}개 중 {int((~allowed).sum())}개가 둘 다 아닙니다"}
    if not _zero_fraction_near(y, p):
        frac = float(np.mean(y == 0))
        return False, {"en": f"{frac:.3f} of the {y.size} entries are 0, but each should be dropped with probability p = {p}: the fraction of zeros is too far from p",
                       "ko": f"{y.size}개 성분 중 0인 성분의 비율({frac:.3f})이 p = {p}에서 너무 멉니다. 각 성분은 확률 p로 드롭되어야 합니다"}
    return True, {"en": "", "ko": ""}


# --- known mistakes ----------------------------------------------------------

def _no_rescale(x, p, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p
    return x * mask


def _keep_with_prob_p(x, p, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) < p  # meant as the dropped entries, used as the kept ones
    return x * mask / (1 - p)


def _keep_prob_argument(x, p, seed):
    rng = np.random.default_rng(seed)
    mask = rng.binomial(1, p, size=x.shape)  # p read as the keep probability (TF1's keep_prob)
    return x * mask / p


def _multiply_by_keep_prob(x, p, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p
    return x * mask * (1 - p)


def _divide_by_p(x, p, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p
    return x * mask / p


MISTAKES = {
    "no-rescale": _no_rescale,
    "keep-prob-swapped": [_keep_with_prob_p, _keep_prob_argument],
    "scale-by-p": [_multiply_by_keep_prob, _divide_by_p],
}


def _detect_no_rescale(case, got):
    x, p = _args(case)
    y = got[0]
    kept = y != 0
    return bool(kept.any() and _is(y[kept], x[kept]).all())


def _detect_keep_prob_swapped(case, got):
    x, p = _args(case)
    y = got[0]
    if p == 0:  # keeping with probability 0: all zeros, or 0/0
        return bool(np.all((y == 0) | np.isnan(y)))
    allowed = (y == 0) | _is(y, x / (1 - p)) | _is(y, x / p)
    return bool(allowed.all() and _zero_fraction_near(y, 1 - p))


def _detect_scale_by_p(case, got):
    x, p = _args(case)
    y = got[0]
    allowed = (y == 0) | _is(y, x * (1 - p)) | _is(y, x / p)
    return bool(allowed.all() and _zero_fraction_near(y, p))


DETECT = {
    "no-rescale": _detect_no_rescale,
    "keep-prob-swapped": _detect_keep_prob_swapped,
    "scale-by-p": _detect_scale_by_p,
}
