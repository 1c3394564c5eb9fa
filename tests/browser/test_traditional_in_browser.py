"""Traditional characters typed on /sentence?lang=zh (the Tang model) in Chromium: the page says how many it
converted, the model reads them as simplified ones, and the labels show what was typed."""
import pytest

from app_pages.strings import ZH
from tests.browser.conftest import HEATMAP_COLUMNS, assert_no_traceback, open_app, wait_idle
from tests.test_chinese_script import SIMPLIFIED, TRADITIONAL

pytestmark = pytest.mark.browser

TICKS = """(() => { const gd = document.querySelector('.st-key-heatmaps_box .js-plotly-plot');
  return [gd._fullLayout.xaxis.ticktext, Array.from(gd.querySelectorAll('.xaxislayer-above .xtick text'))
          .map(t => t.textContent)]; })()"""


def test_a_poem_in_traditional_characters_is_read_as_simplified_and_shown_as_typed(page, app_url):
    open_app(page, f"{app_url}/sentence?lang=zh")
    box = page.get_by_role("textbox", name=ZH["type_sentence"])
    box.fill(TRADITIONAL)
    box.press("Control+Enter")
    page.wait_for_function(f"{HEATMAP_COLUMNS} === {len(TRADITIONAL)}")
    wait_idle(page)
    assert_no_traceback(page)
    notice = page.get_by_test_id("stAlertContentInfo").filter(has_text="OpenCC")
    assert notice.inner_text().strip() == ZH["converted_t2s"].format(count=30)
    assert page.locator(".lx-shaded").inner_text().replace("\n", "") == TRADITIONAL
    _, drawn = page.evaluate(TICKS)                      # the characters along the heatmap's axis
    typed_only = {ch for ch, s in zip(TRADITIONAL, SIMPLIFIED, strict=True) if ch != s}
    assert drawn and set("".join(drawn)) <= set(TRADITIONAL) | set("0123456789 ")
    assert set("".join(drawn)) & typed_only                # traditional characters, as typed
    unknown = page.get_by_test_id("stAlertContentWarning").filter(has_text=ZH["unknown_chars"].split("{")[0][:4])
    assert unknown.count() <= 1 and "幾" not in (unknown.inner_text() if unknown.count() else "")
