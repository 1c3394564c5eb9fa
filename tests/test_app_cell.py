"""/cell: the data-flow diagram and equations as pure functions (every wire carries the step's value, every
text is escaped), the figure of the mini sequence, and the page run headless (AppTest): it runs in both
languages, each preset does what its sentence says, and the numbers shown are textbook.*_step's."""
import base64
import inspect
import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from plotly.colors import sample_colorscale

from app_pages.strings import EN, ZH
from lstm_core import textbook
from tests.test_app_pages import open_page
from viz import cell_diagram, figures

SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------------------------ the pure parts

def random_params(kind, D, H, seed):
    rng = np.random.default_rng(seed)
    G = {"lstm": 4, "gru": 3, "rnn": 1}[kind]
    return {"weight_ih": rng.uniform(-2, 2, (G * H, D)), "weight_hh": rng.uniform(-2, 2, (G * H, H)),
            "bias_ih": rng.uniform(-1, 1, G * H), "bias_hh": rng.uniform(-1, 1, G * H)}


def random_case(kind, D=2, H=3, seed=0, nonlinearity="tanh"):
    params = random_params(kind, D, H, seed)
    rng = np.random.default_rng(seed + 1)
    x, h, c = rng.uniform(-1, 1, D), rng.uniform(-1, 1, H), rng.uniform(-1.5, 1.5, H)
    if kind == "lstm":
        step = textbook.lstm_step(params, x, h, c)
    elif kind == "gru":
        step = textbook.gru_step(params, x, h)
    else:
        step = textbook.rnn_step(params, x, h, nonlinearity)
    return params, x, h, c, step


def draw(kind, x, h, c, step, unit, selected=None, title="cell", nonlinearity="tanh"):
    if kind == "lstm":
        return cell_diagram.lstm_diagram(step, x, h, c, unit, selected, title)
    if kind == "gru":
        return cell_diagram.gru_diagram(step, x, h, unit, selected, title)
    return cell_diagram.rnn_diagram(step, x, h, unit, selected, nonlinearity, title)


def wires(svg):
    """{data-name: [values]} of every wire that carries a value (a wire may be drawn in several pieces)."""
    root = ET.fromstring(svg)                      # also proves the SVG is well-formed (everything escaped)
    found = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "lx-wire" and g.get("data-value") is not None:
            found.setdefault(g.get("data-name"), []).append([float(v) for v in g.get("data-value").split()])
    return found


def expected_wires(kind, x, h, c, step, k):
    s = {name: np.asarray(a)[k] for name, a in step.items()}
    vec = {"x": list(x) if len(x) > 1 else [x[0]], "h_prev": list(h) if len(h) > 1 else [h[0]]}
    if kind == "lstm":
        return {**vec, "c_prev": [c[k]], "f": [s["f"]], "i": [s["i"]], "g": [s["g"]], "o": [s["o"]],
                "fc": [s["f"] * c[k]], "ig": [s["i"] * s["g"]], "c": [s["c"]], "tanh_c": [np.tanh(s["c"])],
                "h": [s["h"]]}
    if kind == "gru":
        return {**vec, "r": [s["r"]], "z": [s["z"]], "hn": [s["hn"]], "rhn": [s["r"] * s["hn"]], "n": [s["n"]],
                "one_minus_z": [1 - s["z"]], "zh": [s["z"] * h[k]], "zn": [(1 - s["z"]) * s["n"]], "h": [s["h"]]}
    return {**vec, "pre_h": [s["pre_h"]], "h": [s["h"]]}


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
@pytest.mark.parametrize("D,H,unit", [(1, 1, 0), (2, 3, 2)], ids=["one-unit", "three-units-unit2"])
def test_every_wire_of_the_diagram_carries_the_value_of_the_step(kind, D, H, unit):
    _, x, h, c, step = random_case(kind, D, H, seed=3)
    drawn = wires(draw(kind, x, h, c, step, unit))
    expected = expected_wires(kind, x, h, c, step, unit)
    assert set(drawn) == set(expected)
    for name, value in expected.items():
        for piece in drawn[name]:
            np.testing.assert_allclose(piece, value, rtol=0, atol=1e-15, err_msg=name)


def labels(svg):
    """{data-name: visible text} of the value tags."""
    root = ET.fromstring(svg)
    return {g.get("data-name"): "".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "lx-label"}


def test_the_tags_show_the_values_to_three_decimals_with_a_true_minus():
    _, x, h, c, step = random_case("lstm", 1, 1, seed=5)
    shown = labels(draw("lstm", x, h, c, step, 0))
    assert shown["f"] == f"f = {step['f'][0]:.3f}"
    assert shown["c_prev"] == f"ct−1 = {c[0]:.3f}".replace("-", "−")           # subscript t−1, U+2212 minus
    assert shown["tanh_c"] == f"tanh(ct) = {np.tanh(step['c'][0]):.3f}".replace("-", "−")


def test_a_wire_carrying_a_vector_lists_every_entry():
    _, x, h, c, step = random_case("lstm", 2, 3, seed=5)
    shown = labels(draw("lstm", x, h, c, step, 1))
    assert shown["h_prev"] == "ht−1 = (" + ", ".join(f"{v:.3f}" for v in h).replace("-", "−") + ")"


def stroke_of(svg, name):
    """The colour of a wire's coloured stroke (its second path; the first is its grey edge)."""
    g = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("data-name") == name and g.get("data-value"))
    return g.findall(f"{SVG}path")[-1].get("stroke")


def test_wires_are_coloured_with_the_apps_scales():
    _, x, h, c, step = random_case("lstm", 1, 2, seed=8)
    svg = draw("lstm", x, h, c, step, 0)
    assert stroke_of(svg, "f") == sample_colorscale(figures.GATE_SCALE, [step["f"][0]])[0]
    g = np.clip(step["g"][0], -1, 1)
    assert stroke_of(svg, "g") == sample_colorscale(figures.SIGNED_SCALE, [(g + 1) / 2])[0]
    assert stroke_of(svg, "h_prev") == cell_diagram.GREY                 # two units: a vector


def test_a_gate_of_zero_is_purple_and_of_one_yellow():
    assert cell_diagram.colour(0.0, cell_diagram.GATE) == "rgb(68, 1, 84)"
    assert cell_diagram.colour(1.0, cell_diagram.GATE) == "rgb(253, 231, 37)"
    assert cell_diagram.colour(5.0, cell_diagram.SIGNED) == cell_diagram.colour(1.0, cell_diagram.SIGNED)


@pytest.mark.parametrize("kind,part", [("lstm", "f"), ("lstm", "c"), ("gru", "n"), ("rnn", "h")])
def test_the_selected_part_and_only_it_gets_a_halo(kind, part):
    _, x, h, c, step = random_case(kind, 1, 1, seed=1)
    root = ET.fromstring(draw(kind, x, h, c, step, 0, selected=part))
    haloed = {g.get("data-part") for g in root.iter(f"{SVG}g")
              if any(p.get("stroke-opacity") for p in g.findall(f"{SVG}path"))}
    assert haloed == {part}
    outlined = {g.get("data-part") for g in root.iter(f"{SVG}g") if g.get("class") in ("lx-box", "lx-node", "lx-oval")
                and any(e.get("stroke") == figures.CURSOR["color"] for e in g)}
    assert outlined == {part}


def test_text_given_to_the_diagram_is_escaped():
    _, x, h, c, step = random_case("lstm", 1, 1, seed=1)
    hostile = '<script>alert(1)</script> & "quotes"'
    svg = draw("lstm", x, h, c, step, 0, title=hostile)
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == hostile and root.find(f"{SVG}title").text == hostile


def test_the_diagram_has_no_script_and_no_event_handlers():
    for kind in ("lstm", "gru", "rnn"):
        _, x, h, c, step = random_case(kind, 2, 2, seed=2)
        svg = draw(kind, x, h, c, step, 1)
        assert "<script" not in svg and not re.search(r"\son\w+=", svg)


def final_number(tex):
    return float(re.findall(r"= (-?\d+\.\d+)\s*(?:\\end\{aligned\})?$", tex)[0])


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_each_equation_ends_in_the_value_the_step_computed(kind):
    params, x, h, c, step = random_case(kind, 2, 3, seed=4)
    k = 1
    if kind == "lstm":
        eq = cell_diagram.lstm_equations(params, x, h, c, step, k)
    elif kind == "gru":
        eq = cell_diagram.gru_equations(params, x, h, step, k)
    else:
        eq = cell_diagram.rnn_equations(params, x, h, step, k)
    assert set(eq) == set(cell_diagram.PARTS[kind])
    for part, lines in eq.items():
        assert final_number(lines[-1]) == pytest.approx(step[part][k], abs=5e-4), part
        assert final_number(cell_diagram.aligned(lines)) == pytest.approx(step[part][k], abs=5e-4)
    rows = cell_diagram.summary(eq, kind).split("\\\\")
    assert len(rows) == len(eq)


def test_the_gate_equation_substitutes_row_k_of_each_weight_and_both_biases():
    params = {"weight_ih": np.array([[0.5, -0.25]] * 4), "weight_hh": np.array([[1.0], [2.0], [3.0], [4.0]]),
              "bias_ih": np.array([0.1, 0.2, 0.3, 0.4]), "bias_hh": np.array([0.0, -0.5, 0.0, 0.0])}
    x, h, c = np.array([1.0, 2.0]), np.array([0.5]), np.array([0.0])
    step = textbook.lstm_step(params, x, h, c)
    lines = cell_diagram.lstm_equations(params, x, h, c, step)["f"]
    assert lines[0] == "f_t = \\sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})"
    assert lines[1] == ("= \\sigma((0.50 \\cdot 1.00 + (-0.25) \\cdot 2.00) + 0.20 + 2.00 \\cdot 0.50 + (-0.50))")
    assert lines[2] == f"= \\sigma(0.700) = {step['f'][0]:.3f}"


def test_the_sequence_figure_draws_the_input_the_states_and_the_gates():
    x = np.sin(np.arange(30) / 3)
    states, gates = {"c": np.cos(x), "h": np.tanh(x)}, {"f": np.full(30, 0.9), "i": np.full(30, 0.1)}
    labels = {"x": "x", "c": "c", "h": "h", "f": "f", "i": "i", "states": "s", "gates": "g", "step": "t"}
    fig = figures.cell_sequence(x, states, gates, labels)
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"x", "c", "h", "f", "i"}
    np.testing.assert_allclose(by_name["c"].y, states["c"])
    assert by_name["f"].yaxis == "y2" and by_name["c"].yaxis == "y"
    rnn = figures.cell_sequence(x, {"h": np.tanh(x)}, {}, labels)
    assert len(rnn.data) == 2 and "yaxis2" not in rnn.to_dict()["layout"]


# ------------------------------------------------------------------------------------------- the page

def open_cell(lang=None, **query):
    return open_page("cell", lang, **query)


def shown_svg(at):
    svgs = [m.value for m in at.markdown if "lx-cell-diagram" in m.value]
    assert len(svgs) == 1
    return svgs[0]


def shown_values(at):
    """{wire: value} as the page draws them (the first entry of each wire)."""
    return {name: pieces[0][0] for name, pieces in wires(shown_svg(at)).items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_the_page_runs_in_both_languages_with_a_diagram_equations_code_and_a_sequence(lang, kind):
    at = open_cell(lang, kind=kind)
    table = {"en": EN, "zh": ZH}[lang]
    assert at.title[0].value == table["cell_page_title"]
    assert shown_svg(at)
    assert len(at.latex) == 2                                    # the part's equation, every equation
    assert at.code[0].value.strip() == inspect.getsource({"lstm": textbook.lstm_step, "gru": textbook.gru_step,
                                                          "rnn": textbook.rnn_step}[kind]).strip()
    assert len(at.get("plotly_chart")) == 1
    assert at.query_params["kind"] == [kind] or at.query_params["kind"] == kind


def test_the_gru_view_says_which_convention_it_uses():
    at = open_cell(kind="gru")
    notes = " ".join(i.value for i in at.info)
    assert "z = 1$ keeps the old state" in notes and "Olah" in notes


def slider_value(at, key):
    return float(at.slider(key=key).value)


def lstm_params_from_sliders(at, D=1, H=1):
    """The PyTorch weights the sliders describe, rebuilt here from the slider keys (b_h* = 0)."""
    rows_ih, rows_hh, bias = [], [], []
    for q in "ifgo":
        for k in range(H):
            rows_ih.append([slider_value(at, f"cell_lstm_Wi{q}_{k}_{j}") for j in range(D)])
            rows_hh.append([slider_value(at, f"cell_lstm_Wh{q}_{k}_{m}") for m in range(H)])
            bias.append(slider_value(at, f"cell_lstm_bi{q}_{k}"))
    return {"weight_ih": np.array(rows_ih), "weight_hh": np.array(rows_hh), "bias_ih": np.array(bias),
            "bias_hh": np.zeros(4 * H)}


def test_the_numbers_shown_are_textbook_lstm_steps_on_the_sliders_values():
    at = open_cell()
    rng = np.random.default_rng(0)
    for key in [s.key for s in at.slider if s.key.startswith("cell_lstm_")]:
        at.slider(key=key).set_value(float(np.round(rng.uniform(-3, 3), 1)))
    at.slider(key="cell_x_0").set_value(0.35)
    at.slider(key="cell_h_0").set_value(-0.4)
    at.slider(key="cell_c_0").set_value(1.25).run()
    x, h, c = np.array([0.35]), np.array([-0.4]), np.array([1.25])
    step = textbook.lstm_step(lstm_params_from_sliders(at), x, h, c)
    shown = shown_values(at)
    for name in ("i", "f", "g", "o", "c", "h"):
        assert shown[name] == pytest.approx(step[name][0], abs=1e-12), name
    assert (shown["x"], shown["h_prev"], shown["c_prev"]) == (0.35, -0.4, 1.25)
    part_tex, every_tex = (e.value for e in at.latex)
    assert final_number(part_tex.strip("$\n")) == pytest.approx(step["c"][0], abs=5e-4)       # c is shown first
    every = dict(re.findall(r"(\w)_t &.*?= (-?\d+\.\d+)(?= \\\\|\\end)", every_tex))
    assert {k: float(v) for k, v in every.items()} == pytest.approx({k: step[k][0] for k in "figoch"}, abs=5e-4)


def test_a_cell_of_two_units_and_two_inputs_uses_every_units_own_sliders():
    at = open_cell()
    at.radio(key="cell_units").set_value(2).run()
    at.radio(key="cell_inputs").set_value(2).run()
    rng = np.random.default_rng(1)
    values = {}
    for unit in (0, 1):
        at.radio(key="cell_unit").set_value(unit).run()
        for s in at.slider:
            if s.key.startswith("cell_") and s.key != "cell_seq_length":
                values[s.key] = float(np.round(rng.uniform(-1, 1), 1))
                at.slider(key=s.key).set_value(values[s.key])
        at.run()
    at.radio(key="cell_unit").set_value(1).run()
    assert not at.exception
    v = values.get
    rows = [(q, k) for q in "ifgo" for k in (0, 1)]                     # PyTorch's order: gate blocks of units
    params = {"weight_ih": np.array([[v(f"cell_lstm_Wi{q}_{k}_{j}") for j in (0, 1)] for q, k in rows]),
              "weight_hh": np.array([[v(f"cell_lstm_Wh{q}_{k}_{m}") for m in (0, 1)] for q, k in rows]),
              "bias_ih": np.array([v(f"cell_lstm_bi{q}_{k}") for q, k in rows]),
              "bias_hh": np.zeros(8)}
    x = np.array([v("cell_x_0"), v("cell_x_1")])
    h, c = np.array([v("cell_h_0"), v("cell_h_1")]), np.array([v("cell_c_0"), v("cell_c_1")])
    step = textbook.lstm_step(params, x, h, c)
    drawn = wires(shown_svg(at))
    assert drawn["h_prev"][0] == pytest.approx(list(h)) and drawn["x"][0] == pytest.approx(list(x))
    for name in ("i", "f", "g", "o", "c", "h"):
        assert drawn[name][0][0] == pytest.approx(step[name][1], abs=1e-12), name       # unit 1 is shown


LSTM_CLAIMS = {
    "remember": lambda s: s["f"] > 0.99 and s["i"] < 0.01 and abs(s["c"] - s["c_prev"]) < 0.01,
    "overwrite": lambda s: s["f"] < 0.01 and s["i"] > 0.99 and abs(s["c"] - s["g"]) < 0.01
    and abs(s["c_prev"] - s["c"]) > 1,
    "read": lambda s: s["o"] > 0.99 and abs(s["h"] - np.tanh(s["c"])) < 0.01 and abs(s["h"]) > 0.5,
    "forget": lambda s: s["f"] < 0.01 and s["i"] < 0.01 and abs(s["c"]) < 0.01 and abs(s["c_prev"]) > 0.5,
}


@pytest.mark.parametrize("preset", list(LSTM_CLAIMS))
def test_each_lstm_preset_sets_what_its_sentence_claims(preset):
    at = open_cell()
    at.button(key=f"cell_preset_lstm_{preset}").click().run()
    assert not at.exception
    assert at.info[0].value == EN[f"cell_says_lstm_{preset}"]
    assert LSTM_CLAIMS[preset](shown_values(at)), shown_values(at)


def sequence(at, name):
    """The values of one line of the mini-sequence figure, as the page drew it."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    trace = next(t for t in spec["data"] if t["name"].startswith(f"{name} ·"))
    y = trace["y"]
    if isinstance(y, dict):                                  # plotly's typed-array encoding
        y = np.frombuffer(base64.b64decode(y["bdata"]), y["dtype"]).reshape(y.get("shape", -1))
    return np.asarray(y, float)


def test_the_read_out_preset_shows_the_memory_only_at_the_pulse():
    at = open_cell()
    at.button(key="cell_preset_lstm_read").click().run()
    assert at.radio(key="cell_seq_shape").value == "pulse"
    c, h = sequence(at, "c"), sequence(at, "h")
    assert np.all(np.abs(c - 0.8) < 0.1)                                  # the memory is kept throughout
    assert h[3] > 0.6 and np.max(np.abs(np.delete(h, 3))) < 0.01         # and shown only when x = 1


def test_the_remember_preset_holds_the_memory_over_the_whole_sequence():
    at = open_cell()
    at.button(key="cell_preset_lstm_remember").click().run()
    c = sequence(at, "c")
    assert np.all(np.abs(c - 0.8) < 0.1) and sequence(at, "f").min() > 0.99


GRU_CLAIMS = {
    "keep": lambda s: s["z"] > 0.99 and abs(s["h"] - s["h_prev"]) < 0.01,
    "overwrite": lambda s: s["z"] < 0.01 and abs(s["h"] - s["n"]) < 0.01 and abs(s["h"] - s["h_prev"]) > 0.5,
    "reset": lambda s: s["r"] < 0.01 and abs(s["rhn"]) < 0.01 and abs(s["n"] - np.tanh(2.0)) < 0.01,
}


@pytest.mark.parametrize("preset", list(GRU_CLAIMS))
def test_each_gru_preset_sets_what_its_sentence_claims(preset):
    at = open_cell(kind="gru")
    at.button(key=f"cell_preset_gru_{preset}").click().run()
    assert at.info[0].value == EN[f"cell_says_gru_{preset}"]
    assert GRU_CLAIMS[preset](shown_values(at)), shown_values(at)


def test_the_rnn_presets_make_a_pulse_echo_fade_or_explode():
    at = open_cell(kind="rnn")
    runs = {}
    for preset in ("echo", "fade", "explode"):
        at.button(key=f"cell_preset_rnn_{preset}").click().run()
        assert at.info[0].value == EN[f"cell_says_rnn_{preset}"]
        runs[preset] = sequence(at, "h")
    assert runs["echo"][3 + 10] > 0.25 * runs["echo"][3]                 # still there ten steps later
    assert runs["fade"][3 + 4] < 0.01                                   # gone after four
    assert runs["explode"][-1] > 100 * runs["explode"][3]
    assert at.radio(key="cell_nonlinearity").value == "relu"


def test_moving_a_slider_after_a_preset_takes_the_presets_sentence_away():
    at = open_cell()
    at.button(key="cell_preset_lstm_remember").click().run()
    assert len(at.info) == 1
    at.slider(key="cell_lstm_bif_0").set_value(0.0).run()
    assert len(at.info) == 0
    assert shown_values(at)["f"] == 0.5


def test_settings_survive_hiding_their_sliders_and_leaving_the_page():
    at = open_cell()
    at.slider(key="cell_lstm_bif_0").set_value(-1.5).run()
    at.radio(key="cell_kind").set_value("gru").run()
    at.radio(key="cell_kind").set_value("lstm").run()
    assert slider_value(at, "cell_lstm_bif_0") == -1.5
    at.switch_page("app_pages/home.py").run()
    at.switch_page("app_pages/cell.py").run()
    assert slider_value(at, "cell_lstm_bif_0") == -1.5
    assert shown_values(at)["f"] == pytest.approx(1 / (1 + np.exp(1.5)))


def test_choosing_a_part_shows_its_equation_and_highlights_it():
    at = open_cell()
    at.radio(key="cell_part_lstm").set_value("f").run()
    assert at.latex[0].value.strip("$\n").startswith("\\begin{aligned}f_t &= \\sigma(W_{if} x_t")
    root = ET.fromstring(shown_svg(at))
    haloed = {g.get("data-name") for g in root.iter(f"{SVG}g") if any(p.get("stroke-opacity") for p in g)}
    assert haloed == {"f"}


def test_the_glossary_uses_the_terms_of_d2l_ai():
    at = open_cell("zh")
    table = next(m.value for m in at.markdown if "| 中文 |" in m.value)
    d2l = {"f": "遗忘门", "i": "输入门", "o": "输出门", "g": "候选记忆元", "c": "记忆元", "h": "隐状态"}
    for symbol, term in d2l.items():
        assert f"| {symbol} |" in table and term in table
