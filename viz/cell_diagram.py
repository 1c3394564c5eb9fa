"""Data-flow diagrams of one LSTM, GRU or RNN cell as SVG strings, with the live value on every wire.

Pure functions: the values of one step (lstm_core.textbook's dicts) in, an SVG string out. The LSTM is drawn
in the familiar form (the cell-state line across the top, three sigmoid gates and the tanh candidate below,
products and the sum on the line). Each wire is coloured by its value with the app's scales
(figures.GATE_SCALE for gates, 0..1; figures.SIGNED_SCALE for signed values, -1..1) and carries
data-name / data-value attributes with the exact number, so tests read back what is drawn. A wire that
carries a vector (x with two inputs, h with several units) is grey and lists its entries.
`selected` names a part ("f", "c", ...): its wires and boxes get an orange halo.
Every text is escaped; the SVG is well-formed XML."""
import html
from dataclasses import dataclass

import numpy as np
from plotly.colors import sample_colorscale

from .figures import CURSOR, GATE_SCALE, SIGNED_SCALE

FONT_SIZE = 22                  # user units; the page keeps the diagram wide enough for >= 14 px on screen
SUB_SCALE = 0.9                 # subscripts, relative to FONT_SIZE
CHAR_W = 0.5                    # average advance of a character of the font, in em (digits, letters)
FONT_FAMILY = "Inter, 'Source Sans Pro', 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif"
INK, GREY, WIRE_EDGE = "#1f2937", "#6b7280", "#9ca3af"
BOX = (60, 46)                  # width, height of a gate box
NODE_R = 15                     # radius of a product or sum node
GATE, SIGNED, VECTOR, PLAIN = "gate", "signed", "vector", "plain"


@dataclass
class Wire:
    name: str                   # data-name: the key of its value ("f", "c_prev", "ig", ...)
    points: list                # polyline [(x, y), ...]
    value: object               # float, or a 1-D array for a vector wire; None: no value (the input bus)
    scale: str                  # GATE, SIGNED, VECTOR or PLAIN
    symbol: str = ""            # label symbol, "_{...}" marks a subscript: "c_{t-1}"
    at: tuple = (0, 0)          # label anchor
    align: str = "middle"       # label placement: centred on `at`, or starting ("start") / ending ("end") there
    part: str = ""              # the part it belongs to (for `selected`)
    arrow: bool = False


@dataclass
class Shape:
    kind: str                   # "box", "node" (circle) or "oval"
    x: float
    y: float
    text: str
    part: str = ""


def colour(value, scale):
    """The wire colour of a value: gates on GATE_SCALE over 0..1, signed values on SIGNED_SCALE over -1..1
    (beyond them, the end colours)."""
    if scale == GATE:
        return sample_colorscale(GATE_SCALE, [float(np.clip(value, 0, 1))])[0]
    if scale == SIGNED:
        return sample_colorscale(SIGNED_SCALE, [(float(np.clip(value, -1, 1)) + 1) / 2])[0]
    return GREY


def number(v):
    """Three decimals with a true minus sign (easier to read from the back of a room)."""
    return f"{float(v):.3f}".replace("-", "\u2212")


def shown_value(value):
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    return number(arr[0]) if arr.size == 1 else "(" + ", ".join(number(v) for v in arr) + ")"


def exact_value(value):
    """data-value: every digit of the number (repr), entries joined by spaces."""
    return " ".join(repr(float(v)) for v in np.atleast_1d(np.asarray(value, dtype=float)))


def symbol_pieces(symbol):
    """'c_{t-1}' -> [('c', False), ('t-1', True)]: text and whether it is a subscript."""
    pieces, rest = [], symbol
    while "_{" in rest:
        head, tail = rest.split("_{", 1)
        sub, rest = tail.split("}", 1)
        pieces += [(head, False), (sub, True)]
    pieces.append((rest, False))
    return [(text, sub) for text, sub in pieces if text]


def text_width(pieces, size=FONT_SIZE):
    return sum(len(text) * (SUB_SCALE if sub else 1) for text, sub in pieces) * CHAR_W * size


def tspans(pieces, size=FONT_SIZE):
    """Escaped SVG text runs, subscripts lowered and smaller, the baseline restored after each."""
    shift, out, lowered = round(0.28 * size), [], False
    for text, sub in pieces:
        text = html.escape(text.replace("-", "\u2212"))
        if sub:
            out.append(f'<tspan font-size="{SUB_SCALE * size:g}" dy="{shift}">{text}</tspan>')
            lowered = True
        else:
            out.append(f'<tspan dy="{-shift}">{text}</tspan>' if lowered else f"<tspan>{text}</tspan>")
            lowered = False
    return "".join(out)


def box_width(text):
    return max(BOX[0], text_width(symbol_pieces(text)) * 1.1 + 24)


def path_d(points):
    return "M" + " L".join(f"{x:g},{y:g}" for x, y in points)


def wire_svg(w, selected):
    d, stroke = path_d(w.points), colour(w.value, w.scale) if w.value is not None else GREY
    arrow = ' marker-end="url(#lx-cell-arrow)"' if w.arrow else ""
    halo = (f'<path d="{d}" fill="none" stroke="{CURSOR["color"]}" stroke-width="16" stroke-opacity="0.45" '
            f'stroke-linejoin="round"/>' if selected and w.part == selected else "")
    value = "" if w.value is None else f' data-value="{exact_value(w.value)}"'
    return (f'<g class="lx-wire" data-name="{html.escape(w.name)}" data-part="{html.escape(w.part)}"{value}>'
            f'{halo}<path d="{d}" fill="none" stroke="{WIRE_EDGE}" stroke-width="9" stroke-linejoin="round"/>'
            f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="6" stroke-linejoin="round"{arrow}/></g>')


def label_svg(w):
    """A white tag with `symbol = value` at the wire's anchor."""
    pieces = symbol_pieces(w.symbol) + [(" = " + shown_value(w.value), False)]
    width, height = text_width(pieces) + 14, FONT_SIZE + 12
    x, y = w.at
    left = {"middle": x - width / 2, "start": x, "end": x - width}[w.align]
    return (f'<g class="lx-label" data-name="{html.escape(w.name)}">'
            f'<rect x="{left:.1f}" y="{y - height / 2:.1f}" width="{width:.1f}" height="{height}" rx="6" '
            f'fill="white" fill-opacity="0.92" stroke="{WIRE_EDGE}"/>'
            f'<text x="{left + width / 2:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="{FONT_SIZE}" fill="{INK}">{tspans(pieces)}</text></g>')


def shape_svg(s, selected):
    stroke, sw = (CURSOR["color"], 4) if selected and s.part == selected else (INK, 2)
    pieces = symbol_pieces(s.text)
    if s.kind == "box":
        w, h = box_width(s.text), BOX[1]
        body = (f'<rect x="{s.x - w / 2:g}" y="{s.y - h / 2:g}" width="{w:g}" height="{h}" rx="6" '
                f'fill="#fef3c7" stroke="{stroke}" stroke-width="{sw}"/>')
    elif s.kind == "oval":
        body = (f'<ellipse cx="{s.x:g}" cy="{s.y:g}" rx="{text_width(pieces) / 2 + 12:g}" ry="{NODE_R + 2}" '
                f'fill="#fde68a" stroke="{stroke}" stroke-width="{sw}"/>')
    else:
        body = (f'<circle cx="{s.x:g}" cy="{s.y:g}" r="{NODE_R}" fill="#fde68a" stroke="{stroke}" '
                f'stroke-width="{sw}"/>')
    text = (f'<text x="{s.x:g}" y="{s.y:g}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="{FONT_SIZE}" fill="{INK}">{tspans(pieces)}</text>')
    return f'<g class="lx-{s.kind}" data-part="{html.escape(s.part)}">{body}{text}</g>'


def svg(width, height, wires, shapes, selected, title):
    """The whole drawing: wires, then boxes and nodes over them, then the value tags over everything."""
    arrow = (f'<defs><marker id="lx-cell-arrow" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="4" '
             f'markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{GREY}"/></marker>'
             f'</defs>')
    body = ("".join(wire_svg(w, selected) for w in wires) + "".join(shape_svg(s, selected) for s in shapes)
            + "".join(label_svg(w) for w in wires if w.symbol))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="lx-cell-diagram" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{html.escape(title)}" '
            f'style="display:block;max-width:{width}px;font-family:{html.escape(FONT_FAMILY)}">'
            f"<title>{html.escape(title)}</title>{arrow}{body}</svg>")


def entry(a, unit):
    """Entry `unit` of an unbatched step value."""
    return float(np.asarray(a, dtype=float).reshape(-1)[unit])


def vector_wire(value):
    """A scalar input draws coloured like any signed value; a vector (two inputs, several units) grey."""
    value = np.asarray(value, dtype=float).reshape(-1)
    return (value[0], SIGNED) if value.size == 1 else (value, VECTOR)


# ----------------------------------------------------------------------------------------------- LSTM

LSTM_SIZE = (780, 480)


def lstm_diagram(step, x, h_prev, c_prev, unit=0, selected=None, title="LSTM cell"):
    """step: textbook.lstm_step's dict for unbatched x (D,), h_prev and c_prev (H,); the wires show unit
    `unit`. Wire names: x, h_prev, c_prev, f, i, g, o, fc (= f c_{t-1}), ig (= i g), c, tanh_c, h."""
    k = unit
    v = {name: entry(step[name], k) for name in ("i", "f", "g", "o", "c", "h")}
    c0 = entry(c_prev, k)
    xv, xs = vector_wire(x)
    hv, hs = vector_wire(h_prev)
    width, bottom = LSTM_SIZE
    yc, yt, ym, yb, ybus, yh = 60, 128, 196, 290, 360, 420
    xf, xi, xg, xo, xh, xbus, xx = 180, 285, 400, 520, 655, 150, 370
    top, under = yb - BOX[1] / 2, yb + BOX[1] / 2
    r = NODE_R
    h_label = ((8, yh + 38), "start") if hs == VECTOR else ((72, yh), "middle")
    wires = [
        Wire("bus", [(xbus, yh), (xbus, ybus), (xo, ybus)], None, PLAIN),
        *(Wire("bus", [(gx, ybus), (gx, under)], None, PLAIN) for gx in (xf, xi, xg, xo)),
        Wire("h_prev", [(0, yh), (xbus, yh)], hv, hs, "h_{t-1}", *h_label),
        Wire("x", [(xx, bottom), (xx, ybus)], xv, xs, "x_{t}", (xx + 12, 432), "start"),
        Wire("c_prev", [(0, yc), (xf - r, yc)], c0, SIGNED, "c_{t-1}", (84, yc), part="c"),
        Wire("f", [(xf, top), (xf, yc + r)], v["f"], GATE, "f", (xf, 150), part="f"),
        Wire("fc", [(xf + r, yc), (xg - r, yc)], v["f"] * c0, SIGNED, "f·c_{t-1}", (290, yc), part="c"),
        Wire("i", [(xi, top), (xi, ym), (xg - r, ym)], v["i"], GATE, "i", (xi, 232), part="i"),
        Wire("g", [(xg, top), (xg, ym + r)], v["g"], SIGNED, "g", (xg + 7, 236), "start", part="g"),
        Wire("ig", [(xg, ym - r), (xg, yc + r)], v["i"] * v["g"], SIGNED, "i·g", (xg, yt), part="c"),
        Wire("c", [(xg + r, yc), (width - 6, yc)], v["c"], SIGNED, "c_{t}", (528, yc), part="c", arrow=True),
        Wire("c", [(xh, yc), (xh, yt - r - 2)], v["c"], SIGNED, part="c"),
        Wire("tanh_c", [(xh, yt + r + 2), (xh, ym - r)], np.tanh(v["c"]), SIGNED, "tanh(c_{t})",
             (xh - 10, 166), "end", part="h"),
        Wire("o", [(xo, top), (xo, ym), (xh - r, ym)], v["o"], GATE, "o", (570, ym), part="o"),
        Wire("h", [(xh, ym + r), (xh, yh), (width - 6, yh)], v["h"], SIGNED, "h_{t}", (xh, 335), part="h",
             arrow=True),
    ]
    shapes = [Shape("box", xf, yb, "σ", "f"), Shape("box", xi, yb, "σ", "i"), Shape("box", xg, yb, "tanh", "g"),
              Shape("box", xo, yb, "σ", "o"), Shape("node", xf, yc, "×", "c"), Shape("node", xg, yc, "+", "c"),
              Shape("node", xg, ym, "×", "c"), Shape("oval", xh, yt, "tanh", "h"), Shape("node", xh, ym, "×", "h")]
    return svg(width, bottom, wires, shapes, selected, title)


# ------------------------------------------------------------------------------------------------ GRU

GRU_SIZE = (780, 480)


def gru_diagram(step, x, h_prev, unit=0, selected=None, title="GRU cell"):
    """step: textbook.gru_step's dict (unbatched). PyTorch's form: the hidden state runs along the top,
    z = 1 keeps it; r scales hn = W_hn h_{t-1} + b_hn before the candidate's tanh. Wire names: x, h_prev,
    r, z, hn, rhn (= r hn), n, one_minus_z, zh (= z h_{t-1}), zn (= (1 - z) n), h."""
    k = unit
    v = {name: entry(step[name], k) for name in ("r", "z", "n", "h", "hn")}
    h0 = entry(h_prev, k)
    xv, xs = vector_wire(x)
    hv, hs = vector_wire(h_prev)
    width, bottom = GRU_SIZE
    yt, yn, ymr, y1, yb, ybus = 60, 150, 232, 262, 320, 400
    xbus, xr, xhn, xmr, xn, xz, xp, xx = 20, 110, 235, 172, 340, 450, 650, 300
    top, under, r = yb - BOX[1] / 2, yb + BOX[1] / 2, NODE_R
    n_half = box_width("tanh") / 2
    h_label = ((30, yt + 42), "start") if hs == VECTOR else ((118, yt), "middle")
    wires = [
        Wire("bus", [(xbus, yt), (xbus, ybus), (xz, ybus)], None, PLAIN),
        *(Wire("bus", [(gx, ybus), (gx, under)], None, PLAIN) for gx in (xr, xhn, xz)),
        Wire("bus", [(xn, ybus), (xn, yn + BOX[1] / 2)], None, PLAIN),
        Wire("h_prev", [(0, yt), (xz - r, yt)], hv if hs == VECTOR else h0, hs, "h_{t-1}", *h_label),
        Wire("x", [(xx, bottom), (xx, ybus)], xv, xs, "x_{t}", (xx + 12, 445), "start"),
        Wire("r", [(xr, top), (xr, ymr), (xmr - r, ymr)], v["r"], GATE, "r", (xr, 266), part="r"),
        Wire("hn", [(xhn, top), (xhn, ymr), (xmr + r, ymr)], v["hn"], SIGNED, "hn", (xhn, 268), part="n"),
        Wire("rhn", [(xmr, ymr - r), (xmr, yn), (xn - n_half, yn)], v["r"] * v["hn"], SIGNED, "r·hn",
             (xmr, 186), part="n"),
        Wire("n", [(xn + n_half, yn), (xp - r, yn)], v["n"], SIGNED, "n", (545, yn), part="n"),
        Wire("z", [(xz, top), (xz, yt + r)], v["z"], GATE, "z", (xz + 10, 205), "start", part="z"),
        Wire("one_minus_z", [(xz, y1), (xp - r, y1), (xp, y1 - r), (xp, yn + r)], 1 - v["z"], GATE, "1-z",
             (550, y1), part="h"),
        Wire("zh", [(xz + r, yt), (xp - r, yt)], v["z"] * h0, SIGNED, "z·h_{t-1}", (550, yt), part="h"),
        Wire("zn", [(xp, yn - r), (xp, yt + r)], (1 - v["z"]) * v["n"], SIGNED, "(1-z)·n", (xp - 10, 105), "end",
             part="h"),
        Wire("h", [(xp + r, yt), (width - 6, yt)], v["h"], SIGNED, "h_{t}", (714, 22), part="h", arrow=True),
    ]
    shapes = [Shape("box", xr, yb, "σ", "r"), Shape("box", xhn, yb, "W_{hn}h_{t-1}+b_{hn}", "n"),
              Shape("box", xz, yb, "σ", "z"), Shape("box", xn, yn, "tanh", "n"), Shape("node", xmr, ymr, "×", "n"),
              Shape("node", xz, yt, "×", "h"), Shape("node", xp, yt, "+", "h"), Shape("node", xp, yn, "×", "h")]
    return svg(width, bottom, wires, shapes, selected, title)


# ------------------------------------------------------------------------------------------------ RNN

RNN_SIZE = (780, 250)
RNN_LINEAR = "W_{ih}x_{t}+b_{ih}+W_{hh}h_{t-1}+b_{hh}"


def rnn_diagram(step, x, h_prev, unit=0, selected=None, nonlinearity="tanh", title="RNN cell"):
    """step: textbook.rnn_step's dict (unbatched). Wire names: x, h_prev, pre_h, h."""
    k = unit
    pre, h = entry(step["pre_h"], k), entry(step["h"], k)
    xv, xs = vector_wire(x)
    hv, hs = vector_wire(h_prev)
    width, bottom = RNN_SIZE
    y, xj, xlin, xact = 110, 170, 370, 610
    half = box_width(RNN_LINEAR) / 2
    h_label = ((8, y - 42), "start") if hs == VECTOR else ((80, y), "middle")
    wires = [
        Wire("bus", [(xj, y), (xlin - half, y)], None, PLAIN),
        Wire("h_prev", [(0, y), (xj, y)], hv if hs == VECTOR else entry(h_prev, k), hs, "h_{t-1}", *h_label),
        Wire("x", [(xj, bottom), (xj, y)], xv, xs, "x_{t}", (xj + 12, 200), "start"),
        Wire("pre_h", [(xlin + half, y), (xact - BOX[0] / 2, y)], pre, SIGNED, "pre_h", (545, y - 44), part="h"),
        Wire("h", [(xact + BOX[0] / 2, y), (width - 6, y)], h, SIGNED, "h_{t}", (715, y - 44), part="h",
             arrow=True),
    ]
    shapes = [Shape("box", xlin, y, RNN_LINEAR, "h"), Shape("box", xact, y, nonlinearity, "h")]
    return svg(width, bottom, wires, shapes, selected, title)


# ------------------------------------------------------------------------------------------ equations
# LaTeX of each part's equation in the symbols of lstm_core/textbook.py, with one unit's numbers put in:
# {part: [symbolic line, numbers substituted, result]}. Settings (weights, x, previous states) are shown
# with two decimals, computed values with three.

def tex(v, digits=3):
    return f"{float(v):.{digits}f}"


def tex_term(v, digits=2):
    """A number as a term of a sum or a factor: negatives in parentheses."""
    s = tex(v, digits)
    return f"({s})" if s.startswith("-") else s


def tex_dot(row, vec):
    """W x for one row of W: 'w \\cdot x', or a parenthesised sum of such products."""
    terms = [f"{tex_term(w, 2)} \\cdot {tex_term(v, 2)}" for w, v in zip(np.ravel(row), np.ravel(vec), strict=True)]
    return terms[0] if len(terms) == 1 else "(" + " + ".join(terms) + ")"


def gate_rows(params, blocks, gate, k):
    """Row k of W_i<gate>, W_h<gate> and entry k of b_i<gate>, b_h<gate> (PyTorch's stacked blocks)."""
    q = blocks.index(gate)
    H = params["weight_hh"].shape[1]
    row = q * H + k
    return (params["weight_ih"][row], params["weight_hh"][row], params["bias_ih"][row], params["bias_hh"][row])


def gate_equation(params, blocks, gate, act, x, h_prev, pre, value, k, subscript=None):
    s = subscript or gate
    w_i, w_h, b_i, b_h = gate_rows(params, blocks, gate, k)
    f = {"sigma": "\\sigma", "tanh": "\\tanh", "relu": "\\operatorname{relu}"}[act]
    return [f"{gate}_t = {f}(W_{{i{s}}} x_t + b_{{i{s}}} + W_{{h{s}}} h_{{t-1}} + b_{{h{s}}})",
            f"= {f}({tex_dot(w_i, x)} + {tex_term(b_i)} + {tex_dot(w_h, h_prev)} + {tex_term(b_h)})",
            f"= {f}({tex(pre)}) = {tex(value)}"]


LSTM_BLOCKS, GRU_BLOCKS = ("i", "f", "g", "o"), ("r", "z", "n")


def lstm_equations(params, x, h_prev, c_prev, step, unit=0):
    k = unit
    e = {name: entry(step[name], k) for name in step}
    c0 = entry(c_prev, k)
    eq = {gate: gate_equation(params, LSTM_BLOCKS, gate, "tanh" if gate == "g" else "sigma", x, h_prev,
                              e[f"pre_{gate}"], e[gate], k) for gate in ("f", "i", "g", "o")}
    eq["c"] = ["c_t = f_t \\odot c_{t-1} + i_t \\odot g_t",
               f"= {tex(e['f'])} \\cdot {tex_term(c0)} + {tex(e['i'])} \\cdot {tex_term(e['g'], 3)}",
               f"= {tex(e['c'])}"]
    eq["h"] = ["h_t = o_t \\odot \\tanh(c_t)",
               f"= {tex(e['o'])} \\cdot \\tanh({tex(e['c'])})",
               f"= {tex(e['o'])} \\cdot {tex_term(np.tanh(e['c']), 3)} = {tex(e['h'])}"]
    return eq


def gru_equations(params, x, h_prev, step, unit=0):
    k = unit
    e = {name: entry(step[name], k) for name in step}
    h0 = entry(h_prev, k)
    eq = {gate: gate_equation(params, GRU_BLOCKS, gate, "sigma", x, h_prev, e[f"pre_{gate}"], e[gate], k)
          for gate in ("r", "z")}
    w_in, w_hn, b_in, b_hn = gate_rows(params, GRU_BLOCKS, "n", k)
    eq["n"] = ["n_t = \\tanh(W_{in} x_t + b_{in} + r_t \\odot (W_{hn} h_{t-1} + b_{hn}))",
               f"= \\tanh({tex_dot(w_in, x)} + {tex_term(b_in)} + {tex(e['r'])} \\cdot ({tex_dot(w_hn, h_prev)} + "
               f"{tex_term(b_hn)}))",
               f"= \\tanh({tex(e['pre_n'])}) = {tex(e['n'])}"]
    eq["h"] = ["h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}",
               f"= (1 - {tex(e['z'])}) \\cdot {tex_term(e['n'], 3)} + {tex(e['z'])} \\cdot {tex_term(h0)}",
               f"= {tex(e['h'])}"]
    return eq


def rnn_equations(params, x, h_prev, step, unit=0, nonlinearity="tanh"):
    k = unit
    return {"h": gate_equation(params, ("h",), "h", nonlinearity, x, h_prev, entry(step["pre_h"], k),
                               entry(step["h"], k), k)}


def aligned(lines):
    """One part's lines as a LaTeX aligned block, aligned on the first '='."""
    first, *rest = lines
    head, tail = first.split(" = ", 1)
    body = [f"{head} &= {tail}"] + [f"&{line}" for line in rest]
    return "\\begin{aligned}" + " \\\\ ".join(body) + "\\end{aligned}"


PARTS = {"lstm": ("f", "i", "g", "o", "c", "h"), "gru": ("r", "z", "n", "h"), "rnn": ("h",)}
ACTIVATED = {"lstm": ("f", "i", "g", "o"), "gru": ("r", "z", "n"), "rnn": ("h",)}   # part = act(pre-activation)


def summary(equations, kind):
    """Every part of a `kind` cell in one aligned block, one line each: an activation as
    symbol = act(pre-activation) = value, any other part as its equation in symbols = value (the part's own
    block has the numbers)."""
    rows = []
    for p in PARTS[kind]:
        lines = equations[p]
        head, rhs = lines[0].split(" = ", 1)
        value = lines[-1].rsplit("= ", 1)[1]
        rows.append(f"{head} &" + (lines[-1] if p in ACTIVATED[kind] else f"= {rhs} = {value}"))
    return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"
