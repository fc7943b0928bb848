"""The bootstrap's standard error of a median (or a mean) against the true
standard error, found by drawing many fresh samples from the population."""

import math

import numpy as np

FRESH = 2000        # fresh samples from the population: the true sampling distribution
ORIGINALS = 40      # original samples per n in the right panel, each bootstrapped
BOOT_RIGHT = 150    # resamples per original sample in the right panel
NS = (10, 20, 50, 100, 200, 400)

POPULATIONS = {
    # draw, true mean, true sd, true median, density at the median
    "exponential": (lambda rng, size: rng.exponential(1.0, size), 1.0, 1.0, math.log(2), 0.5),
    "lognormal": (lambda rng, size: rng.lognormal(0.0, 1.0, size), math.exp(0.5),
                  math.sqrt((math.e - 1) * math.e), 1.0, 1 / math.sqrt(2 * math.pi)),
}


def _stat(x, statistic):
    return np.median(x, axis=-1) if statistic == "median" else x.mean(axis=-1)


def _theory_se(statistic, population, n):
    _, mean, sd, median, density = POPULATIONS[population]
    return 1 / (2 * density * math.sqrt(n)) if statistic == "median" else sd / math.sqrt(n)


def run(fig, words, statistic="median", population="exponential", n=50, n_boot=1000):
    rng = np.random.default_rng(0)
    draw = POPULATIONS[population][0]
    true_value = POPULATIONS[population][3] if statistic == "median" else POPULATIONS[population][1]

    # left: one sample, its bootstrap distribution, and the true sampling distribution
    sample = draw(rng, n)
    estimate = float(_stat(sample, statistic))
    boot = _stat(sample[rng.integers(0, n, size=(n_boot, n))], statistic)
    fresh = _stat(draw(rng, (FRESH, n)), statistic)
    se_boot, se_true = float(boot.std(ddof=1)), float(fresh.std(ddof=1))

    ax1 = fig.add_subplot(1, 2, 1)
    bins = np.linspace(min((fresh - true_value).min(), (boot - estimate).min()),
                       max((fresh - true_value).max(), (boot - estimate).max()), 50)
    ax1.hist(fresh - true_value, bins=bins, density=True, color="grey", alpha=0.5,
             label=words("true_dist", se=se_true))
    ax1.hist(boot - estimate, bins=bins, density=True, histtype="step", lw=2, color="C0",
             label=words("boot_dist", se=se_boot))
    ax1.set_xlabel(words("error_axis", stat=words(statistic)))
    ax1.set_ylabel(words("density"))
    ax1.set_title(words("one_title", n=n, b=n_boot, pop=words(population)), fontsize=10)
    ax1.set_ylim(0, ax1.get_ylim()[1] * 1.3)
    ax1.legend(fontsize=7, loc="upper left")

    # right: bootstrap standard errors of many original samples against the true one, for each n
    rows = []
    for size in NS:
        originals = draw(rng, (ORIGINALS, size))
        idx = rng.integers(0, size, size=(ORIGINALS, BOOT_RIGHT, size))
        resampled = np.take_along_axis(originals[:, None, :], idx, axis=2)
        boot_se = _stat(resampled, statistic).std(axis=1, ddof=1)
        true_se = float(_stat(draw(rng, (FRESH, size)), statistic).std(ddof=1))
        rows.append({"n": size, "true_se": true_se, "theory_se": _theory_se(statistic, population, size),
                     "boot_se_mean": float(boot_se.mean()), "boot_se_q10": float(np.quantile(boot_se, 0.1)),
                     "boot_se_q90": float(np.quantile(boot_se, 0.9))})
    ax2 = fig.add_subplot(1, 2, 2)
    ns = [r["n"] for r in rows]
    ax2.loglog(ns, [r["true_se"] for r in rows], "o-", color="black", label=words("true_se"))
    ax2.loglog(ns, [r["theory_se"] for r in rows], ":", color="grey", label=words("theory_se", stat=words(statistic)))
    ax2.errorbar(ns, [r["boot_se_mean"] for r in rows],
                 yerr=[[r["boot_se_mean"] - r["boot_se_q10"] for r in rows],
                       [r["boot_se_q90"] - r["boot_se_mean"] for r in rows]],
                 fmt="s--", color="C0", capsize=3, label=words("boot_se", count=ORIGINALS))
    ax2.set_xlabel(words("n_axis"))
    ax2.set_ylabel(words("se_axis"))
    ax2.set_title(words("se_title", stat=words(statistic)), fontsize=10)
    ax2.legend(fontsize=7, loc="lower left")
    fig.tight_layout()

    return {"statistic": statistic, "population": population, "n": int(n), "n_boot": int(n_boot),
            "estimate": estimate, "true_value": float(true_value),
            "se_boot_one_sample": se_boot, "se_true_one_n": se_true, "rows": rows}


def check(findings):
    problems = []
    rows = findings["rows"]
    for r in rows:
        if r["n"] >= 100 and abs(r["true_se"] / r["theory_se"] - 1) > 0.1:
            problems.append(f"n={r['n']}: the simulated standard error {r['true_se']:.4f} is not the "
                            f"theoretical {r['theory_se']:.4f}")
        if r["n"] >= 100 and abs(r["boot_se_mean"] / r["true_se"] - 1) > (0.1 if r is rows[-1] else 0.15):
            problems.append(f"n={r['n']}: the bootstrap standard error averages {r['boot_se_mean']:.4f}, "
                            f"far from the true {r['true_se']:.4f}")
    if not rows[-1]["boot_se_mean"] < rows[0]["boot_se_mean"] / 3:
        problems.append("the bootstrap standard error does not shrink as the sample grows")
    spread = lambda r: (r["boot_se_q90"] - r["boot_se_q10"]) / r["true_se"]
    if not spread(rows[-1]) < spread(rows[0]):
        problems.append("the bootstrap standard errors of different samples do not agree better at large n")
    return problems
