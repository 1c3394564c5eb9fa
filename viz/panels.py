"""Small HTML views for the step-through panel: bars of one unit's values, the most likely next characters, the
cell update written out. Plain HTML and CSS (no Plotly). The browser draws the step-through panel itself in this
look (app_pages/step_view.js) from the texts formatted here (bar_values, table_rows, prediction_rows,
lstm_update_numbers), so both show the same numbers. Every label is escaped here; callers pass raw text."""
import html

import numpy as np

from .figures import token_label

BAR_BLUE, BAR_RED = "#4c78a8", "#e45756"


def _bar_row(label, value, width_pct, left_pct, colour, text):
    return (f'<div style="display:flex;align-items:center;gap:.5rem;height:1.55rem">'
            f'<code style="width:4.5rem;text-align:right;flex:none">{label}</code>'
            f'<div style="position:relative;flex:1;height:1.1rem;background:#f3f4f6;border-radius:3px">'
            f'<div style="position:absolute;left:{left_pct:.2f}%;width:{width_pct:.2f}%;top:0;bottom:0;'
            f'background:{colour};border-radius:3px"></div></div>'
            f'<span style="width:4rem;flex:none;font-variant-numeric:tabular-nums">{text}</span></div>')


def prediction_bars(chars, probs, k=5, title=""):
    """The k most likely next characters with their probabilities, most likely first."""
    order = np.argsort(probs, kind="stable")[::-1][:k]
    rows = [_bar_row(token_label(chars[j]), probs[j], 100 * float(probs[j]), 0, BAR_BLUE, f"{probs[j]:.1%}")
            for j in order]
    head = f"<div style='font-weight:600;margin-bottom:.3rem'>{html.escape(title)}</div>" if title else ""
    return f'<div class="lx-predictions">{head}{"".join(rows)}</div>'


def prediction_rows(chars, probs, k=5):
    """The k most likely next characters as the browser draws them (app_pages/step_view.js, prediction_bars'
    look): [[label (display-safe), probability as text (the bar's width)]], most likely first."""
    order = np.argsort(probs, kind="stable")[::-1][:k]
    return [[token_label(chars[j]), f"{probs[j]:.1%}"] for j in order]


def bar_values(values):
    """The texts of value_bars' bars, as the browser draws them (it reads each bar's length off its text)."""
    return [f"{float(v):+.3f}" for v in values]


def table_rows(columns):
    """The rows of _table's body as display text: integers as they are, other numbers with 3 decimals."""
    columns = [c.tolist() if isinstance(c, np.ndarray) else list(c) for c in columns]    # Python numbers format fast
    return [[str(v) if isinstance(v, (int, np.integer)) else f"{v:.3f}" for v in row]
            for row in zip(*columns, strict=True)]


def value_bars(values, title="", columns=1):
    """One bar per {label: value}, drawn from a zero line in the middle; the scale is at least -1..1 so
    gates and tanh values compare by eye, and grows for large cell states. columns: bars side by side in this
    many columns (the projector's compact panel)."""
    bound = max(1.0, max((abs(float(v)) for v in values.values()), default=1.0))
    rows = []
    for label, v in values.items():
        half = 50 * abs(float(v)) / bound
        left = 50 if v >= 0 else 50 - half
        rows.append(_bar_row(html.escape(label), v, half, left, BAR_BLUE if v >= 0 else BAR_RED, f"{v:+.3f}"))
    head = f"<div style='font-weight:600;margin-bottom:.3rem'>{html.escape(title)}</div>" if title else ""
    grid = f"display:grid;grid-template-columns:repeat({int(columns)},minmax(0,1fr));column-gap:1.2rem"
    return f'<div class="lx-cell">{head}<div style="{grid}">{"".join(rows)}</div></div>'


def _table(columns):
    """{header: values} -> a small HTML table of numbers (3 decimals), integers as they are."""
    headers = list(columns)
    rows = zip(*(columns[h] for h in headers), strict=True)
    cell = "padding:.1rem .5rem;text-align:right;font-variant-numeric:tabular-nums"
    head = "".join(f'<th style="{cell}">{html.escape(str(h))}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{cell}">{v if isinstance(v, (int, np.integer)) else f"{v:.3f}"}'
                                    "</td>" for v in row) + "</tr>" for row in rows)
    return f'<table style="border-collapse:collapse;font-size:.85rem"><tr>{head}</tr>{body}</table>'


def signed(x, digits=2):
    """A number with a true minus sign (U+2212), as in printed equations."""
    return f"{x:.{digits}f}".replace("-", "\u2212")


def factor(x):
    """A number as a factor in a written-out product: negative numbers in parentheses."""
    return f"({signed(x)})" if x < 0 else signed(x)


def lstm_update_numbers(f, c_prev, i, g, c, o=None, h=None):
    """The numbers lstm_update writes, in its order: f, c(t-1), i, g as factors, c, then o and c as factors, h
    (the first five only when o and h are not given: an LSTM with a projection, whose h is not one unit's)."""
    numbers = [factor(f), factor(c_prev), factor(i), factor(g), signed(c)]
    return numbers if h is None else numbers + [factor(o), factor(c), signed(h)]


def lstm_update(f, c_prev, i, g, c, o=None, h=None):
    """The cell update written out with this step's numbers, in the symbols of the equations (without h when o
    and h are not given)."""
    e = lstm_update_numbers(f, c_prev, i, g, c, o, h)

    def sym(name, sub="t"):
        return f"<i>{name}</i><sub>{sub}</sub>"

    hidden = "" if h is None else (f"<br>{sym('h')} = {sym('o')} tanh {sym('c')} = {e[5]} × tanh {e[6]} = "
                                   f"<b>{e[7]}</b>")
    return ('<div style="font-family:Georgia,\'Times New Roman\',serif;font-size:1rem;line-height:1.9;'
            'margin:.6rem 0">'
            f"{sym('c')} = {sym('f')} {sym('c', 't−1')} + {sym('i')} {sym('g')} = {e[0]} × {e[1]} + {e[2]} × "
            f"{e[3]} = <b>{e[4]}</b>{hidden}</div>")


def side_by_side(left, right, widths=(1, 1)):
    """Two display-safe HTML blocks in two columns (one column on narrow screens); widths: their shares."""
    return ('<div class="lx-panel" style="display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start">'
            f'<div style="flex:{widths[0]} 1 300px;min-width:0">{left}</div>'
            f'<div style="flex:{widths[1]} 1 300px;min-width:0">{right}</div></div>')


def cell_summary(title, x_html, bars, note="", table_title="", table=None, equation="", columns=1):
    """The cell panel in one HTML block: title, what x_t is, one bar per value (in `columns` columns), the update
    written out (`equation`, display-safe), a sentence reading the gates, and a table of the units that changed
    most. x_html is display-safe already; the rest is escaped."""
    muted = "color:#4b5563;font-size:.875rem;margin:.35rem 0"
    parts = [f"<div style='font-weight:600'>{html.escape(title)}</div>", f"<div style='{muted}'>{x_html}</div>",
             value_bars(bars, columns=columns), equation]
    if note:
        parts.append(f"<div style='{muted}'>{html.escape(note)}</div>")
    if table is not None:
        parts += [f"<div style='{muted}'>{html.escape(table_title)}</div>", _table(table)]
    return '<div class="lx-cell-panel">' + "".join(parts) + "</div>"


def metrics(rows, label_html=""):
    """Big numbers: rows of (label, value, note). A NUL in a label is replaced by `label_html`
    (display-safe: a time label from the data); everything else is escaped."""
    out = []
    for label, value, remark in rows:
        shown = html.escape(label).replace("\0", label_html)
        extra = f"<div style='color:#6b7280;font-size:.85rem'>{html.escape(remark)}</div>" if remark else ""
        out.append(f"<div style='margin-bottom:.8rem'><div style='font-size:.875rem'>{shown}</div>"
                   f"<div style='font-size:2rem;line-height:1.2'>{html.escape(value)}</div>{extra}</div>")
    return "".join(out)


def note(text):
    return f"<div style='color:#6b7280;font-size:.875rem;margin:.35rem 0'>{html.escape(text)}</div>"
