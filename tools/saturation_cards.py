"""Add each bundled character model's gate saturation on held-out text to its card:
`python tools/saturation_cards.py [--chars 20000] [--models char_shakespeare ...]`.

For every layer and direction, the card's saturation (lstm_core.card.Saturation) gets, per gate f, i and o, the
share of steps each unit's gate is below 0.1 (nearly shut) and above 0.9 (nearly open) while the model reads the
first 20,000 characters of its held-out text (lstm_core.bundled.held_out_text), measured by
lstm_core.analysis.gate_saturation. The /sentence page's gate-saturation view shows it beside the same measure on
the user's text. The text is read in chunks of 2,000 steps with the state carried over (bounded memory); the shares
are step-weighted means of the chunks', so they equal one pass over the whole text. Only the card changes: the
arrays are written back as they were read (same names, dtypes and values).
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core import analysis  # noqa: E402
from lstm_core.bundled import load_bundled, model_path, names  # noqa: E402
from lstm_core.weights_io import load_npz, save_npz  # noqa: E402

LOW, HIGH = 0.1, 0.9
CHUNK = 2000
GATES = ("f", "i", "o")


def saturation_card(model, text, chunk=CHUNK, low=LOW, high=HIGH):
    """The card entry for `model` reading `text`: {"characters", "low", "high", "layers": [{"layer",
    "direction", "f": {"low": [H], "high": [H]}, "i": ..., "o": ...}]} (shares rounded to 4 decimals).
    Bidirectional models are read in one pass (their reverse direction needs the whole text)."""
    cfg = model.net.config
    x, _ = model.text_inputs(text)
    step = len(text) if cfg.bidirectional else chunk
    totals, state = {}, (None, None)
    for start in range(0, len(text), step):
        trace, _ = model.forward(x[start:start + step], *state)
        n = trace.steps
        for layer in range(cfg.num_layers):
            for d in range(cfg.directions):
                sat = shares(analysis.gate_saturation(trace.gates(layer, d), low=low, high=high))
                entry = totals.setdefault((layer, d), {g: {"low": 0.0, "high": 0.0} for g in GATES})
                for g in GATES:
                    for side in ("low", "high"):
                        entry[g][side] = entry[g][side] + n * sat[g][side]
        state = (trace.h_n, trace.c_n)
    layers = []
    for (layer, d), entry in sorted(totals.items()):
        layers.append({"layer": layer, "direction": d, **{g: {side: np.round(entry[g][side] / len(text), 4).tolist()
                                                              for side in ("low", "high")} for g in GATES}})
    return {"characters": len(text), "low": low, "high": high, "layers": layers}


def shares(saturation):
    """analysis.gate_saturation's {gate: Saturation(low, high)} as {gate: {"low": (H,), "high": (H,)}}."""
    return {g: {"low": np.asarray(saturation[g].low, np.float64), "high": np.asarray(saturation[g].high, np.float64)}
            for g in GATES}


def add_to_card(name, chars):
    from lstm_core.bundled import held_out_text  # comes with the new bundled models

    model = load_bundled(name)
    text = held_out_text(model)[:chars]
    entry = saturation_card(model, text)
    path = model_path(name)
    arrays, card = load_npz(path.read_bytes())
    save_npz(path, arrays, card.updated(saturation=entry))
    f = entry["layers"][0]["f"]
    print(f"{name}: {len(text)} held-out characters; layer 0: forget gate open on most steps for "
          f"{sum(v > 0.5 for v in f['high'])} of {len(f['high'])} units, shut for {sum(v > 0.5 for v in f['low'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--models", nargs="*", default=names("char_lm"))
    args = parser.parse_args()
    for name in args.models:
        add_to_card(name, args.chars)


if __name__ == "__main__":
    main()
