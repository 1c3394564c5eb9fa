"""How far back can each cell learn to remember? `python tools/compare_memory.py` -> data/compare/memory.json.

Trains a vanilla RNN, a GRU, an LSTM under PyTorch's default initialisation and an LSTM whose forget-gate bias
starts at 1 (the usual practice: Gers, Schmidhuber and Cummins 2000; Jozefowicz et al. 2015) on two tasks that
need memory over a gap of N steps, for each N in GAPS, once per seed, with the NumPy engine:

- first symbol: a sequence of N random symbols (one-hot, SYMBOLS of them); the class is the first symbol.
  Chance is 1/SYMBOLS.
- adding: N steps of (a number in 0..1, a marker); the target is the sum of the two marked numbers, one in each
  half (lstm_core.tasks.adding_task). Always answering 1 gives an MSE of 1/6.

A fair chance for every cell, and the same one: the same hidden size, the same data for a given seed, task and
gap, the same budget of Adam steps, learning rate, batch size and gradient clipping (SETTINGS, written into the
file). The budget is a stated one, not "until converged": it is enough for every cell to solve the short gaps
(5 and 10) on every seed; a failure at a long gap means "not learnt within this budget", not "cannot represent".
Each seed draws its own data, initialisation and batches, so the spread over seeds is the spread a user would
see on retraining; /compare plots the median and every seed. Scores are measured on held-out sequences.

Points run one after another, seed by seed (every task, cell and gap for seed 0, then seed 1, ...), and the file
is rewritten after each seed, so a run cut short still leaves whole seeds ("seeds_done", "seeds_run"). On a
shared machine, disjoint seeds can run side by side and be merged: `--seeds 2 3 --out DIR` for each part, then
`--merge DIR_A DIR_B ... [--out data/compare]`; the merged file's CPU time is the sum of the parts', its
wall-clock time the longest part's. The run that has seed 0 also saves the cells trained on seed 0 on the
first-symbol task at TRAINED_GAP (first_symbol_<cell>.npz, in its --out directory; data/compare/ holds them) for
the page's gradient-reach figure.

Cost: about 66 s of one core per seed, 6.7 minutes of CPU for the six seeds (measured, written into the file as
cpu_seconds). On the shared 2-core machine, where this job runs under `nice` beside others' work, the wall-clock
time is many times that (about 20 minutes per seed), so the seeds ran as six parts side by side, merged with
`--merge`. The gaps stop at 40 to fit that time: a first run with 3000 steps and gaps up to 80 (stopped for time,
log in data/compare/first_run_3000_steps.log) found every cell at chance on the first symbol at 40 and 60 for
seed 0, and one GRU seed solving 80.
Floats differ in the last bits between machines and BLAS builds, and a point near the
edge of what a budget can learn can flip, which is why the page and the tests use medians over seeds.
"""
import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lessons.cells import set_forget_bias  # noqa: E402
from lstm_core.losses import cross_entropy_last  # noqa: E402
from lstm_core.model import SequenceModel  # noqa: E402
from lstm_core.tasks import adding_task, classify, first_symbol_task, mse_last, regress_last  # noqa: E402
from lstm_core.train import TrainConfig, train  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "data" / "compare"
CELLS = ("rnn", "gru", "lstm", "lstm_forget1")
TASKS = ("first_symbol", "adding")
SETTINGS = {
    "gaps": [5, 10, 20, 30, 40],
    "hidden_size": 16,
    "steps": 2000,            # Adam steps per run (the same budget for every cell), batches of `batch_size`
    "batch_size": 32,
    "lr": 0.01,               # constant; the same for every cell
    "clip": 1.0,              # gradient norm clipping, the same for every cell
    "symbols": 4,
    "train_size": 1500,
    "test_size": 500,
    "seeds": [0, 1, 2, 3, 4, 5],      # every point is trained once per seed (data, initialisation and batches)
    "forget_bias": {"lstm": "PyTorch default (about 0: forget gate near 0.5)", "lstm_forget1": 1.0},
}
TRAINED_GAP = 20
SAVED_CELLS = ("rnn", "gru", "lstm", "lstm_forget1")
SOLVED = {"first_symbol": 0.9, "adding": 0.01}   # accuracy at least / MSE at most: "learnt" on the page


def task_data(task, gap, seed, settings):
    """(x (n, gap, D), y (n,)) for train_size + test_size sequences, seeded by the seed, the task and the gap."""
    rng = np.random.default_rng([seed, TASKS.index(task), gap])
    n = settings["train_size"] + settings["test_size"]
    if task == "first_symbol":
        return first_symbol_task(n, gap, settings["symbols"], rng)
    return adding_task(n, gap, rng)


def train_point(task, cell, gap, seed, settings=None):
    """Train one cell on one task at one gap. -> (model, score on the held-out sequences: accuracy or MSE)."""
    s = {**SETTINGS, **(settings or {})}
    x, y = task_data(task, gap, seed, s)
    n = s["train_size"]
    kind = "lstm" if cell.startswith("lstm") else cell
    outputs = s["symbols"] if task == "first_symbol" else 1
    model = SequenceModel.create("classify", x.shape[-1], outputs, seed=seed, kind=kind,
                                 hidden_size=s["hidden_size"],
                                 card={"trained_on": task, "gap": gap, "cell": cell,
                                       "seed": seed, "made_by": "tools/compare_memory.py"})
    if cell == "lstm_forget1":
        set_forget_bias(model.net, 1.0)

    def sample(rng):
        pick = rng.integers(0, n, size=s["batch_size"])
        return x[pick].transpose(1, 0, 2), y[pick]

    loss = cross_entropy_last if task == "first_symbol" else mse_last
    train(model, sample, loss, TrainConfig(steps=s["steps"], lr=s["lr"], clip=s["clip"], seed=seed))
    if task == "first_symbol":
        score = float(np.mean(classify(model, x[n:]) == y[n:]))
    else:
        score = float(np.mean((regress_last(model, x[n:]) - y[n:]) ** 2))
    return model, score


def summary(scores):
    """Median, min and max of one point's scores over the seeds."""
    return {"median": float(np.median(scores)), "min": float(min(scores)), "max": float(max(scores))}


def write(out, results, seeds_done, seconds, settings, seeds=None, parts=None, cpu_seconds=None):
    seeds = list(settings["seeds"]) if seeds is None else list(seeds)
    data = {
        "made_by": "OPENBLAS_NUM_THREADS=1 python tools/compare_memory.py",
        "script": "tools/compare_memory.py",
        "settings": settings,
        "cells": list(CELLS),
        "tasks": {"first_symbol": {"metric": "accuracy", "chance": 1 / settings["symbols"],
                                   "solved": SOLVED["first_symbol"]},
                  "adding": {"metric": "mse", "chance": 1 / 6, "solved": SOLVED["adding"]}},
        "trained_models": {"task": "first_symbol", "gap": TRAINED_GAP, "seed": settings["seeds"][0],
                           "files": [f"first_symbol_{c}.npz" for c in SAVED_CELLS]},
        "seeds_run": seeds[:seeds_done],
        "seeds_done": seeds_done,
        "results": results,             # task -> cell -> gap -> [score of each seed, in the order of "seeds_run"]
        "summary": {task: {cell: {gap: summary(v) for gap, v in by_gap.items() if v}
                           for cell, by_gap in by_cell.items()} for task, by_cell in results.items()},
        "seconds": round(seconds, 1),               # wall-clock
        "cpu_seconds": round(time.process_time() if cpu_seconds is None else cpu_seconds, 1),
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    if parts:
        data["parts"] = parts
    (out / "memory.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def merge(parts, out):
    """One memory.json from runs of disjoint seeds (`--seeds` into other directories, run side by side): the
    scores in seed order; the CPU time the sum of the parts', the wall-clock time the longest part's."""
    loaded = [json.loads((Path(p) / "memory.json").read_text(encoding="utf-8")) for p in parts]
    by_seed = {}
    for part in loaded:
        part.setdefault("seeds_run", part["settings"]["seeds"][:part["seeds_done"]])
        for k, seed in enumerate(part["seeds_run"]):
            by_seed[seed] = {task: {cell: {g: v[k] for g, v in by_gap.items()} for cell, by_gap in by_cell.items()}
                             for task, by_cell in part["results"].items()}
    seeds = sorted(by_seed)
    results = {task: {cell: {g: [by_seed[s][task][cell][g] for s in seeds] for g in by_gap}
                      for cell, by_gap in by_cell.items()} for task, by_cell in loaded[0]["results"].items()}
    write(out, results, len(seeds), max(p["seconds"] for p in loaded), SETTINGS, seeds,
          parts=[{"seeds": p["seeds_run"], "seconds": p["seconds"], "cpu_seconds": p["cpu_seconds"]} for p in loaded],
          cpu_seconds=sum(p["cpu_seconds"] for p in loaded))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seeds", type=int, nargs="+", help="run only these of SETTINGS['seeds'] (default: all)")
    parser.add_argument("--merge", type=Path, nargs="+", help="merge the memory.json of these directories instead")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.merge:
        merge(args.merge, args.out)
        print(f"merged {len(args.merge)} parts into {args.out / 'memory.json'}")
        return
    settings = SETTINGS
    seeds = args.seeds or settings["seeds"]
    if not set(seeds) <= set(settings["seeds"]):
        parser.error(f"--seeds must be among {settings['seeds']}")
    start = time.perf_counter()
    results = {task: {cell: {str(g): [] for g in settings["gaps"]} for cell in CELLS} for task in TASKS}
    for i, seed in enumerate(seeds):
        for task in TASKS:
            for cell in CELLS:
                for gap in settings["gaps"]:
                    t0 = time.perf_counter()
                    model, score = train_point(task, cell, gap, seed)
                    results[task][cell][str(gap)].append(score)
                    print(f"seed {seed}  {task:12s} {cell:12s} N={gap:3d}  "
                          f"{'accuracy' if task == 'first_symbol' else 'MSE'} {score:.4f}  "
                          f"({time.perf_counter() - t0:.1f} s, {time.perf_counter() - start:.0f} s in all)",
                          flush=True)
                    if (task == "first_symbol" and gap == TRAINED_GAP and cell in SAVED_CELLS
                            and seed == settings["seeds"][0]):
                        model.card = model.card.updated(test_accuracy=score)
                        model.save(args.out / f"first_symbol_{cell}.npz")
        write(args.out, results, i + 1, time.perf_counter() - start, settings, seeds)
        print(f"seed {seed} done: wrote {args.out / 'memory.json'}", flush=True)
    print(f"finished in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
