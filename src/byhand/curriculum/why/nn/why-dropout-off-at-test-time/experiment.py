"""A fixed random ReLU network with inverted dropout, evaluated on test inputs: single dropped
passes, averages of K dropped passes, and one deterministic pass with dropout switched off."""

import numpy as np

D_IN, HIDDEN, CLASSES = 32, 128, 10


def _net(rng):
    return (rng.normal(size=(D_IN, HIDDEN)) * np.sqrt(2 / D_IN),
            rng.normal(size=(HIDDEN, HIDDEN)) * np.sqrt(2 / HIDDEN),
            rng.normal(size=(HIDDEN, CLASSES)) * np.sqrt(1 / HIDDEN))


def _forward(x, weights, p, rng, where):
    """where: 'last' drops only the units feeding the (linear) output layer, 'both' also those
    feeding the second ReLU layer; rng None switches dropout off."""
    w1, w2, w3 = weights

    def drop(h):
        if rng is None or p == 0:
            return h
        return h * (rng.random(h.shape) >= p) / (1 - p)      # inverted dropout

    h1 = np.maximum(x @ w1, 0.0)
    h2 = np.maximum((drop(h1) if where == "both" else h1) @ w2, 0.0)
    return drop(h2) @ w3, h2


def run(fig, words, p=0.5, n_inputs=100, max_passes=128):
    rng = np.random.default_rng(0)
    weights = _net(rng)
    x = rng.normal(size=(n_inputs, D_IN))
    passes = np.unique(np.logspace(0, np.log10(max_passes), 9).astype(int))
    ax1 = fig.add_subplot(1, 2, 1)
    found = {}
    for where, color, marker in (("last", "tab:blue", "o"), ("both", "tab:red", "s")):
        det, h2 = _forward(x, weights, p, None, where)
        samples = np.stack([_forward(x, weights, p, rng, where)[0] for _ in range(max_passes)])
        scale = np.sqrt(np.mean(det ** 2))
        errs = [float(np.sqrt(np.mean((samples[:k].mean(axis=0) - det) ** 2)) / scale) for k in passes]
        ax1.loglog(passes, errs, marker + "-", color=color, label=words(where))
        single_class = samples.argmax(axis=2)                    # (passes, inputs)
        flips = float(np.mean(single_class != det.argmax(axis=1)[None, :]))
        avg_class = samples.mean(axis=0).argmax(axis=1)
        found[where] = {"errors": errs, "flips": flips,
                        "avg_flips": float(np.mean(avg_class != det.argmax(axis=1))),
                        "slope": float(np.polyfit(np.log(passes), np.log(errs), 1)[0]) if len(passes) > 1 and min(errs) > 0
                        else -0.5}
        if where == "last":
            # a single pass: out = Σ_j w_j m_j h_j / (1 − p); Var = p/(1 − p) · Σ_j w_j² h_j²
            predicted = np.sqrt(p / (1 - p) * np.mean((h2 ** 2) @ (weights[2] ** 2))) / scale if p > 0 else 0.0
            found[where]["predicted_single"] = float(predicted)
            ax1.loglog(passes, predicted / np.sqrt(passes), ":", color="grey", label=words("theory"))
    ax1.set_xlabel(words("passes_axis"))
    ax1.set_ylabel(words("err_axis"))
    ax1.set_title(words("avg_title", p=p, n=n_inputs), fontsize=10)
    ax1.legend(fontsize=8, loc="lower left")

    # one input: its 10 class scores over 60 single dropped passes, and with dropout off
    ax2 = fig.add_subplot(1, 2, 2)
    det, _ = _forward(x[:1], weights, p, None, "both")
    some = np.stack([_forward(x[:1], weights, p, rng, "both")[0][0] for _ in range(60)])
    jitter = rng.uniform(-0.25, 0.25, size=some.shape)
    ax2.scatter(np.arange(CLASSES)[None, :] + jitter, some, s=6, color="tab:red", alpha=0.4, label=words("single"))
    ax2.scatter(np.arange(CLASSES), det[0], s=60, marker="_", color="black", linewidths=2, label=words("off"))
    ax2.set_xticks(range(CLASSES))
    ax2.set_xlabel(words("class_axis"))
    ax2.set_ylabel(words("score_axis"))
    ax2.set_title(words("one_title", f=found["both"]["flips"]), fontsize=10)
    ax2.legend(fontsize=8, loc="best")
    fig.tight_layout()

    last, both = found["last"], found["both"]
    return {"p": float(p), "max_passes": int(passes[-1]),
            "single_err_last": last["errors"][0], "predicted_single_last": last["predicted_single"],
            "avg_err_last": last["errors"][-1], "slope_last": last["slope"],
            "single_err_both": both["errors"][0], "avg_err_both": both["errors"][-1],
            "flips_last": last["flips"], "flips_both": both["flips"], "avg_flips_both": both["avg_flips"],
            "n_inputs": int(n_inputs)}


def check(findings):
    problems = []
    p = findings["p"]
    if p == 0:
        return problems
    # one pass is a sample: its spread around the deterministic output is the predicted one
    rel = abs(findings["single_err_last"] / findings["predicted_single_last"] - 1)
    if rel > 0.2:
        problems.append(f"a single dropped pass deviates by {findings['single_err_last']:.3f} (relative RMS), "
                        f"not √(p/(1 − p) Σ w²h²) = {findings['predicted_single_last']:.3f}")
    # dropout only before the linear output layer: the average of K passes → the deterministic output, like 1/√K
    if findings["max_passes"] >= 16 and not -0.65 < findings["slope_last"] < -0.35:
        problems.append(f"averaging K dropped passes does not approach the dropout-off output like 1/√K "
                        f"(slope {findings['slope_last']:.2f})")
    # with a ReLU after a dropout, the average is only close: far closer than one pass
    if findings["max_passes"] >= 64 and not findings["avg_err_both"] < 0.5 * findings["single_err_both"]:
        problems.append("through a ReLU, the average of many dropped passes is not much closer to the "
                        "dropout-off output than a single pass")
    if p >= 0.2 and findings["n_inputs"] >= 50 and not findings["flips_both"] > 0.05:
        problems.append("single dropped passes almost never changed the predicted class")
    return problems
