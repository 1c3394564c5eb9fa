"""The step-through view both pages share: slider, previous/next, play, heatmaps with a cursor, the cell at t.

The trace is computed before this runs; moving the step reruns only the fragment below, which moves the
cursor on a figure built once per view and redraws the small panels.
"""
import numpy as np
import pandas as pd
import streamlit as st

from app_pages.common import T, from_url
from viz import figures

PLAY_SECONDS = 0.6
MAX_COLUMNS = 400         # longer inputs show a window of this many steps around t (bounded figure data)


def layer_direction_pickers(cfg):
    """Layer and direction selectors, shown only when the model has several."""
    layer = direction = 0
    if cfg.num_layers > 1 or cfg.bidirectional:
        c1, c2 = st.columns(2)
        if cfg.num_layers > 1:
            layer = c1.selectbox(T("layer"), range(cfg.num_layers), key="layer")
        if cfg.bidirectional:
            direction = c2.radio(T("direction"), [0, 1], key="direction", horizontal=True,
                                 format_func=lambda d: T("forward") if d == 0 else T("backward"))
    return layer, direction


def unit_picker(n_units, default):
    from_url("unit", int, default)
    if not 0 <= st.session_state["unit"] < n_units:
        st.session_state["unit"] = default
    return st.selectbox(T("unit"), range(n_units), key="unit", help=T("unit_help"))


def _shift(delta, n):
    st.session_state["step"] = int(np.clip(st.session_state["step"] + delta, 0, n - 1))


def window_start(step, n_steps):
    """First step of the heatmap window: moves in half-window jumps so most step moves keep the figure."""
    if n_steps <= MAX_COLUMNS:
        return 0
    half = MAX_COLUMNS // 2
    return int(min(max(0, (step - half // 2) // half * half), n_steps - MAX_COLUMNS))


def _heatmap_figure(gates, names, tokens, units, first):
    """Built once per view and window (the cached copy lives in this session only), reused for every step."""
    key = ("heatmaps", id(gates), tuple(names), tuple(tokens), tuple(units), first, st.session_state.get("lang"))
    cache = st.session_state.setdefault("_figure_cache", {})
    if key not in cache:
        cache.clear()
        titles = {n: T(f"gate_{n}") for n in names}
        shown = {n: gates[n][first:first + MAX_COLUMNS] for n in names}
        cache[key] = figures.gate_heatmaps(shown, names, tokens[first:first + MAX_COLUMNS], units, titles=titles,
                                           first_step=first)
    return cache[key]


def step_controls(n_steps, gates, names, tokens, units, unit, describe_step):
    """Slider, buttons, play; heatmaps with a cursor; the chosen unit's cell at t. describe_step(step)
    draws the page's own context (the text around t, or the series value and forecast)."""
    from_url("step", int, 0)
    st.session_state["step"] = int(np.clip(st.session_state["step"], 0, n_steps - 1))
    playing = st.session_state.get("playing", False)

    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def stepper():
        if st.session_state.get("playing") and st.session_state.get("_played_once"):
            st.session_state["step"] = (st.session_state["step"] + 1) % n_steps
        st.session_state["_played_once"] = st.session_state.get("playing", False)
        c_prev, c_slider, c_next, c_play = st.columns([1, 8, 1, 2], vertical_alignment="bottom")
        c_prev.button("◀", key="prev", on_click=_shift, args=(-1, n_steps), help=T("previous"))
        c_next.button("▶", key="next", on_click=_shift, args=(1, n_steps), help=T("next"))
        if c_play.toggle(T("play"), key="playing") != playing:
            st.rerun()                          # run_every is fixed when the fragment is defined
        step = c_slider.slider(T("step"), 0, max(n_steps - 1, 1), key="step", disabled=n_steps < 2)
        first = window_start(step, n_steps)
        if n_steps > MAX_COLUMNS:
            st.caption(T("heatmap_window", first=first, last=min(first + MAX_COLUMNS, n_steps) - 1, total=n_steps))
        fig = _heatmap_figure(gates, names, tokens, units, first)
        figures.add_cursor(fig, step - first)
        st.plotly_chart(fig, key="heatmaps", config={"displaylogo": False, "toImageButtonOptions": {"format": "png"}})
        left, right = st.columns(2)
        with left:
            describe_step(step)
        with right:
            cell_panel(gates, step, unit)
        st.query_params["step"] = str(step)

    stepper()
    return st.session_state["step"]


def cell_panel(gates, step, unit):
    """The chosen unit at step t: inputs from t-1, gates, new states, and the update written out."""
    def prev(name):
        return float(gates[name][step - 1, unit]) if step > 0 else 0.0

    now = {name: float(gates[name][step, unit]) for name in gates if name in figures.UNIT_RANGE or name == "c"}
    st.markdown(f"**{T('cell_title', unit=unit, step=step)}**")
    if "c" in gates:
        bars = {"h(t-1)": prev("h"), "c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"],
                "o": now["o"], "c(t)": now["c"], "h(t)": now["h"]}
        st.plotly_chart(figures.cell_bars(bars), key="cell_bars", config={"displayModeBar": False})
        st.latex(rf"""\begin{{aligned}}
c_t &= f_t\,c_{{t-1}} + i_t\,g_t \\
    &= {now['f']:.2f}\times({prev('c'):.2f}) + {now['i']:.2f}\times({now['g']:.2f}) = {now['c']:.2f} \\
h_t &= o_t \tanh(c_t) = {now['o']:.2f}\times\tanh({now['c']:.2f}) = {now['h']:.2f}
\end{{aligned}}""")
        st.caption(T("cell_explain", keep=now["f"], write=now["i"]))
        changed = np.abs(gates["c"][step] - (gates["c"][step - 1] if step > 0 else 0))
        top = np.argsort(-changed)[:5]
        st.caption(T("most_changed"))
        st.dataframe(pd.DataFrame({"unit": top, "f": gates["f"][step, top], "i": gates["i"][step, top],
                                   "g": gates["g"][step, top], "o": gates["o"][step, top],
                                   "c(t)": gates["c"][step, top], "Δc": changed[top]}).round(3),
                     hide_index=True, key="most_changed")
    else:
        st.plotly_chart(figures.cell_bars({"h(t-1)": prev("h"), **{k: v for k, v in now.items()}}),
                        key="cell_bars", config={"displayModeBar": False})
