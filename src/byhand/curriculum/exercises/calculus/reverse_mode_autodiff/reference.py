"""Reverse-mode automatic differentiation over a small computational graph given as data:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _forward(x, ops, args):
    """Every node's value, inputs first, in order."""
    values = list(x)
    for op, a in zip(ops, args):
        u = values[a[0]]
        if op == "add":
            values.append(u + values[a[1]])
        elif op == "sub":
            values.append(u - values[a[1]])
        elif op == "mul":
            values.append(u * values[a[1]])
        elif op == "exp":
            values.append(np.exp(u))
        elif op == "log":
            values.append(np.log(u))
        elif op == "tanh":
            values.append(np.tanh(u))
        else:
            raise ValueError(f"unknown op {op!r}")
    return values


def reverse_mode_autodiff(x, ops, args):
    """Nodes 0..len(x)-1 hold the inputs x; op t ("add", "sub", "mul", "exp", "log" or "tanh")
    applied to the earlier nodes listed in args[t] makes node len(x) + t. The output is the last node.
    Return (its value, the gradient of the output with respect to x)."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    values = _forward(x, ops, args)
    grad = np.zeros(len(values))
    grad[-1] = 1.0
    for t in reversed(range(len(ops))):
        g, a, v = grad[n + t], args[t], values[n + t]
        op = ops[t]
        if op == "add":
            grad[a[0]] += g
            grad[a[1]] += g
        elif op == "sub":
            grad[a[0]] += g
            grad[a[1]] -= g
        elif op == "mul":
            grad[a[0]] += g * values[a[1]]
            grad[a[1]] += g * values[a[0]]
        elif op == "exp":
            grad[a[0]] += g * v
        elif op == "log":
            grad[a[0]] += g / values[a[0]]
        else:  # tanh
            grad[a[0]] += g * (1.0 - v * v)
    return np.float64(values[-1]), grad[:n]


GRAPHS = {
    # name: (number of inputs, ops, args)
    "x·y + x (x used twice)": (2, ["mul", "add"], [[0, 1], [2, 0]]),
    "(a − b)·(a − b)": (2, ["sub", "mul"], [[0, 1], [2, 2]]),
    "neuron tanh(w0 x0 + w1 x1 + b)": (5, ["mul", "mul", "add", "add", "tanh"],
                                       [[0, 1], [2, 3], [5, 6], [7, 4], [8]]),
    "log(exp(a) + exp(b))": (2, ["exp", "exp", "add", "log"], [[0], [1], [2, 3], [4]]),
    "chain tanh(tanh(exp(x)))": (1, ["exp", "tanh", "tanh"], [[0], [1], [2]]),
    "x³ as (x·x)·x": (1, ["mul", "mul"], [[0, 0], [1, 0]]),
    "an unused input": (3, ["mul", "tanh"], [[0, 2], [3]]),
    "shared subexpression": (3, ["mul", "exp", "add", "log", "mul", "tanh", "sub"],
                             [[0, 1], [3], [4, 2], [5], [6, 0], [1], [7, 8]]),
}


def cases(rng):
    out = []
    for name, (n, ops, args) in GRAPHS.items():
        x = rng.normal(size=n)
        if name == "shared subexpression":
            x[2] = 1.0  # the constant 1 inside log(1 + exp(x0 x1))
        out.append(Case((x, ops, args), name=name))
    out.append(Case((rng.normal(size=1), [], []), name="no operations (the output is the input)"))
    return out


def _backprop(x, ops, args, accumulate=True, reverse=True, mul_own=False, tanh_input=False, sub_sign=True):
    n = len(x)
    values = _forward(x, ops, args)
    grad = np.zeros(len(values))
    grad[-1] = 1.0

    def send(i, amount):
        if accumulate:
            grad[i] += amount
        else:
            grad[i] = amount

    order = reversed(range(len(ops))) if reverse else range(len(ops))
    for t in order:
        g, a, v = grad[n + t], args[t], values[n + t]
        op = ops[t]
        if op == "add":
            send(a[0], g)
            send(a[1], g)
        elif op == "sub":
            send(a[0], g)
            send(a[1], -g if sub_sign else g)
        elif op == "mul":
            if mul_own:
                send(a[0], g * values[a[0]])
                send(a[1], g * values[a[1]])
            else:
                send(a[0], g * values[a[1]])
                send(a[1], g * values[a[0]])
        elif op == "exp":
            send(a[0], g * v)
        elif op == "log":
            send(a[0], g / values[a[0]])
        else:
            u = values[a[0]]
            send(a[0], g * (1 - u * u) if tanh_input else g * (1 - v * v))
    return values[-1], grad[:n]


def _overwrites(x, ops, args):
    return _backprop(x, ops, args, accumulate=False)


def _forward_order(x, ops, args):
    return _backprop(x, ops, args, reverse=False)


def _mul_own(x, ops, args):
    return _backprop(x, ops, args, mul_own=True)


def _tanh_input(x, ops, args):
    return _backprop(x, ops, args, tanh_input=True)


def _sub_sign(x, ops, args):
    return _backprop(x, ops, args, sub_sign=False)


MISTAKES = {
    "overwrites-gradient": _overwrites,
    "forward-order": _forward_order,
    "mul-own-factor": _mul_own,
    "tanh-derivative-of-input": _tanh_input,
    "sub-sign": _sub_sign,
}
