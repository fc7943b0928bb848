"""Run gradient descent on f(x) = L/2 · x² with three learning rates and watch the loss."""

import numpy as np


def _gd(curvature, lr, x0, steps):
    xs = [x0]
    with np.errstate(over="ignore", invalid="ignore"):
        x = np.float64(x0)
        for _ in range(steps):
            grad = curvature * x          # f'(x) = L x
            x = x - lr * grad if np.isfinite(x) else np.float64(np.inf)  # once it overflows, it stays inf
            xs.append(x)
    return np.array(xs, dtype=float)


def run(fig, words, curvature=4.0, lr_small=0.1, lr_near=0.45, lr_large=0.55, steps=40, x0=1.0):
    threshold = 2.0 / curvature
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2)
    runs = []
    styles = {"small": "tab:green", "near": "tab:orange", "large": "tab:red", "2/L": "grey"}
    for name, lr in (("small", lr_small), ("near", lr_near), ("large", lr_large), ("2/L", threshold)):
        xs = _gd(curvature, lr, x0, steps)
        with np.errstate(over="ignore"):
            loss = 0.5 * curvature * xs ** 2
        finite = np.isfinite(xs)
        # observed contraction per step |x_{t+1} / x_t| (where defined) against the prediction |1 - lr L|
        prev, nxt = xs[:-1], xs[1:]
        ok = finite[:-1] & finite[1:] & (np.abs(prev) > 1e-250)
        ratios = np.abs(nxt[ok] / prev[ok])
        predicted = abs(1.0 - lr * curvature)
        runs.append({"name": name, "lr": float(lr), "predicted_factor": predicted,
                     "max_factor_error": float(np.max(np.abs(ratios - predicted))) if ratios.size else 0.0,
                     "first_loss": float(loss[0]), "last_loss": float(loss[-1]),  # inf when it overflowed
                     "below_threshold": bool(lr < threshold)})
        shown = np.where((loss < 1e250) & (loss > 0), loss, np.nan)  # inf and exact 0 cannot be drawn
        label = ("lr = 2/L = " if name == "2/L" else "lr = ") + f"{lr:g}  (|1 − lr·L| = {predicted:.2f})"
        ax1.semilogy(np.arange(steps + 1), shown, "-" if name != "2/L" else "--", marker="." if name != "2/L" else None,
                     color=styles[name], label=label)
    ax1.set_xlabel(words("step"))
    ax1.set_ylabel(words("loss_axis"))
    ax1.set_title(words("loss_title", L=curvature))
    ax1.legend(fontsize=7, loc="best")

    lrs = np.linspace(0.0, 1.5 * max(threshold, lr_small, lr_near, lr_large), 400)
    ax2.plot(lrs, np.abs(1 - lrs * curvature), color="black", label=words("factor"))
    ax2.axhline(1.0, color="grey", lw=0.8)
    ax2.axvline(threshold, color="grey", ls="--", lw=0.8, label=f"lr = 2/L = {threshold:g}")
    for r in runs[:3]:
        ax2.plot(r["lr"], r["predicted_factor"], "o", color=styles[r["name"]], ms=7)
    ax2.fill_between(lrs, 0, 1, where=lrs < threshold, color="tab:green", alpha=0.08, label=words("converges"))
    ax2.set_xlabel(words("lr"))
    ax2.set_ylabel(words("factor_axis"))
    ax2.set_title(words("factor_title"))
    ax2.set_ylim(0, max(2.0, 1.1 * max(r["predicted_factor"] for r in runs)))
    ax2.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    return {"curvature": float(curvature), "threshold": threshold, "steps": int(steps), "runs": runs}


def check(findings):
    problems = []
    for r in findings["runs"]:
        if r["max_factor_error"] > 1e-9 * max(1.0, r["predicted_factor"]):
            problems.append(f"lr={r['lr']:g}: |x_(t+1)/x_t| is not the constant |1 − lr·L| = {r['predicted_factor']:.4g}")
        if r["name"] == "2/L" or findings["steps"] == 0 or r["lr"] <= 0:
            continue
        if abs(r["predicted_factor"] - 1.0) < 1e-6 or r["first_loss"] == 0:
            continue  # at the boundary the loss neither grows nor shrinks
        if r["below_threshold"] and not r["last_loss"] < r["first_loss"]:
            problems.append(f"lr={r['lr']:g} < 2/L but the loss did not decrease")
        if not r["below_threshold"] and not r["last_loss"] > r["first_loss"]:
            problems.append(f"lr={r['lr']:g} > 2/L but the loss did not grow")
    return problems
