"""Pick the best of K configurations by their validation accuracy, then report
that accuracy, or the winner's accuracy on a test set it was not chosen on."""

import math

import numpy as np

REPLICATES = 2000   # repeated searches
BASE = 0.80         # mean true accuracy of the configurations
KS = (1, 2, 5, 10, 20, 50, 100, 200, 500)


def _expected_max_normal(k):
    """E[max of k independent N(0, 1)] = ∫ x k φ(x) Φ(x)^(k−1) dx, on a grid."""
    x = np.linspace(-8, 8, 4001)
    phi = np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    cdf = np.cumsum(phi) * (x[1] - x[0])
    return float(np.sum(x * k * phi * cdf ** (k - 1)) * (x[1] - x[0]))


def run(fig, words, n_configs=50, n_val=500, true_spread=0.005):
    rng = np.random.default_rng(0)
    k_max = int(n_configs)
    true_acc = np.clip(BASE + true_spread * rng.normal(size=(REPLICATES, k_max)), 0.0, 1.0)
    val_acc = rng.binomial(n_val, true_acc) / n_val
    rows = []
    for k in [k for k in KS if k < k_max] + [k_max]:
        winner = np.argmax(val_acc[:, :k], axis=1)
        r = np.arange(REPLICATES)
        val_w, true_w = val_acc[r, winner], true_acc[r, winner]
        test_w = rng.binomial(n_val, true_w) / n_val       # a fresh test set of the same size
        rows.append({"k": k, "val_minus_true": float((val_w - true_w).mean()),
                     "test_minus_true": float((test_w - true_w).mean()),
                     "sd_test_minus_true": float((test_w - true_w).std()),
                     "val_winner": float(val_w.mean()), "true_winner": float(true_w.mean()),
                     "best_true": float(true_acc[:, :k].max(axis=1).mean())})
        if k == k_max:
            last = (val_w - true_w, test_w - true_w)
    sigma = math.sqrt(BASE * (1 - BASE) / n_val)
    theory = {row["k"]: sigma * _expected_max_normal(row["k"]) for row in rows}

    ax1 = fig.add_subplot(1, 2, 1)
    ks = [row["k"] for row in rows]
    ax1.semilogx(ks, [100 * row["val_minus_true"] for row in rows], "o-", color="C3", label=words("val_bias"))
    ax1.semilogx(ks, [100 * row["test_minus_true"] for row in rows], "s-", color="C0", label=words("test_bias"))
    if true_spread == 0:
        ax1.semilogx(ks, [100 * theory[k] for k in ks], ":", color="black", label=words("theory"))
    ax1.axhline(0, color="grey", lw=0.8)
    ax1.set_xlabel(words("k_axis"))
    ax1.set_ylabel(words("bias_axis"))
    ax1.set_title(words("bias_title", n=n_val), fontsize=10)
    ax1.legend(fontsize=7, loc="upper left")

    ax2 = fig.add_subplot(1, 2, 2)
    lo = 100 * min(last[0].min(), last[1].min())
    hi = 100 * max(last[0].max(), last[1].max())
    bins = np.linspace(lo, hi, 40)
    ax2.hist(100 * last[0], bins=bins, alpha=0.5, color="C3", label=words("val_hist", m=100 * last[0].mean()))
    ax2.hist(100 * last[1], bins=bins, alpha=0.5, color="C0", label=words("test_hist", m=100 * last[1].mean()))
    ax2.axvline(0, color="black", lw=0.8)
    ax2.set_xlabel(words("error_axis"))
    ax2.set_ylabel(words("count_axis", r=REPLICATES))
    ax2.set_title(words("hist_title", k=k_max), fontsize=10)
    ax2.set_ylim(0, ax2.get_ylim()[1] * 1.3)
    ax2.legend(fontsize=7, loc="upper left")
    fig.tight_layout()

    return {"n_val": int(n_val), "true_spread": float(true_spread), "sigma_val": sigma, "rows": rows,
            "theory_optimism": {str(k): v for k, v in theory.items()}, "replicates": REPLICATES}


def check(findings):
    problems = []
    rows, r = findings["rows"], findings["replicates"]
    for row in rows:
        mc = 5 * row["sd_test_minus_true"] / math.sqrt(r) + 1e-9
        if abs(row["test_minus_true"]) > mc:
            problems.append(f"K={row['k']}: the test accuracy of the winner is off its true accuracy by "
                            f"{row['test_minus_true']:+.4f} on average")
        if row["k"] == 1 and abs(row["val_minus_true"]) > mc:
            problems.append("with a single configuration the validation accuracy is already biased")
        if row["k"] >= 10 and findings["true_spread"] <= findings["sigma_val"] and not row["val_minus_true"] > mc:
            problems.append(f"K={row['k']}: the winner's validation accuracy is not optimistic")
        if findings["true_spread"] == 0:
            expected = findings["theory_optimism"][str(row["k"])]
            if abs(row["val_minus_true"] - expected) > 0.1 * expected + mc:
                problems.append(f"K={row['k']}: optimism {row['val_minus_true']:.4f}, expected σ·E[max of K "
                                f"normals] = {expected:.4f}")
    big = [row for row in rows if row["k"] >= 2]
    if len(big) >= 2 and findings["true_spread"] <= findings["sigma_val"] and not big[-1]["val_minus_true"] > big[0]["val_minus_true"]:
        problems.append("the optimism does not grow with the number of configurations tried")
    return problems
