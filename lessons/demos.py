"""The live demonstrations of /compare and /learn: each function computes what one figure, guess or correction
shows, with the engine (lstm_core), and returns plain numbers and arrays. No Streamlit, no Plotly.

What the lesson text says about a demonstration is written down in CLAIMS (bottom): tests/test_learn.py runs every
claim, so a sentence in the lessons cannot drift away from what the engine computes.
"""
import json
import time
from functools import lru_cache

import numpy as np

from lstm_core import RecurrentNet
from lstm_core.analysis import gradient_reach, prediction_connectivity
from lstm_core.losses import cross_entropy_last
from lstm_core.model import CharVocab, SequenceModel
from lstm_core.network import GATES_PER_KIND, param_shapes
from lstm_core.optim import Adam, clip_grad_norm
from lstm_core.tasks import classify, first_symbol_task

from . import cells
from .cells import (
    COMPARE_DIR,
    HIDDEN,
    KINDS,
    SYMBOLS,
    make_net,
    set_forget_bias,
    symbol_sequence,
    trained_model,
    trained_net,
)

LESSON_TEXT = "The cell keeps what the forget gate lets through, and the output gate decides what it shows."
LESSON_PROMPT = "The output gate decides what the cell sh"


def lesson_model_name():
    """The lesson's character model (bundled with the app)."""
    return "char_shakespeare"


# ----------------------------------------------------------------------------------------- gradient flow


def by_distance(reach):
    """gradient_reach gives one value per step t; teaching figures plot it against the distance T-1-t."""
    return np.asarray(reach, np.float64)[::-1]


def reach_of(net, x):
    return by_distance(gradient_reach(net, x))


def trained_length():
    """The gap the trained cells of data/compare/ learnt (written on their cards by tools/compare_memory.py)."""
    return int(trained_model("lstm").card.gap)


def reach_settings(length=60, seed=0):
    """The three settings of /compare's gradient-flow figure: {setting: {cell: reach by distance}} for settings
    'default' (PyTorch's initialisation), 'forget1' (an LSTM whose forget-gate bias is 1, beside the same RNN and
    GRU), both on the same sequence of `length`, and 'trained' (the cells trained to remember the first symbol),
    measured on a sequence of the length they were trained on (trained_length(), drawn by the same seed): at
    other lengths they would be read outside what they learnt."""
    x, _ = symbol_sequence(length, seed)
    default = {cell: reach_of(make_net(cell, seed=seed), x) for cell in KINDS}
    forget1 = {"rnn": default["rnn"], "gru": default["gru"], "lstm_forget1": reach_of(make_net("lstm_forget1",
                                                                                               seed=seed), x)}
    xt, _ = symbol_sequence(trained_length(), seed)
    trained = {kind: reach_of(trained_net(kind), xt) for kind in KINDS}
    return {"default": default, "forget1": forget1, "trained": trained}


def latch(weight=3.0, length=60, sequences=1000, seed=0):
    """Gradient size is not memory (Bengio, Simard and Frasconi 1994). One tanh unit, h_t = tanh(w h_{t-1} + x_t)
    with w = 3, stores a bit: x_0 = +2 or -2, then noise x_t ~ U(-1, 1). Its state falls into one of two stable
    points (h near ±0.995) and stays there whatever the noise: the sign of h at the last step is the first input's,
    on every sequence. The same stability makes the gradient vanish: near a stable point each step multiplies it
    by w (1 - h^2), far below 1. -> {"kept" (share of sequences whose last h has the first input's sign),
    "left" (|dh_{T-1} / dh_0| on the first sequence, by the engine's backward), "by_hand" (the same as the
    product of w (1 - h_t^2)), "factor" (the mean factor per step over every sequence), "length"}."""
    net = RecurrentNet.create("rnn", 1, 1, dtype="float64")
    net.params.update({"weight_ih_l0": np.ones((1, 1)), "weight_hh_l0": np.full((1, 1), weight),
                       "bias_ih_l0": np.zeros(1), "bias_hh_l0": np.zeros(1)})
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(length, sequences, 1))
    bit = rng.choice([-2.0, 2.0], size=sequences)
    x[0, :, 0] = bit
    h = net.run(x, record=False).output[..., 0]                                  # (T, B)
    kept = float(np.mean(np.sign(h[-1]) == np.sign(bit)))
    steps = weight * (1 - h[1:] ** 2)                                            # d h_t / d h_{t-1}, (T-1, B)
    reach = reach_of(net, x[:, 0])                                # the engine's backward, first sequence
    return {"kept": kept, "left": float(reach[-1] / reach[0]), "by_hand": float(np.prod(steps[:, 0])),
            "factor": float(np.exp(np.mean(np.log(steps)))), "length": length}


def trained_accuracy(length=60, n=1000, seed=123):
    """Share of n first-symbol sequences of `length` whose first symbol each trained cell names: {kind: share}.
    At the length they were trained on they name it; much longer, they were never asked to."""
    x, y = first_symbol_task(n, length, SYMBOLS, np.random.default_rng(seed))
    return {kind: float(np.mean(classify(trained_model(kind), x) == y)) for kind in KINDS}


def trained_reach_left(seed=0):
    """The trained cells' gradient at the first step of a sequence of the trained length, relative to the last
    step's: {kind: reach[T-1] / reach[0]}."""
    x, _ = symbol_sequence(trained_length(), seed)
    out = {}
    for kind in KINDS:
        reach = reach_of(trained_net(kind), x)
        out[kind] = float(reach[-1] / reach[0])
    return out


def decay_per_step(reach, near=1, far=40):
    """The factor the gradient is multiplied by per step back, on average between distances `near` and `far`:
    (reach[far] / reach[near]) ** (1 / (far - near)). 0.5 halves it every step; 1 keeps it."""
    far = min(far, len(reach) - 1)
    return float((reach[far] / reach[near]) ** (1 / (far - near)))


def mean_forget(net, x):
    """Mean forget gate of an LSTM over every unit and step of x."""
    return float(net.run(x).gates()["f"].mean())


def forget_means(length=60, seed=0):
    """Mean forget gate in each setting: about 0.5 at PyTorch's initialisation (σ of a bias near 0)."""
    x, _ = symbol_sequence(length, seed)
    return {"default": mean_forget(make_net("lstm", seed=seed), x),
            "forget1": mean_forget(make_net("lstm_forget1", seed=seed), x),
            "trained": mean_forget(trained_net("lstm"), symbol_sequence(trained_length(), seed)[0])}


def scaled_rnn(scale, seed=0):
    """A vanilla RNN whose recurrent weights are PyTorch's default ones times `scale`."""
    net = make_net("rnn", seed=seed)
    net.params["weight_hh_l0"] *= scale
    return net


SCALE_GRID = tuple(float(s) for s in np.arange(0.5, 8.01, 0.5))     # the factors the pages' sliders offer
FAR = 40                 # the distance the pages read "how much is left" at (the last step if the sequence is shorter)


def far_distance(length):
    return min(FAR, length - 1)


def rnn_reach(scale=1.0, length=60, seed=0):
    """Gradient reach of a vanilla RNN with recurrent weights times `scale`: {"reach", "left20", "left40",
    "left_far", "far"}, left_d = reach at distance d / reach at distance 0 (far: 40, or the last distance)."""
    x, _ = symbol_sequence(length, seed)
    reach = reach_of(scaled_rnn(scale, seed), x)
    far = far_distance(length)
    return {"reach": reach, "left20": float(reach[min(20, far)] / reach[0]),
            "left40": float(reach[far] / reach[0]), "left_far": float(reach[far] / reach[0]), "far": far}


@lru_cache(maxsize=64)
def explode_onset(length=60, seed=0):
    """The smallest factor on the sliders' grid at which the RNN's gradient `far` steps back is larger than at the
    last step (None if none is): where exploding starts for this network and this sequence."""
    return next((s for s in SCALE_GRID if rnn_reach(s, length, seed)["left_far"] > 1), None)


def explode_criterion(scale=1.0, length=60, seed=0):
    """Pascanu, Mikolov and Bengio (2013): back through one step of h_t = tanh(W_ih x_t + W_hh h_{t-1} + b) the
    gradient is multiplied by W_hh^T diag(tanh'), and |tanh'| <= γ = 1, so after d steps its norm is at most
    (γ σ_max)^d times what it was, σ_max the largest singular value of W_hh. σ_max < 1/γ = 1: the gradient must
    vanish; σ_max > 1 is needed for it to explode, but not enough (tanh' is below 1 wherever h saturates).
    -> {"sigma" (σ_max of the default W_hh), "sigma_scaled" (of W_hh times scale), "gamma", "left" (reach far
    steps back / at the last step), "bound" ((γ σ_max)^far), "far", "onset" (explode_onset)}."""
    w = make_net("rnn", seed=seed).params["weight_hh_l0"].astype(np.float64)
    sigma = float(np.linalg.svd(w, compute_uv=False)[0])
    r = rnn_reach(scale, length, seed)
    gamma = 1.0
    return {"sigma": sigma, "sigma_scaled": scale * sigma, "gamma": gamma, "left": r["left_far"],
            "bound": float((gamma * scale * sigma) ** r["far"]), "far": r["far"], "onset": explode_onset(length, seed),
            "grows": r["left_far"] > 1}


def lstm_reach(forget_bias=1.0, length=60, seed=0):
    """An LSTM whose forget-gate bias is `forget_bias`, beside the default RNN: {"lstm", "rnn", "ratio40"} where
    ratio40 = LSTM's reach / RNN's reach at distance 40."""
    x, _ = symbol_sequence(length, seed)
    lstm = reach_of(set_forget_bias(make_net("lstm", seed=seed), forget_bias), x)
    rnn = reach_of(make_net("rnn", seed=seed), x)
    return {"lstm": lstm, "rnn": rnn, "ratio40": float(lstm[40] / rnn[40]),
            "f": float(1 / (1 + np.exp(-forget_bias)))}


# The steps the unrolled figure of step 7 draws, by distance from the last step (the others are skipped, "⋯").
UNROLLED_DISTANCES = (40, 20, 10, 4, 3, 2, 1, 0)


def gradient_paths(net, x):
    """The gradient of sum(output[T-1]) that reaches the state each step carries on, by the engine's own backward:
    for every t < T-1 the net is run again from (h_t, c_t) on x[t+1:] and backpropagated, and the gradients on its
    initial state are |dL/dh_t| and |dL/dc_t|. This treats h_t and c_t as independent variables, as
    analysis.gradient_reach does, so "h" is gradient_reach(net, x) (the curves of steps 1 and 7). -> {"h", "c"}: (T,)
    each, by distance T-1-t; "c" is None for a cell without a cell state, and 0 at distance 0 (c_{T-1} reaches
    output[T-1] only through h_{T-1}, held fixed)."""
    trace = net.run(x)
    g = trace.gates()
    T, width = len(x), trace.output.shape[-1]
    dh, dc = np.empty(T), np.zeros(T)
    dh[T - 1] = np.sqrt(width)                                  # d sum(output[T-1]) / d h_{T-1}: a vector of ones
    for t in range(T - 1):
        run = net.run(x[t + 1:], g["h"][t][None], g["c"][t][None] if "c" in g else None)
        d_out = np.zeros_like(run.output)
        d_out[-1] = 1
        grads = net.backward(run, d_out)
        dh[t] = np.linalg.norm(grads["h0"])
        if "c" in g:
            dc[t] = np.linalg.norm(grads["c0"])
    return {"h": by_distance(dh), "c": by_distance(dc) if "c" in g else None}


@lru_cache(maxsize=16)
def _c_paths(forget_bias, length, seed):
    x, _ = symbol_sequence(length, seed)
    return gradient_paths(set_forget_bias(make_net("lstm", seed=seed), forget_bias), x)


def bptt_paths(forget_bias=1.0, length=60, seed=0):
    """Step 7's unrolled network, on the sequence and networks of lstm_reach(forget_bias): the gradient that reaches
    each step's h, for both cells, is lstm_reach's own curves (the chart above the figure); the gradient that reaches
    the LSTM's c comes from gradient_paths. Each as a share of the gradient the loss hands to the last h.
    -> {"rnn": {"h"}, "lstm": {"c", "h"}} (arrays by distance), "f" (σ(forget_bias)), "length"}."""
    reach = lstm_reach(forget_bias, length, seed)
    c = _c_paths(float(forget_bias), int(length), int(seed))["c"]
    return {"rnn": {"h": reach["rnn"] / reach["rnn"][0]},
            "lstm": {"c": c / reach["lstm"][0], "h": reach["lstm"] / reach["lstm"][0]}, "f": reach["f"],
            "length": int(length)}


def paths_vs_reach(forget_bias=1.0, length=60, seed=0):
    """The c numbers of the unrolled figure come from the same backward as the reach chart's: gradient_paths' h,
    run alongside its c, against gradient_reach (relative error, 0 up to rounding)."""
    x, _ = symbol_sequence(length, seed)
    errors = []
    for net in (make_net("rnn", seed=seed), set_forget_bias(make_net("lstm", seed=seed), forget_bias)):
        h, reach = gradient_paths(net, x)["h"], reach_of(net, x)
        errors.append(float(np.max(np.abs(h - reach) / reach)))
    return {"error": max(errors)}


def lstm_explodes(scale=16.0, forget_bias=3.0, length=60, seed=0):
    """An LSTM is no guard against exploding gradients: with its forget gate open (bias 3) and recurrent weights
    times `scale`, the gradient grows with distance. {"reach", "growth"}: growth = max reach / reach at 0."""
    x, _ = symbol_sequence(length, seed)
    net = set_forget_bias(make_net("lstm", seed=seed), forget_bias)
    net.params["weight_hh_l0"] *= scale
    reach = reach_of(net, x)
    return {"reach": reach, "growth": float(reach.max() / reach[0])}


def exploding_gradients(scale, length, seed):
    """The RNN of scaled_rnn(scale) on a symbol sequence, and the engine's gradient of sum(output[T-1]) with respect
    to every parameter: -> (net, {name: gradient})."""
    x, _ = symbol_sequence(length, seed)
    net = scaled_rnn(scale, seed)
    trace = net.run(x)
    d_out = np.zeros_like(trace.output)
    d_out[-1] = 1
    return net, net.backward(trace, d_out)


def clipping(scale=6.0, max_norm=1.0, length=60, seed=0):
    """What gradient clipping does to one update of an RNN whose gradient explodes. The loss is sum(output[T-1]);
    the gradient of every parameter is computed by the engine and clipped by lstm_core.optim.clip_grad_norm.
    -> {"names", "before" and "after" (norm of each parameter's gradient), "norm_before", "norm_after",
    "cosine" (between the whole gradient before and after: 1 = same direction)}."""
    net, grads = exploding_gradients(scale, length, seed)
    names = list(param_shapes(net.config))
    before = {n: grads[n].copy() for n in names}
    norm_before = clip_grad_norm(grads, max_norm, names=names)
    flat_b = np.concatenate([before[n].ravel() for n in names])
    flat_a = np.concatenate([grads[n].ravel() for n in names])
    return {"names": names, "before": [float(np.linalg.norm(before[n])) for n in names],
            "after": [float(np.linalg.norm(grads[n])) for n in names], "norm_before": norm_before,
            "norm_after": float(np.linalg.norm(flat_a)),
            "cosine": float(flat_b @ flat_a / (np.linalg.norm(flat_b) * np.linalg.norm(flat_a)))}


def clip_by_value(scale=6.0, clip=1.0, length=60, seed=0):
    """Clipping each entry of the gradient to [-clip, clip] (PyTorch's clip_grad_value_) instead of its norm, on the
    exploding RNN of clipping(): -> {"cosine" (between the gradient before and after), "share" (entries cut),
    "norm_before"}. Once most entries are cut, the update points where the signs of the gradient point."""
    net, grads = exploding_gradients(scale, length, seed)
    flat = np.concatenate([grads[n].ravel() for n in param_shapes(net.config)])
    cut = np.clip(flat, -clip, clip)
    return {"cosine": float(flat @ cut / (np.linalg.norm(flat) * np.linalg.norm(cut))),
            "share": float(np.mean(np.abs(flat) > clip)), "norm_before": float(np.linalg.norm(flat))}


# ------------------------------------------------------------------------------------------------- cost

def formula_count(kind, input_size, hidden_size):
    """Parameters of one layer and direction, from the formula: G (H D + H^2 + 2 H), with PyTorch's two bias
    vectors (b_ih and b_hh) and G = 4 gates for an LSTM, 3 for a GRU, 1 for a vanilla RNN."""
    G, D, H = GATES_PER_KIND[kind], input_size, hidden_size
    return G * (H * D + H * H + 2 * H)


def array_count(kind, input_size, hidden_size):
    """Parameters counted from the arrays RecurrentNet.create makes (float32, as the app's models)."""
    net = RecurrentNet.create(kind, input_size, hidden_size)
    return int(sum(p.size for p in net.params.values()))


def parameter_counts(input_size, hidden_size):
    return {kind: {"formula": formula_count(kind, input_size, hidden_size),
                   "arrays": array_count(kind, input_size, hidden_size)} for kind in KINDS}


def multiply_adds(kind, input_size, hidden_size):
    """Multiply-adds of one step of one sequence in the matrix products, from the parameter formula: each of the
    G blocks multiplies W_ih (H x D) by x_t and W_hh (H x H) by h_{t-1}, so G (H D + H^2). The element-wise work
    (gates, tanh, products: a few times G H) is left out; it is small beside H D + H^2 unless H is tiny."""
    G, D, H = GATES_PER_KIND[kind], input_size, hidden_size
    return G * (H * D + H * H)


def arithmetic_cost(input_size, hidden_size):
    """{kind: {"macs": multiply-adds per step, "ratio": to the vanilla RNN's}}: 4 for an LSTM and 3 for a GRU,
    whatever D and H."""
    rnn = multiply_adds("rnn", input_size, hidden_size)
    return {kind: {"macs": multiply_adds(kind, input_size, hidden_size),
                   "ratio": multiply_adds(kind, input_size, hidden_size) / rnn} for kind in KINDS}


def time_per_step(input_size, hidden_size, length=100, repeats=9):
    """Measured here and now: seconds per step of a forward run of this NumPy engine (one sequence, float32,
    `length` steps), `repeats` times for each cell, the cells taking turns so that other work on the machine hits
    them alike. -> {kind: {"median", "low", "high" (the fastest and slowest repeat), "times"}}, seconds per step.
    A measurement, not a property of the cells: at small sizes it is mostly NumPy's cost per call (a step of an
    LSTM makes more calls than a step of an RNN), which a fused library does not pay."""
    x = np.random.default_rng(0).standard_normal((length, input_size)).astype(np.float32)
    nets = {kind: RecurrentNet.create(kind, input_size, hidden_size) for kind in KINDS}
    times = {kind: [] for kind in KINDS}
    for net in nets.values():
        net.run(x[:2], record=False)                                       # warm up
    for _ in range(repeats):
        for kind, net in nets.items():
            t0 = time.perf_counter()
            net.run(x, record=False)
            times[kind].append((time.perf_counter() - t0) / length)
    return {kind: {"median": float(np.median(t)), "low": float(min(t)), "high": float(max(t)), "times": t}
            for kind, t in times.items()}


# ------------------------------------------------------------------------------------------------ memory

def memory_results():
    """data/compare/memory.json as written by tools/compare_memory.py."""
    return json.loads((COMPARE_DIR / "memory.json").read_text(encoding="utf-8"))


def solved(task, score, data):
    """Did a run learn the task: accuracy at least, or MSE at most, the file's threshold (0.9; 0.01 against 0.167
    for knowing nothing)."""
    limit = data["tasks"][task]["solved"]
    return score >= limit if data["tasks"][task]["metric"] == "accuracy" else score <= limit


def memory_table(data=None):
    """{task: {cell: {gap (int): {"median", "low", "high", "solved" (seeds that learnt it), "seeds"}}}}: the
    robust statistics /compare shows and the lessons quote."""
    data = data or memory_results()
    out = {}
    for task, by_cell in data["results"].items():
        out[task] = {}
        for cell, by_gap in by_cell.items():
            out[task][cell] = {int(g): {"median": float(np.median(v)), "low": float(min(v)), "high": float(max(v)),
                                        "solved": sum(solved(task, x, data) for x in v), "seeds": len(v)}
                               for g, v in by_gap.items() if v}
    return out


def learnt_up_to(task, cell, data=None, rule="median"):
    """The largest gap up to which the cell learnt the task at every gap: by the median of the seeds
    (rule="median") or on every seed (rule="every"); None if not even the shortest."""
    data = data or memory_results()
    best = None
    for gap, row in sorted(memory_table(data)[task][cell].items()):
        ok = (solved(task, row["median"], data) if rule == "median" else row["solved"] == row["seeds"])
        if not ok:
            break
        best = gap
    return best


def learnt_share(task="first_symbol", data=None):
    """{gap: share of all runs (every cell and seed) that learnt the task at that gap}."""
    data = data or memory_results()
    table = memory_table(data)[task]
    return {g: sum(table[c][g]["solved"] for c in table) / sum(table[c][g]["seeds"] for c in table)
            for g in data["settings"]["gaps"] if all(g in table[c] for c in table)}


def memory_story(data=None, long_from=30):
    """The numbers /compare's "what the data shows" quotes: {"short" (the largest gap up to which every cell learnt
    both tasks on every seed), "short_median" (the same by the median of the seeds), "shares" (learnt_share of the
    first-symbol task, as text), "longest", "best_long" (the best median accuracy at the longest gap), "chance",
    "long_from", "long" ({cell: runs that learnt the first symbol at gaps from long_from on}), "long_runs" (how
    many runs each cell had there), "rnn", "gru", "lstm", "lstm_forget1" (the same counts, to format),
    "adding_rnn", "adding_gated" (the largest gap up to which every seed of the RNN, and of every gated cell,
    learnt the adding problem)}."""
    data = data or memory_results()
    table = memory_table(data)

    def largest(ok):
        best = None
        for g in data["settings"]["gaps"]:
            if not all(ok(row[g], task) for task, by_cell in table.items() for row in by_cell.values()):
                break
            best = g
        return best if best else "–"

    short = largest(lambda r, task: r["solved"] == r["seeds"])
    short_median = largest(lambda r, task: solved(task, r["median"], data))
    shares = learnt_share("first_symbol", data)
    longest = max(shares)
    fs = table["first_symbol"]
    long = {c: sum(fs[c][g]["solved"] for g in fs[c] if g >= long_from) for c in data["cells"]}
    runs = sum(fs[data["cells"][0]][g]["seeds"] for g in fs[data["cells"][0]] if g >= long_from)
    every = {c: learnt_up_to("adding", c, data, "every") or 0 for c in data["cells"]}
    return {"short": short, "short_median": short_median, "adding_rnn": every["rnn"] or "–",
            "adding_gated": min(every[c] for c in data["cells"] if c != "rnn") or "–",
            "shares": ", ".join(f"N={g}: {v:.0%}" for g, v in shares.items()),
            "longest": longest, "best_long": max(fs[c][longest]["median"] for c in data["cells"]),
            "chance": data["tasks"]["first_symbol"]["chance"], "long_from": long_from, "long": long,
            "long_runs": runs, **long}


# ------------------------------------------------------------------------------------- training live

class LiveRun:
    """A small cell learning to remember the first of `gap` symbols, a chunk of steps at a time (the page trains
    a chunk, draws its progress, and trains the next, so a click on Stop is honoured between chunks). The optimiser
    lives here, so training resumes where it stopped. Same settings as tools/compare_memory.py, smaller data."""

    def __init__(self, cell, gap, steps, seed=0, train_size=512, test_size=256):
        self.cell, self.gap, self.steps = cell, int(gap), int(steps)
        x, y = first_symbol_task(train_size + test_size, self.gap, SYMBOLS, np.random.default_rng([seed, self.gap]))
        self.x, self.y, self.n = x, y, train_size
        kind = "lstm" if cell.startswith("lstm") else cell
        self.model = SequenceModel.create("classify", SYMBOLS, SYMBOLS, seed=seed, kind=kind, hidden_size=HIDDEN)
        if cell == "lstm_forget1":
            set_forget_bias(self.model.net, 1.0)
        self.params = self.model.parameters()
        self.opt = Adam(self.params, lr=0.01)
        self.rng = np.random.default_rng(seed)
        self.losses = []

    @property
    def done(self):
        return len(self.losses) >= self.steps

    def advance(self, n=10):
        """Up to n more optimiser steps (as lstm_core.train.train: batch of 32, cross-entropy on the last step,
        gradient clipped to norm 1, Adam)."""
        for _ in range(min(n, self.steps - len(self.losses))):
            pick = self.rng.integers(0, self.n, size=32)
            trace, out = self.model.forward(self.x[pick].transpose(1, 0, 2))
            loss, d_out = cross_entropy_last(out, self.y[pick])
            grads = self.model.backward(trace, d_out)
            clip_grad_norm(grads, 1.0, names=list(self.params))
            self.opt.step(grads)
            self.losses.append(loss)

    def accuracy(self):
        """Share of the held-out sequences whose first symbol the model names."""
        return float(np.mean(classify(self.model, self.x[self.n:]) == self.y[self.n:]))


# ---------------------------------------------------------------------------------- the character model

@lru_cache(maxsize=4)
def run_text(model, text):
    """{gate: (T, H) float64} of layer 0 and the next-character probabilities (T, V) for a text. A lesson step asks
    for the same run several times (its figure, its answer, its widget): the last few runs are kept (at most
    4 x 7 x 300 x 256 float64, 17 MB). Shared results: callers must not modify them."""
    trace, probs, ids = model.run_text(text)
    gates = {k: np.asarray(v, np.float64) for k, v in trace.gates().items()}
    return gates, np.asarray(probs, np.float64), ids


def varied_units(values, n):
    """The n units whose values vary most over the text, most varied first."""
    return [int(u) for u in np.argsort(values.var(axis=0))[::-1][:n]]


def cell_states(model, text, n_units=4):
    """c of the most varied units over the text, and the largest |c| and |h| anywhere in it."""
    gates, _, _ = run_text(model, text)
    units = varied_units(gates["c"], n_units)
    return {"units": units, "c": gates["c"][:, units], "max_abs_c": float(np.abs(gates["c"]).max()),
            "max_abs_h": float(np.abs(gates["h"]).max())}


def character_classes(text):
    """'space' for spaces, 'letter' for letters, 'other' for everything else, per character."""
    return np.array(["space" if ch == " " else "letter" if ch.isalpha() else "other" for ch in text])


def writes(model, text):
    """What each step writes into the cell, i * g (T, H), and its mean size at letters and at other characters."""
    gates, _, _ = run_text(model, text)
    ig = gates["i"] * gates["g"]
    letter = character_classes(text) == "letter"
    size = np.abs(ig).mean(axis=1)
    return {"ig": ig, "letters": float(size[letter].mean()) if letter.any() else None,
            "others": float(size[~letter].mean()) if (~letter).any() else None}


def output_unit(model, text, unit):
    """c, tanh(c), o and h of one unit over the text; `excess` = max(|h| - o): never above 0, as h = o tanh(c)."""
    gates, _, _ = run_text(model, text)
    c, o, h = gates["c"][:, unit], gates["o"][:, unit], gates["h"][:, unit]
    return {"c": c, "tanh_c": np.tanh(c), "o": o, "h": h, "excess": float(np.max(np.abs(h) - o))}


def h_excess(model, text):
    """max(|h| - o) over every unit and step: never above 0 (up to rounding), because h = o tanh(c)."""
    gates, _, _ = run_text(model, text)
    return {"excess": float(np.max(np.abs(gates["h"]) - gates["o"])), "max_abs_h": float(np.abs(gates["h"]).max())}


def next_chars(model, text, k=5):
    """The model's k most likely next characters after the whole text, with their probabilities."""
    _, probs, _ = run_text(model, text)
    order = np.argsort(probs[-1])[::-1][:k]
    return [(model.vocab.chars[j], float(probs[-1, j])) for j in order]


def one_step(model, text, step, unit):
    """Every value of one unit at one step, and the update written out: c = f c_prev + i g, h = o tanh(c)."""
    gates, _, _ = run_text(model, text)
    v = {k: float(gates[k][step, unit]) for k in ("f", "i", "g", "o", "c", "h")}
    v["c_prev"] = float(gates["c"][step - 1, unit]) if step > 0 else 0.0
    v["c_error"] = abs(v["f"] * v["c_prev"] + v["i"] * v["g"] - v["c"])
    v["h_error"] = abs(v["o"] * np.tanh(v["c"]) - v["h"])
    return v


def output_gate_identity(model, text):
    """Largest errors of h = o tanh(c) and of c = f c_prev + i g over every unit and step (rounding only: the
    output gate reads the new cell state, it adds nothing to it), and how far h is from o + c."""
    gates, _, _ = run_text(model, text)
    f, i, g, o, c, h = (gates[k] for k in ("f", "i", "g", "o", "c", "h"))
    c_prev = np.vstack([np.zeros((1, c.shape[1])), c[:-1]])
    return {"h_error": float(np.abs(o * np.tanh(c) - h).max()),
            "c_error": float(np.abs(f * c_prev + i * g - c).max()),
            "h_vs_o_plus_c": float(np.abs(o + c - h).max())}



def erase_at_lowest_forget(model, text):
    """What a forget gate erases from a cell at step t is (1 - f_t) |c_{t-1}|, not 1 - f_t alone. -> the lowest
    forget gate of the text after the first step (its unit, step, value and what it erases there) and the largest
    erase anywhere (its unit, step, f and |c_{t-1}|); None when the text has one character."""
    gates, _, _ = run_text(model, text)
    f, c = gates["f"], gates["c"]
    if len(f) < 2:
        return None
    erased = (1 - f[1:]) * np.abs(c[:-1])                     # (T-1, H): step t >= 1, its c_{t-1}
    t, u = np.unravel_index(np.argmin(f[1:]), erased.shape)
    t2, u2 = np.unravel_index(np.argmax(erased), erased.shape)
    return {"low_unit": int(u), "low_step": int(t) + 1, "low_f": float(f[t + 1, u]), "low_erased": float(erased[t, u]),
            "top_unit": int(u2), "top_step": int(t2) + 1, "top_f": float(f[t2 + 1, u2]),
            "top_c_prev": float(abs(c[t2, u2])), "top_erased": float(erased[t2, u2])}


def reset_unit(model, text):
    """The unit whose forget gate is lowest at every space of the text (its highest f at a space is the lowest of
    any unit): a unit that resets at word boundaries. -> {"unit", "at_spaces" (its highest f at a space),
    "elsewhere" (its mean f at the other characters), "spaces"}; None without spaces or other characters."""
    gates, _, _ = run_text(model, text)
    space = character_classes(text) == "space"
    if not space.any() or space.all():
        return None
    f = gates["f"]
    unit = int(np.argmin(f[space].max(axis=0)))
    return {"unit": unit, "at_spaces": float(f[space, unit].max()), "elsewhere": float(f[~space, unit].mean()),
            "spaces": int(space.sum())}


def largest_cell_build_up(model, text):
    """How the largest |c| of the text came about. One step changes c by i g - (1 - f) c_{t-1}, and |i g| < 1, so
    |c| grows by less than 1 a step. -> {"max_c", "unit", "step", "max_write" (the largest |i g| anywhere),
    "run_up" (steps since that unit's |c| was last below 1: over how many characters it grew), "fewest" (the fewest
    steps any run of writes below max_write needs to reach max_c)}."""
    gates, _, _ = run_text(model, text)
    c, ig = gates["c"], gates["i"] * gates["g"]
    t, u = np.unravel_index(np.argmax(np.abs(c)), c.shape)
    below = np.flatnonzero(np.abs(c[:t + 1, u]) < 1)
    run_up = int(t - below[-1]) if len(below) else int(t + 1)       # c starts at 0: from the first step otherwise
    max_c, max_write = float(abs(c[t, u])), float(np.abs(ig).max())
    return {"max_c": max_c, "unit": int(u), "step": int(t), "max_write": max_write, "run_up": run_up,
            "fewest": int(np.ceil(max_c / max_write))}


def output_gate_where_c_large(model, text, large=10.0):
    """Where a cell holds a lot (|c| > large), is it shown? -> {"count" (values with |c| > large), "shut" (share of
    them whose output gate is below 0.5), "mean_o", "mean_h" (mean |h| there), "large"}; None where none is."""
    gates, _, _ = run_text(model, text)
    big = np.abs(gates["c"]) > large
    if not big.any():
        return None
    o, h = gates["o"][big], gates["h"][big]
    return {"count": int(big.sum()), "shut": float(np.mean(o < 0.5)), "mean_o": float(o.mean()),
            "mean_h": float(np.abs(h).mean()), "large": large}


def sureness_by_position(model, text):
    """The model's top next-character probability, averaged after letters (inside or at the end of a word) and
    after spaces (a word is to begin). -> {"after_letter", "after_space"}; None if the text lacks either."""
    _, probs, _ = run_text(model, text)
    kind = character_classes(text)
    top = probs.max(axis=1)
    if not (kind == "letter").any() or not (kind == "space").any():
        return None
    return {"after_letter": float(top[kind == "letter"].mean()), "after_space": float(top[kind == "space"].mean())}


def effective_context(model, text, at=None):
    """What the prediction after character `at` (default: the last) actually drew on (Distill's "memorization in
    RNNs" connectivity): for each character k <= at, |d log p(predicted) / d x_k|, the gradient of the log
    probability of the model's most likely next character with respect to that character's input
    (analysis.prediction_connectivity, the engine's backward). -> {"norms" (at+1,), "char" (the predicted
    character), "p", "at", "k50", "k90" (the fewest last characters whose gradient sizes make up half and 90% of the
    sum), "first_share" (the first character's size over the largest), "top_distance" (how far back the largest
    is), "length" (at + 1)}."""
    at = len(text) - 1 if at is None else int(at)
    r = prediction_connectivity(model, text[:at + 1], at)
    norms = np.asarray(r.norms, np.float64)
    share = np.cumsum(norms[::-1]) / norms.sum()                        # by distance back from `at`
    return {"norms": norms, "char": model.vocab.chars[r.predicted], "p": r.probability, "at": at,
            "k50": int(np.argmax(share >= 0.5)) + 1, "k90": int(np.argmax(share >= 0.9)) + 1,
            "first_share": float(norms[0] / norms.max()), "top_distance": int(at - np.argmax(norms)),
            "length": at + 1}

# ----------------------------------------------------------------------------------------------- one unit

def hold_c(forget_bias=3.0, steps=30):
    """Will c hold? One LSTM unit with every weight 0, its input gate shut (bias -30) and its forget gate's bias
    `forget_bias`, run by the engine for `steps` steps from c = 1: then c_t = σ(forget_bias)^t exactly.
    -> {"c" (steps,), "f", "left" (c after the last step)}."""
    net = RecurrentNet.create("lstm", 1, 1, dtype="float64")
    for p in net.params.values():
        p[:] = 0
    net.params["bias_ih_l0"][:] = [-30.0, forget_bias, 0.0, 0.0]            # rows i, f, g, o
    trace = net.run(np.zeros((steps, 1)), h0=np.zeros((1, 1)), c0=np.ones((1, 1)))
    g = trace.gates()
    return {"c": g["c"][:, 0], "f": float(g["f"][0, 0]), "left": float(g["c"][-1, 0])}


# ------------------------------------------------------------------------------------- GRU and training

def gru_equation(length=20, seed=0):
    """A trained GRU's h at every step against (1 - z) n + z h_prev (the update gate z keeps, 1 - z writes), and
    the parameter counts of GRU and LSTM layers of its size (3 blocks against 4)."""
    x, _ = symbol_sequence(length, seed)
    net = trained_net("gru")
    g = net.run(x).gates()
    h_prev = np.vstack([np.zeros((1, g["h"].shape[1])), g["h"][:-1]])
    error = float(np.abs((1 - g["z"]) * g["n"] + g["z"] * h_prev - g["h"]).max())
    return {"z": g["z"], "r": g["r"], "error": error,
            "gru": formula_count("gru", SYMBOLS, HIDDEN), "lstm": formula_count("lstm", SYMBOLS, HIDDEN)}


def trained_vs_fresh(length=20, seed=0):
    """The forget gate of the LSTM trained to remember the first symbol against the same architecture at
    initialisation, on one sequence: (steps, units) each, and each one's highest per-unit mean after step 0."""
    x, _ = symbol_sequence(length, seed)
    trained = trained_net("lstm").run(x).gates()["f"]
    fresh = make_net("lstm", seed=0).run(x).gates()["f"]
    return {"trained": trained, "fresh": fresh, "trained_top": float(trained[1:].mean(axis=0).max()),
            "fresh_top": float(fresh[1:].mean(axis=0).max())}


def trained_median_forget(length=20, seed=0):
    """The forget gate of the typical unit: the median over the units of each unit's mean f (after step 0), for
    the trained LSTM and the same architecture at initialisation, on one sequence."""
    r = trained_vs_fresh(length, seed)
    return {"trained": float(np.median(r["trained"][1:].mean(axis=0))),
            "fresh": float(np.median(r["fresh"][1:].mean(axis=0))), "top": r["trained_top"]}


def gru_reset_closed(seed=0):
    """The trained GRU with its reset gate forced shut (bias -30: r below 1e-11): does h_1 still depend on h_0? The
    candidate n no longer reads h_0, but h_1 = (1 - z) n + z h_0 keeps z h_0. -> {"r_max", "carried" (|change of
    h_1| for a change of h_0 of norm 1), "z_mean" (mean z at step 1)}."""
    net = trained_net("gru")
    bias = net.params["bias_ih_l0"].copy()
    bias[:HIDDEN] -= 30                                  # rows r, z, n (PyTorch's order): r's bias
    net.params["bias_ih_l0"] = bias
    x, _ = symbol_sequence(trained_length(), seed)
    v = np.random.default_rng(seed).standard_normal(HIDDEN)
    v /= np.linalg.norm(v)
    base = net.run(x[:1], h0=np.zeros((1, HIDDEN))).gates()
    moved = net.run(x[:1], h0=v[None]).gates()
    return {"r_max": float(max(base["r"].max(), moved["r"].max())),
            "carried": float(np.linalg.norm(moved["h"][0] - base["h"][0])), "z_mean": float(moved["z"][0].mean())}


# ------------------------------------------------------------------------------- directions and layers

def dependence(bidirectional=False, at=5, length=12, seed=0, hidden=8):
    """How much output[at] depends on the input at every step: |d sum(output[at]) / d x_t| by the engine's backward,
    for a one- or two-direction LSTM. One direction reads left to right, so steps after `at` give exactly 0."""
    rng = np.random.default_rng(seed)
    net = RecurrentNet.create("lstm", 3, hidden, bidirectional=bidirectional, seed=seed, dtype="float64")
    x = rng.standard_normal((length, 3))
    trace = net.run(x)
    d_out = np.zeros_like(trace.output)
    d_out[at] = 1
    grad = net.backward(trace, d_out)["input"]
    return {"norm": np.linalg.norm(grad, axis=1), "later": float(np.abs(grad[at + 1:]).max(initial=0.0)),
            "output_size": int(trace.output.shape[1])}


def halves_at_last(length=12, seed=0, hidden=8, first=0):
    """A bidirectional LSTM's output at the last step is [forward h, backward h]: how much each half depends on the
    input at step `first`, |d sum(half) / d x_first| by the engine's backward. The forward half has read every
    input; the backward half starts at the last step, so at the last step it has read that input alone (0 exactly).
    -> {"forward", "backward", "at" (the last step), "first"}."""
    rng = np.random.default_rng(seed)
    net = RecurrentNet.create("lstm", 3, hidden, bidirectional=True, seed=seed, dtype="float64")
    x = rng.standard_normal((length, 3))
    trace = net.run(x)
    out = {}
    for name, half in (("forward", slice(0, hidden)), ("backward", slice(hidden, 2 * hidden))):
        d_out = np.zeros_like(trace.output)
        d_out[-1, half] = 1
        out[name] = float(np.linalg.norm(net.backward(trace, d_out)["input"][first]))
    return {**out, "at": length - 1, "first": first}


def stack_shapes(input_size, hidden_size, layers, bidirectional):
    """Each layer's input size and parameter count in a stacked (and optionally bidirectional) LSTM: layer k > 0
    reads the previous layer's h, of size H (2H with two directions)."""
    net = RecurrentNet.create("lstm", input_size, hidden_size, num_layers=layers, bidirectional=bidirectional)
    cfg = net.config
    rows = []
    for layer in range(layers):
        names = [n for n in net.params if f"_l{layer}" in n]
        rows.append({"layer": layer, "input": cfg.layer_input_size(layer),
                     "params": int(sum(net.params[n].size for n in names))})
    return {"layers": rows, "output_size": cfg.output_size * cfg.directions}


# -------------------------------------------------------------------------------------------- speed

def batching(batch=16, length=50, seed=0, repeats=7):
    """A batch of sequences run at once gives exactly what running them one by one gives (so batching changes
    only the speed), and the time of each way, measured here and now `repeats` times, the two ways taking turns:
    {"difference", "batched_s" and "one_by_one_s" (medians), "batched_range" and "one_by_one_range" (fastest and
    slowest), "repeats"}. What it measures: this NumPy engine's forward pass on this machine."""
    rng = np.random.default_rng(seed)
    net = RecurrentNet.create("lstm", 8, 32, seed=seed)
    x = rng.standard_normal((length, batch, 8)).astype(np.float32)
    together_t, alone_t = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        together = net.run(x, record=False).output
        t1 = time.perf_counter()
        alone = np.stack([net.run(x[:, b], record=False).output for b in range(batch)], axis=1)
        t2 = time.perf_counter()
        together_t.append(t1 - t0)
        alone_t.append(t2 - t1)
    return {"difference": float(np.abs(together - alone).max()), "batched_s": float(np.median(together_t)),
            "one_by_one_s": float(np.median(alone_t)), "batched_range": (min(together_t), max(together_t)),
            "one_by_one_range": (min(alone_t), max(alone_t)), "repeats": repeats}


def truncated_bptt(length=40, chunk=10, seed=0):
    """Truncated BPTT: the sequence is run in chunks, the state carried over, the gradient stopped at each chunk's
    start. Gradient of the last output on the inputs of the earlier steps: full BPTT against the last chunk only."""
    rng = np.random.default_rng(seed)
    net = make_net("lstm_forget1", input_size=3, hidden_size=8, seed=seed)
    x = rng.standard_normal((length, 3))
    trace = net.run(x)
    d_out = np.zeros_like(trace.output)
    d_out[-1] = 1
    full = np.linalg.norm(net.backward(trace, d_out)["input"], axis=1)
    start = length - chunk
    carried = net.run(x[:start], record=False)
    last = net.run(x[start:], carried.h_n, carried.c_n)
    d_last = np.zeros_like(last.output)
    d_last[-1] = 1
    truncated = np.zeros(length)
    truncated[start:] = np.linalg.norm(net.backward(last, d_last)["input"], axis=1)
    return {"full": full, "truncated": truncated, "start": start,
            "same_output": float(np.abs(last.output[-1] - trace.output[-1]).max())}


# ----------------------------------------------------------------------------------------- mistakes

@lru_cache(maxsize=1)
def _tang():
    from lstm_core.bundled import load_bundled
    return load_bundled("char_tang")


def poem_inputs():
    """Real inputs of the size of a hidden state: the Tang model's learned embedding rows (64 numbers each) of its
    default poem. -> (text, (T, 64) float64)."""
    model = _tang()
    text = model.card.default_text
    return text, np.asarray(model.embed_weight, np.float64)[model.vocab.encode(text)]


def gate_pair(gates):
    """How alike the forget and input gates are: the correlation of f and i over every unit and step, their mean
    |f - i|, and the largest |f - i| at the first step (h = 0 there)."""
    f, i = gates["f"], gates["i"]
    return {"corr": float(np.corrcoef(f.ravel(), i.ravel())[0, 1]), "mean_diff": float(np.abs(f - i).mean()),
            "first_step_diff": float(np.abs(f[0] - i[0]).max())}


def article_wiring(seeds=(0, 1, 2, 3, 4)):
    """Article 000's cell (lines 57-63), wired exactly as written (cells.article000_lstm), against the same size of
    LSTM with its own weights per gate, both at PyTorch's initialisation, reading the same real inputs (the Tang
    model's embedding of its poem, 64 numbers = 64 units). Per seed: how alike f and i are in each wiring, and the
    input gate's check that it sees only h + x (the gate recomputed from the sum alone)."""
    text, x = poem_inputs()
    rows = []
    for seed in seeds:
        w = cells.article000_weights(x.shape[1], seed)
        art = cells.article000_lstm(x, w)
        own = cells.own_weights_lstm(x, seed)
        h_prev = np.vstack([np.zeros((1, x.shape[1])), art["h"][:-1]])
        from_sum = cells.sigmoid((h_prev + x) @ w["weights_input"].T)
        rows.append({"seed": seed, "article": gate_pair(art), "own": gate_pair(own),
                     "input_gate_from_sum": float(np.abs(from_sum - art["i"]).max())})
    return {"text": text, "steps": len(text), "units": int(x.shape[1]), "rows": rows}


def article_backward(seed=0, length=6, hidden=6):
    """What article 001's lstm_backward (lines 147-170) would change, beside the gradient. Its `*_inputs` lines
    subtract the raw inputs x_t (t = T-1 ... 1) from the weights, the same for all four gates and whatever the loss;
    the true gradient of the input weights (the engine's backward) differs from gate to gate and from loss to loss.
    Two losses: sum(output * w1) and sum(output * w2), w1, w2 fixed random."""
    rng = np.random.default_rng(seed)
    net = make_net("lstm", input_size=3, hidden_size=hidden, seed=seed)
    x = rng.standard_normal((length, 3))
    trace = net.run(x)
    article = -x[1:].sum(axis=0)                      # the update of every gate's `*_inputs`, summed over its loop
    true = []
    for _ in range(2):
        w = rng.standard_normal((length, hidden))
        true.append(net.backward(trace, w)["weight_ih_l0"].reshape(4, hidden, 3))      # (gate i f g o, H, D)
    a, b = true[0].ravel(), true[1].ravel()
    blocks = true[0]
    between = min(np.linalg.norm(blocks[p] - blocks[q]) / max(np.linalg.norm(blocks[p]), np.linalg.norm(blocks[q]))
                  for p in range(4) for q in range(p + 1, 4))
    return {"article_update": article,
            "true_gate_norms": [float(np.linalg.norm(blocks[g])) for g in range(4)],
            "true_between_gates": float(between),
            "true_cosine_losses": float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))}


def gradcheck(seed=0, length=6, entries=6):
    """The gradient of a loss on c_0 (the initial cell state) three ways: central finite differences, the engine's
    backward, and a hand-written 'backward' that follows only the cell-state path (dc_{t-1} = f_t dc_t) and forgets
    that c also reaches the loss through h and the gates. Loss: sum(output * w) for fixed random w."""
    rng = np.random.default_rng(seed)
    net = make_net("lstm", input_size=3, hidden_size=entries, seed=seed)
    for p in net.params.values():
        p *= 2
    x = rng.standard_normal((length, 3))
    c0 = rng.standard_normal((1, entries))
    w = rng.standard_normal((length, entries))

    def loss(c_init):
        return float(np.sum(net.run(x, c0=c_init, record=False).output * w))

    trace = net.run(x, c0=c0)
    engine = net.backward(trace, w)["c0"][0]
    eps = 1e-6
    numeric = np.empty(entries)
    for k in range(entries):
        up, down = c0.copy(), c0.copy()
        up[0, k] += eps
        down[0, k] -= eps
        numeric[k] = (loss(up) - loss(down)) / (2 * eps)
    g = trace.gates()
    wrong = np.zeros(entries)                   # dL/dc_t from h_t only, carried back through f alone
    for t in reversed(range(length)):
        wrong = wrong + w[t] * g["o"][t] * (1 - g["tanh_c"][t] ** 2)
        wrong = wrong * g["f"][t]
    scale = np.abs(numeric).max()
    return {"numeric": numeric, "engine": engine, "wrong": wrong,
            "engine_error": float(np.abs(engine - numeric).max() / scale),
            "wrong_error": float(np.abs(wrong - numeric).max() / scale)}


def causal(length=12, at=5):
    """An LSTM reads in order: its output at step `at` has exactly zero gradient on every later input."""
    return dependence(False, at, length)


def plain_pipeline(text, seq_len=8, batch=3, seed=0):
    """What torchtext.legacy's Field/BucketIterator did for a character model, in plain Python and NumPy (as
    lstm_core.model.CharVocab does it): vocabulary, ids, one-hot batches (T, B, V) and targets shifted by one."""
    vocab = CharVocab.from_text(text)
    ids = vocab.encode(text)
    seq_len = max(1, min(seq_len, len(ids) - 1))                             # a short text gives short windows
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, len(ids) - seq_len, size=batch)
    window = ids[starts[None, :] + np.arange(seq_len + 1)[:, None]]       # (T+1, B)
    x = np.eye(len(vocab))[window[:-1]]                                     # (T, B, V)
    return {"vocab_size": len(vocab), "round_trip": "".join(vocab.chars[k] for k in ids) == text,
            "x_shape": x.shape, "y_shape": window[1:].shape, "seq_len": seq_len}


def _extremes(run):
    return {"max_gate": float(max(run[g].max() for g in "ifo")), "max_abs_c": float(np.abs(run["c"]).max()),
            "steps": int(len(run["c"]))}


GATE_FUNCTIONS = {"sigmoid": cells.sigmoid, "relu": cells.relu, "hard_sigmoid": cells.hard_sigmoid}


def relu_gates(model, text=LESSON_TEXT, seeds=(0, 1, 2, 3, 4), steps=50, hidden=8):
    """The same weights run with σ, ReLU and Keras's old hard_sigmoid in the gates (i, f, o; the candidate keeps
    tanh), written out by hand (cells.hand_lstm). Two kinds of weights, nothing scaled: small LSTMs (4 inputs, 8
    units) at PyTorch's initialisation, one per seed, reading `steps` standard-normal inputs; and the trained
    character model reading `text`. Per run: the largest gate, the largest |c| and the steps run (a run stops once
    |c| passes 10^12). Also the arithmetic of one step of the trained model: multiply-adds of the recurrent product
    (4H x H) against the gate and candidate function evaluations (5H: three gates, tanh of g and of c)."""
    rows = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        net = RecurrentNet.create("lstm", 4, hidden, seed=seed, dtype="float64")
        x = rng.standard_normal((steps, 4))
        p = net.layer_params(0, 0)
        rows.append({"seed": seed, **{k: _extremes(cells.hand_lstm(p, x, fn)) for k, fn in GATE_FUNCTIONS.items()},
                     "engine_max_abs_c": float(np.abs(net.run(x).gates()["c"]).max())})
    p = cells.as_float64(model.net).layer_params(0, 0)
    x = np.eye(model.net.config.input_size)[model.vocab.encode(text)]
    trained = {k: _extremes(cells.hand_lstm(p, x, fn)) for k, fn in GATE_FUNCTIONS.items()}
    H = model.net.config.hidden_size
    return {"rows": rows, "trained": trained, "steps": steps, "text_steps": len(x), "hidden": H,
            "engine_max_abs_c": cell_states(model, text)["max_abs_c"],
            "macs": 4 * H * H, "activations": 5 * H}


def cell_state_unsquashed(model, text=LESSON_TEXT):
    """Article 000, line 40 says the new cell state is a tanh of a weighted sum. The model's own c: the largest |c|,
    the share of (unit, step) values beyond ±1 (a tanh never leaves -1..1), and the largest error of
    c = f c_prev + i g (no tanh anywhere on c's path)."""
    gates, _, _ = run_text(model, text)
    c = gates["c"]
    return {"max_abs_c": float(np.abs(c).max()), "share_above_1": float(np.mean(np.abs(c) > 1)),
            "c_error": output_gate_identity(model, text)["c_error"], "steps": len(text)}


def output_gate_open(model, text=LESSON_TEXT, open_at=0.9):
    """Article 002, line 39 says an output gate near 1 makes the output 1. Every (unit, step) of the model on
    `text` where o > open_at: how many, and what h is there (h = o tanh(c), so |h| < 1 and it carries tanh(c))."""
    gates, _, _ = run_text(model, text)
    o, h, c = gates["o"], gates["h"], gates["c"]
    where = o > open_at
    h_open = h[where]
    return {"count": int(where.sum()), "total": int(o.size), "median_abs_h": float(np.median(np.abs(h_open))),
            "share_below_half": float(np.mean(np.abs(h_open) < 0.5)), "max_abs_h": float(np.abs(h_open).max()),
            "share_negative": float(np.mean(h_open < 0)),
            "h_error": float(np.abs(o * np.tanh(c) - h).max()), "open_at": open_at}


def output_is_h(model, text=LESSON_TEXT):
    """Article 002, line 64 calls c_t the hidden state and h_t the output. What the network hands on: its output
    at every step is h exactly (the next layer and the read-out see h), and the state it carries is (h, c)."""
    trace, _, _ = model.run_text(text)
    g = trace.gates()
    out = np.asarray(trace.output, np.float64)
    return {"output_minus_h": float(np.abs(out - g["h"]).max()), "output_minus_c": float(np.abs(out - g["c"]).max()),
            "max_abs_c": float(np.abs(g["c"]).max()), "max_abs_h": float(np.abs(g["h"]).max())}


def cec_drift(model, length=1000):
    """The 1997 LSTM had no forget gate: the cell's self-connection was fixed at 1 (the constant error carousel), so
    on a long unbroken stream c only adds up i g. The trained model read twice over the first `length` characters
    of text it never trained on: with its own forget gate, and with f held at 1. The largest |c| and the mean |c|
    over the last tenth of the stream, each way."""
    from lstm_core.bundled import held_out_text
    text = "".join(ch for ch in held_out_text(model)[:length] if ch in model.vocab.index)
    p = cells.as_float64(model.net).layer_params(0, 0)
    x = np.eye(model.net.config.input_size)[model.vocab.encode(text)]
    out = {}
    for name, forget in (("own", None), ("fixed1", 1.0)):
        run = cells.hand_lstm(p, x, forget=forget)
        c = np.abs(run["c"])
        tail = c[-max(1, len(c) // 10):]
        out[name] = {"max_abs_c": float(c.max()), "tail_mean_abs_c": float(tail.mean()),
                     "curve": c.mean(axis=1)}
    out["steps"] = len(text)
    return out


# ------------------------------------------------------------------------------------------- claims

def _left_class(value):
    """The answer options of 'how much gradient is left': over 10%, 0.1% to 10%, under 0.1%."""
    return "over10" if value > 0.1 else "under01" if value < 1e-3 else "mid"


def _ratio_class(value):
    return "under100" if value < 100 else "over10000" if value > 10000 else "mid"


def _gru_top_class(value):
    return "near1" if value > 0.9 else "near0" if value < 0.1 else "between"


# Answers to the predict-then-reveal questions: question -> function(model, text) -> {"answer": the right option,
# computed, and the numbers the reveal shows}. The model and text matter only for questions about the character model.

def _answer_rnn_left20(model, text):
    r = rnn_reach(1.0)
    return {"answer": _left_class(r["left20"]), "left": r["left20"], "factor": decay_per_step(r["reach"], 1, 20)}


def _answer_c_exceeds_one(model, text):
    r = cell_states(model, text)
    return {"answer": "yes" if r["max_abs_c"] > 1 else "no", "max_c": r["max_abs_c"], "max_h": r["max_abs_h"]}


def _answer_erase_at_lowest_f(model, text):
    r = erase_at_lowest_forget(model, text)
    if r is None:
        return {"answer": None}
    same = (r["low_unit"], r["low_step"]) == (r["top_unit"], r["top_step"])
    return {"answer": "yes" if same else "no", **r, "top_char": text[r["top_step"]], "ratio": r["top_erased"] / max(
        r["low_erased"], 1e-12)}


def _answer_build_up(model, text):
    r = largest_cell_build_up(model, text)
    return {"answer": "one" if r["run_up"] <= 1 else "few" if r["run_up"] <= 10 else "many", **r}


def _answer_o_where_c_large(model, text):
    r = output_gate_where_c_large(model, text)
    if r is None:
        return {"answer": None}
    return {"answer": "shut" if r["shut"] > 0.5 else "open", **r, "open": 1 - r["shut"]}


def _answer_c_holds(model, text):
    r = hold_c(3.0)
    return {"answer": "more" if r["left"] > 0.5 else "less", "f": r["f"], "left": r["left"]}


def _answer_forget1_vs_rnn(model, text):
    r = lstm_reach(1.0)
    return {"answer": _ratio_class(r["ratio40"]), "ratio": r["ratio40"]}


def _answer_clip_value_direction(model, text):
    r = clip_by_value()
    return {"answer": "same" if r["cosine"] > 1 - 1e-9 else "changed", **r}


def _answer_gru_reset(model, text):
    r = gru_reset_closed()
    return {"answer": "yes" if r["carried"] > 1e-3 else "no", **r}


def _median_class(value):
    return "near1" if value > 0.9 else "below_half" if value < 0.5 else "between"


def _answer_trained_median_f(model, text):
    r = trained_median_forget()
    return {"answer": _median_class(r["trained"]), **r}


def _answer_surer_where(model, text):
    r = sureness_by_position(model, text)
    if r is None:
        return {"answer": None}
    return {"answer": "inside" if r["after_letter"] > r["after_space"] else "after_space", **r,
            "ratio": r["after_letter"] / r["after_space"]}


def _answer_bi_last_step(model, text):
    r = halves_at_last()
    answer = "both" if min(r["forward"], r["backward"]) > 0 else "forward" if r["forward"] > 0 else "backward"
    return {"answer": answer, **r}


def _context_class(k90):
    return "few" if k90 <= 3 else "words" if k90 <= 20 else "most"


def _answer_context_reach(model, text):
    r = effective_context(model, text)
    return {"answer": _context_class(r["k90"]), **{k: v for k, v in r.items() if k != "norms"}}


ANSWERS = {name[len("_answer_"):]: f for name, f in list(globals().items()) if name.startswith("_answer_")}


# Options of each question, in the order shown (labels: strings table, key learn_opt_<question>_<option>).
OPTIONS = {
    "rnn_left20": ["over10", "mid", "under01"],
    "c_exceeds_one": ["yes", "no"],
    "erase_at_lowest_f": ["yes", "no"],
    "build_up": ["one", "few", "many"],
    "o_where_c_large": ["open", "shut"],
    "c_holds": ["more", "less"],
    "forget1_vs_rnn": ["under100", "mid", "over10000"],
    "clip_value_direction": ["same", "changed"],
    "gru_reset": ["no", "yes"],
    "trained_median_f": ["near1", "between", "below_half"],
    "surer_where": ["inside", "after_space"],
    "bi_last_step": ["both", "forward", "backward"],
    "context_reach": ["few", "words", "most"],
}

# What a question is asked about, shown with it before any guess: "text" (the lesson's sentence or the one typed
# in the step) or "prompt" (step 11's text), and ASKS: the numbers the question itself states (strings table, key
# learn_ask_<question>), computed from the same text.
QUESTION_INPUT = {"c_exceeds_one": "text", "erase_at_lowest_f": "text", "build_up": "text",
                  "o_where_c_large": "text", "surer_where": "prompt", "context_reach": "prompt"}


def _ask_erase(model, text):
    r = erase_at_lowest_forget(model, text)
    return None if r is None else {"f": r["low_f"], "unit": r["low_unit"], "step": r["low_step"],
                                   "char": text[r["low_step"]]}


def _ask_build_up(model, text):
    r = largest_cell_build_up(model, text)
    return {"max_c": r["max_c"], "unit": r["unit"], "step": r["step"], "char": text[r["step"]]}


def _ask_context_reach(model, text):
    r = effective_context(model, text)
    return {"char": r["char"], "p": r["p"], "length": r["length"]}


ASKS = {"erase_at_lowest_f": _ask_erase, "build_up": _ask_build_up, "context_reach": _ask_context_reach}


# ----------------------------------------------------------------------------------------------- exercises
# One short exercise at the end of each lesson step (d2l has exercises; here the app checks the answer): name ->
# function(model) -> {"answer" (computed by the engine), "tolerance" (absolute), and the numbers its statement
# (strings table, learn_ex_<name>) and its explanation (learn_ex_why_<name>) show}.

def _logit(p):
    return float(np.log(p / (1 - p)))


def unit_lstm(i=-30.0, f=30.0, g=0.0, o=0.0, steps=1, c0=0.0):
    """One LSTM unit whose weights are all 0: its gates are σ of their biases (i, f, o) and its candidate tanh of g's,
    run by the engine for `steps` steps from c0. -> its gates() (c, h, ...: (steps, 1) each)."""
    net = RecurrentNet.create("lstm", 1, 1, dtype="float64")
    for q in net.params.values():
        q[:] = 0
    net.params["bias_ih_l0"][:] = [i, f, g, o]                                 # rows i, f, g, o
    return net.run(np.zeros((steps, 1)), h0=np.zeros((1, 1)), c0=np.full((1, 1), c0)).gates()


def _ex_write_sum(model):
    c = unit_lstm(i=30.0, f=30.0, g=float(np.arctanh(0.8)), steps=10)["c"][:, 0]
    return {"answer": float(c[-1]), "tolerance": 0.05, "steps": 10, "write": 0.8}


def _ex_erase(model):
    c = unit_lstm(f=_logit(0.9), c0=20.0)["c"][0, 0]
    return {"answer": float(20.0 - c), "tolerance": 0.05, "c_prev": 20.0, "f": 0.9, "c": float(c)}


def _ex_one_write(model):
    c = unit_lstm(i=0.0, f=30.0, g=float(np.arctanh(-0.6)), c0=2.0)["c"][0, 0]
    return {"answer": float(c), "tolerance": 0.01, "c_prev": 2.0, "i": 0.5, "g": -0.6}


def _ex_h_of_c(model):
    h = unit_lstm(o=0.0, c0=2.0)["h"][0, 0]
    return {"answer": float(h), "tolerance": 0.005, "c": 2.0, "o": 0.5}


def _ex_bias_for_90(model, keep=0.9, steps=30):
    lo, hi = 0.0, 20.0                           # hold_c(lo) keeps less than 90%, hold_c(hi) more: bisect
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if hold_c(mid, steps)["left"] >= keep else (mid, hi)
    return {"answer": hi, "tolerance": 0.05, "keep": keep, "steps": steps, "f": float(1 / (1 + np.exp(-hi)))}


def _ex_gru_keep(model, z=0.9, steps=20):
    net = RecurrentNet.create("gru", 1, 1, dtype="float64")
    for q in net.params.values():
        q[:] = 0
    net.params["bias_ih_l0"][:] = [0.0, _logit(z), 0.0]                       # rows r, z, n: n = tanh(0) = 0
    h = net.run(np.zeros((steps, 1)), h0=np.ones((1, 1))).gates()["h"][:, 0]
    return {"answer": float(h[-1]), "tolerance": 0.005, "z": z, "steps": steps}


def _ex_trained_f20(model, steps=20):
    top = trained_vs_fresh()["trained_top"]
    left = hold_c(_logit(top), steps)["left"]
    return {"answer": left, "tolerance": 0.01, "top": top, "steps": steps}


def _ex_loss(model):
    char, prob = next_chars(model, LESSON_PROMPT, 1)[0]
    return {"answer": float(-np.log(prob)), "tolerance": 0.02, "p": prob, "char": char, "prompt": LESSON_PROMPT}


def _ex_second_layer(model):
    r = stack_shapes(10, 20, 2, True)
    return {"answer": float(r["layers"][1]["params"]), "tolerance": 0.0, "input": r["layers"][1]["input"]}


def _ex_rnn_one_percent(model):
    reach = rnn_reach(1.0)["reach"]
    factor = round(decay_per_step(reach, 1, 20), 2)                 # as the statement shows it
    exact = float(np.log(0.01) / np.log(factor))
    measured = int(np.argmax(reach[1:] / reach[1] < 0.01))          # steps back from distance 1 on the curve itself
    return {"answer": float(np.ceil(exact)), "tolerance": 0.5, "factor": factor, "exact": exact,
            "measured": measured}


def _ex_half_life_c(model, forget_bias=3.0):
    c = hold_c(forget_bias, 30)
    answer = float(np.log(0.5) / np.log(c["f"]))
    below = int(np.ceil(answer))
    return {"answer": answer, "tolerance": 0.1, "b": forget_bias, "f": c["f"], "before": below - 1,
            "c_before": float(c["c"][below - 2]), "after": below, "c_after": float(c["c"][below - 1])}


def _ex_clip_entry(model, g=(30.0, -40.0), theta=5.0):
    grads = {"w": np.array(g)}
    norm = clip_grad_norm(grads, theta, names=["w"])                 # the optimiser's own clipping, in place
    return {"answer": float(grads["w"][0]), "tolerance": 0.01, "g1": g[0], "g2": g[1], "theta": theta,
            "norm": float(norm), "second": float(grads["w"][1]), "factor": theta / float(norm)}


EXERCISES = {name[len("_"):]: f for name, f in list(globals().items()) if name.startswith("_ex_")}

# What the lessons and /compare say about the multi-seed memory runs (data/compare/memory.json), as checks on
# robust statistics: medians and counts of seeds, never one seed's float.
MEMORY_CLAIM_LIST = [
    ("memory_five_seeds_or_more", memory_table, {},
     lambda r: all(row["seeds"] >= 5 for by_cell in r.values() for by_gap in by_cell.values()
                   for row in by_gap.values()),
     "every point of the memory runs has at least 5 seeds"),
    ("memory_short_gaps_every_seed", memory_story, {},
     lambda r: r["short"] != "–" and r["short"] >= 5 and r["short_median"] != "–" and r["short_median"] >= 10,
     "every cell learns both tasks on every seed at the shortest gap, and by the median up to gap 10 at least"),
    ("memory_harder_as_gap_grows", learnt_share, {"task": "first_symbol"},
     lambda r: max(v for g, v in r.items() if g >= 30) < min(v for g, v in r.items() if g <= 20)
     and r[max(r)] <= 0.5,
     "long gaps are hard to learn, and harder as the gap grows: every gap from 30 on is learnt by fewer runs than "
     "any gap up to 20, and the longest by at most half"),
    ("memory_no_cell_is_hopeless_or_guaranteed", memory_story, {},
     lambda r: r["rnn"] > 0 and all(r[c] < r["long_runs"] for c in ("rnn", "gru", "lstm", "lstm_forget1")),
     "a plain RNN learns a gap of 30 or more on some runs, and no cell learns them on every run"),
    ("memory_each_cell_fails_more_as_gap_grows", memory_table, {},
     lambda r: all(np.all(np.diff([row["solved"] for _, row in sorted(by_gap.items())]) <= 0)
                   for by_gap in r["first_symbol"].values()),
     "on the first-symbol task, every cell learns each longer gap on no more seeds than the shorter ones"),
    ("memory_gates_win_the_adding_problem", memory_story, {},
     lambda r: r["adding_gated"] != "–" and r["adding_rnn"] != "–" and r["adding_gated"] >= 4 * r["adding_rnn"],
     "on the adding problem every seed of the GRU and both LSTMs learns gaps four times longer than the RNN's"),
    ("memory_rnn_learns_20_on_most_seeds", memory_table, {},
     lambda r: r["first_symbol"]["rnn"][20]["solved"] > r["first_symbol"]["rnn"][20]["seeds"] / 2,
     "a plain RNN is not unable to learn a long link: it learns to name the first of 20 symbols on most seeds"),
]
MEMORY_CLAIMS = [c[0] for c in MEMORY_CLAIM_LIST]

# What the lessons, interview answers and corrections say each demonstration shows, as checks the tests run:
# (name, demonstration, keyword arguments, check on its result, the sentence it stands for).
CLAIMS = [
    *MEMORY_CLAIM_LIST,
    ("rnn_vanishes", rnn_reach, {"scale": 1.0}, lambda r: r["left20"] < 1e-3,
     "a default RNN keeps less than 0.1% of the gradient 20 steps back"),
    ("rnn_grows_from_3", explode_criterion, {"scale": 3.0},
     lambda r: r["onset"] == 3.0 and r["grows"] and r["sigma_scaled"] > 1,
     "on the lesson's sequence, the gradient 40 steps back first exceeds the last step's at a factor of 3 (step 1, "
     "step 8 and /compare say 'about 3')"),
    *[(f"pascanu_bound_at_{scale:g}", explode_criterion, {"scale": scale},
       lambda r: r["left"] <= r["bound"] * (1 + 1e-9) and (r["left"] <= 1 or r["sigma_scaled"] > 1),
       "the gradient d steps back is at most (γ σ_max)^d of the last step's, so it can grow only if σ_max > 1")
      for scale in (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0)],
    ("below_one_must_vanish", explode_criterion, {"scale": 0.5}, lambda r: r["sigma_scaled"] < 1 and r["left"] < 1e-9,
     "with σ_max(W_hh) below 1 the gradient must vanish"),
    ("above_one_need_not_grow", explode_criterion, {"scale": 1.0}, lambda r: r["sigma_scaled"] > 1 and r["left"] < 1e-3,
     "σ_max above 1 is needed for growth, not enough: PyTorch's default W_hh has σ_max just above 1 and still "
     "vanishes"),
    ("latch_keeps_with_vanishing_gradient", latch, {},
     lambda r: r["kept"] == 1.0 and r["left"] < 1e-30 and r["factor"] < 0.1
     and abs(r["left"] - r["by_hand"]) <= 1e-9 * r["by_hand"],
     "one tanh unit with recurrent weight 3 keeps a bit through 60 steps of noise on every sequence, while the "
     "gradient from the last step to the first vanishes (Bengio, Simard and Frasconi 1994)"),
    ("trained_read_as_trained", reach_settings, {"length": 60, "seed": 0},
     lambda r: all(len(v) == trained_length() for v in r["trained"].values())
     and all(len(v) == 60 for v in r["default"].values()),
     "the trained panels are read at the length the cells were trained on, the others at the slider's length"),
    ("trained_fail_longer", trained_accuracy, {"length": 60}, lambda r: max(r.values()) < 0.9,
     "on sequences of 60 none of the cells trained at 20 names the first symbol reliably"),
    ("trained_name_at_trained_length", trained_accuracy, {"length": 20}, lambda r: min(r.values()) >= 0.9,
     "at the length they were trained on, the trained cells name the first symbol"),
    *[(f"trained_depend_on_first_{seed}", trained_reach_left, {"seed": seed}, lambda r: min(r.values()) > 0.05,
       "trained nets do not simply let the gradient vanish: the first step still gets over 5% of the last step's")
      for seed in range(4)],
    ("rnn_explodes", rnn_reach, {"scale": 6.0}, lambda r: r["left40"] > 10,
     "recurrent weights six times larger make the gradient grow with distance instead"),
    ("c_holds_when_f_is_1", hold_c, {"forget_bias": 10.0}, lambda r: r["left"] > 0.99,
     "with the forget gate at 1 (bias 10) and the input gate shut, c holds (above 99% after 30 steps)"),
    ("c_leaks_at_095", hold_c, {"forget_bias": 3.0}, lambda r: 0.2 < r["left"] < 0.25 and 0.95 < r["f"] < 0.953,
     "f = 0.95 sounds like 'keep', but after 30 steps less than a quarter of c is left (0.95^30)"),
    ("c_gone_at_05", hold_c, {"forget_bias": 0.0}, lambda r: r["left"] < 1e-8,
     "at PyTorch's initialisation f is about 0.5: after 30 steps c is gone"),
    ("forget1_keeps_more", lstm_reach, {"forget_bias": 1.0}, lambda r: r["ratio40"] > 10,
     "forget-gate bias 1 keeps over ten times more gradient than the RNN at distance 40"),
    ("forget3_keeps_more", lstm_reach, {"forget_bias": 3.0}, lambda r: r["lstm"][40] / r["lstm"][0] > 1e-2,
     "with forget-gate bias 3, more than 1% of the gradient is left at distance 40"),
    ("lstm_can_explode", lstm_explodes, {}, lambda r: r["growth"] > 100,
     "an LSTM with large recurrent weights and an open forget gate has gradients that grow over 100-fold"),
    ("clip_keeps_direction", clipping, {"max_norm": 1.0},
     lambda r: r["norm_before"] > 100 and abs(r["norm_after"] - 1.0) < 1e-9 and r["cosine"] > 1 - 1e-12,
     "clipping scales an exploding gradient (over 100) down to the chosen norm and keeps its direction"),
    ("clip_norm_is_4e5", clipping, {"scale": 6.0, "max_norm": 1.0}, lambda r: 3e5 < r["norm_before"] < 6e5,
     "the RNN with weights six times the defaults has a gradient of norm about 4·10^5"),
    ("clip_threshold_above_changes_nothing", clipping, {"scale": 6.0, "max_norm": 1e6},
     lambda r: r["norm_after"] == r["norm_before"] and r["cosine"] > 1 - 1e-12,
     "with the threshold above the gradient's norm (10^6), clipping changes nothing"),
    ("clip_leaves_small", clipping, {"scale": 1.0, "max_norm": 100.0},
     lambda r: abs(r["norm_after"] - r["norm_before"]) < 1e-9 * r["norm_before"],
     "a gradient already below the threshold is left as it is"),
    ("gru_equation", gru_equation, {}, lambda r: r["error"] < 1e-12 and r["gru"] * 4 == r["lstm"] * 3,
     "a GRU's h is (1 - z) n + z h_prev, and it has 3/4 of an LSTM's parameters"),
    ("one_direction_is_causal", dependence, {"bidirectional": False}, lambda r: r["later"] == 0.0,
     "a one-direction LSTM's output at step 5 does not depend on later inputs at all"),
    ("two_directions_see_ahead", dependence, {"bidirectional": True}, lambda r: r["later"] > 1e-3
     and r["output_size"] == 16, "a bidirectional LSTM's output depends on later inputs too, and is 2H wide"),
    ("stacked_input_sizes", stack_shapes, {"input_size": 10, "hidden_size": 20, "layers": 2, "bidirectional": True},
     lambda r: [row["input"] for row in r["layers"]] == [10, 40] and r["layers"][1]["params"] == 2 * 4 * (
         20 * 40 + 20 * 20 + 2 * 20), "a second layer over a bidirectional first reads 2H inputs per step"),
    ("batching_is_exact", batching, {}, lambda r: r["difference"] < 1e-5,
     "a batch gives the same outputs as its sequences one by one"),
    ("truncation_stops_gradient", truncated_bptt, {},
     lambda r: r["truncated"][:r["start"]].max() == 0 and r["full"][:r["start"]].max() > 0
     and r["same_output"] < 1e-12,
     "truncated BPTT gives the same forward values but no gradient before the chunk"),
    ("relu_gates_blow_up", relu_gates, {"model": "MODEL"},
     lambda r: r["trained"]["relu"]["max_gate"] > 1 and r["trained"]["relu"]["max_abs_c"] > 1e6
     and r["trained"]["relu"]["steps"] <= 20 and r["trained"]["sigmoid"]["max_abs_c"] < 50
     and abs(r["trained"]["sigmoid"]["max_abs_c"] - r["engine_max_abs_c"]) < 1e-3,
     "with the trained model's own weights, ReLU gates pass 1 and |c| passes a million within 20 characters, "
     "where sigmoid gates keep it below 50"),
    ("relu_at_init_leaves_0_1_but_c_stays_small", relu_gates, {"model": "MODEL"},
     lambda r: all(row["relu"]["max_gate"] > 1 and row["relu"]["max_abs_c"] < 3 and row["sigmoid"]["max_gate"] < 1
                   and abs(row["sigmoid"]["max_abs_c"] - row["engine_max_abs_c"]) < 1e-9 for row in r["rows"]),
     "at PyTorch's initialisation (seeds 0-4, weights not scaled) ReLU gates pass 1 but |c| stays below 3 in 50 "
     "steps: the damage shows once weights grow"),
    ("hard_sigmoid_is_bounded", relu_gates, {"model": "MODEL"},
     lambda r: r["trained"]["hard_sigmoid"]["max_gate"] <= 1 and r["trained"]["hard_sigmoid"]["steps"] == r[
         "text_steps"] and all(row["hard_sigmoid"]["max_gate"] <= 1 for row in r["rows"])
     and r["trained"]["hard_sigmoid"]["max_abs_c"] < 10 * r["trained"]["sigmoid"]["max_abs_c"],
     "Keras's hard_sigmoid keeps every gate within 0..1, like σ, and c of the same order as with σ"),
    ("products_dominate_a_step", relu_gates, {"model": "MODEL"}, lambda r: r["macs"] > 100 * r["activations"],
     "a step of the lesson's model does over 100 multiply-adds in its recurrent product per function evaluation"),
    ("article_wiring_ties_f_to_i", article_wiring, {},
     lambda r: all(row["article"]["corr"] > 0.95 and row["own"]["corr"] < 0.2 and row["article"]["first_step_diff"]
                   == 0.0 and row["own"]["first_step_diff"] > 0.1 and row["article"]["mean_diff"] * 4 < row["own"][
                       "mean_diff"] for row in r["rows"]),
     "article 000's wiring makes f and i nearly one gate (correlation above 0.95, equal at the first step) on every "
     "seed; with their own weights they are unrelated (below 0.2)"),
    ("article_input_gate_sees_the_sum", article_wiring, {},
     lambda r: all(row["input_gate_from_sum"] < 1e-12 for row in r["rows"]),
     "article 000's input gate is recomputed exactly from h + x alone"),
    ("article_backward_is_not_a_gradient", article_backward, {},
     lambda r: r["true_between_gates"] > 0.1 and r["true_cosine_losses"] < 0.9,
     "the true gradient of the input weights differs between the gates and between two losses; the article's "
     "update is one vector for every gate and every loss"),
    ("cell_state_is_not_a_tanh", cell_state_unsquashed, {"model": "MODEL"},
     lambda r: r["max_abs_c"] > 10 and r["share_above_1"] > 0.2 and r["c_error"] < 1e-5,
     "on the lesson's sentence |c| passes 10 and over a fifth of the values are beyond ±1, and c = f c_prev + i g"),
    ("open_output_gate_is_not_output_1", output_gate_open, {"model": "MODEL"},
     lambda r: r["count"] > 100 and r["share_below_half"] > 0.5 and 0.2 < r["share_negative"] < 0.8
     and r["max_abs_h"] < 1 and r["h_error"] < 1e-5,
     "where o > 0.9, most |h| are below 0.5, some are negative, none is 1: h = o tanh(c)"),
    ("output_is_h_not_c", output_is_h, {"model": "MODEL"},
     lambda r: r["output_minus_h"] == 0.0 and r["output_minus_c"] > 1 and r["max_abs_h"] < 1 < r["max_abs_c"],
     "the layer's output is h exactly; c is the other state, and it leaves -1..1"),
    ("fixed_carousel_drifts", cec_drift, {"model": "MODEL"},
     lambda r: r["fixed1"]["tail_mean_abs_c"] > 20 * r["own"]["tail_mean_abs_c"] and r["steps"] >= 900,
     "with f held at 1 (the 1997 cell) the cell state adds up over 1,000 characters: its mean |c| at the end is "
     "over 20 times the forget gate's"),
    ("engine_gradient_is_true", gradcheck, {}, lambda r: r["engine_error"] < 1e-7 and r["wrong_error"] > 1e-2,
     "the engine's backward matches finite differences; a backward along c alone does not"),
    ("output_gate_reads_c", output_gate_identity, {"model": "MODEL", "text": "TEXT"},
     lambda r: r["h_error"] < 1e-5 and r["c_error"] < 1e-5 and r["h_vs_o_plus_c"] > 0.1,
     "h = o tanh(c) and c = f c_prev + i g at every step; h is not o + c"),
    ("plain_pipeline", plain_pipeline, {"text": "TEXT"},
     lambda r: r["round_trip"] and r["x_shape"] == (r["seq_len"], 3, r["vocab_size"])
     and r["y_shape"] == (r["seq_len"], 3),
     "a few lines of Python and NumPy replace the removed torchtext.legacy pipeline"),
    ("h_never_above_o", h_excess, {"model": "MODEL", "text": "TEXT"},
     lambda r: r["excess"] <= 1e-7 and r["max_abs_h"] <= 1, "|h| never exceeds o (nor 1), because h = o tanh(c)"),
    ("c_exceeds_one_on_the_lesson_text", cell_states, {"model": "MODEL", "text": "LESSON_TEXT"},
     lambda r: r["max_abs_c"] > 1 >= r["max_abs_h"], "on the lesson's sentence |c| goes above 1 and |h| does not"),
    *[(f"trained_forget_above_fresh_{seed}", trained_vs_fresh, {"seed": seed},
       lambda r: r["trained_top"] > r["fresh_top"], "the trained LSTM's most open forget gate is above any at "
       "initialisation, on any sequence") for seed in range(4)],
    *[(f"gru_equation_{seed}", gru_equation, {"seed": seed}, lambda r: r["error"] < 1e-12,
       "h = (1 - z) n + z h_prev at every step, on any sequence") for seed in range(1, 4)],
    *[(f"causal_at_{at}", dependence, {"bidirectional": False, "at": at}, lambda r: r["later"] == 0.0,
       "a one-direction LSTM never depends on later inputs, whatever step t") for at in (0, 3, 10)],
    *[(f"bidirectional_at_{at}", dependence, {"bidirectional": True, "at": at}, lambda r: r["later"] > 0,
       "a bidirectional LSTM depends on later inputs at any step t but the last") for at in (0, 3, 10)],
    *[(f"cost_by_arithmetic_{D}_{H}", arithmetic_cost, {"input_size": D, "hidden_size": H},
       lambda r, D=D, H=H: r["lstm"]["ratio"] == 4 and r["gru"]["ratio"] == 3 and r["rnn"]["macs"] == H * D + H * H,
       "an LSTM step costs 4 and a GRU step 3 times an RNN step's multiply-adds, H·D + H², whatever D and H")
      for D, H in ((1, 1), (64, 128), (300, 16))],
    ("times_are_repeated_with_spread", time_per_step, {"input_size": 8, "hidden_size": 16, "length": 10, "repeats": 5},
     lambda r: all(len(v["times"]) == 5 and v["low"] <= v["median"] <= v["high"] for v in r.values()),
     "a measured time is a median of repeated runs, shown with the fastest and slowest"),
    ("batching_times_repeated", batching, {"repeats": 3},
     lambda r: r["repeats"] == 3 and r["batched_range"][0] <= r["batched_s"] <= r["batched_range"][1]
     and r["one_by_one_range"][0] <= r["one_by_one_s"] <= r["one_by_one_range"][1],
     "the batch and one-by-one times are medians of repeated runs, shown with their range"),
    *[(f"gru_reset_keeps_old_state_{seed}", gru_reset_closed, {"seed": seed},
       lambda r: r["r_max"] < 1e-9 and r["carried"] > 0.3,
       "with its reset gate shut, the trained GRU's h_1 still moves with h_0 (through z h_prev)") for seed in range(4)],
    ("reset_unit_at_spaces", reset_unit, {"model": "MODEL", "text": "LESSON_TEXT"},
     lambda r: r["unit"] == 180 and r["at_spaces"] < 0.1 and 0.4 < r["elsewhere"] < 0.6 and r["spaces"] == 16,
     "on the lesson's sentence unit 180's forget gate is below 0.1 at every one of its 16 spaces, and about 0.5 at "
     "the other characters"),
    ("lowest_forget_is_not_the_largest_erase", erase_at_lowest_forget, {"model": "MODEL", "text": "LESSON_TEXT"},
     lambda r: r["low_f"] < 0.01 and r["top_erased"] > 50 * r["low_erased"],
     "a low f alone erases nothing: what goes is (1 - f) |c_prev|"),
    ("cell_state_built_over_many_steps", largest_cell_build_up, {"model": "MODEL", "text": "TEXT"},
     lambda r: r["max_write"] < 1 and 1 + r["run_up"] * r["max_write"] > r["max_c"],
     "|i g| < 1, so |c| grows by less than 1 a step: a cell state far beyond 1 is built over many characters"),
    ("large_cells_mostly_hidden", output_gate_where_c_large, {"model": "MODEL", "text": "LESSON_TEXT"},
     lambda r: r["shut"] > 0.8, "where |c| > 10 on the lesson's sentence, the output gate is mostly below 0.5"),
    ("clip_by_value_turns", clip_by_value, {}, lambda r: r["cosine"] < 0.7 and r["share"] > 0.5,
     "clipping each entry to [-1, 1] turns an exploding gradient (cosine below 0.7)"),
    *[(f"bidirectional_last_step_{seed}", halves_at_last, {"seed": seed},
       lambda r: r["backward"] == 0.0 and r["forward"] > 0,
       "at the last step the backward half has read the last input only") for seed in range(3)],
    *[(f"unrolled_h_is_the_reach_chart_{b:g}", paths_vs_reach, {"forget_bias": b}, lambda r: r["error"] < 1e-9,
       "the unrolled figure's arrows carry the numbers of the gradient-reach chart above it (on h), and those of the "
       "same backward on c")
      for b in (0.0, 1.0, 3.0)],
    *[(f"unrolled_c_carries_more_than_h_{b:g}", bptt_paths, {"forget_bias": b},
       lambda r: np.all(r["lstm"]["c"][1:] > r["lstm"]["h"][1:]),
       "in the LSTM more of the gradient reaches c than h, at every distance, whatever the slider's bias")
      for b in np.arange(0.0, 4.01, 0.5)],
    ("unrolled_rnn_h_fades", bptt_paths, {}, lambda r: r["rnn"]["h"][40] < 1e-6 and r["rnn"]["h"][10] < 0.05,
     "through the plain RNN's h, under 5% of the gradient is left 10 steps back and under a millionth 40 back"),
    ("unrolled_c_keeps_more_than_rnn", bptt_paths, {"forget_bias": 1.0},
     lambda r: r["lstm"]["c"][40] > 100 * r["rnn"]["h"][40],
     "with forget-gate bias 1, the gradient reaching c 40 steps back is over 100 times the RNN's"),
    ("unrolled_c_keeps_a_fifth_at_3", bptt_paths, {"forget_bias": 3.0}, lambda r: r["lstm"]["c"][40] > 0.2,
     "with forget-gate bias 3, over a fifth of the gradient reaches c 40 steps back"),
    ("unrolled_c_fades_at_0", bptt_paths, {"forget_bias": 0.0}, lambda r: r["lstm"]["c"][40] < r["rnn"]["h"][40],
     "with bias 0 (f near 0.5) the LSTM's c path fades too, faster than the RNN's h here"),
    ("context_prompt_a_few_words", effective_context, {"model": "MODEL", "text": LESSON_PROMPT},
     lambda r: 4 <= r["k90"] <= 20 and r["k50"] <= 6 and r["top_distance"] <= 3,
     "after the lesson's prompt, 90% of what moved the guess lies in the last 4-20 characters, half in the last "
     "few, the strongest among the last 3"),
    *[(f"context_prompt_at_{at}", effective_context, {"model": "MODEL", "text": LESSON_PROMPT, "at": at},
       lambda r: 4 <= r["k90"] <= 20, "wherever the step on the prompt (from its 10th character), 90% of the "
       "influence lies within the last 4 to 20 characters") for at in range(9, len(LESSON_PROMPT))],
    ("context_first_word_small_not_zero", effective_context, {"model": "MODEL", "text": LESSON_PROMPT},
     lambda r: 0 < r["first_share"] < 0.05 and bool(np.all(r["norms"] > 0)),
     "the first character still moves the guess, by less than 5% of the strongest: small, not zero; no character's "
     "gradient is exactly 0"),
    ("context_every_character_counts", effective_context, {"model": "MODEL", "text": "TEXT"},
     lambda r: bool(np.all(r["norms"] > 0)) and r["k50"] <= r["k90"] <= r["length"],
     "every character before the step moves the guess a little (none exactly 0), and 90% lies in the last k90"),
    ("clip_shrinks_every_parameter_alike", clipping, {"scale": 6.0, "max_norm": 1.0},
     lambda r: np.allclose(np.array(r["after"]) / np.array(r["before"]), r["norm_after"] / r["norm_before"]),
     "below the gradient's norm, every parameter's gradient is shrunk by the same factor"),
]

# Which claims stand behind the text around each widget ("try") and demonstration of the lessons: tests/test_learn.py
# checks every try and demo placeholder in the texts has claims here, and that they hold.
EVIDENCE = {
    ("try", "rnn_scale"): ["rnn_vanishes", "rnn_grows_from_3", "rnn_explodes", "below_one_must_vanish",
                           "above_one_need_not_grow", *[f"pascanu_bound_at_{s:g}" for s in (0.5, 1, 2, 3, 4, 6, 8)],
                           "latch_keeps_with_vanishing_gradient", *MEMORY_CLAIMS],
    ("try", "text"): ["h_never_above_o", "output_gate_reads_c", "reset_unit_at_spaces",
                      "lowest_forget_is_not_the_largest_erase", "cell_state_built_over_many_steps"],
    ("try", "unit"): ["h_never_above_o", "large_cells_mostly_hidden"],
    ("try", "forget_bias"): ["c_holds_when_f_is_1", "c_leaks_at_095", "c_gone_at_05"],
    ("try", "forget_bias_reach"): ["forget1_keeps_more", "forget3_keeps_more",
                                   *[f"unrolled_h_is_the_reach_chart_{b:g}" for b in (0.0, 1.0, 3.0)],
                                   *[f"unrolled_c_carries_more_than_h_{b:g}" for b in np.arange(0.0, 4.01, 0.5)],
                                   "unrolled_rnn_h_fades", "unrolled_c_keeps_more_than_rnn",
                                   "unrolled_c_keeps_a_fifth_at_3", "unrolled_c_fades_at_0"],
    ("try", "context_at"): ["context_prompt_a_few_words", *[f"context_prompt_at_{at}" for at in
                                                           range(9, len(LESSON_PROMPT))],
                            "context_first_word_small_not_zero", "context_every_character_counts"],
    ("try", "clip"): ["clip_by_value_turns", "clip_threshold_above_changes_nothing",
                      "clip_shrinks_every_parameter_alike",
                      "clip_norm_is_4e5"],
    ("try", "sequence_seed"): ["gru_reset_keeps_old_state_1", "gru_reset_keeps_old_state_2",
                               "gru_equation_1", "gru_equation_2", "gru_equation_3", "trained_forget_above_fresh_0",
                               "trained_forget_above_fresh_1", "trained_forget_above_fresh_2",
                               "trained_forget_above_fresh_3"],
    ("try", "prompt"): ["h_never_above_o"],
    ("try", "direction"): ["causal_at_0", "causal_at_3", "causal_at_10", "bidirectional_at_0", "bidirectional_at_3",
                           "bidirectional_at_10", "two_directions_see_ahead", "bidirectional_last_step_0",
                           "bidirectional_last_step_1", "bidirectional_last_step_2"],
    ("demo", "reach_trained"): ["trained_read_as_trained", "trained_fail_longer", "trained_name_at_trained_length",
                                "trained_depend_on_first_0", "latch_keeps_with_vanishing_gradient", *MEMORY_CLAIMS],
    ("demo", "one_step"): ["output_gate_reads_c"],
    ("demo", "lstm_explodes"): ["lstm_can_explode", "clip_keeps_direction"],
    ("demo", "gru_equation"): ["gru_equation"],
    ("demo", "param_count"): ["stacked_input_sizes"],
    ("demo", "dependence"): ["one_direction_is_causal", "two_directions_see_ahead"],
    ("demo", "stack_shapes"): ["stacked_input_sizes"],
    ("demo", "speed"): ["batching_is_exact", "batching_times_repeated", "truncation_stops_gradient",
                        "relu_gates_blow_up"],
    ("demo", "relu_gates"): ["relu_gates_blow_up", "relu_at_init_leaves_0_1_but_c_stays_small",
                             "hard_sigmoid_is_bounded", "products_dominate_a_step"],
    ("demo", "article_wiring"): ["article_wiring_ties_f_to_i", "article_input_gate_sees_the_sum"],
    ("demo", "article_backward"): ["article_backward_is_not_a_gradient"],
    ("demo", "gradcheck"): ["engine_gradient_is_true"],
    ("demo", "cell_state_unsquashed"): ["cell_state_is_not_a_tanh"],
    ("demo", "output_gate_open"): ["open_output_gate_is_not_output_1", "output_gate_reads_c"],
    ("demo", "output_is_h"): ["output_is_h_not_c"],
    ("demo", "cec_drift"): ["fixed_carousel_drifts"],
    ("demo", "causal"): ["one_direction_is_causal"],
    ("demo", "output_gate"): ["output_gate_reads_c"],
    ("demo", "plain_pipeline"): ["plain_pipeline"],
}


