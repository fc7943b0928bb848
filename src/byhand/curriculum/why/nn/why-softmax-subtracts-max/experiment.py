"""Sweep the scale of the logits and count NaNs from the naive and the shifted softmax."""

import numpy as np


def _naive(x):
    e = np.exp(x)
    return e / e.sum()


def _shifted(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def run(fig, words, max_score=800.0, n_classes=10):
    rng = np.random.default_rng(0)
    base = rng.normal(size=n_classes)
    base = base / np.abs(base).max()
    scales = np.linspace(1.0, max_score, 200)
    naive_bad, shifted_bad = [], []
    with np.errstate(all="ignore"):
        for s in scales:
            naive_bad.append(not np.all(np.isfinite(_naive(base * s))))
            shifted_bad.append(not np.all(np.isfinite(_shifted(base * s))))
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(scales, naive_bad, label="exp(x) / Σ exp(x)")
    ax.plot(scales, shifted_bad, "--", label="exp(x − max) / Σ exp(x − max)")
    ax.axvline(np.log(np.finfo(np.float64).max), color="grey", lw=0.8, label="log(float64 max) ≈ 709.78")
    ax.set_xlabel(words("xlabel"))
    ax.set_ylabel(words("ylabel"))
    ax.legend(loc="center right")
    first = next((float(s) for s, b in zip(scales, naive_bad) if b), None)
    return {"naive_first_failure": first if first is not None else float("nan"),
            "naive_failures": int(sum(naive_bad)), "shifted_failures": int(sum(shifted_bad)),
            "max_score": float(max_score)}


def check(findings):
    problems = []
    if findings["shifted_failures"]:
        problems.append("the shifted softmax produced NaN/inf")
    if findings["max_score"] > 710 and not findings["naive_failures"]:
        problems.append("the naive softmax never overflowed above 709.78")
    return problems
