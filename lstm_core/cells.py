"""One layer, one direction of LSTM, GRU and Elman RNN: forward and backward side by side.

Every function here works in *processing order* on batched arrays: x is (T, B, D), states are (B, H).
The network (network.py) reverses time for the backward direction and stacks layers.

Equations, with the names used below (PyTorch's definitions):

LSTM   i = σ(W_ii x + b_ii + W_hi h + b_hi)      f = σ(W_if x + b_if + W_hf h + b_hf)
       g = tanh(W_ig x + b_ig + W_hg h + b_hg)   o = σ(W_io x + b_io + W_ho h + b_ho)
       c' = f * c + i * g                        h' = o * tanh(c')     (with proj_size: h' = W_hr (o * tanh(c')))
GRU    r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
       n = tanh(W_in x + b_in + r * (W_hn h + b_hn))                   h' = (1 - z) * n + z * h
RNN    h' = tanh or relu(W_ih x + b_ih + W_hh h + b_hh)
"""
from dataclasses import dataclass

import numpy as np

from .numerics import sigmoid

# LSTM gate blocks are kept internally as (o, i, f, g): the three sigmoid gates side by side, and the three
# gates whose gradient comes through c (i, f, g) side by side too. PyTorch's row order is (i, f, g, o).
LSTM_INTERNAL_FROM_TORCH = (3, 0, 1, 2)
LSTM_TORCH_FROM_INTERNAL = (1, 2, 3, 0)


@dataclass
class LayerParams:
    """PyTorch-layout weights of one layer and direction."""
    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray
    w_hr: np.ndarray | None = None  # LSTM proj_size only


class Hold:
    """Units of one layer and direction held at fixed values from a step on (RecurrentNet.run(clamp=...)).

    cell and hidden: lists of (start, index, values): from processing step `start` on, state[index] = values
    right after the state is computed, so the held value is what is recorded and passed on. `index` and the
    shape of `values` fit the loop's layout (units first for the LSTM, batch first for GRU and RNN)."""

    def __init__(self, cell=(), hidden=()):
        self.cell_fixes, self.hidden_fixes, self.step = list(cell), list(hidden), 0

    def cell(self, c):
        """Called once per step on the new cell state, before h is made from it."""
        for start, index, values in self.cell_fixes:
            if self.step >= start:
                c[index] = values

    def hidden(self, h):
        """Called once per step on the new hidden state, last: it also counts the step."""
        for start, index, values in self.hidden_fixes:
            if self.step >= start:
                h[index] = values
        self.step += 1


@dataclass
class LayerRecord:
    """Every value of one layer and direction, in processing order. With record=False, the per-step
    arrays (act, c, m, ghn) hold only the last step and `recorded` is False. An LSTM's act and tanh_c
    are derived on first use (activations(), cell_tanh()) from pre and c, and its pre, c, h and m are
    (T, B, units) views of (T, units, B) arrays (see lstm_forward)."""
    kind: str
    x: np.ndarray          # (T, B, D) input as processed
    h0: np.ndarray         # (B, H_out)
    c0: np.ndarray | None  # (B, H)       LSTM
    pre: np.ndarray        # (T, B, G*H)  pre-activations (LSTM internal order o, i, f, g; GRU r, z, n)
    act: np.ndarray | None  # (T, B, G*H) gate activations, same order; LSTM: None until activations()
    h: np.ndarray          # (T, B, H_out)
    c_last: np.ndarray | None = None
    c: np.ndarray | None = None       # (T, B, H)  LSTM cell state
    tanh_c: np.ndarray | None = None  # (T, B, H)  LSTM; None until cell_tanh()
    m: np.ndarray | None = None       # (T, B, H)  LSTM with projection: o * tanh(c) before W_hr
    ghn: np.ndarray | None = None     # (T, B, H)  GRU: W_hn h + b_hn, the part the reset gate scales
    recorded: bool = True
    nonlinearity: str = "tanh"        # RNN: "tanh" or "relu"

    def activations(self):
        """(T, B, G*H) gate activations. An LSTM records only its pre-activations (less memory to fill while
        running) and derives the activations from them on first use, bit for bit as its forward did."""
        if self.act is None:
            self.act = lstm_activations(self.pre)
        return self.act

    def cell_tanh(self):
        """(T, B, H) tanh(c) of an LSTM, likewise derived from c on first use (np.tanh is elementwise, so
        the values are those the forward used)."""
        if self.tanh_c is None:
            self.tanh_c = np.tanh(self.c)
        return self.tanh_c

    def named(self):
        """Views by gate/state name (processing order)."""
        if self.kind == "lstm":
            H = self.c.shape[-1]
            o, i, f, g = (self.activations()[..., k * H:(k + 1) * H] for k in range(4))
            out = {"i": i, "f": f, "g": g, "o": o, "c": self.c, "tanh_c": self.cell_tanh(), "h": self.h}
            if self.m is not None:
                out["m"] = self.m
            return out
        if self.kind == "gru":
            H = self.h.shape[-1]
            r, z, n = (self.act[..., k * H:(k + 1) * H] for k in range(3))
            return {"r": r, "z": z, "n": n, "h": self.h}
        return {"h": self.h}

    def named_pre(self):
        """Pre-activations by gate name (processing order); for RNN the key is 'h'."""
        if self.kind == "rnn":
            return {"h": self.pre}
        names = ("o", "i", "f", "g") if self.kind == "lstm" else ("r", "z", "n")
        H = self.pre.shape[-1] // len(names)
        return {name: self.pre[..., k * H:(k + 1) * H] for k, name in enumerate(names)}


def reorder_blocks(a, order, n):
    """Rows (or entries) of `a` taken in blocks of n, in the given block order."""
    return np.concatenate([a[k * n:(k + 1) * n] for k in order])


def previous(first, seq):
    """(T, ...) values of the step before each step: first, seq[0], ..., seq[T-2]."""
    return np.concatenate([first[None], seq[:-1]])


def internal_rows(w, H, scale=None):
    """PyTorch's (4H, n) LSTM weight in internal gate order (rows times `scale`), built block by block
    in one new array (weights can be megabytes)."""
    out = np.empty_like(w)
    for k, src in enumerate(LSTM_INTERNAL_FROM_TORCH):
        block, dst = w[src * H:(src + 1) * H], out[k * H:(k + 1) * H]
        if scale is None:
            np.copyto(dst, block)
        else:
            np.multiply(block, scale[k * H:(k + 1) * H, None], out=dst)
    return out


def steps_before(first, seq, t0, t1):
    """Values of the step before each of steps t0..t1-1: seq[t0-1:t1-1], with `first` before step 0."""
    if t0 > 0:
        return seq[t0 - 1:t1 - 1]
    return np.concatenate([first[None], seq[:t1 - 1]])


def chunk_steps(T, B, G, floats=1 << 18):
    """Steps per chunk of the backward: about `floats` gradient values (1 MB in float32), so that a
    chunk's buffers stay in cache while its GEMMs still have enough rows."""
    return max(1, min(T, floats // (B * G)))


def input_projection(x, w_ih, bias):
    """One GEMM for all steps: (T, B, D) @ (D, G*H) + bias -> (T, B, G*H)."""
    T, B, D = x.shape
    pre = x.reshape(T * B, D) @ w_ih.T
    pre += bias                                                             # in place: no second (T, B, G*H)
    return pre.reshape(T, B, -1)


def input_projection_units_major(x, w_ih, bias):
    """As input_projection, but (T, G*H, B): each step's projection with units first."""
    T, B, D = x.shape
    if B == 1:                                                              # (T, 1, G*H) is (T, G*H, 1)
        return input_projection(x, w_ih, bias).reshape(T, -1, 1)
    pre = np.matmul(w_ih, x.transpose(0, 2, 1))                             # one (G*H, D) @ (D, B) per step
    pre += bias[:, None]
    return pre


def weight_grads(dpre, x, h_prev, w_ih):
    """Gradients shared by every cell, all steps at once: (dW_ih, dW_hh, db, dx)."""
    T, B, G = dpre.shape
    d2 = dpre.reshape(T * B, G)
    dw_ih = d2.T @ x.reshape(T * B, -1)
    dw_hh = d2.T @ h_prev.reshape(T * B, -1)
    dx = (d2 @ w_ih).reshape(T, B, -1)
    return dw_ih, dw_hh, d2.sum(axis=0), dx


# ---------------------------------------------------------------------------------------------- LSTM

def lstm_activations(pre, out=None):
    """(..., 4H) true pre-activations (o, i, f, g) -> activations, with the same operations as
    lstm_forward: halving the σ rows is exact, so tanh sees the very values it saw there."""
    H = pre.shape[-1] // 4
    a = pre.copy() if out is None else out
    if out is not None:
        np.copyto(a, pre)
    sig = a[..., :3 * H]
    sig *= 0.5
    np.tanh(a, out=a)
    sig *= 0.5
    sig += 0.5                                                              # o, i, f
    return a


def lstm_forward(x, p, h0, c0, record=True, hold=None):
    T, B, _ = x.shape
    H = p.w_ih.shape[0] // 4
    # Sigmoid rows are pre-scaled by 1/2 (exact in floating point) so that one tanh over all four gates
    # gives every activation: σ(z) = 0.5 + 0.5 * tanh(z / 2).
    half = np.ones(4 * H, dtype=x.dtype)
    half[:3 * H] = 0.5
    w_ih = internal_rows(p.w_ih, H, half)                                   # (4H, D)
    w_hh = internal_rows(p.w_hh, H, half)                                   # (4H, H_out)
    bias = reorder_blocks(p.b_ih + p.b_hh, LSTM_INTERNAL_FROM_TORCH, H) * half
    # The loop works unit-major, every per-step array (units, B): each gate is one contiguous block
    # whatever B is, so no elementwise step runs over strided rows. The record keeps these (T, units, B)
    # arrays and hands out (T, B, units) views of them; for B = 1 both orders are the same memory.
    pre = input_projection_units_major(x, w_ih, bias)                       # (T, 4H, B), halved σ rows
    slots = T if record else 1
    c = np.empty((slots, H, B), x.dtype)
    m = None if p.w_hr is None else np.empty((slots, H, B), x.dtype)
    h = np.empty((T, w_hh.shape[1], B), x.dtype)
    # The activations and tanh(c) of one step live in small reused buffers (the record keeps pre and c and
    # derives them: fewer fresh pages to fill); o, i, f, g are fixed views, so the loop slices nothing.
    a, rec = np.empty((4 * H, B), x.dtype), np.empty((4 * H, B), x.dtype)
    ig, tct = np.empty((H, B), x.dtype), np.empty((H, B), x.dtype)
    sig, o, i, f, g = a[:3 * H], a[:H], a[H:2 * H], a[2 * H:3 * H], a[3 * H:]

    def steps(seq):
        """Per-step views of a record, or its one slot at every step when not recording."""
        return list(seq) if len(seq) == T else [seq[0]] * T

    # Per step: one GEMM and nine in-place ufuncs; names bound locally and `out` passed by position,
    # because at B = 1 the call overhead is most of the time.
    dot, tanh, mul, add = np.dot, np.tanh, np.multiply, np.add
    h_prev, c_prev = h0.T, c0.T                                             # (units, B)
    for z, ct, mt, ht in zip(pre, steps(c), steps(h if m is None else m), h, strict=True):
        dot(w_hh, h_prev, rec)
        add(z, rec, z)                                                      # z = W_ih x + b + W_hh h
        tanh(z, a)
        mul(sig, 0.5, sig)
        add(sig, 0.5, sig)                                                  # o, i, f = σ; g = tanh
        mul(f, c_prev, ct)                                                  # f * c
        mul(i, g, ig)                                                       # i * g
        add(ct, ig, ct)                                                     # c' = f * c + i * g
        if hold is not None:
            hold.cell(ct)                                                   # clamped units: h' is made from the held c
        tanh(ct, tct)
        mul(o, tct, mt)                                                     # h' = o * tanh(c')
        if m is not None:
            dot(p.w_hr, mt, ht)                                             # h' = W_hr (o * tanh(c'))
        if hold is not None:
            hold.hidden(ht)
        h_prev, c_prev = ht, ct
    if record:
        pre[:, :3 * H] *= 2                                                 # back to true pre-activations

    def batch_major(seq):
        return None if seq is None else seq.transpose(0, 2, 1)             # (T, units, B) -> (T, B, units)

    return LayerRecord("lstm", x, h0, c0, batch_major(pre), None, batch_major(h), c_last=c_prev.T.copy(),
                       c=batch_major(c), m=batch_major(m), recorded=record)


def lstm_backward(r, p, dh_out, dh_last, dc_last):
    """Gradients of one LSTM layer-direction. dh_out: (T, B, H_out) from above; dh_last, dc_last: on the
    final states. Returns (grads by PyTorch suffix-less name, dx, dh0, dc0).

    Time is walked back in chunks of steps: each chunk's local derivatives and gradient buffer are small
    enough to stay in cache and are reused, so the backward touches no fresh memory of size T (fresh pages
    cost more than the arithmetic here), and the weight gradients are still a few large GEMMs."""
    T, B, D = r.x.shape
    H = r.c.shape[-1]
    H_out = r.h.shape[-1]
    w_hh = internal_rows(p.w_hh, H)                                         # (4H, H_out)
    w_ih = internal_rows(p.w_ih, H)                                         # (4H, D)
    dw_ih = np.zeros((4 * H, D), r.x.dtype)
    dw_hh = np.zeros((4 * H, H_out), r.x.dtype)
    db = np.zeros(4 * H, r.x.dtype)
    dw_hr = None if p.w_hr is None else np.zeros_like(p.w_hr)
    dx = np.empty(r.x.shape, r.x.dtype)                                     # C order: filled through reshapes
    S = chunk_steps(T, B, 4 * H)
    dpre_buf = np.empty((S, B, 4 * H), r.x.dtype)                           # (S, B, 4H)
    dc_from_dh_buf, scratch_buf = np.empty((S, B, H), r.x.dtype), np.empty((S, B, H), r.x.dtype)
    act_buf = np.empty((S, B, 4 * H), r.x.dtype) if r.act is None else None
    tanh_c_buf = np.empty((S, B, H), r.x.dtype) if r.tanh_c is None else None
    dh_all_buf = None if p.w_hr is None else np.empty((S, B, H_out), r.x.dtype)
    dh, dc = dh_last.copy(), dc_last.copy()
    dm = dh if p.w_hr is None else np.empty((B, H), r.x.dtype)             # dL/d(o * tanh(c))
    dc_ifg, tmp = dc[:, None, :], np.empty((B, H), r.x.dtype)               # dc for the i, f, g blocks
    dot, mul, add = np.dot, np.multiply, np.add
    for t1 in range(T, 0, -S):
        t0 = max(0, t1 - S)
        n = t1 - t0
        a = r.act[t0:t1] if act_buf is None else lstm_activations(r.pre[t0:t1], out=act_buf[:n])
        o, i, f, g = (a[..., k * H:(k + 1) * H] for k in range(4))          # (n, B, H) each
        tanh_c = r.tanh_c[t0:t1] if tanh_c_buf is None else np.tanh(r.c[t0:t1], out=tanh_c_buf[:n])
        c_prev = steps_before(r.c0, r.c, t0, t1)
        dpre, dc_from_dh, one_minus = dpre_buf[:n], dc_from_dh_buf[:n], scratch_buf[:n]
        dpre_o, dpre_i, dpre_f, dpre_g = (dpre[..., k * H:(k + 1) * H] for k in range(4))
        # Local derivatives of this chunk, all steps at once, written where dpre will be: the loop below
        # multiplies them in place by dh (o) and dc (i, f, g) as it carries dh and dc back in time.
        # (`out=` everywhere: no temporaries.)
        mul(tanh_c, o, out=dpre_o)
        dpre_o *= np.subtract(1, o, out=one_minus)                          # d pre_o per dh
        mul(g, i, out=dpre_i)
        dpre_i *= np.subtract(1, i, out=one_minus)                          # d pre_i per dc
        mul(c_prev, f, out=dpre_f)
        dpre_f *= np.subtract(1, f, out=one_minus)                          # d pre_f per dc
        mul(g, g, out=dpre_g)
        np.subtract(1, dpre_g, out=dpre_g)
        dpre_g *= i                                                         # d pre_g per dc
        mul(tanh_c, tanh_c, out=dc_from_dh)
        np.subtract(1, dc_from_dh, out=dc_from_dh)
        dc_from_dh *= o                                                     # through tanh(c)
        dpre4 = dpre.reshape(n, B, 4, H)
        dh_all = None if dh_all_buf is None else dh_all_buf[:n]
        # Per-step views made once and names bound locally, as in lstm_forward.
        rows = zip(dh_out[t0:t1], dc_from_dh, dpre, dpre4[:, :, 0], dpre4[:, :, 1:], f, strict=True)
        for t, (dh_above, dc_dh, dpre_t, dpre_o, dpre_ifg, f_t) in reversed(list(enumerate(rows))):
            add(dh, dh_above, dh)                                           # from above and from step t+1
            if dh_all is not None:
                dh_all[t] = dh
                dot(dh, p.w_hr, dm)                                         # through the projection
            mul(dm, dc_dh, tmp)
            add(dc, tmp, dc)                                                # dc += dm * o * (1 - tanh(c)²)
            mul(dpre_o, dm, dpre_o)                                         # o
            mul(dpre_ifg, dc_ifg, dpre_ifg)                                 # i, f, g
            mul(dc, f_t, dc)                                                # into the previous c
            dot(dpre_t, w_hh, dh)                                           # into the previous h
        # Weight gradients of the chunk: GEMMs over its n * B rows.
        d2 = dpre.reshape(n * B, 4 * H)
        dw_ih += d2.T @ r.x[t0:t1].reshape(n * B, D)
        dw_hh += d2.T @ steps_before(r.h0, r.h, t0, t1).reshape(n * B, H_out)
        db += d2.sum(axis=0)
        np.dot(d2, w_ih, out=dx[t0:t1].reshape(n * B, D))
        if dw_hr is not None:
            dw_hr += dh_all.reshape(n * B, H_out).T @ r.m[t0:t1].reshape(n * B, H)
    back = LSTM_TORCH_FROM_INTERNAL
    db = reorder_blocks(db, back, H)
    grads = {"weight_ih": reorder_blocks(dw_ih, back, H), "weight_hh": reorder_blocks(dw_hh, back, H),
             "bias_ih": db, "bias_hh": db.copy()}
    if dw_hr is not None:
        grads["weight_hr"] = dw_hr
    return grads, dx, dh, dc


# ----------------------------------------------------------------------------------------------- GRU

def gru_forward(x, p, h0, c0=None, record=True, hold=None):
    T, B, _ = x.shape
    H = p.w_hh.shape[1]
    # The r and z pre-activations are sums, so b_hh's r and z parts join the input projection;
    # b_hn must stay inside r * (W_hn h + b_hn).
    bias = p.b_ih.copy()
    bias[:2 * H] += p.b_hh[:2 * H]
    gx = input_projection(x, p.w_ih, bias)                                  # (T, B, 3H)
    b_hn = p.b_hh[2 * H:]
    w_hhT = np.ascontiguousarray(p.w_hh.T)
    slots = T if record else 1
    pre = np.empty((slots, B, 3 * H), x.dtype)
    act = np.empty((slots, B, 3 * H), x.dtype)
    ghn = np.empty((slots, B, H), x.dtype)
    h = np.empty((T, B, H), x.dtype)
    gh = np.empty((B, 3 * H), x.dtype)
    h_prev = h0
    for t in range(T):
        s = t if record else 0
        zt, a = pre[s], act[s]
        np.dot(h_prev, w_hhT, out=gh)
        np.add(gx[t, :, :2 * H], gh[:, :2 * H], out=zt[:, :2 * H])
        sigmoid(zt[:, :2 * H], out=a[:, :2 * H])                           # r, z
        np.add(gh[:, 2 * H:], b_hn, out=ghn[s])
        np.multiply(a[:, :H], ghn[s], out=zt[:, 2 * H:])                    # r * (W_hn h + b_hn)
        zt[:, 2 * H:] += gx[t, :, 2 * H:]
        n = a[:, 2 * H:]
        np.tanh(zt[:, 2 * H:], out=n)
        ht = h[t]
        np.subtract(h_prev, n, out=ht)                                      # h' = n + z * (h - n)
        ht *= a[:, H:2 * H]
        ht += n
        if hold is not None:
            hold.hidden(ht)
        h_prev = ht
    return LayerRecord("gru", x, h0, None, pre, act, h, ghn=ghn, recorded=record)


def gru_backward(r, p, dh_out, dh_last, dc_last=None):
    T, B, _ = r.x.shape
    H = r.h.shape[-1]
    rr, z, n = (r.act[..., k * H:(k + 1) * H] for k in range(3))
    h_prev = previous(r.h0, r.h)
    k_n = (1 - z) * (1 - n * n)                                             # d pre_n per dh
    k_z = (h_prev - n) * z * (1 - z)                                        # d pre_z per dh
    k_r = r.ghn * rr * (1 - rr)                                             # d pre_r per d pre_n
    dgh = np.empty((T, B, 3 * H), r.act.dtype)                              # on W_h* h + b_h*
    dpre_n = np.empty((T, B, H), r.act.dtype)
    dh, direct = dh_last.copy(), np.empty((B, H), r.act.dtype)
    for t in reversed(range(T)):
        dh += dh_out[t]
        d = dgh[t]
        np.multiply(dh, k_n[t], out=dpre_n[t])                              # through n = tanh(.)
        np.multiply(dh, k_z[t], out=d[:, H:2 * H])                          # through z
        np.multiply(dpre_n[t], k_r[t], out=d[:, :H])                        # through r
        np.multiply(dpre_n[t], rr[t], out=d[:, 2 * H:])                     # into W_hn h + b_hn
        np.multiply(dh, z[t], out=direct)                                   # h' = ... + z * h
        np.dot(d, p.w_hh, out=dh)
        dh += direct
    dgx = dgh.copy()
    dgx[..., 2 * H:] = dpre_n
    dw_ih, _, db_ih, dx = weight_grads(dgx, r.x, h_prev, p.w_ih)
    dgh2 = dgh.reshape(T * B, 3 * H)
    grads = {"weight_ih": dw_ih, "weight_hh": dgh2.T @ h_prev.reshape(T * B, H),
             "bias_ih": db_ih, "bias_hh": dgh2.sum(axis=0)}
    return grads, dx, dh, None


# ----------------------------------------------------------------------------------------------- RNN

def rnn_forward(x, p, h0, c0=None, record=True, nonlinearity="tanh", hold=None):
    T, B, _ = x.shape
    pre = input_projection(x, p.w_ih, p.b_ih + p.b_hh)                      # (T, B, H)
    w_hhT = np.ascontiguousarray(p.w_hh.T)
    h = np.empty_like(pre)
    rec = np.empty(pre.shape[1:], x.dtype)
    h_prev = h0
    for t in range(T):
        np.dot(h_prev, w_hhT, out=rec)
        pre[t] += rec
        if nonlinearity == "tanh":
            np.tanh(pre[t], out=h[t])
        else:
            np.maximum(pre[t], 0, out=h[t])
        if hold is not None:
            hold.hidden(h[t])
        h_prev = h[t]
    return LayerRecord("rnn", x, h0, None, pre, h, h, recorded=record, nonlinearity=nonlinearity)


def rnn_backward(r, p, dh_out, dh_last, dc_last=None):
    T, B, _ = r.x.shape
    local = 1 - r.h * r.h if r.nonlinearity == "tanh" else (r.pre > 0).astype(r.h.dtype)
    dpre = np.empty_like(r.pre)
    dh = dh_last.copy()
    for t in reversed(range(T)):
        dh += dh_out[t]
        np.multiply(dh, local[t], out=dpre[t])                              # through the nonlinearity
        np.dot(dpre[t], p.w_hh, out=dh)                                  # into the previous h
    dw_ih, dw_hh, db, dx = weight_grads(dpre, r.x, previous(r.h0, r.h), p.w_ih)
    return {"weight_ih": dw_ih, "weight_hh": dw_hh, "bias_ih": db, "bias_hh": db.copy()}, dx, dh, None


FORWARD = {"lstm": lstm_forward, "gru": gru_forward, "rnn": rnn_forward}
BACKWARD = {"lstm": lstm_backward, "gru": gru_backward, "rnn": rnn_backward}
