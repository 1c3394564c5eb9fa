"""Figure builders: pure functions from arrays to plotly Figures (no Streamlit here).

One theme for every figure: gates (0..1) use a sequential scale, values around zero (c, g, h) a diverging
one, so the same colour means the same thing on every page.
"""
import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

GATE_SCALE = "Viridis"          # 0..1: sigmoid gates
SIGNED_SCALE = "RdBu_r"         # around 0: candidate, cell state, hidden state (red > 0, blue < 0)
UNIT_RANGE = {"i": (0, 1), "f": (0, 1), "o": (0, 1), "r": (0, 1), "z": (0, 1),
              "g": (-1, 1), "n": (-1, 1), "h": (-1, 1), "tanh_c": (-1, 1)}
FONT = dict(family="Inter, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", size=13)
CURSOR = dict(color="#ff7f0e", width=2)
VISIBLE = {"\n": "⏎", " ": "␣", "\t": "⇥"}


def themed(fig, height):
    fig.update_layout(template="plotly_white", font=FONT, height=height, margin=dict(l=60, r=20, t=40, b=40),
                      hoverlabel=dict(font=FONT))
    return fig


def token_label(ch):
    """A character as a tick label: whitespace made visible, control characters shown as U+XXXX,
    markup characters escaped (Plotly reads a subset of HTML in labels and decodes only &lt; &gt; &amp;
    among the entities, so quotes stay as they are)."""
    if ch in VISIBLE:
        return VISIBLE[ch]
    if not ch.isprintable():
        return f"U+{ord(ch):04X}"
    return html.escape(ch, quote=False)


def tick_every(labels, width_px=1000):
    """Show every n-th label so that labels of this length do not overlap."""
    longest = max((len(str(label)) for label in labels), default=1)
    return max(1, int(np.ceil(len(labels) * (longest * 7 + 6) / width_px)))


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


def gate_heatmaps(named, names, tokens, units, step=None, titles=None, first_step=0):
    """One heatmap per name (units x time) in a column of shared-x subplots, with a cursor at `step`.

    named: {name: (T, H) array}; tokens: T labels (already display-safe); units: the unit indices to show,
    in display order. first_step: the step of the first column when a window of a long input is shown.
    Each step is its own x category (repeated tokens keep their own columns); the ticks
    show the tokens. Hover reads x and y only, so the figure carries nothing but z per cell."""
    titles = titles or {n: n for n in names}
    fig = make_subplots(rows=len(names), cols=1, shared_xaxes=True, vertical_spacing=0.035,
                        subplot_titles=[titles[n] for n in names])
    x = step_labels(tokens, first_step)
    y = [f"unit {u}" for u in units]
    for row, name in enumerate(names, start=1):
        z = np.asarray(named[name])[:, units].T.astype(np.float32)          # (units, T)
        lo, hi = value_range(name, z)
        fig.add_trace(go.Heatmap(
            z=z, x=x, y=y, zmin=lo, zmax=hi, colorscale=colour_scale(name),
            hovertemplate=f"step %{{x}}<br>%{{y}}<br>{name} = %{{z:.3f}}<extra></extra>",
            colorbar=dict(len=0.9 / len(names), y=1 - (row - 0.5) / len(names), thickness=10, title=name),
            name=name), row=row, col=1)
        fig.update_yaxes(type="category", showticklabels=len(units) <= 16, autorange="reversed", row=row, col=1)
    every = tick_every(tokens)
    fig.update_xaxes(type="category", tickvals=x[::every], ticktext=list(tokens[::every]), tickangle=0)
    if step is not None:
        add_cursor(fig, step)
    return themed(fig, height=max(260, 30 + len(names) * (40 + min(len(units), 64) * 4)))


def add_cursor(fig, column):
    """One vertical line at `column` through every subplot (x axes are shared; y spans the whole figure)."""
    fig.layout.shapes = [dict(type="line", xref="x", yref="paper", x0=column, x1=column, y0=0, y1=1,
                              line=CURSOR)]
    return fig


def single_heatmap(z, tokens, name, title):
    """(H, T) heatmap without subplots: the overview page's live example."""
    lo, hi = value_range(name, z)
    fig = go.Figure(go.Heatmap(z=np.asarray(z, np.float32), x=np.arange(len(tokens)), zmin=lo, zmax=hi,
                               colorscale=colour_scale(name), hovertemplate="step %{x}<br>unit %{y}<br>"
                               f"{name} = %{{z:.3f}}<extra></extra>"))
    fig.update_xaxes(tickvals=list(range(len(tokens))), ticktext=list(tokens), tickangle=0)
    fig.update_yaxes(title_text="unit", autorange="reversed")
    fig.update_layout(title=title)
    return themed(fig, height=320)


def top_predictions(chars, probs, k=5, title=""):
    """Horizontal bars of the k most likely next characters."""
    order = np.argsort(probs)[::-1][:k]
    labels = [token_label(chars[j]) for j in order]
    fig = go.Figure(go.Bar(x=probs[order], y=labels, orientation="h", marker_color="#4c78a8",
                           text=[f"{p:.0%}" for p in probs[order]], textposition="auto",
                           hovertemplate="'%{y}': %{x:.3f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    fig.update_layout(title=title)
    return themed(fig, height=240)


def cell_bars(values, title=""):
    """Bars of one unit's values at one step: {label: value}, gates 0..1 and states signed."""
    labels = list(values)
    v = np.array([values[k] for k in labels], dtype=float)
    colours = ["#4c78a8" if x >= 0 else "#e45756" for x in v]
    fig = go.Figure(go.Bar(x=labels, y=v, marker_color=colours, text=[f"{x:+.2f}" for x in v],
                           textposition="outside", hovertemplate="%{x} = %{y:.4f}<extra></extra>"))
    fig.update_yaxes(range=[min(-1.05, v.min() * 1.2), max(1.05, v.max() * 1.2)], zeroline=True)
    fig.update_layout(title=title)
    return themed(fig, height=280)


def series_with_forecast(x, values, predictions, labels, band=None):
    """The series, one-step-ahead forecasts (predictions[t] drawn at x[t+1]) and their error.
    band: optional (low, high) arrays drawn as a shaded min..max range (for summarised long series)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.06)
    if band is not None:
        fig.add_trace(go.Scatter(x=x, y=band[1], line=dict(width=0), showlegend=False, hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter(x=x, y=band[0], line=dict(width=0), fill="tonexty",
                                 fillcolor="rgba(76,120,168,0.2)", name=labels["range"], hoverinfo="skip"), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=values, name=labels["truth"], line=dict(color="#4c78a8")), 1, 1)
    fig.add_trace(go.Scatter(x=x[1:], y=predictions[:-1], name=labels["forecast"],
                             line=dict(color="#f58518", dash="dot")), 1, 1)
    error = np.asarray(values[1:]) - np.asarray(predictions[:-1])
    fig.add_trace(go.Bar(x=x[1:], y=error, name=labels["error"], marker_color="#e45756"), 2, 1)
    fig.update_layout(legend=dict(orientation="h", y=1.08))
    return themed(fig, height=420)


def loss_curve(steps, losses, title=""):
    fig = go.Figure(go.Scatter(x=steps, y=losses, mode="lines", line=dict(color="#4c78a8")))
    fig.update_yaxes(type="log")
    fig.update_layout(title=title)
    return themed(fig, height=240)
