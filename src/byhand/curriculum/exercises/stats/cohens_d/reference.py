"""Cohen's d with the pooled standard deviation: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def cohens_d(a, b):
    """d = (mean(a) - mean(b)) / s_p,  s_p^2 = ((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    na, nb = a.size, b.size
    ss = np.sum((a - a.mean()) ** 2) + np.sum((b - b.mean()) ** 2)  # = (n_a-1) s_a^2 + (n_b-1) s_b^2
    return np.float64((a.mean() - b.mean()) / np.sqrt(ss / (na + nb - 2)))


def cases(rng):
    return [
        Case((rng.normal(0.5, 1.0, size=12), rng.normal(0.0, 1.0, size=12)), name="equal groups of 12"),
        Case((rng.normal(1.0, 0.5, size=8), rng.normal(0.0, 2.0, size=30)), name="8 and 30 samples, different spreads"),
        Case((rng.normal(0.80, 0.01, size=5), rng.normal(0.81, 0.01, size=7)), name="accuracies over seeds: b better (d < 0)"),
        Case((np.array([1.0, 3.0]), np.array([0.0, 1.0, 2.0])), name="2 and 3 samples, by hand"),
        Case((rng.normal(3.0, 1.0, size=20), rng.normal(0.0, 1.0, size=15)), name="large effect"),
    ]


def _biased(a, b):
    sp = np.sqrt((len(a) * np.var(a) + len(b) * np.var(b)) / (len(a) + len(b)))
    return (np.mean(a) - np.mean(b)) / sp


def _unweighted_pool(a, b):
    return (np.mean(a) - np.mean(b)) / np.sqrt((np.var(a, ddof=1) + np.var(b, ddof=1)) / 2)


def _all_data(a, b):
    return (np.mean(a) - np.mean(b)) / np.std(np.concatenate([a, b]), ddof=1)


def _one_group(a, b):
    return (np.mean(a) - np.mean(b)) / np.std(b, ddof=1)


MISTAKES = {
    "biased-variances": _biased,
    "unweighted-pooling": _unweighted_pool,
    "sd-of-all-data": _all_data,
    "sd-of-one-group": _one_group,
}
