"""The step-through view the pages share, explore(reading, cursor, ...): step controls (buttons with keys, slider,
play), a gate picker, the forget strip and heatmaps with a cursor, the chosen unit's cell at t.

The reading (app_pages/reading.py) holds the run; the cursor (app_pages/cursor.py) what the view shows. Stepping
runs in the browser (app_pages/step_view.py) over the frames of the visible window, sent once per view and window;
the step comes back when stepping pauses and reruns only the fragment below. At a desk the figure is drawn above
the fragment (heatmaps, then the step bar and the panels), so a step into the same window does not draw it again;
a step into another window reruns the page. In projector mode the fragment holds the figure and the inspector
beside it, in one screen.
"""
import html

import numpy as np
import streamlit as st

from app_pages import step_view
from app_pages.common import T, heatmap_style, per_view, projector
from app_pages.cursor import Cursor
from app_pages.why import tool_open
from viz import figures, panels

PLAY_SPEEDS = (1.2, 0.6, 0.3, 0.1)      # seconds per step (Play runs in the browser)
DEFAULT_SPEED = 0.6
CONTEXT_BEFORE, CONTEXT_AFTER = 40, 19    # characters of text shown before and after the one at t
MAX_COLUMNS = 400         # longer inputs show a window of this many steps around t (bounded figure data)
GATE_ORDER = ("f", "i", "o", "g", "c", "r", "z", "n", "h")


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
    Cursor.follow(int(unit))
    return True


def _follow_clicked_unit():
    """The heatmaps' on_select: runs before the rerun, so the unit box and every view draw the clicked unit."""
    unit_clicked(st.session_state.get("heatmaps"))


def window_start(step, n_steps):
    """First step of the heatmap window: moves in half-window jumps so most step moves keep the figure."""
    if n_steps <= MAX_COLUMNS:
        return 0
    half = MAX_COLUMNS // 2
    return int(min(max(0, (step - half // 2) // half * half), n_steps - MAX_COLUMNS))


def gate_picker(cursor, names):
    """Which heatmaps to draw: one gate or all. An LSTM starts with f (under the forget strip); a GRU or an RNN,
    which has no forget gate and so no strip, with all of its few gates."""
    options = [n for n in GATE_ORDER if n in names] + [n for n in names if n not in GATE_ORDER] + ["all"]
    choice = cursor.gates(options, "f" if "f" in names else "all")
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


def step_frames(gates, unit, first, n_steps, facts, describe_step, input_html, roles, guesses, beside, text=None,
                tokens=None):
    """What the browser needs to step through one window (first .. first + MAX_COLUMNS) with no server run: the
    chosen unit's cell panel per step (cell_frame), the page's context per step (describe_step: display-safe
    HTML), the next-character guesses where the page has them, the heatmap cursor's geometry (facts: the
    figure's x range, height and margins) and the words of the step bar. text: the text the model read (its
    tokens: display-safe labels): the browser writes the text around t itself (describe_step is not used), so a
    long text is not sent once per step."""
    count = min(MAX_COLUMNS, n_steps - first)
    steps = range(first, first + count)
    cells = [cell_frame(gates, s, unit, input_html(s), roles, compact=beside) for s in steps]
    labels = cells[0][0] if cells else []
    frames = {
        "n": n_steps, "first": first, "count": count, "max_columns": MAX_COLUMNS, "beside": beside,
        "speeds": list(PLAY_SPEEDS), "default_speed": DEFAULT_SPEED,
        "colours": [panels.BAR_BLUE, panels.BAR_RED, figures.CURSOR["color"]],
        "words": {k: html.escape(T(key)) for k, key in (("step", "step"), ("first", "first_step"),
                                                          ("previous", "previous"), ("next", "next"),
                                                          ("last", "last_step"), ("play", "play"),
                                                          ("pause", "pause"), ("speed", "play_speed"))},
        "cell": {"labels": [html.escape(label) for label in labels], "columns": 2 if beside else 1,
                 "frames": [frame for _, frame in cells], "table_title": html.escape(T("most_changed")),
                 "table_head": [html.escape(h) for h in (T("word_unit"), "f", "i", "g", "o", "c(t)", "Δc")]},
        "context": [describe_step(s) for s in steps] if text is None else None,
        "cursor": None if facts is None else {"box": "heatmaps_box", "range": list(facts["range"]),
                                              "height": facts["height"], "margin": facts["margin"],
                                              "width": figures.CURSOR["width"], "colour": figures.CURSOR["color"]},
    }
    if text is not None:                    # the text around t, cut in the browser from the window's characters
        lo, hi = max(0, first - CONTEXT_BEFORE), min(len(text), first + count + CONTEXT_AFTER)
        frames["text"] = {"from": lo, "chars": [html.escape(ch) for ch in text[lo:hi]],
                          "tokens": tokens[first:first + count], "before": CONTEXT_BEFORE, "after": CONTEXT_AFTER,
                          "caption": html.escape(T("context_caption", step="\0", token="\1"))}
    if guesses is not None:
        chars, probs, title = guesses
        frames["guess_title"] = html.escape(title)
        frames["guesses"] = [panels.prediction_rows(chars, probs[s]) for s in steps]
    return frames


def explore(reading, cursor, gates, units, unit, view_key, roles=None, extra=None, guesses=None, below=None):
    """The step-through view of a reading at the cursor: step bar (buttons, slider, Play and its speeds), gate picker,
    forget strip and heatmaps with a cursor, the chosen unit's cell at t. Stepping runs in the browser
    (app_pages/step_view.py); the server learns the step when stepping pauses and the cursor takes it.
    gates: {name: (T, units)} of the layer and direction shown; units: the rows drawn (the chosen unit's is added);
    view_key: what `gates` holds, for the figure caches (the reading, layer, direction, rows). roles: {unit: what
    it tracks} (the model card's named units), written beside their rows. guesses: (characters, (T, V)
    probabilities, title): the next-character guesses shown under the context.
    A page that shows shaded text (text_view.shaded_text_html) gets its character at t framed.
    extra(step): more views drawn inside the step fragment, below the panels, so they follow the paused step
    (the why-tools, app_pages/why.py); not in projector mode, whose one screen has no room for them.
    below(): what the page shows under the step view (the shaded text); in projector mode it sits under the
    heatmaps, in their column, so the text around the cursor shares the class's one screen."""
    n_steps, tokens, shared = reading.steps, reading.tokens, reading.shared
    names = [n for n in GATE_ORDER if n in gates] or list(gates)
    cursor.steps(n_steps)
    roles = roles or {}
    units = list(units) if unit in units else [unit, *units]       # the chosen unit's row is always there, framed
    with st.container(horizontal=True, vertical_alignment="bottom", key="lx_bar_view"):
        shown = gate_picker(cursor, names)

    beside = projector()                    # the inspector beside the heatmaps: one screen holds the view
    first, desk_facts = window_start(cursor.step, n_steps), None
    if not beside:
        # At a desk the heatmaps sit above the step bar, outside the step fragment: the figure is the same at every
        # step of its window, and a chart drawn again in the fragment cost the browser 10-15 ms on every move
        # (tools/fragment_floor_app.py with and without a chart in its fragment).
        fig, desk_facts = _heatmap_figure(gates, shown, tokens, units, first, view_key, shared, unit, roles)
        _heatmaps(fig)
        notes = _figure_notes(desk_facts, first, n_steps)
        if notes:
            st.caption(notes)

    @st.fragment
    def stepper():
        step = cursor.step
        if cursor.unit != unit:
            st.rerun()                          # a unit clicked on the heatmaps here: it shapes the whole page
        at = window_start(step, n_steps)
        if not beside and at != first:
            st.rerun()                          # the heatmaps above show another window: the page draws them again
        facts, place = desk_facts, st.container()
        if beside:
            fig, facts = _heatmap_figure(gates, shown, tokens, units, at, view_key, shared, unit, roles)
            left, place = st.columns([0.7, 0.3], gap="small")
            with left:
                _heatmaps(fig)
                if below is not None:
                    below()
        key = (view_key, tuple(shown), tuple(units), unit, at, st.session_state.get("lang"), beside,
               tuple(sorted(roles.items())), heatmap_style())
        text = reading.context_text
        frames = per_view("step_frames", key, lambda: step_view.frames_payload(step_frames(
            gates, unit, at, n_steps, facts, reading.describe_step, reading.input_html, roles, guesses, beside, text,
            tokens)), shared)
        with place:                             # a why-tool open below: it follows steps without the pause
            step_view.mount(frames, step, eager=extra is not None and not beside and tool_open())
        cursor.publish(["step"])                # a step taken in this fragment: in the link, and kept for this page
        if extra is not None and not beside:    # projector mode keeps the class view on one screen
            extra(step)

    stepper()
    if not beside:
        st.caption(T("keys_hint"))
        if below is not None:
            below()
    return cursor.step


def cell_frame(gates, step, unit, x_html, roles=None, compact=False):
    """The chosen unit at step t, as the browser draws it (app_pages/step_view.js, in viz/panels.py's look):
    -> (bar labels, {"t": title, "x": what x_t is, "b": [[value, text]] per bar, "e": the update's numbers,
    "n": a sentence reading the gates, "r": the units whose cell state changed most}). Every string is
    display-safe and formatted here, so the browser shows exactly Python's numbers. compact (projector mode): the
    bars in two columns and no sentence or table, so that the panel fits beside the heatmaps."""
    def prev(name):
        return float(gates[name][step - 1, unit]) if step > 0 else 0.0

    now = {name: float(gates[name][step, unit]) for name in gates if name in figures.UNIT_RANGE or name == "c"}
    role = (roles or {}).get(unit)
    title = T("cell_title", unit=T("unit_option", unit=unit, role=role) if role else unit, step=step)
    frame = {"t": html.escape(title), "x": x_html}
    if "c" not in gates:
        bars = {"h(t-1)": prev("h"), **now}
    elif "h" not in gates:    # an LSTM with proj_size: h is not a cell unit's (the page shows the outputs apart)
        bars = {"c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"], "o": now["o"], "c(t)": now["c"]}
    elif compact:
        bars = {"f": now["f"], "i": now["i"], "g": now["g"], "o": now["o"],
                "c(t-1)": prev("c"), "c(t)": now["c"], "h(t-1)": prev("h"), "h(t)": now["h"]}
    else:
        bars = {"h(t-1)": prev("h"), "c(t-1)": prev("c"), "f": now["f"], "i": now["i"], "g": now["g"],
                "o": now["o"], "c(t)": now["c"], "h(t)": now["h"]}
    frame["b"] = panels.bar_values(bars.values())
    if "c" in gates:
        frame["e"] = panels.lstm_update_numbers(now["f"], prev("c"), now["i"], now["g"], now["c"], now.get("o"),
                                                now.get("h"))
        if not compact:
            changed = np.abs(gates["c"][step] - (gates["c"][step - 1] if step > 0 else 0))
            top = np.argsort(-changed)[:5]
            frame["n"] = html.escape(T("cell_explain", keep=now["f"], write=now["i"]))
            frame["r"] = panels.table_rows([top, *(gates[k][step, top] for k in "figo"), gates["c"][step, top],
                                            changed[top]])
    return list(bars), frame
