"""Classifier-free guidance (Ho & Salimans 2022, section 3.2): the reference, its cases and its known
mistakes."""

import numpy as np

from byhand import Case


def classifier_free_guidance(eps_pred, w):
    """eps_pred = [unconditional; conditional] along axis 0; returns (1 + w) eps_cond - w eps_uncond."""
    eps_pred = np.asarray(eps_pred, dtype=np.float64)
    uncond, cond = np.split(eps_pred, 2, axis=0)
    return (1.0 + w) * cond - w * uncond


def cases(rng):
    same = rng.normal(size=(1, 3))
    return [
        Case((rng.normal(size=(4, 3)), 0.0), name="w = 0: the conditional prediction"),
        Case((rng.normal(size=(4, 5)), 1.0), name="w = 1, vectors"),
        Case((rng.normal(size=(4, 2, 3, 3)), 6.5), name="w = 6.5, images"),
        Case((rng.normal(size=(2, 4)), float(rng.uniform(0.5, 8.0))), name="batch of one"),
        Case((np.concatenate([same, same]), 3.0), name="equal predictions"),
    ]


def _scale_convention(eps_pred, w):
    uncond, cond = np.split(eps_pred, 2)
    return uncond + w * (cond - uncond)


def _halves_swapped(eps_pred, w):
    cond, uncond = np.split(eps_pred, 2)
    return cond + w * (cond - uncond)


MISTAKES = {
    "scale-convention": _scale_convention,
    "halves-swapped": _halves_swapped,
}
