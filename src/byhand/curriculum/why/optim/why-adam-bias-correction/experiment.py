"""Adam's first steps with and without bias correction: the step size for a
constant gradient, and the moment estimates for noisy gradients."""

import numpy as np

EPS = 1e-8
RUNS = 400  # independent runs with noisy gradients


def _adam_moments(g, beta1, beta2):
    """m_t and v_t for gradients g of shape (runs, steps), both starting at 0."""
    m = np.zeros(g.shape[0])
    v = np.zeros(g.shape[0])
    ms, vs = np.empty_like(g), np.empty_like(g)
    for t in range(g.shape[1]):
        m = beta1 * m + (1 - beta1) * g[:, t]
        v = beta2 * v + (1 - beta2) * g[:, t] ** 2
        ms[:, t], vs[:, t] = m, v
    return ms, vs


def _steps(ms, vs, beta1, beta2):
    """|Δθ| / lr without and with bias correction."""
    t = np.arange(1, ms.shape[1] + 1)
    raw = np.abs(ms) / (np.sqrt(vs) + EPS)
    m_hat, v_hat = ms / (1 - beta1 ** t), vs / (1 - beta2 ** t)
    return raw, np.abs(m_hat) / (np.sqrt(v_hat) + EPS)


def run(fig, words, beta1=0.9, beta2=0.999, steps=1000, noise=1.0):
    runs = RUNS
    t = np.arange(1, steps + 1)
    # a constant gradient g = 1: the step should be lr, every time
    ms, vs = _adam_moments(np.ones((1, steps)), beta1, beta2)
    raw_c, cor_c = _steps(ms, vs, beta1, beta2)
    raw_c, cor_c = raw_c[0], cor_c[0]
    formula = (1 - beta1 ** t) / np.sqrt(1 - beta2 ** t)
    # noisy gradients g ~ N(1, noise²): many independent runs
    rng = np.random.default_rng(0)
    g = 1.0 + noise * rng.normal(size=(runs, steps))
    ms_n, vs_n = _adam_moments(g, beta1, beta2)
    raw_n, cor_n = _steps(ms_n, vs_n, beta1, beta2)

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(t, raw_c, "C1-", label=words("raw_const"))
    ax1.semilogx(t, cor_c, "C0-", label=words("cor_const"))
    ax1.semilogx(t, raw_n.mean(axis=0), "C1:", label=words("raw_noisy", noise=noise))
    ax1.semilogx(t, cor_n.mean(axis=0), "C0:", label=words("cor_noisy", noise=noise))
    marks = np.unique(np.rint(np.logspace(0, np.log10(steps), 9)).astype(int)) - 1
    ax1.semilogx(t[marks], formula[marks], "kx", label="(1 − β₁ᵗ) / √(1 − β₂ᵗ)")
    ax1.set_xlabel(words("step"))
    ax1.set_ylabel(words("step_axis"))
    ax1.set_title(words("step_title", beta1=beta1, beta2=beta2), fontsize=10)
    ax1.set_ylim(0, 1.45 * max(raw_c.max(), raw_n.mean(axis=0).max(), 1.0))
    ax1.legend(fontsize=7, loc="upper right")

    mean_g, mean_g2 = 1.0, 1.0 + noise ** 2
    m_raw = ms_n.mean(axis=0) / mean_g
    m_cor = (ms_n / (1 - beta1 ** t)).mean(axis=0) / mean_g
    v_raw = vs_n.mean(axis=0) / mean_g2
    v_cor = (vs_n / (1 - beta2 ** t)).mean(axis=0) / mean_g2
    ax2 = fig.add_subplot(1, 2, 2)
    ax2.semilogx(t, m_raw, "C1-", label="m / E[g]")
    ax2.semilogx(t, m_cor, "C0-", label="m̂ / E[g]")
    ax2.semilogx(t, v_raw, "C3--", label="v / E[g²]")
    ax2.semilogx(t, v_cor, "C2--", label="v̂ / E[g²]")
    ax2.axhline(1.0, color="grey", lw=0.8)
    ax2.set_xlabel(words("step"))
    ax2.set_ylabel(words("moment_axis", runs=runs))
    ax2.set_title(words("moment_title"), fontsize=10)
    ax2.legend(fontsize=8)
    fig.tight_layout()

    # unbiasedness of the corrected estimates over the first 20 steps, in standard errors
    k = min(20, steps)
    m_hat = ms_n[:, :k] / (1 - beta1 ** t[:k])
    v_hat = vs_n[:, :k] / (1 - beta2 ** t[:k])
    se_m = np.maximum(m_hat.std(axis=0, ddof=1) / np.sqrt(runs), 1e-12)  # noise = 0: no spread
    se_v = np.maximum(v_hat.std(axis=0, ddof=1) / np.sqrt(runs), 1e-12)
    z_m = np.abs(m_hat.mean(axis=0) - mean_g) / se_m
    z_v = np.abs(v_hat.mean(axis=0) - mean_g2) / se_v
    peak = int(np.argmax(raw_c))
    return {"uncorrected_step_t1": float(raw_c[0]), "formula_t1": float(formula[0]),
            "uncorrected_peak": float(raw_c[peak]), "uncorrected_peak_step": peak + 1,
            "uncorrected_step_last": float(raw_c[-1]),
            "formula_max_error": float(np.max(np.abs(raw_c - formula) / formula)),
            "corrected_max_deviation": float(np.max(np.abs(cor_c - 1))),
            "corrected_bias_worst_z": float(max(z_m.max(), z_v.max())),
            "uncorrected_m_over_Eg_t1": float(m_raw[0])}


def check(findings):
    problems = []
    if findings["formula_max_error"] > 1e-4:
        problems.append("the uncorrected step does not follow (1 − β₁ᵗ) / √(1 − β₂ᵗ)")
    if findings["corrected_max_deviation"] > 1e-4:
        problems.append("with bias correction the step for a constant gradient is not the learning rate")
    if findings["corrected_bias_worst_z"] > 5:
        problems.append("the bias-corrected moment estimates are off by more than 5 standard errors "
                        "in the first steps")
    return problems
