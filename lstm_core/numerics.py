"""Stable activations and boundary checks shared by every cell."""
import numpy as np


def sigmoid(x, out=None):
    """Logistic function as 0.5 + 0.5 * tanh(x / 2): no exp, so no overflow for any finite x."""
    out = np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def tanh(x, out=None):
    return np.tanh(x, out=out)


def relu(x, out=None):
    return np.maximum(x, 0, out=out)


def check_finite(name, array):
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} contains {bad} NaN or infinite value(s); every value must be finite")


def check_shape(name, array, expected):
    """expected: a tuple of sizes; a string entry (such as "T") names a size that may be anything."""
    shape = np.shape(array)
    ok = len(shape) == len(expected) and all(isinstance(e, str) or e == s
                                             for e, s in zip(expected, shape, strict=True))
    if not ok:
        shown = "(" + ", ".join(str(e) for e in expected) + ("," if len(expected) == 1 else "") + ")"
        raise ValueError(f"{name} has shape {shape}, expected {shown}")
