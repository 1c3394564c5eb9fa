"""Rebuild every bundled model from its data and seed: `python tools/train_bundled.py [name ...]`.

Writes models/<name>.npz, each with a JSON card (architecture, data and licence, training settings,
held-out metrics, seed). tests/test_bundled.py checks each card's metric again on the held-out data.
"""
import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core.bundled import BUNDLED, CORPUS, SERIES_DIR, model_path  # noqa: E402
from lstm_core.tasks import char_lm_bits_per_char, forecast_errors, train_char_lm, train_forecaster  # noqa: E402
from lstm_core.train import TrainConfig  # noqa: E402
from lstm_core.unit_roles import describe_units  # noqa: E402

HELD_OUT = 0.1          # last tenth of the corpus
SERIES_TRAIN = 0.8      # first 80% of each series

CHAR = {
    "char_english": {"hidden_size": 128, "seq_len": 100, "batch_size": 32,
                     "cfg": TrainConfig(steps=7000, lr=4e-3, lr_end=0.1, clip=1.0, seed=0)},
    "char_english_2layer": {"hidden_size": 64, "num_layers": 2, "seq_len": 100, "batch_size": 32,
                            "cfg": TrainConfig(steps=4000, lr=4e-3, lr_end=0.1, clip=1.0, seed=0)},
}
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


def build_char(name):
    text = CORPUS.read_text(encoding="utf-8")
    split = int(len(text) * (1 - HELD_OUT))
    train_text, held_out = text[:split], text[split:]
    settings = dict(CHAR[name])
    cfg = settings.pop("cfg")
    model, history = train_char_lm(train_text, cfg=cfg, callback=progress(250), **settings,
                                   card={"data": BUNDLED[name].data, "held_out_from_char": split})
    bits = char_lm_bits_per_char(model, held_out)
    model.card.update({
        "training": training_card(settings, cfg, history),
        "metrics": {"held_out_bits_per_char": round(float(bits), 4), "held_out_chars": len(held_out)},
        "units": describe_units(model, held_out[:20000]),
    })
    return model


def build_series(name):
    bundled = BUNDLED[name]
    values = read_series(bundled)
    settings = dict(SERIES[name])
    cfg = settings.pop("cfg")
    model, history = train_forecaster(values, SERIES_TRAIN, cfg=cfg, callback=progress(200), **settings,
                                      card={"data": bundled.data, "column": bundled.column})
    start = model.card["train_points"]
    model_mse, naive_mse = forecast_errors(model, values, start)
    model.card.update({
        "training": training_card(settings, cfg, history),
        "metrics": {"held_out_points": len(values) - start, "held_out_mse": model_mse,
                    "naive_last_value_mse": naive_mse,
                    "improvement_over_naive": round(1 - model_mse / naive_mse, 4)},
    })
    return model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", default=list(BUNDLED), help=f"any of {list(BUNDLED)}")
    args = parser.parse_args(argv)
    for name in args.names:
        started = time.perf_counter()
        print(f"{name}:", flush=True)
        model = build_char(name) if BUNDLED[name].task == "char_lm" else build_series(name)
        model.save(model_path(name))
        print(f"  -> {model_path(name).name}  {model.card['metrics']}  ({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
