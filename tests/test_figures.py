"""Figure builders draw what they are given: z shapes, tick labels, colour ranges, cursors; text is escaped."""
import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lstm_core.bundled import SERIES_DIR, load_bundled
from lstm_core.tasks import forecast_errors
from viz import exports, figures, panels
from viz.long_series import forecasts_and_checkpoints, held_out_errors, shown_index, summarise
from viz.text_view import md_escape, order_units, prepare_text, shaded_text_html, tokens_for_display, top_active

T, H = 7, 5
RNG = np.random.default_rng(0)
GATES = {"f": RNG.random((T, H)), "i": RNG.random((T, H)), "g": RNG.uniform(-1, 1, (T, H)),
         "c": RNG.normal(0, 3, (T, H)), "h": RNG.uniform(-1, 1, (T, H))}


def heatmaps(**kwargs):
    return figures.gate_heatmaps(GATES, ["f", "g", "c"], tokens_for_display("hello!!"), [4, 0, 2], **kwargs)


def test_one_heatmap_per_gate_with_units_as_rows_and_one_column_per_token():
    fig = heatmaps()
    assert [tr.type for tr in fig.data] == ["heatmap"] * 3
    for trace, name in zip(fig.data, ["f", "g", "c"], strict=True):
        z = np.asarray(trace.z)
        assert z.shape == (3, T)
        np.testing.assert_allclose(z[0], GATES[name][:, 4], rtol=1e-6)   # rows follow the unit order given


@pytest.mark.parametrize("kwargs", [{}, {"step": 3}, {"handle_hint": "unit %{customdata}"},
                                    {"first_step": 10, "titles": {"f": "遗忘门 f", "g": "g", "c": "c"}}])
def test_the_unvalidated_heatmaps_are_exactly_what_plotly_would_validate_them_into(kwargs):
    fig = heatmaps(**kwargs)
    assert json.loads(pio.to_json(fig)) == json.loads(pio.to_json(go.Figure(fig.to_dict())))


def finished_figures():
    x = [f"t{k}" for k in range(40)]
    values = np.sin(np.arange(40.0))
    return {"heatmaps": heatmaps(handle_hint="unit %{customdata}"),
            "single": figures.single_heatmap(GATES["f"].T, list("hello!!"), "f", "forget gate"),
            "series": figures.series_with_forecast(x, values, values * 0.9, {
                "truth": "truth", "forecast": "forecast", "error": "error", "range": "range"},
                band=(values - 1, values + 1), window=("t5", "t20")),
            "loss": figures.loss_curve(list(range(10)), list(np.linspace(1, 0.1, 10)))}


@pytest.mark.parametrize("name", ["heatmaps", "single", "series", "loss"])
def test_a_finished_figure_makes_its_dict_once_and_it_is_plotlys_own(name):
    fig = finished_figures()[name]
    assert isinstance(fig, figures.FrozenFigure)
    first = fig.to_dict()
    assert fig.to_dict() is first                                      # made once, handed out again
    assert first == go.Figure.to_dict(fig)                              # what plotly itself makes


def test_repeated_letters_keep_their_own_columns():
    fig = heatmaps()
    axis = fig.layout.xaxis3
    assert list(fig.data[0].x) == ["0 h", "1 e", "2 l", "3 l", "4 o", "5 !", "6 !"]
    assert len(set(fig.data[0].x)) == T
    assert list(axis.tickvals) == list(fig.data[0].x) and list(axis.ticktext) == list("hello!!")


def test_gates_use_a_fixed_zero_to_one_scale_and_states_a_symmetric_one():
    f, g, c = heatmaps().data
    assert (f.zmin, f.zmax) == (0, 1) and f.colorscale != c.colorscale
    assert (g.zmin, g.zmax) == (-1, 1)
    assert c.zmin == -c.zmax == pytest.approx(-np.abs(GATES["c"][:, [4, 0, 2]]).max(), rel=1e-6)


def test_the_cursor_is_one_vertical_line_at_the_step_through_every_subplot():
    fig = heatmaps(step=3)
    (shape,) = fig.layout.shapes
    assert (shape.x0, shape.x1, shape.yref, shape.y0, shape.y1) == (3, 3, "paper", 0, 1)


def test_hover_names_step_token_unit_and_value_without_per_cell_data():
    trace = heatmaps().data[0]
    assert trace.hovertemplate.startswith("step %{x}<br>%{y}<br>f = %{z")
    assert list(trace.y) == ["unit 4", "unit 0", "unit 2"] and trace.customdata is None


@pytest.mark.parametrize("ch, label", [(" ", "␣"), ("\n", "⏎"), ("\x07", "U+0007"), ("<", "&lt;"),
                                       ("&", "&amp;"), ('"', '"'), ("中", "中")])
def test_token_labels_make_whitespace_visible_and_markup_inert(ch, label):
    assert figures.token_label(ch) == label


def test_many_long_labels_are_thinned_so_they_do_not_overlap():
    assert figures.tick_every(["1949-01"] * 144) > 1
    assert figures.tick_every(list("short")) == 1
    assert figures.tick_every(list("x" * 80)) == 1                 # a typical sentence shows every character
    assert figures.tick_every(list("中" * 80)) == 2                 # wide glyphs need twice the room
    every = figures.tick_every(["1958-03"] * 400)
    assert 400 / every * (7 * figures.CHAR_PX + 14) <= 760           # the labels shown fit side by side


def test_heatmap_margins_are_fixed_so_a_css_cursor_can_find_a_column():
    layout = heatmaps().layout
    assert layout.margin.autoexpand is False
    assert (layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b) == tuple(
        figures.HEATMAP_MARGIN[k] for k in "lrtb")
    assert all(tr.colorbar.x >= 1 for tr in heatmaps().data)        # colour bars sit in the right margin


def test_the_css_cursor_sits_at_its_fraction_of_the_plot_area_and_spans_its_height():
    css = panels.cursor_css("heatmaps_box", 0.4375, 500, figures.HEATMAP_MARGIN)
    assert ".st-key-heatmaps_box [data-testid=stPlotlyChart]::after" in css
    assert "left: calc(70px + (100% - 150px) * 0.437500 - 1.0px)" in css   # minus half the line's width
    assert "top: 40px; height: 420px" in css
    assert css.startswith("<style>") and css.endswith("</style>")          # style only: takes no space
    assert "<" not in panels.cursor_css("a}<x", 0, 100, figures.HEATMAP_MARGIN)[7:-8]


def test_a_column_is_centred_at_its_fraction_of_the_x_range():
    fig = heatmaps()                                      # 7 columns over -0.5 .. 6.5
    assert tuple(fig.layout.xaxis.range) == (-0.5, 6.5)
    assert figures.column_fraction(fig, 3) == pytest.approx(3.5 / 7)
    with_handles = heatmaps(handle_hint="unit %{customdata}")
    lo, hi = with_handles.layout.xaxis.range                # the handle strip comes first, step 0 at 1
    assert figures.column_fraction(with_handles, 0) == pytest.approx((1 - lo) / (hi - lo))
    assert figures.column_fraction(with_handles, 6) == pytest.approx((7 - lo) / (hi - lo))


def test_unit_handles_are_one_clickable_dot_per_row_left_of_every_heatmap():
    fig = heatmaps(handle_hint="unit %{customdata}: click")
    handles = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(handles) == 3                                                  # one strip per heatmap
    for strip, heat in zip(handles, [tr for tr in fig.data if tr.type == "heatmap"], strict=True):
        assert set(strip.x) == {figures.HANDLE} and list(strip.y) == list(heat.y)
        assert list(strip.customdata) == [4, 0, 2]                            # the unit of each row
        assert strip.hovertemplate.startswith("unit %{customdata}: click")
    assert list(fig.layout.xaxis.categoryarray) == [figures.HANDLE, *fig.data[0].x]
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange    # no zoom: the cursor stays true


def test_prediction_bars_list_the_most_likely_characters_first_and_escape_them():
    out = panels.prediction_bars(list("abc<"), np.array([0.1, 0.6, 0.05, 0.25]), k=3, title="<b>next</b>")
    labels = re.findall(r"<code[^>]*>(.*?)</code>", out)
    assert labels == ["b", "&lt;", "a"]
    assert "60.0%" in out and "&lt;b&gt;next" in out and "<b>" not in out


def test_value_bars_grow_from_a_zero_line_in_the_middle():
    out = panels.value_bars({"f": 0.5, "c(t)": -2.0})
    widths = [float(w) for w in re.findall(r"width:([0-9.]+)%", out)]
    lefts = [float(v) for v in re.findall(r"left:([0-9.]+)%", out)]
    assert widths == [12.5, 50.0] and lefts == [50.0, 0.0]          # scale grows to |c| = 2
    assert "+0.500" in out and "-2.000" in out


def test_cell_summary_escapes_titles_and_notes_and_tabulates_units():
    out = panels.cell_summary("<i>unit</i>", "x_t: &lt;", {"f": 0.2}, note="$x$ & y", table_title="top",
                              table={"unit": np.array([3, 1]), "f": np.array([0.25, 0.5])})
    assert "&lt;i&gt;unit" in out and "<i>" not in out and "$x$ &amp; y" in out
    assert re.findall(r"<td[^>]*>(.*?)</td>", out) == ["3", "0.250", "1", "0.500"]


def test_series_figure_shades_the_window_shown_below():
    fig = figures.series_with_forecast(np.arange(10), np.arange(10.0), np.arange(10.0),
                                       {"truth": "t", "forecast": "f", "error": "e", "range": "r"}, window=(2, 5))
    assert [(s.x0, s.x1, s.type) for s in fig.layout.shapes] == [(2, 5, "rect")] * 2   # series and error rows


def test_series_figure_draws_forecasts_one_step_later_and_their_error():
    x = np.arange(5)
    values, preds = np.array([1.0, 2, 3, 4, 5]), np.array([2.5, 3, 3.5, 5, 9])
    fig = figures.series_with_forecast(x, values, preds, {"truth": "t", "forecast": "f", "error": "e",
                                                          "range": "r"})
    truth, forecast, error = fig.data
    assert list(forecast.x) == [1, 2, 3, 4] and list(forecast.y) == [2.5, 3, 3.5, 5]
    assert list(error.y) == [-0.5, 0, 0.5, 0]


def test_shaded_text_escapes_everything_the_user_typed():
    out = shaded_text_html('<script>alert("x")</script>', np.zeros(27))
    assert "<script>" not in out and "&lt;" in out and out.count("<span") == 27


def test_markdown_escape_makes_latex_links_and_html_literal():
    assert md_escape("$x$ [a](b) <b>") == r"\$x\$ \[a\]\(b\) \<b\>"


def test_prepare_text_cuts_long_text_and_says_so():
    assert prepare_text("a" * 2500) == ("a" * 2000, True)
    assert prepare_text("ab\x00c") == ("abc", False)
    assert prepare_text(None) == ("", False)


def test_units_can_be_ordered_by_variance_and_cluster_and_filtered():
    m = np.stack([np.zeros(10), np.arange(10.0), -np.arange(10.0) * 3, np.ones(10)], axis=1)
    assert order_units(m, "index") == [0, 1, 2, 3]
    assert order_units(m, "variance")[:2] == [2, 1]
    assert sorted(order_units(m, "cluster")) == [0, 1, 2, 3]
    assert top_active(m, 2) == {1, 2}


def test_trace_export_is_long_format_and_npz_holds_numbers_only():
    table = exports.long_table({(0, 0): {"f": GATES["f"]}}, "hello!!")
    assert list(table.columns) == ["step", "token", "layer", "direction", "name", "unit", "value"]
    assert len(table) == T * H and table.iloc[H]["token"] == "e"
    csv_bytes, npz_bytes = exports.trace_files({(0, 0): {"f": GATES["f"]}}, "hello!!")
    from lstm_core import load_npz
    arrays, _ = load_npz(npz_bytes)
    assert arrays["layer0_direction0/f"].shape == (T, H)


def test_the_overview_heatmap_labels_rows_with_their_unit_numbers():
    fig = figures.single_heatmap(np.zeros((3, 5)), list("hello"), "f", "t", units=[58, 3, 17], unit_title="单元")
    assert np.asarray(fig.data[0].z).shape == (3, 5)
    assert list(fig.layout.yaxis.ticktext) == ["58", "3", "17"] and fig.layout.yaxis.title.text == "单元"
    assert list(fig.layout.xaxis.ticktext) == list("hello")        # numeric x: both l's keep a column
    assert (fig.data[0].zmin, fig.data[0].zmax) == (0, 1)


def test_the_cell_update_is_written_out_with_the_steps_numbers():
    out = panels.lstm_update(f=0.62, c_prev=-1.49, i=0.91, g=0.61, c=-0.36, o=0.99, h=-0.35)
    text = re.sub(r"<[^>]+>", "", out)
    assert "ct = ft ct−1 + it gt = 0.62 × (−1.49) + 0.91 × 0.61 = −0.36" in text
    assert "ht = ot tanh ct = 0.99 × tanh (−0.36) = −0.35" in text
    assert 0.62 * -1.49 + 0.91 * 0.61 == pytest.approx(-0.36, abs=0.01)     # the numbers shown add up


@pytest.mark.parametrize("rows", range(1, 10))
def test_subplots_fill_the_figure_from_top_to_bottom_for_any_number_of_gates(rows):
    domains = [figures.subplot_domain(row, rows) for row in range(1, rows + 1)]
    assert domains[0][0] == 1 and domains[-1][1] == 0
    assert all(0 <= bottom < top <= 1 for top, bottom in domains)


# ----------------------------------------------------------------------------------------------- series
SERIES_LABELS = {"truth": "t", "forecast": "f", "error": "e", "range": "r", "held_out": "held out"}


def test_series_figure_marks_the_held_out_part_from_its_first_point_to_the_end_and_names_it():
    x = [f"2001-{k:02d}" for k in range(1, 13)]
    fig = figures.series_with_forecast(x, np.arange(12.0), np.arange(12.0), SERIES_LABELS, held_out=9)
    rects = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    assert rects == [("2001-10", "2001-12")] * 2                      # series and error rows
    assert [a.text for a in fig.layout.annotations] == ["held out"]


def test_series_figure_without_a_held_out_part_marks_nothing():
    fig = figures.series_with_forecast(np.arange(10), np.arange(10.0), np.arange(10.0), SERIES_LABELS)
    assert not fig.layout.shapes and not fig.layout.annotations


def test_a_naive_forecast_is_drawn_apart_from_a_models_forecast():
    x, values = np.arange(6), np.array([1.0, 3, 2, 5, 4, 6])
    model = figures.series_with_forecast(x, values, values * 0.9, SERIES_LABELS)
    naive = figures.series_with_forecast(x, values, values, {**SERIES_LABELS, "forecast": "next = last"}, naive=True)
    assert naive.data[1].name == "next = last" and list(naive.data[1].y) == [1.0, 3, 2, 5, 4]
    assert naive.data[1].line.color != model.data[1].line.color
    assert naive.data[2].marker.color != model.data[2].marker.color


def test_the_held_out_score_is_the_bundled_cards_own():
    model = load_bundled("series_airline")
    values = pd.read_csv(SERIES_DIR / "airline_passengers.csv")["passengers"].to_numpy(float)
    start = model.card["train_points"]
    forecasts, _ = forecasts_and_checkpoints(model, values)
    mse, naive = held_out_errors(values, forecasts, start)
    assert (mse, naive) == pytest.approx(forecast_errors(model, values, start), rel=1e-5)
    assert 1 - mse / naive == pytest.approx(model.card["metrics"]["improvement_over_naive"], abs=1e-3)
    assert len(values) - start == model.card["metrics"]["held_out_points"]


@pytest.mark.parametrize("n, index, expected", [(10, 7, 7), (100_000, 0, 0), (100_000, 80_000, 1600),
                                                (100_000, 80_049, 1600), (100_000, 80_050, 1601),
                                                (100_000, 99_999, 1999)])
def test_a_step_is_found_in_the_summary_that_draws_it(n, index, expected):
    assert shown_index(n, index, points=2000) == expected
    x, *_ = summarise(np.arange(n), np.zeros(n), np.zeros(n), points=2000)
    assert x[expected] <= index and (expected + 1 == len(x) or index < x[expected + 1])
