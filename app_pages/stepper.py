"""The step-through view the pages share: step controls (buttons with keys, slider, play), a gate picker, the
forget strip and heatmaps with a cursor, the chosen unit's cell at t.

The trace is computed before this runs; moving the step reruns only the fragment below, which moves a CSS
cursor over a figure built once per view (and per gate choice, unit and window) and redraws the small panels.
At a desk the figure is drawn above the fragment (heatmaps, then the step bar and the panels), so a step move
does not draw it again; a step into another window reruns the page. In projector mode the fragment holds the
figure and the inspector beside it, in one screen.
"""
import numpy as np
import streamlit as st

from app_pages.common import T, from_url, heatmap_style, option_labels, per_view, projector, sync_widget
from viz import figures, panels

PLAY_SPEEDS = (1.2, 0.6, 0.3)      # seconds per step
MAX_COLUMNS = 400         # longer inputs show a window of this many steps around t (bounded figure data)
GATE_ORDER = ("f", "i", "o", "g", "c", "r", "z", "n", "h")


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


def unit_picker(n_units, default, roles=None):
    """The unit box. roles: {unit: what it tracks}, shown beside the unit's number."""
    from_url("unit", int, default)
    if not 0 <= st.session_state["unit"] < n_units:
        st.session_state["unit"] = default
    sync_widget("unit")
    roles = roles or {}
    template = T("unit_option", unit="\0", role="\1")
    return st.selectbox(T("unit"), range(n_units), key="unit", help=T("unit_help"),
                        format_func=lambda u: template.replace("\0", str(u)).replace("\1", roles[u])
                        if u in roles else str(u))


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


def _follow_clicked_unit():
    """The heatmaps' on_select: runs before the rerun, so the unit box and every view draw the clicked unit."""
    unit_clicked(st.session_state.get("heatmaps"))


def _move(n, delta=0, to=None):
    """Button callbacks: a step `delta` away, or step `to` (-1: the last)."""
    step = st.session_state["step"] + delta if to is None else (n - 1 if to < 0 else to)
    st.session_state["step"] = int(np.clip(step, 0, n - 1))


def _toggle_play():
    st.session_state["playing"] = not st.session_state.get("playing", False)


def window_start(step, n_steps):
    """First step of the heatmap window: moves in half-window jumps so most step moves keep the figure."""
    if n_steps <= MAX_COLUMNS:
        return 0
    half = MAX_COLUMNS // 2
    return int(min(max(0, (step - half // 2) // half * half), n_steps - MAX_COLUMNS))


def gate_picker(names):
    """Which heatmaps to draw: one gate or all. An LSTM starts with f (under the forget strip); a GRU or an RNN,
    which has no forget gate and so no strip, with all of its few gates."""
    options = [n for n in GATE_ORDER if n in names] + [n for n in names if n not in GATE_ORDER] + ["all"]
    if st.session_state.get("gates_shown") not in options:
        st.session_state["gates_shown"] = "f" if "f" in names else "all"
    sync_widget("gates_shown")
    all_label = T("gates_all")
    choice = st.segmented_control(T("gates_shown"), options, key="gates_shown", required=True,
                                  format_func=lambda n: all_label if n == "all" else n)
    return options[:-1] if choice == "all" else [choice]


def _heatmap_figure(gates, names, tokens, units, first, view_key, shared, unit, roles):
    """Built once per view, window, gate choice and unit, reused for every step and for reruns that change
    nothing it shows (the shading). view_key names what `gates` holds (model, input, layer, direction);
    shared: every session sees the same figure for this view (see per_view)."""
    style = heatmap_style()

    def build():
        window = {n: g[first:first + MAX_COLUMNS] for n, g in gates.items()}
        words = {"unit": T("word_unit"), "step": T("word_step"), "range": T("colour_range"),
                 "per_unit": T("colour_per_unit"),
                 "strip_title": T("strip_title"), "strip_mean": T("strip_mean", count="{count}"),
                 "strip_unit": T("strip_unit", unit="{unit}"), "mean_f": T("mean_f"),
                 "strip_low": T("strip_low", step="{step}", token="{token}", value="{value}")}
        fig = figures.gate_heatmaps(window, names, tokens[first:first + MAX_COLUMNS], units,
                                    titles={n: T(f"gate_{n}") for n in names}, first_step=first,
                                    handle_hint=T("unit_handle_hint"), row_labels=roles, chosen=unit,
                                    strip=True, words=words, style=style,
                                    window_note=_window_note(first, len(tokens)))
        # What every step move reads off the figure, read once (a Plotly property lookup is slow)
        facts = {"every": (fig.layout.meta or {}).get("label_every", 1), "range": tuple(fig.layout.xaxis.range),
                 "height": fig.layout.height, "margin": figures.margin_of(fig)}
        return fig, facts

    key = (view_key, tuple(names), tuple(tokens), tuple(units), first, st.session_state.get("lang"), unit,
           tuple(sorted(roles.items())), style)
    return per_view("heatmaps", key, build, shared)


def _heatmaps(fig):
    """The heatmaps, in the container the CSS step cursor is drawn over. The figure is the same at every step
    of its window (so the browser keeps it and the server sends a reference); only the cursor moves. A click
    on a unit's handle picks that unit (_follow_clicked_unit)."""
    with st.container(key="heatmaps_box"):
        st.plotly_chart(fig, key="heatmaps", on_select=_follow_clicked_unit, selection_mode="points",
                        config={"displaylogo": False, "toImageButtonOptions": {"format": "png"}})


def _figure_notes(facts, first, n_steps):
    """What the figure leaves out, said under it at a desk: the window of a long input (the figure's title says
    it briefly), thinned character labels (the step numbers under them say it)."""
    notes = []
    if n_steps > MAX_COLUMNS:
        notes.append(T("heatmap_window", first=first, last=min(first + MAX_COLUMNS, n_steps) - 1, total=n_steps))
    every = facts["every"]
    if every > 1:
        notes.append(T("labels_every", every=every))
    return " ".join(notes)


def _window_note(first, n_steps):
    if n_steps <= MAX_COLUMNS:
        return ""
    return T("window_short", first=first, last=min(first + MAX_COLUMNS, n_steps) - 1, total=n_steps)


def _controls(n_steps):
    """First / previous / slider / next / last. The buttons answer keys (not while the reader types in a text
    box): ← → Home End."""
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key="lx_bar_steps"):
        st.button("⏮", key="first", on_click=_move, args=(n_steps,), kwargs={"to": 0}, help=T("first_step"),
                  shortcut="Home")
        st.button("◀", key="prev", on_click=_move, args=(n_steps, -1), help=T("previous"), shortcut="Left")
        step = st.slider(T("step"), 0, max(n_steps - 1, 1), key="step", disabled=n_steps < 2)
        st.button("▶", key="next", on_click=_move, args=(n_steps, 1), help=T("next"), shortcut="Right")
        st.button("⏭", key="last", on_click=_move, args=(n_steps,), kwargs={"to": -1}, help=T("last_step"),
                  shortcut="End")
    return step


def step_controls(n_steps, gates, names, tokens, units, unit, describe_step, input_html, view_key, shared=False,
                  roles=None, extra=None):
    """Step controls, gate picker, forget strip and heatmaps with a cursor, the chosen unit's cell at t.
    describe_step(step) returns the page's own context as display-safe HTML (the text around t, or the series
    value and forecast); input_html(step) says what x_t is, display-safe. view_key and shared: see
    _heatmap_figure. roles: {unit: what it tracks} (the model card's named units), written beside their rows.
    A page that shows shaded text (text_view.shaded_text_html) gets its character at t framed.
    extra(step): more views drawn inside the step fragment, below the panels, so they follow the cursor
    (the why-tools, app_pages/why.py); not in projector mode, whose one screen has no room for them."""
    from_url("step", int, 0)
    st.session_state["step"] = int(np.clip(st.session_state["step"], 0, n_steps - 1))
    playing = st.session_state.get("playing", False)
    roles = roles or {}
    units = list(units) if unit in units else [unit, *units]       # the chosen unit's row is always there, framed
    # Outside the fragment: a widget inside it is drawn again on every step move, and the two pickers cost the
    # browser as much as the rest of a step move (Chromium's script time per move went 92 -> 205 ms with them
    # inside, 99 ms outside; /tmp A/B with CDP Performance metrics on the loaded 2-core machine). Changing any of
    # these reruns the page, which play and its speed need anyway (run_every is fixed when the fragment is defined).
    with st.container(horizontal=True, vertical_alignment="bottom", key="lx_bar_view"):
        shown = gate_picker(names)
        if st.session_state.get("play_speed") not in PLAY_SPEEDS:
            st.session_state["play_speed"] = 0.6
        sync_widget("play_speed")
        speed = st.segmented_control(T("play_speed"), PLAY_SPEEDS, key="play_speed", required=True,
                                     format_func=lambda s: f"{s:g} s")
        # Play sits with its speed, outside the fragment: it changes how the fragment reruns (run_every), which
        # needs the page's rerun anyway, and at a desk it stays in the first view while the step bar sits
        # under the heatmaps.
        st.button(T("pause") if playing else T("play"), key="play", on_click=_toggle_play, shortcut="Space",
                  icon=":material/pause:" if playing else ":material/play_arrow:", type="primary")

    beside = projector()                    # the inspector beside the heatmaps: one screen holds the view
    first, desk_facts = window_start(st.session_state["step"], n_steps), None
    if not beside:
        # At a desk the heatmaps sit above the step bar, outside the step fragment: the figure is the same at every
        # step of its window, and a chart drawn again in the fragment cost the browser 10-15 ms on every move
        # (tools/fragment_floor_app.py with and without a chart in its fragment).
        fig, desk_facts = _heatmap_figure(gates, shown, tokens, units, first, view_key, shared, unit, roles)
        _heatmaps(fig)
        notes = _figure_notes(desk_facts, first, n_steps)
        if notes:
            st.caption(notes)

    @st.fragment(run_every=speed if playing else None)
    def stepper():
        if st.session_state.get("playing") and st.session_state.get("_played_once"):
            st.session_state["step"] = (st.session_state["step"] + 1) % n_steps
        st.session_state["_played_once"] = st.session_state.get("playing", False)
        if st.session_state.get("unit") != unit:
            st.rerun()                          # a unit clicked on the heatmaps here: it shapes the whole page
        step = _controls(n_steps)
        if beside:
            at = window_start(step, n_steps)
            fig, facts = _heatmap_figure(gates, shown, tokens, units, at, view_key, shared, unit, roles)
            left, right = st.columns([0.7, 0.3], gap="small")
            with left:
                _heatmaps(fig)
            inspector = cell_panel(gates, step, unit, input_html(step), roles) + describe_step(step)
        else:
            if window_start(step, n_steps) != first:
                st.rerun()                      # the heatmaps above show another window: the page draws them again
            at, facts, right = first, desk_facts, st
            inspector = panels.side_by_side(describe_step(step), cell_panel(gates, step, unit, input_html(step),
                                                                             roles), (2, 3))
        # one HTML element for the cursors and the panels: every element costs the browser time on each step move
        right.html(panels.cursor_css("heatmaps_box", figures.column_fraction(facts["range"], step - at),
                                     facts["height"], facts["margin"]) + panels.text_mark_css(step)
                   + f'<div class="lx-panel">{inspector}</div>')
        st.query_params["step"] = str(step)
        if extra is not None and not beside:    # projector mode keeps the class view on one screen
            extra(step)

    stepper()
    if not projector():
        st.caption(T("keys_hint"))
    return st.session_state["step"]


def cell_panel(gates, step, unit, x_html, roles=None):
    """HTML: the chosen unit at step t: x_t, the state from t-1, the gates, the new state, the update
    written out with its numbers, and the units whose cell state changed most (not in projector mode, where
    the bars sit in two columns so that the panel fits beside the text)."""
    def prev(name):
        return float(gates[name][step - 1, unit]) if step > 0 else 0.0

    compact = projector()
    now = {name: float(gates[name][step, unit]) for name in gates if name in figures.UNIT_RANGE or name == "c"}
    role = (roles or {}).get(unit)
    title = T("cell_title", unit=T("unit_option", unit=unit, role=role) if role else unit, step=step)
    if "c" not in gates:
        return panels.cell_summary(title, x_html, {"h(t-1)": prev("h"), **now}, columns=2 if compact else 1)
    if "h" not in gates:      # an LSTM with proj_size: h is not a cell unit's (the page shows the outputs apart)
        bars = {"c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"], "o": now["o"], "c(t)": now["c"]}
        return panels.cell_summary(title, x_html, bars, columns=2 if compact else 1,
                                   equation=panels.lstm_update(now["f"], prev("c"), now["i"], now["g"], now["c"]))
    bars = {"f": now["f"], "i": now["i"], "g": now["g"], "o": now["o"],
            "c(t-1)": prev("c"), "c(t)": now["c"], "h(t-1)": prev("h"), "h(t)": now["h"]}
    if not compact:
        bars = {"h(t-1)": prev("h"), "c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"],
                "o": now["o"], "c(t)": now["c"], "h(t)": now["h"]}
    equation = panels.lstm_update(now["f"], prev("c"), now["i"], now["g"], now["c"], now["o"], now["h"])
    if compact:
        return panels.cell_summary(title, x_html, bars, equation=equation, columns=2)
    changed = np.abs(gates["c"][step] - (gates["c"][step - 1] if step > 0 else 0))
    top = np.argsort(-changed)[:5]
    table = {T("word_unit"): top, **{k: gates[k][step, top] for k in "figo"}, "c(t)": gates["c"][step, top],
             "Δc": changed[top]}
    return panels.cell_summary(title, x_html, bars, T("cell_explain", keep=now["f"], write=now["i"]),
                               T("most_changed"), table, equation=equation)
