"""Long series: checkpointed windows give exactly the engine's numbers; the display summary keeps the range."""
import numpy as np
import pytest

from lstm_core.bundled import load_bundled
from viz.long_series import forecasts_and_checkpoints, summarise, window_trace


@pytest.fixture(scope="module")
def model():
    return load_bundled("series_sine")


@pytest.fixture(scope="module")
def values():
    t = np.arange(5_000)
    return np.sin(t / 25) + 0.1 * np.random.default_rng(0).normal(size=t.size)


def test_one_pass_gives_the_engines_forecasts(model, values):
    forecasts, checkpoints = forecasts_and_checkpoints(model, values, every=1000)
    np.testing.assert_allclose(forecasts, model.run_series(values, record=False)[1], rtol=1e-5, atol=1e-6)
    assert len(checkpoints) == 5 and checkpoints[0] == (None, None)


@pytest.mark.parametrize("start", [0, 999, 1000, 3456, 4800])
def test_a_window_from_the_nearest_checkpoint_equals_the_engines_window(model, values, start):
    _, checkpoints = forecasts_and_checkpoints(model, values, every=1000)
    ours = window_trace(model, values, start, 200, checkpoints, every=1000).gates()
    theirs = model.series_window(values, start, 200)[0].gates()
    assert ours["c"].shape == theirs["c"].shape == (min(200, len(values) - start), model.net.config.hidden_size)
    for name in ("f", "c", "h"):
        np.testing.assert_allclose(ours[name], theirs[name], rtol=1e-4, atol=1e-5)


def test_a_short_series_is_drawn_whole():
    x, v, f, band = summarise(np.arange(10), np.arange(10.0), np.arange(10.0))
    assert band is None and len(v) == 10


def test_a_long_series_is_drawn_as_buckets_with_their_mean_and_range():
    values = np.arange(100_000, dtype=float)
    x, v, f, (low, high) = summarise(np.arange(100_000), values, values * 2, points=2000)
    assert len(x) == len(v) == len(low) == 2000
    assert (x[0], x[1], low[1], high[1]) == (0, 50, 50, 99) and v[1] == pytest.approx(74.5)
    assert f[1] == pytest.approx(149.0)


# ------------------------------------------------------------------ long uploads: what is cut is said in the page

from app_pages.strings import EN, ZH  # noqa: E402
from tests.stepping import frames  # noqa: E402
from tests.test_app_models import model_page, net_file, upload  # noqa: E402
from tests.test_app_pages import open_page  # noqa: E402
from tests.test_uploads import chinese_excel, stock_download  # noqa: E402
from viz.text_view import md_escape  # noqa: E402


def upload_series(at, data, name="data.csv"):
    at.radio(key="series_source").set_value("upload").run()
    at.file_uploader(key="csv").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def infos(at):
    return "\n".join(i.value for i in at.info)


def said(table, key, **details):
    """A note as the page writes it: what came from the file made literal Markdown."""
    return table[key].format(**{k: md_escape(v) if isinstance(v, str) else v for k, v in details.items()})


def test_fifty_thousand_uploaded_points_say_exactly_which_the_forecaster_trains_on():
    t = np.arange(50_000)
    data = ("t,value\n" + "".join(f"{k},{np.sin(k / 40):.4f}\n" for k in t)).encode()
    at = upload_series(open_page("series"), data)
    prompt = EN["train_prompt_capped"].format(cap=20_000, train=16_000, points=50_000, held=34_000)
    assert prompt in infos(at)
    assert "first 16,000 of the 50,000 points" in prompt and "80%" in prompt
    at.button(key="train").click().run()
    assert not at.exception
    trained = at.session_state["_uploaded_models"]
    assert [m.card.train_points for m in trained.values()] == [16_000]       # what the prompt said
    captions = " ".join(c.value for c in at.caption)
    assert EN["trained_on"].format(train=16_000, points=50_000) in captions
    assert "held-out last 34,000 points" in captions


def test_a_stock_download_forecasts_close_by_date_and_the_page_says_why():
    at = upload_series(open_page("series"), stock_download())
    assert at.selectbox(key="value_column").value == "Close"
    assert at.selectbox(key="time_column").value == "Date"
    shown = infos(at)
    assert said(EN, "csv_value_named", column="Close") in shown
    assert said(EN, "csv_time_dates", column="Date", example="2023-03-01") in shown
    at.selectbox(key="value_column").set_value("Volume").run()               # the user can always pick
    assert not at.exception and said(EN, "csv_value_named", column="Close") not in infos(at)


def test_a_chinese_excel_file_is_read_and_explained_in_chinese():
    at = upload_series(open_page("series", lang="zh"), chinese_excel())
    assert at.selectbox(key="value_column").value == "销售额" and at.selectbox(key="time_column").value == "日期"
    shown = infos(at)
    assert ZH["csv_read_title"] in shown and ZH["csv_encoding_gb18030"] in shown
    assert said(ZH, "csv_time_dates", column="日期", example="2023/1/1") in shown
    assert ZH["train_prompt"].format(train=48, points=60, held=12) in shown


def test_a_one_column_file_without_header_keeps_its_first_value_and_says_so():
    data = "".join(f"{k % 7 + 0.5}\n" for k in range(40)).encode()
    at = upload_series(open_page("series"), data)
    assert said(EN, "csv_no_header", first="0.5", count=1) in infos(at)
    assert EN["train_prompt"].format(train=32, points=40, held=8) in infos(at)       # 40 values, not 39


def test_the_models_page_says_it_reads_the_first_400_of_the_rows():
    at = upload(model_page(), net_file(bidirectional=False, layers=1)[1], "gru.safetensors")
    at.radio(key="input_source").set_value("csv").run()
    rows = "\n".join(f"{k},{k * 0.1:.2f},{-k},{k % 3}" for k in range(50_000))
    at.file_uploader(key="inputs_csv").set_value(("x.csv", f"step,a,b,c\n{rows}".encode(), "text/csv")).run()
    assert not at.exception and not at.error
    assert frames(at)["n"] == 400
    shown = infos(at)
    assert EN["csv_inputs_cut"].format(rows=50_000, limit=400) in shown
    assert EN["csv_inputs_columns"].format(columns="“step”, “a”, “b”", d=3) in shown


@pytest.mark.parametrize("lang,character", [("en", "haracter"), ("zh", "字符")])
def test_the_series_heatmap_note_calls_its_labels_labels_not_characters(lang, character):
    at = open_page("series", lang=lang, model="series_co2")                  # 400 steps: every k-th labelled
    notes = [c.value for c in at.caption if c.value.startswith(("Labels are shown every", "每隔"))]
    assert len(notes) == 1 and character not in notes[0]


def test_a_cell_that_is_no_number_is_quoted_from_its_line_and_the_reading_is_still_said():
    rows = [f"{k},{k % 5}.5" for k in range(40)]
    rows[20] = "20,$x$ *n/a*"                                     # Markdown and LaTeX in a cell stay literal
    data = ("# exported by logger 7\nt,value\n" + "\n".join(rows) + "\n").encode()
    at = upload_series(open_page("series"), data)
    assert at.error[0].value == said(EN, "err_not_numbers", column="value", count=1, row=23, cell="$x$ *n/a*")
    assert "\\$x\\$" in at.error[0].value
    assert said(EN, "csv_comments", count=1, first=1, last=1) in infos(at)             # still said


def test_an_upload_and_its_trained_model_stay_after_a_round_trip_to_another_page_until_forgotten():
    """Was: after /sentence and back, /series showed the bundled series: the upload, the source choice and the
    model trained on it were lost."""
    at = open_page("series")
    data = "t,value\n" + "".join(f"{k},{np.sin(k / 8) + 0.01 * k:.4f}\n" for k in range(200))
    upload_series(at, data.encode(), name="mine.csv")
    at.button(key="train").click().run()
    assert not at.exception and not [b for b in at.button if b.key == "train"]
    at.switch_page("app_pages/sentence.py").run()
    at.switch_page("app_pages/series.py").run()
    assert not at.exception
    assert at.radio(key="series_source").value == "upload"
    assert said(EN, "csv_kept", file="mine.csv") in infos(at)
    assert not [b for b in at.button if b.key == "train"]                     # the trained model is still there
    at.button(key="csv_forget").click().run()
    assert EN["upload_prompt"] in infos(at) and not at.exception
