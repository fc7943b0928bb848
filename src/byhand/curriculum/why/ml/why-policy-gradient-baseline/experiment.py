"""REINFORCE on a three-armed bandit with a softmax policy: the mean and the
variance of the one-sample gradient estimate (r − b)(onehot(a) − π) as the
baseline b varies."""

import numpy as np

LOGITS = np.array([0.5, 0.0, -0.5])
ARM_MEANS = np.array([1.0, 0.0, -1.0])  # added to the common offset of the rewards


def _policy():
    e = np.exp(LOGITS - LOGITS.max())
    return e / e.sum()


def run(fig, words, offset=10.0, samples=20000):
    rng = np.random.default_rng(0)
    pi = _policy()
    mu = offset + ARM_MEANS
    value = float(pi @ mu)  # V = E[r], the baseline a critic would learn
    exact = pi * (mu - value)  # dJ/dtheta_k = pi_k (mu_k - V): the offset cancels
    a = rng.choice(3, size=samples, p=pi)
    r = mu[a] + rng.normal(size=samples)
    score = np.eye(3)[a] - pi  # grad log pi(a), one row per sample

    bs = np.linspace(min(0.0, value) - 2, max(0.0, value) + 4, 121)
    variances = np.array([((r - b)[:, None] * score).var(axis=0, ddof=1).sum() for b in bs])

    def estimate(b):
        g = (r - b)[:, None] * score
        return g, g.mean(axis=0), g.std(axis=0, ddof=1) / np.sqrt(samples), g.var(axis=0, ddof=1).sum()

    g0, m0, se0, var0 = estimate(0.0)
    gV, mV, seV, varV = estimate(value)

    n = np.arange(1, samples + 1)
    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(n, np.cumsum(g0[:, 0]) / n, "C3-", lw=0.9, label=words("no_baseline_short"))
    ax1.semilogx(n, np.cumsum(gV[:, 0]) / n, "k-", lw=0.9, label=words("value_baseline_short"))
    ax1.axhline(exact[0], color="C0", ls="--", lw=1.2, label=words("exact", x=exact[0]))
    ax1.set_ylim(exact[0] - 1.5, exact[0] + 1.5)
    ax1.set_xlabel(words("samples_axis"))
    ax1.set_ylabel(words("mean_axis"))
    ax1.set_title(words("mean_title"), fontsize=10)
    ax1.legend(fontsize=7)

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.semilogy(bs, variances, "C3-")
    ax2.semilogy([0.0], [var0], "C3o", label=words("no_baseline", v=var0))
    ax2.semilogy([value], [varV], "ko", label=words("value_baseline", v=varV))
    ax2.set_xlabel(words("baseline_axis"))
    ax2.set_ylabel(words("variance_axis"))
    ax2.set_title(words("variance_title", offset=offset), fontsize=10)
    ax2.legend(fontsize=7)
    fig.tight_layout()

    return {"exact_gradient": exact.tolist(), "value": value,
            "worst_z_no_baseline": float(np.max(np.abs(m0 - exact) / se0)),
            "worst_z_value_baseline": float(np.max(np.abs(mV - exact) / seV)),
            "variance_no_baseline": float(var0), "variance_value_baseline": float(varV),
            "variance_ratio": float(varV / var0), "offset": float(offset),
            "variance_minimizing_baseline": float(bs[np.argmin(variances)])}


def check(findings):
    problems = []
    if findings["worst_z_no_baseline"] > 5 or findings["worst_z_value_baseline"] > 5:
        problems.append("an estimate's mean is more than 5 standard errors from the exact gradient: "
                        "the baseline would have biased it")
    if abs(findings["variance_minimizing_baseline"] - findings["value"]) > 1.5:
        problems.append("the variance is smallest far from b = V = E[r]")
    if findings["offset"] >= 5 and findings["variance_ratio"] > 0.5:
        problems.append("with a large common offset in the rewards the baseline did not at least halve the variance")
    return problems
