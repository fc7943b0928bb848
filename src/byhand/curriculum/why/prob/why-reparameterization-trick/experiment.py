"""Two unbiased Monte Carlo estimators of ∂/∂μ₁ E[f(z)], z ~ N(μ, σ² I) in d
dimensions, f(z) = Σ z_i² + c: the score-function (REINFORCE) estimator
f(z) (z₁ − μ)/σ² and the reparameterized (pathwise) estimator ∂f/∂z₁ at
z = μ + σε. Their variances are known in closed form."""

import numpy as np

SAMPLES = 8000
DIMS = (1, 2, 5, 10, 20, 50, 100)


def _estimates(rng, n, d, mu, sigma, offset):
    eps = rng.normal(size=(n, d))
    z = mu + sigma * eps
    f = np.sum(z * z, axis=1) + offset
    score = f * eps[:, 0] / sigma          # f(z) ∂/∂μ₁ log q(z) = f(z) (z₁ − μ)/σ²
    pathwise = 2 * z[:, 0]                 # ∂f/∂z₁ · ∂z₁/∂μ₁
    return score, pathwise


def theory_variances(d, mu, sigma, offset):
    m2, s2 = mu * mu, sigma * sigma
    mean_b = (d - 1) * (m2 + s2) + offset                      # B = Σ_{i≥2} z_i² + c
    mean_b2 = (d - 1) * (4 * m2 * s2 + 2 * s2 * s2) + mean_b ** 2
    e_f2_eps2 = (m2 * m2 + 18 * m2 * s2 + 15 * s2 * s2) + 2 * mean_b * (m2 + 3 * s2) + mean_b2
    return e_f2_eps2 / s2 - 4 * m2, 4 * s2


def run(fig, words, mu=1.0, sigma=1.0, offset=0.0, dim=10):
    rng = np.random.default_rng(0)
    true_grad = 2 * mu
    rows = []
    for d in DIMS:
        score, pathwise = _estimates(rng, SAMPLES, d, mu, sigma, offset)
        vs, vp = theory_variances(d, mu, sigma, offset)
        rows.append({"d": d, "score_mean": float(score.mean()), "pathwise_mean": float(pathwise.mean()),
                     "score_var": float(score.var(ddof=1)), "pathwise_var": float(pathwise.var(ddof=1)),
                     "score_var_theory": vs, "pathwise_var_theory": vp})

    ax1 = fig.add_subplot(1, 2, 1)
    ds = [r["d"] for r in rows]
    ax1.loglog(ds, [r["score_var"] for r in rows], "o", color="C3", label=words("score_sim"))
    ax1.loglog(ds, [r["score_var_theory"] for r in rows], "-", color="C3", lw=1, label=words("theory"))
    ax1.loglog(ds, [r["pathwise_var"] for r in rows], "s", color="C0", label=words("path_sim"))
    ax1.loglog(ds, [r["pathwise_var_theory"] for r in rows], "-", color="C0", lw=1)
    ax1.set_xlabel(words("d_axis"))
    ax1.set_ylabel(words("var_axis"))
    ax1.set_title(words("var_title", mu=mu, sigma=sigma, c=offset), fontsize=10)
    ax1.legend(fontsize=7, loc="upper left")

    ax2 = fig.add_subplot(1, 2, 2)
    n_show = 2000
    score, pathwise = _estimates(rng, n_show, dim, mu, sigma, offset)
    k = np.arange(1, n_show + 1)
    ax2.semilogx(k, np.cumsum(score) / k, color="C3", lw=1.2, label=words("score_run"))
    ax2.semilogx(k, np.cumsum(pathwise) / k, color="C0", lw=1.5, label=words("path_run"))
    ax2.axhline(true_grad, color="black", ls=":", label=words("true", g=true_grad))
    spread = 4 * np.sqrt(theory_variances(dim, mu, sigma, offset)[0] / 100)
    ax2.set_ylim(true_grad - spread, true_grad + spread)
    ax2.set_xlabel(words("n_axis"))
    ax2.set_ylabel(words("est_axis"))
    ax2.set_title(words("run_title", d=dim), fontsize=10)
    ax2.legend(fontsize=7, loc="upper right")
    fig.tight_layout()

    return {"mu": float(mu), "sigma": float(sigma), "offset": float(offset), "true_grad": true_grad,
            "samples": SAMPLES, "rows": rows}


def check(findings):
    problems = []
    n, g = findings["samples"], findings["true_grad"]
    for r in findings["rows"]:
        for name in ("score", "pathwise"):
            if abs(r[f"{name}_mean"] - g) > 5 * np.sqrt(r[f"{name}_var_theory"] / n):
                problems.append(f"d={r['d']}: the {name} estimator averages {r[f'{name}_mean']:.3f}, not ∂E[f]/∂μ₁ = {g:.3f}")
            if abs(r[f"{name}_var"] / r[f"{name}_var_theory"] - 1) > 0.2:
                problems.append(f"d={r['d']}: the {name} estimator's variance {r[f'{name}_var']:.3g} is not the "
                                f"predicted {r[f'{name}_var_theory']:.3g}")
        if not r["pathwise_var"] < r["score_var"]:
            problems.append(f"d={r['d']}: the reparameterized estimator is not less variable than the score function")
    first, last = findings["rows"][0], findings["rows"][-1]
    # the closed form (checked row by row above) says how much it should grow; a large c with a small
    # σ and μ = 0 swamps the other coordinates (c = 100, σ = 0.1: less than 2× from d = 1 to 100)
    growth = last["score_var_theory"] / first["score_var_theory"]
    if growth > 4 and not last["score_var"] > growth / 2 * first["score_var"]:
        problems.append("the score-function variance does not grow with the number of dimensions")
    if abs(last["pathwise_var"] / first["pathwise_var"] - 1) > 0.1:
        problems.append("the reparameterized estimator's variance changes with the number of dimensions")
    return problems
