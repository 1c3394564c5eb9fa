"""How far back can each cell remember? `python tools/compare_memory.py` -> data/compare/memory.json.

Trains a vanilla RNN, a GRU, an LSTM (PyTorch's default initialisation) and an LSTM whose forget-gate bias starts
at 1 on two tasks that need memory over a gap of N steps, for each N in GAPS, with the NumPy engine:

- first symbol: a sequence of N random symbols (one-hot, SYMBOLS of them); the class is the first symbol.
  Chance is 1/SYMBOLS.
- adding: N steps of (a number in 0..1, a marker); the target is the sum of the two marked numbers, one in each
  half (lstm_core.tasks.adding_task). Always answering 1 gives an MSE of 1/6.

Every run is seeded (data, initialisation and batches), so `train_point` reproduces any point exactly; the page
/compare plots the file and tests/test_compare.py recomputes a point. It also saves the cells trained (seed 0) on
the first-symbol task at TRAINED_GAP (data/compare/first_symbol_<cell>.npz) for the page's gradient-flow figure.

About 5 minutes on one core of the 2-core development machine (the run time is written into the file).
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
    "gaps": [5, 10, 20, 40, 80],
    "hidden_size": 16,
    "steps": 1000,            # Adam steps per run, batches of `batch_size` sequences drawn from the training set
    "batch_size": 32,
    "lr": 0.01,
    "clip": 1.0,
    "symbols": 4,
    "train_size": 1500,
    "test_size": 500,
    "seeds": [0, 1],          # every point is trained once per seed (data, initialisation and batches)
}
TRAINED_GAP = 20


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results = {task: {cell: {} for cell in CELLS} for task in TASKS}
    for task in TASKS:
        for cell in CELLS:
            for gap in SETTINGS["gaps"]:
                scores = results[task][cell].setdefault(str(gap), [])
                for seed in SETTINGS["seeds"]:
                    t0 = time.perf_counter()
                    model, score = train_point(task, cell, gap, seed)
                    scores.append(score)
                    print(f"{task:12s} {cell:12s} N={gap:3d} seed {seed}  "
                          f"{'accuracy' if task == 'first_symbol' else 'MSE'} {score:.4f}  "
                          f"({time.perf_counter() - t0:.1f} s)", flush=True)
                    if task == "first_symbol" and gap == TRAINED_GAP and cell in ("rnn", "gru", "lstm") and seed == 0:
                        model.card["test_accuracy"] = score
                        model.save(args.out / f"first_symbol_{cell}.npz")
    seconds = time.perf_counter() - start
    data = {
        "made_by": "python tools/compare_memory.py",
        "settings": SETTINGS,
        "cells": list(CELLS),
        "tasks": {"first_symbol": {"metric": "accuracy", "chance": 1 / SETTINGS["symbols"]},
                  "adding": {"metric": "mse", "chance": 1 / 6}},
        "trained_models": {"task": "first_symbol", "gap": TRAINED_GAP,
                           "files": [f"first_symbol_{c}.npz" for c in ("rnn", "gru", "lstm")]},
        "results": results,             # task -> cell -> gap -> [score of each seed, in the order of "seeds"]
        "seconds": round(seconds, 1),
        "numpy": np.__version__,
        "python": platform.python_version(),
    }
    (args.out / "memory.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'memory.json'} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
