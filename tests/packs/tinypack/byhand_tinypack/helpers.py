"""A helper that submissions may import in the sandbox (the pack lists its package)."""

import numpy as np


def twice(x):
    return 2.0 * np.asarray(x, dtype=np.float64)
