"""A classroom at once: `python tools/load_test.py [--sessions 40]`.

Starts the app and opens N concurrent sessions that speak Streamlit's own WebSocket protocol (as the
browser does, without drawing), so the figures measure the server, not a browser sharing its two cores.
Each session loads /sentence, types its own sentence, steps five times (in the browser: that sends the server
nothing) and pauses, which sends the step once (the stepper's state: one fragment rerun, app_pages/step_view.py),
and opens /series. With --think S (default 0: everyone acts at the same instant, the worst
case), sessions start spread over S*5 seconds and pause 0.5*S..1.5*S seconds between actions, as people do.
Prints per-interaction latency percentiles (send -> script finished), errors (tracebacks or failed runs),
the CPU time the server and this client used, and the server's memory: at start, after one warm-up session
(the baseline: libraries imported, bundled models and their default views cached), at the peak, 5 s after
the sessions closed, and once Streamlit has expired the closed sessions and the app's garbage collector has
freed them (--settle, about 3 minutes).
With --classes N, N classes come one after another.
Talks only to 127.0.0.1.
"""
import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.app_server import start_app  # noqa: E402

WORDS = "the cat sat on a warm mat while forty students watched every gate open and close".split()


def stepped(step):
    """The widget state the browser sends when stepping pauses at `step` (the stepper component's state)."""
    return ("stepper", "json_value", json.dumps({"step": step}))


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    """User + system CPU time the process has used (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class MemoryWatch(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.2)


class Session:
    """One simulated browser tab: sends reruns, reads forward messages until the script finishes.
    skip_missing: leave out states of widgets the page has not drawn yet (else that is an error)."""
    skip_missing = False

    def __init__(self, ws, latencies, errors, name):
        self.ws, self.latencies, self.errors, self.name = ws, latencies, errors, name
        self.widgets, self.fragment = {}, ""
        self.pages, self.asked = {}, None          # page name -> its script hash (as the browser sends it)

    async def rerun(self, label, page=None, states=(), fragment=""):
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        if page:
            msg.rerun_script.page_name = page
            # with its hash too: a run the page asks for itself (st.rerun) reuses the request's page by hash
            msg.rerun_script.page_script_hash = self.pages.get(page, "")
        self.asked = page
        if fragment:
            msg.rerun_script.fragment_id = fragment
        for key, field, value in states:
            if self.skip_missing and key not in self.widgets:
                continue
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = self.widgets[key]
            if field in ("double_array_value", "string_array_value"):      # a segmented control: option labels
                getattr(state, field).data.extend(value)
            else:
                setattr(state, field, value)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self.until_finished(), timeout=120)
        self.latencies.setdefault(label, []).append(time.perf_counter() - start)

    async def until_finished(self):
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "navigation" and self.asked:                     # the page st.navigation chose
                self.pages.setdefault(self.asked, fwd.navigation.page_script_hash)
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self.note_element(fwd)
            if kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return                      # (a run that asked for another, st.rerun(), is followed by that run)

    def note_element(self, fwd):
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"{self.name}: traceback: {element.exception.message[:120]}")
            return
        widget_id = getattr(getattr(element, kind), "id", "")
        if widget_id.startswith("$$ID-"):
            self.widgets[widget_id.rsplit("-", 1)[-1]] = widget_id
            if fwd.delta.fragment_id:
                self.fragment = fwd.delta.fragment_id


async def one_session(url, k, latencies, errors, think, only_load=False):
    rng = random.Random(k)

    async def pause():
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    try:
        if think:
            await asyncio.sleep(rng.uniform(0, 5 * think))
        async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=60) as ws:
            s = Session(ws, latencies, errors, f"session {k}")
            await s.rerun("load /sentence", page="sentence")
            if only_load:
                return
            await pause()
            text = f"{chr(65 + k % 26)}{k} " + " ".join(WORDS[k % 7:k % 7 + 8])
            typed = ("text", "string_value", text)
            await s.rerun("type + Enter", page="sentence", states=[typed])
            await pause()                       # five steps in the browser, then the pause sends the step once
            await s.rerun("step (after a pause)", page="sentence", states=[typed, stepped(5)], fragment=s.fragment)
            await pause()
            await s.rerun("open /series", page="series")
    except Exception as err:                                    # counted and reported, never fatal
        errors.append(f"session {k}: {type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''}")


async def run(url, sessions, think, first=0, only_load=False):
    latencies, errors = {}, []
    await asyncio.gather(*(one_session(url, k, latencies, errors, think, only_load)
                           for k in range(first, first + sessions)))
    return latencies, errors


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--think", type=float, default=0.0, help="seconds people pause between actions")
    parser.add_argument("--settle", type=float, default=125,
                        help="seconds to wait after close for Streamlit to expire closed sessions (0: skip)")
    parser.add_argument("--classes", type=int, default=1,
                        help="classes in a row, each after the last one's sessions expired: shows whether "
                             "memory is reused or keeps growing")
    args = parser.parse_args()
    proc, url = start_app("/tmp/load_test_streamlit.log")
    try:
        cold = rss_mb(proc.pid)
        asyncio.run(run(url, 1, 0, first=10_000))       # warm up: imports, bundled models, shared views
        print(f"server memory: {cold:.0f} MB at start, baseline {rss_mb(proc.pid):.0f} MB after one warm-up "
              "session")
        for k in range(args.classes):
            one_class(proc, url, args, first=k * args.sessions)
    finally:
        proc.terminate()
        proc.wait(10)


def one_class(proc, url, args, first):
    watch = MemoryWatch(proc.pid)
    watch.start()
    started = time.perf_counter()
    server_cpu, client_cpu = cpu_seconds(proc.pid), time.process_time()
    latencies, errors = asyncio.run(run(url, args.sessions, args.think, first=first))
    elapsed = time.perf_counter() - started
    server_cpu, client_cpu = cpu_seconds(proc.pid) - server_cpu, time.process_time() - client_cpu
    time.sleep(5)
    watch.running = False
    after = rss_mb(proc.pid)
    expired = None
    if args.settle:
        # Streamlit keeps a closed session's state for server.disconnectedSessionTTL (120 s) in case the
        # browser reconnects, and drops expired ones when its session store next changes: wait, then let
        # one more visitor come and go, as the next student would.
        time.sleep(args.settle)
        asyncio.run(run(url, 1, 0, first=20_000 + first, only_load=True))
        time.sleep(65)                      # the app's garbage-collector thread runs once a minute
        expired = rss_mb(proc.pid)
    print(f"{args.sessions} concurrent sessions (think time {args.think:g} s) in {elapsed:.0f} s; "
          f"errors: {len(errors)}")
    for err in errors[:10]:
        print("  ", err)
    print(f"{'interaction':<16} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for name, values in latencies.items():
        print(f"{name:<16} {len(values):>4} {statistics.median(values):7.2f} {percentile(values, 95):7.2f} "
              f"{max(values):7.2f}")
    print(f"CPU seconds: server {server_cpu:.1f}, this client {client_cpu:.1f}")
    print(f"server memory: peak {watch.peak:.0f} MB, {after:.0f} MB 5 s after close"
          + (f", {expired:.0f} MB once closed sessions expired and were collected ({args.settle + 65:g} s later)"
             if expired else ""),
          flush=True)


if __name__ == "__main__":
    main()
