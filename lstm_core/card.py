"""A model card: what a weights file says about its model, beside its arrays.

On disk a card is a JSON object: the `__card__` entry of an .npz (weights_io.save_npz) or the "card" key of a
.safetensors file's metadata. In the code it is a ModelCard, and this file is the one place its keys are defined:
every key the project writes is a field below, with its type and meaning. ModelCard.from_dict checks a card when
it is read: a known key holding a value of the wrong kind is a WeightsError "card" naming the key ("units[0].unit"),
the kind of value it should hold and the value found. Keys written elsewhere are kept in `extra`, never refused,
and to_dict gives back exactly the JSON object read (a key absent stays absent, a null stays null).

Cards are frozen: `card.updated(units=[...])` makes a changed card, checked again. A field missing from the card
is None, unless its record gives another default (a named unit's layer and direction: 0).
"""
import copy
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from .errors import WeightsError

# What a value must be, by kind: English words for messages (the app words them in its own tables,
# app_pages/strings/model_files.py card_expected_<kind>).
EXPECTED = {"text": "text", "whole": "a whole number >= 0", "number": "a finite number", "flag": "true or false",
            "texts": "a list of texts", "numbers": "a list of finite numbers", "object": "a JSON object",
            "objects": "a list of JSON objects", "records": "a list of JSON objects", "present": "present"}


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


CHECKS = {"text": lambda v: isinstance(v, str),
          "whole": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
          "number": _is_number,
          "flag": lambda v: isinstance(v, bool),
          "texts": lambda v: isinstance(v, list | tuple) and all(isinstance(x, str) for x in v),
          "numbers": lambda v: isinstance(v, list | tuple) and all(_is_number(x) for x in v),
          "object": lambda v: isinstance(v, Mapping),
          "objects": lambda v: isinstance(v, list | tuple) and all(isinstance(x, Mapping) for x in v)}


def known(kind, meaning, default=None, required=False):
    """A field of a card or of one of its records. kind: a key of CHECKS, a record class, or [record class] for
    a list of records."""
    return field(default=default, metadata={"kind": kind, "meaning": meaning, "required": required})


def _frozen(value):
    """A JSON object read-only at its top level (a deep copy: the card owns it), lists as tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType(copy.deepcopy(dict(value)))
    return tuple(copy.deepcopy(list(value)))


def plain(value):
    """A card, a record or anything inside one as plain JSON data (dicts, lists, str, numbers, bools, None)."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _shown(value):
    """The value found, as JSON, cut to 60 characters (it came from a file: the page escapes it)."""
    try:
        text = json.dumps(plain(value), ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _wrong(path, kind, value):
    expected = kind if isinstance(kind, str) else "records" if isinstance(kind, list) else "object"
    return WeightsError("card", f"the model card inside the file is not as expected: {path} should be "
                        f"{EXPECTED[expected]}, but the file has {_shown(value)}", path=path, expected=expected,
                        got=_shown(value))


def _missing(path):
    return WeightsError("card", f"the model card inside the file is not as expected: {path} is missing",
                        path=path, expected="present", got=None)


def _read(kind, value, path, nullable=True):
    """A JSON value read as a field of `kind` (checked) -> what the field holds. null is "not known" (and stays
    null when written back) where the field's default is None; elsewhere (a list of units, a layer, a required
    key such as a unit's number) it is wrong."""
    if value is None and nullable:
        return None
    if isinstance(kind, list):
        if not CHECKS["objects"](value):
            raise _wrong(path, kind, value)
        return tuple(kind[0].from_dict(v, f"{path}[{k}]") for k, v in enumerate(value))
    if isinstance(kind, type):
        if not isinstance(value, Mapping):
            raise _wrong(path, kind, value)
        return kind.from_dict(value, path)
    if not CHECKS[kind](value):
        raise _wrong(path, kind, value)
    return _frozen(value) if kind in ("texts", "numbers", "object", "objects") else value


class Record:
    """What every part of a card shares: reading from a JSON object (checked), writing it back exactly."""

    @classmethod
    def from_dict(cls, d, path=""):
        """The record of the JSON object `d` (path: where it sits in the card, for messages). Every known key is
        checked; unknown keys go to `extra` as they are."""
        if not isinstance(d, Mapping):
            raise _wrong(path or "the card", cls, d)
        values = {}
        for f in cls._known():
            where = f"{path}.{f.name}" if path else f.name
            if f.name in d:
                nullable = f.default is None and not f.metadata["required"]
                values[f.name] = _read(f.metadata["kind"], d[f.name], where, nullable)
            elif f.metadata["required"]:
                raise _missing(where)
        names = {f.name for f in cls._known()}
        extra = {k: v for k, v in d.items() if k not in names}
        return cls(**values, extra=_frozen(extra), _given=frozenset(d) & names)

    def to_dict(self):
        """The JSON object this record was read from, exactly (or, for a record made in code, its fields that
        differ from their defaults), with the keys from elsewhere after the known ones."""
        out = {f.name: plain(getattr(self, f.name)) for f in self._known()
               if (f.name in self._given if self._given is not None else getattr(self, f.name) != f.default)}
        out.update(plain(self.extra))
        return out

    def updated(self, **changes):
        """A copy with `changes` (JSON values or records), checked as a card read from a file is."""
        return type(self).from_dict({**self.to_dict(), **plain(changes)})

    def without(self, *names):
        """A copy without the keys `names` (known or extra)."""
        return type(self).from_dict({k: v for k, v in self.to_dict().items() if k not in names})

    @classmethod
    def _known(cls):
        return [f for f in fields(cls) if "kind" in f.metadata]

    @classmethod
    def describe(cls):
        """{key: (kind, meaning)} of every known key: the card's documentation as data."""
        return {f.name: (f.metadata["kind"] if isinstance(f.metadata["kind"], str) else
                         f"[{f.metadata['kind'][0].__name__}]" if isinstance(f.metadata["kind"], list) else
                         f.metadata["kind"].__name__, f.metadata["meaning"]) for f in cls._known()}


def _extra():
    return field(default_factory=lambda: MappingProxyType({}), repr=False)


def _given():
    # the known keys the JSON object had (None for a record made in code): to_dict writes back exactly those
    return field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Architecture(Record):
    """The network's configuration, as lstm_core.network.NetConfig.to_dict writes it (+ the embedding's size)."""
    kind: str | None = known("text", '"lstm", "gru" or "rnn"')
    input_size: int | None = known("whole", "numbers the network reads per step (E with an embedding)")
    hidden_size: int | None = known("whole", "units per layer and direction")
    num_layers: int | None = known("whole", "stacked layers")
    bidirectional: bool | None = known("flag", "whether each layer also reads backwards")
    proj_size: int | None = known("whole", "an LSTM's projected h size (0: none)")
    nonlinearity: str | None = known("text", 'an RNN\'s "tanh" or "relu" (its weights cannot say it)')
    embedding: int | None = known("whole", "E of the nn.Embedding in front (0: one-hot inputs)")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class Scaling(Record):
    """How a forecaster's series becomes inputs (lstm_core.model.SeriesScaling)."""
    mean: float = known("number", "mean of the scaled units of the training part", required=True)
    std: float = known("number", "their standard deviation", required=True)
    log: bool | None = known("flag", "whether the model reads the logarithm of the series")
    differences: bool | None = known("flag", "whether it reads step-to-step changes")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class Metrics(Record):
    """How well the model does on data it never trained on."""
    held_out_bits_per_char: float | None = known("number", "a character model's cross-entropy in bits")
    held_out_chars: int | None = known("whole", "characters it was measured on")
    held_out_mse: float | None = known("number", "a forecaster's mean squared one-step error")
    held_out_points: int | None = known("whole", "points it was measured on")
    naive_last_value_mse: float | None = known("number", 'the same error of "next = last value"')
    improvement_over_naive: float | None = known("number", "1 - held_out_mse / naive_last_value_mse")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class NamedUnit(Record):
    """A unit named by what it tracks, with its evidence (tools/name_units.py)."""
    unit: int = known("whole", "the unit's index in its layer and direction", required=True)
    feature: str = known("text", "what it tracks: a key of lstm_core.unit_roles.FEATURES", required=True)
    layer: int = known("whole", "its layer", default=0)
    direction: int = known("whole", "its direction (1: the backward one)", default=0)
    state: str | None = known("text", '"c" or "h": the state whose values track the feature')
    metric: str | None = known("text", '"auc" (a yes/no feature) or "r" (a graded one)')
    score: float | None = known("number", "the metric on held-out text of the model's corpus")
    outside_score: float | None = known("number", "the metric on a text from outside the corpus (null: the "
                                                   "feature does not occur there)")
    outside_best: float | None = known("number", "the best any unit of that layer reaches there")
    holds_on_both: bool | None = known("flag", "whether the evidence holds, the same way, on both texts")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class OutsideEvidence(Record):
    """The text from outside the corpus the named units were checked on."""
    file: str | None = known("text", "its file under data/")
    what: str | None = known("text", "what it is, with its source and licence")
    chars: int | None = known("whole", "characters read")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class GateShares(Record):
    """Per unit, the share of steps a gate spent shut and open."""
    low: tuple = known("numbers", "share of steps below the card's `low`, one per unit", required=True)
    high: tuple = known("numbers", "share of steps above `high`, one per unit", required=True)
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class SaturationLayer(Record):
    """One layer and direction's gate saturation; an LSTM has f, i, o, a GRU z, r."""
    layer: int = known("whole", "the layer", default=0)
    direction: int = known("whole", "the direction", default=0)
    f: GateShares | None = known(GateShares, "forget gate")
    i: GateShares | None = known(GateShares, "input gate")
    o: GateShares | None = known(GateShares, "output gate")
    z: GateShares | None = known(GateShares, "a GRU's update gate")
    r: GateShares | None = known(GateShares, "a GRU's reset gate")
    extra: Mapping = _extra()
    _given: frozenset | None = _given()

    def gates(self):
        """{gate: GateShares} of the gates present, in the order f, i, o, z, r."""
        return {g: getattr(self, g) for g in ("f", "i", "o", "z", "r") if getattr(self, g) is not None}


@dataclass(frozen=True)
class Saturation(Record):
    """Gate saturation on held-out text (tools/saturation_cards.py)."""
    characters: int | None = known("whole", "characters of held-out text read")
    low: float | None = known("number", "a gate below this is shut (0.1)")
    high: float | None = known("number", "a gate above this is open (0.9)")
    layers: tuple = known([SaturationLayer], "one entry per layer and direction", default=())
    extra: Mapping = _extra()
    _given: frozenset | None = _given()


@dataclass(frozen=True)
class ModelCard(Record):
    """Everything a model file says about its model besides its arrays. Every field may be absent (None)."""
    # what the model does
    task: str | None = known("text", '"char_lm" (next character), "forecast" (next value) or "classify" (a '
                                     "label from the last step); SequenceModel.load requires one")
    target: str | None = known("text", 'what a last-step regressor predicts ("sum": tasks.train_adding)')
    seed: int | None = known("whole", "the seed of its initialisation and training")
    architecture: Architecture | None = known(Architecture, "the network's configuration; saved models write it")
    input: str | None = known("text", 'a character model\'s input: "one_hot" or "embedding" (checked against '
                                      "the arrays when loaded)")
    # what it reads
    vocab: tuple | None = known("texts", "the tokens (characters) it reads and predicts, in id order")
    convert: str | None = known("text", 'the OpenCC conversion its text goes through first ("t2s": traditional '
                                        "to simplified; readers/chinese_script.py)")
    scaling: Scaling | None = known(Scaling, "a forecaster's series scaling")
    default_text: str | None = known("text", "the text /sentence opens with")
    # what it learnt from
    data: str | None = known("text", "its corpus or series CSV, under data/")
    column: str | None = known("text", "the value column of that series CSV")
    held_out_from_char: int | None = known("whole", "the corpus character from which on it never trained")
    train_points: int | None = known("whole", "a forecaster trained on the series' first train_points values")
    training: Mapping | None = known("object", "the trainer's settings (each trainer writes its own keys: "
                                               "tools/train_torch.py, tools/train_bundled.py)")
    storage: str | None = known("text", '"float16 on disk, float32 when loaded"')
    made_by: str | None = known("text", "the script that wrote it")
    # how well it does, and what its units do
    metrics: Metrics | None = known(Metrics, "how well it does on held-out data")
    units: tuple = known([NamedUnit], "its named units, most telling first", default=())
    units_evidence: str | None = known("text", "what the named units' scores were measured on")
    outside_evidence: OutsideEvidence | None = known(OutsideEvidence, "the outside text the units were checked on")
    saturation: Saturation | None = known(Saturation, "gate saturation on held-out text")
    # the trained cells of /compare (tools/compare_memory.py)
    trained_on: str | None = known("text", 'the task it was trained on ("first_symbol")')
    gap: int | None = known("whole", "the distance between a symbol and its question it learnt")
    cell: str | None = known("text", '"lstm", "gru", "rnn" or "lstm_forget1"')
    test_accuracy: float | None = known("number", "its accuracy on the task's test set")
    # a Keras file as read (readers/keras.py; made when read, never written to disk)
    format: str | None = known("text", '"keras" (a .keras with its config) or "weights.h5"')
    keras_version: str | None = known("text", "the Keras version that saved it")
    layers: tuple | None = known("objects", "the Keras layers read: name, layer, units, inputs, directions")
    not_run: tuple | None = known("texts", "the Keras layers around the chain that are not run")
    extra: Mapping = _extra()                           # keys written elsewhere, kept as they are
    _given: frozenset | None = _given()

    @classmethod
    def coerce(cls, card):
        """A ModelCard from a ModelCard, a dict (checked) or None (the empty card)."""
        if isinstance(card, ModelCard):
            return card
        return cls.from_dict({} if card is None else card)

    def named(self, unit, layer=0, direction=0):
        """The named unit `unit` of this layer and direction, or None."""
        return next((u for u in self.units if (u.unit, u.layer, u.direction) == (unit, layer, direction)), None)

    def saturation_of(self, layer, direction):
        """The card's gate saturation of this layer and direction (SaturationLayer), or None."""
        layers = self.saturation.layers if self.saturation is not None else ()
        return next((s for s in layers if (s.layer, s.direction) == (layer, direction)), None)

    @property
    def nonlinearity(self):
        """An RNN's nonlinearity as the card says it, or None."""
        return None if self.architecture is None else self.architecture.nonlinearity

