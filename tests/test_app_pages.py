"""Every page and widget path runs headless (Streamlit's AppTest) without an exception."""
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.strings import EN, ZH
from lstm_core import analysis
from lstm_core.bundled import load_bundled
from tests.stepping import frames, panel_html, sent, step_to, stepper

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page=None, lang=None, timeout=60, **query):
    """The app headless, opened with these query parameters and switched to app_pages/<page>.py."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang:
        at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def texts(at):
    return " ".join(str(e.value) for kind in ("markdown", "caption", "info", "warning", "error", "title",
                                              "subheader") for e in getattr(at, kind))


def test_the_overview_explains_and_shows_a_live_heatmap():
    at = open_page()
    assert at.title[0].value == EN["home_title"]
    assert len(at.get("plotly_chart")) == 1


def test_the_sentence_page_runs_the_default_sentence_with_heatmaps_and_panels():
    at = open_page("sentence")
    assert at.text_area(key="text").value
    assert len(at.get("plotly_chart")) == 1          # the heatmaps; the panels are light HTML
    assert "A real erase" in texts(at)
    panels = html_bodies(at)
    assert "What it expects next" in panels and "at step 0" in panels and "the one-hot vector of" in panels
    assert frames(at)["cursor"]["box"] == "heatmaps_box"              # the step cursor goes over the heatmaps


def html_bodies(at):
    """Every st.html body on the page, the event block's style-only ones included, and the panel the browser
    draws at the current step from the stepper's frames (tests/stepping.py)."""
    found, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if type(node).__name__ == "Html":
            found.append(node.proto.body)
        stack.extend(getattr(node, "children", {}).values())
    if stepper(at) is not None:
        found.append(panel_html(at))
    return "\n".join(found)


def test_moving_the_step_moves_the_cursor_and_the_panel_but_not_the_figure():
    at = open_page("sentence")
    figure = at.get("plotly_chart")[0].proto.spec
    step_to(at, 5)
    assert at.get("plotly_chart")[0].proto.spec == figure          # same figure: the browser keeps it
    bodies = html_bodies(at)
    assert "at step 5" in bodies
    spec = json.loads(figure)
    lo, hi = spec["layout"]["xaxis"]["range"]
    assert lo < -0.5                                                    # unit handles left of step 0
    cursor = frames(at)["cursor"]                   # the browser places the cursor in the plot area from these
    assert cursor["range"] == [lo, hi] and cursor["margin"] == {k: spec["layout"]["margin"][k] for k in "lrtb"}


HOSTILE_TEXT = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(1)">',
    "markdown link": "[click](javascript:alert(1))",
    "latex": "$\\frac{1}{0}$ and $$x$$",
    "emoji and CJK": "héllo 🙂 你好 مرحبا",
    "control and NUL": "a\x00b\x07c\x1b[31md",
    "only markup chars": "<>&\"'",
}


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_hostile_text_is_shown_literally_and_never_breaks_the_page(name):
    at = open_page("sentence")
    at.text_area(key="text").set_value(HOSTILE_TEXT[name]).run()
    assert not at.exception
    for element in at.get("html"):
        assert "<script" not in element.proto.body and "<img" not in element.proto.body


@pytest.mark.parametrize("text", ["", "   ", "\x00"])
def test_empty_or_blank_text_asks_for_a_sentence(text):
    at = open_page("sentence")
    at.text_area(key="text").set_value(text).run()
    assert not at.exception and at.info[0].value == EN["empty_text"]


def test_a_hundred_thousand_characters_are_cut_and_the_page_says_so():
    at = open_page("sentence")
    at.text_area(key="text").set_value("abc " * 25_000).run()
    assert not at.exception
    assert "100,000" in at.warning[0].value and "2,000" in at.warning[0].value


def test_unknown_characters_are_named():
    at = open_page("sentence")
    at.text_area(key="text").set_value("tea 🍵 is hot").run()
    assert "🍵" in at.warning[0].value


def test_steps_the_browser_sends_move_the_step_without_errors():
    at = open_page("sentence")
    step_to(at, 10)
    assert at.session_state["step"] == 10 and "at step 10" in html_bodies(at)
    step_to(at, 11)
    assert at.session_state["step"] == 11
    step_to(at, 9)
    assert at.session_state["step"] == 9 and not at.exception and at.query_params["step"] in (["9"], "9")


def test_every_unit_control_path_runs():
    at = open_page("sentence")
    at.session_state["rows_open"] = True                 # the popover draws its widgets only while it is open
    at.session_state["downloads_open"] = True
    at.run()
    for how in ("variance", "cluster", "index"):
        at.radio(key="order").set_value(how).run()
    at.slider(key="top_k").set_value(8).run()
    at.radio(key="shade_by").set_value("h").run()
    at.selectbox(key="unit").set_value(58).run()
    at.toggle(key="prepare_downloads").set_value(True).run()
    assert not at.exception
    assert len(at.get("download_button")) == 2


def test_choices_made_in_a_popover_stay_after_it_closes():
    at = open_page("sentence")
    open_popovers(at)
    at.slider(key="top_k").set_value(8).run()
    at.radio(key="shade_by").set_value("h").run()
    at.session_state["rows_open"] = False                  # closed: its widgets are no longer drawn
    at.run()
    at.text_area(key="text").set_value("To be, or not to be").run()
    step_to(at, 3)
    assert "top_k" not in [s.key for s in at.slider]
    rows = [t for t in heatmap_spec(at)["data"] if t["type"] == "heatmap"][0]["y"]
    assert len(rows) == 8 and at.session_state["shade_by"] == "h"
    assert EN["shaded_title"].format(unit=at.selectbox(key="unit").value, state="h") in texts(at)
    open_popovers(at)                                      # opened again, it shows what is in use
    assert at.slider(key="top_k").value == 8 and at.radio(key="shade_by").value == "h"


def test_query_parameters_reopen_the_same_view():
    at = open_page("sentence", text="hello world", step="4", unit="43")
    assert at.text_area(key="text").value == "hello world"
    assert at.session_state["step"] == 4 and at.selectbox(key="unit").value == 43
    assert at.query_params["step"] == ["4"] or at.query_params["step"] == "4"


def test_bad_query_parameters_fall_back_to_defaults():
    at = open_page("sentence", step="banana", unit="-5")
    assert at.session_state["step"] == 0 and not at.exception


def test_switching_to_chinese_translates_the_page():
    at = open_page("sentence")
    at.radio(key="lang").set_value("zh").run()
    assert at.title[0].value == ZH["sentence_title"]
    at = open_page("series", lang="zh")
    assert at.title[0].value == ZH["series_title"]


@pytest.mark.parametrize("name", ["series_airline", "series_sunspots", "series_co2", "series_sine"])
def test_each_bundled_series_shows_forecasts_and_gates(name):
    at = open_page("series")
    at.selectbox(key="model").set_value(name).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2          # series, heatmaps
    step_to(at, 20)
    assert not at.exception
    bodies = html_bodies(at)
    assert "at step 20" in bodies and "scaled as in training" in bodies


def upload(at, data, name="data.csv"):
    at.radio(key="series_source").set_value("upload").run()
    at.file_uploader(key="csv").set_value((name, data, "text/csv")).run() if hasattr(at, "file_uploader") else None
    return at


def uploader_available():
    return hasattr(AppTest.from_file(APP), "file_uploader")


def test_an_uploaded_series_trains_a_forecaster_and_steps_through_it():
    if not uploader_available():
        pytest.skip("this Streamlit's AppTest has no file_uploader")
    at = open_page("series")
    t = np.arange(500)
    data = "t,value\n" + "".join(f"{k},{np.sin(k / 8) + 0.01 * k:.4f}\n" for k in t)
    upload(at, data.encode())
    assert not at.exception
    assert EN["train_prompt"].format(train=400, points=500, held=100) in [i.value for i in at.info]
    at.button(key="train").click().run()
    assert not at.exception
    assert at.slider(key="window_start").value == 0
    at.slider(key="window_start").set_value(50).run()
    assert not at.exception


def test_a_bad_upload_shows_a_clear_error_and_keeps_the_page():
    if not uploader_available():
        pytest.skip("this Streamlit's AppTest has no file_uploader")
    at = open_page("series")
    upload(at, bytes(range(256)) * 10)
    assert at.error[0].value == EN["err_not_csv"] and not at.exception


def test_a_long_uploaded_series_is_summarised_and_windowed():
    at = open_page("series")
    t = np.arange(5000)
    data = "t,value\n" + "".join(f"{k},{np.sin(k / 30):.4f}\n" for k in t)
    upload(at, data.encode())
    assert at.selectbox(key="value_column").value == "value"        # not the time column
    at.button(key="train").click().run()
    assert not at.exception
    assert any("5,000 points drawn as 2,000 buckets" in c.value for c in at.caption)
    at.slider(key="window_start").set_value(3000).run()
    assert not at.exception and "Step 3000 of the whole series" in html_bodies(at)


def test_a_two_layer_model_offers_a_layer_picker():
    at = open_page("sentence")
    assert "layer" not in [box.key for box in at.selectbox]           # one layer: no picker
    at.selectbox(key="sentence_model").set_value("char_shakespeare_2layer").run()
    assert not at.exception
    at.selectbox(key="layer").set_value(1).run()
    assert not at.exception and at.selectbox(key="layer").value == 1
    step_to(at, 7)
    assert not at.exception


def test_switching_model_opens_the_new_models_first_unit_not_the_old_models_unit_number():
    """Was: unit 210, picked on the Shakespeare model, stayed on the Python model, where it tracks nothing."""
    from lstm_core.bundled import load_bundled

    at = open_page("sentence")
    at.selectbox(key="unit").set_value(210).run()
    step_to(at, 5)
    at.selectbox(key="sentence_model").set_value("char_python").run()
    first = load_bundled("char_python").card.units[0]
    assert not at.exception
    assert at.selectbox(key="unit").value == first.unit and at.query_params["unit"] in (
        [str(first.unit)], str(first.unit))
    at.selectbox(key="unit").set_value(7).run()                       # a unit picked on this model stays
    at.text_area(key="text").set_value("def f(x):\n    return x").run()
    assert at.selectbox(key="unit").value == 7


def test_a_link_opens_the_model_it_names_and_ignores_one_the_page_does_not_offer():
    at = open_page("sentence", model="char_shakespeare_2layer", step="3")
    assert at.selectbox(key="sentence_model").value == "char_shakespeare_2layer"
    assert at.session_state["step"] == 3
    at = open_page("sentence", model="series_co2")                     # a forecaster: not on this page
    assert at.selectbox(key="sentence_model").value == "char_shakespeare" and not at.exception


def test_coming_back_to_a_page_restores_its_view_when_the_url_no_longer_names_it():
    at = open_page("sentence")
    at.text_area(key="text").set_value("a cat sat").run()
    at.selectbox(key="sentence_model").set_value("char_shakespeare_2layer").run()
    at.switch_page("app_pages/series.py").run()
    for key in list(at.query_params):                                # as the browser does on a page change
        del at.query_params[key]
    at.switch_page("app_pages/sentence.py").run()
    assert at.text_area(key="text").value == "a cat sat"
    assert at.selectbox(key="sentence_model").value == "char_shakespeare_2layer" and not at.exception


def test_play_and_its_speeds_are_the_browsers_and_start_at_the_linked_step():
    at = open_page("sentence", step="5")
    f = frames(at)
    assert f["speeds"] == [1.2, 0.6, 0.3, 0.1] and f["default_speed"] in f["speeds"]        # 0.1 s a step too
    assert (f["words"]["play"], f["words"]["pause"]) == (EN["play"], EN["pause"])
    assert sent(at)[0]["jump"][0] == 5 and not at.exception


def test_an_upload_with_a_time_column_names_each_step_by_it():
    at = open_page("series")
    data = "month,passengers\n" + "".join(f"{1950 + k // 12}-{k % 12 + 1:02d},{100 + 10 * np.sin(k / 2):.2f}\n"
                                          for k in range(120))
    upload(at, data.encode())
    assert at.selectbox(key="value_column").value == "passengers"
    at.selectbox(key="time_column").set_value("month").run()
    at.button(key="train").click().run()
    step_to(at, 13)
    assert not at.exception and "Value at 1951-02" in html_bodies(at)


def test_a_bad_upload_is_explained_in_chinese_too():
    at = open_page("series", lang="zh")
    upload(at, "温度;值\n".encode("utf-16-le") + bytes(range(256)) * 4)
    assert at.error[0].value == ZH["err_not_csv"] and not at.exception


def test_translated_widgets_keep_working_in_chinese():
    at = open_page("sentence", lang="zh")
    open_popovers(at)
    at.radio(key="order").set_value("variance").run()
    at.selectbox(key="sentence_model").set_value("char_shakespeare_2layer").run()
    at.selectbox(key="layer").set_value(1).run()
    assert not at.exception and at.title[0].value == ZH["sentence_title"]
    assert at.radio(key="order").value == "variance"


def test_one_garbage_collector_thread_serves_the_whole_server():
    import threading
    open_page("sentence")
    open_page("series")
    assert [t.name for t in threading.enumerate()].count("collect-garbage") == 1


def labels_in_browser(at, held=None):
    """The option label a browser shows selected in each radio and selectbox after this run. A browser keeps
    the label it last showed for a widget (its value on the wire is that label) unless the server sends a new
    one (set_value); a widget new to the page starts at its default. held: the labels before this run."""
    shown = {}
    for widget in [*at.radio, *at.selectbox]:
        proto = widget.proto
        if proto.set_value:
            shown[widget.key] = proto.raw_value
        elif held and widget.key in held:
            shown[widget.key] = held[widget.key]
        else:
            shown[widget.key] = proto.options[proto.default] if proto.options else None
    return shown


CHOICES = {"sentence": {"order": "variance", "sentence_model": "char_shakespeare_2layer"},
           "series": {"order": "cluster", "model": "series_co2"},
           "models": {"input_source": "random", "model_order": "variance"}}


def choice(at, key):
    if key not in [w.key for w in [*at.radio, *at.selectbox]]:
        open_popovers(at)
    return (at.radio if key in [r.key for r in at.radio] else at.selectbox)(key=key)


def open_popovers(at):
    """Open the page's popovers, as a reader clicks one: their widgets are drawn only while open (and a popover
    closes when its label changes, as on a language switch)."""
    at.session_state["rows_open"] = True
    at.run()


def click(at, key, value, held):
    """Choose `value` in the widget `key` as a user would -> the labels the browser shows afterwards."""
    choice(at, key).set_value(value).run()
    assert not at.exception, at.exception
    shown = labels_in_browser(at, {**held, key: choice(at, key).options[choice(at, key).index]})
    return shown


@pytest.mark.parametrize("page", CHOICES)
def test_switching_language_keeps_every_choice_selected_and_names_it_in_the_new_language(page):
    at = open_page(page)
    shown = labels_in_browser(at)
    for key, value in CHOICES[page].items():
        shown = click(at, key, value, shown)
    shown = click(at, "lang", "zh", shown)
    if page == "sentence":
        open_popovers(at)
        shown = labels_in_browser(at, shown)
    for widget in [*at.radio, *at.selectbox]:
        assert shown[widget.key] == widget.options[widget.index], (widget.key, shown[widget.key], widget.options)
    for key, value in CHOICES[page].items():
        assert choice(at, key).value == value                          # the choice itself is kept
        assert shown[key] in ZH.values() and shown[key] not in EN.values(), shown[key]
    shown = click(at, "lang", "en", shown)                              # and back again
    if page == "sentence":
        open_popovers(at)
        shown = labels_in_browser(at, shown)
    for key in CHOICES[page]:
        assert shown[key] in EN.values(), shown[key]


def test_the_time_column_picker_names_its_no_column_choice_in_the_new_language_too():
    at = open_page("series")
    data = "a,b\n" + "".join(f"{k},{np.sin(k / 5):.4f}\n" for k in range(60))
    upload(at, data.encode())
    shown = labels_in_browser(at)
    assert shown["time_column"] == EN["none"]
    shown = click(at, "lang", "zh", shown)
    assert shown["time_column"] == ZH["none"] and at.selectbox(key="time_column").value == ""


def series_figure(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_before_training_the_dashed_line_is_the_naive_forecast_and_says_so():
    at = open_page("series")
    upload(at, ("t,value\n" + "".join(f"{k},{np.sin(k / 8):.4f}\n" for k in range(200))).encode())
    names = [trace.get("name") for trace in series_figure(at)["data"]]
    assert EN["naive_forecast"] in names and EN["forecast"] not in names
    assert EN["naive_caption"] in texts(at)


def test_a_bundled_series_marks_the_part_its_model_never_trained_on():
    at = open_page("series")
    layout = series_figure(at)["layout"]
    assert [a["text"] for a in layout["annotations"]] == [EN["held_out"]]
    assert {"x0": 115, "x1": 143}.items() <= layout["shapes"][0].items()   # airline: train_points 115 of 144
    x = series_figure(at)["data"][0]["customdata"]                  # the labels of the points drawn at 0..143
    assert (x[115], x[143]) == ("1958-08", "1960-12")


def test_an_uploaded_date_column_is_the_time_axis_and_the_trained_model_reports_its_held_out_score():
    at = open_page("series")
    dates = [f"{k // 28 + 1:02d}/{k % 28 + 1:02d}/2001" for k in range(200)]
    upload(at, ("value,date\n" + "".join(f"{np.sin(k / 8) + 0.01 * k:.4f},{d}\n"
                                          for k, d in enumerate(dates))).encode())
    assert at.selectbox(key="time_column").value == "date" and at.selectbox(key="value_column").value == "value"
    at.button(key="train").click().run()
    assert not at.exception
    figure = series_figure(at)
    assert figure["data"][0]["customdata"][:2] == ["01/01/2001", "01/02/2001"]
    assert [a["text"] for a in figure["layout"]["annotations"]] == [EN["held_out"]]
    score = [c.value for c in at.caption if "40 points" in c.value]
    assert score and ("lower than the naive forecast" in score[0] or "higher than the naive forecast" in score[0])
    step_to(at, 3)
    assert "Value at 01/04/2001" in html_bodies(at)


def test_a_choice_made_before_the_page_stopped_is_shown_when_the_page_comes_back():
    at = open_page("series")
    shown = click(at, "order", "variance", labels_in_browser(at))
    shown = click(at, "series_source", "upload", shown)                # the page stops before the order radio
    shown = {k: v for k, v in shown.items() if k in [w.key for w in [*at.radio, *at.selectbox]]}  # browser forgets
    shown = click(at, "series_source", "bundled", shown)
    order = at.radio(key="order")
    assert shown["order"] == order.options[order.index]               # what the browser shows is what is used


def shown_in_browser(box):
    """The option a selectbox shows in the browser when it (re)appears: its default, unless the server sends a
    value with it (set_value). A box that was off the page in the previous run starts from this."""
    proto = box.proto
    return proto.raw_value if proto.set_value else proto.options[proto.default]


def test_the_unit_box_shows_the_unit_the_page_uses_after_the_text_was_cleared_and_retyped():
    at = open_page("sentence")
    at.selectbox(key="unit").set_value(58).run()
    at.text_area(key="text").set_value("").run()                      # the page stops: no unit box this run
    at.text_area(key="text").set_value("hello there").run()
    used = at.session_state["unit"]
    assert used == 58 and at.query_params["unit"] in (["58"], "58")
    assert f"unit {used} (c)" in texts(at) and f"Unit {used}" in html_bodies(at)
    assert shown_in_browser(at.selectbox(key="unit")).split(" ")[0] == str(used)   # not 0


def test_the_unit_box_shows_the_unit_the_page_uses_after_the_input_source_changed_on_the_model_page():
    at = open_page("models")
    at.selectbox(key="unit").set_value(58).run()
    at.radio(key="input_source").set_value("csv").run()                # no inputs yet: no unit box this run
    at.radio(key="input_source").set_value("random").run()
    assert at.session_state["unit"] == 58 and "Unit 58 at step" in html_bodies(at)
    assert shown_in_browser(at.selectbox(key="unit")).split(" ")[0] == "58"


def heatmap_spec(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_the_first_view_follows_the_cards_first_named_unit_with_named_units_first_and_twelve_rows():
    at = open_page("sentence")
    from lstm_core.bundled import load_bundled
    card_units = load_bundled("char_shakespeare").card.units
    named = [u.unit for u in card_units]
    assert at.selectbox(key="unit").value == named[0]                    # not an arbitrary unit
    spec = heatmap_spec(at)
    rows = [t for t in spec["data"] if t["type"] == "heatmap"][0]["y"]
    assert len(rows) == 12 and [int(r.split(" ")[1]) for r in rows[:len(named)]] == named
    role = {u.unit: EN[f"role_{u.feature}"] for u in card_units}
    assert spec["layout"]["yaxis"]["ticktext"][2] == f"{named[2]} · {role[named[2]]}"
    assert spec["layout"]["yaxis"]["ticktext"][0].startswith(f"<b>▶ {named[0]} · {role[named[0]]}")  # the chosen row
    assert [t["name"] for t in spec["data"] if t["type"] == "heatmap"] == ["f"]       # one gate first
    assert any(t.get("name") == "mean f" for t in spec["data"])                      # the forget strip


def test_the_gate_picker_shows_one_gate_or_all_without_moving_the_step():
    at = open_page("sentence", step="4")
    picker = [w for w in at.get("button_group") if w.key == "gates_shown"]
    assert picker, "no gate picker"
    picker[0].set_value("all").run()
    names = [t["name"] for t in heatmap_spec(at)["data"] if t["type"] == "heatmap"]
    assert names == ["f", "i", "o", "g", "c", "h"] and at.session_state["step"] == 4 and not at.exception


def test_heatmap_rows_hover_and_the_cell_table_are_in_chinese_on_a_chinese_page():
    at = open_page("sentence", lang="zh")
    spec = json.dumps(heatmap_spec(at), ensure_ascii=False)   # as the browser reads it, whatever the encoder escaped
    first = load_bundled("char_tang").card.units[0].unit          # the Chinese page opens on the poetry model
    assert f"单元 {first}" in spec and "时间步 %{x}" in spec
    assert not re.search(r'"(unit \d+|step %\{x\})', spec)
    table_head = re.search(r"<tr>(<th.*?)</tr>", html_bodies(at)).group(1)
    assert ">单元</th>" in table_head and ">unit</th>" not in table_head


def test_the_window_the_browser_steps_through_is_the_whole_sentence_with_its_last_step():
    at = open_page("sentence", step="3")
    f, last = frames(at), len(at.text_area(key="text").value) - 1
    assert (f["n"], f["first"], f["count"]) == (last + 1, 0, last + 1)      # the End key's step is in the window
    step_to(at, last)
    assert at.session_state["step"] == last and f"at step {last}" in html_bodies(at)
    step_to(at, 0)
    assert at.session_state["step"] == 0


def test_projector_mode_comes_from_the_link_survives_a_page_switch_and_enlarges_the_figure():
    at = open_page("sentence", view="projector")
    assert at.toggle(key="projector").value and at.query_params["view"] in (["projector"], "projector")
    assert ".stMain .lx-desk { display: none; }" in html_bodies(at)          # the projector's CSS is on the page
    assert EN["sentence_intro"] not in texts(at)                            # and the desk's explanations are not
    spec = heatmap_spec(at)
    assert spec["layout"]["xaxis"]["tickfont"]["size"] >= 16
    at.switch_page("app_pages/series.py").run()
    for key in list(at.query_params):
        del at.query_params[key]                                          # as the browser does on a page change
    at.switch_page("app_pages/sentence.py").run()
    assert at.toggle(key="projector").value and at.query_params["view"] in (["projector"], "projector")
    at.toggle(key="projector").set_value(False).run()
    assert "view" not in at.query_params and heatmap_spec(at)["layout"]["xaxis"]["tickfont"]["size"] == 13


def test_a_sentence_with_markup_characters_labels_each_one_escaped():
    at = open_page("sentence")
    at.text_area(key="text").set_value("<a&b>").run()
    spec = heatmap_spec(at)
    assert spec["layout"]["xaxis2"]["ticktext"] == ["&lt;", "a", "&amp;", "b", "&gt;"]
    bodies = html_bodies(at)
    shaded = re.search(r'<div class="lx-shaded"[^>]*>(.*?)</div>', bodies).group(1)
    assert re.findall(r"<span [^>]*>([^<]*)</span>", shaded) == ["&lt;", "a", "&amp;", "b", "&gt;"]
    assert "<a&b>" not in bodies and "<a" not in bodies.replace("<a ", "")


def test_continue_the_text_appends_the_models_own_characters_and_steps_through_them():
    at = open_page("sentence")
    at.text_area(key="text").set_value("The cat ").run()
    at.session_state["continue_open"] = True
    at.run()
    at.slider(key="continue_length").set_value(50).run()
    at.slider(key="continue_temperature").set_value(0.5).run()
    at.number_input(key="continue_seed").set_value(7).run()
    at.button(key="continue").click().run()
    assert not at.exception
    from lstm_core.bundled import load_bundled
    written = load_bundled("char_shakespeare").sample("The cat ", 50, temperature=0.5, seed=7)
    assert at.text_area(key="text").value == "The cat " + written and len(written) == 50
    assert at.session_state["step"] == len("The cat ")                  # the first character it wrote
    assert at.success[0].value == EN["continue_done"].format(count=50)
    columns = [t for t in heatmap_spec(at)["data"] if t["type"] == "heatmap"][0]["x"]
    assert len(columns) == 58                                             # the gates over the generated text too


def test_continue_stops_at_the_text_limit_and_says_so():
    at = open_page("sentence")
    at.text_area(key="text").set_value("ab " * 700).run()                 # cut to 2,000 characters
    at.session_state["continue_open"] = True
    at.run()
    at.button(key="continue").click().run()
    assert not at.exception and at.info[0].value == EN["continue_full"].format(limit=2000)
    at.text_area(key="text").set_value("a" * 1990).run()
    at.slider(key="continue_length").set_value(400).run()
    at.button(key="continue").click().run()
    assert len(at.text_area(key="text").value) == 2000 and not at.exception


def test_a_unit_picked_outside_the_rows_shown_gets_a_row_of_its_own_framed_on_the_model_page():
    at = open_page("models")
    rows = [int(r.split(" ")[1]) for r in [t for t in heatmap_spec(at)["data"] if t["type"] == "heatmap"][0]["y"]]
    outside = next(u for u in range(128) if u not in rows)
    at.selectbox(key="unit").set_value(outside).run()
    spec = heatmap_spec(at)
    shown = [int(r.split(" ")[1]) for r in [t for t in spec["data"] if t["type"] == "heatmap"][0]["y"]]
    frame = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"][0]
    assert shown[0] == outside and (frame["y0"], frame["y1"]) == (-0.5, 0.5) and not at.exception


def test_a_long_text_shows_a_window_that_says_which_steps_it_holds():
    at = open_page("sentence", step="500")
    at.text_area(key="text").set_value(("the quick brown fox " * 30)[:600]).run()
    step_to(at, 500)
    spec = heatmap_spec(at)
    columns = [t for t in spec["data"] if t["type"] == "heatmap"][0]["x"]
    assert len(columns) == 400 and columns[0].startswith("200 ")
    assert "steps 200–599 of 600" in spec["layout"]["annotations"][0]["text"]
    assert spec["layout"]["xaxis"]["ticktext"][0].endswith("<br>200")             # labels carry step numbers


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["char_shakespeare", "char_tang", "char_python", "char_shakespeare_2layer"])
def test_the_first_view_points_at_a_real_erase_of_a_named_unit_and_its_button_goes_there(name, lang):
    """Was: 'the forget gate closed most at step 0 (床)', where c(t-1) = 0 and there was nothing to drop; then, on
    the Tang poem, an unnamed unit (120), since the named units never dropped what they held. The box names a
    step where a named unit's forget gate below 0.5 closed on a memory it held (|c(t-1)| >= 0.5), the unit
    and what it tracks, with the numbers of the trace, and its button moves the view there (the 2-layer model's
    first view is its named units' layer)."""
    from viz.text_view import named_erase
    at = open_page("sentence", lang=lang, model=name)
    table = EN if lang == "en" else ZH
    model = load_bundled(name)
    text = at.text_area(key="text").value
    assert text == model.card.default_text and not at.exception
    trace = model.run_text(text)[0]
    gates = {(layer, 0): trace.gates(layer) for layer in range(model.net.config.num_layers)}
    first = model.card.units[0]                               # the unit the first view follows
    g = gates[(first.layer, 0)]
    own = analysis.largest_erase(g["f"], g["c"], units=[first.unit])
    layer, _, erase, feature = (first.layer, 0, own, first.feature) if own else named_erase(gates, model.card)
    named = [(u.layer, u.unit, u.feature) for u in model.card.units]
    assert (layer, erase.unit, feature) in named and erase.step > 0
    assert erase.f < 0.5 and abs(erase.before) >= 0.5
    assert gates[(layer, 0)]["f"][erase.step, erase.unit] == pytest.approx(erase.f)
    assert gates[(layer, 0)]["c"][erase.step - 1, erase.unit] == pytest.approx(erase.before)
    box = [i.value for i in at.info if f"{erase.f:.2f}" in i.value and f"{erase.before:.2f}" in i.value]
    assert len(box) == 1 and str(erase.step) in box[0] and str(erase.unit) in box[0]
    assert at.selectbox(key="unit").value == first.unit
    if model.net.config.num_layers > 1:                          # it opens on its named units' layer
        assert at.selectbox(key="layer").value == first.layer == 1
    if not own:                                                  # another named unit's erase: named, with its role
        assert table[f"role_{feature}"] in box[0]
    at.button(key="erase_go").click().run()
    assert not at.exception
    assert (at.session_state["step"], at.selectbox(key="unit").value) == (erase.step, erase.unit)
    if model.net.config.num_layers > 1:
        assert at.selectbox(key="layer").value == layer


def test_the_cell_panel_describes_an_embedded_input_as_its_row_of_the_embedding_table():
    """Was: 'x_t: the one-hot vector of 床' for the Tang model, whose input is a row of 64 numbers."""
    at = open_page("sentence", lang="zh")
    model = load_bundled("char_tang")
    row = model.vocab.chars.index(at.text_area(key="text").value[0])
    assert model.embedding_size == 64
    assert ZH["input_embedded"].format(token="床", row=row, size=64) in html_bodies(at)
    assert "独热" not in html_bodies(at)
    at = open_page("sentence")                                          # Shakespeare reads one-hot characters
    assert "the one-hot vector of" in html_bodies(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_unit_picker_gives_a_named_units_score_on_held_out_and_outside_text(lang):
    from lstm_core.bundled import load_bundled
    at = open_page("sentence", lang, model="char_python")
    table = EN if lang == "en" else ZH
    picker = at.selectbox(key="unit")
    seen = set()
    for u in load_bundled("char_python").card.units:
        if u.unit in seen:                  # a unit named for two features shows the card's first (most telling)
            continue
        seen.add(u.unit)
        metric = "AUC" if u.metric == "auc" else "r"
        words = table["role_scores"].format(metric=metric, held=u.score, outside=u.outside_score)
        if u.holds_on_both:
            words += table["role_holds_both"]
        label = table["unit_option"].format(unit=u.unit, role=table[f"role_{u.feature}"] + words)
        assert picker.options[u.unit] == label


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_continuation_that_loops_is_called_a_loop(lang):
    from lstm_core.bundled import load_bundled
    from lstm_core.model import repeating_tail
    at = open_page("sentence", lang, model="char_tang")
    at.session_state["continue_open"] = True
    at.run()
    at.slider(key="continue_temperature").set_value(0.0).run()
    at.button(key="continue").click().run()
    assert not at.exception
    model = load_bundled("char_tang")
    written = model.sample(model.card.default_text, 120, temperature=0)
    start, period = repeating_tail(written)
    table = EN if lang == "en" else ZH
    expected = table["continue_loop"].format(start=start + 1, period=period, repeats=(len(written) - start) / period,
                                         piece="")
    assert expected.split("“")[0] in [w.value.split("“")[0] for w in at.warning]
    at.session_state["continue_open"] = False                             # closing the popover: a rerun
    at.run()
    assert expected.split("“")[0] in [w.value.split("“")[0] for w in at.warning]     # still said
    at.text_area(key="text").set_value(model.card.default_text).run()  # another text: nothing to say
    assert not any(w.value.startswith(expected.split("“")[0]) for w in at.warning)


def test_a_shared_link_keeps_the_gate_choice_and_a_page_round_trip_too():
    """Was: a view shared on c reopened on f (the gate choice was not in the link)."""
    at = open_page("sentence")
    at.segmented_control(key="gates_shown").set_value("c").run()
    assert at.query_params["gates"] in (["c"], "c")
    link = {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}
    again = open_page("sentence", **{k: v for k, v in link.items() if k != "lang"})
    assert again.segmented_control(key="gates_shown").value == "c"
    at.switch_page("app_pages/series.py").run()
    for key in list(at.query_params):
        del at.query_params[key]                                          # as the browser does on a page change
    at.switch_page("app_pages/sentence.py").run()
    assert at.segmented_control(key="gates_shown").value == "c"
    at.segmented_control(key="gates_shown").set_value("f").run()        # the default is not written
    assert "gates" not in at.query_params
    assert not open_page("sentence", gates="zz").exception               # a gate the model has not: the default


def font_sizes(node):
    """Every font size set anywhere in a figure's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "tickfont") and isinstance(value, dict) and "size" in value:
                yield value["size"]
            yield from font_sizes(value)
    elif isinstance(node, list):
        for value in node:
            yield from font_sizes(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_text_of_the_projector_heatmaps_is_16_px_or_more(lang):
    """Was: the strip's title, its axis and the colour bars' ticks were 14-15 px in projector mode."""
    sizes = set(font_sizes(heatmap_spec(open_page("sentence", lang=lang, view="projector"))))
    assert sizes and min(sizes) >= 16, sorted(sizes)
    assert min(font_sizes(heatmap_spec(open_page("sentence", lang=lang)))) < 16     # a desk keeps its small text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_repetition_guard_is_off_by_default_and_when_on_is_said_and_breaks_the_loop(lang):
    from lstm_core.model import repeating_tail
    table = EN if lang == "en" else ZH
    at = open_page("sentence", lang, model="char_tang")
    at.session_state["continue_open"] = True
    at.run()
    assert at.checkbox(key="continue_guard").value is False
    at.slider(key="continue_temperature").set_value(0.0).run()
    at.checkbox(key="continue_guard").check().run()
    at.button(key="continue").click().run()
    assert not at.exception
    model = load_bundled("char_tang")
    prompt = model.card.default_text
    written = model.sample(prompt, 120, temperature=0, no_repeat=12)
    assert at.text_area(key="text").value == prompt + written and repeating_tail(written) is None
    said = table["continue_done_guard"].format(count=120, n=12)
    assert said in [s.value for s in at.success]
    assert not any(table["continue_loop"].split("{")[0] in w.value for w in at.warning)
