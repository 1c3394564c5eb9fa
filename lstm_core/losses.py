"""Losses: each returns (mean loss, gradient on its first argument)."""
import numpy as np

from .model import softmax


def mse(pred, target):
    diff = pred - target
    return float(np.mean(diff * diff)), 2 * diff / diff.size


def cross_entropy(logits, targets):
    """Softmax cross-entropy in nats, averaged over every position whose target is >= 0.
    logits (..., C), targets (...) integer class ids (-1 = ignore)."""
    flat, t = logits.reshape(-1, logits.shape[-1]), np.asarray(targets).reshape(-1)
    keep = np.flatnonzero(t >= 0)
    if keep.size == 0:
        return 0.0, np.zeros_like(logits)
    p = softmax(flat[keep])
    loss = -np.mean(np.log(np.maximum(p[np.arange(keep.size), t[keep]], 1e-300)))
    p[np.arange(keep.size), t[keep]] -= 1                     # d/dlogits of -log softmax
    grad = np.zeros_like(flat)
    grad[keep] = p / keep.size
    return float(loss), grad.reshape(logits.shape)


def cross_entropy_last(logits, targets):
    """Cross-entropy on the last step only: logits (T, B, C), targets (B,)."""
    loss, g_last = cross_entropy(logits[-1], targets)
    grad = np.zeros_like(logits)
    grad[-1] = g_last
    return loss, grad
