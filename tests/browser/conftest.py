"""Start `streamlit run app.py` once per test session and give tests a headless Chromium page.

A failing test leaves a screenshot in artifacts/ (see pytest_runtest_makereport)."""
from pathlib import Path

import pytest

from tools.app_server import CHROMIUM, CHROMIUM_ARGS, ROOT, app_in_chromium, start_app, wait_idle  # noqa: F401

ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="session")
def app_url():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = start_app(ARTIFACTS / "streamlit.log")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = []

    def only_local(route):
        if route.request.url.startswith(app_url):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", only_local)
    pg = context.new_page()
    pg.outside_requests = outside
    yield pg
    if getattr(request.node, "failed", False):
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        item.failed = True


# columns of the first heatmap on the page (the forget strip's traces come first in the figure); null-safe
HEATMAP_COLUMNS = ("Array.from(document.querySelector('.js-plotly-plot')?._fullData ?? [])"
                   ".find(t => t.type === 'heatmap')?.z?.[0]?.length")


def type_sentence(page, text):
    """Type a text on /sentence, press Ctrl+Enter, and wait until its heatmaps have one column per character."""
    box = page.get_by_role("textbox", name="Your sentence")
    box.fill(text)
    box.press("Control+Enter")
    page.wait_for_function(f"{HEATMAP_COLUMNS} === {len(text)}")
    wait_idle(page)


def open_app(page, url):
    """Open a page of the app and wait until it has drawn its first figure."""
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(".js-plotly-plot")


def step_of(page):
    """The step the slider shows."""
    return int(page.get_by_role("slider", name="Step t").evaluate("el => el.getAttribute('aria-valuenow') ?? el.value"))


def upload(page, path):
    """Give the page's file uploader a file, as a user dropping it there."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def assert_no_traceback(page):
    assert page.locator("[data-testid=stException]").count() == 0
