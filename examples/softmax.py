"""A first attempt at softmax, as many learners write it.

Check it:   byhand check softmax examples/softmax.py
Then fix it (the verdict tells you how) and check again.
"""

import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)
