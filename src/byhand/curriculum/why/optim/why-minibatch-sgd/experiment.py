"""Least squares trained with several batch sizes for the same number of
examples processed, and the size of the minibatch-gradient noise against B."""

import numpy as np

BATCHES = (1, 10, 100)  # plus the full batch, n


def _problem(n, d=20, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    w_true = rng.normal(size=d)
    y = x @ w_true + 0.5 * rng.normal(size=n)
    return x, y


def _loss(x, y, w):
    r = x @ w - y
    return 0.5 * float(r @ r) / len(y)


def _train(x, y, batch, lr, epochs, rng, every):
    """Minibatch SGD over shuffled epochs; the full-data loss every `every` examples."""
    n, d = x.shape
    w = np.zeros(d)
    seen, xs, losses = 0, [0], [_loss(x, y, w)]
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            w -= lr * xb.T @ (xb @ w - yb) / len(idx)
            seen += len(idx)
            if seen % every < len(idx) or seen == n * epochs:
                xs.append(seen)
                losses.append(_loss(x, y, w))
                if not losses[-1] < 1e12:  # diverged: the learning rate is too large for this B
                    losses[-1] = np.inf
                    return np.array(xs), np.array(losses)
    return np.array(xs), np.array(losses)


def run(fig, words, n_examples=2000, epochs=5, lr=0.05):
    x, y = _problem(n_examples)
    w_star = np.linalg.lstsq(x, y, rcond=None)[0]
    best = _loss(x, y, w_star)
    every = max(1, n_examples // 20)
    ax1 = fig.add_subplot(1, 2, 1)
    final, first_epoch = {}, {}
    for b in BATCHES + (n_examples,):
        if b > n_examples:
            continue
        seen, losses = _train(x, y, b, lr, epochs, np.random.default_rng(1), every)
        label = words("full_batch", b=b) if b == n_examples else f"B = {b}"
        ax1.plot(seen / n_examples, losses - best, "-" if b < n_examples else "k--", label=label)
        final[b] = float(losses[-1] - best) if seen[-1] == n_examples * epochs else float("inf")
        first_epoch[b] = float(np.interp(n_examples, seen, losses) - best) if seen[-1] >= n_examples \
            else float("inf")
    ax1.set_yscale("log")
    ax1.set_xlabel(words("epochs_axis"))
    ax1.set_ylabel(words("gap_axis"))
    ax1.set_title(words("budget_title", lr=lr), fontsize=10)
    ax1.legend(fontsize=8)

    # the noise of a minibatch gradient (examples drawn with replacement) at w = 0
    rng = np.random.default_rng(2)
    w = np.zeros(x.shape[1])
    per_example = x * (x @ w - y)[:, None]          # each row: the gradient of one example's loss
    full = per_example.mean(axis=0)
    sizes = np.unique(np.logspace(0, np.log10(min(256, n_examples)), 10).astype(int))
    noise = []
    for b in sizes:
        idx = rng.integers(0, n_examples, size=(200, b))
        g = per_example[idx].mean(axis=1)
        noise.append(float(np.sqrt(np.mean(np.sum((g - full) ** 2, axis=1)))))
    noise = np.array(noise)
    slope = float(np.polyfit(np.log(sizes), np.log(noise), 1)[0])
    ax2 = fig.add_subplot(1, 2, 2)
    ax2.loglog(sizes, noise, "o", label=words("measured"))
    ax2.loglog(sizes, noise[0] * np.sqrt(sizes[0] / sizes), "-", lw=0.8, label="∝ 1/√B")
    ax2.set_xlabel(words("batch_axis"))
    ax2.set_ylabel(words("noise_axis"))
    ax2.set_title(words("noise_title", slope=slope), fontsize=10)
    from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter
    ax2.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax2.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax2.yaxis.set_minor_formatter(NullFormatter())
    ax2.legend(fontsize=8)
    fig.tight_layout()

    small = {f"gap_B{b}": v for b, v in final.items() if b < n_examples}
    after_one = [v for b, v in first_epoch.items() if b < n_examples]
    return {**small, "gap_full_batch": final[n_examples],
            "best_minibatch_gap_after_1_epoch": min(after_one, default=float("inf")),
            "full_batch_gap_after_1_epoch": first_epoch[n_examples],
            "noise_slope": slope}


def check(findings):
    problems = []
    if not -0.6 < findings["noise_slope"] < -0.4:
        problems.append(f"the gradient noise does not fall like 1/√B (slope {findings['noise_slope']:.2f}, "
                        "expected −0.5)")
    if not findings["best_minibatch_gap_after_1_epoch"] < findings["full_batch_gap_after_1_epoch"]:
        problems.append("after one pass over the data (n examples processed) no minibatch size had a "
                        "lower loss than full-batch gradient descent")
    return problems
