"""A one-feature classifier that thresholds the output of batch normalization
at 0. Training keeps running averages of the batch mean and variance; at test
time we either use them (eval mode) or keep normalizing with the statistics of
the test batch (train mode)."""

import math

import numpy as np

EPS = 1e-5
TRAIN_STEPS = 500
TRAIN_BATCH = 32
N_TEST = 4096                      # test examples, half of each class
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128)
FIXED_X_OFFSET = 0.5               # the example followed in the left panel sits this far above the middle


def _draw(rng, size, gap, labels=None):
    labels = rng.integers(0, 2, size) if labels is None else labels
    return 1.0 + gap * labels + rng.normal(size=size), labels


def _bn_train_mode(x):
    """Normalize each row (a batch) by its own mean and biased variance."""
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS)


def run(fig, words, test_batch=8, momentum=0.1, class_gap=4.0):
    rng = np.random.default_rng(0)
    gap = float(class_gap)
    # training: batch statistics in the forward pass, running averages on the side (PyTorch's rule)
    running_mean, running_var = 0.0, 1.0
    for _ in range(TRAIN_STEPS):
        xb, _ = _draw(rng, TRAIN_BATCH, gap)
        running_mean = (1 - momentum) * running_mean + momentum * xb.mean()
        running_var = (1 - momentum) * running_var + momentum * xb.var(ddof=1)
    pop_mean, pop_var = 1.0 + gap / 2, 1.0 + gap ** 2 / 4

    def eval_mode(x):
        return (x - running_mean) / math.sqrt(running_var + EPS)

    labels = np.repeat([0, 1], N_TEST // 2)
    x_test, _ = _draw(rng, N_TEST, gap, labels)
    acc_eval = float(np.mean((eval_mode(x_test) > 0) == labels))
    bayes = 0.5 * (1 + math.erf(gap / 2 / math.sqrt(2)))
    rows = []
    for b in BATCHES:
        perm = rng.permutation(N_TEST)
        iid = _bn_train_mode(x_test[perm].reshape(-1, b)).ravel()
        acc_iid = float(np.mean((iid > 0) == labels[perm]))
        same = _bn_train_mode(x_test.reshape(-1, b)).ravel()   # labels are sorted: each batch is one class
        acc_same = float(np.mean((same > 0) == labels))
        rows.append({"batch": b, "acc_iid": acc_iid, "acc_one_class": acc_same})

    # left: one fixed example in many random test batches of size test_batch
    x0 = pop_mean + FIXED_X_OFFSET
    others, _ = _draw(rng, (2000, test_batch - 1), gap)
    outs = _bn_train_mode(np.concatenate([np.full((2000, 1), x0), others], axis=1))[:, 0]
    out_eval = eval_mode(x0)
    out_pop = (x0 - pop_mean) / math.sqrt(pop_var)

    ax1 = fig.add_subplot(1, 2, 1)
    if np.ptp(outs) > 1e-9:
        ax1.hist(outs, bins=50, color="grey", alpha=0.6, density=True, label=words("train_hist", b=test_batch))
    else:
        ax1.axvline(outs[0], color="grey", lw=6, alpha=0.6, label=words("train_hist", b=test_batch))
    ax1.axvline(out_eval, color="C0", lw=2, label=words("eval_line", v=out_eval))
    ax1.axvline(out_pop, color="black", ls=":", lw=1.5, label=words("pop_line"))
    ax1.axvline(0, color="C3", lw=0.8, ls="--", label=words("threshold"))
    ax1.set_xlabel(words("out_axis", x=x0))
    ax1.set_ylabel(words("density"))
    ax1.set_title(words("hist_title", x=x0, pct=100 * np.mean(outs <= 0)), fontsize=10)
    ax1.set_ylim(0, ax1.get_ylim()[1] * 1.4)
    ax1.legend(fontsize=7, loc="upper left")

    ax2 = fig.add_subplot(1, 2, 2)
    bs = [r["batch"] for r in rows]
    ax2.semilogx(bs, [acc_eval] * len(bs), "o-", color="C0", label=words("acc_eval"))
    ax2.semilogx(bs, [r["acc_iid"] for r in rows], "s--", color="grey", label=words("acc_iid"))
    ax2.semilogx(bs, [r["acc_one_class"] for r in rows], "^:", color="C3", label=words("acc_one_class"))
    ax2.axhline(bayes, color="black", lw=0.6, label=words("bayes", a=bayes))
    ax2.set_xscale("log", base=2)
    ax2.set_ylim(0.3, 1.05)
    ax2.set_xlabel(words("batch_axis"))
    ax2.set_ylabel(words("acc_axis"))
    ax2.set_title(words("acc_title"), fontsize=10)
    ax2.legend(fontsize=7, loc="lower right")
    fig.tight_layout()

    return {"running_mean": float(running_mean), "running_var": float(running_var),
            "pop_mean": pop_mean, "pop_var": pop_var, "acc_eval": acc_eval, "bayes": bayes, "rows": rows,
            "test_batch": int(test_batch), "out_sd_train_mode": float(outs.std()),
            "out_eval": float(out_eval), "out_pop": float(out_pop), "momentum": float(momentum)}


def check(findings):
    problems = []
    f = findings
    if f["momentum"] >= 0.05:   # the running averages have forgotten their start (0, 1)
        # an average of the last ≈ 1/m batches: its sd is √(m/(2 − m)) times that of one batch's statistic,
        # so a large momentum (0.5) leaves the running averages visibly noisy
        shrink = math.sqrt(f["momentum"] / (2 - f["momentum"]))
        tol_mean = max(0.1, 4 * shrink / math.sqrt(TRAIN_BATCH))                # in units of σ
        tol_var = max(0.25, 4 * shrink * math.sqrt(2 / (TRAIN_BATCH - 1)))      # relative
        if abs(f["running_mean"] - f["pop_mean"]) > tol_mean * math.sqrt(f["pop_var"]) or \
                abs(f["running_var"] / f["pop_var"] - 1) > tol_var:
            problems.append("the running averages are not close to the population mean and variance")
        if abs(f["out_eval"] - f["out_pop"]) > max(0.15, tol_mean + 0.25 * tol_var):
            problems.append("eval mode does not normalize like the population statistics")
        if abs(f["acc_eval"] - f["bayes"]) > 5 * math.sqrt(f["bayes"] * (1 - f["bayes"]) / N_TEST) + 0.01:
            problems.append(f"eval-mode accuracy {f['acc_eval']:.3f} is far from the best possible {f['bayes']:.3f}")
    rows = {r["batch"]: r for r in f["rows"]}
    if abs(rows[1]["acc_iid"] - 0.5) > 0.01:
        problems.append("with test batches of one example, train-mode batch norm did not reduce to a coin toss")
    if f["bayes"] > 0.8:
        if not f["acc_eval"] - rows[2]["acc_iid"] > 0.05:
            problems.append("train mode with tiny test batches is not clearly worse than eval mode")
        if not max(r["acc_one_class"] for b, r in rows.items() if b >= 8) < 0.7:
            problems.append("train mode on batches of one class was not badly wrong")
        if not abs(rows[128]["acc_iid"] - f["acc_eval"]) < 0.03:
            problems.append("train mode with large random batches does not approach eval mode")
    if f["test_batch"] >= 2 and not f["out_sd_train_mode"] > 0.01:
        problems.append("in train mode, one example's output did not depend on the rest of its batch")
    return problems
