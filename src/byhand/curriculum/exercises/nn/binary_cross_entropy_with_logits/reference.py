"""Binary cross-entropy with logits: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def binary_cross_entropy_with_logits(z, y):
    """mean of  max(z, 0) - z*y + log(1 + exp(-|z|)),  which equals
    -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))] without overflow."""
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(loss))


def _hard(rng, shape, scale=2.0):
    return scale * rng.normal(size=shape), rng.integers(0, 2, size=shape).astype(np.float64)


def cases(rng):
    return [
        Case(_hard(rng, 8), name="random"),
        Case(_hard(rng, 100, scale=1.5), name="random, 100 examples"),
        Case(_hard(rng, (4, 3)), name="multi-label batch (4, 3)"),
        Case((2.0 * rng.normal(size=10), rng.uniform(size=10)), name="soft labels in [0, 1]"),
        Case((np.array([1.3]), np.array([0.0])), name="a single example"),
        Case((np.array([50.0, -50.0, 800.0, -800.0]), np.array([1.0, 0.0, 1.0, 0.0])),
             name="large |z|, confidently right"),
        Case((np.array([50.0, -50.0, 800.0, -800.0, 0.5]), np.array([0.0, 1.0, 0.0, 1.0, 1.0])),
             name="large |z|, confidently wrong"),
        Case((np.array([40.0, -60.0]), np.array([0.25, 0.5])), name="large |z|, soft labels"),
    ]


def _naive(z, y):
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def _naive_expit(z, y):
    from scipy.special import expit

    p = expit(z)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def _naive_softplus(z, y):
    return np.mean(np.log(1 + np.exp(-z)) + (1 - y) * z)


def _sum(z, y):
    return np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))


def _swapped(z, y):
    return np.mean(np.maximum(z, 0) - z * (1 - y) + np.log1p(np.exp(-np.abs(z))))


def _missing_max(z, y):
    return np.mean(np.log1p(np.exp(-np.abs(z))) - z * y)


def _as_probabilities(z, y):
    return -np.mean(y * np.log(z) + (1 - y) * np.log(1 - z))


def _clipped(eps):
    def clipped(z, y):
        p = np.clip(1 / (1 + np.exp(-z)), eps, 1 - eps)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return clipped


def _plus_eps(eps):
    def plus_eps(z, y):
        p = 1 / (1 + np.exp(-z))
        return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    return plus_eps


def _logs_clamped(z, y):  # PyTorch's BCELoss on sigmoid(z): each log clamped at -100
    p = 1 / (1 + np.exp(-z))
    return -np.mean(y * np.maximum(np.log(p), -100.0) + (1 - y) * np.maximum(np.log(1 - p), -100.0))


_EPSILONS = (1e-7, 1e-8, 1e-10, 1e-12, 1e-15)

MISTAKES = {
    "naive-log-sigmoid": [_naive, _naive_expit, _naive_softplus],
    "sum-not-mean": _sum,
    "swapped-labels": _swapped,
    "missing-max-term": _missing_max,
    "expects-probabilities": _as_probabilities,
    "clipped-probabilities": [_clipped(e) for e in _EPSILONS] + [_plus_eps(e) for e in _EPSILONS] + [_logs_clamped],
}
