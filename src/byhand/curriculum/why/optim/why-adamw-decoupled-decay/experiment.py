"""Adam with an L2 penalty (λw added to the gradient) against AdamW (w shrunk by ηλw outside
Adam), on weights whose data gradient is pure noise of very different sizes s, so that all
that moves them on average is the decay."""

import numpy as np

B1, B2, EPS = 0.9, 0.999, 1e-8


def _adam(scales, lr, lam, steps, reps, decoupled, rng):
    """Every column is one weight with gradient noise N(0, s²); returns w over time (mean over reps)."""
    w = np.ones((reps, scales.size))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    path = [w.mean(axis=0)]
    for t in range(1, steps + 1):
        g = scales * rng.normal(size=w.shape)          # the data gradient: noise, mean 0
        if not decoupled:
            g = g + lam * w                             # L2: the penalty's gradient goes through Adam
        m = B1 * m + (1 - B1) * g
        v = B2 * v + (1 - B2) * g * g
        step = lr * (m / (1 - B1 ** t)) / (np.sqrt(v / (1 - B2 ** t)) + EPS)
        if decoupled:
            w = w - lr * lam * w                        # AdamW: the decay is applied to w directly
        w = w - step
        path.append(w.mean(axis=0))
    return np.array(path)


def run(fig, words, lr=0.001, weight_decay=0.5, steps=2000, reps=20):
    rng = np.random.default_rng(0)
    scales = np.logspace(-3, 1, 17)                     # gradient noise s of each weight
    l2 = _adam(scales, lr, weight_decay, steps, reps, False, rng)
    adamw = _adam(scales, lr, weight_decay, steps, reps, True, rng)
    t = np.arange(steps + 1)
    expected_adamw = (1 - lr * weight_decay) ** steps
    # L2 through Adam, while s ≫ λw: the mean step is ηλw / s, a decay rate ηλ/s per step
    predicted_l2 = np.exp(-lr * weight_decay * steps / scales)

    ax1 = fig.add_subplot(1, 2, 1)
    floor = lr / 10
    ax1.loglog(scales, np.maximum(np.abs(adamw[-1]), floor), "o-", color="tab:blue", label=words("adamw"))
    ax1.loglog(scales, np.maximum(np.abs(l2[-1]), floor), "s-", color="tab:red", label=words("l2"))
    ax1.axhline(expected_adamw, color="tab:blue", lw=0.8, ls=":", label=words("adamw_pred"))
    big = scales > 2 * weight_decay
    ax1.loglog(scales[big], predicted_l2[big], ":", color="tab:red", lw=1.2, label=words("l2_pred"))
    ax1.set_ylim(floor / 2, 2)
    ax1.set_xlabel(words("noise_axis"))
    ax1.set_ylabel(words("final_axis", steps=steps))
    ax1.set_title(words("final_title", lr=lr, lam=weight_decay), fontsize=10)
    ax1.legend(fontsize=7, loc="lower right")

    ax2 = fig.add_subplot(1, 2, 2)
    for i, color in zip((0, len(scales) // 2, len(scales) - 1), ("tab:green", "tab:purple", "tab:orange")):
        ax2.plot(t, adamw[:, i], "-", color=color, label=words("adamw_s", s=scales[i]))
        ax2.plot(t, l2[:, i], "--", color=color, label=words("l2_s", s=scales[i]))
    ax2.set_xlabel(words("step_axis"))
    ax2.set_ylabel(words("w_axis", reps=reps))
    ax2.set_title(words("path_title"), fontsize=10)
    ax2.legend(fontsize=7, loc="lower left", ncol=2)
    fig.tight_layout()

    log_adamw = np.log(np.maximum(np.abs(adamw[-1]), 1e-300))
    big_pred = predicted_l2[big]
    return {"expected_adamw": float(expected_adamw),
            "adamw_final_min": float(adamw[-1].min()), "adamw_final_max": float(adamw[-1].max()),
            "adamw_log_spread": float(log_adamw.max() - log_adamw.min()),
            "l2_final_smallest_noise": float(abs(l2[-1, 0])), "l2_final_largest_noise": float(l2[-1, -1]),
            "l2_vs_prediction_worst_log": float(np.max(np.abs(np.log(np.maximum(l2[-1][big], 1e-300))
                                                              - np.log(big_pred)))) if big.any() else 0.0,
            "decay_budget": float(lr * weight_decay * steps), "largest_noise": float(scales[-1]),
            "lam": float(weight_decay), "lr": float(lr), "steps": int(steps), "reps": int(reps)}


def check(findings):
    problems = []
    budget = findings["decay_budget"]               # ηλT: how far AdamW's decay goes in log terms
    # AdamW: every weight ends near (1 − ηλ)^T whatever its gradient noise; the noise itself is a
    # random walk of about η per step in every coordinate, so the tolerance is in units of η√T.
    walk = 5 * findings["lr"] * np.sqrt(findings["steps"] / findings["reps"])
    exp_w = findings["expected_adamw"]
    for key in ("adamw_final_min", "adamw_final_max"):
        if abs(findings[key] - exp_w) > 0.1 * exp_w + walk:
            problems.append(f"AdamW: a weight ended at {findings[key]:.3g}, not near (1 − ηλ)^T = {exp_w:.3g}")
    if budget > 0.2 and findings["largest_noise"] > 20 * findings["lam"]:
        # L2 through Adam: the weight with the largest gradient noise hardly decays ...
        if not findings["l2_final_largest_noise"] > exp_w + 0.5 * (1 - exp_w):
            problems.append("Adam + L2: the weight with the noisiest gradient decayed nearly as much as with AdamW")
        # ... the one with the smallest noise decays much faster than AdamW's rate
        if not findings["l2_final_smallest_noise"] < 0.5 * exp_w:
            problems.append("Adam + L2: the weight with the quietest gradient did not decay faster than with AdamW")
        if findings["l2_vs_prediction_worst_log"] > 0.15 * budget + 0.1:
            problems.append("Adam + L2: for noisy weights the decay does not follow exp(−ηλT / s)")
    return problems
