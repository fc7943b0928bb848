"""Gradient descent on least squares with raw and with standardized features:
condition number of the Hessian, loss curves at the best learning rate, and
the final loss across learning rates."""

import numpy as np


def _data(n, scale, offset, correlation, seed=0):
    rng = np.random.default_rng(seed)
    z1 = rng.normal(size=n)
    z2 = correlation * z1 + np.sqrt(1 - correlation ** 2) * rng.normal(size=n)
    x = np.column_stack([z1, offset + scale * z2])       # feature 2: mean `offset`, std `scale`
    y = 0.5 + z1 - z2 + 0.3 * rng.normal(size=n)
    return x, y


def _design(x):
    return np.column_stack([np.ones(len(x)), x])          # an intercept column, then the features


def _gd(a, y, lrs, steps):
    """Gradient descent from w = 0 for each learning rate; the loss after every step."""
    n = len(y)
    w = np.zeros((len(lrs), a.shape[1]))
    losses = np.empty((len(lrs), steps + 1))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps + 1):
            r = w @ a.T - y                                 # (n_lrs, n) residuals
            losses[:, t] = 0.5 * np.sum(r * r, axis=1) / n
            if t < steps:
                w = w - lrs[:, None] * (r @ a) / n
    return np.where(np.isfinite(losses), losses, np.inf)


def _gd_gap(h, w_star, lrs, steps):
    """The same iteration in the Hessian's terms, for many learning rates at once:
    ∇L(w) = H(w − w*) and L(w) − L* = ½ (w − w*)ᵀ H (w − w*) hold exactly for least squares.
    Returns the relative loss gap after `steps` steps."""
    e = np.tile(-w_star, (len(lrs), 1))                     # w − w* at w = 0
    gap0 = 0.5 * w_star @ h @ w_star
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            e = e - lrs[:, None] * (e @ h)
            e = np.where(np.isfinite(e), np.clip(e, -1e150, 1e150), 1e150)
        gap = 0.5 * np.sum((e @ h) * e, axis=1) / gap0
    return np.where(np.isfinite(gap), gap, np.inf)


def run(fig, words, scale=30.0, offset=0.0, correlation=0.5, steps=300):
    x, y = _data(500, scale, offset, correlation)
    raw = _design(x)
    std = _design((x - x.mean(axis=0)) / x.std(axis=0))
    w_star = np.linalg.lstsq(raw, y, rcond=None)[0]
    best = 0.5 * np.sum((raw @ w_star - y) ** 2) / len(y)  # the same for both designs
    out = {}
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2)
    lr_grid = np.logspace(-6, 1, 120)
    for name, a, style in (("raw", raw, "C1"), ("standardized", std, "C0")):
        h = a.T @ a / len(y)                                # the Hessian of the loss is AᵀA / n
        eig = np.linalg.eigvalsh(h)
        lo, hi = eig[0], eig[-1]
        lr_best = 2.0 / (lo + hi)                           # the best constant step on a quadratic
        curves = _gd(a, y, np.array([lr_best, 1.05 * 2.0 / hi]), steps)
        gap = (curves - best) / (curves[:, :1] - best)      # relative loss gap, 1 at the start
        ax1.semilogy(np.maximum(gap[0], 1e-16), style,
                     label=f"{words(name)}: κ = {hi / lo:,.{0 if hi / lo >= 100 else 2}f}, lr = {lr_best:.2g}")
        sweep = _gd_gap(h, np.linalg.solve(h, a.T @ y / len(y)), lr_grid, steps)
        ax2.loglog(lr_grid, np.clip(sweep, 1e-16, 1e3), style, label=words(name))
        ax2.axvline(2.0 / hi, color=style, lw=0.8, ls=":")
        hit = np.nonzero(gap[0] < 1e-6)[0]
        out.update({f"cond_{name}": float(hi / lo), f"lr_best_{name}": float(lr_best),
                    f"lr_max_stable_{name}": float(2.0 / hi),
                    f"final_gap_{name}": float(gap[0, -1]),
                    f"steps_to_1e-6_{name}": int(hit[0]) if hit.size else -1,
                    f"gap_above_max_lr_{name}": float(gap[1, -1])})
    ax1.set_xlabel(words("step"))
    ax1.set_ylabel(words("gap_axis"))
    ax1.set_title(words("best_title"), fontsize=9)
    ax1.legend(fontsize=8)
    ax2.set_xlabel(words("lr_axis"))
    ax2.set_ylabel(words("final_axis", steps=steps))
    ax2.set_title(words("final_title"), fontsize=9)
    ax2.legend(fontsize=8)
    fig.tight_layout()
    return out


def check(findings):
    problems = []
    if not findings["cond_raw"] > findings["cond_standardized"]:
        problems.append("standardizing did not lower the condition number of the Hessian")
    if findings["cond_raw"] > 2 * findings["cond_standardized"]:
        raw, std = findings["steps_to_1e-6_raw"], findings["steps_to_1e-6_standardized"]
        if std >= 0:
            slower = 0 <= raw <= std
        elif raw >= 0:
            slower = True
        else:  # neither got there: compare where they ended
            slower = not findings["final_gap_standardized"] < findings["final_gap_raw"]
        if slower:
            problems.append("with the smaller condition number, gradient descent on standardized "
                            "features was not faster (to a 10⁻⁶ loss gap, or in the final loss)")
    if not findings["gap_above_max_lr_raw"] > 1:
        problems.append("on raw features, a learning rate 5% above 2 / λmax did not diverge")
    return problems
