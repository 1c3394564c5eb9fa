"""Every bundled model loads, equals the PyTorch model it was trained as, still earns the metric its card
states on its held-out data, and its named units do what the card says."""
from pathlib import Path

import numpy as np
import pytest

from lstm_core.bundled import BUNDLED, DEFAULT_TEXT_MODEL, held_out_text, load_bundled, model_path, names
from lstm_core.model import SequenceModel
from lstm_core.tasks import char_lm_bits_per_char, forecast_errors
from lstm_core.weights_io import from_torch, load_npz
from tools.train_bundled import read_series

REFERENCE = Path(__file__).parent / "reference"
CHAR_MODELS = names("char_lm")
# What each model reaches on its held-out text (bits per character; the card states it to 4 decimals).
# Shakespeare: the aim was 1.6 bits; small character models reach about 2.1-2.2 on the held-out tenth of
# tinyshakespeare (nanoGPT's 10M-parameter Transformer: 1.47 nats = 2.12 bits).
AT_MOST_BITS = {"char_shakespeare": 2.3, "char_shakespeare_2layer": 2.75, "char_python": 1.55, "char_tang": 8.5}


def test_the_character_models_are_the_ones_the_pages_name():
    assert set(CHAR_MODELS) == set(AT_MOST_BITS)
    assert set(DEFAULT_TEXT_MODEL.values()) <= set(CHAR_MODELS)


def test_every_model_file_fits_the_size_budget():
    sizes = {name: model_path(name).stat().st_size for name in BUNDLED}
    assert max(sizes.values()) <= 10_000_000
    assert sum(p.stat().st_size for p in model_path("x").parent.iterdir()) <= 40_000_000


def float64_model(name):
    """The bundled model with its stored weights (float16 for the PyTorch-trained ones) taken to float64."""
    arrays, card = load_npz(model_path(name))
    wide = {k: v.astype(np.float64) for k, v in arrays.items()}
    net = from_torch({k: v for k, v in wide.items() if k.startswith("rnn.")}, prefix="rnn.")
    return SequenceModel(net, wide["head.weight"], wide["head.bias"], card, wide.get("embed.weight"))


@pytest.mark.parametrize("name", CHAR_MODELS)
def test_the_import_equals_the_pytorch_model_it_was_trained_as(name):
    """tools/train_torch.py stored torch's float64 logits on the card's default text, computed from the weights
    exactly as stored: our engine, reading the same numbers, must give the same logits."""
    model = float64_model(name)
    x, ids = model.text_inputs(model.card.default_text)
    assert (ids >= 0).all()
    _, logits = model.forward(x)
    expected = np.load(REFERENCE / f"bundled_{name}.npz")["logits"]
    np.testing.assert_allclose(logits, expected, rtol=0, atol=1e-10)


@pytest.mark.parametrize("name", CHAR_MODELS)
def test_each_character_model_earns_its_cards_held_out_bits_per_char(name):
    model = load_bundled(name)
    text = held_out_text(model)
    assert len(text) == model.card.metrics.held_out_chars
    bits = char_lm_bits_per_char(model, text)
    assert bits == pytest.approx(model.card.metrics.held_out_bits_per_char, abs=1e-3)
    assert bits <= AT_MOST_BITS[name]


def test_the_poetry_model_knows_every_character_of_its_default_poem():
    model = load_bundled("char_tang")
    assert model.card.default_text == "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
    assert (model.vocab.encode(model.card.default_text) >= 0).all()
    assert model.embed_weight is not None and model.embed_weight.dtype == np.float32


@pytest.mark.parametrize("name", CHAR_MODELS)
def test_the_cards_named_units_show_their_evidence_again_on_held_out_text(name):
    from lstm_core.analysis import rank_units
    from lstm_core.unit_roles import feature
    from tools.name_units import EVIDENCE_CHARS

    model = load_bundled(name)
    text = held_out_text(model)[:EVIDENCE_CHARS]
    trace, _, _ = model.run_text(text)
    units = model.card.units
    assert len(units) >= 2
    for u in units:
        states = np.asarray(trace.gates(u.layer, u.direction)[u.state], np.float64)
        score = rank_units(states, feature(u.feature, text))[u.unit]
        assert score == pytest.approx(u.score, abs=2e-3), u


def test_the_python_model_has_a_string_unit_and_a_bracket_unit():
    """Issue 19's aims on the outside code (requests/utils.py): a bracket-depth unit with |r| >= 0.6 (the 512-unit
    model trained for it reaches 0.66, and 0.72 held out), and a string unit with AUC >= 0.9: reached by the unit
    of prose (a comment or a docstring, 0.93), not by in_string's (0.83, see the next test)."""
    units = {u.feature: u for u in load_bundled("char_python").card.units}
    assert abs(units["in_string"].score - 0.5) >= 0.35                 # AUC >= 0.85 or <= 0.15 held out
    assert abs(units["in_code_brackets"].score - 0.5) >= 0.4 and units["in_code_brackets"].holds_on_both
    depth = units["bracket_depth"]
    assert abs(depth.score) >= 0.6 and abs(depth.outside_score) >= 0.6 and depth.holds_on_both
    assert abs(units["in_prose"].outside_score - 0.5) >= 0.4            # AUC >= 0.9 outside


def test_the_python_models_string_feature_is_split_as_a_reader_of_code_splits_it():
    """in_string mixes what the model keeps apart: it counts a docstring as a string and a comment as code, while
    the model keeps docstrings with comments (prose for the reader). The parts are named on their own and scored
    on both texts: prose (a comment or a docstring) holds on both; in_string itself does not hold outside, and
    neither does a triple-quoted string alone."""
    units = {u.feature: u for u in load_bundled("char_python").card.units}
    assert {"in_one_line_string", "in_triple_string", "in_prose"} <= set(units)
    assert units["in_prose"].holds_on_both and not units["in_string"].holds_on_both
    assert not units["in_triple_string"].holds_on_both


@pytest.mark.parametrize("name", names("forecast"))
def test_each_forecaster_beats_the_last_value_forecast_on_held_out_data(name):
    model = load_bundled(name)
    values = read_series(BUNDLED[name])
    model_mse, naive_mse = forecast_errors(model, values, model.card.train_points)
    metrics = model.card.metrics
    assert model_mse == pytest.approx(metrics.held_out_mse, rel=1e-4)
    assert naive_mse == pytest.approx(metrics.naive_last_value_mse, rel=1e-9)
    assert model_mse < naive_mse


def test_an_unknown_bundled_name_is_a_clear_error():
    with pytest.raises(ValueError, match="no bundled model named"):
        load_bundled("nope")


@pytest.mark.parametrize("name", CHAR_MODELS)
def test_each_named_unit_is_scored_again_on_a_text_from_outside_its_corpus(name):
    from lstm_core.analysis import hypothesis_support, rank_units
    from lstm_core.unit_roles import feature
    from tools.name_units import OUTSIDE, holds, outside_text

    model = load_bundled(name)
    assert model.card.outside_evidence.file == OUTSIDE[name][0]
    assert f"`{OUTSIDE[name][0]}`" in (REFERENCE.parent.parent / "data" / "SOURCES.md").read_text()
    text = outside_text(name)
    assert text not in held_out_text(model) and text[:300] not in (REFERENCE.parent.parent / "data" /
                                                                   model.card.data).read_text()
    trace, _, _ = model.run_text(text)
    for u in model.card.units:
        labels = feature(u.feature, text)
        if labels.dtype == bool and not hypothesis_support(labels).enough:
            assert u.outside_score is None, u                            # too rare there to be evidence
            continue
        states = np.asarray(trace.gates(u.layer, u.direction)[u.state], np.float64)
        assert rank_units(states, labels)[u.unit] == pytest.approx(u.outside_score, abs=2e-3), u
        best = max(abs(s - (0.5 if u.metric == "auc" else 0))                 # any unit, layer and state
                   for layer in range(model.net.config.num_layers) for state in ("c", "h")
                   for s in rank_units(np.asarray(trace.gates(layer)[state], np.float64), labels))
        assert abs(u.outside_best - (0.5 if u.metric == "auc" else 0)) == pytest.approx(best, abs=2e-3)
        assert u.holds_on_both == (holds(u.metric, u.score) and holds(u.metric, u.outside_score)
                                      and (u.score > 0.5) == (u.outside_score > 0.5) if u.metric == "auc"
                                      else holds("r", u.score) and holds("r", u.outside_score)
                                      and u.score * u.outside_score > 0), u


def test_a_unit_holds_when_its_score_is_strong_on_a_text():
    from tools.name_units import holds
    assert holds("auc", 0.9) and holds("auc", 0.1) and not holds("auc", 0.8) and not holds("auc", None)
    assert holds("r", -0.6) and not holds("r", 0.4)


@pytest.mark.parametrize("name", CHAR_MODELS)
def test_each_character_models_default_text_shows_a_real_erase_of_a_named_unit(name):
    """Was: on the Tang poem the named units (196 position in verse, 228 line end) never went below f = 0.68, so
    /sentence's erase box fell back to an unnamed unit. A real erase (analysis.largest_erase): a step after the
    first where a named unit's forget gate fell below 0.5 while it held |c(t-1)| >= 0.5."""
    from lstm_core.analysis import largest_erase

    model = load_bundled(name)
    text = model.card.default_text
    trace, _, _ = model.run_text(text)
    erases = []
    for u in model.card.units:
        gates = trace.gates(u.layer, u.direction)
        erase = largest_erase(gates["f"], gates["c"], units=[u.unit])
        if erase is not None:
            assert erase.step > 0 and erase.f < 0.5 and abs(erase.before) >= 0.5
            assert gates["f"][erase.step, erase.unit] == pytest.approx(erase.f)
            assert gates["c"][erase.step - 1, erase.unit] == pytest.approx(erase.before)
            erases.append((u.feature, text[erase.step], erase))
    assert erases, f"no named unit of {name} erases a memory it held on its default text"
    if name == "char_tang":                 # the couplet's unit resets where a line of verse ends
        assert any(feature == "second_line" and ch in "，。" for feature, ch, _ in erases), erases
