"""Figure builders of the teaching pages (/compare, /learn): pure functions from numbers to frozen Plotly figures.

Each cell has one colour on every figure: vanilla RNN red, GRU green, LSTM blue, an LSTM with its forget-gate bias
at 1 purple. Labels arrive translated (the pages look them up); nothing here knows the language.
"""
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .figures import colour_scale, themed, value_range

CELL_COLOUR = {"rnn": "#e45756", "gru": "#54a24b", "lstm": "#4c78a8", "lstm_forget1": "#b279a2"}
GREY = "#9ca3af"


def _cell_line(cell, x, y, label, show_legend=True, dash=None, mode="lines"):
    return go.Scatter(x=x, y=y, name=label, mode=mode, legendgroup=cell, showlegend=show_legend,
                      line=dict(color=CELL_COLOUR.get(cell, GREY), width=2, dash=dash),
                      hovertemplate=f"{label}<br>%{{x}}: %{{y:.3g}}<extra></extra>")


def reach_panels(panels, labels, x_title, y_title, dotted=()):
    """Gradient reach against distance, one panel per setting, log y, shared axes.
    panels: [(title, {cell: values by distance})]; labels: {cell: name}; dotted: cells drawn dotted (shown for
    reference where they did not change)."""
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=[title for title, _ in panels])
    seen = set()
    for col, (_, curves) in enumerate(panels, start=1):
        for cell, values in curves.items():
            values = np.asarray(values, np.float64)
            fig.add_trace(_cell_line(cell, np.arange(len(values)), np.maximum(values, 1e-300), labels[cell],
                                     show_legend=cell not in seen, dash="dot" if (col, cell) in dotted else None),
                          1, col)
            seen.add(cell)
        fig.update_xaxes(title_text=x_title, row=1, col=col)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=1, title_text=y_title)
    for col in range(2, len(panels) + 1):
        fig.update_yaxes(type="log", exponentformat="power", row=1, col=col)
    fig.update_layout(legend=dict(orientation="h", y=-0.2, x=0))
    return themed(fig, height=400)


def reach_lines(curves, labels, title, x_title, y_title, height=320):
    """One panel of gradient reach against distance. curves: {key: values}; labels: {key: name}; keys that are
    cell names get the cell's colour."""
    fig = go.Figure([_cell_line(key, np.arange(len(v)), np.maximum(np.asarray(v, np.float64), 1e-300), labels[key])
                     for key, v in curves.items()])
    fig.update_yaxes(type="log", exponentformat="power", title_text=y_title)
    fig.update_xaxes(title_text=x_title)
    fig.update_layout(title=title, legend=dict(orientation="h", y=-0.25, x=0))
    return themed(fig, height=height)


def clip_bars(names, before, after, labels, title):
    """Norm of each parameter's gradient before and after clipping (log y). labels: {"before", "after"}."""
    fig = go.Figure([go.Bar(x=names, y=before, name=labels["before"], marker_color="#e45756"),
                     go.Bar(x=names, y=after, name=labels["after"], marker_color="#4c78a8")])
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_layout(title=title, barmode="group", legend=dict(orientation="h", y=-0.25, x=0))
    return themed(fig, height=320)


def memory_panels(panels, gaps, labels, x_title, chance_label, seed_label="seed"):
    """Score against the gap N, one panel per task. panels: [(title, y_title, {cell: [[score per seed] per gap]},
    chance, log_y)]. A line through the median of the seeds (a dash marks it at each gap), a dot for every seed
    (spread a little sideways, by cell, so that equal scores do not hide each other), and the score of knowing
    nothing (chance) dashed."""
    fig = make_subplots(rows=1, cols=len(panels), horizontal_spacing=0.08,
                        subplot_titles=[p[0] for p in panels])
    seen = set()
    gaps = np.asarray(gaps, np.float64)
    for col, (_, y_title, scores, chance, log_y) in enumerate(panels, start=1):
        for k, (cell, per_gap) in enumerate(scores.items()):
            per_gap = np.asarray(per_gap, np.float64)                           # (gaps, seeds)
            median = _cell_line(cell, gaps, np.median(per_gap, axis=1), labels[cell], show_legend=cell not in seen,
                                mode="lines+markers")
            median.marker = dict(symbol="line-ew", size=16, line=dict(width=3, color=CELL_COLOUR.get(cell, GREY)))
            fig.add_trace(median, 1, col)
            seeds = per_gap.shape[1]
            # log-x axis: a shift by a factor moves every gap's dots the same visible distance
            shift = 1.035 ** (k - (len(scores) - 1) / 2) * 1.012 ** (np.arange(seeds) - (seeds - 1) / 2)
            seed_x = (gaps[:, None] * shift[None, :]).ravel()
            seed_ids = np.tile(np.arange(seeds), len(gaps))
            fig.add_trace(go.Scatter(x=seed_x, y=per_gap.ravel(), mode="markers", legendgroup=cell, showlegend=False,
                                     customdata=np.stack([np.repeat(gaps, seeds), seed_ids], axis=1),
                                     marker=dict(color=CELL_COLOUR.get(cell, GREY), size=6, opacity=0.55),
                                     hovertemplate=f"{labels[cell]}<br>N = %{{customdata[0]:.0f}}, {seed_label} "
                                                   "%{customdata[1]}: %{y:.3g}<extra></extra>"), 1, col)
            seen.add(cell)
        fig.add_trace(go.Scatter(x=[gaps[0] * 0.9, gaps[-1] * 1.1], y=[chance, chance], mode="lines",
                                 name=chance_label, legendgroup="chance", showlegend=col == 1,
                                 line=dict(color=GREY, dash="dash", width=1.5), hoverinfo="skip"), 1, col)
        fig.update_xaxes(type="log", tickvals=list(gaps), ticktext=[f"{g:.0f}" for g in gaps], title_text=x_title,
                         row=1, col=col)
        fig.update_yaxes(title_text=y_title, row=1, col=col, domain=[0.24, 1.0],
                         **(dict(type="log", exponentformat="power") if log_y else {}))
    # the legend sits under the axis titles, inside the figure (the theme's bottom margin is small)
    fig.update_layout(legend=dict(orientation="h", y=0, yanchor="bottom", x=0))
    return themed(fig, height=470)


def lines(x, series, title, x_title="", y_title="", ticktext=None, colours=None, height=300, y_range=None):
    """Several lines over the same x. series: {name: values}; ticktext: labels for x (characters of a text)."""
    colours = colours or {}
    fig = go.Figure([go.Scatter(x=x, y=np.asarray(v, np.float64), name=name, mode="lines+markers",
                                marker=dict(size=4), line=dict(width=2, color=colours.get(name)))
                     for name, v in series.items()])
    if ticktext is not None:
        every = max(1, int(np.ceil(len(ticktext) / 60)))
        fig.update_xaxes(tickvals=list(x)[::every], ticktext=list(ticktext)[::every], tickangle=0)
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, **({"range": y_range} if y_range else {}))
    fig.update_layout(title=title, legend=dict(orientation="h", y=-0.25, x=0))
    return themed(fig, height=height)


def output_bound(x, c, tanh_c, o, h, title, labels, ticktext=None, height=440):
    """h = o tanh(c) for one unit, in two panels over the same x: c on its own axis (top: it can reach tens), and
    below, on -1..1, tanh(c), o, its mirror -o (dashed) and h, so that the band |h| <= o can be seen. labels: {"c",
    "bound"} legend names of c's panel and of the -o line."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.35, 0.65], vertical_spacing=0.08)
    style = {"mode": "lines+markers", "marker": dict(size=4)}
    fig.add_trace(go.Scatter(x=x, y=np.asarray(c, np.float64), name=labels["c"], line=dict(width=2, color="#9ca3af"),
                             **style), row=1, col=1)
    o = np.asarray(o, np.float64)
    for name, values, colour, dash in (("tanh(c)", tanh_c, "#4c78a8", None), ("o", o, "#54a24b", None),
                                       (labels["bound"], -o, "#54a24b", "dash"), ("h", h, "#e45756", None)):
        fig.add_trace(go.Scatter(x=x, y=np.asarray(values, np.float64), name=name,
                                 line=dict(width=2, color=colour, dash=dash), **style), row=2, col=1)
    if ticktext is not None:
        every = max(1, int(np.ceil(len(ticktext) / 60)))
        fig.update_xaxes(tickvals=list(x)[::every], ticktext=list(ticktext)[::every], tickangle=0, row=2, col=1)
    fig.update_yaxes(title_text="c", row=1, col=1)
    fig.update_yaxes(range=[-1.05, 1.05], row=2, col=1)
    fig.update_layout(title=title, legend=dict(orientation="h", y=-0.15, x=0))
    return themed(fig, height=height)


def bars(labels, values, title, y_title="", colour="#4c78a8", highlight=None, log_y=False, height=300):
    """One bar per label; `highlight` (an index) drawn orange."""
    colours = [colour] * len(values)
    if highlight is not None:
        colours[highlight] = "#ff7f0e"
    fig = go.Figure(go.Bar(x=list(labels), y=list(values), marker_color=colours,
                           hovertemplate="%{x}: %{y:.4g}<extra></extra>"))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_title, **({"type": "log", "exponentformat": "power"} if log_y else {}))
    fig.update_layout(title=title)
    return themed(fig, height=height)


def cell_bars(values, labels, title, y_title, log_y=False, low=None, high=None):
    """One bar per cell in its colour. values: {cell: number}; low, high: {cell: number} drawn as an error bar
    from low to high (the spread of repeated measurements) when given."""
    cells = list(values)
    error = None
    if low is not None and high is not None:
        error = dict(type="data", symmetric=False, color="#374151", thickness=1.5, width=8,
                     array=[high[c] - values[c] for c in cells], arrayminus=[values[c] - low[c] for c in cells])
    fig = go.Figure(go.Bar(x=[labels[c] for c in cells], y=[values[c] for c in cells], error_y=error,
                           marker_color=[CELL_COLOUR.get(c, GREY) for c in cells],
                           hovertemplate="%{x}: %{y:.4g}<extra></extra>"))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_title, **({"type": "log"} if log_y else {}))
    fig.update_layout(title=title)
    return themed(fig, height=300)


def gate_grid(z, title, name, x_title, y_title):
    """(units, steps) gate values as a heatmap (0..1 for gates, signed otherwise), steps numbered from 0."""
    z = np.asarray(z, np.float32)
    lo, hi = value_range(name, z)
    fig = go.Figure(go.Heatmap(z=z, x=np.arange(z.shape[1]), y=np.arange(z.shape[0]), zmin=lo, zmax=hi,
                               colorscale=colour_scale(name), colorbar=dict(thickness=10, title=dict(text=name)),
                               hovertemplate=f"{x_title} %{{x}}<br>{y_title} %{{y}}<br>{name} = %{{z:.3f}}"
                                             "<extra></extra>"))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, autorange="reversed")
    fig.update_layout(title=title)
    return themed(fig, height=320)


def _rgba(hex_colour, alpha):
    r, g, b = (int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.3f})"


def _short(v):
    """A share for an arrow's label: 0.36, 0.05, 3e-4."""
    return f"{v:.2f}" if v >= 0.01 else f"{v:.0e}".replace("e-0", "e-")


def gradient_shade(v, decades=8):
    """Opacity of a backward arrow carrying a share v of the gradient: 1 at v = 1, falling by 1/decades per factor
    of 10, never below 0.06 (so the arrow stays visible where almost nothing arrives)."""
    return float(np.clip(1 + np.log10(max(v, 1e-300)) / decades, 0.06, 1.0))


def unrolled_bptt(rows, distances, length, labels, title, height=470):
    """A recurrent network unrolled in time, with backpropagation through time drawn on it (as in Olah's and
    d2l's figures), the backward arrows shaded and sized by a measured gradient.

    rows: [(cell, name, {lane: shares by distance})], one row per network, lanes "c" (drawn on top) and/or "h"; a
    share at distance d is the gradient that reaches the state step T-1-d hands on, relative to what the loss hands
    to the last h (1 at d = 0). distances: the steps drawn, as distances from the last step (others are skipped
    and marked ⋯). length: T. labels: {"loss", "forward", "backward", "skipped" (with {n})}.
    Grey arrows go forward (x_t up into each box, c and h carried right, h_{T-1} into the loss L); coloured arrows
    go back. Each backward arrow is named "back <cell> <lane> <d>" and its hover text gives the share."""
    cols = sorted(distances, reverse=True)
    xs = [0.0]
    for a, b in zip(cols, cols[1:], strict=False):
        xs.append(xs[-1] + (1.0 if a - b == 1 else 1.8))
    x_loss, half = xs[-1] + 1.3, 0.24
    fig = go.Figure()
    notes, shapes = [], []

    def arrow(x0, x1, y, colour, width, name=None, hover=None):
        notes.append(dict(x=x1, y=y, ax=x0, ay=y, xref="x", yref="y", axref="x", ayref="y", text="", showarrow=True,
                          arrowhead=2, arrowsize=1, arrowwidth=width, arrowcolor=colour, name=name, hovertext=hover,
                          standoff=1, startstandoff=1))

    def text(x, y, s, size=12, colour="#374151", hover=None, **kw):
        notes.append(dict(x=x, y=y, xref="x", yref="y", text=s, showarrow=False, hovertext=hover,
                          font=dict(size=size, color=colour), **kw))

    for k, d in enumerate(cols):                               # step numbers along the top
        text(xs[k], 0.35, f"t = {length - 1 - d}", size=12)
    y = 0.0
    for cell, name, lanes in rows:
        colour = CELL_COLOUR.get(cell, GREY)
        order = [lane for lane in ("c", "h") if lane in lanes]
        text(xs[0] - half, y - 0.1, f"<b>{name}</b>", size=13, colour=colour, xanchor="left")
        lane_y = {lane: y - 0.75 - 0.8 * n for n, lane in enumerate(order)}
        top, bottom = lane_y[order[0]] + 0.32, lane_y[order[-1]] - 0.32
        for k, d in enumerate(cols):
            shapes.append(dict(type="rect", x0=xs[k] - half, x1=xs[k] + half, y0=bottom, y1=top, xref="x", yref="y",
                               line=dict(color=colour, width=1.5), fillcolor=_rgba(colour, 0.10), layer="below"))
            text(xs[k], bottom - 0.5, f"x<sub>{length - 1 - d}</sub>", size=12)
            arrow(xs[k], xs[k], bottom - 0.36, "#9ca3af", 1.2)
            notes[-1].update(ay=bottom - 0.36, y=bottom, ax=xs[k])
        for lane in order:
            ly = lane_y[lane]
            text(xs[0] - half - 0.3, ly, f"<i>{lane}</i>", size=14, colour="#111827")
            arrow(xs[0] - half - 0.55, xs[0] - half, ly + 0.1, "#d1d5db", 1.0)       # from earlier steps
            for k, d in enumerate(cols):
                if k + 1 < len(cols):
                    x0, x1 = xs[k] + half, xs[k + 1] - half
                elif lane == "h":
                    x0, x1 = xs[k] + half, x_loss - half
                else:
                    continue                                    # c_{T-1} is not carried on
                share = float(lanes[lane][d])
                alpha = gradient_shade(share)
                arrow(x0, x1, ly + 0.1, "#9ca3af", 1.2)
                arrow(x1, x0, ly - 0.1, _rgba(colour, alpha), 0.8 + 4.2 * alpha, name=f"back {cell} {lane} {d}",
                      hover=f"{lane}, d = {d}: {share:.2e}")
                text((x0 + x1) / 2, ly - 0.28, _short(share), size=12, colour=_rgba("#111827", max(alpha, 0.55)),
                     hover=f"{lane}, d = {d}: {share:.2e}")
                if k + 1 < len(cols) and d - cols[k + 1] > 1:
                    text((x0 + x1) / 2, ly + 0.27, "⋯", size=14, hover=labels["skipped"].format(
                        n=d - cols[k + 1] - 1))
        ly = lane_y["h"] if "h" in lane_y else lane_y[order[-1]]
        shapes.append(dict(type="rect", x0=x_loss - half, x1=x_loss + half, y0=ly - 0.3, y1=ly + 0.3, xref="x",
                           yref="y", line=dict(color="#111827", width=1.5), fillcolor="#f3f4f6", layer="below"))
        text(x_loss, ly, f"<b>{labels['loss']}</b>", size=14, colour="#111827")
        y = bottom - 0.95
    for colour, name in (("#9ca3af", labels["forward"]), ("#4b5563", labels["backward"])):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=name, line=dict(color=colour, width=3)))
    fig.update_xaxes(visible=False, range=[xs[0] - half - 0.7, x_loss + half + 0.2], fixedrange=True)
    fig.update_yaxes(visible=False, range=[y + 0.35, 0.6], fixedrange=True)
    fig.update_layout(title=title, annotations=notes, shapes=shapes, showlegend=True,
                      legend=dict(orientation="h", y=0, yanchor="top", x=0), plot_bgcolor="white")
    return themed(fig, height=height)


def context_bars(ticktext, values, keep, title, x_title="", y_title="", keep_label="", height=320):
    """How much each input moved one prediction: one bar per character (numeric x, the characters as tick labels,
    since Plotly merges repeated category labels), the last `keep` bars orange (the characters that make up 90% of
    the sum, say) under a shaded band labelled keep_label, the others grey."""
    values = np.asarray(values, np.float64)
    n = len(values)
    colours = ["#9ca3af"] * (n - keep) + ["#ff7f0e"] * keep
    fig = go.Figure(go.Bar(x=np.arange(n), y=values, marker_color=colours,
                           customdata=list(ticktext), hovertemplate="%{x} “%{customdata}”: %{y:.3g}<extra></extra>"))
    fig.add_vrect(x0=n - keep - 0.5, x1=n - 0.5, fillcolor="#ff7f0e", opacity=0.08, line_width=0,
                  annotation_text=keep_label, annotation_position="top left")
    every = max(1, int(np.ceil(n / 60)))
    fig.update_xaxes(tickvals=list(range(n))[::every], ticktext=list(ticktext)[::every], tickangle=0,
                     title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    fig.update_layout(title=title)
    return themed(fig, height=height)
