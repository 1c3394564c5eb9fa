"""Figure builders draw what they are given: z shapes, tick labels, colour ranges, cursors; text is escaped."""
import numpy as np
import pytest

from viz import exports, figures
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
    figures.add_cursor(fig, 5)
    assert [s.x0 for s in fig.layout.shapes] == [5]


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


def test_top_predictions_lists_the_most_likely_characters_first():
    fig = figures.top_predictions(list("abc<"), np.array([0.1, 0.6, 0.05, 0.25]), k=3)
    assert list(fig.data[0].y) == ["b", "&lt;", "a"]


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
