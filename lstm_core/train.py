"""A plain training loop: sample a batch, run, loss, BPTT, clip, step; repeat.

Long sequences are cut into chunks of `bptt` steps (truncated BPTT): each chunk starts from the state the
previous chunk ended in, but gradients stop at the chunk's start.
"""
import time
from dataclasses import dataclass

import numpy as np

from .optim import OPTIMIZERS, clip_grad_norm


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 500              # optimiser steps (one per chunk)
    lr: float = 3e-3
    lr_end: float = 1.0           # learning rate at the last step, as a fraction of lr (linear decay)
    optimizer: str = "adam"       # "adam" or "sgd"
    momentum: float = 0.9         # SGD only
    clip: float = 1.0             # max gradient norm; 0 turns clipping off
    bptt: int = 0                 # chunk length for truncated BPTT; 0 = whole sequences
    seed: int = 0
    eval_every: int = 0           # call `validate` every n steps (0 = never)
    patience: int = 0             # stop after this many evaluations without improvement (0 = never)


@dataclass
class StepInfo:
    step: int
    loss: float
    grad_norm: float
    elapsed: float
    val_loss: float | None = None


def train(model, sample, loss_fn, cfg=TrainConfig(), callback=None, validate=None):
    """model: SequenceModel. sample(rng) -> (x (T, B, D), y) for one batch of sequences.
    loss_fn(outputs, y) -> (loss, d_outputs). callback(StepInfo) returning True stops training;
    validate() -> loss, used for early stopping with cfg.patience. Returns the list of StepInfo."""
    rng = np.random.default_rng(cfg.seed)
    params = model.parameters()
    opt_kwargs = {"momentum": cfg.momentum} if cfg.optimizer == "sgd" else {}
    opt = OPTIMIZERS[cfg.optimizer](params, lr=cfg.lr, **opt_kwargs)
    history, best, stale, start = [], np.inf, 0, time.perf_counter()
    step = 0
    while step < cfg.steps:
        x, y = sample(rng)
        state = (None, None)
        for xs, ys in chunks(x, y, cfg.bptt):
            opt.lr = cfg.lr * (1 - (1 - cfg.lr_end) * step / cfg.steps)
            trace, out = model.forward(xs, *state)
            loss, d_out = loss_fn(out, ys)
            grads = model.backward(trace, d_out)
            norm = clip_grad_norm(grads, cfg.clip, names=list(params))
            opt.step(grads)
            state = (trace.h_n, trace.c_n)          # carried forward, gradient stops here
            step += 1
            info = StepInfo(step, loss, norm, time.perf_counter() - start)
            if validate and cfg.eval_every and step % cfg.eval_every == 0:
                info.val_loss = float(validate())
                best, stale = (info.val_loss, 0) if info.val_loss < best else (best, stale + 1)
            history.append(info)
            if (callback and callback(info)) or (cfg.patience and stale >= cfg.patience) or step >= cfg.steps:
                return history
    return history


def chunks(x, y, length):
    """Consecutive (x, y) pieces of `length` steps along time (all of it when length is 0).
    y is cut along time too when it has a time axis matching x."""
    T = x.shape[0]
    if not length or length >= T:
        yield x, y
        return
    timed = np.ndim(y) >= 2 and np.shape(y)[0] == T
    for start in range(0, T, length):
        stop = min(start + length, T)
        yield x[start:stop], (y[start:stop] if timed else y)
