"""The app in headless Chromium: type, step, upload, switch language, deep links, nothing from outside."""
import pytest

from app_pages.strings import EN
from tests.browser.conftest import HEATMAP_COLUMNS, assert_no_traceback, open_app, type_sentence, upload, wait_idle

pytestmark = pytest.mark.browser

# The step cursor is a CSS line over the heatmaps: read back the step of the heatmap column Plotly draws
# under its centre (column labels are "<step> <token>"), or -1 if the line is not centred on a column.
CURSOR_X = """(() => {
  const box = document.querySelector('.st-key-heatmaps_box [data-testid=stPlotlyChart]');
  const gd = box?.querySelector('.js-plotly-plot');
  if (!gd?._fullLayout) return -2;
  const line = getComputedStyle(box, '::after');
  const xa = gd._fullLayout.xaxis;
  const position = xa.p2l(parseFloat(line.left) + parseFloat(line.width) / 2 - gd._fullLayout._size.l);
  if (Math.abs(position - Math.round(position)) > 0.05) return -1;
  return parseInt(xa._categories[Math.round(position)]);
})()"""
TICKS = "document.querySelector('.js-plotly-plot').layout.xaxis.ticktext"      # the f heatmap's characters


def test_typing_a_sentence_with_repeated_letters_draws_one_column_per_character(page, app_url):
    open_app(page, f"{app_url}/sentence")
    type_sentence(page, "bookkeeper <b>")
    assert page.evaluate(TICKS)[:10] == list("bookkeeper")
    assert_no_traceback(page)
    assert page.outside_requests == []


def test_stepping_past_the_heatmaps_window_draws_the_next_window_with_the_cursor_on_its_step(page, app_url):
    from urllib.parse import quote
    text = ("the quick brown fox " * 30)[:600]                  # windows of 400 steps, moving by 200
    open_app(page, f"{app_url}/sentence?step=299&text={quote(text)}")
    page.wait_for_function(f"{CURSOR_X} === 299")
    slider = page.get_by_role("slider", name="Step t")
    slider.focus()
    slider.press("ArrowRight")                                  # step 300 opens the window 200..599
    page.wait_for_function(f"{CURSOR_X} === 300")
    page.get_by_role("button", name=EN["first_step"]).click()               # a jump out of it: the window 0..399 again
    page.wait_for_function(f"{CURSOR_X} === 0")
    page.get_by_role("button", name=EN["last_step"]).click()               # and to the end, outside the window 0..399
    page.wait_for_function(f"{CURSOR_X} === 599")
    wait_idle(page)
    assert page.evaluate(HEATMAP_COLUMNS) == 400 and "step=599" in page.url
    assert "at step 599" in page.locator(".lx-cell-panel").text_content()
    assert_no_traceback(page)


def test_moving_the_step_moves_the_cursor(page, app_url):
    open_app(page, f"{app_url}/sentence?step=3")
    assert page.evaluate(CURSOR_X) == 3
    slider = page.get_by_role("slider", name="Step t")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"{CURSOR_X} === 4")
    page.get_by_role("button", name=EN["next"], exact=True).click()
    page.wait_for_function(f"{CURSOR_X} === 5")


def test_play_advances_the_step_by_itself(page, app_url):
    open_app(page, f"{app_url}/sentence?step=0")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(f"{CURSOR_X} >= 2", timeout=15_000)
    page.get_by_role("button", name="Pause").click()


def test_a_bad_csv_upload_shows_an_error_and_no_traceback(page, app_url, tmp_path):
    open_app(page, f"{app_url}/series")
    page.get_by_text("upload a CSV").click()
    wait_idle(page)
    bad = tmp_path / "data.csv"
    bad.write_bytes(bytes(range(256)) * 10)
    upload(page, bad)
    error = page.get_by_test_id("stAlertContentError")
    error.wait_for()
    assert "does not look like a CSV" in error.inner_text()
    assert_no_traceback(page)


def test_switching_to_chinese_translates_titles_and_menu(page, app_url):
    open_app(page, f"{app_url}/sentence")
    page.get_by_text("简体中文").click()
    page.get_by_role("heading", name="逐步查看一个句子").wait_for()
    assert page.get_by_role("link", name="时间序列").count() == 1


def test_a_deep_link_opens_the_page_with_our_menu(page, app_url):
    open_app(page, f"{app_url}/series?lang=zh")
    page.get_by_role("heading", name="逐步查看时间序列").wait_for()
    for title in ("概览", "句子", "时间序列"):
        assert page.get_by_role("link", name=title).count() == 1
    assert page.outside_requests == []


UNIT_HANDLE = """(row) => {
  const gd = document.querySelector('.st-key-heatmaps_box .js-plotly-plot');
  const dots = gd._fullData.find(t => t.name === 'units');
  const xa = gd._fullLayout[dots.xaxis.replace('x', 'xaxis')], ya = gd._fullLayout[dots.yaxis.replace('y', 'yaxis')];
  const box = gd.getBoundingClientRect();
  return {x: box.left + xa._offset + xa.c2p(dots.x[row]), y: box.top + ya._offset + ya.c2p(row),
          unit: dots.customdata[row]};
}"""


@pytest.mark.parametrize("view", ["desk", "projector"])
def test_clicking_a_unit_handle_on_a_heatmap_follows_that_unit_until_another_is_picked(page, app_url, view):
    # at a desk the heatmaps are drawn outside the step fragment, in projector mode inside it
    open_app(page, f"{app_url}/sentence?unit=3" + ("&view=projector" if view == "projector" else ""))
    handle = page.evaluate(UNIT_HANDLE, 4)
    page.mouse.move(handle["x"], handle["y"])
    assert f"unit {handle['unit']}: click to follow it" in page.locator(".hoverlayer").text_content()
    page.mouse.click(handle["x"], handle["y"])
    page.get_by_role("heading", name=f"Text coloured by unit {handle['unit']} (c)").wait_for()
    assert f"unit={handle['unit']}" in page.url
    wait_idle(page)
    page.get_by_role("slider", name="Step t").focus()
    page.get_by_role("slider", name="Step t").press("ArrowRight")        # a later rerun keeps the unit
    page.wait_for_function(f"{CURSOR_X} === 1")
    wait_idle(page)
    assert page.get_by_role("heading", name=f"Text coloured by unit {handle['unit']} (c)").count() == 1
    assert_no_traceback(page)


def test_a_page_keeps_its_sentence_and_step_when_the_reader_comes_back(page, app_url):
    open_app(page, f"{app_url}/sentence")
    type_sentence(page, "a cat sat")
    page.get_by_role("button", name=EN["next"], exact=True).click()
    page.wait_for_function(f"{CURSOR_X} === 1")
    page.wait_for_url("**step=1**")                     # the server learns the step when stepping pauses
    wait_idle(page)
    page.get_by_role("link", name="Time series").click()
    page.get_by_role("heading", name="Step through a time series").wait_for()
    wait_idle(page)
    assert "text=" not in page.url                     # the series page's link carries only its own view
    page.get_by_role("link", name="Sentence").click()
    page.get_by_role("heading", name="Step through a sentence").wait_for()
    page.wait_for_function(f"{HEATMAP_COLUMNS} === 9")
    assert page.get_by_role("textbox", name="Your sentence").input_value() == "a cat sat"
    page.wait_for_function(f"{CURSOR_X} === 1")
