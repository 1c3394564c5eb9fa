"""The step-through view both pages share: slider, previous/next, play, heatmaps with a cursor, the cell at t.

The trace is computed before this runs; moving the step reruns only the fragment below, which moves the
cursor on a figure built once per view and redraws the small panels.
"""
import numpy as np
import streamlit as st

from app_pages.common import T, from_url, option_labels, per_view
from viz import figures, panels

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
                                 format_func=option_labels("direction_", "direction"))
    return layer, direction


def unit_picker(n_units, default):
    from_url("unit", int, default)
    if not 0 <= st.session_state["unit"] < n_units:
        st.session_state["unit"] = default
    return st.selectbox(T("unit"), range(n_units), key="unit", help=T("unit_help"))


def unit_clicked(event):
    """A click on a unit handle (the dots left of each heatmap) picks that unit; True if the unit changed.
    Only a new click counts (another dot, or after the selection was cleared): the chart reports its last
    selection on every rerun, and a unit picked in the selector since must win over it."""
    points = (event or {}).get("selection", {}).get("points", [])
    point = points[0] if points else {}
    cell = (point.get("curve_number"), point.get("point_index", point.get("point_number")))
    if cell[1] is None:
        cell = None
    if cell is None or cell == st.session_state.get("_last_click"):
        st.session_state["_last_click"] = cell
        return False
    st.session_state["_last_click"] = cell
    unit = point.get("customdata")
    unit = unit[0] if isinstance(unit, list) else unit
    if unit is None or int(unit) == st.session_state.get("unit"):
        return False
    st.session_state["unit"] = int(unit)
    return True


def _shift(delta, n):
    st.session_state["step"] = int(np.clip(st.session_state["step"] + delta, 0, n - 1))


def window_start(step, n_steps):
    """First step of the heatmap window: moves in half-window jumps so most step moves keep the figure."""
    if n_steps <= MAX_COLUMNS:
        return 0
    half = MAX_COLUMNS // 2
    return int(min(max(0, (step - half // 2) // half * half), n_steps - MAX_COLUMNS))


def _heatmap_figure(gates, names, tokens, units, first, view_key, shared):
    """Built once per view and window, reused for every step and for reruns that change nothing it shows
    (the unit picked, the shading). view_key names what `gates` holds (model, input, layer, direction);
    shared: every session sees the same figure for this view (see per_view)."""
    def build():
        titles = {n: T(f"gate_{n}") for n in names}
        shown = {n: gates[n][first:first + MAX_COLUMNS] for n in names}
        return figures.gate_heatmaps(shown, names, tokens[first:first + MAX_COLUMNS], units, titles=titles,
                                     first_step=first, handle_hint=T("unit_handle_hint"))

    key = (view_key, tuple(names), tuple(tokens), tuple(units), first, st.session_state.get("lang"))
    return per_view("heatmaps", key, build, shared)


def step_controls(n_steps, gates, names, tokens, units, unit, describe_step, input_html, view_key, shared=False,
                  extra=None):
    """Slider, buttons, play; heatmaps with a cursor; the chosen unit's cell at t. describe_step(step)
    returns the page's own context as display-safe HTML (the text around t, or the series value and
    forecast); input_html(step) says what x_t is, display-safe. view_key and shared: see _heatmap_figure.
    extra(step): more views drawn inside the step fragment, below the panels, so they follow the cursor
    (the why-tools, app_pages/why.py)."""
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
        fig = _heatmap_figure(gates, names, tokens, units, first, view_key, shared)
        with st.container(key="heatmaps_box"):
            # The figure is the same at every step (so the browser keeps it and the server sends a reference);
            # only the CSS cursor over it moves.
            event = st.plotly_chart(fig, key="heatmaps", on_select="rerun", selection_mode="points",
                                    config={"displaylogo": False, "toImageButtonOptions": {"format": "png"}})
        if unit_clicked(event):
            st.rerun()                          # the unit shapes the whole page (shaded text, URL), not just this part
        st.html(panels.cursor_css("heatmaps_box", figures.column_fraction(fig, step - first), fig.layout.height,
                                  figures.HEATMAP_MARGIN))
        # one HTML element for both panels: every element costs the browser time on each step move
        st.html(panels.side_by_side(describe_step(step), cell_panel(gates, step, unit, input_html(step))))
        st.query_params["step"] = str(step)
        if extra is not None:
            extra(step)

    stepper()
    return st.session_state["step"]


def cell_panel(gates, step, unit, x_html):
    """HTML: the chosen unit at step t: x_t, the state from t-1, the gates, the new state, the update
    written out with its numbers, and the units whose cell state changed most. x_html is display-safe."""
    def prev(name):
        return float(gates[name][step - 1, unit]) if step > 0 else 0.0

    now = {name: float(gates[name][step, unit]) for name in gates if name in figures.UNIT_RANGE or name == "c"}
    title = T("cell_title", unit=unit, step=step)
    if "c" not in gates:
        return panels.cell_summary(title, x_html, {"h(t-1)": prev("h"), **now})
    bars = {"h(t-1)": prev("h"), "c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"],
            "o": now["o"], "c(t)": now["c"], "h(t)": now["h"]}
    changed = np.abs(gates["c"][step] - (gates["c"][step - 1] if step > 0 else 0))
    top = np.argsort(-changed)[:5]
    table = {"unit": top, **{k: gates[k][step, top] for k in "figo"}, "c(t)": gates["c"][step, top], "Δc": changed[top]}
    return panels.cell_summary(title, x_html, bars, T("cell_explain", keep=now["f"], write=now["i"]),
                               T("most_changed"), table,
                               equation=panels.lstm_update(now["f"], prev("c"), now["i"], now["g"], now["c"],
                                                           now["o"], now["h"]))
