"""Stepping in the browser (app_pages/step_view.py) on /sentence, /series and /models, in English and Chinese:
keys, buttons, dragging the slider and Play move the cell panel and the heatmap cursor with no message to the
server; the step reaches the server once stepping pauses (one WebSocket frame), the URL then has it, and a
why-tool follows it. The panel's numbers are checked against the trace computed here with the engine."""
import re
from urllib.parse import parse_qs, urlparse

import numpy as np
import pandas as pd
import pytest

from app_pages.strings import EN, ZH
from lstm_core.bundled import BUNDLED, SERIES_DIR, load_bundled
from tests.browser.conftest import assert_no_traceback, open_app, wait_idle
from tests.browser.test_in_browser import CURSOR_X
from tools.app_server import FramesSent
from viz.long_series import forecasts_and_checkpoints, window_trace

pytestmark = pytest.mark.browser

EXAMPLE_TEXT = "Gates open and close as the model reads."          # app_pages/models.py's example input
WORDS = {"en": EN, "zh": ZH}
# The cell panel as the reader sees it: its title and {bar label: the number written beside the bar}.
PANEL = """(() => {
  const panel = document.querySelector('.lx-cell-panel');
  if (!panel) return null;
  const bars = {};
  panel.querySelectorAll('.lx-bar').forEach(row => {
    bars[row.querySelector('code').textContent] = row.querySelector('span').textContent; });
  return {title: panel.querySelector('.lx-cell-title').textContent, bars};
})()"""


def title_step(title):
    """(unit, step) named by the panel's title, in either language."""
    en = re.search(r"Unit (\d+).* at step (\d+)", title)
    if en:
        return int(en.group(1)), int(en.group(2))
    zh = re.search(r"第 (\d+) 步的单元 (\d+)", title)
    return int(zh.group(2)), int(zh.group(1))


def url_value(page, key):
    return parse_qs(urlparse(page.url).query).get(key, [None])[0]


def sentence_gates(page):
    model = load_bundled(url_value(page, "model"))
    text = page.locator("textarea").input_value()
    trace, _, _ = model.run_text(text)
    return trace.gates(0, 0)


def series_gates(page):
    name = url_value(page, "model")
    b = BUNDLED[name]
    values = pd.read_csv(SERIES_DIR.parent / b.data)[b.column].to_numpy(dtype=float)
    model = load_bundled(name)
    length = min(400, len(values))
    return window_trace(model, values, 0, length, forecasts_and_checkpoints(model, values)[1]).gates(0, 0)


def models_gates(page):
    trace, _, _ = load_bundled("char_shakespeare").run_text(EXAMPLE_TEXT)
    return trace.gates(0, 0)


PAGES = {"sentence": sentence_gates, "series": series_gates, "models": models_gates}


def expected_bars(gates, step, unit):
    g = {k: np.asarray(v, np.float32) for k, v in gates.items()}

    def prev(name):
        return float(g[name][step - 1, unit]) if step > 0 else 0.0
    return {"f": g["f"][step, unit], "i": g["i"][step, unit], "g": g["g"][step, unit], "o": g["o"][step, unit],
            "c(t)": g["c"][step, unit], "h(t)": g["h"][step, unit], "c(t-1)": prev("c"), "h(t-1)": prev("h")}


def wait_panel_at(page, step):
    page.wait_for_function(f"""(() => {{ const t = document.querySelector('.lx-cell-panel .lx-cell-title');
        return t && new RegExp('(at step {step}$|第 {step} 步)').test(t.textContent); }})()""")


def check_panel(page, gates, step):
    """The panel shows `step` with the engine's numbers, and the heatmap cursor is on its column."""
    wait_panel_at(page, step)
    panel = page.evaluate(PANEL)
    unit, shown = title_step(panel["title"])
    assert shown == step
    for label, value in expected_bars(gates, step, unit).items():
        assert panel["bars"][label] == f"{float(value):+.3f}", (label, step)
    page.wait_for_function(f"{CURSOR_X} === {step}")


def paused_at(page, sent, before, step):
    """One frame reaches the server after stepping pauses, and the URL then carries the step."""
    page.wait_for_function(f"new URLSearchParams(location.search).get('step') === '{step}'")
    wait_idle(page)
    assert sent.count - before == 1
    return sent.count


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(PAGES))
def test_keys_buttons_slider_and_play_step_in_the_browser_and_the_server_learns_the_paused_step(
        page, app_url, path, lang):
    sent = FramesSent(page)
    words = WORDS[lang]
    open_app(page, f"{app_url}/{path}?lang={lang}&step=2")
    page.wait_for_selector(".lx-cell-panel")
    gates = PAGES[path](page)
    n = len(gates["f"])
    check_panel(page, gates, 2)
    wait_idle(page)

    before = sent.count                                       # keys: three steps on, one back
    page.locator("h1").click()
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft"):
        page.keyboard.press(key)
    check_panel(page, gates, 4)
    assert sent.count == before                               # nothing went to the server while stepping
    if path == "sentence":                                    # the character at t is framed in the shaded text
        framed = "getComputedStyle(document.querySelector('.lx-shaded > span:nth-child({})')).outlineStyle"
        assert page.evaluate(framed.format(5)) == "solid" and page.evaluate(framed.format(4)) == "none"
    before = paused_at(page, sent, before, 4)

    page.keyboard.press("End")                                # Home and End
    check_panel(page, gates, n - 1)
    page.keyboard.press("Home")
    check_panel(page, gates, 0)
    assert sent.count == before
    before = paused_at(page, sent, before, 0)

    for name in ("next", "next", "next", "previous"):         # the buttons
        page.get_by_role("button", name=words[name], exact=True).click()
    check_panel(page, gates, 2)
    assert sent.count == before
    before = paused_at(page, sent, before, 2)

    slider = page.get_by_role("slider", name=words["step"])  # dragging the slider's thumb
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 2 / max(n - 1, 1) + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.up()
    dragged = int(slider.input_value())
    assert dragged > 2
    check_panel(page, gates, dragged)
    assert sent.count == before
    before = paused_at(page, sent, before, dragged)

    page.get_by_role("button", name="0.1 s").click()          # Play at 0.1 s a step, then Pause
    page.get_by_role("button", name=words["play"]).click()
    page.wait_for_function(f"window.__lxStepper.step >= {(dragged + 5) % n} || window.__lxStepper.step < {dragged}")
    assert sent.count == before                               # playing sends nothing
    page.get_by_role("button", name=words["pause"]).click()
    stopped = page.evaluate("window.__lxStepper.step")
    check_panel(page, gates, stopped)
    paused_at(page, sent, before, stopped)
    assert_no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_why_tool_follows_the_step_when_stepping_pauses(page, app_url, lang):
    open_app(page, f"{app_url}/sentence?lang={lang}&step=20")
    page.get_by_role("radio", name=WORDS[lang]["why_view_ledger"], exact=True).click()
    page.wait_for_selector('.lx-ledger[data-step="20"]')
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_panel_at(page, 22)
    page.wait_for_selector('.lx-ledger[data-step="22"]')     # after the pause, the ledger reads step 22
    assert page.locator('.lx-ledger[data-step="21"]').count() == 0
    assert_no_traceback(page)


def keydown_listeners(page):
    """How many keydown listeners the document has (Chrome DevTools Protocol)."""
    cdp = page.context.new_cdp_session(page)
    document = cdp.send("Runtime.evaluate", {"expression": "document"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": document})["listeners"]
    return sum(1 for listener in listeners if listener["type"] == "keydown")


def test_a_new_view_replaces_the_steppers_key_handler_and_one_press_is_one_step(page, app_url):
    """New frames for the stepper (another gate shown, a why-tool opened) run its script again; the old call's
    key handler must go, or the stale one answers the keys (and every press moves as many steps as calls)."""
    open_app(page, f"{app_url}/sentence?step=2")
    page.wait_for_selector(".lx-cell-panel")
    first = keydown_listeners(page)
    for gate in ("i", "o"):
        page.get_by_role("radio", name=gate, exact=True).click()
        wait_idle(page)
        page.wait_for_function(f"document.querySelector('.js-plotly-plot')?.data?.some(t => t.name === '{gate}')")
    page.get_by_role("radio", name=EN["why_view_ledger"], exact=True).click()
    page.wait_for_selector('.lx-ledger[data-step="2"]')
    assert keydown_listeners(page) == first
    page.get_by_role("button", name=EN["next"], exact=True).click()
    wait_panel_at(page, 3)
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    wait_panel_at(page, 4)
    page.wait_for_selector('.lx-ledger[data-step="4"]')
    assert page.evaluate("window.__lxStepper.step") == 4
    assert_no_traceback(page)


FRAMED_ON_SCREEN = """(step) => {
  const box = document.querySelector('.lx-shaded'), span = box?.children[step];
  if (!span) return null;
  const r = span.getBoundingClientRect(), b = box.getBoundingClientRect();
  return r.top >= Math.max(0, b.top) - 1 && r.bottom <= Math.min(innerHeight, b.bottom) + 1;
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_in_projector_mode_the_framed_character_stays_on_screen_as_the_step_moves(browser, app_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        open_app(page, f"{app_url}/sentence?view=projector&lang={lang}&step=106")
        page.wait_for_selector(".lx-shaded")
        n = page.evaluate("document.querySelector('.lx-shaded').children.length")
        for key, step in (("ArrowRight", min(107, n - 1)), ("End", n - 1), ("Home", 0)):
            page.keyboard.press(key)
            wait_panel_at(page, step)
            page.wait_for_function(FRAMED_ON_SCREEN, arg=step)      # inside the text's box, on the screen
        assert_no_traceback(page)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_erase_boxs_button_moves_the_browsers_stepper_to_the_erase(page, app_url, lang):
    """The server moves the step (the first view's 'go to the erase' button): the stepper in the browser takes it."""
    from lstm_core import analysis
    from lstm_core.bundled import DEFAULT_TEXT_MODEL
    from viz.text_view import named_erase

    model = load_bundled(DEFAULT_TEXT_MODEL[lang])
    gates = model.run_text(model.card.default_text)[0].gates()
    unit = model.card.units[0].unit
    erase = analysis.largest_erase(gates["f"], gates["c"], units=[unit]) or named_erase({(0, 0): gates},
                                                                                          model.card)[2]
    open_app(page, f"{app_url}/sentence?lang={lang}")
    page.locator(".st-key-erase_go button").click()
    page.wait_for_function(f"/{erase.step}(?!\\d)/.test(document.querySelector('.lx-cell-panel .lx-cell-title')"
                           f"?.textContent)")
    wait_idle(page)
    page.wait_for_function(f"/{erase.unit}/.test(document.querySelector('.lx-cell-panel .lx-cell-title')"
                           f"?.textContent)")
    wait_idle(page)
    # Was, in Chinese (where the erase is another named unit's): in 2 of 5 fresh sessions the step moved and the unit
    # did not (the stepper's echo of the moved step, sent at once, started a run carrying the unit box's old value)
    assert f"step={erase.step}" in page.url and f"unit={erase.unit}" in page.url
    assert page.locator(".st-key-unit input").input_value().startswith(str(erase.unit))
    assert_no_traceback(page)
