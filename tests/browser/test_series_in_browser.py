"""/series in Chromium: bundled series, the window slider, a CSV trained in the page, a file over the upload limit."""
import math
import re

import pytest

from app_pages.strings import ZH, t
from readers.series_csv import MAX_CSV_MB
from tests.browser.conftest import ARTIFACTS, assert_no_traceback, open_app, upload, wait_idle
from tests.test_uploads import chinese_excel

pytestmark = pytest.mark.browser

# The forecast figure's truth line: how many points it draws, its first time label (points sit at positions 0..n-1,
# labelled by their customdata), and the shaded window's start (a position).
FIGURE = """(() => {
  const gd = document.querySelector('.st-key-series_figure .js-plotly-plot');
  const truth = gd?._fullData?.[0];
  return truth ? {points: truth.x.length, first: String(truth.customdata[0]),
                  window: gd._fullLayout.shapes[0]?.x0 ?? null}
               : null;
})()"""
BUNDLED = {  # option shown in the selector -> (points, first label) of its CSV in data/series/
    "Sunspots 1700–2008": (309, "1700"),
    "Mauna Loa CO₂ 1958–2001": (526, "1958-03"),
    "Noisy sine (synthetic)": (600, "0"),
    "Airline passengers 1949–1960": (144, "1949-01"),
}
ROWS = 120                 # of the small CSV a user uploads
UPLOAD_LIMIT_MB = MAX_CSV_MB              # the CSV uploader's own limit (the server caps requests higher)


def figure_shows(page, points, first):
    page.wait_for_function(f"{FIGURE}?.points === {points} && {FIGURE}?.first === '{first}'")


def pick_series(page, option):
    page.locator(".st-key-model").click()
    page.get_by_role("option", name=option, exact=True).click()


def write_sine_csv(path, rows=ROWS, note=""):
    """A good series CSV; a long `note` column makes the file large without making it less valid."""
    path.write_text("t,value,note\n" + "".join(f"{i},{math.sin(i / 5):.4f},{note}\n" for i in range(rows)))
    return path


def upload_series(page, csv, lang):
    """Switch the series source to an upload and drop the CSV; wait until the page offers to train on it."""
    page.locator(".st-key-series_source").get_by_text(t("source_upload", lang)).click()
    wait_idle(page)
    upload(page, csv)
    page.get_by_role("button", name=t("train_button", lang)).wait_for()
    wait_idle(page)


def train(page, lang):
    page.get_by_role("button", name=t("train_button", lang)).click()
    figure_shows(page, ROWS, "0")
    wait_idle(page)


def test_picking_each_bundled_series_redraws_the_forecast_figure_with_that_series(page, app_url):
    open_app(page, f"{app_url}/series")
    figure_shows(page, 144, "1949-01")
    for option, (points, first) in BUNDLED.items():
        pick_series(page, option)
        figure_shows(page, points, first)
        wait_idle(page)
    assert_no_traceback(page)


def test_moving_the_window_start_shifts_the_shaded_window_and_the_gates_below(page, app_url):
    open_app(page, f"{app_url}/series?model=series_co2")
    page.wait_for_function(f"{FIGURE}?.window === 0")                   # shaded from the window's first point
    page.get_by_role("heading", name="Gates over steps 0–399").wait_for()
    slider = page.get_by_role("slider", name="Window start")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"{FIGURE}?.window === 1")
    page.get_by_role("heading", name="Gates over steps 1–400").wait_for()
    page.wait_for_url(re.compile(r"[?&]window_start=1(&|$)"))         # a link reopens this window


def test_an_uploaded_csv_is_drawn_then_trained_on_and_its_forecast_stepped_through(page, app_url, tmp_path):
    open_app(page, f"{app_url}/series")
    upload_series(page, write_sine_csv(tmp_path / "sine.csv"), "en")
    assert page.get_by_text("No model knows this series yet").count() == 1
    page.wait_for_selector(".js-plotly-plot")                           # the series is drawn before training
    train(page, "en")
    page.get_by_role("heading", name=f"Gates over steps 0–{ROWS - 1}").wait_for()
    page.wait_for_selector(".st-key-heatmaps_box .js-plotly-plot")
    assert_no_traceback(page)


def test_a_file_over_the_upload_limit_is_refused_and_the_trained_forecast_stays(page, app_url, tmp_path):
    """Streamlit's front end refuses the file before the server sees it: its only message is English, in a
    tooltip on the refused file. The screenshot shows what a Chinese user sees."""
    open_app(page, f"{app_url}/series?lang=zh")
    upload_series(page, write_sine_csv(tmp_path / "good.csv"), "zh")
    train(page, "zh")
    big = write_sine_csv(tmp_path / "big.csv", rows=90_000, note="x" * 60)    # valid, under 100,000 rows
    assert big.stat().st_size > UPLOAD_LIMIT_MB << 20
    upload(page, big)
    refused = page.get_by_test_id("stTooltipErrorHoverTarget")
    refused.hover()
    tooltip = page.get_by_test_id("stTooltipErrorContent")
    tooltip.wait_for()
    assert tooltip.inner_text() == f"File must be {UPLOAD_LIMIT_MB:.1f}MB or smaller."
    page.screenshot(path=str(ARTIFACTS / "over_limit_upload_zh.png"), animations="disabled")
    assert "big.csv" in refused.inner_text()
    wait_idle(page)
    assert page.evaluate(FIGURE)["points"] == ROWS                     # the trained upload is still shown
    page.get_by_role("heading", name=f"第 0–{ROWS - 1} 步的门").wait_for()
    assert page.get_by_text(ZH["upload_limit"].format(mb=UPLOAD_LIMIT_MB)).count() == 1    # said in Chinese
    assert_no_traceback(page)


def test_a_chinese_excel_csv_in_gbk_is_read_and_explained_in_chinese(page, app_url, tmp_path):
    """A GBK file as Chinese Excel saves it: its headers are Chinese, 销售额 is forecast by 日期, and how the file was
    read (encoding, decimal mark, columns, time axis, what training uses) is said in Chinese in the page."""
    csv = tmp_path / "销售.csv"
    csv.write_bytes(chinese_excel(ROWS))
    open_app(page, f"{app_url}/series?lang=zh")
    upload_series(page, csv, "zh")
    figure_shows(page, ROWS, "2023/1/1")                                # dates on the axis, not 0..119
    box = page.get_by_test_id("stAlertContentInfo").filter(has_text=ZH["csv_read_title"])
    box.wait_for()
    said = box.inner_text()
    assert ZH["csv_encoding_gb18030"] in said
    assert ZH["csv_value_named"].format(column="销售额") in said
    assert ZH["csv_time_dates"].format(column="日期", example="2023/1/1") in said
    assert page.locator(".st-key-value_column input").input_value() == "销售额"   # not ÏúÊÛ¶î: GBK read as Latin-1
    assert page.locator(".st-key-time_column input").input_value() == "日期"
    page.get_by_text(ZH["train_prompt"].format(train=96, points=ROWS, held=24)).wait_for()
    page.screenshot(path=str(ARTIFACTS / "gbk_csv_zh.png"), full_page=True, animations="disabled")
    assert_no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_upload_and_its_forecast_stay_after_a_round_trip_to_another_page(page, app_url, tmp_path, lang):
    """Was: back from another page, /series showed the bundled series and the trained forecast was gone."""
    open_app(page, f"{app_url}/series?lang={lang}")
    upload_series(page, write_sine_csv(tmp_path / "mine.csv"), lang)
    train(page, lang)
    page.get_by_role("button", name=t("train_button", lang)).wait_for(state="detached")   # trained (the series
    wait_idle(page)                                                               # is drawn before training too)
    page.get_by_role("link", name=t("nav_sentence", lang)).click()
    page.wait_for_selector(".js-plotly-plot")
    wait_idle(page)
    page.get_by_role("link", name=t("nav_series", lang)).click()
    page.get_by_text(t("csv_kept", lang, file="mine.csv").replace("**", "")).wait_for()
    figure_shows(page, ROWS, "0")                               # the upload's forecast, not a bundled series
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / f"series_round_trip_{lang}.png"), full_page=True)
    assert page.get_by_role("button", name=t("train_button", lang)).count() == 0     # its model stayed
    assert_no_traceback(page)
    page.get_by_role("button", name=t("csv_forget", lang)).click()
    page.get_by_text(t("upload_prompt", lang)).wait_for()
