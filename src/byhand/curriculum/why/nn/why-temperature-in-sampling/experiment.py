"""Sample from softmax(z / T) for a fixed vector of logits z and a sweep of temperatures T:
the entropy of the distribution, its derivative Var(z) / T³, and what the samples look like."""

import numpy as np

SHOWN = (0.5, 1.0, 2.0)  # temperatures drawn in the right panel and sampled


def _softmax(s):
    e = np.exp(s - s.max())
    return e / e.sum()


def _entropy(p):
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)))


def run(fig, words, vocab=50, spread=3.0, samples=20000):
    rng = np.random.default_rng(0)
    z = np.sort(rng.normal(0.0, spread, size=vocab))[::-1]   # logits, largest first
    temps = np.logspace(-2, 2, 81)
    ent = np.array([_entropy(_softmax(z / t)) for t in temps])
    # dH/dT = Var_{p_T}(z) / T³, against a centred finite difference of H
    var_over_t3 = np.array([float(_softmax(z / t) @ (z - _softmax(z / t) @ z) ** 2) / t ** 3 for t in temps])
    h = 1e-4
    fd = np.array([(_entropy(_softmax(z / (t * (1 + h)))) - _entropy(_softmax(z / (t * (1 - h))))) / (2 * t * h)
                   for t in temps])
    rel_err = np.abs(fd - var_over_t3) / (np.abs(var_over_t3) + 1e-6)  # relative, floored against round-off
    mask = var_over_t3 > 1e-8  # where the derivative is not numerically zero
    top = np.array([_softmax(z / t)[0] for t in temps])

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(temps, ent, "-", color="tab:blue", label=words("entropy"))
    ax1.axhline(np.log(vocab), color="grey", lw=0.8, ls="--", label=words("uniform", v=vocab, h=np.log(vocab)))
    ax1.axvline(1.0, color="black", lw=0.6, ls=":")
    ax1.set_xlabel(words("t_axis"))
    ax1.set_ylabel(words("entropy_axis"))
    ax1.set_title(words("entropy_title", v=vocab, s=spread), fontsize=10)
    ax1b = ax1.twinx()
    ax1b.semilogx(temps, top, "-", color="tab:red", lw=1.0, label=words("top_prob"))
    ax1b.set_ylim(0, 1.05)
    ax1b.set_ylabel(words("top_axis"), color="tab:red")
    lines = ax1.get_lines()[:2] + ax1b.get_lines()
    ax1.legend(lines, [ln.get_label() for ln in lines], fontsize=8, loc="center left")

    ax2 = fig.add_subplot(1, 2, 2)
    ranks = np.arange(1, vocab + 1)
    sampled = []
    for t, color in zip(SHOWN, ("tab:green", "tab:blue", "tab:orange")):
        p = _softmax(z / t)
        draws = rng.choice(vocab, size=samples, p=p)
        freq = np.bincount(draws, minlength=vocab) / samples
        se = np.sqrt(p * (1 - p) / samples)
        tested = samples * p >= 10  # the normal approximation of a count needs enough expected draws
        worst = float(np.max(np.abs(freq - p)[tested] / se[tested])) if tested.any() else 0.0
        ax2.semilogy(ranks, p, "-", color=color, label=words("model_at", t=t, h=_entropy(p)))
        ax2.semilogy(ranks[freq > 0], freq[freq > 0], ".", color=color, ms=4)
        sampled.append({"t": t, "entropy": _entropy(p), "worst_z": worst,
                        "distinct": int(np.count_nonzero(freq)), "same_argmax": int(np.argmax(p) == 0)})
    ax2.set_ylim(0.3 / samples, 1.5)
    ax2.set_xlabel(words("rank_axis"))
    ax2.set_ylabel(words("prob_axis", n=samples))
    ax2.set_title(words("samples_title"), fontsize=10)
    ax2.legend(fontsize=8, loc="lower left")
    fig.tight_layout()

    return {"log_vocab": float(np.log(vocab)), "entropy_min_t": float(ent[0]), "entropy_max_t": float(ent[-1]),
            "largest_entropy_drop": float(np.max(ent[:-1] - ent[1:])),
            "derivative_worst_rel_err": float(rel_err[mask].max()) if mask.any() else 0.0,
            "top_prob_min_t": float(top[0]), "sampled": sampled,
            "logit_gap": float(z[0] - z[1]), "spread_range": float(z[0] - z[-1])}


def check(findings):
    problems = []
    if findings["largest_entropy_drop"] > 1e-9:
        problems.append("the entropy of softmax(z / T) decreased somewhere as T grew")
    if findings["derivative_worst_rel_err"] > 1e-3:
        problems.append("dH/dT differs from Var(z) / T³ (worst relative error "
                        f"{findings['derivative_worst_rel_err']:.2g})")
    # T = 0.01: one-hot on the argmax unless the two largest logits are within a few T of each other
    if findings["logit_gap"] > 0.2 and not findings["top_prob_min_t"] > 0.99:
        problems.append("at T = 0.01 the largest logit does not take almost all the probability")
    # T = 100: nearly uniform once T is large against the spread of the logits
    if findings["spread_range"] < 20 and not findings["entropy_max_t"] > 0.99 * findings["log_vocab"]:
        problems.append("at T = 100 the entropy is not close to log V")
    for s in findings["sampled"]:
        if s["worst_z"] > 6:
            problems.append(f"T = {s['t']:g}: sampled frequencies differ from softmax(z / T) by "
                            f"{s['worst_z']:.1f} standard errors")
        if not s["same_argmax"]:
            problems.append(f"T = {s['t']:g}: the most likely token changed with the temperature")
    ents = [s["entropy"] for s in findings["sampled"]]
    if not ents == sorted(ents):
        problems.append("a higher temperature gave a lower entropy")
    return problems
