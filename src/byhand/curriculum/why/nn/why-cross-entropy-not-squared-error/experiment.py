"""Gradient of cross-entropy vs squared error through a sigmoid, and logistic
regression trained with each loss from a confidently wrong start."""

import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^-z), without overflow


def _ce(z, y):
    # -[y log p + (1 - y) log(1 - p)] written with logaddexp: log(1 + e^-z) = logaddexp(0, -z)
    return y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)


def _mse(z, y):
    return 0.5 * (_sigmoid(z) - y) ** 2


def _data(rng, n=200):
    y = (np.arange(n) % 2).astype(float)
    x = rng.normal(size=(n, 2)) + np.where(y[:, None] == 1, 1.5, -1.5)
    return x, y


def _train(x, y, w0, lr, steps, loss):
    w, b = w0.copy(), 0.0
    errors = []
    for _ in range(steps + 1):
        z = x @ w + b
        p = _sigmoid(z)
        errors.append(float(np.mean((p > 0.5) != (y == 1))))
        dz = (p - y) if loss == "ce" else (p - y) * p * (1 - p)  # dL/dz per example
        w -= lr * x.T @ dz / len(y)
        b -= lr * dz.mean()
    return np.array(errors)


def run(fig, words, init_scale=5.0, lr=1.0, steps=300):
    # left: |dL/dz| as a function of the probability p given to the true class (y = 1)
    p = np.append(np.logspace(-4, np.log10(0.999), 300), 0.01)  # last: the marked point
    z = np.log(p) - np.log1p(-p)
    h = 1e-5
    grad_ce = (_ce(z + h, 1.0) - _ce(z - h, 1.0)) / (2 * h)        # finite differences of the
    grad_mse = (_mse(z + h, 1.0) - _mse(z - h, 1.0)) / (2 * h)     # losses, not the formulas
    formula_err = max(np.max(np.abs(grad_ce - (p - 1))),
                      np.max(np.abs(grad_mse - (p - 1) * p * (1 - p))))
    ax1 = fig.add_subplot(1, 2, 1)
    ax1.plot(p[:-1], np.abs(grad_ce[:-1]), label=words("ce_grad"))
    ax1.plot(p[:-1], np.abs(grad_mse[:-1]), "--", label=words("mse_grad"))
    ax1.axvline(0.01, color="grey", lw=0.8, label=words("p001"))
    ax1.set_xscale("log")
    ax1.set_xlabel(words("p_axis"))
    ax1.set_ylabel(words("grad_axis"))
    ax1.set_title(words("grad_title"), fontsize=10)
    ax1.legend(loc="center right", fontsize=8)

    # right: logistic regression from weights that point the wrong way
    rng = np.random.default_rng(0)
    x, y = _data(rng)
    w0 = -init_scale * np.array([1.0, 1.0]) / np.sqrt(2)
    p0 = _sigmoid(x @ w0)
    p_true0 = float(np.median(np.where(y == 1, p0, 1 - p0)))
    err_ce = _train(x, y, w0, lr, steps, "ce")
    err_mse = _train(x, y, w0, lr, steps, "mse")
    ax2 = fig.add_subplot(1, 2, 2)
    ax2.plot(err_ce, label=words("trained_ce"))
    ax2.plot(err_mse, "--", label=words("trained_mse"))
    ax2.set_xlabel(words("step"))
    ax2.set_ylabel(words("error_rate"))
    ax2.set_ylim(-0.02, 1.02)
    ax2.set_title(words("train_title", p=p_true0),
                  fontsize=10)
    ax2.legend(loc="center right", fontsize=8)
    fig.tight_layout()

    def first_below(err, level=0.1):
        hit = np.nonzero(err < level)[0]
        return int(hit[0]) if hit.size else -1

    return {"ce_grad_at_p001": float(abs(grad_ce[-1])), "mse_grad_at_p001": float(abs(grad_mse[-1])), "formula_max_error": float(formula_err),
            "median_p_true_at_start": p_true0,
            "final_error_ce": float(err_ce[-1]), "final_error_mse": float(err_mse[-1]),
            "steps_to_10pct_ce": first_below(err_ce), "steps_to_10pct_mse": first_below(err_mse)}


def check(findings):
    problems = []
    if findings["formula_max_error"] > 1e-6:
        problems.append("the finite-difference gradients do not match p − y and (p − y)p(1 − p)")
    if not findings["mse_grad_at_p001"] < 0.05 * findings["ce_grad_at_p001"]:
        problems.append("at p = 0.01 for y = 1 the squared-error gradient is not much smaller "
                        "than the cross-entropy gradient")
    if findings["median_p_true_at_start"] < 0.01:  # the start is confidently wrong
        ce, mse = findings["steps_to_10pct_ce"], findings["steps_to_10pct_mse"]
        if ce < 0 or (0 <= mse <= ce):
            problems.append("from a confidently wrong start, cross-entropy did not reach 10% error "
                            "before squared error")
    return problems
