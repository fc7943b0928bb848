"""Expected calibration error with equal-width bins: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def expected_calibration_error(confidences, correct, n_bins=15):
    """ECE = sum_m |B_m|/n * |acc(B_m) - conf(B_m)|, bins B_m = ((m-1)/M, m/M] (0 goes to the first bin);
    empty bins contribute nothing."""
    conf = np.asarray(confidences, dtype=np.float64)
    hit = np.asarray(correct, dtype=np.float64)
    idx = np.clip(np.ceil(conf * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    n = conf.size
    ece = 0.0
    for m in range(n_bins):
        in_bin = idx == m
        count = np.count_nonzero(in_bin)
        if count:
            ece += count / n * abs(hit[in_bin].mean() - conf[in_bin].mean())
    return np.float64(ece)


def _model(rng, n, k=10, temperature=1.0):
    """Top-class confidence of a softmax over k classes, and whether the top class was right
    (correct with probability below the confidence: an overconfident model)."""
    logits = rng.normal(size=(n, k)) * 3.0 / temperature
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    conf = (p / p.sum(axis=1, keepdims=True)).max(axis=1)
    correct = (rng.random(n) < conf**1.5).astype(np.int64)
    return conf, correct


def cases(rng):
    conf1, cor1 = _model(rng, 300)
    conf2, cor2 = _model(rng, 40, temperature=0.3)
    conf3 = np.concatenate([np.ones(6), rng.uniform(0.3, 0.9, size=6)])
    cor3 = np.concatenate([[1, 1, 1, 1, 0, 1], (rng.random(6) < 0.6).astype(np.int64)])
    return [
        Case((conf1, cor1), name="overconfident classifier, 300 predictions"),
        Case((conf2, cor2), {"n_bins": 10}, name="sharper model, 40 predictions, 10 bins"),
        Case((conf3, cor3), name="some confidences exactly 1"),
        Case((np.array([0.95, 0.92, 0.97, 0.35, 0.3]), np.array([1, 1, 0, 1, 1])), {"n_bins": 5},
             name="over- and under-confident bins cancel when signed"),
        Case((np.array([0.62, 0.9, 0.55, 0.8]), np.array([1, 0, 0, 1])), {"n_bins": 1}, name="one bin"),
        Case((np.ones(5), np.ones(5, dtype=np.int64)), name="always sure and always right (ECE = 0)"),
        Case((np.array([0.99, 0.98, 0.97, 0.96, 0.21, 0.22]), np.array([0, 1, 1, 1, 1, 0])), {"n_bins": 10},
             name="a crowded bin and a sparse one"),
    ]


def _bins(conf, n_bins):
    return np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)


def _unweighted(confidences, correct, n_bins=15):
    idx = _bins(confidences, n_bins)
    gaps = [abs(correct[idx == m].mean() - confidences[idx == m].mean()) for m in range(n_bins) if np.any(idx == m)]
    return np.mean(gaps)


def _signed(confidences, correct, n_bins=15):
    idx = _bins(confidences, n_bins)
    total = 0.0
    for m in range(n_bins):
        if np.any(idx == m):
            total += np.mean(idx == m) * (correct[idx == m].mean() - confidences[idx == m].mean())
    return abs(total)


def _drops_one(confidences, correct, n_bins=15):
    idx = (confidences * n_bins).astype(int)  # a confidence of 1.0 gets index n_bins: no bin
    total = 0.0
    for m in range(n_bins):
        in_bin = idx == m
        if in_bin.any():
            total += in_bin.sum() / len(confidences) * abs(correct[in_bin].mean() - confidences[in_bin].mean())
    return total


MISTAKES = {
    "unweighted-bins": _unweighted,
    "signed-gaps": _signed,
    "drops-confidence-1": _drops_one,
}
