"""Attention weights softmax(q·k_j) and softmax(q·k_j / √d) for random unit-variance
vectors, as the dimension d grows: entropy and trace of the softmax Jacobian."""

import numpy as np


def _softmax_rows(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _stats(scores):
    """Mean entropy (nats), mean largest weight, mean trace of the Jacobian."""
    p = _softmax_rows(scores)
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.sum(np.where(p > 0, p * np.log(p), 0.0), axis=1)
    # J = diag(p) - p p^T, so tr J = sum_i p_i (1 - p_i) = 1 - sum_i p_i^2
    trace = 1.0 - np.sum(p ** 2, axis=1)
    return entropy.mean(), p.max(axis=1).mean(), trace.mean()


def run(fig, words, n_keys=64, d_max=1024, trials=200):
    rng = np.random.default_rng(0)
    dims = np.unique(np.rint(np.logspace(0, np.log10(d_max), 11)).astype(int))
    raw, scaled, var_ratio, var_z = [], [], [], []
    for d in dims:
        t = int(min(trials, max(4, 1_500_000 // (n_keys * d))))  # fewer trials for large d: fast
        q = rng.normal(size=(t, 1, d))
        k = rng.normal(size=(t, n_keys, d))
        s = np.sum(q * k, axis=2)                   # (trials, n_keys) dot products q·k_j
        pairs = max(1000, 500_000 // d)             # independent pairs to measure Var(q·k)
        dots = np.sum(rng.normal(size=(pairs, d)) * rng.normal(size=(pairs, d)), axis=1)
        ratio = np.mean(dots ** 2) / d                # E[q·k] = 0, so this estimates Var(q·k) / d
        se = np.sqrt((2 + 6 / d) / pairs)             # its standard error, from E[(q·k)^4] = 3d² + 6d
        var_ratio.append(float(ratio))
        var_z.append(float(abs(ratio - 1) / se))
        raw.append(_stats(s))
        scaled.append(_stats(s / np.sqrt(d)))
    raw, scaled = np.array(raw), np.array(scaled)
    uniform = np.log(n_keys)

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(dims, scaled[:, 0], "o-", label="softmax(q·k / √d)")
    ax1.semilogx(dims, raw[:, 0], "s--", label="softmax(q·k)")
    ax1.axhline(uniform, color="grey", lw=0.8, label=words("uniform", n=n_keys, h=uniform))
    ax1.set_xlabel(words("d_axis"))
    ax1.set_ylabel(words("entropy_axis"))
    ax1.set_ylim(0, uniform * 1.08)
    ax1.set_title(words("entropy_title", n=n_keys), fontsize=10)
    ax1.legend(fontsize=8, loc="lower left")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.semilogx(dims, scaled[:, 2], "o-", label=words("trace_scaled"))
    ax2.semilogx(dims, raw[:, 2], "s--", label=words("trace_raw"))
    ax2.semilogx(dims, scaled[:, 1], "o:", color="C0", alpha=0.6, label=words("max_scaled"))
    ax2.semilogx(dims, raw[:, 1], "s:", color="C1", alpha=0.6, label=words("max_raw"))
    ax2.set_xlabel(words("d"))
    ax2.set_ylabel(words("mean_queries"))
    ax2.set_ylim(0, 1.38)
    ax2.set_yticks(np.linspace(0, 1, 6))
    ax2.set_title(words("jacobian_title"), fontsize=10)
    ax2.legend(fontsize=8, loc="upper center", ncol=2)
    fig.tight_layout()

    return {"d_max": int(dims[-1]), "log_n_keys": float(uniform),
            "entropy_scaled_d1": float(scaled[0, 0]), "entropy_scaled_dmax": float(scaled[-1, 0]),
            "entropy_unscaled_dmax": float(raw[-1, 0]),
            "max_weight_scaled_dmax": float(scaled[-1, 1]), "max_weight_unscaled_dmax": float(raw[-1, 1]),
            "jacobian_trace_scaled_dmax": float(scaled[-1, 2]),
            "jacobian_trace_unscaled_dmax": float(raw[-1, 2]),
            "var_over_d_min": float(min(var_ratio)), "var_over_d_max": float(max(var_ratio)),
            "var_over_d_worst_z": float(max(var_z))}


def check(findings):
    problems = []
    if findings["var_over_d_worst_z"] > 5:
        problems.append("the measured variance of q·k differs from d by more than 5 standard errors")
    if abs(findings["entropy_scaled_dmax"] - findings["entropy_scaled_d1"]) > 0.15 * findings["log_n_keys"]:
        problems.append("with 1/√d scaling the entropy of the weights still changes with d")
    if findings["d_max"] >= 64:
        if not findings["entropy_unscaled_dmax"] < 0.5 * findings["entropy_scaled_dmax"]:
            problems.append(f"without scaling the entropy at d = {findings['d_max']} has not collapsed "
                            "(it is not below half the scaled one)")
        if not findings["jacobian_trace_unscaled_dmax"] < 0.5 * findings["jacobian_trace_scaled_dmax"]:
            problems.append("without scaling the trace of the softmax Jacobian is not below half the "
                            "scaled one")
    return problems
