"""The texts of the step-through panel, formatted once in Python: the browser draws the panel (the bars of one
unit's values, the most likely next characters, the cell update written out, the units that changed most) from
them (app_pages/step_view.js), so it shows exactly Python's numbers. And two small HTML views the pages draw
themselves (metrics, note). Every label is escaped here; callers pass raw text."""
import html

import numpy as np

from .figures import token_label

BAR_BLUE, BAR_RED = "#4c78a8", "#e45756"


def prediction_rows(chars, probs, k=5):
    """The k most likely next characters as the browser draws them (app_pages/step_view.js): [[label
    (display-safe), probability as text (the bar's width)]], most likely first."""
    order = np.argsort(probs, kind="stable")[::-1][:k]
    return [[token_label(chars[j]), f"{probs[j]:.1%}"] for j in order]


def bar_values(values):
    """The texts of the cell panel's bars, as the browser draws them (it reads each bar's length off its text:
    from a zero line in the middle, the scale at least -1..1 and growing for large cell states)."""
    return [f"{float(v):+.3f}" for v in values]


def table_rows(columns):
    """The rows of the table of units that changed most, as display text: integers as they are, other numbers
    with 3 decimals."""
    columns = [c.tolist() if isinstance(c, np.ndarray) else list(c) for c in columns]    # Python numbers format fast
    return [[str(v) if isinstance(v, (int, np.integer)) else f"{v:.3f}" for v in row]
            for row in zip(*columns, strict=True)]


def signed(x, digits=2):
    """A number with a true minus sign (U+2212), as in printed equations."""
    return f"{x:.{digits}f}".replace("-", "\u2212")


def factor(x):
    """A number as a factor in a written-out product: negative numbers in parentheses."""
    return f"({signed(x)})" if x < 0 else signed(x)


def lstm_update_numbers(f, c_prev, i, g, c, o=None, h=None):
    """The numbers of the cell update the browser writes out (c_t = f_t c_{t-1} + i_t g_t, h_t = o_t tanh c_t),
    in its order: f, c(t-1), i, g as factors, c, then o and c as factors, h (the first five only when o and h are
    not given: an LSTM with a projection, whose h is not one unit's)."""
    numbers = [factor(f), factor(c_prev), factor(i), factor(g), signed(c)]
    return numbers if h is None else numbers + [factor(o), factor(c), signed(h)]


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
