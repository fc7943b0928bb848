"""Draw many samples of size n, compute both variance estimators, and average them over the samples."""

import numpy as np

Z = 4.5  # how many standard errors of Monte Carlo noise we tolerate


def _draw(rng, distribution, sigma, size):
    """Samples with variance exactly sigma**2 in theory."""
    if distribution == "normal":
        return rng.normal(0.0, sigma, size)
    if distribution == "exponential":   # skewed; Var = scale**2
        return rng.exponential(sigma, size)
    half = np.sqrt(3.0) * sigma          # uniform on [-a, a] has Var = a**2 / 3
    return rng.uniform(-half, half, size)


def run(fig, words, sigma=2.0, n_max=20, trials=20000, distribution="normal"):
    rng = np.random.default_rng(0)
    var = sigma ** 2
    ns = np.arange(2, n_max + 1)
    biased, unbiased, se = [], [], []
    for n in ns:
        x = _draw(rng, distribution, sigma, (trials, n))
        ss = ((x - x.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)  # sum of squared deviations
        biased.append(ss.mean() / n)
        unbiased.append(ss.mean() / (n - 1))
        se.append((ss / (n - 1)).std(ddof=1) / np.sqrt(trials))      # Monte Carlo standard error
    biased, unbiased, se = map(np.array, (biased, unbiased, se))

    ax = fig.add_subplot(1, 1, 1)
    ax.axhline(var, color="black", lw=1, label=words("true_variance", var=var))
    ax.plot(ns, (ns - 1) / ns * var, ":", color="tab:red", label=words("theory"))
    ax.errorbar(ns, biased, yerr=2 * se * (ns - 1) / ns, fmt="o", ms=4, color="tab:red", capsize=2,
                label=words("mean_n"))
    ax.errorbar(ns, unbiased, yerr=2 * se, fmt="s", ms=4, color="tab:blue", capsize=2,
                label=words("mean_n1"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(words("n_axis"))
    ax.set_ylabel(words("estimate_axis", trials=trials))
    ax.set_title(words("title", data=words(distribution)))
    ax.legend(loc="lower right", fontsize=8)

    return {"sigma2": float(var), "ns": ns.tolist(), "mean_biased": biased.tolist(),
            "mean_unbiased": unbiased.tolist(), "se_unbiased": se.tolist(),
            "bias_at_n2": float(biased[0] - var), "theory_bias_at_n2": float(-var / 2)}


def check(findings):
    problems = []
    var = findings["sigma2"]
    for n, b, u, s in zip(findings["ns"], findings["mean_biased"], findings["mean_unbiased"],
                          findings["se_unbiased"]):
        if abs(u - var) > Z * s:
            problems.append(f"n={n}: the ÷(n−1) estimator averages {u:.4g}, not σ²={var:.4g}")
        if abs(b - (n - 1) / n * var) > Z * s * (n - 1) / n:
            problems.append(f"n={n}: the ÷n estimator averages {b:.4g}, not (n−1)/n·σ²={(n - 1) / n * var:.4g}")
    s2 = findings["se_unbiased"][0] / 2
    if not var - findings["mean_biased"][0] > Z * s2:
        problems.append("at n=2 the ÷n estimator is not clearly below σ²")
    return problems
