"""Constants shared by the sandbox tests (a plain module: tests/ has no packages)."""

from __future__ import annotations

import os
import secrets

SECRET_VAR = "BYHAND_TEST_SECRET"
SECRET = "s3cr3t-" + secrets.token_hex(8)
os.environ[SECRET_VAR] = SECRET  # before any zygote starts

CORRECT = """
import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
"""
