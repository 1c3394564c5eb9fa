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
