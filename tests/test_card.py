"""The model card is a defined type (lstm_core/card.py): its keys in one place, checked when read, written back
exactly, and read by attribute everywhere."""
import copy
import dataclasses
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from lstm_core.bundled import BUNDLED, load_bundled
from lstm_core.card import Architecture, ModelCard, NamedUnit, Record
from lstm_core.model import SequenceModel, load_sequence_model
from lstm_core.weights_io import CARD_KEY, WeightsError, load_npz, save_npz, save_safetensors

ROOT = Path(__file__).resolve().parent.parent
CARD_FILES = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "models").glob("*.npz"),
                                                        *(ROOT / "data" / "compare").glob("*.npz")])


def stored_card_text(path):
    """The card's JSON text exactly as the file holds it."""
    with np.load(ROOT / path, allow_pickle=False) as npz:
        return str(npz[CARD_KEY])


def test_every_bundled_model_file_is_among_the_cards_checked():
    assert {f"models/{name}.npz" for name in BUNDLED} <= set(CARD_FILES) and len(CARD_FILES) >= 12


@pytest.mark.parametrize("path", CARD_FILES)
def test_every_shipped_card_reads_and_writes_back_to_the_same_json(path):
    text = stored_card_text(path)
    card = ModelCard.from_dict(json.loads(text))
    assert json.dumps(card.to_dict(), sort_keys=True) == text          # same keys, values and number types
    assert card.extra == {}                                            # every key the project writes is known


@pytest.mark.parametrize("path", CARD_FILES)
def test_saving_a_shipped_card_again_writes_the_same_bytes_of_json(path):
    arrays, card = load_npz(ROOT / path)
    buffer = io.BytesIO()
    save_npz(buffer, {"x": np.zeros(1)}, card)
    buffer.seek(0)
    with np.load(buffer, allow_pickle=False) as npz:
        assert str(npz[CARD_KEY]) == stored_card_text(path)


@pytest.mark.parametrize("name", list(BUNDLED))
def test_a_bundled_model_carries_a_model_card_read_by_attribute(name):
    card = load_bundled(name).card
    assert isinstance(card, ModelCard) and card.task == BUNDLED[name].task and card.data == BUNDLED[name].data
    assert card.metrics is not None and isinstance(card.architecture, Architecture)
    assert all(isinstance(u, NamedUnit) for u in card.units)


def test_named_units_and_saturation_are_typed_records():
    card = load_bundled("char_shakespeare_2layer").card
    first = card.units[0]
    assert (first.layer, first.state, first.unit, first.feature, first.metric) == (1, "h", 31, "speaker_line", "auc")
    assert first.outside_score is None and first.outside_best is None and first.holds_on_both is False
    assert card.named(31, layer=1) is first and card.named(31, layer=0) is None
    shares = card.saturation_of(1, 0).gates()
    assert list(shares) == ["f", "i", "o"] and len(shares["f"].low) == 128 and card.saturation_of(2, 0) is None


# ------------------------------------------------------------------------------------- keys from elsewhere
def test_keys_written_elsewhere_are_kept_and_written_back_at_every_level():
    raw = {"task": "char_lm", "licence": "CC-BY", "architecture": {"kind": "lstm", "dropout": 0.2},
           "units": [{"unit": 3, "feature": "indent", "note": "by hand"}], "metrics": {"perplexity": 4.5}}
    card = ModelCard.from_dict(copy.deepcopy(raw))
    assert card.extra == {"licence": "CC-BY"} and card.architecture.extra == {"dropout": 0.2}
    assert card.units[0].extra == {"note": "by hand"} and card.metrics.extra == {"perplexity": 4.5}
    assert card.to_dict() == raw


def test_absent_keys_stay_absent_and_nulls_stay_null():
    raw = {"units": [{"unit": 3, "feature": "indent", "outside_score": None}], "seed": None}
    card = ModelCard.from_dict(raw)
    assert card.units[0].layer == 0 and card.units[0].outside_score is None and card.seed is None
    assert json.dumps(card.to_dict(), sort_keys=True) == json.dumps(raw, sort_keys=True)
    assert ModelCard.from_dict({}).to_dict() == {} and ModelCard().to_dict() == {}


def test_a_card_is_frozen_and_a_changed_one_is_checked_again():
    card = ModelCard.from_dict({"task": "forecast", "train_points": 10})
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.task = "char_lm"
    changed = card.updated(metrics={"held_out_points": 3})
    assert changed.metrics.held_out_points == 3 and card.metrics is None and changed.train_points == 10
    with pytest.raises(WeightsError, match=r"metrics\.held_out_points should be a whole number"):
        card.updated(metrics={"held_out_points": -3})
    assert card.without("train_points").to_dict() == {"task": "forecast"}
    with pytest.raises(TypeError):
        card.extra["x"] = 1                                            # the mappings inside are read-only


def test_every_known_key_says_what_it_means():
    for record in [ModelCard, *{f.metadata["kind"] if isinstance(f.metadata["kind"], type) else
                                f.metadata["kind"][0] for f in dataclasses.fields(ModelCard)
                                if "kind" in f.metadata and not isinstance(f.metadata["kind"], str)}]:
        assert issubclass(record, Record)
        for key, (kind, meaning) in record.describe().items():
            assert kind and len(meaning) >= 5, (record.__name__, key)


# --------------------------------------------------------------------------------------- wrong kinds
WRONG = [({"task": 3}, "task", "text"),
         ({"seed": -1}, "seed", "whole"),
         ({"seed": True}, "seed", "whole"),                            # true is not a number in a card
         ({"vocab": "abc"}, "vocab", "texts"),
         ({"vocab": ["a", 1]}, "vocab", "texts"),
         ({"architecture": [4]}, "architecture", "object"),
         ({"architecture": {"bidirectional": "no"}}, "architecture.bidirectional", "flag"),
         ({"scaling": {"mean": 0}}, "scaling.std", "present"),
         ({"scaling": {"mean": "0", "std": 1}}, "scaling.mean", "number"),
         ({"scaling": {"mean": None, "std": 1}}, "scaling.mean", "number"),   # required: null is no mean
         ({"metrics": {"held_out_mse": float("nan")}}, "metrics.held_out_mse", "number"),
         ({"units": None}, "units", "records"),                        # a list of units, or no key at all
         ({"units": ["junk"]}, "units", "records"),
         ({"units": [{"unit": 1, "feature": "x"}, {"unit": 2}]}, "units[1].feature", "present"),
         ({"units": [{"unit": 1, "feature": "x", "layer": None}]}, "units[0].layer", "whole"),
         ({"saturation": {"layers": [{"f": {"low": [0.1], "high": ["x"]}}]}}, "saturation.layers[0].f.high",
          "numbers"),
         ({"training": "fast"}, "training", "object"),
         ({"layers": [1]}, "layers", "objects")]


@pytest.mark.parametrize("raw, path, expected", WRONG, ids=[f"{w[1]}:{w[2]}" for w in WRONG])
def test_a_value_of_the_wrong_kind_is_refused_naming_the_key_and_what_it_should_be(raw, path, expected):
    with pytest.raises(WeightsError) as refused:
        ModelCard.from_dict(raw)
    assert refused.value.reason == "card"
    assert refused.value.details["path"] == path and refused.value.details["expected"] == expected
    assert path in str(refused.value)


@pytest.mark.parametrize("fmt", ["npz", "safetensors"])
def test_a_file_with_a_wrong_card_is_refused_when_read_and_the_refusal_survives_a_copy(fmt):
    model = SequenceModel.create("char_lm", 4, 4, hidden_size=3, card={"vocab": list("abcd")})
    card = json.dumps({**model.saved_card().to_dict(), "default_text": ["not", "text"]})
    if fmt == "npz":
        buffer = io.BytesIO()
        np.savez(buffer, **model.parameters(), __card__=np.array(card))
        data = buffer.getvalue()
    else:
        data = save_safetensors(model.parameters(), {"card": card})
    with pytest.raises(WeightsError) as refused:
        load_sequence_model(data)
    assert refused.value.details == {"path": "default_text", "expected": "text", "got": '["not", "text"]'}
    again = copy.deepcopy(refused.value)
    assert (again.reason, again.details, str(again)) == (refused.value.reason, refused.value.details,
                                                         str(refused.value))


def test_save_npz_takes_a_dict_as_tools_write_it_and_refuses_a_wrong_one(tmp_path):
    save_npz(tmp_path / "m.npz", {"x": np.zeros(2)}, {"task": "forecast", "made_by": "a test"})
    assert load_npz(tmp_path / "m.npz")[1].made_by == "a test"
    with pytest.raises(WeightsError, match="gap should be a whole number"):
        save_npz(tmp_path / "bad.npz", {"x": np.zeros(2)}, {"gap": "twenty"})


def test_a_model_made_in_code_checks_the_card_it_is_given():
    with pytest.raises(WeightsError, match="train_points"):
        SequenceModel.create("forecast", 1, 1, hidden_size=2, card={"train_points": 1.5})
    model = SequenceModel.create("forecast", 1, 1, hidden_size=2, card={"scaling": {"mean": 0, "std": 1}})
    assert model.card.task == "forecast" and model.scaling.std == 1.0


# ---------------------------------------------------------------------- one way to read a card: attributes
SOURCES = ["lstm_core", "app_pages", "lessons", "viz", "readers", "tools", "app.py"]
DICT_READS = re.compile(r"""card(\s+or\s+\{\}\))?\.get\(|card\(?\)?\[["']|card\.(update|items|keys|values)\(""")


def test_no_code_reads_a_card_as_a_dict():
    found = []
    for source in SOURCES:
        paths = [ROOT / source] if source.endswith(".py") else sorted((ROOT / source).rglob("*.py"))
        for path in paths:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if DICT_READS.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []

