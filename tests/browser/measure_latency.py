"""Measure what people wait for, in headless Chromium: `python tests/browser/measure_latency.py`.

Prints the median of several runs for: first page load, Enter -> heatmaps painted for sentences of 20, 200
and 2,000 characters, a step move (cursor moved), and the size of the figure data the page received.
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.conftest import app_in_chromium, wait_idle  # noqa: E402

FIRST_X = "document.querySelector('.js-plotly-plot')._fullData[0].x"
CURSOR = "document.querySelector('.js-plotly-plot').layout.shapes[0].x0"
SENTENCE = "The quick brown fox jumps over the lazy dog, and then (quietly) it says \"hello\" to everyone. "
REPEATS = 5


def sentence(n):
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n - 1] + "!"


def timed(action, condition, page):
    start = time.perf_counter()
    action()
    page.wait_for_function(condition, timeout=30_000)
    return (time.perf_counter() - start) * 1000


class Received:
    """Bytes the server sent over the app's WebSocket (figures are most of it)."""

    def __init__(self, page):
        self.total = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self.add))

    def add(self, payload):
        self.total += len(payload)


def main():
    with app_in_chromium("/tmp/measure_latency_streamlit.log") as (browser, url):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        received = Received(page)
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            page.goto(f"{url}/sentence")
            page.wait_for_selector(".js-plotly-plot")
            wait_idle(page)
            loads.append((time.perf_counter() - start) * 1000)
        print(f"first page load (/sentence, heatmaps drawn): median {statistics.median(loads):.0f} ms")
        box = page.get_by_role("textbox", name="Your sentence")
        marks = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for n in (20, 2000, 200):                                  # step moves below: on 200
            runs, size = [], 0
            for _ in range(REPEATS):
                text = next(marks) + sentence(n)[1:]              # a new text each time: no cache hit
                box.fill(text)
                before = received.total
                first = f"0 {text[0]}"                             # the new first column's label
                runs.append(timed(lambda: box.press("Enter"), f"{FIRST_X}[0] === {first!r}", page))
                wait_idle(page)
                size = received.total - before
            print(f"Enter -> heatmaps painted, {n:>5} characters: median {statistics.median(runs):.0f} ms "
                  f"(min {min(runs):.0f}, max {max(runs):.0f}); {size / 1e6:.2f} MB sent")
        slider = page.get_by_role("slider", name="Step t")
        moves, sent = [], received.total
        for _ in range(10):
            column = page.evaluate(CURSOR)
            slider.focus()
            moves.append(timed(lambda: slider.press("ArrowRight"), f"{CURSOR} === {column + 1}", page))
            wait_idle(page)
        print(f"step move (cursor redrawn): median {statistics.median(moves):.0f} ms "
              f"(min {min(moves):.0f}, max {max(moves):.0f}); "
              f"{(received.total - sent) / 10 / 1e6:.2f} MB sent per move")


if __name__ == "__main__":
    main()
