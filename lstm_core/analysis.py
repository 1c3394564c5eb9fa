"""Why a network did what it did: each tool here rests on one exact identity, stated in its docstring and
tested exactly (float64) in tests/test_analysis.py.

- memory_ledger / gru_ledger: a state taken apart into what each earlier step wrote and how much of it
  survived; the parts sum to the state.
- half_lives: how many steps back a unit's memory keeps at least half of what was written.
- connectivity / prediction_connectivity: how strongly each input step moves one output (a gradient norm,
  the engine's own backward, equal to autograd).
- rank_units: which units track a hypothesis (ROC AUC or Pearson r), all units at once.
- gate_saturation: how often each gate is nearly shut or nearly open.
- gradient_reach: how strongly the last output depends on each earlier hidden state (vanishing gradients).
"""
import numpy as np

# ------------------------------------------------------------------------------------- gradient reach

def gradient_reach(net, x, h0=None, c0=None):
    """For a one-layer, one-direction network and one sequence x (T, D): entry t of the result (T,) is

        reach[t] = || d sum(output[T-1]) / d h_t ||_2

    where h_t is the hidden state passed on from step t (to step t+1 and to output[t]). The derivative treats
    h_t as an independent variable: as if h_t + e_t were passed on and we differentiated by e_t at e_t = 0.
    For an LSTM the cell state c_t is held at its own value: the gradient reaches h_t through every later step
    along both paths (h and c) of steps t+1..T-1, but the part that flows back into c_t is not added to h_t,
    because h_t does not determine c_t (c_t is made from h_{t-1}, c_{t-1} and x_t). So reach[T-1] = sqrt(H_out)
    (output[T-1] is h_{T-1}) and reach[t] for t < T-1 is |W_hh^T dpre_{t+1}|, the gradient that step t+1's
    gates hand back. Vanishing gradients show as reach falling with T-1-t.

    Computed by a small dedicated backward pass that keeps every step's dh (the engine's backward returns only
    the gradient on the initial state); tests compare it with PyTorch autograd where each h_t gets a zero leaf
    added to it."""
    cfg = net.config
    if cfg.num_layers != 1 or cfg.bidirectional:
        raise ValueError(f"gradient_reach needs a one-layer, one-direction network; this one has "
                         f"{cfg.num_layers} layer(s) and {cfg.directions} direction(s)")
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"gradient_reach takes one sequence x of shape (T, {cfg.input_size}), got shape {x.shape}")
    trace = net.run(x, h0, c0)
    rec = trace.records[0]
    p = net.layer_params(0, 0)
    T = trace.steps
    dh_last = np.ones(cfg.output_size, rec.h.dtype)                         # d sum(output[T-1]) / d h_{T-1}
    reach = np.empty(T, np.float64)
    reach[T - 1] = np.linalg.norm(dh_last)
    step_back = {"lstm": _lstm_reach_steps, "gru": _gru_reach_steps, "rnn": _rnn_reach_steps}[cfg.kind]
    for t, dh in step_back(rec, p, dh_last):
        reach[t] = np.linalg.norm(dh)
    return reach


def _lstm_reach_steps(rec, p, dh):
    """Yield (t, dL/dh_t) for t = T-2 .. 0, carrying dc (on c_t, through later steps) alongside."""
    g = rec.named()
    i, f, gg, o, c, tanh_c = (g[k][:, 0] for k in ("i", "f", "g", "o", "c", "tanh_c"))
    dc = np.zeros(c.shape[1], c.dtype)
    for t in range(c.shape[0] - 1, 0, -1):                                  # step t: (h_{t-1}, c_{t-1}) -> h_t, c_t
        dm = dh if p.w_hr is None else p.w_hr.T @ dh                        # through the projection
        dc = dc + dm * o[t] * (1 - tanh_c[t] ** 2)                          # through h_t = o * tanh(c_t)
        dpre = np.concatenate([dc * gg[t] * i[t] * (1 - i[t]),              # torch order i, f, g, o
                               dc * c[t - 1] * f[t] * (1 - f[t]),
                               dc * i[t] * (1 - gg[t] ** 2),
                               dm * tanh_c[t] * o[t] * (1 - o[t])])
        dh = p.w_hh.T @ dpre                                                # into h_{t-1}
        dc = dc * f[t]                                                      # into c_{t-1}
        yield t - 1, dh


def _gru_reach_steps(rec, p, dh):
    H = rec.h.shape[-1]
    r, z, n = (rec.act[:, 0, k * H:(k + 1) * H] for k in range(3))
    h, ghn = rec.h[:, 0], rec.ghn[:, 0]
    for t in range(h.shape[0] - 1, 0, -1):                                  # h_t = (1 - z) n + z h_{t-1}
        dpre_n = dh * (1 - z[t]) * (1 - n[t] ** 2)                          # through n = tanh(.)
        dgh = np.concatenate([dpre_n * ghn[t] * r[t] * (1 - r[t]),          # through r
                              dh * (h[t - 1] - n[t]) * z[t] * (1 - z[t]),   # through z
                              dpre_n * r[t]])                               # into W_hn h + b_hn
        dh = p.w_hh.T @ dgh + dh * z[t]                                     # into h_{t-1}
        yield t - 1, dh


def _rnn_reach_steps(rec, p, dh):
    h, pre = rec.h[:, 0], rec.pre[:, 0]
    local = 1 - h * h if rec.nonlinearity == "tanh" else (pre > 0).astype(h.dtype)
    for t in range(h.shape[0] - 1, 0, -1):
        dh = p.w_hh.T @ (dh * local[t])                                     # through the nonlinearity, into h_{t-1}
        yield t - 1, dh
