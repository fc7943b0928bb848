"""One step of annealed Langevin dynamics (Song & Ermon 2019, Algorithm 1): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def annealed_langevin_step(x, score, z, sigma, sigma_min, eps):
    """alpha = eps * sigma^2 / sigma_min^2; x + alpha / 2 * score + sqrt(alpha) * z."""
    alpha = eps * sigma**2 / sigma_min**2
    return np.asarray(x, dtype=np.float64) + 0.5 * alpha * np.asarray(score, dtype=np.float64) \
        + np.sqrt(alpha) * np.asarray(z, dtype=np.float64)


def cases(rng):
    def draw(shape):
        return rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=shape)
    return [
        Case(draw(4) + (0.01, 0.01, 2e-5), name="sigma = sigma_min"),
        Case(draw(4) + (1.0, 0.01, 2e-5), name="large noise level"),
        Case(draw((2, 3, 3)) + (float(rng.uniform(0.1, 0.5)), 0.05, 1e-3), name="images"),
        Case(draw(3)[:2] + (np.zeros(3), 0.5, 0.1, 1e-3), name="z = 0: a pure score step"),
    ]


def _noise_scaled_by_step(x, score, z, sigma, sigma_min, eps):
    alpha = eps * sigma**2 / sigma_min**2
    return x + alpha / 2 * score + alpha * z


def _step_not_annealed(x, score, z, sigma, sigma_min, eps):
    return x + eps / 2 * score + np.sqrt(eps) * z


def _ratio_inverted(x, score, z, sigma, sigma_min, eps):
    alpha = eps * sigma_min**2 / sigma**2
    return x + alpha / 2 * score + np.sqrt(alpha) * z


def _no_half(x, score, z, sigma, sigma_min, eps):
    alpha = eps * sigma**2 / sigma_min**2
    return x + alpha * score + np.sqrt(alpha) * z


MISTAKES = {
    "noise-scaled-by-step": _noise_scaled_by_step,
    "step-not-annealed": _step_not_annealed,
    "ratio-inverted": _ratio_inverted,
    "no-half": _no_half,
}
