"""Every page opens in Chromium in English and in Chinese, draws its figure, and shows no traceback."""
import pytest

from app_pages.strings import t
from tests.browser.conftest import assert_no_traceback, open_app

pytestmark = pytest.mark.browser

PAGES = {  # url path -> (title key, the figure the page draws)
    "": ("home_title", ".st-key-home_heatmap .js-plotly-plot"),
    "sentence": ("sentence_title", ".st-key-heatmaps_box .js-plotly-plot"),
    "series": ("series_title", ".st-key-series_figure .js-plotly-plot"),
}
HOME_EXAMPLE = "ROMEO:\nBut, soft! what light through yonder window breaks?\n"     # app_pages/home.py EXAMPLE["en"]
HOME_HEATMAP = """(() => {
  const z = document.querySelector('.st-key-home_heatmap .js-plotly-plot')?._fullData?.[0]?.z;
  return z ? [z.length, z[0].length] : null;
})()"""


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_every_page_opens_in_chinese_with_its_figure(page, app_url, path):
    title, figure = PAGES[path]
    open_app(page, f"{app_url}/{path}?lang=zh")
    page.get_by_role("heading", name=t(title, "zh"), exact=True).wait_for()
    page.wait_for_selector(figure)
    menu = page.get_by_test_id("stSidebarNav")
    for link in ("nav_home", "nav_sentence", "nav_series"):
        assert menu.get_by_role("link", name=t(link, "zh")).count() == 1
    assert page.get_by_text(t(title, "en"), exact=True).count() == 0
    assert_no_traceback(page)


def test_the_overview_draws_the_forget_gate_of_twelve_units_over_its_example(page, app_url):
    open_app(page, app_url)
    page.get_by_role("heading", name=t("home_title", "en"), exact=True).wait_for()
    page.get_by_role("heading", name=t("home_live", "en", text=HOME_EXAMPLE.strip().replace("\n", " "))).wait_for()
    assert page.evaluate(HOME_HEATMAP) == [12, len(HOME_EXAMPLE)]
    assert_no_traceback(page)
