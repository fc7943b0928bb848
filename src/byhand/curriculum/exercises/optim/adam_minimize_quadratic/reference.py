"""Adam's whole loop (Kingma & Ba 2015, Algorithm 1) on a quadratic: the reference, its cases and its
known mistakes.  The learner's loop calls their own adam_step; the reference calls that exercise's."""

import numpy as np

from byhand import Case


def _adam_step(*args, **kwargs):
    from byhand.content.loader import load_exercise

    return load_exercise("adam_step").reference(*args, **kwargs)


def adam_minimize_quadratic(A, b, x0, steps, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08):
    """Minimize f(x) = 1/2 x^T A x - b^T x (A symmetric) with Algorithm 1: m = v = 0, then for
    t = 1..steps: g = A x - b and one Adam step.  Returns the trajectory x_0..x_steps, (steps + 1, d)."""
    A, b = np.asarray(A, dtype=np.float64), np.asarray(b, dtype=np.float64)
    x = np.asarray(x0, dtype=np.float64)
    m, v = np.zeros_like(x), np.zeros_like(x)
    path = [x]
    for t in range(1, steps + 1):
        x, m, v = _adam_step(x, A @ x - b, m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        path.append(x)
    return np.array(path)


def _problem(rng, d):
    q = rng.normal(size=(d, d))
    return q @ q.T / d + 0.5 * np.eye(d), rng.normal(size=d), rng.normal(size=d)


def cases(rng):
    def case(d, steps, name, **kwargs):
        return Case((*_problem(rng, d), steps), kwargs, name=name)

    return [
        case(3, 5, "d = 3, five steps, the defaults"),
        case(2, 1, "one step"),
        case(2, 0, "no steps: the trajectory is x0 alone"),
        case(4, 30, "30 steps, lr = 0.1", lr=0.1),
        case(1, 10, "one parameter", lr=0.05),
        case(3, 8, "other hyperparameters", lr=0.02, beta1=0.5, beta2=0.9, eps=1e-6),
    ]


# --- known mistakes ----------------------------------------------------------

def _loop(A, b, x0, steps, lr, beta1, beta2, eps, step_number, reset=False, sign=1.0):
    A, b = np.asarray(A, dtype=np.float64), np.asarray(b, dtype=np.float64)
    x = np.asarray(x0, dtype=np.float64)
    m, v = np.zeros_like(x), np.zeros_like(x)
    path = [x]
    for t in range(1, steps + 1):
        if reset:
            m, v = np.zeros_like(x), np.zeros_like(x)
        x, m, v = _adam_step(x, sign * (A @ x - b), m, v, step_number(t), lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        path.append(x)
    return np.array(path)


def _t_not_incremented(A, b, x0, steps, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08):
    return _loop(A, b, x0, steps, lr, beta1, beta2, eps, lambda t: 1)


def _moments_reset(A, b, x0, steps, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08):
    return _loop(A, b, x0, steps, lr, beta1, beta2, eps, lambda t: t, reset=True)


def _gradient_sign(A, b, x0, steps, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08):
    return _loop(A, b, x0, steps, lr, beta1, beta2, eps, lambda t: t, sign=-1.0)


MISTAKES = {
    "t-not-incremented": _t_not_incremented,
    "moments-reset-each-step": _moments_reset,
    "gradient-sign": _gradient_sign,
}
