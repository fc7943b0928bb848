"""SGD on a quadratic whose stochastic gradients have heavy-tailed noise (Student t with
1.5 degrees of freedom: infinite variance), with and without clipping the gradient's norm."""

import numpy as np


def _run(noises, lr, tau):
    runs, dim = noises.shape[1], noises.shape[2]
    w = np.zeros((runs, dim))
    losses, moves = [], []
    for xi in noises:
        g = (w - 1.0) + xi
        if tau is not None:
            norm = np.linalg.norm(g, axis=1, keepdims=True)
            g = g * np.minimum(1.0, tau / np.maximum(norm, 1e-300))
        w = w - lr * g
        moves.append(lr * np.linalg.norm(g, axis=1))
        losses.append(0.5 * np.sum((w - 1.0) ** 2, axis=1))
    return np.array(losses), np.array(moves)


def run(fig, words, lr=0.1, clip=5.0, steps=500, runs=50):
    rng = np.random.default_rng(0)
    dim = 10
    noises = 0.5 * rng.standard_t(1.5, size=(steps, runs, dim))   # the same noise for both runs
    plain, plain_moves = _run(noises, lr, None)
    clipped, clipped_moves = _run(noises, lr, clip)
    t = np.arange(1, steps + 1)

    ax1 = fig.add_subplot(1, 2, 1)
    for losses, color, key in ((plain, "tab:red", "plain"), (clipped, "tab:blue", "clipped")):
        ax1.semilogy(t, np.median(losses, axis=1), "-", color=color, label=words(key + "_median"))
        ax1.semilogy(t, losses.max(axis=1), ":", color=color, lw=1, label=words(key + "_worst"))
    ax1.set_xlabel(words("step_axis"))
    ax1.set_ylabel(words("loss_axis"))
    ax1.set_title(words("loss_title", runs=runs, lr=lr), fontsize=10)
    ax1.legend(fontsize=7, loc="upper right")

    ax2 = fig.add_subplot(1, 2, 2)
    top = max(plain_moves.max(), clipped_moves.max())
    bins = np.logspace(np.log10(max(min(plain_moves.min(), clipped_moves.min()), 1e-6)), np.log10(top) + 0.01, 40)
    ax2.hist(plain_moves.ravel(), bins=bins, color="tab:red", alpha=0.6, label=words("plain"))
    ax2.hist(clipped_moves.ravel(), bins=bins, color="tab:blue", alpha=0.6, label=words("clipped"))
    if clip > 0:
        ax2.axvline(lr * clip, color="black", lw=1, ls="--", label=words("bound", b=lr * clip))
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel(words("move_axis"))
    ax2.set_ylabel(words("count_axis"))
    ax2.set_title(words("move_title", tau=clip), fontsize=10)
    ax2.legend(fontsize=8, loc="upper right")
    fig.tight_layout()

    late = slice(steps // 2, None)
    return {"lr": float(lr), "clip": float(clip), "steps": int(steps), "runs": int(runs),
            "max_move_clipped": float(clipped_moves.max()), "max_move_plain": float(plain_moves.max()),
            "mean_late_loss_plain": float(plain[late].mean()), "mean_late_loss_clipped": float(clipped[late].mean()),
            "median_late_loss_plain": float(np.median(plain[late])),
            "median_late_loss_clipped": float(np.median(clipped[late])),
            "worst_loss_plain": float(plain[late].max()), "worst_loss_clipped": float(clipped[late].max())}


def check(findings):
    problems = []
    bound = findings["lr"] * findings["clip"]
    if findings["max_move_clipped"] > bound * (1 + 1e-9):
        problems.append(f"a clipped step moved the weights by {findings['max_move_clipped']:.3g}, more than η·τ = {bound:.3g}")
    many = findings["steps"] * findings["runs"] >= 5000
    if many and findings["lr"] >= 0.01 and findings["clip"] <= 20:
        if not findings["max_move_plain"] > 10 * bound:
            problems.append("without clipping no step was much larger than η·τ, although the noise is heavy-tailed")
        if not findings["worst_loss_clipped"] < findings["worst_loss_plain"]:
            problems.append("clipping did not lower the worst loss over the runs")
        if not findings["mean_late_loss_clipped"] < findings["mean_late_loss_plain"]:
            problems.append("clipping did not lower the mean loss in the second half of training")
    return problems
