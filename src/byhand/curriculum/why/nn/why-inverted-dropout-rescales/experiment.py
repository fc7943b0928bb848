"""Apply dropout masks to a layer of ReLU activations, with and without dividing by 1 - p,
and compare what the next layer receives on average during training with what it receives at evaluation."""

import numpy as np

Z = 5.0  # tolerated Monte Carlo noise, in standard errors


def run(fig, words, p=0.5, width=512, n_out=64, n_masks=2000):
    rng = np.random.default_rng(0)
    h = np.maximum(rng.normal(size=width), 0.0)                    # activations of this layer (ReLU)
    W = rng.normal(0.0, 1.0 / np.sqrt(width), size=(n_out, width))  # weights of the next layer
    z_eval = W @ h                                                  # evaluation: no mask, no scaling

    # left: the mean activation during training / at evaluation, for a sweep of p
    ps = np.round(np.arange(0.0, 0.951, 0.05), 2)
    rows = []
    for q in ps:
        keep = rng.random((n_masks, width)) >= q                   # each unit survives with prob 1 - q
        plain = (keep * h).mean(axis=1) / h.mean()                  # one ratio per mask
        inverted = plain / (1.0 - q)
        rows.append({"p": float(q),
                     "inverted": float(inverted.mean()), "se_inverted": float(inverted.std(ddof=1) / np.sqrt(n_masks)),
                     "plain": float(plain.mean()), "se_plain": float(plain.std(ddof=1) / np.sqrt(n_masks))})

    # right: the next layer's pre-activations for the chosen p, averaged over masks
    keep = rng.random((n_masks, width)) >= p
    z_plain = (keep * h) @ W.T                                       # (n_masks, n_out)
    z_inverted = z_plain / (1.0 - p)
    slope_each = z_inverted @ z_eval / (z_eval @ z_eval)             # least-squares slope per mask
    slope = float(slope_each.mean())
    slope_se = float(slope_each.std(ddof=1) / np.sqrt(n_masks))

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.plot(ps, [r["inverted"] for r in rows], "o-", ms=4, color="tab:blue", label=words("inverted_formula"))
    ax1.plot(ps, [r["plain"] for r in rows], "s-", ms=4, color="tab:red", label=words("plain_formula"))
    ax1.plot(ps, 1 - ps, ":", color="black", label="1 − p")
    ax1.axhline(1.0, color="grey", lw=0.8)
    ax1.set_xlabel(words("p_axis"))
    ax1.set_ylabel(words("ratio_axis"))
    ax1.set_title(words("ratio_title"))
    ax1.set_ylim(0, 1.2)
    ax1.legend(fontsize=8, loc="lower left")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.scatter(z_eval, z_inverted.mean(axis=0), s=14, color="tab:blue", label=words("inverted"))
    ax2.scatter(z_eval, z_plain.mean(axis=0), s=14, marker="s", color="tab:red", label=words("plain"))
    lim = np.array([z_eval.min(), z_eval.max()])
    ax2.plot(lim, lim, color="grey", lw=0.8, label="y = x")
    ax2.plot(lim, (1 - p) * lim, ":", color="black", label=f"y = (1 − p) x = {1 - p:.2f} x")
    ax2.set_xlabel(words("z_eval"))
    ax2.set_ylabel(words("z_train", masks=n_masks))
    ax2.set_title(words("next_title", units=n_out, p=p))
    ax2.legend(fontsize=8, loc="upper left")
    fig.tight_layout()

    return {"sweep": rows, "p": float(p), "slope_inverted": slope, "slope_se": slope_se,
            "slope_plain": float(slope * (1 - p)), "slope_plain_se": float(slope_se * (1 - p))}


def check(findings):
    problems = []
    for r in findings["sweep"]:
        if abs(r["inverted"] - 1.0) > Z * r["se_inverted"] + 1e-12:
            problems.append(f"p={r['p']:g}: with rescaling the mean activation is {r['inverted']:.4f} of the evaluation one, not 1")
        if abs(r["plain"] - (1 - r["p"])) > Z * r["se_plain"] + 1e-12:
            problems.append(f"p={r['p']:g}: without rescaling the mean activation is {r['plain']:.4f}, not 1 − p")
        enough_data = r["p"] > 2 * Z * r["se_plain"]  # the gap p is large against the noise
        if enough_data and not 1.0 - r["plain"] > Z * r["se_plain"]:
            problems.append(f"p={r['p']:g}: without rescaling the mean activation is not clearly below evaluation")
    if abs(findings["slope_inverted"] - 1.0) > Z * findings["slope_se"] + 1e-12:
        problems.append(f"the next layer's mean input with rescaling is {findings['slope_inverted']:.4f} × its evaluation input, not 1 ×")
    return problems
