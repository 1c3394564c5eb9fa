"""What each why-tool costs the server on 2,000 characters: `python tools/why_cost.py [--repeat 5]`.

Starts the app and drives one session over Streamlit's WebSocket protocol (tools/load_test.py's client) on
/sentence with a 2,000-character text. For each tool it reads the server's CPU time for: opening the tool at a
step, moving the step to steps not seen before with the tool open (the tool computes for the new cursor), and
moving back to a step already seen (the tool's result comes from the session's cache); and the median wall
time of a step to a new t as the WebSocket client sees it (request to the script's end, no browser). All of these are
reruns of the step fragment only. Also: the unit finder answering a regular expression with catastrophic
backtracking ((a+)+$) and the step move with no tool open, for comparison. Prints milliseconds.
With --browser N: the same step moves in Chromium, from the key press to the frame showing the new step, by
both ways a reader steps (the focused slider, and ← → with nothing focused), next to the floor: the same move in
tools/fragment_floor_app.py (one slider and one HTML element in a fragment), measured in the same run.
"""
import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from app_pages.strings import EN  # noqa: E402
from tools.app_server import start_app  # noqa: E402
from tools.interaction_cost import connect  # noqa: E402
from tools.load_test import WORDS, Session, cpu_seconds, stepped  # noqa: E402

TEXT = (" ".join(WORDS * 400))[:1999] + "b"
LABELS = {view: EN[f"why_view_{view}"] for view in ("ledger", "connectivity", "finder", "saturation", "clamp")}


class WhySession(Session):
    """tools/load_test.Session that skips widgets not drawn yet (a tool's own widgets before the tool is open)."""
    skip_missing = True


async def timed(pid, act, repeat):
    before = cpu_seconds(pid)
    for k in range(repeat):
        await act(k)
    return (cpu_seconds(pid) - before) / repeat * 1000


async def measure(url, pid, repeat):
    walls, errors, rows = {}, [], []
    async with connect(url) as ws:
        s = WhySession(ws, walls, errors, "why")
        typed = ("text", "string_value", TEXT)
        await s.rerun("load", page="sentence")
        await s.rerun("type", page="sentence", states=[typed])

        def at(step, view=None, label="open"):
            states = [typed, stepped(step)]
            if view is not None:
                states.append(("why_view", "string_array_value", [LABELS[view]]))
            return s.rerun(f"{view}:{label}", page="sentence", states=states, fragment=s.fragment)

        none = await timed(pid, lambda k: at(100 + k, label="new"), repeat)
        rows.append(("no tool open", "", none, "", statistics.median(walls["None:new"]) * 1000))
        for view in LABELS:
            base = 1000 + 50 * list(LABELS).index(view)
            opened = await timed(pid, lambda k, b=base, v=view: at(b, v), 1)
            fresh = await timed(pid, lambda k, b=base, v=view: at(b + 1 + k, v, "new"), repeat)
            again = await timed(pid, lambda k, b=base, v=view: at(b + 1 + k % repeat, v, "again"), repeat)
            rows.append((view, f"{opened:.1f}", fresh, f"{again:.1f}", statistics.median(walls[f"{view}:new"]) * 1000))
        aaa = ("text", "string_value", "a" * 1999 + "b")
        await s.rerun("type a...ab", page="sentence", states=[aaa])
        finder = [aaa, stepped(10), ("why_view", "string_array_value", [LABELS["finder"]]),
                  ("why_hyp", "string_value", EN["why_hyp_regex"])]
        await s.rerun("finder", page="sentence", states=finder, fragment=s.fragment)
        await s.rerun("regex", page="sentence", states=finder, fragment=s.fragment)     # its text box is drawn now
        catastrophic = await timed(pid, lambda k: s.rerun("regex", page="sentence", fragment=s.fragment, states=[
            *finder, ("why_regex", "string_value", f"(a+)+$|z{{{k + 1}}}")]), repeat)
        rows.append(("regex (a+)+$", "", catastrophic, "", statistics.median(walls["regex"]) * 1000))
    return rows, errors


MARKER = {"ledger": ".lx-ledger", "connectivity": ".lx-connectivity", "clamp": "[data-step] > .lx-clamp"}
AT_STEP = "/at step {step}(?!\\d)/.test(document.querySelector('.lx-cell-panel')?.textContent)"
PATHS = ("slider", "keys")


def step_moves(page, moves, done_at, path="slider"):
    """ms from the key press to the frame where done_at(step) holds, for `moves` moves one step on.
    path "slider": ArrowRight in the focused step slider; "keys": ArrowRight with nothing focused (the ▶
    button's shortcut, what the page's key hint teaches)."""
    from tools.app_server import wait_idle
    from tools.measure_latency import timed
    slider = page.get_by_role("slider", name="Step t")
    runs = []
    for _ in range(moves):
        step = int(slider.evaluate("el => el.getAttribute('aria-valuenow') ?? el.value")) + 1
        if path == "slider":
            slider.focus()
            press = slider.press
        else:
            page.evaluate("document.activeElement?.blur()")
            press = page.keyboard.press
        runs.append(timed(lambda p=press: p("ArrowRight"), done_at(step), page)[0])
        wait_idle(page)
    return runs


def summary(runs):
    """(median, 90th percentile) in ms."""
    return statistics.median(runs), statistics.quantiles(runs, n=10)[-1]


def browser_moves(moves, tools=tuple(LABELS)):
    """In Chromium: the floor (tools/fragment_floor_app.py, a slider and one HTML element in a fragment) and,
    with each tool open, the step moves of both paths: from the key press to the frame where the cell panel and
    the tool both show the new step (tools/measure_latency.py's method)."""
    from urllib.parse import quote

    from tools.app_server import app_in_chromium, wait_idle
    with app_in_chromium("/tmp/why_cost_floor.log", "tools/fragment_floor_app.py") as (browser, url):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        page.wait_for_selector(".lx-cell-panel")
        wait_idle(page)
        floor = summary(step_moves(page, moves, lambda step: AT_STEP.format(step=step)))
    rows = [("floor (Streamlit)", *floor, None, None)]
    with app_in_chromium("/tmp/why_cost_browser.log") as (browser, url):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/sentence?step=1000&text={quote(TEXT)}")
        page.wait_for_selector(".js-plotly-plot")
        wait_idle(page)
        for view in (None, *tools):
            if view:
                page.get_by_role("radio", name=LABELS[view], exact=True).click()
                wait_idle(page)

            def done_at(step, view=view):
                done = AT_STEP.format(step=step)
                if view in MARKER:
                    done += f" && document.querySelector('{MARKER[view]}')?.closest('[data-step]')" \
                            f"?.dataset.step === '{step}'"
                return done

            by_path = [summary(step_moves(page, moves, done_at, path)) for path in PATHS]
            rows.append((view or "no tool open", *by_path[0], *by_path[1]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", type=int, default=0, metavar="MOVES",
                        help="also time MOVES step moves per tool in Chromium (needs /usr/bin/chromium)")
    parser.add_argument("--tools", nargs="+", choices=list(LABELS), default=list(LABELS),
                        help="the tools to time in Chromium (default: all)")
    parser.add_argument("--browser-only", action="store_true", help="skip the server measurements")
    args = parser.parse_args()
    if args.browser_only:
        print_browser(args)
        return
    proc, url = start_app("/tmp/why_cost_streamlit.log")
    try:
        rows, errors = asyncio.run(measure(url, proc.pid, args.repeat))
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"server CPU ms per interaction on /sentence with {len(TEXT):,} characters (means over {args.repeat})")
    print(f"{'tool':<16} {'open':>8} {'step to a new t':>16} {'step back (cached)':>19} {'wall, new t':>12}")
    for name, opened, fresh, again, wall in rows:
        print(f"{name:<16} {opened:>8} {fresh:16.1f} {again:>19} {wall:12.1f}")
    print(f"errors: {len(errors)}", *errors[:5], sep="\n  ")
    print_browser(args)


def print_browser(args):
    if args.browser:
        rows = browser_moves(args.browser, args.tools)
        floor = rows[0][1]
        print(f"\nstep move in Chromium, key press -> cell panel and tool at the new step ({args.browser} moves each;"
              " ms: median, 90th percentile)")
        print(f"{'':<18} {'slider focused':>16} {'/ floor':>8} {'page keys (← →)':>17}")
        for name, median, p90, keys, keys_p90 in rows:
            by_keys = "" if keys is None else f"{keys:7.0f} {keys_p90:6.0f}"
            print(f"{name:<18} {median:7.0f} {p90:6.0f}   {median / floor:6.2f} {by_keys:>17}")


if __name__ == "__main__":
    main()
