"""Push a batch through a deep MLP initialized with Var(W) = c / fan_in for several c,
and follow the spread of the pre-activations forward and of the gradients backward."""

import numpy as np

GAINS = (0.5, 1.0, 2.0, 3.0)  # c in Var(W) = c / fan_in
RIGHT = {"relu": 2.0, "tanh": 1.0}  # He et al. 2015 for ReLU; Xavier/Glorot 2010 (square layers) for tanh


def _act(z, activation):
    return np.maximum(z, 0.0) if activation == "relu" else np.tanh(z)


def _dact(z, a, activation):
    return (z > 0).astype(z.dtype) if activation == "relu" else 1.0 - a ** 2


def _net(rng, x, depth, c, activation):
    width = x.shape[1]
    Ws = [rng.normal(0.0, np.sqrt(c / width), size=(width, width)) for _ in range(depth)]
    zs, acts, a = [], [], x
    for W in Ws:
        z = a @ W
        a = _act(z, activation)
        zs.append(z)
        acts.append(a)
    # backward from a random upstream gradient at the last pre-activation
    g = rng.normal(size=zs[-1].shape)
    grads = [g]
    for layer in range(depth - 1, 0, -1):
        g = (g @ Ws[layer].T) * _dact(zs[layer - 1], acts[layer - 1], activation)
        grads.append(g)
    z_std = np.array([z.std() for z in zs])
    g_std = np.array([g.std() for g in grads[::-1]])
    return z_std, g_std


def run(fig, words, activation="relu", depth=30, width=256, batch=64):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(batch, width))
    layers = np.arange(1, depth + 1)
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2)
    curves = []
    for c, color in zip(GAINS, ("tab:blue", "tab:orange", "tab:green", "tab:red")):
        z_std, g_std = _net(rng, x, depth, c, activation)
        is_right = c == RIGHT[activation]
        name = {2.0: " (He)", 1.0: " (Xavier/LeCun)"}.get(c, "")
        label = f"Var(W) = {c:g}/fan_in{name}"
        style = dict(color=color, lw=2.5 if is_right else 1.2)
        ax1.semilogy(layers, z_std, **style, label=label)
        ax2.semilogy(layers, g_std, **style, label=label)
        # growth per layer of the spread, fitted on log std
        rate = float(np.exp(np.polyfit(layers, np.log(z_std), 1)[0])) if depth > 1 else float("nan")
        curves.append({"c": c, "first_std": float(z_std[0]), "last_std": float(z_std[-1]),
                       "first_grad_std": float(g_std[0]), "last_grad_std": float(g_std[-1]),
                       "rate": rate})
    ax1.set_xlabel(words("layer"))
    ax1.set_ylabel(words("forward_y"))
    ax1.set_title(words("forward_title", activation=activation, width=width))
    ax1.legend(fontsize=7, loc="best")
    ax2.set_xlabel(words("layer"))
    ax2.set_ylabel(words("backward_y"))
    ax2.set_title(words("backward_title"))
    fig.tight_layout()
    return {"activation": activation, "depth": int(depth), "width": int(width), "curves": curves,
            "right_gain": RIGHT[activation]}


def check(findings):
    problems = []
    depth, width = findings["depth"], findings["width"]
    by_c = {cv["c"]: cv for cv in findings["curves"]}
    # A finite layer only has the predicted variance on average: log(std) drifts down by about
    # depth/width and wanders like a random walk of size about sqrt(depth/width). Allow for both.
    tol = 1.2 * depth / width + 4 * np.sqrt(depth / width)
    if findings["activation"] == "relu":
        for c, cv in by_c.items():
            predicted = (depth - 1) * 0.5 * np.log(c / 2)  # Var(z_{l+1}) = c/2 · Var(z_l) for ReLU
            observed = np.log(cv["last_std"] / cv["first_std"])
            if abs(observed - predicted) > tol:
                problems.append(f"c={c:g}: log(last std / first std) = {observed:.2f}, "
                                f"not (depth−1)/2 · log(c/2) = {predicted:.2f}")
        if depth >= 10 and not (by_c[1.0]["last_std"] < by_c[2.0]["last_std"] < by_c[3.0]["last_std"]):
            problems.append("smaller weights did not give smaller activations in the last layer")
    else:
        per_layer = lambda a, b: (a / b) ** (1 / (depth - 1))  # noqa: E731
        if depth >= 5 and not per_layer(by_c[0.5]["last_std"], by_c[0.5]["first_std"]) < 0.75:
            problems.append("tanh with Var(W) = 0.5/fan_in did not shrink geometrically (factor ≤ sqrt(0.5) per layer)")
        expected = by_c[1.0]["first_std"] / np.sqrt(2 * depth - 1)  # q_l ≈ q_1 / (2l − 1) with q_1 ≈ 1
        if abs(np.log(by_c[1.0]["last_std"] / expected)) > tol:
            problems.append(f"tanh with Var(W) = 1/fan_in: last std {by_c[1.0]['last_std']:.3g} "
                            f"is far from the predicted slow decay {expected:.3g}")
        big = by_c[3.0]
        if not big["last_std"] < np.sqrt(3.0):
            problems.append("tanh with Var(W) = 3/fan_in: the pre-activations grew beyond sqrt(3), "
                            "although |tanh| < 1 bounds Var(z) by 3")
        if depth >= 10 and not per_layer(big["first_grad_std"], big["last_grad_std"]) > 1.0:
            problems.append("tanh with Var(W) = 3/fan_in: the gradients did not grow on the way back")
    return problems
