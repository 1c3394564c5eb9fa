"""Why a network did what it did: each tool here rests on one exact identity, stated in its docstring and
tested exactly (float64) in tests/test_analysis.py.

- memory_ledger / gru_ledger: a state taken apart into what each earlier step wrote and how much of it
  survived; the parts sum to the state.
- half_lives: how many steps back a unit's memory keeps at least half of what was written.
- connectivity / prediction_connectivity: how strongly each input step moves one output (a gradient norm,
  the engine's own backward, equal to autograd).
- rank_units: which units track a hypothesis (ROC AUC or Pearson r), all units at once.
- hypothesis_support: on how many steps, in how many separate runs, a yes/no hypothesis holds and does not.
- gate_saturation: how often each gate is nearly shut or nearly open.
- gradient_reach: how strongly the last output depends on each earlier hidden state (vanishing gradients).
"""
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .numerics import check_finite
from .trace import Trace

NO_LEDGER = {
    "gru": "a GRU has no separate cell state: its h mixes the old state and the candidate by the update gate "
           "(h_t = (1 - z_t) n_t + z_t h_{t-1}); gru_ledger takes that h apart instead",
    "rnn": "a vanilla RNN has no additive memory: h_t = tanh(W x_t + U h_{t-1} + b) rewrites the whole state at "
           "every step, so it cannot be taken apart into surviving writes",
}


# ------------------------------------------------------------------------------------------- ledger

@dataclass
class Ledger:
    """A state at step t taken apart: state = writes.sum(axis=0) + initial.

    writes[j] is what step steps[j] wrote (i * g for an LSTM, (1 - z) * n for a GRU) times the fraction of it
    that survived to step t (survival[j], the product of the keep gates of the steps processed after it);
    initial is the starting state (c_{-1} or h_{-1}) times initial_survival, the product of every keep gate
    up to and including step t's. Arrays have the trace's batch and unit axes after the step axis."""
    t: int
    steps: np.ndarray             # (n,) the step (in text order) of each write, ascending
    writes: np.ndarray            # (n, [B,] H)
    survival: np.ndarray          # (n, [B,] H)
    initial: np.ndarray           # ([B,] H)
    initial_survival: np.ndarray  # ([B,] H)

    @property
    def state(self):
        """The sum the ledger stands for: the state at step t (equal to the trace's, up to rounding)."""
        return self.writes.sum(axis=0) + self.initial


def memory_ledger(trace, t, layer=0, direction=0):
    """An LSTM's cell state at step t as the sum of what every earlier step wrote and how much of it survived:

        c_t = sum_{k=0..t} (f_{k+1} * ... * f_t) * i_k * g_k  +  (f_0 * ... * f_t) * c_{-1}

    (elementwise; unroll c_k = f_k * c_{k-1} + i_k * g_k). writes[k] is the k-th term, initial the last one, so
    writes.sum(axis=0) + initial equals trace.gates(layer, direction)["c"][t] up to rounding.

    t is a step of the text, as everywhere in a Trace (trace.gates(...)["c"][t]). "Earlier" means earlier in
    processing order: for the reverse direction (direction=1) the cell at step t has seen steps T-1, T-2, ..., t,
    so the writes come from steps t..T-1, each surviving the forget gates of the steps between it and t, and
    c_{-1} is the reverse direction's initial state, applied before step T-1. Ledger.steps names the step of
    each write, in ascending text order either way. Needs a trace made with record=True."""
    kind = trace.config.kind
    if kind != "lstm":
        raise ValueError(f"memory_ledger takes an LSTM's cell state apart, and {NO_LEDGER[kind]}")
    return _ledger(trace, t, layer, direction, keep="f")


def gru_ledger(trace, t, layer=0, direction=0):
    """A GRU's hidden state at step t taken apart the same way, with the update gate z as the keep gate:

        h_t = sum_{k=0..t} (z_{k+1} * ... * z_t) * (1 - z_k) * n_k  +  (z_0 * ... * z_t) * h_{-1}

    (unroll PyTorch's h_k = (1 - z_k) * n_k + z_k * h_{k-1}). Unlike an LSTM's cell, this h is also what the
    gates read, so the writes n_k themselves depend on the older state. t and the reverse direction as in
    memory_ledger."""
    if trace.config.kind != "gru":
        raise ValueError(f"gru_ledger takes a GRU's trace apart; this is a {trace.config.kind.upper()}'s")
    return _ledger(trace, t, layer, direction, keep="z")


def half_lives(trace, t, layer=0, direction=0):
    """Each unit's memory half-life at step t: the smallest n >= 1 such that what was written n steps before t
    (in processing order) keeps less than half of itself at t, i.e. f_{t-n+1} * ... * f_t < 1/2 for an LSTM
    (the update gate z for a GRU). n = t + 1 stands for the initial state (its survival is f_0 * ... * f_t).
    Returns float64 ([B,] H), np.inf where even that product stays >= 1/2: the unit still holds more than half
    of what it had before the text began. A forget gate below 1/2 at step t gives 1; gates of 1 give inf."""
    kind = trace.config.kind
    if kind not in ("lstm", "gru"):
        raise ValueError(f"half_lives needs a gated memory (LSTM or GRU), and {NO_LEDGER['rnn']}")
    rec, s = _processed(trace, t, layer, direction)
    keep = rec.named()["f" if kind == "lstm" else "z"][:s + 1]             # (s+1, B, H) processing order
    kept = _cumprod_in_time(keep[::-1], np.float64)                         # kept[n-1]: product of the last n
    below = kept < 0.5
    n = np.argmax(below, axis=0) + 1.0                                      # first n below one half
    n[~below.any(axis=0)] = np.inf
    return n if trace.batched else n[0]


def _cumprod_in_time(a, dtype):
    """np.cumprod(a, axis=0, dtype=dtype) for a (T, ...), bit for bit (the same products in the same order), in
    half the time: NumPy accumulates along the last axis of a contiguous array twice as fast as down axis 0."""
    along = np.ascontiguousarray(np.moveaxis(a, 0, -1), dtype=dtype)
    return np.moveaxis(np.cumprod(along, axis=-1, out=along), -1, 0)


def _processed(trace, t, layer, direction):
    """(record, index of step t in processing order), after checking t and that the trace was recorded."""
    rec = trace.record(layer, direction)
    if not trace.recorded:
        raise ValueError("this trace was made with record=False: run again with record=True")
    T = trace.steps
    _check_step(t, T)
    return rec, (T - 1 - int(t) if direction else int(t))


def _ledger(trace, t, layer, direction, keep):
    rec, s = _processed(trace, t, layer, direction)
    g = rec.named()
    k = g[keep][:s + 1]                                                     # (s+1, B, H) processing order
    if keep == "f":
        written, start = g["i"][:s + 1] * g["g"][:s + 1], rec.c0            # i_k * g_k, c_{-1}
    else:
        written, start = (1 - k) * g["n"][:s + 1], rec.h0                   # (1 - z_k) * n_k, h_{-1}
    survival = np.empty_like(written)
    survival[s] = 1                                                         # the write of step t itself
    if s:
        survival[s - 1::-1] = _cumprod_in_time(k[s:0:-1], survival.dtype)  # survival[j] = k_{j+1} ... k_s
    initial_survival = survival[0] * k[0]
    writes = survival * written
    if direction:                                                           # text order: steps t..T-1
        writes, survival = writes[::-1], survival[::-1]
    steps = np.arange(int(t), trace.steps) if direction else np.arange(0, int(t) + 1)
    edge = (lambda a: a) if trace.batched else (lambda a: a[..., 0, :])
    return Ledger(int(t), steps, edge(writes), edge(survival), edge(initial_survival * start),
                  edge(initial_survival))


# --------------------------------------------------------------------------------------- connectivity

class PredictionConnectivity(NamedTuple):
    norms: np.ndarray       # (T,) ||d log p(predicted) / d x_k||_2 for every step k
    predicted: int          # index of the most probable next symbol at step t
    probability: float      # its probability


def connectivity(net, x, t, d_output, h0=None, c0=None, trace=None):
    """How strongly each input step moves one output. For the scalar

        s = sum_j d_output[j] * output[t, j]

    entry k of the result is ||ds/dx_k||_2, the L2 norm over input features of the gradient of s with respect
    to the input at step k: (T,) for x (T, D), (T, B) for x (T, B, D), where s is taken for each sequence on its
    own. Entries after t are 0 for a one-direction network (output[t] has not read them); a bidirectional one
    reads them through its reverse direction.

    The gradient is the engine's own backward (net.backward(...)["input"] with d_output at step t), equal to
    autograd. For a one-direction network only steps 0..t are run and backpropagated. trace: a recorded
    net.run(x, h0, c0) already made, to skip the forward."""
    x = np.asarray(x)
    if x.ndim not in (2, 3):
        raise ValueError(f"x has shape {x.shape}, expected (T, {net.config.input_size}) or "
                         f"(T, B, {net.config.input_size})")
    T = x.shape[0]
    _check_step(t, T)
    trace = _trace_through(net, x, t, h0, c0, trace)
    return _connectivity(net, trace, int(t), d_output, T)


def prediction_connectivity(model, x, t, trace=None):
    """connectivity() of a character model's own prediction at step t: d_output is the gradient of
    log p(k | input up to t) with respect to output[t], where k is the most probable next character (argmax)
    and p = softmax(head_weight @ output[t] + head_bias):

        d log p_k / d output[t] = head_weight[k] - sum_j p_j head_weight[j]

    x: the network's input (T, D), whatever made it (one-hot rows or an embedding's rows), or the text itself
    (then model.text_inputs(text) makes it). -> PredictionConnectivity(norms (T,), predicted, probability)."""
    if isinstance(x, str):
        x = model.text_inputs(x)[0]
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"x has shape {x.shape}: prediction_connectivity takes one sequence (T, D)")
    _check_step(t, x.shape[0])
    trace = _trace_through(model.net, x, t, None, None, trace)
    logits = model.head_weight @ trace.output[t] + model.head_bias          # (V,)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    k = int(np.argmax(logits))
    d_output = model.head_weight[k] - p @ model.head_weight                 # through log softmax, then the head
    return PredictionConnectivity(_connectivity(model.net, trace, int(t), d_output, x.shape[0]), k, float(p[k]))


def _check_step(t, T):
    if isinstance(t, bool) or not isinstance(t, int | np.integer) or not 0 <= t < T:
        raise ValueError(f"t must be a step, an integer in 0..{T - 1}, got {t!r}")


def _trace_through(net, x, t, h0, c0, trace):
    """A recorded trace covering at least steps 0..t (all steps for a bidirectional network)."""
    steps = x.shape[0] if net.config.bidirectional else int(t) + 1
    if trace is None:
        return net.run(x[:steps], h0, c0)
    if not trace.recorded or trace.steps != x.shape[0] or trace.output.ndim != x.ndim:
        raise ValueError("trace must be a recorded run of this network on this x (record=True, same shape)")
    return _first_steps(trace, steps)


def _first_steps(trace, n):
    """The trace of steps 0..n-1 only (views, no copies): what a one-direction network did up to step n-1."""
    if n == trace.steps:
        return trace
    cut = ("x", "pre", "act", "h", "c", "tanh_c", "m", "ghn")
    records = [replace(rec, **{k: getattr(rec, k)[:n] for k in cut if getattr(rec, k) is not None})
               for rec in trace.records]
    return Trace(trace.config, records, trace._output[:n], trace._h_n, trace._c_n, trace.batched, trace.clamps)


def trace_window(trace, start, stop):
    """The record of steps start..stop-1 of a one-direction network's run, as if the run had started there
    from its recorded state after step start-1 (views of the trace's arrays, no copies): what
    net.run(x[start:stop], h0, c0) records from that state, without running those steps again.

    connectivity(net, x[start:stop], t - start, d_output, trace=trace_window(trace, start, t + 1)) then
    backpropagates through the window only: the app shades the last few hundred characters before the cursor,
    whose gradients do not depend on anything before the window (the state there is fixed)."""
    cfg = trace.config
    if cfg.bidirectional:
        raise ValueError("a bidirectional run has no window of its own: its reverse direction starts at the end")
    if not trace.recorded:
        raise ValueError("trace_window needs a trace made with record=True")
    if trace.clamps:
        raise ValueError("trace_window does not take a run with clamped units: their steps count from the start")
    if isinstance(start, bool) or isinstance(stop, bool) or not 0 <= start < stop <= trace.steps:
        raise ValueError(f"the window must be steps start..stop-1 with 0 <= start < stop <= {trace.steps}, "
                         f"got {start!r}..{stop!r}")
    cut = ("x", "pre", "act", "h", "c", "tanh_c", "m", "ghn")
    records = []
    for rec in trace.records:
        since = {"h0": rec.h0 if start == 0 else rec.h[start - 1]}
        if rec.c0 is not None:
            since["c0"] = rec.c0 if start == 0 else rec.c[start - 1]
            since["c_last"] = rec.c[stop - 1]
        records.append(replace(rec, **since, **{k: getattr(rec, k)[start:stop] for k in cut
                                                if getattr(rec, k) is not None}))
    h_n = np.stack([rec.h[-1] for rec in records])
    c_n = np.stack([rec.c[-1] for rec in records]) if cfg.kind == "lstm" else None
    return Trace(cfg, records, trace._output[start:stop], h_n, c_n, trace.batched)


def _connectivity(net, trace, t, d_output, T):
    O = trace.output.shape[-1]
    d_output = np.asarray(d_output)
    if d_output.shape != (O,) or not np.issubdtype(d_output.dtype, np.number):
        raise ValueError(f"d_output has shape {d_output.shape}, expected ({O},): one weight per output feature")
    check_finite("d_output", d_output)
    dy = np.zeros(trace.output.shape, net.dtype)
    dy[t] = d_output                                                        # s = sum_j d_output[j] * output[t, j]
    dx = net.backward(trace, dy)["input"]                                   # (n, [B,] D)
    norms = np.zeros((T, *dx.shape[1:-1]))
    norms[:dx.shape[0]] = np.linalg.norm(dx, axis=-1)
    return norms


# --------------------------------------------------------------------------------------- unit ranking

def rank_units(states, labels):
    """How well each unit tracks each hypothesis, every unit at once.

    states: (T, H), or a stack (K, T, H) (say c and h); labels: (T,) or M hypotheses (M, T).
    Boolean labels -> each unit's ROC AUC: the probability that the unit is higher at a random step where the
    label holds than at a random step where it does not, ties counting one half (the Mann-Whitney U with average
    ranks, divided by n_true * n_false). 0.5 is chance, 1 a perfect detector, below 0.5 a unit that tracks the
    opposite. Labels that are all True or all False give 0.5.
    Numeric labels -> Pearson's r. A constant unit or constant labels give 0 (no NaN).
    Returns float64 ([K,] [M,] H): the stack axis and the hypothesis axis only when given."""
    states, labels = np.asarray(states), np.asarray(labels)
    if states.ndim not in (2, 3) or not _is_real(states):
        raise ValueError(f"states must be real numbers shaped (T, H) or (K, T, H), got {states.dtype} {states.shape}")
    if labels.ndim not in (1, 2) or labels.shape[-1] != states.shape[-2] or not (
            labels.dtype == bool or _is_real(labels)):
        raise ValueError(f"labels must be booleans or numbers shaped (T,) or (M, T) with T = {states.shape[-2]} "
                         f"(the steps of states), got {labels.dtype} {labels.shape}")
    check_finite("states", states)
    check_finite("labels", labels)
    stack = states if states.ndim == 3 else states[None]                    # (K, T, H)
    units = stack.transpose(0, 2, 1)                                        # (K, H, T) view: one row per unit
    hyp = labels if labels.ndim == 2 else labels[None]                      # (M, T)
    scores = _auc(units, hyp) if labels.dtype == bool else _pearson(units, hyp)   # (K, H, M)
    out = scores.transpose(0, 2, 1)                                         # (K, M, H)
    return out[(slice(None) if states.ndim == 3 else 0, slice(None) if labels.ndim == 2 else 0)]


MIN_SUPPORT_STEPS = 10    # steps where a yes/no hypothesis holds, and where it does not, before an AUC means much
MIN_SUPPORT_RUNS = 2      # separate runs of each: one block (a docstring) is one event, however long


class Support(NamedTuple):
    """What an AUC rests on: the steps where the hypothesis holds and fails, and the separate runs of each."""
    holds: int
    fails: int
    runs_holds: int
    runs_fails: int

    @property
    def enough(self):
        """At least MIN_SUPPORT_STEPS of each, in at least MIN_SUPPORT_RUNS runs of each. Below that an AUC of
        1.00 is easy to get by chance (4 line breaks: one unit in a hundred orders 4 steps above the rest), and
        one long block is one event, so a high score is not evidence."""
        return (min(self.holds, self.fails) >= MIN_SUPPORT_STEPS
                and min(self.runs_holds, self.runs_fails) >= MIN_SUPPORT_RUNS)


def hypothesis_support(labels):
    """(T,) booleans -> Support: how many steps hold and fail, and in how many separate runs (maximal blocks
    of consecutive equal labels) each comes."""
    labels = np.asarray(labels, bool)
    if labels.ndim != 1:
        raise ValueError(f"labels must be booleans shaped (T,), got {labels.shape}")
    starts = np.flatnonzero(np.diff(labels.astype(np.int8))) + 1           # where a new run begins
    firsts = labels[np.r_[0, starts]] if len(labels) else labels            # the value of each run
    holds = int(labels.sum())
    return Support(holds, len(labels) - holds, int(firsts.sum()), int(len(firsts) - firsts.sum()))


def _is_real(a):
    return (np.issubdtype(a.dtype, np.number) or a.dtype == bool) and not np.iscomplexobj(a)


def _auc(units, hyp):
    """(..., T) values, (M, T) booleans -> (..., M) AUC = (rank sum of the positives - n1 (n1 + 1) / 2) / (n1 n0)."""
    T = units.shape[-1]
    # Ranks are multiples of 1/2 and their sum is at most T (T + 1) / 2: below 2^23, float32 holds every partial
    # sum exactly, so the product in float32 (half the memory to scatter) is exact.
    dtype = np.float32 if T * (T + 1) < 1 << 24 else np.float64
    positives = hyp.astype(dtype)
    n1 = hyp.sum(axis=1).astype(np.float64)
    n0 = T - n1
    u = (average_ranks(units, dtype) @ positives.T) - n1 * (n1 + 1) / 2     # Mann-Whitney U per unit and label
    pairs = n1 * n0
    return np.where(pairs > 0, u / np.where(pairs > 0, pairs, 1), 0.5)


def _pearson(units, hyp):
    """(..., T), (M, T) numbers -> (..., M) Pearson r; 0 where a unit or a hypothesis is constant."""
    x = units.astype(np.float64, order="C")
    x -= x.mean(axis=-1, keepdims=True)
    y = hyp.astype(np.float64)
    y -= y.mean(axis=-1, keepdims=True)
    sx, sy = np.sqrt(np.einsum("...t,...t->...", x, x)), np.sqrt(np.einsum("mt,mt->m", y, y))
    # Constant means max == min (a mean of equal numbers need not round to that number, so sx may not be 0).
    sx[np.ptp(units, axis=-1) == 0] = np.inf
    sy[np.ptp(hyp, axis=-1) == 0] = np.inf
    return np.clip((x @ y.T) / (sx[..., None] * sy), -1.0, 1.0)


# Types whose every value a float64 holds with its low 29 mantissa bits zero (float32 has 23 mantissa bits).
PACKABLE = {np.dtype(t) for t in (np.float32, np.float16, np.int8, np.int16, np.uint8, np.uint16, np.bool_)}
INDEX_BITS = 29


def average_ranks(values, dtype=np.float64):
    """Ranks 1..T along the last axis, tied values sharing the average of their ranks (values' shape, in dtype).

    The sort is the cost. For float32 (and narrower) values it is one plain sort instead of an argsort: each
    value goes into a float64 whose spare low mantissa bits hold its step index, so sorting those numbers sorts
    the values and carries the permutation along (the index bits never reach the bits that tell float32 values
    apart, so distinct values keep their order and equal values stay side by side). The rows are independent:
    a large input is ranked in blocks of rows on RANK_THREADS threads (NumPy's sort lets go of the interpreter
    lock), since a person waits for the unit finder."""
    shape, T = values.shape, values.shape[-1]
    rows = values.reshape(-1, T)                    # one copy of a transposed stack: reading it strided costs more
    out = np.empty(rows.shape, dtype)
    blocks = [slice(a, a + RANK_BLOCK) for a in range(0, rows.shape[0], RANK_BLOCK)]
    if rows.size >= PARALLEL_RANKS and len(blocks) > 1 and RANK_THREADS > 1:
        list(_rank_pool().map(lambda rows_of: _rank_rows(rows[rows_of], out[rows_of]), blocks))
    else:
        for rows_of in blocks:
            _rank_rows(rows[rows_of], out[rows_of])
    return out.reshape(shape)


RANK_BLOCK = 256                 # rows ranked together (a thread takes one block at a time)
PARALLEL_RANKS = 1 << 19         # values from which the blocks go to threads (below that, starting them costs more)
RANK_THREADS = min(2, os.cpu_count() or 1)
_POOL_LOCK = threading.Lock()


def _rank_pool():
    with _POOL_LOCK:
        if not hasattr(_rank_pool, "pool"):
            _rank_pool.pool = ThreadPoolExecutor(RANK_THREADS, thread_name_prefix="rank-units")
        return _rank_pool.pool


def _rank_rows(rows, out):
    """average_ranks of the rows (N, T) into out (N, T)."""
    N, T = rows.shape
    if rows.dtype in PACKABLE and T < 1 << INDEX_BITS:
        packed = rows.astype(np.float64)                                    # (N, T), exact
        packed += 0.0                                                       # -0 -> +0: one tie group for zero
        bits = packed.view(np.uint64)
        bits |= np.arange(T, dtype=np.uint64)
        packed.sort(axis=1)
        order = (bits & np.uint64((1 << INDEX_BITS) - 1)).view(np.int64)    # the permutation
        bits >>= np.uint64(INDEX_BITS)                                      # the values again, without the index
        tied = bits[:, 1:] == bits[:, :-1]
    else:
        order = np.argsort(rows, axis=1)
        ordered = np.take_along_axis(rows, order, axis=1)
        tied = ordered[:, 1:] == ordered[:, :-1]
    np.put_along_axis(out, order, np.broadcast_to(np.arange(1, T + 1, dtype=out.dtype), (N, T)), axis=1)
    if tied.any():
        places, run_rank = _tied_places(tied)                               # flat (row, place) and their rank
        rows_start = places - places % T
        out.reshape(-1)[rows_start + order.reshape(-1)[places]] = run_rank


def _tied_places(tied):
    """tied (N, T-1): sorted value j+1 equals value j in its row -> (flat places n * T + j of every value in a run
    of equal values, the average rank 1..T of its run). Only the runs are touched: ties are usually few."""
    T = tied.shape[1] + 1
    n, j = np.nonzero(tied)
    pair = n * T + j                                                        # place of the first value of each pair
    breaks = np.flatnonzero(np.diff(pair) != 1)                             # runs never cross rows (a gap of 2)
    first = pair[np.r_[0, breaks + 1]]
    last = pair[np.r_[breaks, pair.size - 1]] + 1
    length = last - first + 1
    rank = (first + last) / 2 - first // T * T + 1                         # average place in the row, from 1
    offset = np.repeat(first - np.r_[0, np.cumsum(length)[:-1]], length)
    return np.arange(length.sum()) + offset, np.repeat(rank, length)


# ------------------------------------------------------------------------------------------ saturation

SIGMOID_GATES = ("i", "f", "o", "r", "z")


class Saturation(NamedTuple):
    low: np.ndarray    # (H,) fraction of steps with the gate below `low`: nearly shut
    high: np.ndarray   # (H,) fraction of steps with the gate above `high`: nearly open


def gate_saturation(gates, low=0.1, high=0.9):
    """Per unit and gate, the fraction of steps where the gate is below `low` (left-saturated: nearly shut) and
    above `high` (right-saturated: nearly open), as in Karpathy, Johnson & Fei-Fei (2015), "Visualizing and
    Understanding Recurrent Networks", fig. 4. A gate that is often saturated acts like a switch.

    gates: trace.gates(layer, direction), or any {name: array (T, [B,] H)}; the sigmoid gates in it (i, f, o of
    an LSTM; r, z of a GRU) are counted over every step and sequence. -> {name: Saturation(low, high)}."""
    if not 0 <= low < high <= 1:
        raise ValueError(f"need 0 <= low < high <= 1, got low={low}, high={high}")
    found = [name for name in SIGMOID_GATES if name in gates]
    if not found:
        raise ValueError(f"no sigmoid gate among {sorted(gates)}: gate_saturation counts {', '.join(SIGMOID_GATES)} "
                         "(a vanilla RNN has no gates)")
    out = {}
    for name in found:
        a = np.asarray(gates[name])
        values = a.reshape(-1, a.shape[-1])                                 # every step and sequence, per unit
        out[name] = Saturation(np.mean(values < low, axis=0), np.mean(values > high, axis=0))
    return out


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
    c_prev = np.concatenate([rec.c0, c[:-1]])                               # c_{t-1} of every step
    # Local derivatives of every step at once, torch gate order i, f, g (per dc) and o (per dm = dL/d(o tanh c)).
    k_ifg = np.stack([gg * i * (1 - i), c_prev * f * (1 - f), i * (1 - gg * gg)], axis=1)   # (T, 3, H)
    k_o = tanh_c * o * (1 - o)
    k_c = o * (1 - tanh_c * tanh_c)                                         # through h_t = o * tanh(c_t)
    H = c.shape[1]
    dpre = np.empty(4 * H, c.dtype)
    dpre_ifg, dpre_o = dpre[:3 * H].reshape(3, H), dpre[3 * H:]
    w_hhT = np.ascontiguousarray(p.w_hh.T)
    dc = np.zeros(H, c.dtype)
    for t in range(c.shape[0] - 1, 0, -1):                                  # step t: (h_{t-1}, c_{t-1}) -> h_t, c_t
        dm = dh if p.w_hr is None else dh @ p.w_hr                          # through the projection
        dc += dm * k_c[t]
        np.multiply(k_ifg[t], dc, out=dpre_ifg)
        np.multiply(k_o[t], dm, out=dpre_o)
        dh = w_hhT @ dpre                                                   # into h_{t-1}
        dc *= f[t]                                                          # into c_{t-1}
        yield t - 1, dh


def _gru_reach_steps(rec, p, dh):
    H = rec.h.shape[-1]
    r, z, n = (rec.act[:, 0, k * H:(k + 1) * H] for k in range(3))
    h, ghn = rec.h[:, 0], rec.ghn[:, 0]
    h_prev = np.concatenate([rec.h0, h[:-1]])
    k_n = (1 - z) * (1 - n * n)                                             # d pre_n per dh, through n = tanh(.)
    k_z = (h_prev - n) * z * (1 - z)                                        # d pre_z per dh
    k_r = ghn * r * (1 - r)                                                 # d pre_r per d pre_n
    dgh = np.empty(3 * H, h.dtype)                                          # on W_h* h + b_h*: r, z, n
    w_hhT = np.ascontiguousarray(p.w_hh.T)
    for t in range(h.shape[0] - 1, 0, -1):                                  # h_t = (1 - z) n + z h_{t-1}
        dpre_n = dh * k_n[t]
        np.multiply(dpre_n, k_r[t], out=dgh[:H])                            # through r
        np.multiply(dh, k_z[t], out=dgh[H:2 * H])                           # through z
        np.multiply(dpre_n, r[t], out=dgh[2 * H:])                          # into W_hn h + b_hn
        dh = w_hhT @ dgh + dh * z[t]                                        # into h_{t-1}
        yield t - 1, dh


def _rnn_reach_steps(rec, p, dh):
    h, pre = rec.h[:, 0], rec.pre[:, 0]
    local = 1 - h * h if rec.nonlinearity == "tanh" else (pre > 0).astype(h.dtype)
    for t in range(h.shape[0] - 1, 0, -1):
        dh = p.w_hh.T @ (dh * local[t])                                     # through the nonlinearity, into h_{t-1}
        yield t - 1, dh


# ------------------------------------------------------------------------------------------- erasures

class Erase(NamedTuple):
    step: int           # t: the forget gate at t dropped part of c_{t-1}
    unit: int
    f: float            # f_t of the unit
    before: float       # c_{t-1}: what the unit held
    dropped: float      # (1 - f_t) * c_{t-1}: what was taken out


def erased(f, c, c_initial=None):
    """(T, H): what the forget gate took out of each unit's memory at each step, (1 - f_t) * c_{t-1}, signed,
    with c_{-1} = c_initial (zeros when not given). Identity: c_t = c_{t-1} - erased_t + i_t * g_t."""
    return (1 - np.asarray(f)) * _held(c, c_initial)


def _held(c, c_initial):
    """(T, H): c_{t-1} at every step t."""
    c = np.asarray(c)
    before = np.empty_like(c)
    before[0] = 0 if c_initial is None else c_initial
    before[1:] = c[:-1]
    return before


def largest_erase(f, c, units=None, c_initial=None, most_kept=0.5, held=0.5):
    """The largest real erase among `units` (default: all): the step t and unit where the forget gate took the
    most out of the memory, |(1 - f_t) c_{t-1}|, among the steps where it was below `most_kept` on a unit that
    held at least `held` in absolute value. -> Erase, or None when the text has no such step (a gate that closed
    on an empty memory, as at the first step of a text, erases nothing)."""
    cols = np.arange(np.shape(c)[1]) if units is None else np.asarray(list(units), dtype=int)
    f, before = np.asarray(f)[:, cols], _held(c, c_initial)[:, cols]
    dropped = (1 - f) * before
    size = np.where((f < most_kept) & (np.abs(before) >= held), np.abs(dropped), -1.0)
    t, k = np.unravel_index(int(np.argmax(size)), size.shape)
    if size[t, k] < 0:
        return None
    return Erase(int(t), int(cols[k]), float(f[t, k]), float(before[t, k]), float(dropped[t, k]))
