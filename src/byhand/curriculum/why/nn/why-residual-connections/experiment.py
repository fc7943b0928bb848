"""Backpropagate a random gradient through a deep stack of ReLU layers, with Var(W) = c / width,
as a plain stack x ← W relu(x) and as a residual stack x ← x + W relu(x) / √L, and follow
the size of the gradient as it travels back towards the input."""

import numpy as np

GAINS = (0.5, 2.0, 4.0)   # c in Var(W) = c / width; 2 is He initialization
COLORS = ("tab:blue", "tab:green", "tab:red")


def _stack(rng, x, depth, c, residual):
    width = x.shape[1]
    alpha = 1.0 / np.sqrt(depth) if residual else 1.0
    Ws = [rng.normal(0.0, np.sqrt(c / width), size=(width, width)) for _ in range(depth)]
    xs = [x]
    for W in Ws:
        branch = alpha * np.maximum(xs[-1], 0.0) @ W
        xs.append(xs[-1] + branch if residual else branch)
    g = rng.normal(size=x.shape)                    # ∂loss/∂x_L from some loss on top
    norms = [np.sqrt(np.mean(g ** 2))]
    for layer in range(depth - 1, -1, -1):
        through_branch = alpha * (g @ Ws[layer].T) * (xs[layer] > 0)
        g = g + through_branch if residual else through_branch
        norms.append(np.sqrt(np.mean(g ** 2)))
    norms = np.array(norms[::-1])                   # norms[l] = RMS of ∂loss/∂x_l, l = 0..L
    return norms / norms[-1]


def run(fig, words, depth=50, width=128, batch=32):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(batch, width))
    crossed = np.arange(depth, -1, -1)               # layers between x_l and the output
    results = []
    axes = [fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)]
    for c, color in zip(GAINS, COLORS):
        row = {"c": c}
        for ax, residual in zip(axes, (False, True)):
            ratio = _stack(rng, x, depth, c, residual)
            label = words("gain", c=c) + (" (He)" if c == 2.0 else "")
            ax.semilogy(crossed, ratio, "-", color=color, lw=2, label=label)
            if residual:
                pred = (1 + c / (2 * depth)) ** (crossed / 2)
                row.update(res_first=float(ratio[0]), res_min=float(ratio.min()), res_max=float(ratio.max()),
                           res_pred=float(pred[0]))
            else:
                pred = (c / 2) ** (crossed / 2)
                row.update(plain_first=float(ratio[0]), plain_pred=float(pred[0]))
            ax.semilogy(crossed, pred, ":", color=color, lw=1)
        results.append(row)
    low = min(min(r["plain_first"], r["plain_pred"]) for r in results)
    high = max(max(r["plain_first"], r["plain_pred"], r["res_max"]) for r in results)
    for ax, key in zip(axes, ("plain_title", "res_title")):
        ax.set_ylim(min(low, 0.1) / 3, max(high, 10) * 3)
        ax.set_xlabel(words("crossed_axis"))
        ax.set_ylabel(words("ratio_axis"))
        ax.set_title(words(key, depth=depth, width=width), fontsize=10)
        ax.axhline(1.0, color="grey", lw=0.6)
    axes[0].legend(fontsize=8, loc="lower left", title=words("dotted"), title_fontsize=7)
    fig.tight_layout()
    return {"depth": int(depth), "width": int(width), "curves": results}


def check(findings):
    problems = []
    depth, width = findings["depth"], findings["width"]
    # a finite layer only has the predicted variance on average: allow a drift of about depth/width
    # and a random walk of about sqrt(depth/width) in log(norm)
    tol = 1.2 * depth / width + 4 * np.sqrt(depth / width)
    for r in findings["curves"]:
        c = r["c"]
        if abs(np.log(r["plain_first"]) - np.log(r["plain_pred"])) > tol:
            problems.append(f"plain stack, c = {c:g}: the gradient at the input is {r['plain_first']:.3g} × the "
                            f"output's, not about (c/2)^(L/2) = {r['plain_pred']:.3g}")
        if not r["res_min"] > np.exp(-tol / 2) * min(1.0, r["res_pred"]) * 0.5:
            problems.append(f"residual stack, c = {c:g}: the gradient shrank to {r['res_min']:.3g} × the output's")
        if not r["res_max"] < np.exp(c / 4) * np.exp(tol):
            problems.append(f"residual stack, c = {c:g}: the gradient grew to {r['res_max']:.3g} × the output's, "
                            f"beyond e^(c/4) = {np.exp(c / 4):.3g}")
        if depth >= 20 and c != 2.0 and not abs(np.log(r["plain_first"])) > 2 * abs(np.log(r["res_first"])) + 1:
            problems.append(f"c = {c:g}: the plain stack's gradient did not change much more than the residual one's")
    return problems
