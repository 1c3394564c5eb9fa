"""The step-through explorer in Chromium: projector mode at 1280x720, keys, markup typed as text, a language switch.

What a class sees is measured in the page: bounding boxes against the viewport, computed font sizes, the SVG text
Plotly draws."""
import pytest

from app_pages.strings import EN, ZH
from tests.browser.conftest import (
    ARTIFACTS,
    HEATMAP_COLUMNS,
    assert_no_traceback,
    open_app,
    step_of,
    type_sentence,
    wait_idle,
)

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}

# The parts of the view a projector must show without scrolling, as page rectangles: the step controls, the
# forget strip (its bars), the f heatmap (its image), its characters along the top and along the bottom, the cell
# panel and the shaded text.
PARTS = """(() => {
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                      return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const gd = document.querySelector('.st-key-heatmaps_box .js-plotly-plot');
  const heat = gd.querySelector('.hm image');
  const ticks = sel => Array.from(gd.querySelectorAll(sel + ' text'));
  const span = list => { if (!list.length) return null; const rs = list.map(t => t.getBoundingClientRect());
    return {top: Math.min(...rs.map(r => r.top)), bottom: Math.max(...rs.map(r => r.bottom)),
            left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right))}; };
  return {
    slider: box(document.querySelector('.lx-step-bar input[type=range]')),
    next: box(document.querySelector('.lx-step-bar [data-move=next]')),
    play: box(document.querySelector('.lx-step-bar .lx-play')),
    strip: box(gd.querySelector('.scatterlayer .js-fill')),           // the mean forget gate's area
    heatmap: box(heat),
    top_characters: span(ticks('.overaxes-above .x2tick')),        // the top axis overlays the block
    bottom_characters: span(ticks('.xaxislayer-above .xtick')),
    cell_panel: box(document.querySelector('.lx-cell-panel')),
    shaded_text: box(document.querySelector('.lx-shaded')),
  };
})()"""
# The smallest computed font size among the texts a class must read.
SMALLEST_TEXT = """(() => {
  const sizes = [];
  const add = el => { if (el && el.textContent.trim()) sizes.push([parseFloat(getComputedStyle(el).fontSize),
                                                                   el.textContent.trim().slice(0, 30)]); };
  const gd = document.querySelector('.st-key-heatmaps_box .js-plotly-plot');
  gd.querySelectorAll('.xaxislayer-above .xtick text, .overaxes-above .x2tick text, .yaxislayer-above .ytick text')
    .forEach(add);
  document.querySelectorAll('.lx-cell-panel div, .lx-cell-panel code, .lx-cell-panel span, .lx-shaded span,'
                            + ' .lx-predictions code').forEach(add);
  sizes.sort((a, b) => a[0] - b[0]);
  return sizes[0];
})()"""
SVG_TICKS = """(selector) => Array.from(document.querySelectorAll(
  '.st-key-heatmaps_box .js-plotly-plot ' + selector + ' text')).map(t => t.textContent)"""


def open_projector(browser, url, path="sentence", query=""):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    open_app(page, f"{url}/{path}?view=projector{query}")
    page.wait_for_selector(".lx-shaded")
    return context, page


def test_projector_mode_fits_the_whole_step_view_on_one_1280x720_screen_in_large_text(browser, app_url):
    for lang in ("en", "zh"):
        context, page = open_projector(browser, app_url, query=f"&lang={lang}")
        try:
            assert page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true"   # folded away
            parts = page.evaluate(PARTS)
            page.screenshot(path=str(ARTIFACTS / f"projector_{lang}.png"))
            for name, rect in parts.items():
                assert rect is not None, f"{name} is not on the page"
                assert 0 <= rect["top"] and rect["bottom"] <= PROJECTOR["height"], (name, rect)   # no scrolling
                assert 0 <= rect["left"] and rect["right"] <= PROJECTOR["width"], (name, rect)
            assert parts["top_characters"]["bottom"] <= parts["heatmap"]["top"] + 1          # above the block
            assert parts["bottom_characters"]["top"] >= parts["heatmap"]["bottom"] - 1       # and below it
            size, text = page.evaluate(SMALLEST_TEXT)
            assert size >= 16, f"{text!r} is drawn at {size}px"
            assert_no_traceback(page)
        finally:
            context.close()


def test_projector_mode_survives_a_page_switch_and_the_toggle_turns_it_off(browser, app_url):
    context, page = open_projector(browser, app_url)
    try:
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_role("link", name="Time series").click()
        page.wait_for_selector(".st-key-series_figure .js-plotly-plot")    # (titles are hidden on a projector)
        wait_idle(page)
        page.wait_for_url("**/series?*view=projector*")
        page.get_by_role("link", name="Sentence").click()
        page.wait_for_selector(".lx-shaded")
        wait_idle(page)
        assert "view=projector" in page.url
        page.get_by_text(EN["projector"]).click()
        wait_idle(page)
        page.wait_for_function("!location.search.includes('view=projector')")
        assert_no_traceback(page)
    finally:
        context.close()


def test_arrows_home_end_and_space_step_and_play_but_not_while_typing(page, app_url):
    open_app(page, f"{app_url}/sentence?step=3")
    last = len(page.get_by_role("textbox", name="Your sentence").input_value()) - 1
    page.locator("h1").click()                                     # focus on the page, not in a widget
    for key, expected in (("ArrowRight", 4), ("ArrowRight", 5), ("ArrowLeft", 4), ("End", last), ("Home", 0)):
        page.keyboard.press(key)
        page.wait_for_function(f"document.querySelector('.lx-cell-panel')?.textContent.includes('at step {expected}')")
        wait_idle(page)
        assert step_of(page) == expected
    page.keyboard.press("Space")
    page.get_by_role("button", name="Pause").wait_for()
    page.wait_for_function("!document.querySelector('.lx-cell-panel').textContent.includes('at step 0')")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Play").wait_for()
    wait_idle(page)
    stopped = step_of(page)
    box = page.get_by_role("textbox", name="Your sentence")
    box.click()
    box.press("ArrowLeft")
    box.press("Space")                                             # typed into the box, not a play
    page.wait_for_timeout(800)
    assert step_of(page) == stopped and page.get_by_role("button", name="Play").count() == 1
    assert_no_traceback(page)


def test_a_sentence_of_markup_characters_is_shown_as_those_characters_everywhere(page, app_url):
    open_app(page, f"{app_url}/sentence")
    type_sentence(page, "<a&b>")
    for ticks in (".xaxislayer-above .xtick", ".overaxes-above .x2tick"):   # along the bottom and the top
        assert page.evaluate(SVG_TICKS, ticks) == ["<", "a", "&", "b", ">"]
    assert page.locator(".lx-shaded").text_content() == "<a&b>"
    assert page.locator(".js-plotly-plot a, .lx-shaded a, .lx-shaded b").count() == 0    # no element made of it
    assert_no_traceback(page)


def test_switching_language_on_the_page_translates_the_figure_and_the_panels(page, app_url):
    open_app(page, f"{app_url}/sentence")
    page.get_by_text("简体中文").click()
    page.get_by_role("heading", name=ZH["sentence_title"]).wait_for()
    page.wait_for_function("document.querySelector('.js-plotly-plot .annotation-text')?.textContent"
                           f".includes({ZH['strip_title']!r})")
    rows = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot .yaxislayer-above .ytick text'))"
                         ".map(t => t.textContent)")
    assert any(ZH["role_position_in_line"] in r for r in rows) and not any("position" in r for r in rows)
    assert ">单元</th>" in page.locator(".lx-cell-panel").inner_html()
    assert page.get_by_role("button", name=ZH["play"]).count() == 1
    assert_no_traceback(page)


def test_the_unit_box_keeps_the_unit_when_the_text_is_cleared_and_retyped(page, app_url):
    open_app(page, f"{app_url}/sentence?unit=58")
    box = page.get_by_role("textbox", name="Your sentence")
    box.fill("")
    box.press("Control+Enter")
    page.get_by_text(EN["empty_text"]).wait_for()
    wait_idle(page)
    type_sentence(page, "hello there")
    page.get_by_role("heading", name="Text coloured by unit 58 (c)").wait_for()
    assert page.locator(".st-key-unit input").input_value().startswith("58")     # the box says it too
    page.wait_for_function(f"{HEATMAP_COLUMNS} === 11")
    assert_no_traceback(page)


def test_the_poetry_model_continues_the_couplet_from_its_popover_and_a_popovers_choice_stays(page, app_url):
    open_app(page, f"{app_url}/sentence?lang=zh")
    poem = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
    box = page.get_by_role("textbox", name=ZH["type_sentence"])
    assert box.input_value() == poem
    page.get_by_role("button", name=ZH["continue_title"]).click()         # drawn when opened: the page reruns
    page.get_by_role("button", name=ZH["continue_button"]).click()        # 120 characters at temperature 0.8
    page.wait_for_function(f"document.querySelector('textarea').value.length > {len(poem)}")
    wait_idle(page)
    text = box.input_value()
    assert text.startswith(poem) and len(text) == len(poem) + 120
    step = page.get_by_role("slider", name=ZH["step"])
    assert step.evaluate("el => el.getAttribute('aria-valuenow') ?? el.value") == str(len(poem))   # its first
    page.keyboard.press("Escape")
    page.get_by_role("button", name=ZH["rows_title"]).click()
    page.get_by_text("h", exact=True).last.click()                       # shade the text by h
    page.get_by_text(ZH["shaded_title"].format(unit=196, state="h")).wait_for()
    page.keyboard.press("Escape")
    step.focus()
    step.press("ArrowRight")                                              # the popover is closed and not drawn
    page.wait_for_function(f"document.querySelector('.lx-cell-panel').textContent.includes('{len(poem) + 1}')")
    wait_idle(page)
    assert page.get_by_text(ZH["shaded_title"].format(unit=196, state="h")).is_visible()
    assert_no_traceback(page)
