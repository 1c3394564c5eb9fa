"""Speed of the analysis tools: `python -m lstm_core.bench_analysis` prints milliseconds per call and the targets.

A float32 LSTM of 128 units on 2,000 steps of one-hot characters (65 symbols), as the /sentence page runs it:
ledger + half-lives at one step, connectivity of one step, gradient reach; and rank_units on 10 hypotheses
x (c and h) x 512 units x 2,000 steps. Each figure is the median wall time and the median CPU time of this
process (on a busy machine the CPU time is the steadier of the two; with more than one BLAS thread it also
counts the threads' spinning), and a target counts as met when either figure is below it. The app's server
runs one BLAS thread: OPENBLAS_NUM_THREADS=1 measures that.
"""
import argparse
import statistics
import time

import numpy as np

from . import analysis
from .bench import PAUSE, blas_threads
from .network import RecurrentNet

T, H, V = 2000, 128, 65


def measure(fn, repeat, before=None):
    """(median wall ms, median CPU ms) of `repeat` calls after a pause and one warm-up; `before` runs untimed
    before each call."""
    time.sleep(PAUSE)
    if before:
        before()
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def cases():
    """(name, function, target ms or None, run before each call or None)."""
    rng = np.random.default_rng(0)
    net = RecurrentNet.create("lstm", V, H, seed=0)
    x = np.eye(V, dtype=np.float32)[rng.integers(0, V, T)]                  # (T, V) one-hot characters
    trace = net.run(x)
    d_output = rng.standard_normal(H).astype(np.float32)
    rec = trace.records[0]

    def forget_activations():                                               # as a trace fresh from run()
        rec.act = rec.tanh_c = None

    def ledger():
        analysis.memory_ledger(trace, T - 1)
        analysis.half_lives(trace, T - 1)

    states = np.tanh(rng.standard_normal((2, T, 512))).astype(np.float32)  # c and h of 512 units
    flags = rng.random((10, T)) < rng.uniform(0.05, 0.5, (10, 1))
    numbers = rng.standard_normal((10, T))
    return [
        ("ledger + half-lives, one step (gates derived)", ledger, 20, None),
        ("ledger + half-lives, one step (fresh trace)", ledger, None, forget_activations),
        ("connectivity, one step (runs the network)", lambda: analysis.connectivity(net, x, T - 1, d_output), 100,
         None),
        ("connectivity, one step (trace given)",
         lambda: analysis.connectivity(net, x, T - 1, d_output, trace=trace), None, None),
        ("rank_units, 10 boolean hypotheses (AUC)", lambda: analysis.rank_units(states, flags), 50, None),
        ("rank_units, 10 numeric hypotheses (r)", lambda: analysis.rank_units(states, numbers), 50, None),
        ("gate_saturation", lambda: analysis.gate_saturation(trace.gates()), None, None),
        ("gradient_reach (runs the network)", lambda: analysis.gradient_reach(net, x), None, None),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    print(f"numpy {np.__version__}, BLAS threads {blas_threads()}; LSTM {H} units, {T} steps, float32")
    print(f"{'':50} {'wall ms':>8} {'CPU ms':>8}   target")
    for name, fn, target, before in cases():
        wall, cpu = measure(fn, args.repeat, before)
        verdict = "" if target is None else f"< {target} ms: " + ("met" if min(wall, cpu) < target else "NOT met")
        print(f"{name:50} {wall:8.1f} {cpu:8.1f}   {verdict}")


if __name__ == "__main__":
    main()
