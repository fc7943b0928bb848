"""One self-attention layer on a sequence of random token vectors, fed the tokens in their
order and shuffled, with and without sinusoidal positional encodings added to the input."""

import numpy as np


def _sinusoidal(n, d):
    pos = np.arange(n)[:, None]
    i = np.arange(0, d, 2)[None, :]
    angle = pos / 10000.0 ** (i / d)
    pe = np.zeros((n, d))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, : d // 2])
    return pe


def _attention(x, wq, wk, wv):
    q, k, v = x @ wq, x @ wk, x @ wv
    s = q @ k.T / np.sqrt(q.shape[1])
    a = np.exp(s - s.max(axis=1, keepdims=True))
    a /= a.sum(axis=1, keepdims=True)
    return a @ v


def run(fig, words, n_tokens=8, d_model=32, permutations=200):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n_tokens, d_model))
    wq, wk, wv = (rng.normal(0.0, 1.0 / np.sqrt(d_model), size=(d_model, d_model)) for _ in range(3))
    pe = _sinusoidal(n_tokens, d_model)

    def layer(tokens, with_pe):
        return _attention(tokens + pe if with_pe else tokens, wq, wk, wv)

    out = {False: layer(x, False), True: layer(x, True)}
    equivariance, pooled = {False: [], True: []}, {False: [], True: []}
    for _ in range(permutations):
        perm = rng.permutation(n_tokens)
        while n_tokens > 1 and np.all(perm == np.arange(n_tokens)):
            perm = rng.permutation(n_tokens)
        for with_pe in (False, True):
            y = layer(x[perm], with_pe)               # the shuffled sentence
            base = out[with_pe]
            # equivariance: the output of the shuffled input is the shuffled output
            equivariance[with_pe].append(float(np.abs(y - base[perm]).max() / np.abs(base).max()))
            # a mean-pooled summary (as a classifier would use) of the shuffled sentence
            pooled[with_pe].append(float(np.linalg.norm(y.mean(0) - base.mean(0)) / np.linalg.norm(base.mean(0))))

    # one token moved to every position (a cyclic shift of the sequence): its own output
    moved = {False: [], True: []}
    for shift in range(n_tokens):
        order = np.roll(np.arange(n_tokens), shift)   # token 0 now sits at position `shift`
        for with_pe in (False, True):
            y = layer(x[order], with_pe)
            where = int(np.flatnonzero(order == 0)[0])
            moved[with_pe].append(float(np.linalg.norm(y[where] - out[with_pe][0]) / np.linalg.norm(out[with_pe][0])))

    floor = 1e-17
    ax1 = fig.add_subplot(1, 2, 1)
    bins = np.logspace(-17, 1, 37)
    ax1.hist(np.maximum(pooled[False], floor), bins=bins, color="tab:red", alpha=0.7, label=words("no_pe"))
    ax1.hist(np.maximum(pooled[True], floor), bins=bins, color="tab:blue", alpha=0.7, label=words("with_pe"))
    ax1.set_xscale("log")
    ax1.set_xlabel(words("pooled_axis"))
    ax1.set_ylabel(words("count_axis", k=permutations))
    ax1.set_title(words("pooled_title", n=n_tokens), fontsize=10)
    ax1.legend(fontsize=8, loc="upper center")

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.semilogy(range(n_tokens), np.maximum(moved[False], floor), "s--", color="tab:red", label=words("no_pe"))
    ax2.semilogy(range(n_tokens), np.maximum(moved[True], floor), "o-", color="tab:blue", label=words("with_pe"))
    ax2.set_xlabel(words("position_axis"))
    ax2.set_ylabel(words("moved_axis"))
    ax2.set_title(words("moved_title"), fontsize=10)
    ax2.set_ylim(floor / 3, 10)
    ax2.legend(fontsize=8, loc="center right")
    fig.tight_layout()

    return {"n_tokens": int(n_tokens),
            "equivariance_error_no_pe": max(equivariance[False]),
            "equivariance_error_min_with_pe": min(equivariance[True]),
            "pooled_change_no_pe": max(pooled[False]), "pooled_change_min_with_pe": min(pooled[True]),
            "moved_change_no_pe": max(moved[False]), "moved_change_min_with_pe": min(moved[True][1:], default=1.0)}


def check(findings):
    problems = []
    if findings["equivariance_error_no_pe"] > 1e-12:
        problems.append("without positional encodings, attention on a shuffled input was not the shuffled output "
                        f"(relative error {findings['equivariance_error_no_pe']:.2g})")
    if findings["pooled_change_no_pe"] > 1e-12:
        problems.append("without positional encodings, the mean-pooled output changed when the tokens were shuffled")
    if findings["moved_change_no_pe"] > 1e-12:
        problems.append("without positional encodings, a token's output depended on where it stood")
    if findings["n_tokens"] >= 2:
        if not findings["equivariance_error_min_with_pe"] > 1e-3:
            problems.append("with positional encodings some shuffle still gave exactly the shuffled output")
        if not findings["pooled_change_min_with_pe"] > 1e-4:
            problems.append("with positional encodings some shuffle left the mean-pooled output unchanged")
        if not findings["moved_change_min_with_pe"] > 1e-3:
            problems.append("with positional encodings a token's output did not change when it moved")
    return problems
