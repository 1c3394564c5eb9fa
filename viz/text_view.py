"""Text and units for display: tokens as safe labels, text shaded by a unit, unit ordering and filtering.

Everything the user typed goes through html.escape before it can reach HTML.
"""
import html

import numpy as np

from lstm_core.analysis import largest_erase

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
    # One span per character, nothing between them: the page marks step t as the (t+1)-th span in CSS. Lines
    # wrap between words (a word breaks only when it alone is wider than the line).
    return ('<div class="lx-shaded" style="font-family: ui-monospace, monospace; font-size: 1.05rem; '
            'line-height: 1.9; white-space: pre-wrap; overflow-wrap: break-word">' + "".join(spans) + "</div>")


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


def robust_bound(values, percentile=98):
    """Half-width of a symmetric colour range holding `percentile`% of |values| (one spike must not wash the
    rest of the text out to white)."""
    values = np.abs(np.asarray(values, np.float64))
    return max(float(np.percentile(values, percentile)) if values.size else 0.0, 1e-6)


def named_units(card, layer=0, direction=0, n_units=None):
    """[(unit, feature)] of a model card's named units (lstm_core.card.ModelCard.units, most telling first) for
    this layer and direction, each unit once. A card without them, or units that do not fit the model, give
    fewer (never an error: cards can come from uploads; their types were checked when they were read)."""
    found, seen = [], set()
    for entry in card.units if card is not None else ():
        here = (entry.layer, entry.direction) == (layer, direction)
        if here and entry.unit not in seen and (n_units is None or entry.unit < n_units):
            found.append((entry.unit, entry.feature))
            seen.add(entry.unit)
    return found


def named_erase(gates, card):
    """The largest real erase (lstm_core.analysis.largest_erase) among a model card's named units, in any layer
    and direction: gates {(layer, direction): {"f", "c", ...}}. -> (layer, direction, Erase, feature), or None
    when no named unit dropped a memory it held."""
    best = None
    for (layer, direction), g in gates.items():
        if "f" not in g or "c" not in g:
            continue
        features = dict(named_units(card, layer, direction, np.shape(g["c"])[1]))
        erase = largest_erase(g["f"], g["c"], units=list(features)) if features else None
        if erase is not None and (best is None or abs(erase.dropped) > abs(best[2].dropped)):
            best = (layer, direction, erase, features[erase.unit])
    return best


def first_named_layer(card, n_layers):
    """The layer a first view opens on: the card's first named unit's (a 2-layer model's named units are in its
    top layer), else 0."""
    for entry in card.units if card is not None else ():
        return entry.layer if 0 <= entry.layer < n_layers else 0
    return 0


def rows_for_display(matrix, k, order="index", named=(), chosen=None):
    """The unit rows of the heatmaps: the named units first (card order), then the k most active of the rest
    in `order` (see order_units), about k in all; the chosen unit is always among them (after the named)."""
    first = [u for u in named if 0 <= u < matrix.shape[1]][:k]
    if chosen is not None and chosen not in first:
        first.append(int(chosen))
    room = max(0, k - len(first))
    active = [u for u in np.argsort(-np.abs(matrix).mean(axis=0), kind="stable").tolist() if u not in first][:room]
    keep = set(active)
    return first + [int(u) for u in order_units(matrix, order) if u in keep]


def default_unit(matrix, named=()):
    """The unit a first view follows: the card's first named unit, else the most active one."""
    if named:
        return int(named[0])
    return int(np.argmax(np.abs(matrix).mean(axis=0)))


def top_active(matrix, k):
    """The k units with the largest mean |activation| (deviation from the unit's mean for 0..1 gates would
    hide always-open gates, which are worth seeing)."""
    k = max(1, min(k, matrix.shape[1]))
    return set(np.argsort(-np.abs(matrix).mean(axis=0), kind="stable")[:k].tolist())
