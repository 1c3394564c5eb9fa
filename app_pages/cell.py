"""/cell: one LSTM, GRU or RNN cell set by hand: sliders, its data-flow diagram with the value on every wire,
each equation with the numbers put in, the code that computes them, and the same cell over a short sequence.

Every setting is one float under a key "cell_<kind>_..." (weights, biases) or "cell_x_j", "cell_h_k",
"cell_c_k" (this step's inputs, shared by the three kinds). Only the sliders of the unit shown exist at a
time, and Streamlit forgets a widget's value when it is not drawn, so every setting is kept for the page
(common.keep, common.kept) and read from there."""
import inspect

import numpy as np
import streamlit as st

from app_pages.common import T, keep, kept, set_kept, translated_labels
from app_pages.strings import t
from lstm_core import textbook
from viz import cell_diagram, figures

KINDS = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"}
GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n"), "rnn": ("h",)}     # PyTorch's block order
TABS = {"lstm": ("f", "i", "g", "o"), "gru": ("r", "z", "n"), "rnn": ("h",)}       # the diagram's order
SOURCE = {"lstm": textbook.lstm_step, "gru": textbook.gru_step, "rnn": textbook.rnn_step}
WEIGHT, STATE_X, STATE_HC = (-10.0, 10.0, 0.1), (-1.0, 1.0, 0.05), (-2.0, 2.0, 0.05)
SHAPES = ("pulse", "step", "sine")

# Defaults: per gate, per unit (W from input 0, W from input 1, W from the unit's own h, bias). Unit 0 writes
# when x = 1 (i = σ(6x - 3)) and keeps most of its memory (f = σ(3)); units 1 and 2 differ so that a
# cell of several units shows something.
DEFAULTS = {
    "lstm": {"i": [(6, 0, 0, -3), (6, 0, 0, -3), (0, 6, 0, -3)], "f": [(0, 0, 0, 3), (0, 0, 0, 0), (0, 0, 0, 5)],
             "g": [(2, 0, 0, 0), (0, 0, 0, 0), (-2, 0, 0, 0)], "o": [(0, 0, 0, 2)] * 3},
    "gru": {"r": [(0, 0, 0, 2)] * 3, "z": [(-6, 0, 0, 3), (0, 0, 0, 0), (0, -6, 0, 3)],
            "n": [(2, 0, 1, 0), (-2, 0, 1, 0), (0, 2, 1, 0)]},
    "rnn": {"h": [(1, 0, 0.9, 0), (1, 0, 0.5, 0), (0, 1, 0.9, 0)]},
}
CROSS = {"lstm": {("g", 1, 0): 2.0}, "gru": {("n", 1, 0): 1.0}, "rnn": {("h", 1, 0): 0.5}}  # W_h[unit, from]
STATE_DEFAULTS = {"cell_x_0": 1.0, "cell_x_1": 0.0, "cell_h_0": 0.0, "cell_h_1": 0.0, "cell_h_2": 0.0,
                  "cell_c_0": -0.5, "cell_c_1": 0.5, "cell_c_2": 0.0}

# Presets: the same gate settings for every unit (inputs beyond the first and other units' h weigh 0),
# this step's inputs, and the input shape of the sequence below that shows the point best.
PRESETS = {
    "lstm": {
        "remember": ({"i": (0, 0, -6), "f": (0, 0, 6), "g": (2, 0, 0), "o": (0, 0, 2)}, (1.0, 0.0, 0.8), "pulse"),
        "overwrite": ({"i": (0, 0, 6), "f": (0, 0, -6), "g": (2, 0, 0), "o": (0, 0, 2)}, (1.0, 0.0, -0.8), "sine"),
        "read": ({"i": (0, 0, -6), "f": (0, 0, 6), "g": (2, 0, 0), "o": (10, 0, -5)}, (1.0, 0.0, 0.8), "pulse"),
        "forget": ({"i": (0, 0, -6), "f": (0, 0, -6), "g": (2, 0, 0), "o": (0, 0, 2)}, (1.0, 0.0, 0.8), "sine"),
    },
    "gru": {
        "keep": ({"r": (0, 0, 2), "z": (0, 0, 6), "n": (2, 1, 0)}, (1.0, 0.8, 0.0), "sine"),
        "overwrite": ({"r": (0, 0, 6), "z": (0, 0, -6), "n": (2, 1, 0)}, (1.0, -0.8, 0.0), "sine"),
        "reset": ({"r": (0, 0, -6), "z": (0, 0, -6), "n": (2, 2, 0)}, (1.0, -0.8, 0.0), "step"),
    },
    "rnn": {
        "echo": ({"h": (1, 0.95, 0)}, (1.0, 0.0, 0.0), "pulse"),
        "fade": ({"h": (1, 0.3, 0)}, (1.0, 0.0, 0.0), "pulse"),
        "explode": ({"h": (1, 1.2, 0)}, (1.0, 0.0, 0.0), "pulse"),
    },
}
PRESET_NONLINEARITY = {"echo": "tanh", "fade": "tanh", "explode": "relu"}


# ------------------------------------------------------------------------------------------ settings

def w_x(kind, q, k, j):
    return f"cell_{kind}_Wi{q}_{k}_{j}"


def w_h(kind, q, k, m):
    return f"cell_{kind}_Wh{q}_{k}_{m}"


def b_i(kind, q, k):
    return f"cell_{kind}_bi{q}_{k}"


def b_hn(k):
    return f"cell_gru_bhn_{k}"


def default(key):
    if key in STATE_DEFAULTS:
        return STATE_DEFAULTS[key]
    _, kind, name, *idx = key.split("_")
    idx = [int(i) for i in idx]
    if name == "bhn":
        return 0.0
    q, k = name[2:], idx[0]
    wx0, wx1, wself, b = DEFAULTS[kind][q][k]
    if name.startswith("Wi"):
        return float((wx0, wx1)[idx[1]])
    if name.startswith("Wh"):
        return float(wself if idx[1] == k else CROSS[kind].get((q, k, idx[1]), 0.0))
    return float(b)


def value(key):
    return float(kept(key, default(key)))


def forget_preset():
    st.session_state.pop("cell_said", None)


def slider(key, label, bounds, help=None):
    """A slider whose value outlives the slider (see the module docstring)."""
    keep(key, default(key), float)
    lo, hi, step = bounds
    return st.slider(label, lo, hi, step=step, key=key, help=help, on_change=forget_preset)


def set_value(key, v):
    set_kept(key, float(v))


def apply_preset(kind, name):
    """on_click: runs before the script, so it may set the sliders' values."""
    gates, (x, h, c), shape = PRESETS[kind][name]
    for q, (wx, wself, b) in gates.items():
        for k in range(3):
            for j in range(2):
                set_value(w_x(kind, q, k, j), wx if j == 0 else 0.0)
            for m in range(3):
                set_value(w_h(kind, q, k, m), wself if m == k else 0.0)
            set_value(b_i(kind, q, k), b)
            if kind == "gru" and q == "n":
                set_value(b_hn(k), 0.0)
    for k in range(3):
        set_value(f"cell_h_{k}", h)
        set_value(f"cell_c_{k}", c)
    set_value("cell_x_0", x)
    set_value("cell_x_1", 0.0)
    st.session_state["cell_seq_shape"] = shape
    if kind == "rnn":
        st.session_state["cell_nonlinearity"] = PRESET_NONLINEARITY[name]
    st.session_state["cell_said"] = (kind, name)


def params_of(kind, D, H):
    """The settings as PyTorch-shaped weights: gate blocks stacked in PyTorch's order; b_h* = 0 but b_hn."""
    gates = GATES[kind]
    weight_ih = np.array([[value(w_x(kind, q, k, j)) for j in range(D)] for q in gates for k in range(H)])
    weight_hh = np.array([[value(w_h(kind, q, k, m)) for m in range(H)] for q in gates for k in range(H)])
    bias_ih = np.array([value(b_i(kind, q, k)) for q in gates for k in range(H)])
    bias_hh = np.zeros(len(gates) * H)
    if kind == "gru":
        bias_hh[2 * H:] = [value(b_hn(k)) for k in range(H)]
    return {"weight_ih": weight_ih, "weight_hh": weight_hh, "bias_ih": bias_ih, "bias_hh": bias_hh}


def step_of(kind, params, x, h, c, nonlinearity):
    if kind == "lstm":
        return textbook.lstm_step(params, x, h, c)
    if kind == "gru":
        return textbook.gru_step(params, x, h)
    return textbook.rnn_step(params, x, h, nonlinearity)


def sequence_input(shape, T):
    t = np.arange(T)
    return {"pulse": (t == 3).astype(float), "step": (t >= 5).astype(float),
            "sine": np.sin(2 * np.pi * t / 12)}[shape]


def run_sequence(kind, params, xs, h, c, nonlinearity):
    """The same textbook step in a loop: {name: (T, H)}."""
    steps = []
    for x in xs:
        steps.append(step_of(kind, params, x, h, c, nonlinearity))
        h, c = steps[-1]["h"], steps[-1].get("c")
    return {name: np.array([s[name] for s in steps]) for name in steps[0]}


def symbol(tex, k, j, D, H, matrix=True):
    """A slider label: the symbol, with [row, column] (or [unit]) when the cell has more than one of them."""
    if matrix and (D > 1 or H > 1):
        return f"${tex}[{k},{j}]$"
    if not matrix and H > 1:
        return f"${tex}[{k}]$"
    return f"${tex}$"


# -------------------------------------------------------------------------------------------- page

head = st.columns([3, 2], vertical_alignment="bottom")
head[0].title(T("cell_page_title"))
keep("cell_kind", "lstm", link="kind", valid=lambda v: v in KINDS)
kind = head[1].radio(T("cell_kind"), list(KINDS), key="cell_kind", horizontal=True, format_func=KINDS.get)
st.caption(T("cell_intro"))

names = list(PRESETS[kind])
row = st.columns([1] + [2] * len(names), vertical_alignment="center")
row[0].markdown(f"**{T('cell_presets')}**")
for col, name in zip(row[1:], names, strict=True):
    col.button(T(f"cell_preset_{kind}_{name}"), key=f"cell_preset_{kind}_{name}", on_click=apply_preset,
               args=(kind, name), use_container_width=True)

controls, picture = st.columns([2, 5], gap="medium")
with controls:
    slider_box = st.container()
    with st.expander(T("cell_size")):
        keep("cell_units", 1, int, valid=lambda v: v in (1, 2, 3))
        keep("cell_inputs", 1, int, valid=lambda v: v in (1, 2))
        H = st.radio(T("cell_units"), [1, 2, 3], key="cell_units", horizontal=True)
        D = st.radio(T("cell_inputs"), [1, 2], key="cell_inputs", horizontal=True)
        keep("cell_unit", 0, int, valid=lambda v: 0 <= v < H)
        unit = st.radio(T("cell_unit_shown"), list(range(H)), key="cell_unit", horizontal=True) if H > 1 else 0

with slider_box:
    st.markdown(f"**{T('cell_this_step')}**")
    for j in range(D):
        slider(f"cell_x_{j}", f"$x_t[{j}]$" if D > 1 else "$x_t$", STATE_X, help=T("cell_help_x"))
    slider(f"cell_h_{unit}", symbol("h_{t-1}", unit, 0, D, H, matrix=False), STATE_X, help=T("cell_help_h"))
    if kind == "lstm":
        slider(f"cell_c_{unit}", symbol("c_{t-1}", unit, 0, D, H, matrix=False), STATE_HC, help=T("cell_help_c"))
    nonlinearity = "tanh"
    if kind == "rnn":
        keep("cell_nonlinearity", "tanh", valid=lambda v: v in ("tanh", "relu"))
        nonlinearity = st.radio(T("cell_nonlinearity"), ["tanh", "relu"], key="cell_nonlinearity", horizontal=True,
                                on_change=forget_preset)

    st.markdown(f"**{T('cell_weights', unit=unit)}**")
    tabs = st.tabs(list(TABS[kind]))
    for tab, q in zip(tabs, TABS[kind], strict=True):
        with tab:
            st.caption(f"{q} · {T(f'cell_term_{q}')}")
            for j in range(D):
                slider(w_x(kind, q, unit, j), symbol(f"W_{{i{q}}}", unit, j, D, H), WEIGHT)
            for m in range(H):
                slider(w_h(kind, q, unit, m), symbol(f"W_{{h{q}}}", unit, m, D, H), WEIGHT)
            slider(b_i(kind, q, unit), symbol(f"b_{{i{q}}}", unit, 0, D, H, matrix=False), WEIGHT)
            if kind == "gru" and q == "n":
                slider(b_hn(unit), symbol("b_{hn}", unit, 0, D, H, matrix=False), WEIGHT)
    st.caption(T("cell_bias_note_gru" if kind == "gru" else "cell_bias_note"))

params = params_of(kind, D, H)
x = np.array([value(f"cell_x_{j}") for j in range(D)])
h_prev = np.array([value(f"cell_h_{k}") for k in range(H)])
c_prev = np.array([value(f"cell_c_{k}") for k in range(H)])
step = step_of(kind, params, x, h_prev, c_prev, nonlinearity)

with picture:
    keep(f"cell_part_{kind}", "c" if kind == "lstm" else "h", valid=lambda v: v in cell_diagram.PARTS[kind])
    part = st.session_state[f"cell_part_{kind}"]
    title = T("cell_diagram_title", kind=KINDS[kind], unit=unit)
    if kind == "lstm":
        svg = cell_diagram.lstm_diagram(step, x, h_prev, c_prev, unit, part, title)
        equations = cell_diagram.lstm_equations(params, x, h_prev, c_prev, step, unit)
    elif kind == "gru":
        svg = cell_diagram.gru_diagram(step, x, h_prev, unit, part, title)
        equations = cell_diagram.gru_equations(params, x, h_prev, step, unit)
    else:
        svg = cell_diagram.rnn_diagram(step, x, h_prev, unit, None, nonlinearity, title)   # one part only
        equations = cell_diagram.rnn_equations(params, x, h_prev, step, unit, nonlinearity)
    with st.container(key="cell_diagram"):
        st.markdown(svg, unsafe_allow_html=True)
    said = st.session_state.get("cell_said")
    if said and said[0] == kind:
        st.info(T(f"cell_says_{said[0]}_{said[1]}"))
    st.caption(T("cell_colours"))
    if len(cell_diagram.PARTS[kind]) > 1:
        st.radio(T("cell_part"), cell_diagram.PARTS[kind], key=f"cell_part_{kind}", horizontal=True,
                 format_func=translated_labels(f"cell_part_{kind}",
                                               lambda p, lang: f"{p} · {t(f'cell_term_{p}', lang)}"))
    st.latex(cell_diagram.aligned(equations[part]))
    if H > 1:
        st.caption(T("cell_unit_row", unit=unit))
    if kind == "gru":
        st.info(T("cell_gru_convention"))
    elif kind == "rnn":
        st.info(T("cell_rnn_note"))

left, right = st.columns([2, 3], gap="medium")
with left:
    st.subheader(T("cell_all_equations"))
    st.latex(cell_diagram.summary(equations, kind))
with right:
    st.subheader(T("cell_code"))
    st.code(inspect.getsource(SOURCE[kind]), language="python")
    st.caption(T("cell_code_caption"))

st.subheader(T("cell_sequence"))
st.caption(T("cell_sequence_intro"))
seq_controls = st.columns([3, 2])
keep("cell_seq_shape", "pulse", valid=lambda v: v in SHAPES)
keep("cell_seq_length", 30, int, valid=lambda v: 20 <= v <= 40)
shape = seq_controls[0].radio(T("cell_seq_shape"), SHAPES, key="cell_seq_shape", horizontal=True,
                              format_func=translated_labels("cell_seq_shape",
                                                            lambda s, lang: t(f"cell_shape_{s}", lang)))
length = seq_controls[1].slider(T("cell_seq_length"), 20, 40, key="cell_seq_length")
first = sequence_input(shape, length)
xs = np.stack([first] + [np.full(length, x[j]) for j in range(1, D)], axis=1)          # (T, D)
seq = run_sequence(kind, params, xs, h_prev, c_prev, nonlinearity)
states = {name: seq[name][:, unit] for name in ("c", "h") if name in seq}
gates = {name: seq[name][:, unit] for name in {"lstm": ("f", "i", "o"), "gru": ("r", "z"), "rnn": ()}[kind]}
labels = {name: f"{name} · {T(f'cell_term_{name}')}" for name in ("x", *states, *gates)}
labels.update(states=T("cell_seq_states"), gates=T("cell_seq_gates"), step=T("cell_seq_step"))
st.plotly_chart(figures.cell_sequence(first, states, gates, labels), key="cell_sequence")

with st.expander(T("cell_glossary")):
    rows = [f"| {s} | {t(f'cell_term_{s}', 'en')} | {t(f'cell_term_{s}', 'zh')} |" for s in "xfigochrzn"]
    st.markdown("| | English | 中文 |\n|---|---|---|\n" + "\n".join(rows))
