"""Does a class leave anything behind? `python tools/memory_check.py [--classes 3] [--tracemalloc]`.

Starts the app in a server that, on SIGUSR1, runs the garbage collector and malloc_trim and prints its
count of Python objects, the memory tracemalloc sees (with --tracemalloc: every Python object and NumPy
array) and its resident size. Closed sessions expire after 2 s here (server.disconnectedSessionTTL) rather
than 120 s, so a class's leftovers show within seconds. Measures after one warm-up visitor (the baseline)
and after each class of 40 (tools/load_test.py's scenario) has closed and expired.
If objects and traced memory come back to the baseline but the resident size does not, what stays is
memory the allocators keep for reuse, not a leak: compare MALLOC_ARENA_MAX=2 or PYTHONMALLOC=malloc.
"""
import argparse
import asyncio
import gc
import os
import signal
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def serve(streamlit_args):
    """Inside the server process: report on SIGUSR1, then run Streamlit as `streamlit run app.py` does."""
    def report(*_):
        from app_pages.common import release_free_memory  # here, not above: app.py must load NumPy first

        gc.collect()
        release_free_memory()
        traced = f"{tracemalloc.get_traced_memory()[0] / 1e6:.1f} MB" if tracemalloc.is_tracing() else "-"
        rss = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmRSS"))
        print(f"MEMORY objects={len(gc.get_objects())} traced={traced} rss={int(rss) / 1024:.0f}MB", flush=True)

    if os.environ.get("MEMORY_CHECK_TRACE") == "1":
        tracemalloc.start()
    signal.signal(signal.SIGUSR1, report)
    from streamlit.web.cli import main
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *streamlit_args]
    main()


def measure(proc, log_path, label):
    before = log_path.read_text().count("MEMORY")
    proc.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        lines = [line for line in log_path.read_text().splitlines() if line.startswith("MEMORY")]
        if len(lines) > before:
            print(f"{label:<28} {lines[-1].removeprefix('MEMORY ')}", flush=True)
            return
        time.sleep(0.2)
    raise RuntimeError("the server did not report its memory")


def main():
    from tools.app_server import free_port
    from tools.load_test import run

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python memory (slower)")
    args = parser.parse_args()
    port, log_path = free_port(), Path("/tmp/memory_check_streamlit.log")
    env = dict(os.environ, MEMORY_CHECK_TRACE="1" if args.tracemalloc else "0")
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, __file__, "--serve", "--server.headless=true",
                                 f"--server.port={port}", "--server.address=127.0.0.1",
                                 "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
                                 "--server.disconnectedSessionTTL=2"], cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)

        def leave_and_expire(first):
            time.sleep(4)                    # past the 2 s TTL; the next visitor's arrival drops expired sessions
            asyncio.run(run(url, 1, 0, first=first, only_load=True))
            time.sleep(4)

        asyncio.run(run(url, 1, 0, first=10_000))
        leave_and_expire(10_001)
        measure(proc, log_path, "baseline (after 1 visitor)")
        for k in range(args.classes):
            _, errors = asyncio.run(run(url, args.sessions, 0, first=k * args.sessions))
            leave_and_expire(20_000 + k)
            measure(proc, log_path, f"after class {k + 1} ({len(errors)} errors)")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2:])
    else:
        main()
