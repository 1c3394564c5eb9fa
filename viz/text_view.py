"""Text and units for display: tokens as safe labels, text shaded by a unit, unit ordering and filtering.

Everything the user typed goes through html.escape before it can reach HTML.
"""
import html

import numpy as np

from .figures import token_label

MAX_CHARS = 2000


MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~&")


def md_escape(text):
    """User text made literal inside Streamlit Markdown (which also reads $...$ as LaTeX and inline HTML)."""
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in text)


def prepare_text(text, limit=MAX_CHARS):
    """-> (text cut to `limit` characters, whether it was cut). NUL is dropped: browsers cannot show it."""
    text = (text or "").replace("\x00", "")
    return (text[:limit], True) if len(text) > limit else (text, False)


def tokens_for_display(text):
    return [token_label(ch) for ch in text]


def shade(value, lo, hi):
    """Background colour for a value: blue (low) .. white .. red (high) around the middle of lo..hi."""
    mid = (lo + hi) / 2
    half = max((hi - lo) / 2, 1e-9)
    s = float(np.clip((value - mid) / half, -1, 1))
    r, g, b = (255, int(255 * (1 - s)), int(255 * (1 - s))) if s >= 0 else (int(255 * (1 + s)),) * 2 + (255,)
    return f"rgb({r},{g},{b})"


def shaded_text_html(text, values, lo=-1.0, hi=1.0):
    """Each character in a span coloured by its value (the classic cell visualisation). Escaped."""
    spans = []
    for ch, v in zip(text, values, strict=True):
        shown = "⏎<br>" if ch == "\n" else html.escape(ch if ch.isprintable() else "\ufffd")
        spans.append(f'<span title="{float(v):+.3f}" style="background:{shade(v, lo, hi)}">{shown}</span>')
    return ('<div style="font-family: ui-monospace, monospace; font-size: 1.05rem; line-height: 1.9; '
            'white-space: pre-wrap; word-break: break-all">' + "".join(spans) + "</div>")


def order_units(matrix, how):
    """Unit indices of a (T, H) matrix in display order: 'index', 'variance' (most variable first) or
    'cluster' (units that move together side by side: sorted along the leading principal direction of
    their correlation matrix)."""
    H = matrix.shape[1]
    if how == "variance":
        return list(np.argsort(-matrix.var(axis=0), kind="stable"))
    if how == "cluster" and matrix.shape[0] > 1:
        std = matrix.std(axis=0)
        z = (matrix - matrix.mean(axis=0)) / np.where(std > 0, std, 1)
        corr = z.T @ z / matrix.shape[0]
        _, vecs = np.linalg.eigh(corr)
        return list(np.argsort(vecs[:, -1], kind="stable"))
    return list(range(H))


def top_active(matrix, k):
    """The k units with the largest mean |activation| (deviation from the unit's mean for 0..1 gates would
    hide always-open gates, which are worth seeing)."""
    k = max(1, min(k, matrix.shape[1]))
    return set(np.argsort(-np.abs(matrix).mean(axis=0), kind="stable")[:k].tolist())
