"""m one-sided z-tests, m − m1 of them on true null hypotheses: how many false
positives each rule lets through (no correction, Bonferroni, Benjamini–Hochberg),
over many repeated experiments."""

import math

import numpy as np

MAX_DRAWS = 200_000   # test statistics drawn in all: 2000 repeated experiments of 100 tests
_upper_tail = np.vectorize(lambda z: 0.5 * math.erfc(z / math.sqrt(2)), otypes=[float])


def _bh_rejections(p, q):
    """Benjamini–Hochberg step-up at level q, row by row: reject the k smallest p-values,
    k the largest rank with p_(k) <= k q / m."""
    m = p.shape[1]
    order = np.sort(p, axis=1)
    below = order <= q * np.arange(1, m + 1) / m
    k = np.where(below.any(axis=1), m - np.argmax(below[:, ::-1], axis=1), 0)
    cutoff = np.where(k > 0, order[np.arange(len(p)), np.maximum(k - 1, 0)], -1.0)
    return p <= cutoff[:, None]


def run(fig, words, n_tests=100, n_real=10, effect=3.0, alpha=0.05):
    rng = np.random.default_rng(0)
    m, m1 = int(n_tests), min(int(n_real), int(n_tests))
    m0 = m - m1
    real = np.zeros(m, dtype=bool)
    real[:m1] = True
    replicates = min(2000, max(300, MAX_DRAWS // m))
    z = rng.normal(size=(replicates, m)) + effect * real
    p = _upper_tail(z)

    rules = {"none": p <= alpha, "bonferroni": p <= alpha / m, "bh": _bh_rejections(p, alpha)}
    stats = {}
    for name, rejected in rules.items():
        false_pos = (rejected & ~real).sum(axis=1)
        true_pos = (rejected & real).sum(axis=1)
        n_rej = rejected.sum(axis=1)
        stats[name] = {"fwer": float(np.mean(false_pos > 0)),
                       "fdr": float(np.mean(false_pos / np.maximum(n_rej, 1))),
                       "mean_false_positives": float(false_pos.mean()),
                       "power": float(true_pos.mean() / m1) if m1 else float("nan")}

    # left: one experiment's sorted p-values against the three thresholds
    ax1 = fig.add_subplot(1, 2, 1)
    order = np.argsort(p[0])
    ranks = np.arange(1, m + 1)
    ax1.scatter(ranks[~real[order]], p[0][order][~real[order]], s=12, color="grey", label=words("null"))
    ax1.scatter(ranks[real[order]], p[0][order][real[order]], s=12, color="C3", label=words("real"))
    ax1.axhline(alpha, color="C1", lw=1.2, label=words("naive_line", alpha=alpha))
    ax1.axhline(alpha / m, color="C0", lw=1.2, ls="--", label=words("bonferroni_line"))
    ax1.plot(ranks, alpha * ranks / m, color="C2", lw=1.2, ls="-.", label=words("bh_line"))
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_ylim(max(1e-8, 0.3 * min(p[0].min(), alpha / m)), 1.2)
    ax1.set_xlabel(words("rank_axis"))
    ax1.set_ylabel(words("p_axis"))
    ax1.set_title(words("one_title", m=m, m1=m1), fontsize=10)
    ax1.legend(fontsize=7, loc="lower right")

    # right: error rates and power of the three rules over the repeated experiments
    ax2 = fig.add_subplot(1, 2, 2)
    names = ["none", "bonferroni", "bh"]
    measures = ["fwer", "fdr", "power"]
    width = 0.26
    for j, key in enumerate(measures):
        values = [stats[n][key] if not math.isnan(stats[n][key]) else 0.0 for n in names]
        bars = ax2.bar(np.arange(3) + (j - 1) * width, values, width, color=f"C{j + 4}", label=words(key))
        for b, v in zip(bars, values):
            ax2.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.2f}", ha="center", fontsize=7)
    ax2.axhline(alpha, color="black", lw=0.8, ls=":", label=words("alpha_line", alpha=alpha))
    ax2.set_xticks(np.arange(3), [words(n) for n in names])
    ax2.set_ylim(0, 1.15)
    ax2.set_ylabel(words("rate_axis"))
    ax2.set_title(words("rates_title", r=replicates), fontsize=10)
    ax2.legend(fontsize=7, loc="upper right")
    fig.tight_layout()

    return {"m": m, "m0": m0, "m1": m1, "alpha": float(alpha), "replicates": replicates,
            "fwer_theory_none": 1 - (1 - alpha) ** m0, **{f"{k}_{n}": v for n, s in stats.items() for k, v in s.items()}}


def check(findings):
    f, problems = findings, []
    r, a, m0 = f["replicates"], f["alpha"], f["m0"]
    mc = lambda q: 4 * math.sqrt(max(q * (1 - q), 1e-4) / r)   # 4 Monte Carlo standard errors
    if abs(f["fwer_none"] - f["fwer_theory_none"]) > mc(f["fwer_theory_none"]):
        problems.append(f"without correction a false positive appeared in {f['fwer_none']:.3f} of the experiments, "
                        f"not 1 − (1 − α)^m0 = {f['fwer_theory_none']:.3f}")
    if abs(f["mean_false_positives_none"] - m0 * a) > 4 * math.sqrt(m0 * a * (1 - a) / r) + 1e-9:
        problems.append("the mean number of false positives without correction is not m0·α")
    if f["fwer_bonferroni"] > a + mc(a):
        problems.append(f"Bonferroni let a false positive through in {f['fwer_bonferroni']:.3f} of the experiments, above α")
    if f["fdr_bh"] > a * m0 / f["m"] + mc(a):
        problems.append(f"Benjamini–Hochberg's false discovery rate {f['fdr_bh']:.3f} exceeds (m0/m)·α")
    # only where 1 − (1 − α)^m0 is far enough above α to be told apart from it in r experiments
    # (m0 = 2 at α = 0.001 gives 0.002, within Monte Carlo error of α)
    far_above = f["fwer_theory_none"] > a + mc(a) + mc(f["fwer_theory_none"])
    if m0 >= 2 and far_above and not f["fwer_none"] > a + mc(a):
        problems.append("without correction the chance of some false positive is not above α")
    if f["m1"] and not f["power_bh"] >= f["power_bonferroni"]:
        problems.append("Benjamini–Hochberg found fewer real effects than Bonferroni")
    return problems
