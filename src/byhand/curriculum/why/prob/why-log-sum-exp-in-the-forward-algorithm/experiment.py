"""The probability of a sequence under a hidden Markov model, by the forward
algorithm in three ways: with probabilities, with logs but a plain log(Σ exp),
and with log-sum-exp (the maximum shifted out). A scaled forward pass (each α_t
normalized, Rabiner 1989) is the reference, and brute-force enumeration of all
paths checks a short prefix."""

import itertools
import math

import numpy as np

LOG10E = math.log10(math.e)


def _model(rng, n_states, n_symbols):
    start = rng.dirichlet(np.ones(n_states))
    trans = rng.dirichlet(np.ones(n_states) * 2, size=n_states) * 0.5 + 0.5 * np.eye(n_states)  # sticky
    emit = rng.dirichlet(np.ones(n_symbols), size=n_states)
    return start, trans, emit


def _sample(rng, start, trans, emit, length):
    z = rng.choice(len(start), p=start)
    xs = []
    for _ in range(length):
        xs.append(rng.choice(emit.shape[1], p=emit[z]))
        z = rng.choice(len(start), p=trans[z])
    return np.array(xs)


def _lse(v, axis=0):
    m = np.max(v, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(v - m), axis=axis))


def forward_all(start, trans, emit, xs):
    """log P(x_1..t) for every t, by the four methods; -inf where a method underflowed."""
    n = len(xs)
    out = {k: np.empty(n) for k in ("probability", "log_naive", "log_sum_exp", "scaled")}
    with np.errstate(divide="ignore", under="ignore"):
        alpha = start * emit[:, xs[0]]                      # probabilities
        la_naive = np.log(start) + np.log(emit[:, xs[0]])   # logs, plain log(Σ exp)
        la = la_naive.copy()                                # logs, log-sum-exp
        scaled = start * emit[:, xs[0]]
        c = scaled.sum(); scaled /= c; log_c = math.log(c)
        log_t, log_e = np.log(trans), np.log(emit)
        for t in range(n):
            if t > 0:
                alpha = (alpha @ trans) * emit[:, xs[t]]
                la_naive = np.log(np.sum(np.exp(la_naive[:, None] + log_t), axis=0)) + log_e[:, xs[t]]
                la = _lse(la[:, None] + log_t, axis=0) + log_e[:, xs[t]]
                scaled = (scaled @ trans) * emit[:, xs[t]]
                c = scaled.sum(); scaled /= c; log_c += math.log(c)
            out["probability"][t] = np.log(alpha.sum())
            out["log_naive"][t] = np.log(np.sum(np.exp(la_naive)))
            out["log_sum_exp"][t] = _lse(la)
            out["scaled"][t] = log_c
    return out


def _brute_force(start, trans, emit, xs):
    total = 0.0
    for path in itertools.product(range(len(start)), repeat=len(xs)):
        p = start[path[0]] * emit[path[0], xs[0]]
        for a, b, x in zip(path, path[1:], xs[1:]):
            p *= trans[a, b] * emit[b, x]
        total += p
    return math.log(total)


def run(fig, words, length=1000, n_symbols=10, n_states=3):
    rng = np.random.default_rng(0)
    start, trans, emit = _model(rng, n_states, n_symbols)
    xs = _sample(rng, start, trans, emit, length)
    res = forward_all(start, trans, emit, xs)
    ts = np.arange(1, length + 1)
    ref = res["scaled"]

    ax1 = fig.add_subplot(1, 2, 1)
    styles = {"probability": ("C3", "-", 4), "log_naive": ("C1", "--", 2.5), "log_sum_exp": ("C0", "-", 1.5)}
    for key, (color, ls, lw) in styles.items():
        finite = np.isfinite(res[key])
        ax1.plot(ts[finite], LOG10E * res[key][finite], color=color, ls=ls, lw=lw, label=words(key))
        if not finite.all():
            ax1.axvline(ts[~finite][0], color=color, ls=":", lw=1)
    ax1.axhline(math.log10(np.nextafter(0.0, 1.0)), color="grey", lw=0.8, label=words("smallest"))
    ax1.set_xlabel(words("t_axis"))
    ax1.set_ylabel(words("log10_axis"))
    ax1.set_title(words("forward_title", s=n_states, v=n_symbols), fontsize=10)
    ax1.legend(fontsize=7, loc="lower left")

    ax2 = fig.add_subplot(1, 2, 2)
    for key, (color, ls, lw) in styles.items():
        with np.errstate(invalid="ignore"):
            err = np.abs(res[key] - ref) / np.abs(ref)
        err = np.where(np.isfinite(err), np.maximum(err, 1e-17), 1.0)   # an underflow is drawn as error 1
        ax2.semilogy(ts, err, color=color, ls=ls, lw=lw, label=words(key))
    ax2.set_ylim(1e-17, 3)
    ax2.set_xlabel(words("t_axis"))
    ax2.set_ylabel(words("error_axis"))
    ax2.set_title(words("error_title"), fontsize=10)
    ax2.legend(fontsize=7, loc="center right")
    fig.tight_layout()

    k = max(2, min(10, int(math.log(3000) / math.log(n_states))))
    first_inf = {key: (int(ts[~np.isfinite(res[key])][0]) if not np.isfinite(res[key]).all() else None)
                 for key in ("probability", "log_naive", "log_sum_exp")}
    normal = np.isfinite(res["probability"]) & (res["probability"] > math.log(np.finfo(float).tiny))
    return {"length": int(length), "final_log10_p": float(LOG10E * ref[-1]), "first_underflow": first_inf,
            "max_rel_err_log_sum_exp": float(np.max(np.abs(res["log_sum_exp"] - ref) / np.abs(ref))),
            "max_rel_err_probability_before_underflow":
                float(np.max(np.abs(res["probability"][normal] - ref[normal]) / np.abs(ref[normal]))) if normal.any() else 0.0,
            "brute_force_t": k, "brute_force": _brute_force(start, trans, emit, xs[:k]),
            "log_sum_exp_at_brute_force_t": float(res["log_sum_exp"][k - 1])}


def check(findings):
    problems = []
    f = findings
    if abs(f["brute_force"] - f["log_sum_exp_at_brute_force_t"]) > 1e-9 * abs(f["brute_force"]):
        problems.append("the log-space forward pass disagrees with summing over every path of a short prefix")
    if f["first_underflow"]["log_sum_exp"] is not None or f["max_rel_err_log_sum_exp"] > 1e-10:
        problems.append("the log-sum-exp forward pass underflowed or disagrees with the scaled forward pass")
    if f["max_rel_err_probability_before_underflow"] > 1e-9:
        problems.append("before underflow, the forward pass in probabilities disagrees with the reference")
    smallest = math.log10(np.nextafter(0.0, 1.0))
    if f["final_log10_p"] < smallest - 5:
        for key in ("probability", "log_naive"):
            if f["first_underflow"][key] is None:
                problems.append(f"P(x) is below 1e-324, yet the {key} forward pass did not underflow")
    elif f["final_log10_p"] > -300 and f["first_underflow"]["probability"] is not None:
        problems.append("the forward pass in probabilities underflowed although P(x) is representable")
    return problems
