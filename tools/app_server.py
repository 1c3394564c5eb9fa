"""The app served on localhost and a headless Chromium: what the browser tests (tests/browser/conftest.py) and the
measurement scripts in tools/ both need."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def wait_idle(page, timeout=30_000):
    """Wait until the app has finished its current run."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)


class FramesSent:
    """Counts the WebSocket frames a Playwright page sends to the server (a step taken in the browser sends none)."""

    def __init__(self, page):
        self.count = 0
        page.on("websocket", lambda ws: ws.on("framesent", self.add))

    def add(self, _):
        self.count += 1
