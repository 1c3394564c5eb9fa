"""What one interaction costs the server: `python tools/interaction_cost.py [--repeat 20]`.

Starts the app and drives one session at a time over Streamlit's WebSocket protocol (tools/load_test.py's
client), repeating each interaction of the classroom scenario and reading the server's CPU time around it.
With no other session to wait for, CPU time is the work a class of N multiplies by N (tools/load_test.py
measures the queueing that follows). Prints milliseconds of server CPU and of wall time per interaction.
"""
import argparse
import asyncio
import statistics
import sys
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.app_server import start_app  # noqa: E402
from tools.load_test import WORDS, Session, cpu_seconds, stepped  # noqa: E402


def connect(url):
    return websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                              max_size=None, open_timeout=60)


async def new_sessions(url, pid, repeat, walls, errors):
    """Server CPU of a new visitor: connect, load /sentence, leave (after one visitor who warms the server:
    imports, bundled models, shared views)."""
    before = cpu_seconds(pid)
    for k in range(repeat + 1):
        if k == 1:
            before = cpu_seconds(pid)
        async with connect(url) as ws:
            await Session(ws, walls, errors, "new").rerun("new session", page="sentence")
    return (cpu_seconds(pid) - before) / repeat


async def measure(url, pid, repeat):
    walls, errors = {}, []
    cpu = {"new session": await new_sessions(url, pid, repeat, walls, errors)}
    async with connect(url) as ws:
        s = Session(ws, walls, errors, "solo")
        await s.rerun("warm-up", page="sentence")
        typed = ("text", "string_value", " ".join(WORDS[:8]))
        interactions = {
            "load /sentence": lambda k: s.rerun("load /sentence", page="sentence"),
            "type + Enter": lambda k: s.rerun("type + Enter", page="sentence",
                                              states=[("text", "string_value", f"{k} " + " ".join(WORDS[:8]))]),
            "step move": lambda k: s.rerun("step move", page="sentence",
                                           states=[typed, stepped(1 + k % 40)],
                                           fragment=s.fragment),
            "open /series": lambda k: s.rerun("open /series", page="series"),
        }
        for name, act in interactions.items():
            if name == "step move":
                await s.rerun("type + Enter", page="sentence", states=[typed])    # a sentence to step through
            before = cpu_seconds(pid)
            for k in range(repeat):
                await act(k)
            cpu[name] = (cpu_seconds(pid) - before) / repeat
        return cpu, walls, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    proc, url = start_app("/tmp/interaction_cost_streamlit.log")
    try:
        cpu, walls, errors = asyncio.run(measure(url, proc.pid, args.repeat))
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"{'interaction':<16} {'server CPU ms':>14} {'wall ms (median)':>17}")
    for name, seconds in cpu.items():
        print(f"{name:<16} {seconds * 1000:14.1f} {statistics.median(walls[name]) * 1000:17.1f}")
    print(f"errors: {len(errors)}", *errors[:5], sep="\n  ")


if __name__ == "__main__":
    main()
