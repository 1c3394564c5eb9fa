"""Optimisers that update a {name: array} mapping in place, and gradient-norm clipping."""
import numpy as np


def clip_grad_norm(grads, max_norm, names=None):
    """Scale the gradients (in place) so their joint L2 norm is at most max_norm; returns the norm before."""
    names = list(grads) if names is None else names
    norm = float(np.sqrt(sum(float(np.sum(grads[n] * grads[n])) for n in names)))
    if max_norm and norm > max_norm:
        for n in names:
            grads[n] *= max_norm / (norm + 1e-12)
    return norm


class SGD:
    def __init__(self, params, lr=0.1, momentum=0.0):
        self.params, self.lr, self.momentum = params, lr, momentum
        self.velocity = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, grads):
        for name, p in self.params.items():
            v = self.velocity[name]
            v *= self.momentum
            v += grads[name]
            p -= self.lr * v


class Adam:
    """Adam as torch.optim.Adam (no weight decay)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.params, self.lr, self.betas, self.eps = params, lr, betas, eps
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads):
        self.t += 1
        b1, b2 = self.betas
        lr_t = self.lr * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)   # bias corrections folded in
        for name, p in self.params.items():
            g, m, v = grads[name], self.m[name], self.v[name]
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            p -= (lr_t * m / (np.sqrt(v) + self.eps * np.sqrt(1 - b2 ** self.t))).astype(p.dtype)


OPTIMIZERS = {"adam": Adam, "sgd": SGD}
