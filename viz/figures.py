"""Figure builders: pure functions from arrays to plotly Figures (no Streamlit here).

One theme for every figure: gates (0..1) use a sequential scale, values around zero (c, g, h) a diverging
one, so the same colour means the same thing on every page.
"""
import html

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import get_colorscale
from plotly.subplots import make_subplots

# Colour scales as explicit stops: figures built without validation (gate_heatmaps) reach plotly.js as they
# are, and plotly.js knows no reversed names such as "RdBu_r".
GATE_SCALE = get_colorscale("Viridis")          # 0..1: sigmoid gates
SIGNED_SCALE = get_colorscale("RdBu_r")         # around 0: candidate, cell state, hidden state (red > 0, blue < 0)
UNIT_RANGE = {"i": (0, 1), "f": (0, 1), "o": (0, 1), "r": (0, 1), "z": (0, 1),
              "g": (-1, 1), "n": (-1, 1), "h": (-1, 1), "tanh_c": (-1, 1)}
FONT = dict(family="Inter, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", size=13)
CURSOR = dict(color="#ff7f0e", width=2)
NAIVE_COLOR = "#9a9a9a"                         # what no model made: the naive forecast, the held-out shading
VISIBLE = {"\n": "⏎", " ": "␣", "\t": "⇥"}
# Fixed margins (no auto-expansion) for the step-through heatmaps: the page draws its step cursor over the
# figure in CSS, at a position computed from these numbers, so the figure itself never changes with the step.
HEATMAP_MARGIN = dict(l=70, r=80, t=40, b=40)


def light_template():
    """Plotly's "plotly_white", cut to the trace types and layout parts our figures use. Plotly deep-copies a
    figure's template every time one is built; the full template made that 5.6 of the 12 ms a heatmap figure
    took (the full one describes maps, 3-D scenes and two dozen trace types)."""
    full = pio.templates["plotly_white"].to_plotly_json()
    layout = {k: v for k, v in full["layout"].items()
              if k in ("font", "paper_bgcolor", "plot_bgcolor", "colorway", "hovermode", "hoverlabel", "title",
                       "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "autotypenumbers")}
    data = {k: v for k, v in full["data"].items() if k in ("heatmap", "scatter", "bar")}
    return go.layout.Template(layout=layout, data=data)


TEMPLATE = light_template()


class FrozenFigure(go.Figure):
    """A finished figure: nothing changes it once it is built (the app builds each figure once per view and
    shows it on every rerun). Streamlit asks a figure for its dict each time it is shown, and plotly makes
    that dict by deep-copying every list and array: 70% of st.plotly_chart's time in a profile of the
    server. A frozen figure makes its dict once and hands out the same one (read it, never change it)."""

    def to_dict(self):
        if "_finished_dict" not in self.__dict__:
            self._finished_dict = super().to_dict()
        return self._finished_dict


def theme(height):
    return dict(template=TEMPLATE, font=FONT, height=height, margin=dict(l=60, r=20, t=40, b=40),
                hoverlabel=dict(font=FONT))


def themed(fig, height):
    """The theme applied to a figure that is otherwise complete; the result is frozen (FrozenFigure)."""
    fig.update_layout(**theme(height))
    return FrozenFigure(fig, _validate=False)


def token_label(ch):
    """A character as a tick label: whitespace made visible, control characters shown as U+XXXX,
    markup characters escaped (Plotly reads a subset of HTML in labels and decodes only &lt; &gt; &amp;
    among the entities, so quotes stay as they are)."""
    if ch in VISIBLE:
        return VISIBLE[ch]
    if not ch.isprintable():
        return f"U+{ord(ch):04X}"
    return html.escape(ch, quote=False)


TICK_FONT = dict(family="ui-monospace, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace", size=10)
CHAR_PX = 6.5             # width of one character of TICK_FONT (wide CJK glyphs count as two)


def label_width(label):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(label)) * CHAR_PX


def tick_every(labels, width_px=760):
    """Show every n-th label so that labels of this length do not overlap in a plot area of `width_px`
    (the heatmaps' width in a 1280-pixel window; wider windows have room to spare)."""
    longest = max((label_width(label) for label in labels), default=CHAR_PX)
    gap = 3 if longest <= 2 * CHAR_PX else 14        # single characters sit close; dates need air between
    return max(1, int(np.ceil(len(labels) * (longest + gap) / width_px)))


def value_range(name, z):
    if name in UNIT_RANGE:
        return UNIT_RANGE[name]
    bound = float(np.max(np.abs(z))) if z.size else 1.0
    return -max(bound, 1e-6), max(bound, 1e-6)


def colour_scale(name):
    return GATE_SCALE if UNIT_RANGE.get(name) == (0, 1) else SIGNED_SCALE


def step_labels(tokens, first_step=0):
    """Category labels for the x axis, unique per step even when tokens repeat ("12 a"), so hover names both
    the step and the token without per-cell data."""
    return [f"{first_step + t} {token}" for t, token in enumerate(tokens)]


HANDLE = "·"              # the x category of the unit handles, left of step 0


def gate_heatmaps(named, names, tokens, units, step=None, titles=None, first_step=0, handle_hint=None):
    """One heatmap per name (units x time) in a column of shared-x subplots, with a cursor at `step`.

    named: {name: (T, H) array}; tokens: T labels (already display-safe); units: the unit indices to show,
    in display order. first_step: the step of the first column when a window of a long input is shown.
    Each step is its own x category (repeated tokens keep their own columns); the ticks
    show the tokens. Hover reads x and y only, so the figure carries nothing but z per cell.
    handle_hint: if given, a strip of unit handles left of each heatmap (see unit_handles).
    Zoom is off: the page draws its step cursor at a fixed place over the plot area.

    The figure is assembled as plain dicts and not validated: building it through make_subplots and
    update_* calls took 53 ms for six heatmaps, validating the dicts 9 ms, and every new sentence of every
    session pays it. tests/test_figures.py checks that validation would change nothing."""
    titles = titles or {n: n for n in names}
    x = step_labels(tokens, first_step)
    y = [f"unit {u}" for u in units]
    rows = len(names)
    every = tick_every(tokens)
    x_axis = dict(type="category", tickvals=x[::every], ticktext=list(tokens[::every]), tickangle=0,
                  tickfont=TICK_FONT, range=[-0.5, len(x) - 0.5], fixedrange=True)
    if handle_hint is not None:
        strip = max(1.0, 0.03 * len(x))                                # strip width, in columns
        x_axis.update(categoryorder="array", categoryarray=[HANDLE, *x], range=[-strip, len(x) + 0.5])
    layout, data, annotations = {}, [], []
    for row, name in enumerate(names, start=1):
        z = np.asarray(named[name])[:, units].T.astype(np.float32)          # (units, T)
        lo, hi = value_range(name, z)
        top, bottom = subplot_domain(row, rows)
        suffix = "" if row == 1 else str(row)
        layout[f"xaxis{suffix}"] = dict(x_axis, anchor=f"y{suffix}", domain=[0.0, 1.0],
                                        **({} if row == rows else dict(matches=f"x{rows}", showticklabels=False)))
        layout[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", domain=[bottom, top], type="category",
                                        showticklabels=len(units) <= 16, autorange="reversed", fixedrange=True)
        annotations.append(dict(font=dict(size=16), showarrow=False, text=titles[name], x=0.5, xanchor="center",
                                xref="paper", y=top, yanchor="bottom", yref="paper"))
        data.append(dict(
            type="heatmap", z=z, x=x, y=y, zmin=lo, zmax=hi, colorscale=colour_scale(name),
            hovertemplate=f"step %{{x}}<br>%{{y}}<br>{name} = %{{z:.3f}}<extra></extra>",
            colorbar=dict(len=0.9 / rows, y=1 - (row - 0.5) / rows, thickness=10, title=dict(text=name),
                          x=1.01, xanchor="left", xpad=4),
            name=name, xaxis=f"x{suffix}", yaxis=f"y{suffix}"))
    if handle_hint is not None:
        data += unit_handles(rows, y, units, handle_hint)
        layout["hoverdistance"] = 6          # near the strip, the heatmap's first columns keep their hover
    layout["annotations"] = annotations
    if step is not None:
        layout["shapes"] = [cursor_shape(step)]
    height = max(260, 30 + rows * (40 + min(len(units), 64) * 4))
    layout = {**layout, **theme(height), "margin": dict(HEATMAP_MARGIN, autoexpand=False)}
    return FrozenFigure(data=data, layout=layout, _validate=False)


def subplot_domain(row, rows, spacing=0.035):
    """(top, bottom) of subplot `row` (1 = top) in a column of `rows`, as make_subplots lays them out."""
    height = (1 - spacing * (rows - 1)) / rows
    bottom = (rows - row) * (height + spacing)
    return round(bottom + height, 12), round(bottom, 12)     # rounded: Plotly refuses 1 + 1e-16


def unit_handles(rows, y, units, hint):
    """A strip of dots left of each heatmap, one per unit row: clicking one picks that unit (Plotly heatmaps
    send no click events to Streamlit; scatter points do). The strip is an extra x category before step 0,
    widened to about 3% of the plot so the dots are easy to hit; customdata holds the unit.
    hint: the hover text, with %{customdata} for the unit."""
    return [dict(type="scatter", x=[HANDLE] * len(y), y=y, customdata=list(units), mode="markers",
                 showlegend=False, name="units", marker=dict(size=6, color="#9ca3af", symbol="circle"),
                 hovertemplate=f"{hint}<extra></extra>", xaxis=f"x{'' if row == 1 else row}",
                 yaxis=f"y{'' if row == 1 else row}")
            for row in range(1, rows + 1)]


def column_fraction(fig, column):
    """Where column `column` (0 = the first step shown) is centred, as a fraction of the plot area's width."""
    categories = list(fig.layout.xaxis.categoryarray or [])
    position = column + (1 if categories[:1] == [HANDLE] else 0)
    lo, hi = fig.layout.xaxis.range
    return (position - lo) / (hi - lo)


def cursor_shape(column):
    """One vertical line at `column` through every subplot (x axes are shared; y spans the whole figure)."""
    return dict(type="line", xref="x", yref="paper", x0=column, x1=column, y0=0, y1=1, line=CURSOR)


def single_heatmap(z, tokens, name, title, units=None, unit_title="unit"):
    """(H, T) heatmap without subplots: the overview page's live example. units: the unit number of each row
    (rows are often a chosen subset), shown as the y tick labels."""
    units = list(range(len(z))) if units is None else [int(u) for u in units]
    lo, hi = value_range(name, z)
    fig = go.Figure(go.Heatmap(z=np.asarray(z, np.float32), x=np.arange(len(tokens)), y=np.arange(len(units)),
                               customdata=np.repeat(np.asarray(units)[:, None], len(tokens), axis=1),
                               zmin=lo, zmax=hi, colorscale=colour_scale(name),
                               hovertemplate="step %{x}<br>unit %{customdata}<br>"
                               f"{name} = %{{z:.3f}}<extra></extra>"))
    fig.update_xaxes(tickvals=list(range(len(tokens))), ticktext=list(tokens), tickangle=0, tickfont=TICK_FONT)
    fig.update_yaxes(title_text=unit_title, autorange="reversed", tickvals=list(range(len(units))),
                     ticktext=[str(u) for u in units])
    fig.update_layout(title=title)
    return themed(fig, height=max(320, 120 + 18 * len(units)))


def series_with_forecast(x, values, predictions, labels, band=None, window=None, held_out=None, naive=False):
    """The series, one-step-ahead forecasts (predictions[t] drawn at x[t+1]) and their error.
    band: optional (low, high) arrays drawn as a shaded min..max range (for summarised long series).
    window: optional (first, last) x values of the steps shown below at full resolution, shaded.
    held_out: optional index into x of the first point the model did not train on: from there to the end is
    shaded grey and named labels["held_out"].
    naive: the predictions are the naive forecast "next = last" (no model yet), drawn in grey, not as a model's."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.06)
    if band is not None:
        fig.add_trace(go.Scatter(x=x, y=band[1], line=dict(width=0), showlegend=False, hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter(x=x, y=band[0], line=dict(width=0), fill="tonexty",
                                 fillcolor="rgba(76,120,168,0.2)", name=labels["range"], hoverinfo="skip"), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=values, name=labels["truth"], line=dict(color="#4c78a8")), 1, 1)
    fig.add_trace(go.Scatter(x=x[1:], y=predictions[:-1], name=labels["forecast"],
                             line=dict(color=NAIVE_COLOR if naive else "#f58518", dash="dot")), 1, 1)
    error = np.asarray(values[1:]) - np.asarray(predictions[:-1])
    fig.add_trace(go.Bar(x=x[1:], y=error, name=labels["error"], marker_color=NAIVE_COLOR if naive else "#e45756"),
                  2, 1)
    if window is not None:                 # first: the browser tests read shapes[0] as the window
        fig.add_vrect(x0=window[0], x1=window[1], fillcolor=CURSOR["color"], opacity=0.1, line_width=0,
                      layer="below")
    if held_out is not None and 0 <= held_out < len(x):
        fig.add_vrect(x0=x[held_out], x1=x[-1], fillcolor=NAIVE_COLOR, opacity=0.15, line_width=0, layer="below")
        fig.add_annotation(x=x[held_out], y=1, yref="paper", text=labels["held_out"], showarrow=False,
                           xanchor="left", yanchor="bottom", font=dict(color="#555"))
    fig.update_layout(legend=dict(orientation="h", y=1.08))
    fig.update_xaxes(nticks=16)            # time labels are categories: without a cap they crowd into a smear
    return themed(fig, height=420)


def loss_curve(steps, losses, title=""):
    fig = go.Figure(go.Scatter(x=steps, y=losses, mode="lines", line=dict(color="#4c78a8")))
    fig.update_yaxes(type="log")
    fig.update_layout(title=title)
    return themed(fig, height=240)


SEQUENCE_COLOURS = {"x": "#9ca3af", "c": "#e45756", "h": "#4c78a8", "f": "#54a24b", "i": "#f58518",
                    "o": "#b279a2", "r": "#72b7b2", "z": "#eeca3b"}


def cell_sequence(x, states, gates, labels, height=360):
    """/cell's mini sequence: the input x_t (grey) and the states (c, h) over time in the top row, the gates
    (0..1) in a second row when there are any. states, gates: {name: (T,) array}; labels: legend text per
    name, and "states", "gates", "step" for the row and axis titles."""
    rows = 2 if gates else 1
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        row_heights=[0.6, 0.4] if gates else None)
    t = np.arange(len(x))
    fig.add_trace(go.Scatter(x=t, y=np.asarray(x, float), name=labels["x"], mode="lines",
                             line=dict(color=SEQUENCE_COLOURS["x"], dash="dot", width=2)), 1, 1)
    for row, series in ((1, states), (2, gates)):
        for name, y in series.items():
            fig.add_trace(go.Scatter(x=t, y=np.asarray(y, float), name=labels[name], mode="lines+markers",
                                     marker=dict(size=5), line=dict(color=SEQUENCE_COLOURS.get(name), width=2.5),
                                     hovertemplate=f"t = %{{x}}<br>{html.escape(name)} = %{{y:.3f}}<extra></extra>"),
                          row, 1)
    fig.update_yaxes(title_text=labels["states"], zeroline=True, row=1, col=1)
    if gates:
        fig.update_yaxes(title_text=labels["gates"], range=[-0.05, 1.05], row=2, col=1)
    fig.update_xaxes(title_text=labels["step"], row=rows, col=1)
    fig.update_layout(legend=dict(orientation="h", y=1.12, x=0), hovermode="x unified")
    return themed(fig, height=height)
