"""Start `streamlit run app.py` once per test session and give tests a headless Chromium page.

A failing test leaves a screenshot in artifacts/ (see pytest_runtest_makereport)."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(log_path, script="app.py"):
    port = free_port()
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
                             f"--server.port={port}", "--server.address=127.0.0.1",
                             "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {Path(log_path).read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return proc, url
        except OSError:
            pass
        try:
            proc.wait(timeout=0.1)               # returns at once if the server died; else polls again
        except subprocess.TimeoutExpired:
            pass
    proc.terminate()
    raise RuntimeError(f"streamlit did not answer in 60 s: {Path(log_path).read_text()}")


@contextlib.contextmanager
def app_in_chromium(log_path, script="app.py"):
    """For scripts (benchmarks, screenshots): a running app (or another script run the same way) and a
    headless Chromium -> (browser, url)."""
    from playwright.sync_api import sync_playwright
    proc, url = start_app(log_path, script)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser, url
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


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


def wait_idle(page, timeout=30_000):
    """Wait until the app has finished its current run."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)


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
