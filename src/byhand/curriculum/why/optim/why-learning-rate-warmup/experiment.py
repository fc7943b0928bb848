"""Adam trains a two-layer ReLU network (a regression onto a small random teacher network)
with the same peak learning rate, once at full rate from step 1 and once with a linear warm-up:
the loss in the first steps and the size of Adam's step per weight, |m̂ / √v̂|."""

import numpy as np

B1, B2, EPS = 0.9, 0.999, 1e-8
D, HIDDEN, BATCH = 64, 256, 32


def _train(lr, warmup, steps, seed):
    rng = np.random.default_rng(seed)
    teacher = rng.normal(size=(D, 16)) / np.sqrt(D), rng.normal(size=16) / 4

    def target(x):
        return np.tanh(x @ teacher[0]) @ teacher[1]

    x_test = rng.normal(size=(128, D))
    y_test = target(x_test)
    params = [rng.normal(size=(D, HIDDEN)) * np.sqrt(2 / D), np.zeros(HIDDEN),
              rng.normal(size=HIDDEN) / np.sqrt(HIDDEN), np.zeros(1)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]

    def loss(x, y):
        out = np.maximum(x @ params[0] + params[1], 0.0) @ params[2] + params[3][0]
        return 0.5 * float(np.mean((out - y) ** 2))

    losses, step_rms = [loss(x_test, y_test)], []
    for t in range(1, steps + 1):
        x = rng.normal(size=(BATCH, D))
        y = target(x)
        z = x @ params[0] + params[1]
        a = np.maximum(z, 0.0)
        r = (a @ params[2] + params[3][0] - y) / BATCH
        da = np.outer(r, params[2]) * (z > 0)
        grads = [x.T @ da, da.sum(axis=0), a.T @ r, np.array([r.sum()])]
        eta = lr * min(1.0, t / warmup) if warmup > 0 else lr
        ratios = []
        for i, g in enumerate(grads):
            m[i] = B1 * m[i] + (1 - B1) * g
            v[i] = B2 * v[i] + (1 - B2) * g * g
            ratio = (m[i] / (1 - B1 ** t)) / (np.sqrt(v[i] / (1 - B2 ** t)) + EPS)
            params[i] = params[i] - eta * ratio
            ratios.append(ratio.ravel())
        step_rms.append(float(np.sqrt(np.mean(np.concatenate(ratios) ** 2))))
        losses.append(loss(x_test, y_test) if np.isfinite(losses[-1]) else np.inf)
    return np.array(losses), np.array(step_rms)


def run(fig, words, lr=0.03, warmup=50, steps=200):
    no_warm, rms_no = _train(lr, 0, steps, seed=0)
    warm, rms_warm = _train(lr, warmup, steps, seed=0)
    t = np.arange(steps + 1)
    early = slice(1, min(steps, 20) + 1)

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogy(t, no_warm, "-", color="tab:red", label=words("no_warmup", lr=lr))
    ax1.semilogy(t, warm, "-", color="tab:blue", label=words("warmup", w=warmup, lr=lr))
    ax1.axhline(no_warm[0], color="grey", lw=0.8, ls=":", label=words("initial"))
    ax1.set_xlabel(words("step_axis"))
    ax1.set_ylabel(words("loss_axis"))
    ax1.set_title(words("loss_title", h=HIDDEN), fontsize=10)
    ax1.legend(fontsize=8, loc="upper right")

    ax2 = fig.add_subplot(1, 2, 2)
    s = np.arange(1, steps + 1)
    ax2.plot(s, rms_no, "-", color="tab:red", lw=1, label=words("ratio_rms"))
    sched = np.minimum(1.0, s / warmup) if warmup > 0 else np.ones(steps)
    ax2.plot(s, rms_warm * sched, "-", color="tab:blue", lw=1, label=words("effective"))
    ax2.set_xscale("log")
    ax2.set_ylim(0, 1.1)
    ax2.set_xlabel(words("step_axis_log"))
    ax2.set_ylabel(words("rms_axis"))
    ax2.set_title(words("rms_title"), fontsize=10)
    ax2.legend(fontsize=8, loc="upper right")
    fig.tight_layout()

    return {"lr": float(lr), "warmup": int(warmup), "steps": int(steps),
            "initial_loss": float(no_warm[0]),
            "peak_early_no_warmup": float(np.max(no_warm[early])),
            "peak_early_warmup": float(np.max(warm[early])),
            "final_no_warmup": float(no_warm[-1]), "final_warmup": float(warm[-1]),
            "step_rms_first": float(rms_no[0]), "step_rms_last": float(np.mean(rms_no[-20:]))}


def check(findings):
    problems = []
    # step 1: m̂ = g and v̂ = g², so every coordinate moves by exactly η (up to ε)
    if abs(findings["step_rms_first"] - 1.0) > 1e-3:
        problems.append(f"Adam's first step is not ±η per weight (RMS of m̂/√v̂ = {findings['step_rms_first']:.4f})")
    if findings["steps"] >= 100 and not findings["step_rms_last"] < 0.7 * findings["step_rms_first"]:
        problems.append("later Adam steps are not clearly smaller per weight than the first one")
    if findings["lr"] >= 0.02 and findings["warmup"] >= 20:
        if not findings["peak_early_no_warmup"] > 2 * findings["initial_loss"]:
            problems.append("without warm-up the loss did not jump in the first 20 steps")
        if not findings["peak_early_warmup"] < 0.5 * findings["peak_early_no_warmup"]:
            problems.append("warm-up did not at least halve the jump of the loss in the first 20 steps")
    return problems
