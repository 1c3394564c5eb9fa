"""Name the units of the bundled character models and state their held-out result: `python tools/name_units.py
[NAME ...]`. NumPy only (the app's own engine), run after tools/train_torch.py.

For each model, on the first EVIDENCE_CHARS characters of its held-out text: every unit's c and h in every
layer is scored against each feature the model is expected to grow (lstm_core.unit_roles: AUC for yes/no
features, Pearson r for counts, lstm_core.analysis.rank_units), and the strongest unit per feature goes into
the card's "units" with its evidence. The card's held-out bits per character are computed over the whole
held-out text. tests/test_bundled.py recomputes both.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_core.analysis import rank_units  # noqa: E402
from lstm_core.bundled import held_out_text, load_bundled, model_path, names  # noqa: E402
from lstm_core.tasks import char_lm_bits_per_char  # noqa: E402
from lstm_core.unit_roles import feature  # noqa: E402
from lstm_core.weights_io import load_npz, save_npz  # noqa: E402

EVIDENCE_CHARS = 20_000
EXPECTED = {
    "char_shakespeare": ("speaker_line", "newline_next", "position_in_line"),
    "char_shakespeare_2layer": ("speaker_line", "newline_next", "position_in_line"),
    "char_python": ("in_string", "bracket_depth", "indent"),
    "char_tang": ("position_in_verse", "line_end"),
}


def strength(metric, score):
    """How far a score is from 'no relation' (AUC 0.5, r 0)."""
    return abs(score - 0.5) if metric == "auc" else abs(score)


def best_units(model, text, features):
    """[{layer, direction, state, unit, feature, metric, score}] the strongest unit per feature."""
    trace, _, _ = model.run_text(text)
    cfg = model.net.config
    found = []
    for name in features:
        labels = feature(name, text)
        metric = "auc" if labels.dtype == bool else "r"
        candidates = []
        for layer in range(cfg.num_layers):
            gates = trace.gates(layer)
            for state in ("c", "h"):
                scores = rank_units(np.asarray(gates[state], np.float64), labels)
                unit = int(np.argmax([strength(metric, s) for s in scores]))
                candidates.append({"layer": layer, "direction": 0, "state": state, "unit": unit, "feature": name,
                                   "metric": metric, "score": round(float(scores[unit]), 3)})
        found.append(max(candidates, key=lambda u: strength(u["metric"], u["score"])))
    return found


def name_units(name):
    model = load_bundled(name)
    text = held_out_text(model)
    units = best_units(model, text[:EVIDENCE_CHARS], EXPECTED[name])
    bits = char_lm_bits_per_char(model, text)
    arrays, card = load_npz(model_path(name))
    card["units"] = units
    card["units_evidence"] = f"the first {EVIDENCE_CHARS:,} characters of the held-out text"
    card["metrics"] = {"held_out_bits_per_char": round(float(bits), 4), "held_out_chars": len(text)}
    save_npz(model_path(name), arrays, card)          # arrays as they were stored (float16)
    print(f"{name}: {bits:.4f} bits/char on {len(text):,} held-out characters")
    for u in units:
        print(f"  {u['feature']:18s} layer {u['layer']} {u['state']} unit {u['unit']:3d}  "
              f"{u['metric']} {u['score']:+.3f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", default=[n for n in names("char_lm") if n in EXPECTED])
    for name in parser.parse_args(argv).names:
        name_units(name)


if __name__ == "__main__":
    main()
