"""Figure builders draw what they are given: z shapes, tick labels, colour ranges, cursors; text is escaped."""
import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lstm_core.bundled import SERIES_DIR, load_bundled
from lstm_core.card import ModelCard
from lstm_core.tasks import forecast_errors
from viz import exports, figures, panels
from viz.long_series import forecasts_and_checkpoints, held_out_errors, shown_index, summarise
from viz.text_view import (
    default_unit,
    md_escape,
    named_units,
    order_units,
    prepare_text,
    robust_bound,
    rows_for_display,
    shaded_text_html,
    tokens_for_display,
    top_active,
)

T, H = 7, 5
RNG = np.random.default_rng(0)
GATES = {"f": RNG.random((T, H)), "i": RNG.random((T, H)), "o": RNG.random((T, H)), "g": RNG.uniform(-1, 1, (T, H)),
         "c": RNG.normal(0, 3, (T, H)), "h": RNG.uniform(-1, 1, (T, H))}
ZH_WORDS = {"unit": "单元", "step": "时间步", "range": "98% 在内", "per_unit": "每行<br>各自范围",
            "strip_title": "它在哪里遗忘？", "strip_mean": "全部 {count} 个单元的 f 平均值",
            "strip_unit": "单元 {unit}", "mean_f": "f 平均值", "strip_low": "最低在第 {step} 步“{token}”：{value}"}


def heatmaps(names=("f", "g", "c"), text="hello!!", units=(4, 0, 2), gates=None, **kwargs):
    gates = GATES if gates is None else gates
    return figures.gate_heatmaps(gates, list(names), tokens_for_display(text), list(units), **kwargs)


def heat(fig):
    return [tr for tr in fig.data if tr.type == "heatmap"]


def axis(fig, number):
    return fig.layout[f"xaxis{'' if number == 1 else number}"]


def test_one_heatmap_per_gate_with_units_as_rows_and_one_column_per_token():
    fig = heatmaps()
    assert [tr.name for tr in heat(fig)] == ["f", "g", "c"]
    for trace, name in zip(heat(fig), ["f", "g", "c"], strict=True):
        shown = np.asarray(trace.customdata if name == "c" else trace.z)       # c: true values ride as customdata
        assert shown.shape == (3, T)
        np.testing.assert_allclose(shown[0], GATES[name][:, 4], rtol=1e-6)  # rows follow the unit order given


@pytest.mark.parametrize("kwargs", [{}, {"step": 3}, {"handle_hint": "unit %{customdata}"},
                                    {"first_step": 10, "titles": {"f": "遗忘门 f", "g": "g", "c": "c"}},
                                    {"strip": True, "chosen": 0, "row_labels": {4: "position in word"},
                                     "handle_hint": "unit %{customdata}", "words": ZH_WORDS,
                                     "window_note": "共 2000 步中的第 0–399 步"},
                                    {"strip": True, "chosen": 2, "style": figures.PROJECTOR}])
def test_the_unvalidated_heatmaps_are_exactly_what_plotly_would_validate_them_into(kwargs):
    fig = heatmaps(**kwargs)
    assert json.loads(pio.to_json(fig)) == json.loads(pio.to_json(go.Figure(fig.to_dict())))


def finished_figures():
    x = [f"t{k}" for k in range(40)]
    values = np.sin(np.arange(40.0))
    return {"heatmaps": heatmaps(handle_hint="unit %{customdata}", strip=True, chosen=0),
            "single": figures.single_heatmap(GATES["f"].T, list("hello!!"), "f", "forget gate"),
            "series": figures.series_with_forecast(x, values, values * 0.9, {
                "truth": "truth", "forecast": "forecast", "error": "error", "range": "range"},
                band=(values - 1, values + 1), window=(5, 20)),
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
    assert list(heat(fig)[0].x) == ["0 h", "1 e", "2 l", "3 l", "4 o", "5 !", "6 !"]
    assert len(set(heat(fig)[0].x)) == T
    assert list(axis(fig, 3).tickvals) == list(heat(fig)[0].x) and list(axis(fig, 3).ticktext) == list("hello!!")


@pytest.mark.parametrize("style, size", [(figures.NORMAL, 13), (figures.PROJECTOR, 16)])
def test_every_block_has_its_characters_along_the_top_and_the_bottom_readable_and_dark(style, size):
    fig = heatmaps(style=style, strip=True)
    for k in (1, 2, 3):
        bottom, top = axis(fig, k), axis(fig, 3 + k)
        assert list(bottom.ticktext) == list("hello!!") == list(top.ticktext)
        assert top.side == "top" and top.overlaying == f"x{'' if k == 1 else k}" and top.anchor == bottom.anchor
        assert list(top.tickvals) == list(range(T)) and list(top.range) == list(bottom.range)   # same columns
        for ax in (bottom, top):
            assert ax.tickfont.size >= size and ax.tickfont.color == "#111827" and ax.tickangle == 0
    on_top = [tr for tr in fig.data if tr.xaxis in ("x4", "x5", "x6")]
    assert len(on_top) == 3                            # a top axis is drawn only if something is plotted on it


def test_markup_quotes_spaces_and_cjk_each_get_exactly_one_label_escaped():
    text = '<a&b> "x" 中文'
    fig = heatmaps(text=text, gates={n: RNG.random((len(text), H)) for n in GATES})
    labels = list(axis(fig, 4).ticktext)
    assert labels == ["&lt;", "a", "&amp;", "b", "&gt;", "␣", '"', "x", '"', "␣", "中", "文"]
    assert "".join(labels[:5]).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == "<a&b>"
    assert "<a" not in json.dumps(fig.to_dict()["layout"])                      # never markup in the figure


def test_a_long_input_is_labelled_every_kth_step_with_its_number_and_the_labels_fit():
    n = 400
    text = ("the quick brown fox " * 20)[:n]
    fig = heatmaps(names=("f",), text=text, gates={k: RNG.random((n, H)) for k in GATES}, first_step=800)
    every = fig.layout.meta["label_every"]
    assert every in figures.NICE_STEPS and every > 1
    bottom = axis(fig, 1)
    steps = [int(v.split(" ")[0]) for v in bottom.tickvals]
    assert steps == list(range(800, 1200, every))                                  # round step numbers
    assert list(bottom.ticktext)[:2] == [f"{tokens_for_display(text)[0]}<br>800",
                                         f"{tokens_for_display(text)[every]}<br>{800 + every}"]
    width = figures.NORMAL.width_px - fig.layout.margin.l - fig.layout.margin.r
    per_label = max(figures.label_width("1199", 13), figures.label_width("x", 13)) + 8     # numbers need air
    assert len(steps) * per_label <= width                                         # no two labels overlap


def test_a_sentence_of_eighty_characters_is_labelled_character_by_character_at_a_desk():
    text = 'The forget gate decides what the cell keeps (and what it drops) at every "step".'
    fig = heatmaps(names=("f",), text=text, gates={k: RNG.random((len(text), H)) for k in GATES},
                   handle_hint="unit %{customdata}", row_labels={4: "position in word"}, chosen=4)
    assert fig.layout.meta["label_every"] == 1 and len(axis(fig, 2).ticktext) == len(text)


def test_gates_keep_zero_to_one_the_hidden_state_a_robust_range_and_the_cell_state_its_own_range_per_unit():
    fig = heatmaps(names=("f", "g", "h", "c"))
    f, g, h, c = heat(fig)
    assert (f.zmin, f.zmax) == (0, 1) and (g.zmin, g.zmax) == (-1, 1) and f.colorscale != c.colorscale
    assert h.zmin == -h.zmax == pytest.approx(-np.percentile(np.abs(GATES["h"]), 98), rel=1e-6)
    assert "±" in h.colorbar.title.text and "98%" in h.colorbar.title.text           # the bar says the choice
    assert (c.zmin, c.zmax) == (-1, 1) and "per row" in c.colorbar.title.text
    z = np.asarray(c.z)
    np.testing.assert_allclose(np.percentile(np.abs(z), 98, axis=1), 1, rtol=1e-5)  # every row spans its range
    assert "customdata" in c.hovertemplate                                         # hover reads the true value


def test_one_unit_at_twenty_does_not_wash_out_the_hidden_state_of_the_others():
    h = RNG.uniform(-0.3, 0.3, (50, 128))
    h[:, 7] = 20.0
    lo, hi = figures.value_range("h", h)
    assert hi == -lo < 0.5                         # 98% of the values: the one unit saturates, the rest show


@pytest.mark.parametrize("style", [figures.NORMAL, figures.PROJECTOR])
def test_the_chosen_units_row_is_framed_on_every_heatmap_and_its_label_is_bold(style):
    fig = heatmaps(names=("f", "i", "c"), chosen=0, handle_hint="unit %{customdata}", style=style)
    frames = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(s.yref, s.y0, s.y1) for s in frames] == [(f"y{k}", 0.5, 1.5) for k in ("", "2", "3")]
    assert all((s.x0, s.x1) == (-0.5, T - 0.5) for s in frames)
    assert fig.layout.yaxis.ticktext[1] == "<b>▶ 0</b>" and fig.layout.yaxis.ticktext[0] == "4"
    handles = [tr for tr in fig.data if tr.name == "units"][0]
    assert list(handles.marker.size) == [7, 11, 7]                                 # its handle is bigger too


def test_every_row_is_labelled_with_its_unit_number_and_named_units_with_their_role():
    fig = heatmaps(row_labels={4: "position in word", 2: "<b>x</b>"})
    assert list(fig.layout.yaxis.ticktext) == ["4 · position in word", "0", "2 · &lt;b&gt;x&lt;/b&gt;"]
    many = list(range(30))
    fig = heatmaps(units=many, gates={k: RNG.random((T, 30)) for k in GATES}, row_labels={17: "indentation"},
                   chosen=23)
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert len(ticks) < 30 and "unit 0" in ticks                                 # more than 24: every k-th row
    assert ticks["unit 17 · indentation"] == "17 · indentation" and ticks["unit 23"] == "<b>▶ 23</b>"


def test_the_forget_strip_sits_on_the_heatmaps_columns_and_shows_the_mean_and_the_chosen_units_gates():
    fig = heatmaps(strip=True, chosen=2, handle_hint="unit %{customdata}")
    bars = [tr for tr in fig.data if tr.name == "mean f"][0]
    np.testing.assert_allclose(np.asarray(bars.y), GATES["f"].mean(axis=1), rtol=1e-6)    # all units, not 3
    assert list(bars.x) == list(heat(fig)[0].x)                                           # same columns
    ranges = {tuple(fig.layout[name].range) for name in fig.layout if name.startswith("xaxis")}
    assert len(ranges) == 1                                                     # every axis spans the same steps
    lines = {tr.name: np.asarray(tr.y) for tr in fig.data
             if tr.type == "scatter" and tr.mode == "lines" and tr.name != "mean f"}
    assert set(lines) == {"f 2", "i 2", "o 2"}
    np.testing.assert_allclose(lines["i 2"], GATES["i"][:, 2], rtol=1e-6)
    strip_axis = fig.layout[bars.yaxis.replace("y", "yaxis")]
    assert strip_axis.domain[0] > max(fig.layout[f"yaxis{k}"].domain[1] for k in ("", "2", "3"))   # on top
    low = 1 + int(np.argmin(GATES["f"].mean(axis=1)[1:]))
    title = fig.layout.annotations[0].text
    assert "Where did it forget?" in title and f"lowest at step {low} “{'hello!!'[low]}”" in title


def test_the_strip_never_says_it_forgot_most_at_the_first_step_where_there_was_nothing_to_forget():
    """Was: the Tang model's first view read "lowest at step 0 “床”": c(t-1) is zero there."""
    gates = {**GATES, "f": GATES["f"].copy()}
    gates["f"][0] = 0.01                                            # the lowest mean f of all, at step 0
    gates["f"][4] = 0.2
    title = heatmaps(gates=gates, strip=True, chosen=2).layout.annotations[0].text
    assert "lowest at step 4 “o”" in title
    later = heatmaps(gates=gates, strip=True, chosen=2, first_step=400).layout.annotations[0].text
    assert "lowest at step 400" in later                           # a window's first step had a memory before it


@pytest.mark.parametrize("n_units", [1, 2, 5, 16])
@pytest.mark.parametrize("blocks", [1, 3, 6])
def test_small_models_keep_titles_off_the_heatmaps_and_colour_bars_beside_their_block_and_tall(n_units, blocks):
    names = ["f", "i", "o", "g", "c", "h"][:blocks]
    gates = {k: RNG.random((T, n_units)) for k in GATES}
    for style in (figures.NORMAL, figures.PROJECTOR):
        fig = heatmaps(names=names, units=range(n_units), gates=gates, strip=True, chosen=0, style=style)
        height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b       # the plot area in pixels
        domains = [fig.layout[f"yaxis{'' if k == 1 else k}"].domain for k in range(1, blocks + 1)]
        titles = fig.layout.annotations[1:]                                          # [0] is the strip's
        for (bottom, top), title, trace in zip(domains, titles, heat(fig), strict=True):
            assert (title.y - top) * height >= style.label_px + 6        # the title sits above the top labels
            title_px = (trace.colorbar.title.text.count("<br>") + 1) * 1.3 * trace.colorbar.title.font.size
            assert trace.colorbar.lenmode == "pixels" and trace.colorbar.len - title_px >= 72     # a bar, not a sliver
            off_centre = abs(trace.colorbar.y - (bottom + top) / 2) * height
            assert trace.colorbar.len >= (top - bottom) * height and off_centre < 0.15 * trace.colorbar.len
        for (bottom, _), (_, top_below) in zip(domains, domains[1:], strict=False):
            assert bottom > top_below                                                   # blocks never overlap


def test_hover_row_labels_and_tables_speak_the_readers_language():
    fig = heatmaps(words=ZH_WORDS, strip=True, chosen=0, handle_hint="单元 %{customdata}")
    trace = heat(fig)[0]
    assert trace.hovertemplate.startswith("时间步 %{x}<br>%{y}<br>f = %{z")
    assert list(trace.y) == ["单元 4", "单元 0", "单元 2"] and trace.customdata is None
    shown = [t.get(k) for t in fig.to_dict()["data"] for k in ("hovertemplate", "y") if isinstance(t.get(k), str)]
    shown += [a["text"] for a in fig.to_dict()["layout"]["annotations"]]
    shown += [str(v) for t in fig.to_dict()["data"] if t["type"] == "heatmap" for v in t["y"]]
    assert not re.search(r"\b(unit|step|mean)\b", " ".join(shown))               # no English word left over


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


def test_heatmap_margins_are_fixed_and_made_room_for_the_row_labels():
    fig = heatmaps(row_labels={4: "position in word"})
    assert fig.layout.margin.autoexpand is False
    assert figures.margin_of(fig) == {k: fig.layout.margin[k] for k in "lrtb"}
    wide = heatmaps(row_labels={4: "a much longer role name here"})
    assert wide.layout.margin.l > fig.layout.margin.l
    assert all(tr.colorbar.x >= 1 for tr in heat(fig))               # colour bars sit in the right margin


def test_the_shaded_text_has_one_span_per_step_for_the_browser_to_frame():
    out = shaded_text_html("ab c", np.zeros(4))
    assert re.fullmatch(r'<div class="lx-shaded"[^>]*>(<span [^>]*>[^<]*</span>){4}</div>', out)   # span k = step k-1


def test_a_column_is_centred_at_its_fraction_of_the_x_range():
    fig = heatmaps()                                      # 7 columns over -0.5 .. 6.5
    assert tuple(fig.layout.xaxis.range) == (-0.5, 6.5)
    assert figures.column_fraction(fig.layout.xaxis.range, 3) == pytest.approx(3.5 / 7)
    with_handles = heatmaps(handle_hint="unit %{customdata}")
    lo, hi = with_handles.layout.xaxis.range                # the handle strip comes first, step 0 after it
    assert lo < -0.5
    assert figures.column_fraction(with_handles.layout.xaxis.range, 0) == pytest.approx((0 - lo) / (hi - lo))
    assert figures.column_fraction(with_handles.layout.xaxis.range, 6) == pytest.approx((6 - lo) / (hi - lo))


def test_unit_handles_are_one_clickable_dot_per_row_left_of_every_heatmap():
    fig = heatmaps(handle_hint="unit %{customdata}: click")
    handles = [tr for tr in fig.data if tr.name == "units"]
    assert len(handles) == 3                                                  # one strip per heatmap
    lo = fig.layout.xaxis.range[0]
    for strip, heatmap in zip(handles, heat(fig), strict=True):
        assert len(set(strip.x)) == 1 and lo < strip.x[0] < -0.5 and list(strip.y) == list(heatmap.y)
        assert list(strip.customdata) == [4, 0, 2]                            # the unit of each row
        assert strip.hovertemplate.startswith("unit %{customdata}: click")
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange    # no zoom: the cursor stays true


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
    numbers = panels.lstm_update_numbers(f=0.62, c_prev=-1.49, i=0.91, g=0.61, c=-0.36, o=0.99, h=-0.35)
    assert numbers == ["0.62", "(−1.49)", "0.91", "0.61", "−0.36", "0.99", "(−0.36)", "−0.35"]
    assert panels.lstm_update_numbers(0.62, -1.49, 0.91, 0.61, -0.36) == numbers[:5]     # a projection: no h


def test_the_panels_texts_are_escaped_and_formatted_as_the_browser_shows_them():
    assert panels.prediction_rows(list("abc<"), np.array([0.1, 0.6, 0.05, 0.25]), k=3) == [
        ["b", "60.0%"], ["&lt;", "25.0%"], ["a", "10.0%"]]
    assert panels.bar_values([0.5, -2.0]) == ["+0.500", "-2.000"]
    assert panels.table_rows([np.array([3, 1]), np.array([0.25, 0.5])]) == [["3", "0.250"], ["1", "0.500"]]
    assert 0.62 * -1.49 + 0.91 * 0.61 == pytest.approx(-0.36, abs=0.01)     # the numbers shown add up


# ----------------------------------------------------------------------------------------------- series
SERIES_LABELS = {"truth": "t", "forecast": "f", "error": "e", "range": "r", "held_out": "held out"}


def test_series_figure_marks_the_held_out_part_from_its_first_point_to_the_end_and_names_it():
    x = [f"2001-{k:02d}" for k in range(1, 13)]
    fig = figures.series_with_forecast(x, np.arange(12.0), np.arange(12.0), SERIES_LABELS, held_out=9)
    rects = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    assert rects == [(9, 11)] * 2                                    # series and error rows, at positions
    assert [a.text for a in fig.layout.annotations] == ["held out"]


def test_series_figure_draws_every_point_at_its_own_place_when_labels_repeat():
    """Plotly merges repeated category labels: a column of labels picked by the user may repeat (two rows of
    2023-01-01), and the line then ran back to the first one."""
    x = ["2023-01-01", "2023-01-01", "2023-01-02", "2023-01-02", "2023-01-03"]
    fig = figures.series_with_forecast(x, np.arange(5.0), np.arange(5.0), SERIES_LABELS)
    truth = fig.data[0]
    assert list(truth.x) == [0, 1, 2, 3, 4] and list(truth.customdata) == x
    assert list(fig.layout.xaxis2.ticktext) == x and list(fig.layout.xaxis2.tickvals) == [0, 1, 2, 3, 4]


def test_series_figure_shades_positions_when_its_labels_look_like_numbers():
    """Years and row numbers are category labels; a shape given such a label would be read as a position
    (the held-out part of a 50,000-point file drew its figure into the first 4% of the width)."""
    x = np.array([str(k) for k in range(0, 50_000, 25)])
    fig = figures.series_with_forecast(x, np.zeros(2000), np.zeros(2000), SERIES_LABELS, held_out=640,
                                       window=(0, 16))
    ticks = fig.layout.xaxis2
    assert list(fig.data[0].x[:2]) == [0, 1] and list(ticks.ticktext) == [x[k] for k in ticks.tickvals]
    assert [(s.x0, s.x1) for s in fig.layout.shapes][::2] == [(0, 16), (640, 1999)]
    assert fig.layout.annotations[0].x == 640


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
    start = model.card.train_points
    forecasts, _ = forecasts_and_checkpoints(model, values)
    mse, naive = held_out_errors(values, forecasts, start)
    assert (mse, naive) == pytest.approx(forecast_errors(model, values, start), rel=1e-5)
    assert 1 - mse / naive == pytest.approx(model.card.metrics.improvement_over_naive, abs=1e-3)
    assert len(values) - start == model.card.metrics.held_out_points


@pytest.mark.parametrize("n, index, expected", [(10, 7, 7), (100_000, 0, 0), (100_000, 80_000, 1600),
                                                (100_000, 80_049, 1600), (100_000, 80_050, 1601),
                                                (100_000, 99_999, 1999)])
def test_a_step_is_found_in_the_summary_that_draws_it(n, index, expected):
    assert shown_index(n, index, points=2000) == expected
    x, *_ = summarise(np.arange(n), np.zeros(n), np.zeros(n), points=2000)
    assert x[expected] <= index and (expected + 1 == len(x) or index < x[expected + 1])


def test_named_units_come_from_the_card_for_this_layer_and_direction_once_each_and_within_the_model():
    # entries of the wrong kind ("junk", a unit without its number) are refused when the card is read:
    # tests/test_card.py
    card = ModelCard.from_dict({"units": [
        {"layer": 0, "direction": 0, "unit": 58, "feature": "position_in_line"},
        {"layer": 1, "direction": 0, "unit": 3, "feature": "indent"},
        {"layer": 0, "direction": 0, "unit": 58, "feature": "line_end"},            # once only
        {"layer": 0, "direction": 0, "unit": 999, "feature": "indent"},             # no such unit in this model
        {"unit": 7, "feature": "in_string"}]})                                       # layer 0, direction 0
    assert named_units(card, 0, 0, n_units=128) == [(58, "position_in_line"), (7, "in_string")]
    assert named_units(card, 1, 0, n_units=128) == [(3, "indent")]
    assert named_units(ModelCard(), 0, 0) == [] and named_units(None) == []


def test_rows_show_the_named_units_first_then_the_most_active_and_always_the_chosen_one():
    m = np.zeros((10, 20))
    m[:, 5], m[:, 9], m[:, 2] = np.linspace(0, 6, 10), 2.0, np.linspace(0, 2, 10)   # most active: 5, 9, 2
    assert rows_for_display(m, 4, "index", named=[17, 11]) == [17, 11, 5, 9]
    assert rows_for_display(m, 5, "variance", named=[17, 11]) == [17, 11, 5, 2, 9]   # the rest in the order asked
    assert rows_for_display(m, 4, "index", named=[17], chosen=13) == [17, 13, 5, 9]
    assert rows_for_display(m, 12, "index")[:3] == [0, 1, 2] and len(rows_for_display(m, 12, "index")) == 12
    assert default_unit(m, [17, 11]) == 17 and default_unit(m) == 5


def test_shaded_text_wraps_between_words_and_its_colours_ignore_one_spike():
    out = shaded_text_html("hello world", np.zeros(11))
    assert "break-all" not in out and "overflow-wrap: break-word" in out
    values = np.r_[np.full(99, 0.5), 40.0]
    assert robust_bound(values) < 1.0




def test_the_window_of_a_long_input_is_named_in_the_top_title_with_or_without_a_strip():
    with_strip = heatmaps(strip=True, window_note="steps 400–799 of 2000")
    assert "steps 400–799 of 2000" in with_strip.layout.annotations[0].text
    without = heatmaps(window_note="steps 400–799 of <2000>")
    assert without.layout.annotations[0].text.endswith("steps 400–799 of &lt;2000&gt;</span>")
    assert "steps" not in heatmaps().layout.annotations[0].text
