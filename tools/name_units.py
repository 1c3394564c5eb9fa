"""Name the units of the bundled character models and state their held-out result: `python tools/name_units.py
[NAME ...]`. NumPy only (the app's own engine), run after tools/train_torch.py.

For each model, on the first EVIDENCE_CHARS characters of its held-out text: every unit's c and h in every
layer is scored against each feature the model is expected to grow (lstm_core.unit_roles: AUC for yes/no
features, Pearson r for counts, lstm_core.analysis.rank_units), and the strongest unit per feature goes into
the card's "units" with its evidence. The card's held-out bits per character are computed over the whole
held-out text.

Each named unit is then scored again, the same unit on the same feature, on a text from outside the model's
corpus (OUTSIDE: files under data/outside/, built by tools/build_outside_texts.py, sources in data/SOURCES.md):
"outside_score", and "outside_best" the strongest any unit reaches there. A unit "holds_on_both" when its score
is strong (holds()) on both texts, the same way round. A yes/no feature too rare on the outside text to be
evidence (lstm_core.analysis.hypothesis_support) gets None. tests/test_bundled.py recomputes all of it.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_core.analysis import hypothesis_support, rank_units  # noqa: E402
from lstm_core.bundled import DATA_DIR, held_out_text, load_bundled, model_path, names  # noqa: E402
from lstm_core.tasks import char_lm_bits_per_char  # noqa: E402
from lstm_core.unit_roles import feature  # noqa: E402
from lstm_core.weights_io import load_npz, save_npz  # noqa: E402

EVIDENCE_CHARS = 20_000
EXPECTED = {
    "char_shakespeare": ("speaker_line", "newline_next", "position_in_line"),
    "char_shakespeare_2layer": ("speaker_line", "newline_next", "position_in_line"),
    "char_python": ("in_string", "in_code_brackets", "indent", "bracket_depth",
                    "in_one_line_string", "in_triple_string", "in_prose"),     # in_string's parts, then prose
    "char_tang": ("position_in_verse", "line_end", "second_line"),
}

# A text from outside each corpus (under data/): (file, what it is, for the card)
OUTSIDE = {
    "char_shakespeare": ("outside/kjv_ruth_jonah.txt", "Ruth and Jonah, King James Version (public domain)"),
    "char_shakespeare_2layer": ("outside/kjv_ruth_jonah.txt", "Ruth and Jonah, King James Version (public domain)"),
    "char_python": ("outside/requests_utils.py.txt", "requests 2.34.2, requests/utils.py (Apache-2.0)"),
    "char_tang": ("outside/song_poems.txt", "the Song poems of 千家诗 (chinese-poetry, MIT), simplified"),
}
HOLDS = {"auc": 0.35, "r": 0.5}     # a strong score: AUC >= 0.85 (or <= 0.15), |r| >= 0.5
# How a model reads what the user types (readers/chinese_script.py): the Tang corpus was converted with t2s
CONVERT = {"char_tang": "t2s"}


def outside_text(name):
    return (DATA_DIR / OUTSIDE[name][0]).read_text(encoding="utf-8")[:EVIDENCE_CHARS]


def holds(metric, score):
    """A score strong enough to name a unit by: |AUC - 0.5| >= 0.35 or |r| >= 0.5. None (no score) never holds."""
    return score is not None and strength(metric, score) >= HOLDS[metric]


def strength(metric, score):
    """How far a score is from 'no relation' (AUC 0.5, r 0)."""
    return abs(score - 0.5) if metric == "auc" else abs(score)


def best_units(model, text, features, trace=None):
    """[{layer, direction, state, unit, feature, metric, score}] the strongest unit per feature."""
    if trace is None:
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


def score_outside(model, text, units):
    """Each named unit's score on `text` (None where a yes/no feature is too rare there), the best any unit
    reaches, and whether the unit holds on both texts."""
    trace, _, _ = model.run_text(text)
    best = {u["feature"]: u for u in best_units(model, text, [u["feature"] for u in units], trace)}
    for u in units:
        labels = feature(u["feature"], text)
        if labels.dtype == bool and not hypothesis_support(labels).enough:
            u.update(outside_score=None, outside_best=None, holds_on_both=False)
            continue
        states = np.asarray(trace.gates(u["layer"], u["direction"])[u["state"]], np.float64)
        score = float(rank_units(states, labels)[u["unit"]])
        centre = 0.5 if u["metric"] == "auc" else 0.0
        same_way = (u["score"] - centre) * (score - centre) > 0
        u.update(outside_score=round(score, 3), outside_best=best[u["feature"]]["score"],
                 holds_on_both=bool(holds(u["metric"], u["score"]) and holds(u["metric"], score) and same_way))
    return units


def name_units(name):
    model = load_bundled(name)
    text = held_out_text(model)
    units = best_units(model, text[:EVIDENCE_CHARS], EXPECTED[name])
    units = score_outside(model, outside_text(name), units)
    bits = char_lm_bits_per_char(model, text)
    arrays, card = load_npz(model_path(name))
    file, what = OUTSIDE[name]
    card = card.updated(units=units, units_evidence=f"the first {EVIDENCE_CHARS:,} characters of the held-out text",
                        outside_evidence={"file": file, "what": what, "chars": len(outside_text(name))},
                        metrics={"held_out_bits_per_char": round(float(bits), 4), "held_out_chars": len(text)},
                        **({"convert": CONVERT[name]} if name in CONVERT else {}))
    save_npz(model_path(name), arrays, card)          # arrays as they were stored (float16)
    print(f"{name}: {bits:.4f} bits/char on {len(text):,} held-out characters")
    for u in units:
        print(f"  {u['feature']:18s} layer {u['layer']} {u['state']} unit {u['unit']:3d}  "
              f"{u['metric']} {u['score']:+.3f}  outside {u['outside_score']} (best {u['outside_best']})"
              f"{'  holds on both' if u['holds_on_both'] else ''}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", default=[n for n in names("char_lm") if n in EXPECTED])
    for name in parser.parse_args(argv).names:
        name_units(name)


if __name__ == "__main__":
    main()
