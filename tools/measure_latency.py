"""Measure what people wait for, in headless Chromium: `python tools/measure_latency.py`.

Prints the median of several runs for: first page load, Enter -> heatmaps painted for sentences of 20, 200
and 2,000 characters, a step move (the cursor and the cell panel both at the new step), and the bytes the
page received. Not collected by pytest (the name does not start with test_).
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.app_server import app_in_chromium, wait_idle  # noqa: E402

FIRST_X = "document.querySelector('.js-plotly-plot')?._fullData?.[0]?.x"      # null-safe: a new figure remounts
PAINTED = "document.querySelectorAll('.js-plotly-plot .hm image').length >= 1"   # the f heatmap drawn (the view
                                                                                  # opens on f; "all" shows six)
CURSOR = ("parseFloat(getComputedStyle(document.querySelector('.st-key-heatmaps_box [data-testid=stPlotlyChart]'), "
          "'::after').left)")                                  # the CSS step cursor's position in pixels
SENTENCE = "The quick brown fox jumps over the lazy dog, and then (quietly) it says \"hello\" to everyone. "
REPEATS = 5


def sentence(n):
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n - 1] + "!"


# In the page: note the time of the key press (capture phase, before Streamlit sees it), then check the
# condition on every animation frame and note the first frame where it holds. The difference is what a
# person waits for, without Playwright's own round trips (which the second figure printed includes).
ARM = """(condition) => {
  window.__latency = null;
  const check = new Function('return (' + condition + ')');
  addEventListener('keydown', () => {
    const start = performance.now();
    const frame = () => {
      let done = false;
      try { done = check(); } catch (e) {}
      if (done) window.__latency = performance.now() - start; else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, {capture: true, once: true});
}"""


def timed(action, condition, page):
    """-> (ms in the page from the key press to the frame where `condition` holds, ms seen from Python)."""
    page.evaluate(ARM, condition)
    start = time.perf_counter()
    action()
    page.wait_for_function("window.__latency !== null", timeout=30_000)
    return page.evaluate("window.__latency"), (time.perf_counter() - start) * 1000


def report(what, runs, extra=""):
    inside, outside = [r[0] for r in runs], [r[1] for r in runs]
    print(f"{what}: median {statistics.median(inside):.0f} ms in the page (min {min(inside):.0f}, "
          f"max {max(inside):.0f}), {statistics.median(outside):.0f} ms seen from Playwright{extra}")


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
                painted = f"{FIRST_X}?.[0] === {first!r} && {PAINTED}"
                runs.append(timed(lambda: box.press("Control+Enter"), painted, page))
                wait_idle(page)
                size = received.total - before
            report(f"Enter -> heatmaps painted, {n:>4} characters", runs, f"; {size / 1e6:.2f} MB sent")
        slider = page.get_by_role("slider", name="Step t")
        moves, sent = [], received.total
        for _ in range(10):
            before = page.evaluate(CURSOR)
            step = int(slider.evaluate("el => el.getAttribute('aria-valuenow') ?? el.value")) + 1
            slider.focus()
            # done when both the cursor has moved and the cell panel names the new step
            moved = (f"{CURSOR} !== {before} && "
                     f"/at step {step}(?!\\d)/.test(document.querySelector('.lx-cell-panel')?.textContent)")
            moves.append(timed(lambda: slider.press("ArrowRight"), moved, page))
            wait_idle(page)
        report("step move (cursor and cell panel redrawn)", moves,
               f"; {(received.total - sent) / len(moves) / 1e6:.3f} MB sent per move")


if __name__ == "__main__":
    main()
