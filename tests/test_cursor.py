"""The Cursor is the one writer of what the view shows, the Reading the one run the view and the why-tools read."""
import ast
from pathlib import Path

import numpy as np

from app_pages.cursor import KEYS
from lstm_core.bundled import load_bundled
from lstm_core.network import RecurrentNet
from tests.stepping import step_to
from tests.test_app_pages import open_page

ROOT = Path(__file__).resolve().parent.parent


def writers(path):
    """(line, key) of every `...session_state[key] = ...` / `session_state.key = ...` and every widget made with
    key=<a cursor key> in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Subscript) and "session_state" in ast.unparse(sub.value) \
                        and isinstance(sub.slice, ast.Constant) and sub.slice.value in KEYS:
                    found.append((node.lineno, sub.slice.value))
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "key" and isinstance(kw.value, ast.Constant) and kw.value.value in KEYS:
                    found.append((node.lineno, kw.value.value))
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("setdefault", "pop", "update") \
                    and "session_state" in ast.unparse(node.func.value) and node.args \
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value in KEYS:
                found.append((node.lineno, node.args[0].value))
    return found


def link_of(at):
    """The page's query parameters as the browser's address holds them."""
    return {k: (v if isinstance(v, str) else v[0]) for k, v in ((k, at.query_params[k]) for k in at.query_params)}


def go(at, page):
    """Switch page as the browser does: the address loses the old page's query parameters."""
    at.switch_page(f"app_pages/{page}.py")
    for key in list(at.query_params):
        del at.query_params[key]
    return at.run()


def test_no_module_but_the_cursor_writes_the_views_values():
    offenders = {str(p.relative_to(ROOT)): writers(p) for p in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"),
                                                                 *(ROOT / "lessons").glob("*.py")]
                 if p.name != "cursor.py"}
    assert {p: w for p, w in offenders.items() if w} == {}
    assert writers(ROOT / "app_pages" / "cursor.py")            # the check finds the writes where they are


def test_the_check_would_find_a_page_writing_the_step(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.session_state["step"] = 3\nst.selectbox("u", [1], key="unit")\n'
                    'st.session_state.setdefault("shade_by", "c")\n')
    assert writers(page) == [(2, "step"), (3, "unit"), (4, "shade_by")]


def test_a_link_carries_every_choice_of_the_view_and_reopens_it():
    at = open_page("sentence", model="char_shakespeare_2layer")
    assert at.selectbox(key="layer").value == 1                 # the layer of the card's named units
    at.selectbox(key="layer").set_value(0).run()
    at.selectbox(key="unit").set_value(7).run()
    at.segmented_control(key="gates_shown").set_value("c").run()
    step_to(at, 9)
    link = link_of(at)
    assert (link["layer"], link["unit"], link["gates"], link["step"]) == ("0", "7", "c", "9")
    again = open_page(None, **link)
    again.switch_page("app_pages/sentence.py").run()
    assert (again.selectbox(key="layer").value, again.selectbox(key="unit").value,
            again.segmented_control(key="gates_shown").value, again.session_state["step"]) == (0, 7, "c", 9)


def test_defaults_stay_out_of_the_link_and_the_step_and_unit_are_always_in_it():
    at = open_page("sentence")
    link = link_of(at)
    assert "step" in link and "unit" in link
    assert not {"layer", "dir", "gates", "shade"} & set(link)


def test_a_model_switch_then_a_page_round_trip_keeps_each_pages_own_view():
    at = open_page("sentence")
    at.selectbox(key="unit").set_value(5).run()
    step_to(at, 4)
    at.selectbox(key="sentence_model").set_value("char_shakespeare_2layer").run()
    fresh_unit = at.selectbox(key="unit").value                 # the new model's first unit, not 5
    at.selectbox(key="unit").set_value(11).run()
    go(at, "series")
    series_unit = at.selectbox(key="unit").value
    at.selectbox(key="unit").set_value((series_unit + 3) % 16).run()
    go(at, "sentence")
    assert not at.exception
    assert at.selectbox(key="unit").value == 11 and fresh_unit != 11
    assert at.selectbox(key="sentence_model").value == "char_shakespeare_2layer"
    go(at, "series")
    assert at.selectbox(key="unit").value == (series_unit + 3) % 16


def test_a_step_past_the_end_of_a_shorter_text_is_clamped_and_published():
    at = open_page("sentence")
    step_to(at, 30)
    at.text_area(key="text").set_value("short").run()
    assert at.session_state["step"] == 4 and link_of(at)["step"] == "4"


def test_a_bad_link_value_falls_back_to_the_default_for_every_cursor_key():
    at = open_page("sentence", unit="banana", layer="9", dir="x", gates="nope", shade="q", step="-5")
    assert not at.exception
    assert at.session_state["step"] == 0 and at.segmented_control(key="gates_shown").value == "f"
    assert at.session_state["shade_by"] in ("c", "h")


def test_the_why_tools_read_the_pages_trace_and_never_run_the_network_again(monkeypatch):
    runs = []
    original = RecurrentNet.run

    def counted(self, *args, **kwargs):
        runs.append(kwargs.get("record", True))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RecurrentNet, "run", counted)
    at = open_page("sentence", text="a fresh text no cache has seen")
    before = len(runs)
    assert before >= 1
    for view in ("ledger", "connectivity", "finder", "saturation"):
        at.segmented_control(key="why_view").set_value(view).run()
        assert not at.exception
        step_to(at, 6)
    assert len(runs) == before, "a why-tool ran the network again"


def test_the_downloads_hold_every_recorded_value_of_the_trace():
    from app_pages.reading import read_text
    from lstm_core.bundled import load_bundled
    model = load_bundled("char_shakespeare")
    reading = read_text(model, "char_shakespeare", "To be", "To be")
    records = reading.download_records()
    assert set(records[(0, 0)]) == {"i", "f", "g", "o", "c", "tanh_c", "h"}
    assert np.array_equal(records[(0, 0)]["c"], reading.trace.gates(0, 0)["c"])
    assert reading.download_steps() == list("To be")


def test_a_link_reopens_the_shading_and_a_model_switch_then_starts_it_afresh():
    at = open_page("sentence", shade="h")
    assert at.session_state["shade_by"] == "h" and link_of(at)["shade"] == "h"
    at.selectbox(key="sentence_model").set_value("char_python").run()
    first = load_bundled("char_python").card.units[0].state             # the new model's first named unit's
    assert at.session_state["shade_by"] == first and not at.exception
