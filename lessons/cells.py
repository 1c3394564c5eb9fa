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


# ------------------------------------------------------------------------- cells written out by hand (mistakes)

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def hard_sigmoid(z):
    """Keras's old default recurrent_activation: clip(0.2 z + 0.5, 0, 1), a cheap bounded stand-in for σ."""
    return np.clip(0.2 * z + 0.5, 0.0, 1.0)


def relu(z):
    return np.maximum(z, 0.0)


def hand_lstm(p, x, gate=sigmoid, forget=None, stop_above=1e12):
    """One layer of an LSTM written out step by step (PyTorch's rows i, f, g, o), with `gate` in place of σ for
    i, f and o, and the forget gate held at `forget` when it is a number (1.0: the 1997 cell's fixed self-weight).
    p: lstm_core LayerParams; x: (T, D). Stops early once |c| passes `stop_above` (it is then said, not hidden).
    -> {gate: (steps run, H) for i, f, g, o, c, h}."""
    H = p.w_hh.shape[1]
    h, c = np.zeros(H), np.zeros(H)
    rec = {k: [] for k in "ifgoch"}
    for x_t in np.asarray(x, np.float64):
        z = p.w_ih @ x_t + p.b_ih + p.w_hh @ h + p.b_hh                    # (4H,)
        i, f, g, o = gate(z[:H]), gate(z[H:2 * H]), np.tanh(z[2 * H:3 * H]), gate(z[3 * H:])
        if forget is not None:
            f = np.full(H, float(forget))
        c = f * c + i * g
        h = o * np.tanh(c)
        for k, v in zip("ifgoch", (i, f, g, o, c, h), strict=True):
            rec[k].append(v)
        if not np.all(np.isfinite(c)) or np.abs(c).max() > stop_above:
            break
    return {k: np.array(v) for k, v in rec.items()}


def article000_weights(hidden_size, seed=0):
    """The four matrices of article 000's cell (lines 57-63), H x H each so that one matrix can multiply both h and
    x as the article's code does, drawn as PyTorch draws an LSTM's weights, U(-1/sqrt(H), 1/sqrt(H))."""
    rng = np.random.default_rng(seed)
    k = 1 / np.sqrt(hidden_size)
    return {name: rng.uniform(-k, k, (hidden_size, hidden_size))
            for name in ("weights_forget", "weights_input", "weights_output", "weights_cell")}


def article000_lstm(x, w):
    """Article 000's cell, lines 57-67, wired exactly as written (column vectors instead of its row vectors):
        forget_gate = σ(W_forget h + W_input x)       input_gate = σ(W_input h + W_input x)
        output_gate = σ(W_output h + W_output x)      cell_input = tanh(W_cell h + W_cell x)
    and no biases. So `weights_input` serves the x-terms of the forget and input gates and both terms of the input
    gate, and the input gate, the output gate and the candidate each see only the sum h + x.
    x: (T, H). -> {gate: (T, H)} for i, f, g, o, c, h."""
    H = w["weights_input"].shape[0]
    h, c = np.zeros(H), np.zeros(H)
    rec = {k: [] for k in "ifgoch"}
    for x_t in np.asarray(x, np.float64):
        f = sigmoid(w["weights_forget"] @ h + w["weights_input"] @ x_t)
        i = sigmoid(w["weights_input"] @ h + w["weights_input"] @ x_t)
        o = sigmoid(w["weights_output"] @ h + w["weights_output"] @ x_t)
        g = np.tanh(w["weights_cell"] @ h + w["weights_cell"] @ x_t)
        c = f * c + i * g
        h = o * np.tanh(c)
        for k, v in zip("ifgoch", (i, f, g, o, c, h), strict=True):
            rec[k].append(v)
    return {k: np.array(v) for k, v in rec.items()}


def own_weights_lstm(x, seed=0):
    """The same size of cell wired as an LSTM is (PyTorch's nn.LSTM): every gate and the candidate with its own
    input and recurrent matrices and biases, same initialisation. x: (T, H) -> {gate: (T, H)}."""
    H = x.shape[1]
    net = RecurrentNet.create("lstm", H, H, seed=seed, dtype="float64")
    return hand_lstm(net.layer_params(0, 0), x)
