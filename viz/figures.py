"""Figure builders: pure functions from arrays to plotly Figures (no Streamlit here).

One theme for every figure: gates (0..1) use a sequential scale, values around zero (c, g, h) a diverging
one, so the same colour means the same thing on every page.
"""
import html
import re
from dataclasses import dataclass

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


TICK_FONT = dict(family="ui-monospace, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace", size=13,
                 color="#111827")
CHAR_PX = 6.05            # advance of one character of a 10 px monospace font (DejaVu Sans Mono: 0.602 em, measured
                          # in Chromium); wide CJK glyphs count as two
ROBUST = ("c", "h", "tanh_c")      # signed states whose colours span a robust range (see value_range)
ROBUST_PERCENTILE = 98
STRIP_COLOURS = {"f": "#111827", "i": "#15803d", "o": "#7e22ce"}
STRIP_FILL = "rgba(33, 145, 140, 0.45)"          # viridis at 0.5: the colour of a half-open forget gate


def plain(label):
    """A label as it reads: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(label)))


def label_width(label, size=10):
    """Width in pixels of a label in the monospace tick font (wide CJK glyphs count as two characters)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(label)) * CHAR_PX * size / 10


def text_width(label, size):
    """Width in pixels of a label in the proportional font of the row labels (Latin 0.57 em on average,
    measured in Chromium; this errs a little wide)."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in str(label)) * size


def tick_every(labels, width_px=760, size=10):
    """Show every n-th label so that labels of this length and font size do not overlap in a plot area of
    `width_px` (by default the heatmaps' width in a 1280-pixel window; wider windows have room to spare)."""
    longest = max((label_width(label, size) for label in labels), default=CHAR_PX * size / 10)
    gap = 1 if longest <= 2 * CHAR_PX * size / 10 else 14   # characters sit as close as in text; dates need air
    return max(1, int(np.ceil(len(labels) * (longest + gap) / width_px)))


NICE_STEPS = (1, 2, 3, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def label_every(tokens, first_step, width_px, size):
    """Label every character when they fit side by side; else every k-th step, k a round number, with the step
    number under the character (so the labels say honestly which columns they name)."""
    every = tick_every(tokens, width_px, size)
    if every == 1:
        return 1
    widest = max(label_width(str(first_step + len(tokens) - 1), size),        # the step numbers below
                 max(label_width(tok, size) for tok in tokens))
    every = int(np.ceil(len(tokens) * (widest + 8) / width_px))                  # numbers need air between them
    return next((k for k in NICE_STEPS if k >= every), every)


def value_range(name, z):
    """(zmin, zmax) of a heatmap: fixed for gates and candidates; for the cell and hidden state a symmetric
    range holding 98% of the values (one unit with |c| = 20 would otherwise wash every other unit out to white;
    the few values beyond show in full colour)."""
    if name in UNIT_RANGE and name not in ROBUST:
        return UNIT_RANGE[name]
    z = np.abs(np.asarray(z, np.float64))
    bound = float(np.percentile(z, ROBUST_PERCENTILE)) if z.size else 1.0
    return -max(bound, 1e-6), max(bound, 1e-6)


def colour_scale(name):
    return GATE_SCALE if UNIT_RANGE.get(name) == (0, 1) else SIGNED_SCALE


def step_labels(tokens, first_step=0):
    """Category labels for the x axis, unique per step even when tokens repeat ("12 a"), so hover names both
    the step and the token without per-cell data."""
    return [f"{first_step + t} {token}" for t, token in enumerate(tokens)]


@dataclass(frozen=True)
class HeatmapStyle:
    """Sizes of the step-through figure in pixels: NORMAL for a desk, PROJECTOR for a class at 1280x720."""
    row_px: int = 16              # one unit row
    min_rows_px: int = 84         # a block is at least this tall however few its units (colour bars stay bars)
    label_px: int = 13            # characters and row labels
    title_px: int = 15
    small_px: int = 11            # ticks of the strip's axis and of the colour bars
    note_px: int = 13             # the strip's title and key
    bar_title_px: int = 12        # the colour bars' titles
    strip_px: int = 60            # the forget strip's plot height
    width_px: int = 980           # the figure's width in this layout (at 1440 px with the sidebar open; thins labels)
    max_labelled_rows: int = 24   # more rows than this: every k-th row labelled


NORMAL = HeatmapStyle()
PROJECTOR = HeatmapStyle(row_px=17, min_rows_px=96, label_px=16, title_px=17, small_px=16, note_px=16,
                         bar_title_px=16, strip_px=48, width_px=860)    # every text 16 px or more: for the back row

WORDS = {"unit": "unit", "step": "step", "range": "98% inside", "per_unit": "range<br>per row",
         "strip_title": "Where did it forget?", "strip_mean": "mean f of all {count} units",
         "strip_unit": "unit {unit}", "mean_f": "mean f", "strip_low": "lowest at step {step} “{token}”: {value}"}


def gate_heatmaps(named, names, tokens, units, step=None, titles=None, first_step=0, handle_hint=None, *,
                  row_labels=None, chosen=None, strip=False, words=None, style=NORMAL, window_note=""):
    """One heatmap block per name (units x time), stacked, with character labels along the top and the bottom
    of every block, and (strip=True) a forget strip above them aligned with their columns: the mean forget
    gate of all units at each step (bars) and the chosen unit's f, i, o (lines).

    named: {name: (T, H) array} over all H units (the colour range of c and h and the strip's mean use them
    all); names: the blocks to draw, top to bottom; tokens: T labels (already display-safe); units: the unit
    rows, in display order. first_step: the step of the first column when a window of a long input is shown.
    row_labels: {unit: role} written beside a unit's number ("58 · position in line"); chosen: the unit
    marked on every block (a frame around its row, its label in bold). words: the figure's own words in the
    user's language (keys of WORDS). style: NORMAL or PROJECTOR sizes. window_note: which steps of a longer
    input the figure shows (plain text), written in the top title, where every view (projector too) has it.
    Each step is its own x category (repeated tokens keep their own columns, hover names step and token
    without per-cell data); the labels along the top live on a linear axis over the same range, which also
    carries the unit handles (handle_hint: their hover text, see unit_handles). Zoom is off and the margins
    are fixed: the page draws its step cursor over the plot area in CSS.

    The figure is assembled as plain dicts and not validated: building it through make_subplots and
    update_* calls took 53 ms for six heatmaps, validating the dicts 9 ms, and every new sentence of every
    session pays it. tests/test_figures.py checks that validation would change nothing."""
    words = {**WORDS, **(words or {})}
    titles = titles or {n: n for n in names}
    row_labels = row_labels or {}
    units = [int(u) for u in units]
    n_steps, n_rows, blocks = len(tokens), len(units), len(names)
    strip = strip and "f" in named
    font = dict(TICK_FONT, size=style.label_px)
    x = step_labels(tokens, first_step)
    y = [f"{words['unit']} {u}" + (f" · {html.escape(row_labels[u], quote=False)}" if u in row_labels else "")
         for u in units]
    shown_rows = _row_ticks(units, row_labels, chosen, style)
    margin = dict(l=int(14 + max((text_width(plain(t), style.label_px) for t in shown_rows.values()), default=20)),
                  r=int(4 * style.label_px + 30), t=6, b=4, autoexpand=False)
    every = label_every(tokens, first_step, style.width_px - margin["l"] - margin["r"], style.label_px)
    handles = 0.0 if handle_hint is None else max(1.0, 0.03 * n_steps)     # handle strip width, in columns
    x_range = [-0.5 - handles, n_steps - 0.5]
    band = style.label_px + 8                                            # one line of character labels
    title_band = style.title_px + 12
    rows_px = max(style.min_rows_px, n_rows * style.row_px if n_rows <= style.max_labelled_rows
                  else max(style.max_labelled_rows * style.row_px, 5 * n_rows))
    bottom_band = band if every == 1 else 2 * style.label_px + 12           # thinned: the step index below
    # the stack from the top, in pixels: [title band, plot domain, space below] per strip and block
    strip_head = int(2.6 * style.note_px) + 8                      # two lines: the claim, then the key
    stack = ([(strip_head, style.strip_px, 10)] if strip else []) + \
        [(title_band + band, rows_px, bottom_band + 12)] * blocks
    plot_px = sum(sum(part) for part in stack) - 12
    height = plot_px + margin["t"] + margin["b"]

    def paper(px):                                                       # pixels from the top -> paper y
        return round(1 - px / plot_px, 6)

    layout, data, annotations, shapes = {}, [], [], []
    labelled = [t for t in range(n_steps) if (first_step + t) % every == 0]     # round step numbers
    bottom_ticks = [f"{tokens[t]}<br>{first_step + t}" if every > 1 else tokens[t] for t in labelled]
    top = 0
    if strip:
        head, body, _ = stack[0]
        axis = 2 * blocks + 1
        layout[f"xaxis{axis}"] = dict(type="category", anchor=f"y{axis}", domain=[0.0, 1.0], range=x_range,
                                      showticklabels=False, fixedrange=True, showgrid=False)
        layout[f"yaxis{axis}"] = dict(anchor=f"x{axis}", domain=[paper(top + head + body), paper(top + head)],
                                      range=[0, 1.02], tickvals=[0, 0.5, 1], fixedrange=True,
                                      tickfont=dict(size=style.small_px))
        data += forget_strip(named, x, chosen, axis, words)
        mean_f = np.asarray(named["f"], np.float64).mean(axis=1)
        skip = 1 if first_step == 0 and len(mean_f) > 1 else 0   # at step 0 there is no memory to forget yet
        low = skip + int(np.argmin(mean_f[skip:]))
        annotations.append(dict(text=strip_title(np.shape(named["f"])[1], chosen, words,
                                                 (first_step + low, tokens[low], mean_f[low]), window_note),
                                x=0, xanchor="left", xref="paper", y=paper(top), yanchor="top", yref="paper",
                                showarrow=False, font=dict(size=style.note_px, color=TEXT_COLOUR)))
        top += sum(stack[0])
    for k, name in enumerate(names, start=1):
        head, body, _ = stack[k - 1 + strip]
        suffix = "" if k == 1 else str(k)
        full = np.asarray(named[name])
        z = full[:, units].T.astype(np.float32)                          # (units, T)
        lo, hi = value_range(name, full)
        domain = [paper(top + head + body), paper(top + head)]
        layout[f"xaxis{suffix}"] = dict(type="category", anchor=f"y{suffix}", domain=[0.0, 1.0], range=x_range,
                                        tickvals=[x[t] for t in labelled], ticktext=bottom_ticks, tickangle=0,
                                        tickfont=font, fixedrange=True, showgrid=False)
        layout[f"xaxis{blocks + k}"] = dict(type="linear", overlaying=f"x{suffix}", anchor=f"y{suffix}",
                                            side="top", range=x_range, tickvals=labelled,
                                            ticktext=[tokens[t] for t in labelled], tickangle=0, tickfont=font,
                                            fixedrange=True, showgrid=False, zeroline=False)
        layout[f"yaxis{suffix}"] = dict(anchor=f"x{suffix}", domain=domain, type="category", autorange="reversed",
                                        tickvals=[y[i] for i in shown_rows], ticktext=list(shown_rows.values()),
                                        tickfont=dict(font, family=FONT["family"]), fixedrange=True, showgrid=False)
        colours = dict(z=z, zmin=lo, zmax=hi, hovertemplate=f"{words['step']} %{{x}}<br>%{{y}}<br>{name} = "
                       "%{z:.3f}<extra></extra>")
        bar_title = f"{name}<br>±{hi:.2g}<br>{words['range']}" if name in ROBUST else name
        if name in PER_UNIT:
            colours = per_unit_colours(z, name, words)
            bar_title = f"{name}<br>{words['per_unit']}"
        data.append(dict(
            type="heatmap", x=x, y=y, colorscale=colour_scale(name), **colours,
            # the colour bar spans the block with its label rows, so that its title (up to three lines on top)
            # still leaves a bar as tall as the smallest block's rows
            colorbar=dict(lenmode="pixels", len=band + body + bottom_band, yanchor="middle",
                          y=paper(top + head - band + (band + body + bottom_band) / 2),
                          thickness=12, title=dict(text=bar_title, font=dict(size=style.bar_title_px)),
                          tickfont=dict(size=style.small_px), x=1.01, xanchor="left", xpad=4),
            name=name, xaxis=f"x{suffix}", yaxis=f"y{suffix}"))
        data.append(unit_handles(k, blocks, y, units, handle_hint, handles, chosen))
        title = titles[name] if strip or k > 1 or not window_note else f"{titles[name]}   {_note(window_note)}"
        annotations.append(dict(text=title, x=0, xanchor="left", xref="paper", y=paper(top), yanchor="top",
                                yref="paper", showarrow=False, font=dict(size=style.title_px, color=TEXT_COLOUR)))
        if chosen in units:
            row = units.index(chosen)
            shapes.append(dict(type="rect", xref=f"x{suffix}", yref=f"y{suffix}", x0=-0.5, x1=n_steps - 0.5,
                               y0=row - 0.5, y1=row + 0.5, line=dict(color=CHOSEN_COLOUR, width=2.5),
                               fillcolor="rgba(0,0,0,0)", layer="above"))
        top += sum(stack[k - 1 + strip])
    if handle_hint is not None:
        layout["hoverdistance"] = 6          # near the handle strip, the heatmap's first columns keep their hover
    if step is not None:
        shapes.append(cursor_shape(step))
    layout.update(annotations=annotations, meta=dict(label_every=every, steps=n_steps))
    if shapes:
        layout["shapes"] = shapes
    layout = {**layout, **theme(height), "margin": margin, "showlegend": False,
              "font": dict(FONT, size=style.label_px), "hoverlabel": dict(font=dict(FONT, size=style.label_px))}
    return FrozenFigure(data=data, layout=layout, _validate=False)


CHOSEN_COLOUR = TEXT_COLOUR = "#111827"
PER_UNIT = ("c",)         # colour each unit row by its own range: cell states differ in size by 10-100x between units


def per_unit_colours(z, name, words):
    """Heatmap colours with every row scaled to its own symmetric range (98% of that row's |values| within), so a
    unit whose cell state stays within ±0.5 shows its pattern beside one that reaches ±20. The true values
    ride along as customdata for the hover."""
    bounds = np.maximum(np.percentile(np.abs(z), ROBUST_PERCENTILE, axis=1, keepdims=True), 1e-6) if z.size \
        else np.ones((len(z), 1))
    scaled = (z / bounds).astype(np.float32)
    return dict(z=scaled, zmin=-1.0, zmax=1.0, customdata=z.astype(np.float32),
                hovertemplate=f"{words['step']} %{{x}}<br>%{{y}}<br>{name} = %{{customdata:.3f}}<extra></extra>")


def _row_ticks(units, row_labels, chosen, style):
    """{row index: tick text}: the unit's number and its role; the chosen unit in bold with a marker. Every row
    when there are few, else every k-th row plus the named and the chosen."""
    every = max(1, int(np.ceil(len(units) / style.max_labelled_rows)))
    ticks = {}
    for i, u in enumerate(units):
        if i % every and u not in row_labels and u != chosen:
            continue
        text = f"{u} · {html.escape(row_labels[u], quote=False)}" if u in row_labels else str(u)
        ticks[i] = f"<b>▶ {text}</b>" if u == chosen else text
    return ticks


def _note(text):
    return f"<span style='color:#4b5563'>{html.escape(text, quote=False)}</span>"


def strip_title(count, unit, words, lowest=None, window_note=""):
    """The forget strip's title and its key: what the bars and each line are. lowest: (step, token, mean f) where
    the mean forget gate is lowest after the first step (before it there is nothing to forget), said in the title
    (the claim a class should read first); window_note: which steps of a longer input are shown."""
    key = [f"<span style='color:{STRIP_FILL}'>▮</span> {words['strip_mean'].format(count=count)}"]
    claim = ""
    if lowest is not None:
        step, token, value = lowest
        claim = "  " + words["strip_low"].format(step=step, token=token, value=f"{value:.2f}")
    if unit is not None:
        lines = " ".join(f"<span style='color:{STRIP_COLOURS[g]}'>━</span> {g}" for g in "fio")
        key.append(f"{lines} ({words['strip_unit'].format(unit=unit)})")
    note = f"   {_note(window_note)}" if window_note else ""
    return f"<b>{words['strip_title']}</b>{claim}{note}<br>" + "   ".join(key)


def forget_strip(named, x, unit, axis, words):
    """Traces of the strip above the heatmaps on axes x{axis}/y{axis}: the mean forget gate over all units at
    each step as a filled step line (one SVG path: a bar per step made a browser draw 200 paths on every new
    sentence), and the unit's f, i, o as lines."""
    mean = np.asarray(named["f"], np.float64).mean(axis=1).astype(np.float32)
    traces = [dict(type="scatter", mode="lines", x=x, y=mean, line=dict(shape="hvh", width=0.5, color=STRIP_FILL),
                   fill="tozeroy", fillcolor=STRIP_FILL, name="mean f",
                   hovertemplate=f"{words['step']} %{{x}}<br>{words['mean_f']} = %{{y:.2f}}<extra></extra>",
                   xaxis=f"x{axis}", yaxis=f"y{axis}")]
    if unit is not None:
        for gate in "fio":
            if gate in named:
                traces.append(dict(type="scatter", mode="lines", x=x,
                                   y=np.asarray(named[gate])[:, unit].astype(np.float32), name=f"{gate} {unit}",
                                   line=dict(color=STRIP_COLOURS[gate], width=2, dash="solid" if gate == "f"
                                             else "dash" if gate == "i" else "dot"),
                                   hovertemplate=f"{gate} = %{{y:.2f}}<extra></extra>",
                                   xaxis=f"x{axis}", yaxis=f"y{axis}"))
    return traces


HANDLE_X = "handle"


def unit_handles(block, blocks, y, units, hint, width, chosen=None):
    """A strip of dots left of heatmap `block`, one per unit row: clicking one picks that unit (Plotly heatmaps
    send no click events to Streamlit; scatter points do). The dots sit on the block's top axis (linear, over
    the same range as the steps) in the `width` columns left of step 0; customdata holds the unit.
    hint: the hover text, with %{customdata} for the unit; None: one invisible point, so that the top axis
    (which draws the character labels along the top) is drawn at all."""
    axis = dict(xaxis=f"x{blocks + block}", yaxis=f"y{'' if block == 1 else block}", showlegend=False)
    if hint is None:
        return dict(type="scatter", x=[0], y=y[:1], mode="markers", marker=dict(opacity=0), hoverinfo="skip",
                    name=HANDLE_X, **axis)
    return dict(type="scatter", x=[-0.5 - width / 2] * len(y), y=y, customdata=list(units), mode="markers",
                name="units", hovertemplate=f"{hint}<extra></extra>",
                marker=dict(size=[11 if u == chosen else 7 for u in units],
                            color=[CHOSEN_COLOUR if u == chosen else "#9ca3af" for u in units], symbol="circle"),
                **axis)


def column_fraction(x_range, column):
    """Where column `column` (0 = the first step shown) is centred, as a fraction of the plot area's width;
    x_range: the figure's fig.layout.xaxis.range."""
    lo, hi = x_range
    return (column - lo) / (hi - lo)


def margin_of(fig):
    """The figure's fixed margins as a dict (the CSS cursor is placed from them)."""
    m = fig.layout.margin
    return dict(l=m.l, r=m.r, t=m.t, b=m.b)


def cursor_shape(column):
    """One vertical line at `column` through every block (x ranges are equal; y spans the whole figure)."""
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


SERIES_TICKS = 12          # time labels along the series figure's axis: more crowd into a smear


def series_with_forecast(x, values, predictions, labels, band=None, window=None, held_out=None, naive=False,
                         height=420):
    """The series, one-step-ahead forecasts (predictions[t] drawn at x[t+1]) and their error.
    x: the label of each point (a date, a year, a row number), shown as written on the axis and under the pointer.
    band: optional (low, high) arrays drawn as a shaded min..max range (for summarised long series).
    window: optional (first, last) indices into x of the steps shown below at full resolution, shaded.
    held_out: optional index into x of the first point the model did not train on: from there to the end is
    shaded grey and named labels["held_out"].
    naive: the predictions are the naive forecast "next = last" (no model yet), drawn in grey, not as a model's.
    Points are drawn at their positions 0..n-1 with the labels as tick text: as categories, repeated labels would
    merge into one place, and a label that looks like a number ("1871") would be read as a position.
    height: in pixels (projector mode draws it lower, so the step-through view shares its screen)."""
    n = len(x)
    pos = np.arange(n)
    shown = [html.escape(str(label), quote=False) for label in x]        # Plotly reads some HTML in labels
    hover = "%{customdata}: %{y:.4g}"
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.06)
    if band is not None:
        fig.add_trace(go.Scatter(x=pos, y=band[1], line=dict(width=0), showlegend=False, hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter(x=pos, y=band[0], line=dict(width=0), fill="tonexty",
                                 fillcolor="rgba(76,120,168,0.2)", name=labels["range"], hoverinfo="skip"), 1, 1)
    fig.add_trace(go.Scatter(x=pos, y=values, name=labels["truth"], line=dict(color="#4c78a8"), customdata=shown,
                             hovertemplate=hover), 1, 1)
    fig.add_trace(go.Scatter(x=pos[1:], y=predictions[:-1], name=labels["forecast"], customdata=shown[1:],
                             hovertemplate=hover, line=dict(color=NAIVE_COLOR if naive else "#f58518", dash="dot")),
                  1, 1)
    error = np.asarray(values[1:]) - np.asarray(predictions[:-1])
    fig.add_trace(go.Bar(x=pos[1:], y=error, name=labels["error"], marker_color=NAIVE_COLOR if naive else "#e45756",
                         customdata=shown[1:], hovertemplate=hover), 2, 1)
    if window is not None:                 # first: the browser tests read shapes[0] as the window
        fig.add_vrect(x0=int(window[0]), x1=int(window[1]), fillcolor=CURSOR["color"], opacity=0.1, line_width=0,
                      layer="below")
    if held_out is not None and 0 <= held_out < n:
        fig.add_vrect(x0=int(held_out), x1=n - 1, fillcolor=NAIVE_COLOR, opacity=0.15, line_width=0,
                      layer="below")
        fig.add_annotation(x=int(held_out), y=1, yref="paper", text=labels["held_out"], showarrow=False,
                           xanchor="left", yanchor="top", font=dict(color="#555"),     # inside: the legend is above
                           bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(legend=dict(orientation="h", y=1.08))
    ticks = pos[::max(1, int(np.ceil(n / SERIES_TICKS)))]
    fig.update_xaxes(tickvals=ticks.tolist(), ticktext=[shown[k] for k in ticks], range=[-0.5, n - 0.5])
    return themed(fig, height=height)


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
