"""One step of one layer, written as the equations read (PyTorch's definitions and gate order).

The engine (cells.py) computes the same numbers fast, over whole sequences, with fused and reordered
blocks; this module is for reading against the formulas (the /cell page shows its source beside them).
Each function returns every intermediate value by the name the equation gives it.

params: {"weight_ih", "weight_hh", "bias_ih", "bias_hh"} in PyTorch's shapes, gate blocks stacked by rows
(LSTM i, f, g, o; GRU r, z, n). x is (D,) or (B, D); states are (H,) or (B, H). `x @ W.T` is W x for x a
row vector, or for every row of a batch at once.
"""
import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + exp(-z)), written as 0.5 + 0.5 tanh(z / 2): the same number, with no overflow."""
    return 0.5 + 0.5 * np.tanh(0.5 * z)


def lstm_step(params, x, h_prev, c_prev):
    W_ii, W_if, W_ig, W_io = np.split(params["weight_ih"], 4)  # (H, D)
    W_hi, W_hf, W_hg, W_ho = np.split(params["weight_hh"], 4)  # (H, H)
    b_ii, b_if, b_ig, b_io = np.split(params["bias_ih"], 4)
    b_hi, b_hf, b_hg, b_ho = np.split(params["bias_hh"], 4)

    pre_i = x @ W_ii.T + b_ii + h_prev @ W_hi.T + b_hi
    pre_f = x @ W_if.T + b_if + h_prev @ W_hf.T + b_hf
    pre_g = x @ W_ig.T + b_ig + h_prev @ W_hg.T + b_hg
    pre_o = x @ W_io.T + b_io + h_prev @ W_ho.T + b_ho

    i = sigmoid(pre_i)              # input gate
    f = sigmoid(pre_f)              # forget gate
    g = np.tanh(pre_g)              # candidate
    o = sigmoid(pre_o)              # output gate
    c = f * c_prev + i * g          # new memory cell
    h = o * np.tanh(c)              # new hidden state
    return {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h,
            "pre_i": pre_i, "pre_f": pre_f,
            "pre_g": pre_g, "pre_o": pre_o}


def gru_step(params, x, h_prev):
    W_ir, W_iz, W_in = np.split(params["weight_ih"], 3)  # (H, D)
    W_hr, W_hz, W_hn = np.split(params["weight_hh"], 3)  # (H, H)
    b_ir, b_iz, b_in = np.split(params["bias_ih"], 3)
    b_hr, b_hz, b_hn = np.split(params["bias_hh"], 3)

    pre_r = x @ W_ir.T + b_ir + h_prev @ W_hr.T + b_hr
    pre_z = x @ W_iz.T + b_iz + h_prev @ W_hz.T + b_hz
    r = sigmoid(pre_r)              # reset gate
    z = sigmoid(pre_z)              # update gate (1 keeps h)
    hn = h_prev @ W_hn.T + b_hn     # the part r scales
    pre_n = x @ W_in.T + b_in + r * hn
    n = np.tanh(pre_n)              # candidate
    h = (1 - z) * n + z * h_prev    # new hidden state
    return {"r": r, "z": z, "n": n, "h": h, "hn": hn,
            "pre_r": pre_r, "pre_z": pre_z, "pre_n": pre_n}


def rnn_step(params, x, h_prev, nonlinearity="tanh"):
    W_ih, W_hh = params["weight_ih"], params["weight_hh"]  # (H, D), (H, H)
    b_ih, b_hh = params["bias_ih"], params["bias_hh"]

    pre_h = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    if nonlinearity == "tanh":
        h = np.tanh(pre_h)
    elif nonlinearity == "relu":
        h = np.maximum(pre_h, 0)
    else:
        raise ValueError("nonlinearity must be 'tanh' or 'relu', "
                         f"got {nonlinearity!r}")
    return {"h": h, "pre_h": pre_h}
