"""A linear softmax classifier trained by gradient descent on a small training set that it can
separate, with one-hot targets and with smoothed targets: the logit gap on the training set
over the steps, and how confident it is on test data against how often it is right."""

import numpy as np

K = 3  # classes


def _data(rng, n, means):
    y = rng.integers(0, K, size=n)
    y[:K] = np.arange(K)                                  # every class at least once
    return means[y] + rng.normal(size=(n, means.shape[1])), y


def _softmax(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _gap(logits, y):
    """True-class logit minus the largest other logit, averaged over the examples."""
    true = logits[np.arange(len(y)), y]
    other = np.where(np.eye(K, dtype=bool)[y], -np.inf, logits).max(axis=1)
    return float(np.mean(true - other))


def _train(x, y, eps, lr, steps, record):
    n, d = x.shape
    target = np.full((n, K), eps / K)
    target[np.arange(n), y] += 1 - eps
    W, b = np.zeros((d, K)), np.zeros(K)
    gaps = []
    for t in range(1, steps + 1):
        p = _softmax(x @ W + b)
        g = (p - target) / n                               # ∂ mean cross-entropy / ∂ logits
        W -= lr * x.T @ g
        b -= lr * g.sum(axis=0)
        if t in record:
            gaps.append(_gap(x @ W + b, y))
    return W, b, np.array(gaps)


def _calibration(p, y, bins=10):
    conf, pred = p.max(axis=1), p.argmax(axis=1)
    right = pred == y
    edges = np.linspace(1 / K, 1, bins + 1)
    idx = np.clip(np.digitize(conf, edges) - 1, 0, bins - 1)
    ece, rows = 0.0, []
    for k in range(bins):
        sel = idx == k
        if sel.any():
            ece += sel.mean() * abs(conf[sel].mean() - right[sel].mean())
            rows.append((conf[sel].mean(), right[sel].mean(), int(sel.sum())))
    return float(ece), float(conf.mean()), float(right.mean()), rows


def run(fig, words, smoothing=0.2, separation=2.5, n_train=60, dim=100, steps=3000):
    rng = np.random.default_rng(0)
    means = rng.normal(size=(K, dim))
    means *= separation / np.linalg.norm(means, axis=1, keepdims=True)   # overlapping classes: test accuracy < 1
    x, y = _data(rng, n_train, means)
    xt, yt = _data(rng, 2000, means)
    record = np.unique(np.logspace(0, np.log10(steps), 60).astype(int))
    # a safe step: the cross-entropy's Hessian in (W, b) is at most ½ λ_max([x 1]ᵀ[x 1] / n)
    xb = np.hstack([x, np.ones((n_train, 1))])
    lr = 1.0 / np.linalg.eigvalsh(xb.T @ xb / n_train).max()
    res = {}
    for name, eps in (("hard", 0.0), ("smooth", smoothing)):
        W, b, gaps = _train(x, y, eps, lr, steps, set(record.tolist()))
        ece, conf, acc, rows = _calibration(_softmax(xt @ W + b), yt)
        train_acc = float(np.mean((x @ W + b).argmax(axis=1) == y))
        train_conf_max = float(_softmax(x @ W + b).max())
        res[name] = {"gaps": gaps, "ece": ece, "conf": conf, "acc": acc, "rows": rows, "train_acc": train_acc, "train_conf_max": train_conf_max}
    bound = float(np.log(1 + K * (1 - smoothing) / smoothing)) if smoothing > 0 else float("inf")

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.semilogx(record, res["hard"]["gaps"], "-", color="tab:red", label=words("hard"))
    ax1.semilogx(record, res["smooth"]["gaps"], "-", color="tab:blue", label=words("smooth", eps=smoothing))
    if np.isfinite(bound):
        ax1.axhline(bound, color="tab:blue", ls=":", lw=1, label=words("bound", g=bound))
    ax1.set_xlabel(words("step_axis"))
    ax1.set_ylabel(words("gap_axis"))
    ax1.set_title(words("gap_title", n=n_train, d=dim), fontsize=10)
    ax1.legend(fontsize=8, loc="upper left")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.plot([1 / K, 1], [1 / K, 1], color="grey", lw=0.8, label=words("perfect"))
    for name, color, marker in (("hard", "tab:red", "s"), ("smooth", "tab:blue", "o")):
        r = res[name]
        c, a, _ = zip(*r["rows"])
        label = words("hard_cal" if name == "hard" else "smooth_cal", ece=r["ece"], acc=r["acc"], conf=r["conf"])
        ax2.plot(c, a, marker + "-", color=color, label=label)
    ax2.set_xlabel(words("conf_axis"))
    ax2.set_ylabel(words("acc_axis"))
    ax2.set_title(words("cal_title"), fontsize=10)
    ax2.set_xlim(1 / K - 0.02, 1.02)
    ax2.set_ylim(0, 1.02)
    ax2.legend(fontsize=7, loc="upper left")
    fig.tight_layout()

    hard_g, smooth_g = res["hard"]["gaps"], res["smooth"]["gaps"]
    half = len(record) // 2
    return {"smoothing": float(smoothing), "bound": bound,
            "hard_train_acc": res["hard"]["train_acc"],
            "hard_gap_final": float(hard_g[-1]), "hard_gap_mid": float(hard_g[half]),
            "smooth_gap_final": float(smooth_g[-1]), "smooth_gap_max": float(smooth_g.max()),
            "hard_ece": res["hard"]["ece"], "smooth_ece": res["smooth"]["ece"],
            "hard_overconfidence": res["hard"]["conf"] - res["hard"]["acc"],
            "smooth_overconfidence": res["smooth"]["conf"] - res["smooth"]["acc"],
            "smooth_train_conf_max": res["smooth"]["train_conf_max"],
            "hard_train_conf_max": res["hard"]["train_conf_max"],
            "hard_conf": res["hard"]["conf"], "hard_acc": res["hard"]["acc"], "smooth_conf": res["smooth"]["conf"],
            "steps": int(steps), "n_train": int(n_train), "dim": int(dim)}


def check(findings):
    problems = []
    if findings["smoothing"] > 0 and findings["smooth_gap_max"] > findings["bound"] + 1e-6:
        problems.append(f"with smoothed targets the mean logit gap reached {findings['smooth_gap_max']:.2f}, above "
                        f"log(1 + K(1 − ε)/ε) = {findings['bound']:.2f}")
    if findings["hard_train_acc"] == 1.0 and findings["steps"] >= 1000:
        # separable training set: with one-hot targets the gap keeps growing
        if not findings["hard_gap_final"] > findings["hard_gap_mid"] + 0.1:
            problems.append("with one-hot targets the logit gap stopped growing although the training set is separated")
        if findings["smoothing"] >= 0.05 and not findings["hard_gap_final"] > findings["smooth_gap_final"]:
            problems.append("one-hot targets did not end with larger logits than smoothed targets")
    cap = 1 - findings["smoothing"] * (1 - 1 / 3)           # the smoothed target of the true class, K = 3
    # a linear model can meet every smoothed target exactly when n ≤ dim + 1: then no example exceeds the cap
    fits_all = findings["n_train"] <= findings["dim"] + 1
    if findings["smoothing"] > 0 and fits_all and findings["steps"] >= 1000 and findings["smooth_train_conf_max"] > cap + 0.01:
        problems.append(f"with smoothed targets a training example got confidence "
                        f"{findings['smooth_train_conf_max']:.3f}, above 1 − ε + ε/K = {cap:.3f}")
    if findings["smoothing"] >= 0.05:
        if not findings["smooth_conf"] < findings["hard_conf"]:
            problems.append("smoothed targets did not give lower confidence on test data than one-hot targets")
    return problems
