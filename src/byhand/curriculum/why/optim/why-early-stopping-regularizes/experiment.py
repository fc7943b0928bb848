"""Gradient descent on a least-squares problem from w = 0, stopped after t steps,
against ridge regression with penalty α = 1/(ηt).

Features have decaying scales, so some directions of the data are learned fast
and others slowly; the test error is the exact expected squared error on new
data from the same distribution."""

import numpy as np

N_TRAIN = 50
MAX_STEPS = 10000


def _problem(rng, n_features, noise, decay):
    scales = np.arange(1, n_features + 1, dtype=float) ** -decay
    w_true = rng.normal(size=n_features)
    X = rng.normal(size=(N_TRAIN, n_features)) * scales
    y = X @ w_true + noise * rng.normal(size=N_TRAIN)
    return scales, w_true, X, y


def run(fig, words, n_features=40, noise=1.0, decay=1.0):
    rng = np.random.default_rng(0)
    scales, w_true, X, y = _problem(rng, n_features, noise, decay)
    H = X.T @ X / N_TRAIN
    lam, V = np.linalg.eigh(H)
    eta = 1.0 / lam[-1]
    b = X.T @ y / N_TRAIN
    w_ols = np.linalg.solve(H, b)

    def test_mse(w):   # E[(x·w − y)²] for new x ~ N(0, diag(scales²)), y = x·w_true + noise
        return float(np.sum((scales * (w - w_true)) ** 2) + noise ** 2)

    def train_mse(w):
        return float(np.mean((X @ w - y) ** 2))

    checkpoints = np.unique(np.round(np.logspace(0, np.log10(MAX_STEPS), 60)).astype(int))
    w = np.zeros(n_features)
    gd = {"t": [], "train": [], "test": [], "norm": [], "closed_form_err": []}
    step = 0
    for t in checkpoints:
        while step < t:
            w -= eta * (H @ w - b)
            step += 1
        closed = V @ ((1 - (1 - eta * lam) ** t) * (V.T @ w_ols))
        gd["t"].append(int(t)); gd["train"].append(train_mse(w)); gd["test"].append(test_mse(w))
        gd["norm"].append(float(np.linalg.norm(w)))
        gd["closed_form_err"].append(float(np.linalg.norm(w - closed) / max(np.linalg.norm(closed), 1e-300)))
    alphas = 1.0 / (eta * np.array(gd["t"], dtype=float))
    ridge_test = [test_mse(np.linalg.solve(H + a * np.eye(n_features), b)) for a in alphas]
    best = int(np.argmin(gd["test"]))
    t_best, a_best = gd["t"][best], float(alphas[best])

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(gd["t"], gd["train"], color="C0", label=words("train"))
    ax1.semilogx(gd["t"], gd["test"], color="C3", lw=2, label=words("test"))
    ax1.semilogx(gd["t"], ridge_test, color="black", ls=":", lw=1.5, label=words("ridge"))
    ax1.axvline(t_best, color="grey", lw=0.8, ls="--", label=words("best", t=t_best))
    if noise > 0:
        ax1.axhline(noise ** 2, color="grey", lw=0.6, label=words("noise_floor"))
    ax1.set_yscale("log")
    ax1.set_xlabel(words("t_axis"))
    ax1.set_ylabel(words("mse_axis"))
    ax1.set_title(words("curves_title", d=n_features, n=N_TRAIN), fontsize=10)
    ax1.legend(fontsize=7, loc="lower left")

    ax2 = fig.add_subplot(1, 2, 2)
    grid = np.logspace(np.log10(lam[0]) - 0.5, np.log10(lam[-1]), 300)
    ax2.semilogx(grid, 1 - (1 - eta * grid) ** t_best, color="C3", lw=2, label=words("gd_filter", t=t_best))
    ax2.semilogx(grid, grid / (grid + a_best), color="black", ls=":", lw=2, label=words("ridge_filter", a=a_best))
    ax2.semilogx(lam, np.zeros_like(lam) - 0.03, "|", color="C0", ms=10, label=words("eigs"))
    ax2.set_ylim(-0.08, 1.12)
    ax2.set_xlabel(words("lambda_axis"))
    ax2.set_ylabel(words("filter_axis"))
    ax2.set_title(words("filter_title"), fontsize=10)
    ax2.legend(fontsize=7, loc="upper left")
    fig.tight_layout()

    gd_filter = 1 - (1 - eta * lam) ** t_best
    ridge_filter = lam / (lam + a_best)
    return {"noise": float(noise), "t": gd["t"], "train": gd["train"], "test": gd["test"], "norm": gd["norm"],
            "max_closed_form_err": float(max(gd["closed_form_err"])), "t_best": t_best,
            "test_best": gd["test"][best], "test_last": gd["test"][-1], "ridge_best": float(min(ridge_test)),
            "max_filter_gap": float(np.max(np.abs(gd_filter - ridge_filter))),
            "n_features": int(n_features),
            # on a grid of curvatures: both filters keep directions with λ ≥ 10α and drop those with λ ≤ α/10
            "gd_min_above": float(np.min(1 - (1 - eta * grid[grid >= 10 * a_best]) ** t_best, initial=1.0)),
            "ridge_min_above": float(np.min(grid[grid >= 10 * a_best] / (grid[grid >= 10 * a_best] + a_best), initial=1.0)),
            "gd_max_below": float(np.max(1 - (1 - eta * grid[grid <= a_best / 10]) ** t_best, initial=0.0)),
            "ridge_max_below": float(np.max(grid[grid <= a_best / 10] / (grid[grid <= a_best / 10] + a_best), initial=0.0)),
            "converged": bool(np.linalg.norm(w - w_ols) < 1e-3 * np.linalg.norm(w_ols))}


def check(findings):
    problems = []
    f = findings
    if f["max_closed_form_err"] > 1e-6:
        problems.append("the gradient-descent iterates are not w_t = V (1 − (1 − ηλ)^t) Vᵀ ŵ")
    if np.any(np.diff(f["train"]) > 1e-12 * max(f["train"])):
        problems.append("the training error went up during gradient descent")
    if np.any(np.diff(f["norm"]) < -1e-12 * max(f["norm"])):
        problems.append("the weight norm shrank during gradient descent from zero")
    if f["noise"] >= 0.5 and f["n_features"] >= 20:
        if not f["test_best"] < 0.9 * f["test_last"] or f["t_best"] == f["t"][-1]:
            problems.append("stopping early did not give a clearly lower test error than training to convergence")
    if not f["test_best"] < 1.15 * f["ridge_best"]:
        problems.append("early stopping's best test error is far from ridge regression's best")
    if min(f["gd_min_above"], f["ridge_min_above"]) < 0.9 or max(f["gd_max_below"], f["ridge_max_below"]) > 0.1:
        problems.append("early stopping and ridge with α = 1/(ηt) do not both keep the directions with λ ≫ α "
                        "and suppress those with λ ≪ α")
    return problems
