"""Rebuild the bundled series models from their data and seed: `python tools/train_bundled.py [name ...]`.

Writes models/<name>.npz, each with a JSON card (architecture, data and licence, training settings,
held-out metrics, seed). tests/test_bundled.py checks each card's metric again on the held-out data.
The character models are trained with PyTorch by tools/train_torch.py and named by tools/name_units.py.
"""
import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core.bundled import BUNDLED, SERIES_DIR, model_path, names  # noqa: E402
from lstm_core.tasks import forecast_errors, train_forecaster  # noqa: E402
from lstm_core.train import TrainConfig  # noqa: E402

SERIES_TRAIN = 0.8      # first 80% of each series

SERIES = {  # per series: settings that suit its length
    "series_airline": {"hidden_size": 24, "window": 36, "batch_size": 16, "log": True, "differences": True,
                       "cfg": TrainConfig(steps=800, lr=5e-3, seed=0)},
    "series_sunspots": {"hidden_size": 32, "window": 64, "batch_size": 16,
                        "cfg": TrainConfig(steps=800, lr=5e-3, seed=0)},
    "series_co2": {"hidden_size": 32, "window": 64, "batch_size": 16, "differences": True,
                   "cfg": TrainConfig(steps=800, lr=5e-3, seed=0)},
    "series_sine": {"hidden_size": 32, "window": 64, "batch_size": 16,
                    "cfg": TrainConfig(steps=800, lr=5e-3, seed=0)},
}


def read_series(bundled):
    with open(SERIES_DIR.parent / bundled.data, newline="", encoding="utf-8") as f:
        return np.array([float(row[bundled.column]) for row in csv.DictReader(f)])


def progress(every):
    def callback(info):
        if info.step % every == 0:
            print(f"  step {info.step:5d}  loss {info.loss:.4f}  |g| {info.grad_norm:.2f}  {info.elapsed:.0f}s",
                  flush=True)
    return callback


def training_card(settings, cfg, history):
    return {**settings, "steps": cfg.steps, "lr": cfg.lr, "lr_end": cfg.lr_end, "clip": cfg.clip,
            "optimizer": cfg.optimizer, "seconds": round(history[-1].elapsed, 1)}


def build_series(name):
    bundled = BUNDLED[name]
    values = read_series(bundled)
    settings = dict(SERIES[name])
    cfg = settings.pop("cfg")
    model, history = train_forecaster(values, SERIES_TRAIN, cfg=cfg, callback=progress(200), **settings,
                                      card={"data": bundled.data, "column": bundled.column})
    start = model.card.train_points
    model_mse, naive_mse = forecast_errors(model, values, start)
    model.card = model.card.updated(
        training=training_card(settings, cfg, history),
        metrics={"held_out_points": len(values) - start, "held_out_mse": model_mse,
                 "naive_last_value_mse": naive_mse, "improvement_over_naive": round(1 - model_mse / naive_mse, 4)})
    return model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", default=names("forecast"), help=f"any of {names('forecast')}")
    args = parser.parse_args(argv)
    for name in args.names:
        started = time.perf_counter()
        print(f"{name}:", flush=True)
        model = build_series(name)
        model.save(model_path(name))
        print(f"  -> {model_path(name).name}  {model.card.metrics.to_dict()}  ({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
