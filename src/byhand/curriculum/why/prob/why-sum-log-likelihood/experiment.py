"""Multiply n probabilities in float64 and watch the product underflow; add their logs instead.

The data are n labels from K classes. The model family gives probability theta
to class 0 and (1 - theta) / (K - 1) to each other class, so the likelihood
has one parameter and its maximum is known exactly: theta_hat = (count of 0) / n.
"""

import numpy as np

SMALLEST_SUBNORMAL = float(np.nextafter(0.0, 1.0))  # 2**-1074 ≈ 4.94e-324


def _probs(labels, theta, n_classes):
    """p(label | theta) for every label (rows: theta values, columns: examples)."""
    theta = np.atleast_1d(np.asarray(theta, dtype=float))[:, None]
    return np.where(labels[None, :] == 0, theta, (1.0 - theta) / (n_classes - 1))


def run(fig, words, n=1000, n_classes=10, theta_true=0.3, n_small=20):
    rng = np.random.default_rng(0)
    other = (1.0 - theta_true) / (n_classes - 1)
    labels = rng.choice(n_classes, size=n, p=[theta_true] + [other] * (n_classes - 1))

    # left: the likelihood of the first k examples at the true theta, k = 1..n
    p = _probs(labels, theta_true, n_classes)[0]
    product = np.cumprod(p)                  # what float64 computes
    log10_sum = np.cumsum(np.log10(p))       # the same number, as a sum of logs
    ks = np.arange(1, n + 1)
    zero = np.flatnonzero(product == 0.0)
    first_zero = int(ks[zero[0]]) if zero.size else None
    with np.errstate(divide="ignore"):
        log10_product = np.log10(product)
    normal = product >= np.finfo(np.float64).tiny  # no subnormal loss of precision yet
    agree = float(np.max(np.abs(log10_product[normal] - log10_sum[normal]))) if normal.any() else 0.0

    # right: the whole likelihood as a function of theta, as a product and as a mean of logs
    grid = np.linspace(0.001, 0.999, 999)
    probs = _probs(labels, grid, n_classes)
    mean_loglik = np.log(probs).mean(axis=1)           # = -(training loss, the mean NLL)
    product_all = np.prod(probs, axis=1)               # float64 product over all n examples
    theta_hat = float(np.mean(labels == 0))
    theta_loglik = float(grid[np.argmax(mean_loglik)])
    theta_product = float(grid[np.argmax(product_all)])  # np.argmax of all zeros is the first point
    k = min(n_small, n)
    small = probs[:, :k]
    small_loglik = float(grid[np.argmax(np.log(small).sum(axis=1))])
    small_product = float(grid[np.argmax(np.prod(small, axis=1))])

    ax1 = fig.add_subplot(1, 2, 1)
    shown = np.isfinite(log10_product)
    ax1.plot(ks[shown], log10_product[shown], lw=2.5, label=words("product"))
    ax1.plot(ks, log10_sum, "--", color="black", label=words("sum"))
    ax1.axhline(np.log10(SMALLEST_SUBNORMAL), color="grey", lw=0.8,
                label=words("smallest"))
    if first_zero is not None:
        ax1.axvline(first_zero, color="red", lw=0.8, ls=":", label=words("zero_from", k=first_zero))
    ax1.set_xlabel(words("k_axis"))
    ax1.set_ylabel(words("log10_axis"))
    ax1.set_title(words("underflow_title"))
    ax1.legend(fontsize=7, loc="lower left")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.plot(grid, mean_loglik, label=words("mean_loglik"))
    ax2.axvline(theta_loglik, color="black", ls="--", lw=1, label=words("argmax_loglik", theta=theta_loglik))
    ax2.axvline(theta_product, color="red", ls=":", lw=1.5,
                label=words("argmax_product", theta=theta_product)
                      + (words("all_zero") if not product_all.any() else ""))
    ax2.set_ylim(max(mean_loglik.min(), mean_loglik.max() - 3), mean_loglik.max() + 0.3)
    ax2.set_xlabel(words("theta_axis"))
    ax2.set_ylabel(words("mean_axis"))
    ax2.set_title(words("max_title", n=n))
    ax2.legend(fontsize=7, loc="lower center")
    fig.tight_layout()

    return {"n": int(n), "n_classes": int(n_classes),
            "first_zero": first_zero if first_zero is not None else float("nan"),
            "final_log10_likelihood": float(log10_sum[-1]),
            "final_product": float(product[-1]),
            "max_disagreement_before_underflow": agree,
            "log_sum_finite": bool(np.all(np.isfinite(log10_sum))),
            "theta_hat": theta_hat, "argmax_loglik": theta_loglik, "argmax_product": theta_product,
            "product_all_zero": bool(not product_all.any()),
            "n_small": int(k), "argmax_loglik_small": small_loglik, "argmax_product_small": small_product,
            "grid_step": float(grid[1] - grid[0])}


def check(findings):
    problems = []
    if not findings["log_sum_finite"]:
        problems.append("the sum of log-probabilities is not finite")
    if findings["final_log10_likelihood"] < np.log10(SMALLEST_SUBNORMAL) - 1 and findings["final_product"] != 0.0:
        problems.append("the likelihood is below 1e-324 but the float64 product did not underflow to 0")
    if findings["max_disagreement_before_underflow"] > 1e-8:
        problems.append("before underflow, log10 of the product and the sum of log10 disagree")
    if abs(findings["argmax_loglik"] - findings["theta_hat"]) > findings["grid_step"]:
        problems.append("the log-likelihood is not maximized at theta_hat = count(class 0) / n")
    if findings["argmax_loglik_small"] != findings["argmax_product_small"]:
        problems.append("on the first few examples the product and the log-likelihood have different argmax")
    return problems
