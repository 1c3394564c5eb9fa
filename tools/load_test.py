"""A classroom at once: `python tools/load_test.py [--sessions 40]` (needs Chromium and playwright).

Starts the app, opens N concurrent browser sessions that each load /sentence, type their own sentence, move
the step five times and open /series, then closes them. Prints per-interaction latency percentiles, errors,
and the server's memory (baseline, peak, and after the sessions closed). Talks only to 127.0.0.1.
"""
import argparse
import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CURSOR = "document.querySelector('.js-plotly-plot').layout.shapes[0].x0"
FIRST_X = "document.querySelector('.js-plotly-plot')._fullData[0].x[0]"
WORDS = "the cat sat on a warm mat while forty students watched every gate open and close".split()


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class MemoryWatch(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.2)


async def timed(latencies, name, action, condition, page, timeout=60_000):
    start = time.perf_counter()
    await action()
    await page.wait_for_function(condition, timeout=timeout)
    latencies.setdefault(name, []).append(time.perf_counter() - start)


async def one_session(browser, url, k, latencies, errors):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(f"{url}/sentence")
        await page.wait_for_selector(".js-plotly-plot", timeout=120_000)
        latencies.setdefault("load /sentence", []).append(time.perf_counter() - start)
        text = f"{chr(65 + k % 26)}{k} " + " ".join(WORDS[k % 7:k % 7 + 8])
        box = page.get_by_role("textbox", name="Your sentence")
        await box.fill(text)
        await timed(latencies, "type + Enter", lambda: box.press("Enter"),
                    f"{FIRST_X} === {'0 ' + text[0]!r}", page)
        slider = page.get_by_role("slider", name="Step t")
        for _ in range(5):
            column = await page.evaluate(CURSOR)
            await slider.focus()
            await timed(latencies, "step move", lambda: slider.press("ArrowRight"), f"{CURSOR} === {column + 1}",
                        page)
        await page.wait_for_selector(IDLE)
        start = time.perf_counter()
        await page.get_by_role("link", name="Time series").click()
        await page.get_by_role("heading", name="Step through a time series").wait_for(timeout=120_000)
        await page.wait_for_selector(".js-plotly-plot")
        latencies.setdefault("open /series", []).append(time.perf_counter() - start)
        if await page.locator("[data-testid=stException]").count():
            errors.append(f"session {k}: traceback on the page")
    except Exception as err:                                    # counted and reported, never fatal
        errors.append(f"session {k}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")
    finally:
        await context.close()


async def run(url, sessions):
    latencies, errors = {}, []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(one_session(browser, url, k, latencies, errors) for k in range(sessions)))
        await browser.close()
    return latencies, errors


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=40)
    args = parser.parse_args()
    proc, url = start_app("/tmp/load_test_streamlit.log")
    try:
        baseline = rss_mb(proc.pid)
        watch = MemoryWatch(proc.pid)
        watch.start()
        started = time.perf_counter()
        latencies, errors = asyncio.run(run(url, args.sessions))
        elapsed = time.perf_counter() - started
        time.sleep(5)                                     # let the server drop the closed sessions
        watch.running = False
        after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"{args.sessions} concurrent sessions in {elapsed:.0f} s; errors: {len(errors)}")
    for err in errors[:10]:
        print("  ", err)
    print(f"{'interaction':<16} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for name, values in latencies.items():
        print(f"{name:<16} {len(values):>4} {statistics.median(values):7.2f} {percentile(values, 95):7.2f} "
              f"{max(values):7.2f}")
    print(f"server memory: baseline {baseline:.0f} MB, peak {watch.peak:.0f} MB, after close {after:.0f} MB")


if __name__ == "__main__":
    main()
