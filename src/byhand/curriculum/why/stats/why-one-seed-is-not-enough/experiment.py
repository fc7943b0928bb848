"""Two models whose true accuracies differ by a little, each run with several
seeds: single-seed comparisons, the confidence interval of the mean paired
difference, and paired vs unpaired t-tests."""

import math

import numpy as np

REPLICATES = 4000   # repeated whole experiments, to measure coverage and standard errors
SINGLE = 20000      # single-seed comparisons for the histogram
BASE = 80.0         # model A's true mean accuracy (%)


def _t_two_sided_p(t, df):
    """P(|T| >= |t|) for Student's t with an integer df (Abramowitz & Stegun 26.7.3-4)."""
    theta = math.atan(abs(t) / math.sqrt(df))
    s, c2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2 == 1:
        total, term = 0.0, 1.0
        if df > 1:
            total = term = 1.0
            for k in range(1, (df - 3) // 2 + 1):      # 1 + (2/3)c² + (2·4)/(3·5)c⁴ + ...
                term *= (2 * k) / (2 * k + 1) * c2
                total += term
            total *= s * math.cos(theta)
        a = 2 / math.pi * (theta + total)
    else:
        total = term = 1.0
        for k in range(1, (df - 2) // 2 + 1):          # 1 + (1/2)c² + (1·3)/(2·4)c⁴ + ...
            term *= (2 * k - 1) / (2 * k) * c2
            total += term
        a = s * total
    return min(1.0, max(0.0, 1.0 - a))


def _t_quantile(level, df):
    """The t with P(|T| < t) = level, by bisection."""
    lo, hi = 0.0, 1e4
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if _t_two_sided_p(mid, df) > 1 - level else (lo, mid)
    return 0.5 * (lo + hi)


def _runs(rng, shape, true_diff, seed_sd, rho):
    """Accuracies of A and B; on the same seed they share a part of their noise."""
    shared = rng.normal(size=shape)
    a = BASE + seed_sd * (math.sqrt(rho) * shared + math.sqrt(1 - rho) * rng.normal(size=shape))
    b = BASE + true_diff + seed_sd * (math.sqrt(rho) * shared + math.sqrt(1 - rho) * rng.normal(size=shape))
    return a, b


def run(fig, words, n_seeds=20, true_diff=0.5, seed_sd=1.0, seed_correlation=0.7):
    rng = np.random.default_rng(0)
    n, rho = n_seeds, seed_correlation
    a, b = _runs(rng, n, true_diff, seed_sd, rho)
    d = b - a
    tq = _t_quantile(0.95, n - 1)
    se_paired = d.std(ddof=1) / math.sqrt(n)
    lo, hi = d.mean() - tq * se_paired, d.mean() + tq * se_paired
    t_paired = d.mean() / se_paired
    pooled = math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    se_unpaired = pooled * math.sqrt(2 / n)
    t_unpaired = d.mean() / se_unpaired
    tq2 = _t_quantile(0.95, 2 * n - 2)

    # many single-seed comparisons, and many repeated n-seed experiments
    sa, sb = _runs(rng, SINGLE, true_diff, seed_sd, rho)
    single = sb - sa
    ra, rb = _runs(rng, (REPLICATES, n), true_diff, seed_sd, rho)
    rd = rb - ra
    r_se = rd.std(axis=1, ddof=1) / math.sqrt(n)
    covered = np.abs(rd.mean(axis=1) - true_diff) <= tq * r_se
    r_se_unpaired = np.sqrt((ra.var(axis=1, ddof=1) + rb.var(axis=1, ddof=1)) / n)

    ax1 = fig.add_subplot(1, 2, 1)
    for i in range(n):
        ax1.plot([0, 1], [a[i], b[i]], "-o", ms=3, lw=0.8, color="C3" if d[i] < 0 else "C0", alpha=0.7)
    ax1.plot([], [], "-o", ms=3, color="C0", label=words("says_b"))
    ax1.plot([], [], "-o", ms=3, color="C3", label=words("says_a"))
    ax1.set_xticks([0, 1], [words("model_a"), words("model_b", diff=true_diff)])
    ax1.set_xlim(-0.3, 1.3)
    ax1.set_ylabel(words("accuracy_axis"))
    ax1.set_title(words("seeds_title", n=n, a=int((d < 0).sum()), b=int((d > 0).sum())), fontsize=10)
    low, high = min(a.min(), b.min()), max(a.max(), b.max())
    ax1.set_ylim(low - 0.05 * (high - low), high + 0.3 * (high - low))
    ax1.legend(fontsize=8, loc="upper center")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.hist(single, bins=60, density=True, color="grey", alpha=0.5,
             label=words("one_seed", frac=np.mean(single < 0)))
    ax2.axvline(0, color="black", lw=0.8)
    ax2.axvline(true_diff, color="C2", lw=1.5, label=words("true_diff", diff=true_diff))
    top = ax2.get_ylim()[1]
    ax2.errorbar(d.mean(), 1.08 * top, xerr=[[d.mean() - lo], [hi - d.mean()]], fmt="o", color="C0",
                 capsize=4, label=words("paired", p=_t_two_sided_p(t_paired, n - 1)))
    ax2.errorbar(d.mean(), 1.2 * top, xerr=tq2 * se_unpaired, fmt="s", color="C1", capsize=4,
                 label=words("unpaired", p=_t_two_sided_p(t_unpaired, 2 * n - 2)))
    ax2.set_ylim(0, 1.75 * top)
    ax2.set_xlabel(words("diff_axis"))
    ax2.set_ylabel(words("density"))
    ax2.set_title(words("diff_title", n=n), fontsize=10)
    ax2.legend(fontsize=7, loc="upper left", framealpha=1)
    fig.tight_layout()

    sd_diff = seed_sd * math.sqrt(2 * (1 - rho))
    return {"true_diff": float(true_diff), "sd_single_diff": sd_diff,
            "flip_prob_simulated": float(np.mean(single < 0)),
            "flip_prob_theory": 0.5 * math.erfc(true_diff / sd_diff / math.sqrt(2)),
            "seeds_saying_A": int((d < 0).sum()), "seeds_saying_B": int((d > 0).sum()),
            "mean_diff": float(d.mean()), "ci_low": float(lo), "ci_high": float(hi),
            "paired_t": float(t_paired), "paired_p": _t_two_sided_p(t_paired, n - 1),
            "unpaired_t": float(t_unpaired), "unpaired_p": _t_two_sided_p(t_unpaired, 2 * n - 2),
            "ci_coverage": float(covered.mean()),
            "mean_se_paired": float(r_se.mean()), "mean_se_unpaired": float(r_se_unpaired.mean()),
            "seed_correlation": float(rho)}


def check(findings):
    problems = []
    p, q = findings["flip_prob_simulated"], findings["flip_prob_theory"]
    if abs(p - q) > 5 * math.sqrt(q * (1 - q) / SINGLE) + 1e-9:
        problems.append(f"single-seed flips happened {p:.3f} of the time, not Φ(−δ/σ_d) = {q:.3f}")
    if abs(findings["true_diff"]) < findings["sd_single_diff"] and not p > 0.15:
        problems.append("the true difference is smaller than the seed noise, yet one seed almost never "
                        "picks the wrong model")
    if not 0.93 <= findings["ci_coverage"] <= 0.97:
        problems.append(f"the paired 95% t-interval covered the true difference in "
                        f"{findings['ci_coverage']:.1%} of repeated experiments")
    if findings["seed_correlation"] >= 0.3 and not findings["mean_se_paired"] < findings["mean_se_unpaired"]:
        problems.append("pairing by seed did not make the standard error smaller")
    return problems
