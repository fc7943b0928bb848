"""Draw many samples of skewed data, look at the distribution of their means, and count how often
the 95% t-interval x̄ ± t·s/√n contains the true mean."""

import math

import numpy as np

HIST_NS = (1, 4, 16, 64)
BERRY_ESSEEN_C = 0.4748  # Shevtsova (2011): sup |F_n − Φ| ≤ C ρ / (σ³ √n)


def _population(distribution):
    """A sampler, the mean, the standard deviation and ρ/σ³ with ρ = E|X − μ|³."""
    if distribution == "exponential":
        return (lambda rng, size: rng.exponential(1.0, size)), 1.0, 1.0, 12 / math.e - 2
    if distribution == "lognormal":
        mu, var = math.exp(0.5), (math.e - 1) * math.e
        z = np.linspace(-12, 12, 200001)
        dens = np.exp(-z ** 2 / 2) / math.sqrt(2 * math.pi)
        rho = float(np.sum(np.abs(np.exp(z) - mu) ** 3 * dens) * (z[1] - z[0]))
        return (lambda rng, size: rng.lognormal(0.0, 1.0, size)), mu, math.sqrt(var), rho / var ** 1.5
    p = 0.1  # bernoulli: 1 with probability 0.1
    rho = p * (1 - p) * (p ** 2 + (1 - p) ** 2)
    return (lambda rng, size: (rng.random(size) < p).astype(float)), p, math.sqrt(p * (1 - p)), rho / (p * (1 - p)) ** 1.5


def _t975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom (numerical integration of the density)."""
    x = np.linspace(0.0, 80.0, 80001)
    logc = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    dens = np.exp(logc - (df + 1) / 2 * np.log1p(x ** 2 / df))
    cdf = 0.5 + np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) / 2 * (x[1] - x[0]))])
    return float(np.interp(0.975, cdf, x))


_erf = np.frompyfunc(math.erf, 1, 1)


def _phi_cdf(x):
    return 0.5 * (1.0 + _erf(x / math.sqrt(2.0)).astype(float))


def run(fig, words, distribution="exponential", n_max=200, trials=10000):
    rng = np.random.default_rng(0)
    draw, mu, sigma, rho_ratio = _population(distribution)

    ax1 = fig.add_subplot(1, 2, 1)
    bins = np.linspace(-4, 4, 81)
    grid = np.linspace(-4, 4, 400)
    hist = []
    for n, color in zip(HIST_NS, ("tab:red", "tab:orange", "tab:green", "tab:blue")):
        means = draw(rng, (trials, n)).mean(axis=1)
        std_means = (means - mu) / (sigma / math.sqrt(n))         # standardized with the true σ/√n
        if distribution == "bernoulli":  # the means live on the lattice k/n: one bin per lattice point
            bins_n = ((np.arange(n + 2) - 0.5) / n - mu) / (sigma / math.sqrt(n))
        else:
            bins_n = bins
        ax1.hist(std_means, bins=bins_n, density=True, histtype="step", lw=1.5, color=color, label=f"n = {n}")
        xs = np.sort(std_means)
        ecdf_hi, ecdf_lo = np.arange(1, trials + 1) / trials, np.arange(trials) / trials
        cdf = _phi_cdf(xs)
        ks = float(max(np.max(ecdf_hi - cdf), np.max(cdf - ecdf_lo)))  # Kolmogorov distance to N(0, 1)
        m4 = float(np.mean((means - means.mean()) ** 4))
        var_m = float(means.var())
        hist.append({"n": n, "sd_ratio": float(means.std() / (sigma / math.sqrt(n))),
                     # standard error of the sd ratio from the fourth moment (delta method)
                     "sd_ratio_se": float(math.sqrt(max(m4 - var_m ** 2, 0.0) / trials) / (2 * var_m) * means.std()
                                          / (sigma / math.sqrt(n))) if var_m > 0 else float("inf"),
                     "ks": ks, "berry_esseen": BERRY_ESSEEN_C * rho_ratio / math.sqrt(n)})
    ax1.plot(grid, np.exp(-grid ** 2 / 2) / math.sqrt(2 * math.pi), color="black", lw=2, label="N(0, 1)")
    ax1.set_xlim(-4.2, 4.2)
    ax1.set_xlabel("(x̄ − μ) / (σ/√n)")
    ax1.set_ylabel(words("density"))
    ax1.set_title(words("means_title", population=words(distribution)))
    ax1.legend(fontsize=8)

    ax2 = fig.add_subplot(1, 2, 2)
    ns = [n for n in (2, 3, 5, 8, 12, 20, 30, 50, 80, 120, 200, 300, 500, 1000) if n <= n_max]
    if ns[-1] != n_max:
        ns.append(n_max)
    coverage = []
    for n in ns:
        x = draw(rng, (trials, n))
        m, s = x.mean(axis=1), x.std(axis=1, ddof=1)
        coverage.append(float(np.mean(np.abs(m - mu) <= _t975(n - 1) * s / math.sqrt(n))))
    band = 1.96 * math.sqrt(0.95 * 0.05 / trials)
    ax2.semilogx(ns, coverage, "o-", color="tab:blue", label=words("coverage"))
    ax2.axhline(0.95, color="black", lw=1, label=words("nominal"))
    ax2.axhspan(0.95 - band, 0.95 + band, color="grey", alpha=0.2, label=words("mc_noise", trials=trials))
    ax2.set_xlabel(words("n_axis"))
    ax2.set_ylabel(words("fraction_axis"))
    ax2.set_title(words("interval_title"))
    ax2.set_ylim(min(0.8, min(coverage) - 0.03), 1.0)
    ax2.legend(fontsize=8, loc="best")
    fig.tight_layout()

    return {"distribution": distribution, "trials": int(trials), "hist": hist,
            "ns": ns, "coverage": coverage}


def check(findings):
    problems = []
    trials = findings["trials"]
    noise = 1.63 / math.sqrt(trials)  # 99% quantile of the Kolmogorov statistic of the sampling noise
    for h in findings["hist"]:
        if abs(h["sd_ratio"] - 1.0) > 5 * h["sd_ratio_se"]:
            problems.append(f"n={h['n']}: the sd of the sample means is {h['sd_ratio']:.3f} × σ/√n, not 1 ×")
        if h["ks"] > h["berry_esseen"] + noise:
            problems.append(f"n={h['n']}: the distance to the normal ({h['ks']:.3f}) exceeds the Berry–Esseen bound")
    first, last = findings["hist"][0], findings["hist"][-1]
    if not last["ks"] < first["ks"]:
        problems.append("the means of many observations are not closer to normal than single observations")
    cov, se = findings["coverage"], math.sqrt(0.95 * 0.05 / trials)
    worst = max(abs(c - 0.95) for c in cov)
    if findings["ns"][-1] >= 50 and not abs(cov[-1] - 0.95) < 0.5 * worst + 3 * se:
        problems.append("the coverage of the t-interval at the largest n is not much closer to 95% "
                        "than at the worst small n")
    return problems
