"""Every page in projector mode at 1280x720, in English and Chinese: nothing drawn over anything else."""
import pytest

from tests.browser.conftest import ARTIFACTS, assert_no_traceback, wait_idle

pytestmark = pytest.mark.browser

# Elements whose content is taller than the box the page gives them: what follows is drawn over their last lines
# (a heading whose box was 10 px for 26 px of text had the chart below drawn over it).
OVERLAPPED = """[...document.querySelectorAll('.stMain [data-testid=stElementContainer]')]
  .filter(c => c.clientHeight > 0 && c.querySelector('[data-testid=stHeading]')
               && c.scrollHeight > c.clientHeight + 2)
  .map(c => [c.innerText.slice(0, 40), c.clientHeight, c.scrollHeight])"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", ["", "learn", "compare", "cell"])
def test_headings_are_not_drawn_over_in_projector_mode(browser, app_url, path, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/{path}?view=projector&lang={lang}")
    page.wait_for_function("(() => { const h = document.querySelector('.stMain h1');"
                           " return h && getComputedStyle(h).display === 'none'; })()")   # projector CSS applied
    page.locator(".stMain h3").first.wait_for()
    wait_idle(page)
    assert page.evaluate(OVERLAPPED) == []
    assert_no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / f"projector_{path or 'home'}_{lang}.png"))
    page.close()


# Labels in a bar of controls that are cut: text in a box narrower than itself that ends it with "..." (the
# popovers' labels are such boxes: Streamlit's stMarkdownEllipsis).
CUT = """[...document.querySelectorAll('.stMain [class*="st-key-lx_bar"] [data-testid=stColumn] *')]
  .filter(e => e.offsetParent && getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", ["sentence", "series"])
def test_with_the_sidebar_open_the_bar_of_controls_wraps_rather_than_cut_its_labels(browser, app_url, path, lang):
    """Was: at 1280x720 with the sidebar open, /sentence's bar read "Continue th..." and "Rows and col..."."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/{path}?view=projector&lang={lang}")
    page.locator(".stMain [class*='st-key-lx_bar']").first.wait_for()
    wait_idle(page)
    page.locator("[data-testid=stExpandSidebarButton]").first.click()
    page.wait_for_function("(() => { const r = document.querySelector('[data-testid=stSidebar]')"
                           "?.getBoundingClientRect(); return r && r.left >= 0 && r.width > 200; })()")
    page.wait_for_timeout(600)                          # the main column settles at its new width
    assert page.evaluate(CUT) == []
    assert_no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / f"projector_sidebar_{path}_{lang}.png"))
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", ["sentence", "series", "models"])
def test_the_heatmaps_and_the_step_bar_start_on_the_first_screen(browser, app_url, path, lang):
    """Was: /models in projector mode showed its help, the uploader and the card on the whole first screen."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/{path}?view=projector&lang={lang}")
    chart = page.locator(".st-key-heatmaps_box [data-testid=stPlotlyChart]")
    chart.wait_for()
    wait_idle(page)
    bar = page.locator(".lx-step-root").first
    bar.wait_for()
    assert chart.bounding_box()["y"] < 720 - 150 and bar.bounding_box()["y"] < 720 - 60
    assert_no_traceback(page)
    page.close()
