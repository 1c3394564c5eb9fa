"""Pure builders for the "why did it do that" tools: the memory ledger, connectivity, the unit finder's
hypotheses and views, gate saturation and switching a unit off. Arrays in, escaped HTML or Plotly figures out
(no Streamlit here). Every character of user text goes through html.escape (shaded_spans) before it reaches
HTML; patterns typed by the user run on RE2, a linear-time engine, so no pattern can hang the server.
"""
import base64
import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .figures import FONT, themed, token_label
from .text_view import shade

MAX_PATTERN = 500         # characters of a user's regular expression
PATTERN_MEMORY = 8 << 20  # bytes RE2 may use to compile one pattern (its default is the same)
CONNECTIVITY_WINDOW = 240  # characters up to the cursor shaded by their influence
LEDGER_BARS = 60          # the ledger draws the last this many writes; older ones are summed in one bar
BLUE, RED, ORANGE, GREY = "#4c78a8", "#e45756", "#ff7f0e", "#9ca3af"
GATE_COLOURS = {"f": "#4c78a8", "i": "#54a24b", "o": "#e45756", "z": "#4c78a8", "r": "#54a24b"}


# ------------------------------------------------------------------------------------ hypotheses
class PatternError(ValueError):
    """A user's pattern that cannot be used: key names the message (why_regex_*), detail is the engine's
    English reason."""

    def __init__(self, key, detail=""):
        super().__init__(detail or key)
        self.key, self.detail = key, detail


def pattern_mask(pattern, text):
    """(T,) bool: True on every character inside a match of `pattern` (RE2 syntax, a subset of Python's
    without back-references and look-arounds). RE2 runs in time linear in the text, so `(a+)+$` on 2,000
    characters answers in microseconds instead of backtracking for ages. Raises PatternError."""
    import re2  # google-re2 (requirements.txt)

    if not pattern:
        raise PatternError("why_regex_empty")
    if len(pattern) > MAX_PATTERN:
        raise PatternError("why_regex_too_long")
    options = re2.Options()
    options.log_errors = False
    options.max_mem = PATTERN_MEMORY
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as err:
        detail = err.args[0].decode("utf-8", "replace") if err.args and isinstance(err.args[0], bytes) else str(err)
        raise PatternError("why_regex_invalid", detail) from None
    mask = np.zeros(len(text), bool)
    for match in compiled.finditer(text):
        mask[match.start():match.end()] = True
    return mask


def steps_mask(steps, n):
    """(n,) bool, True at the given steps (those outside 0..n-1 are ignored)."""
    mask = np.zeros(n, bool)
    steps = np.asarray([s for s in steps if 0 <= int(s) < n], dtype=int)
    mask[steps] = True
    return mask


def season_length(values):
    """The series' period in steps, or 0 if it has none: the lag of the highest autocorrelation of its
    step-to-step changes after their first negative one (differences remove a trend, which would otherwise
    correlate with everything). Lags up to a third of the series are looked at."""
    d = np.diff(np.asarray(values, float))
    d = d - d.mean()
    denom = float(d @ d)
    if len(d) < 6 or denom == 0:
        return 0
    acf = np.array([float(d[:-k] @ d[k:]) / denom for k in range(1, len(d) // 3 + 1)])
    below = np.flatnonzero(acf < 0)
    if below.size == 0:
        return 0
    lag = int(below[0] + np.argmax(acf[below[0]:])) + 1
    return lag if acf[lag - 1] > 0.1 else 0


def series_features(values, period=None):
    """The hypotheses the unit finder offers for a series, each (T,): above its mean, rising (bigger than
    the step before), a peak (bigger than both neighbours), steps since the last peak, and the position in
    the season (t mod the period; absent when the series has no cycle)."""
    v = np.asarray(values, float)
    T = len(v)
    rising = np.zeros(T, bool)
    rising[1:] = v[1:] > v[:-1]
    peak = np.zeros(T, bool)
    peak[1:-1] = (v[1:-1] > v[:-2]) & (v[1:-1] >= v[2:])
    since, last = np.zeros(T), None
    for k in range(T):
        if peak[k]:
            last = k
        since[k] = k - last if last is not None else k
    features = {"above_mean": v > v.mean(), "rising": rising, "peak": peak, "since_peak": since}
    period = season_length(v) if period is None else period
    if period > 1:
        features["season_position"] = (np.arange(T) % period).astype(float)
    return features


# ------------------------------------------------------------------------------------ shaded text
def _char(ch):
    return "⏎<br>" if ch == "\n" else html.escape(ch if ch.isprintable() else "\ufffd")


def shaded_spans(text, colours, titles, styles=None):
    """The text, each character in a span of its own colour and hover title (all escaped)."""
    spans = []
    for k, ch in enumerate(text):
        extra = styles[k] if styles is not None else ""
        spans.append(f'<span title="{html.escape(titles[k])}" style="background:{colours[k]};{extra}">'
                     f"{_char(ch)}</span>")
    return ('<div class="lx-why-text" style="font-family: ui-monospace, monospace; font-size: 1.05rem; '
            'line-height: 1.9; white-space: pre-wrap; word-break: break-all">' + "".join(spans) + "</div>")


def heat(values, hi):
    """White .. orange for magnitudes 0..hi: one CSS colour per value (values (n,))."""
    s = np.clip(np.asarray(values, float) / hi, 0, 1) if hi > 0 else np.zeros(len(values))
    green, blue = (255 - 128 * s).astype(int), (255 - 241 * s).astype(int)
    return [f"rgb(255,{g},{b})" for g, b in zip(green.tolist(), blue.tolist(), strict=True)]


def connectivity_html(text, magnitude, step, window=CONNECTIVITY_WINDOW, after=40):
    """The text up to the cursor shaded by how much each character moved the prediction at the cursor
    (magnitude (T,) >= 0, zero after the cursor); the cursor's character is outlined, the next `after`
    characters are greyed (they cannot matter). Long texts show the last `window` characters up to the cursor."""
    first, last = max(0, step + 1 - window), min(len(text), step + 1 + after)
    hi = float(np.max(magnitude[first:step + 1])) if step >= first else 0.0
    seen = magnitude[first:step + 1].tolist()
    colours = heat(seen, hi) + ["transparent"] * (last - step - 1)
    titles = [f"{k}: {m:.3g}" for k, m in enumerate(seen, first)] + [""] * (last - step - 1)
    styles = [""] * (step - first) + ["outline:2px solid #ff7f0e"] + ["color:#bbb"] * (last - step - 1)
    return shaded_spans(text[first:last], colours, titles, styles)


def activation_html(text, values, hypothesis):
    """The text shaded by a unit's values (red > 0, blue < 0), characters where the hypothesis holds
    underlined (a numeric hypothesis: the underline's strength follows its value)."""
    bound = max(float(np.abs(values).max()), 1e-6)
    h = np.asarray(hypothesis, float)
    top = float(h.max()) if h.size and h.max() > 0 else 1.0
    colours, titles, styles = [], [], []
    for k, v in enumerate(values):
        colours.append(shade(v, -bound, bound))
        titles.append(f"{k}: {float(v):+.3f} | {h[k]:g}")
        strength = h[k] / top if h[k] > 0 else 0.0
        styles.append(f"text-decoration:underline;text-decoration-thickness:3px;text-underline-offset:3px;"
                      f"text-decoration-color:rgba(0,0,0,{0.25 + 0.75 * strength:.2f})" if strength > 0 else "")
    return shaded_spans(text, colours, titles, styles)


def change_html(text, delta):
    """The text shaded by the change in log-probability of each next character (delta (T,), the last
    step has none): blue where switching the unit off made the true next character less likely."""
    bound = max(float(np.abs(delta).max()) if delta.size else 0.0, 1e-6)
    colours = [shade(float(d), -bound, bound) for d in delta] + ["transparent"] * (len(text) - len(delta))
    titles = [f"{k}: {float(d):+.3f}" for k, d in enumerate(delta)] + [""] * (len(text) - len(delta))
    return shaded_spans(text, colours, titles)


# ------------------------------------------------------------------------------------ ledger
def ledger_numbers(steps, writes, survival, initial, state, step):
    """What the ledger sentence says, read from one unit's ledger (lstm_core.analysis.Ledger columns) in
    reading order: steps (n,) the step of each write (the cursor's own last), writes (n,) what it wrote that
    survives at `step`, survival (n,) the share of it that survives, initial what survives of the starting
    state, state the cell at `step`. -> dict: the state, what this step wrote ("now"), the earlier write
    largest in size (its step, what survives, how far back, the share kept; the cursor's own when there is no
    earlier one) and the total the ledger adds up to."""
    writes, survival = np.asarray(writes, float), np.asarray(survival, float)
    earlier = writes[:-1] if len(writes) > 1 else writes
    j = int(np.argmax(np.abs(earlier)))
    share = float(survival[j])
    return {"c": float(state), "step": int(step), "now": float(writes[-1]), "source": int(steps[j]),
            "ago": abs(int(step) - int(steps[j])), "survives": float(writes[j]), "share": share,
            "written": float(writes[j] / share) if share > 0 else 0.0, "initial": float(initial),
            "total": float(writes.sum() + initial)}


def ledger_html(steps, writes, initial, tokens, step, unit, bars=LEDGER_BARS, older_label="…", start_label="c₋₁"):
    """A bar per earlier character: what it wrote into the cell of `unit` that still survives at `step`
    (red adds, blue subtracts), in reading order (steps, writes: (n,), the write of `step` itself last).
    The last `bars` writes are drawn one by one, older ones summed in one bar, and what survives of the
    initial state in another. Tokens are display-safe labels; older_label and start_label too."""
    writes = np.asarray(writes, float)
    n = len(writes)
    first = max(0, n - bars)
    columns = []
    if first > 0:
        columns.append((older_label, float(writes[:first].sum()), f"{int(steps[0])}..{int(steps[first - 1])}"))
    columns.append((start_label, float(initial), "c(-1)"))
    columns += [(tokens[int(steps[j])], float(writes[j]), str(int(steps[j]))) for j in range(first, n)]
    bound = max(max(abs(v) for _, v, _ in columns), 1e-9)
    label_style = "flex:1 1 0;min-width:0;text-align:center;overflow:hidden;font-size:.7rem;line-height:1;" \
                  "margin-top:2px;white-space:nowrap"
    if max(len(html.unescape(tokens[int(steps[j])])) for j in range(first, n)) > 2:   # dates, numbers: upwards
        label_style += ";writing-mode:vertical-rl;transform:rotate(180deg)"
    rects, labels = [], []
    for k, (label, value, where) in enumerate(columns):
        height = 50 * abs(value) / bound
        top = 50 - height if value >= 0 else 50
        rects.append(f'<rect x="{k + 0.12:g}" y="{top:.2f}" width="0.76" height="{height:.2f}" '
                     f'fill="{RED if value >= 0 else BLUE}"/>')
        style = label_style
        if k == 0 and first > 0 and len(html.unescape(label)) > 1 and "writing-mode" not in style:
            style += ";writing-mode:vertical-rl"               # "older" under a bar as narrow as a character
        labels.append(f'<code title="{html.escape(where)}: {value:+.3f}" style="{style}">{label}</code>')
    m = len(columns)
    # The bars are one image (st.html keeps no inline SVG, and a few nested boxes per bar cost the browser time on
    # every step move), the labels a row of the same width under them, each saying its bar's value on hover; at
    # most 23 px a bar, so a short ledger keeps narrow bars.
    bars = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {m} 100" preserveAspectRatio="none">'
            f'<line x1="0" x2="{m}" y1="50" y2="50" stroke="#d1d5db" stroke-width="0.6" '
            f'vector-effect="non-scaling-stroke"/>{"".join(rects)}</svg>')
    return (f'<div class="lx-ledger" data-unit="{int(unit)}" data-step="{int(step)}" data-bars="{m}" '
            f'style="width:min(100%, {23 * m}px)"><img alt="" src="{svg_data_uri(bars)}" '
            f'style="display:block;width:100%;height:110px"><div style="display:flex">{"".join(labels)}</div></div>')


def half_life_html(half_lives, unit, top=1000.0):
    """A row of half-lives across units, one thin bar each on a log scale from 1 to `top` steps (longer
    ones, and units that never forget, reach the top); the chosen unit in orange, its value as hover text.
    One image of an SVG with every other unit's bar in a single path: a row of a div per unit cost the browser
    about 50 ms on every step move with 256 units (python tools/why_cost.py --browser 12 --tools ledger)."""
    values = np.asarray(half_lives, float)
    finite = np.isfinite(values)
    scaled = np.log10(np.maximum(np.where(finite, values, top), 1.0)) / np.log10(top)
    heights = np.where(finite, 100 * np.clip(scaled, 0.02, 1), 100)

    def bar(u, width=0.8):
        return f"M{u + 0.5 - width / 2:g} 100V{100 - heights[u]:.1f}h{width:g}V100z"

    shown = f"{values[unit]:.1f}" if finite[unit] else "∞"
    others = "".join(bar(u) for u in range(len(values)) if u != unit)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {len(values)} 100" preserveAspectRatio="none">'
           f'<path d="{others}" fill="{BLUE}"/><path d="{bar(unit, 2.4)}" fill="{ORANGE}"/></svg>')
    return (f'<img class="lx-half-lives" data-units="{len(values)}" alt="" title="unit {int(unit)}: {shown}" '
            f'src="{svg_data_uri(svg)}" style="display:block;width:100%;height:70px;border-bottom:1px solid #d1d5db">')


def svg_data_uri(svg):
    """An SVG as an image address: st.html's sanitizer removes inline <svg> but keeps an <img> of one."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# ------------------------------------------------------------------------------------ unit finder
def ranking_rows(ranked, limit=10):
    """ranked: [(state, unit, score, sign)] best first -> rows for a table."""
    return [{"unit": int(u), "state": s, "score": round(float(score), 3), "sign": "+" if sign >= 0 else "−"}
            for s, u, score, sign in ranked[:limit]]


def text_picker_figure(text, picked, columns=80, title=""):
    """The text as a grid of characters (one marker each) that a box or lasso selection can pick from:
    LSTMVis's "select the steps where it should fire" with the mouse. picked: (T,) bool, drawn orange.
    Each point's index is its step."""
    T = len(text)
    rows, cols, row, col = [], [], 0, 0
    for ch in text:
        rows.append(row)
        cols.append(col)
        col += 1
        if ch == "\n" or col >= columns:
            row, col = row + 1, 0
    labels = [token_label(ch) for ch in text]
    picked = np.asarray(picked, bool) if len(picked) == T else np.zeros(T, bool)
    fig = go.Figure(go.Scatter(
        x=cols, y=rows, mode="markers+text", text=labels, customdata=np.arange(T),
        textfont=dict(family="ui-monospace, monospace", size=13,
                      color=["#ffffff" if p else "#111827" for p in picked]),
        marker=dict(symbol="square", size=14, color=[ORANGE if p else "rgba(0,0,0,0.04)" for p in picked]),
        hovertemplate="%{customdata}: %{text}<extra></extra>", showlegend=False))
    fig.update_xaxes(visible=False, range=[-1, columns], fixedrange=True)
    fig.update_yaxes(visible=False, autorange="reversed", fixedrange=True)
    fig.update_layout(title=title, dragmode="select", margin=dict(l=10, r=10, t=30 if title else 10, b=10))
    out = themed(fig, height=40 + 22 * (row + 1))
    out.update_layout(margin=dict(l=10, r=10, t=30 if title else 10, b=10))
    return out


# ------------------------------------------------------------------------------------ saturation
def saturation_figure(saturation, unit, labels):
    """Per unit, for f, i and o: the share of steps the gate is nearly closed (< low, x) against the share
    nearly open (> high, y). saturation: {"f": {"low": (H,), "high": (H,)}, ...}. labels: {"x", "y",
    "hover", "f", "i", "o", "unit"}. The chosen unit is ringed."""
    fig = go.Figure()
    for gate in ("f", "i", "o", "z", "r"):
        if gate not in saturation:
            continue
        low, high = np.asarray(saturation[gate]["low"], float), np.asarray(saturation[gate]["high"], float)
        fig.add_trace(go.Scatter(x=low, y=high, mode="markers", name=labels[gate], customdata=np.arange(len(low)),
                                 marker=dict(color=GATE_COLOURS[gate], size=7, opacity=0.7),
                                 hovertemplate=labels["hover"] + "<extra>" + gate + "</extra>"))
        if unit is not None and 0 <= unit < len(low):
            fig.add_trace(go.Scatter(x=[low[unit]], y=[high[unit]], mode="markers", showlegend=False,
                                     hoverinfo="skip", marker=dict(size=15, color="rgba(0,0,0,0)",
                                                                   line=dict(color=ORANGE, width=2))))
    fig.add_shape(type="line", x0=0, y0=1, x1=1, y1=0, line=dict(color=GREY, dash="dot", width=1))
    fig.update_xaxes(title_text=labels["x"], range=[-0.03, 1.03], constrain="domain")
    fig.update_yaxes(title_text=labels["y"], range=[-0.03, 1.03], scaleanchor="x")
    fig.update_layout(legend=dict(orientation="h", y=1.1), font=FONT)
    return themed(fig, height=380)


def saturation_summary(saturation, threshold=0.5):
    """Counts the sentence reads: units whose keep gate (an LSTM's forget gate f, a GRU's update gate z) is
    nearly open (> high) on most steps (they remember), nearly shut on most steps (they forget at once), and
    whose input gate i is nearly shut on most steps (they ignore their input)."""
    keep, write = saturation.get("f", saturation.get("z")), saturation.get("i")

    def count(a):
        return int(np.sum(np.asarray(a) > threshold))

    return {"remember": count(keep["high"]) if keep else 0, "forget": count(keep["low"]) if keep else 0,
            "ignore": count(write["low"]) if write else 0, "units": len(keep["low"]) if keep else 0}


# ------------------------------------------------------------------------------------ switching off
def top_predictions_html(chars, before, after, k=5, titles=("", "")):
    """Two columns: the k most likely next characters before and after a unit was switched off; the after
    column also says how much each probability changed."""
    cell = "padding:.05rem .45rem;text-align:right"

    def column(probs, title, base=None):
        order = np.argsort(probs, kind="stable")[::-1][:k]
        rows = "".join(
            f'<tr><td style="padding-right:.45rem"><code>{token_label(chars[j])}</code></td>'
            f'<td style="{cell}">{probs[j]:.1%}</td>'
            + (f'<td style="{cell};color:#6b7280">{change(probs[j] - base[j])}</td>' if base is not None else "")
            + "</tr>" for j in order)
        return (f'<div><div style="font-weight:600">{html.escape(title)}</div>'
                f'<table style="border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums">{rows}'
                f"</table></div>")
    return ('<div class="lx-clamp" style="display:flex;gap:2.5rem">' + column(before, titles[0])
            + column(after, titles[1], before) + "</div>")


def change(d):
    """A change in probability as a signed percentage with a true minus sign; ±0.0% when it rounds to zero."""
    return "±0.0%" if abs(d) < 0.0005 else f"{d:+.1%}".replace("-", "\u2212")


def next_char_log_probs(probs, ids):
    """(T-1,) log-probability each step gave the character that actually came next (unknown characters,
    id -1, count as nan)."""
    ids = np.asarray(ids)
    nxt = ids[1:]
    out = np.full(len(nxt), np.nan)
    known = nxt >= 0
    out[known] = np.log(np.maximum(probs[:-1][np.flatnonzero(known), nxt[known]], 1e-30))
    return out


def forecast_figure(x, truth, before, after, labels):
    """A series' one-step-ahead forecasts before and after a unit was switched off (forecast[t] for t+1), and
    below them the change (after - before), which is often too small to see in the lines themselves.
    labels: {"truth", "before", "after", "change"}."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.06)
    fig.add_trace(go.Scatter(x=x, y=truth, name=labels["truth"], line=dict(color=BLUE)), 1, 1)
    fig.add_trace(go.Scatter(x=x[1:], y=before[:-1], name=labels["before"], line=dict(color="#f58518", dash="dot")),
                  1, 1)
    fig.add_trace(go.Scatter(x=x[1:], y=after[:-1], name=labels["after"], line=dict(color=RED)), 1, 1)
    fig.add_trace(go.Bar(x=x[1:], y=(np.asarray(after) - np.asarray(before))[:-1], name=labels["change"],
                         marker_color=GREY), 2, 1)
    fig.update_layout(legend=dict(orientation="h", y=1.12))
    fig.update_xaxes(nticks=16)
    return themed(fig, height=360)


# ------------------------------------------------------------------------------------ series
def series_picker_figure(labels, values, title=""):
    """The series as points a box or lasso selection can pick: the steps where a unit should fire."""
    steps = np.arange(len(values))
    fig = go.Figure(go.Scatter(x=steps, y=values, mode="lines+markers", customdata=steps,
                               text=list(labels), marker=dict(size=6, color=BLUE), line=dict(color=GREY, width=1),
                               hovertemplate="%{customdata}: %{text}<br>%{y:.4g}<extra></extra>", showlegend=False))
    fig.update_layout(title=title, dragmode="select")
    return themed(fig, height=260)


def series_activation_figure(labels, values, activation, hypothesis, names):
    """A unit's values (orange, right axis) over the series (blue); steps where the hypothesis holds marked
    below (a numeric hypothesis: drawn as a grey dotted line on its own scale). names: {"series", "unit",
    "hypothesis"} in the user's language."""
    x = np.arange(len(values))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=values, name=names["series"], line=dict(color=BLUE), text=list(labels),
                             hovertemplate="%{text}: %{y:.4g}<extra></extra>"))
    fig.add_trace(go.Scatter(x=x, y=activation, name=names["unit"], yaxis="y2", line=dict(color=ORANGE)))
    h = np.asarray(hypothesis)
    if h.dtype == bool:
        fig.add_trace(go.Scatter(x=x[h], y=np.full(int(h.sum()), float(np.min(values))), mode="markers",
                                 name=names["hypothesis"], marker=dict(symbol="line-ns-open", size=10,
                                                                       color="#111827")))
    else:
        fig.add_trace(go.Scatter(x=x, y=h, name=names["hypothesis"], yaxis="y3", line=dict(color=GREY, dash="dot")))
    fig.update_layout(yaxis2=dict(overlaying="y", side="right", showgrid=False),
                      yaxis3=dict(overlaying="y", visible=False), legend=dict(orientation="h", y=1.12))
    return themed(fig, height=300)


def series_connectivity_figure(labels, values, magnitude, step):
    """The series with each earlier step's influence on the forecast at `step` as bars beneath it."""
    x = np.arange(len(values))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=values, line=dict(color=BLUE), text=list(labels), showlegend=False,
                             hovertemplate="%{text}: %{y:.4g}<extra></extra>"))
    fig.add_trace(go.Bar(x=x[:step + 1], y=magnitude[:step + 1], yaxis="y2", marker_color=ORANGE, opacity=0.6,
                         showlegend=False, hovertemplate="%{x}: %{y:.3g}<extra></extra>"))
    fig.add_vline(x=step, line=dict(color=ORANGE, width=2))
    fig.update_layout(yaxis2=dict(overlaying="y", side="right", showgrid=False, rangemode="tozero"))
    return themed(fig, height=280)
