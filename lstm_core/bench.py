"""Speed of the engine: `python -m lstm_core.bench` prints a table of milliseconds per call.

For each (T, B, D, H), float32 LSTM: forward without recording, forward with recording, forward+backward;
and, when torch is importable, torch.nn.LSTM's forward and forward+backward measured in the same run with
as many threads as NumPy's BLAS uses, and the ratios (ours / torch; lower is better).
"""
import argparse
import os
import statistics
import time

import numpy as np

from .network import RecurrentNet

SHAPES = ((100, 1, 32, 64), (1000, 1, 32, 128), (1000, 1, 64, 256), (200, 32, 32, 128), (50, 64, 64, 256))


PAUSE = 0.5    # seconds idle before each measurement: BLAS and OpenMP worker threads keep spinning for a while
               # after a call and take the second core from whatever runs next (torch's forward measured just
               # after NumPy's took twice as long)


def best_ms(fn, repeat):
    """Median of `repeat` timings after a pause and one warm-up call, in ms."""
    time.sleep(PAUSE)
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ours(T, B, D, H, repeat):
    net = RecurrentNet.create("lstm", D, H, seed=0)
    x = np.random.default_rng(0).standard_normal((T, B, D)).astype(np.float32)
    dy = np.ones((T, B, H), np.float32)

    def fwd_bwd():
        net.backward(net.run(x), dy)

    return {"fwd": best_ms(lambda: net.run(x, record=False), repeat),
            "fwd_rec": best_ms(lambda: net.run(x), repeat),
            "fwd_bwd": best_ms(fwd_bwd, repeat)}


def theirs(T, B, D, H, repeat):
    import torch
    lstm = torch.nn.LSTM(D, H)
    x = torch.randn(T, B, D)

    def fwd():
        with torch.no_grad():
            lstm(x)

    def fwd_bwd():
        xr = x.clone().requires_grad_(True)
        lstm(xr)[0].sum().backward()

    return {"fwd": best_ms(fwd, repeat), "fwd_bwd": best_ms(fwd_bwd, repeat)}


def blas_threads():
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-torch", action="store_true", help="skip the comparison with torch")
    args = parser.parse_args(argv)
    torch = None
    if not args.no_torch:
        try:
            import torch
            torch.set_num_threads(blas_threads())
        except ImportError:
            torch = None
    print(f"numpy {np.__version__}, BLAS threads {blas_threads()}"
          + (f", torch {torch.__version__} threads {torch.get_num_threads()}" if torch else ", torch not installed"))
    head = f"{'T':>5} {'B':>3} {'D':>3} {'H':>4} | {'fwd':>8} {'fwd+rec':>8} {'fwd+bwd':>8}"
    if torch:
        head += f" | {'torch fwd':>9} {'torch f+b':>9} | {'rec/fwd':>7} {'f+b/f+b':>7}"
    print(head + "   (ms, median)")
    ratios = []
    for T, B, D, H in SHAPES:
        a = ours(T, B, D, H, args.repeat)
        line = f"{T:>5} {B:>3} {D:>3} {H:>4} | {a['fwd']:8.2f} {a['fwd_rec']:8.2f} {a['fwd_bwd']:8.2f}"
        if torch:
            b = theirs(T, B, D, H, args.repeat)
            r = (a["fwd_rec"] / b["fwd"], a["fwd_bwd"] / b["fwd_bwd"])
            ratios.append(r)
            line += f" | {b['fwd']:9.2f} {b['fwd_bwd']:9.2f} | {r[0]:7.2f} {r[1]:7.2f}"
        print(line)
    if ratios:
        med = [statistics.median(r[k] for r in ratios) for k in (0, 1)]
        print(f"median ratio to torch: forward with recording {med[0]:.2f}x (target <= 1.5), "
              f"forward+backward {med[1]:.2f}x (target <= 2)")


if __name__ == "__main__":
    main()
