"""A step move in Chromium, before and after stepping moved into the browser, in one run:
`python tools/step_cost.py [--moves 20] [--before /work/main]`.

Starts, one after another on this machine: the floor (tools/fragment_floor_app.py: one slider and one HTML element
in a Streamlit fragment, the least a server rerun can cost), the app at --before (another checkout, e.g. main,
where a step move is a fragment rerun) and this checkout's app. On /sentence (1440x900, the default text) it
presses → with nothing focused (the floor: in its focused slider) and times, in the page, from the key press to the
frame where the cell panel names the new step and the heatmap cursor has moved (tools/measure_latency.py's
method), and counts the WebSocket frames the page sent per move. With --why: the same with the memory ledger
open, until the ledger reads the new step. Also Ctrl+Enter to the heatmaps painted for new texts of 200
characters (its "/ floor" column means nothing). Prints milliseconds (median, 90th percentile).
"""
import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app_pages.strings import EN  # noqa: E402
from tools import app_server  # noqa: E402
from tools.app_server import FramesSent  # noqa: E402
from tools.measure_latency import CURSOR, FIRST_X, PAINTED, sentence, timed  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
AT_STEP = "/at step {step}(?!\\d)/.test(document.querySelector('.lx-cell-panel')?.textContent)"
LEDGER = "document.querySelector('.lx-ledger')?.dataset.step === '{step}'"


def moves_on(page, sent, moves, done_at, press, step_now):
    """-> (ms per move in the page, frames sent per move until the panel showed it, and in all once stepping
    paused) for `moves` moves one step on."""
    runs, during, frames = [], 0, 0
    for _ in range(moves):
        step = step_now() + 1
        before = sent.count
        runs.append(timed(press, done_at(step), page)[0])
        during += sent.count - before
        page.wait_for_timeout(700)                  # past the stepper's pause: what a move sends, it has sent
        app_server.wait_idle(page)
        frames += sent.count - before
    return runs, (during / moves, frames / moves)


def summary(runs):
    return statistics.median(runs), statistics.quantiles(runs, n=10)[-1]


def floor(moves):
    app_server.ROOT = HERE
    with app_server.app_in_chromium("/tmp/step_cost_floor.log", "tools/fragment_floor_app.py") as (browser, url):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        sent = FramesSent(page)
        page.goto(url)
        page.wait_for_selector(".lx-cell-panel")
        app_server.wait_idle(page)
        slider = page.get_by_role("slider", name="Step t")
        slider.focus()
        return moves_on(page, sent, moves, lambda s: AT_STEP.format(step=s), lambda: slider.press("ArrowRight"),
                        lambda: int(slider.evaluate("el => el.getAttribute('aria-valuenow') ?? el.value")))


def enter(page, repeat=5, n=200):
    """ms from Ctrl+Enter to the heatmaps painted for new texts of n characters (measure_latency's method)."""
    box, runs = page.get_by_role("textbox", name="Your sentence"), []
    for k in range(repeat):
        text = "ABCDEFGHIJ"[k] + sentence(n)[1:]
        box.fill(text)
        runs.append(timed(lambda: box.press("Control+Enter"), f"{FIRST_X}?.[0] === {f'0 {text[0]}'!r} && {PAINTED}",
                          page)[0])
        app_server.wait_idle(page)
    return runs


def app(root, moves, why):
    """Step moves on /sentence of the app in `root` (its own code, started from there), and Enter on 200
    characters."""
    app_server.ROOT = Path(root)
    rows = []
    with app_server.app_in_chromium(f"/tmp/step_cost_{Path(root).name}.log") as (browser, url):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        sent = FramesSent(page)
        page.goto(f"{url}/sentence?step=10")
        page.wait_for_selector(".js-plotly-plot")
        app_server.wait_idle(page)
        slider = page.get_by_role("slider", name="Step t")

        def step_now():
            return int(slider.evaluate("el => el.getAttribute('aria-valuenow') ?? el.value"))

        def press():
            page.keyboard.press("ArrowRight")

        rows.append(("Enter, 200 characters", enter(page), (0, 0)))
        page.goto(f"{url}/sentence?step=10")
        page.wait_for_selector(".js-plotly-plot")
        app_server.wait_idle(page)
        page.locator("h1").click()
        cursor_at = {}

        def done_at(step):
            cursor_at["before"] = page.evaluate(CURSOR)
            return f"{AT_STEP.format(step=step)} && {CURSOR} !== {cursor_at['before']}"

        rows.append(("no tool open", *moves_on(page, sent, moves, done_at, press, step_now)))
        if why:
            page.get_by_role("radio", name=EN["why_view_ledger"], exact=True).click()
            app_server.wait_idle(page)
            page.locator("h1").click()
            rows.append(("ledger open", *moves_on(page, sent, moves, lambda s: f"{AT_STEP.format(step=s)} && "
                                                  f"{LEDGER.format(step=s)}", press, step_now)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--before", default="/work/main", help="the checkout to compare with (its own app)")
    parser.add_argument("--why", action="store_true", help="also with the memory ledger open")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")      # leave the other checkout as it is
    runs, frames = floor(args.moves)
    results = [("floor (fragment rerun)", "", runs, frames)]
    for label, root in (("before", args.before), ("after", HERE)):
        results += [(f"{label}: {what}", root, r, f) for what, r, f in app(root, args.moves, args.why)]
    print(f"step move in Chromium, key press -> panel at the new step ({args.moves} moves each; ms)")
    print(f"{'':<28} {'median':>7} {'p90':>6} {'/ floor':>8}   frames sent per move: until shown, in all")
    base = summary(results[0][2])[0]
    for name, _, r, (during, f) in results:
        median, p90 = summary(r)
        print(f"{name:<28} {median:7.1f} {p90:6.1f} {median / base:8.2f}   {during:20.2f} {f:7.2f}")


if __name__ == "__main__":
    main()
