"""/cell in Chromium: the diagram is drawn with a value on every wire, a preset click changes what it shows,
and at 1280x720 (a projector) the diagram and the sliders fit side by side with diagram text of 14 px or more."""
import pytest

from tests.browser.conftest import assert_no_traceback, wait_idle

pytestmark = pytest.mark.browser

DIAGRAM = ".lx-cell-diagram"
TAG_TEXT = """name => document.querySelector(`.lx-cell-diagram g.lx-label[data-name="${name}"]`)?.textContent"""


def open_cell(page, url, query=""):
    page.goto(f"{url}/cell{query}")
    wait_idle(page)
    page.wait_for_selector(DIAGRAM)


def tag(page, name):
    return page.evaluate(f"({TAG_TEXT})('{name}')")


def test_the_page_draws_the_cell_with_a_value_on_every_wire(page, app_url):
    open_cell(page, app_url)
    drawn = page.evaluate("""() => [...document.querySelectorAll('.lx-cell-diagram g.lx-wire[data-value]')]
                                   .map(g => g.dataset.name)""")
    assert {"x", "h_prev", "c_prev", "f", "i", "g", "o", "fc", "ig", "c", "tanh_c", "h"} <= set(drawn)
    assert tag(page, "f") == "f = 0.953"                  # the default: f = σ(3)
    assert page.locator(f"{DIAGRAM} g.lx-wire path").first.is_visible()
    assert page.locator(DIAGRAM).bounding_box()["width"] > 500
    assert_no_traceback(page)
    assert page.outside_requests == []


def test_a_preset_click_changes_the_values_on_the_wires(page, app_url):
    open_cell(page, app_url)
    before = tag(page, "f")
    page.get_by_role("button", name="Remember").click()
    page.wait_for_function(f"({TAG_TEXT})('f') === 'f = 0.998'")
    wait_idle(page)
    assert before != tag(page, "f")
    assert tag(page, "c") == "ct = 0.800" and tag(page, "c_prev") == "ct−1 = 0.800"
    assert page.get_by_test_id("stAlertContentInfo").first.inner_text().startswith("Remember")


TEXT_SIZES = """() => {
    const svg = document.querySelector('.lx-cell-diagram');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('tspan')].filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
}"""


@pytest.mark.parametrize("lang,query", [("en", ""), ("zh", "&view=projector")], ids=["en", "zh-projector"])
def test_at_1280x720_diagram_and_sliders_fit_side_by_side_with_readable_text(browser, app_url, lang, query):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        open_cell(page, app_url, f"?lang={lang}{query}")
        if query:                                           # projector mode's style has arrived: titles hidden
            page.wait_for_function("[...document.querySelectorAll('.stMain h1')].every("
                                   "h => getComputedStyle(h).display === 'none')")
        diagram = page.locator(DIAGRAM).bounding_box()
        slider = page.locator("[data-testid=stMain] [data-testid=stSlider]").first.bounding_box()
        assert diagram["y"] + diagram["height"] <= 720 and slider["y"] + slider["height"] <= 720
        assert slider["x"] + slider["width"] <= diagram["x"]                     # side by side
        sizes = page.evaluate(TEXT_SIZES)
        assert len(sizes) > 20 and min(sizes) >= 14, min(sizes)
        assert_no_traceback(page)
    finally:
        context.close()
