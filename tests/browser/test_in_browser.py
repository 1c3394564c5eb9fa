"""The app in headless Chromium: type, step, upload, switch language, deep links, nothing from outside."""
import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

HEATMAP_COLUMNS = "document.querySelector('.js-plotly-plot')._fullData[0].z[0].length"
CURSOR_X = "document.querySelector('.js-plotly-plot').layout.shapes[0].x0"
TICKS = "document.querySelector('.js-plotly-plot').layout.xaxis6.ticktext"


def open_app(page, url):
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(".js-plotly-plot")


def test_typing_a_sentence_with_repeated_letters_draws_one_column_per_character(page, app_url):
    open_app(page, f"{app_url}/sentence")
    box = page.get_by_role("textbox", name="Your sentence")
    box.fill("bookkeeper <b>")
    box.press("Enter")
    page.wait_for_function(f"{HEATMAP_COLUMNS} === 14")
    assert page.evaluate(TICKS)[:10] == list("bookkeeper")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.outside_requests == []


def test_moving_the_step_moves_the_cursor(page, app_url):
    open_app(page, f"{app_url}/sentence?step=3")
    assert page.evaluate(CURSOR_X) == 3
    slider = page.get_by_role("slider", name="Step t")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"{CURSOR_X} === 4")
    page.get_by_role("button", name="▶").click()
    page.wait_for_function(f"{CURSOR_X} === 5")


def test_play_advances_the_step_by_itself(page, app_url):
    open_app(page, f"{app_url}/sentence?step=0")
    page.get_by_text("Play", exact=True).click()
    page.wait_for_function(f"{CURSOR_X} >= 2", timeout=15_000)
    page.get_by_text("Play", exact=True).click()


def test_a_bad_csv_upload_shows_an_error_and_no_traceback(page, app_url, tmp_path):
    open_app(page, f"{app_url}/series")
    page.get_by_text("upload a CSV").click()
    wait_idle(page)
    bad = tmp_path / "data.csv"
    bad.write_bytes(bytes(range(256)) * 10)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    error = page.get_by_test_id("stAlertContentError")
    error.wait_for()
    assert "does not look like a CSV" in error.inner_text()
    assert page.locator("[data-testid=stException]").count() == 0


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
