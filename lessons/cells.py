"""Small networks the teaching pages compare: the three cells under PyTorch's default initialisation, an LSTM
whose forget gate starts open, networks trained on a memory task (data/compare/), and the input they all read.
NumPy and lstm_core only."""
from functools import lru_cache
from pathlib import Path

import numpy as np

from lstm_core import RecurrentNet
from lstm_core.model import SequenceModel
from lstm_core.tasks import first_symbol_task

KINDS = ("rnn", "gru", "lstm")
CELLS = ("rnn", "gru", "lstm", "lstm_forget1")
COMPARE_DIR = Path(__file__).resolve().parent.parent / "data" / "compare"
HIDDEN = 16               # the size of the trained networks in data/compare/ (tools/compare_memory.py)
SYMBOLS = 4


def set_forget_bias(net, value, layer=0):
    """An LSTM whose forget gate starts at σ(value): the forget part of bias_ih set to `value` and of bias_hh to
    0, so their sum, the bias the gate sees, is exactly `value` (Gers et al. 2000; Jozefowicz et al. 2015 use 1).
    PyTorch's rows are (i, f, g, o): the forget gate is the second block. Changes `net` in place; returns it."""
    H = net.config.hidden_size
    for direction in range(net.config.directions):
        sfx = f"l{layer}" + ("_reverse" if direction else "")
        net.params[f"bias_ih_{sfx}"][H:2 * H] = value
        net.params[f"bias_hh_{sfx}"][H:2 * H] = 0
    return net


def make_net(cell, input_size=SYMBOLS, hidden_size=HIDDEN, seed=0, dtype="float64"):
    """cell: 'rnn', 'gru', 'lstm' (PyTorch's default initialisation) or 'lstm_forget1' (forget-gate bias 1)."""
    kind = "lstm" if cell.startswith("lstm") else cell
    net = RecurrentNet.create(kind, input_size, hidden_size, seed=seed, dtype=dtype)
    if cell == "lstm_forget1":
        set_forget_bias(net, 1.0)
    return net


def as_float64(net):
    """The same network in float64 (gradients that vanish to 1e-60 underflow to zero in float32)."""
    return RecurrentNet(net.config, {k: v.astype(np.float64) for k, v in net.params.items()})


@lru_cache(maxsize=4)
def trained_model(kind):
    """The cell trained to remember the first of 20 symbols by tools/compare_memory.py (SequenceModel)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return SequenceModel.load(COMPARE_DIR / f"first_symbol_{kind}.npz")


def trained_net(kind):
    return as_float64(trained_model(kind).net)


def symbol_sequence(length, seed=0):
    """One first-symbol sequence (length, SYMBOLS) in float64 and its label: the input every cell reads."""
    x, y = first_symbol_task(1, length, SYMBOLS, np.random.default_rng(seed))
    return x[0].astype(np.float64), int(y[0])
