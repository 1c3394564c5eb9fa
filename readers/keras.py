"""Keras 3 files: `.keras` (a zip of config.json and model.weights.h5) and `.weights.h5`, read as numbers.

Nothing in a file is run: config.json is parsed as JSON, the HDF5 weights are read with h5py (HDF5 is not a
format to parse by hand), and only hard-linked, contiguous-in-file, floating-point datasets of a bounded size are
read (an external or virtual dataset could name another file on the server). Keras is never imported.

LSTM, GRU (reset_after=True, Keras' default since 2.x, which is PyTorch's form) and SimpleRNN (tanh or relu)
layers, and Bidirectional wrappers of them, become lstm_core networks through weights_io.keras_to_torch. Their
settings are checked, never guessed: a GRU with reset_after=False, an LSTM with other activations, a layer that
reads backwards on its own are refused, each with a reason the page translates. Consecutive recurrent layers
(with only dropout-like layers, which do nothing at inference, between them) form a LayerChain; the layers around
them are named in `not_run` so the page can say what it does not compute.

Where the weights live (Keras' saving_lib): `layers/<snake_case(class name)>[_<n>]/cell/vars/0..2` (kernel,
recurrent kernel, bias), n counting earlier layers of the same class in the model's order; a Bidirectional's
halves under `.../forward_layer/cell/vars` and `.../backward_layer/cell/vars`.
"""
import io
import itertools
import json
import re
import zipfile
from dataclasses import dataclass, field

import h5py
import numpy as np

from lstm_core.card import ModelCard
from lstm_core.chain import LayerChain
from lstm_core.network import GATES_PER_KIND, NetConfig, RecurrentNet
from lstm_core.weights_io import MAX_BYTES, ZIP_MAGICS, ZIP_READ_ERRORS, WeightsError, keras_to_torch

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
MAX_CONFIG_BYTES = 5_000_000
MAX_MEMBERS = 64
UNPACK_FACTOR, UNPACK_SLACK = 3, 10_000_000
MAX_ORDERINGS = 6               # a .weights.h5 alone: recurrent layers put in order by their widths, up to 6
RECURRENT = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "rnn"}
# Layers that do nothing at inference: a chain may pass through them.
IDENTITY_AT_INFERENCE = {"Dropout", "SpatialDropout1D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
                         "ActivityRegularization", "InputLayer"}


class KerasError(WeightsError):
    """A Keras file refused. `details` fills the translated message (a layer's name, a setting)."""

    REASONS = WeightsError.REASONS + ("keras_not_keras", "keras_legacy_h5", "keras_reset_after", "keras_setting",
                                      "keras_no_recurrent", "keras_order", "keras_gru_unknown")

    def __init__(self, reason, message, **details):
        super().__init__(reason, message)
        self.details = details

    def __reduce__(self):
        return _keras_error, (self.reason, str(self), self.details)


def _keras_error(reason, message, details):
    return KerasError(reason, message, **details)


@dataclass
class KerasLayer:
    name: str                    # the layer's name in the model ("lstm_1"), or its group in a .weights.h5
    label: str                   # "LSTM", "Bidirectional(GRU)"
    net: RecurrentNet            # one layer, one or two directions, PyTorch names
    activation_known: bool = True   # False: a SimpleRNN from a .weights.h5, which does not say tanh or relu


@dataclass
class KerasModel:
    layers: list                 # KerasLayer, in the order they run
    not_run: list = field(default_factory=list)   # "Dense (dense)": layers around the chain this page skips
    source: str = "keras"        # "keras" (a .keras with its config) or "weights.h5" (weights only)
    keras_version: str = ""

    @property
    def chain(self):
        return LayerChain([layer.net for layer in self.layers])

    def card(self):
        """What the file says about the model, as a ModelCard (format, keras_version, layers, not_run)."""
        return ModelCard.from_dict({"format": self.source, "keras_version": self.keras_version,
                "layers": [{"name": la.name, "layer": la.label, "units": la.net.config.hidden_size,
                            "inputs": la.net.config.input_size, "directions": la.net.config.directions,
                            **({"activation": la.net.config.nonlinearity} if la.net.config.kind == "rnn" else {})}
                           for la in self.layers],
                "not_run": list(self.not_run)})

    def with_activation(self, activation):
        """The same model with every SimpleRNN whose activation the file did not say set to `activation`."""
        layers = []
        for la in self.layers:
            if not la.activation_known:
                cfg = NetConfig(**{**la.net.config.to_dict(), "nonlinearity": activation})
                la = KerasLayer(la.name, la.label, RecurrentNet(cfg, la.net.params), False)
            layers.append(la)
        return KerasModel(layers, self.not_run, self.source, self.keras_version)


def looks_like_keras(data):
    """True for HDF5 bytes, or a zip whose members include config.json or model.weights.h5 (an .npz has none)."""
    if data[:8] == HDF5_MAGIC:
        return True
    if data[:4] not in ZIP_MAGICS:
        return False
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except ZIP_READ_ERRORS:
        return False
    return bool(names & {"config.json", "model.weights.h5"})


def read_keras(data, filename="", max_bytes=MAX_BYTES):
    """KerasModel from the bytes of a .keras or .weights.h5 file. Every refusal is a KerasError."""
    data = bytes(data)
    named = f"{filename!r}" if filename else "the file"
    if len(data) > max_bytes:
        raise KerasError("too_big", f"{named} has {len(data):,} bytes, more than {max_bytes:,}")
    # Floating-point weights barely compress (deflate or HDF5's gzip save ~10%), so what unpacks to several times
    # the file is a bomb, not a model: bound what is unpacked and read by the file's own size.
    max_bytes = min(max_bytes, UNPACK_FACTOR * len(data) + UNPACK_SLACK)
    if data[:8] == HDF5_MAGIC:
        return _from_weights_only(data, named, max_bytes)
    if data[:4] in ZIP_MAGICS:
        config, weights, version = _unzip(data, named, max_bytes)
        return _from_config(config, weights, named, max_bytes, version)
    raise KerasError("keras_not_keras", f"{named} is neither a .keras file (a zip) nor an HDF5 .weights.h5 file")


# ---------------------------------------------------------------------------------------------- the zip

def _unzip(data, named, max_bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise KerasError("keras_not_keras", f"{named} holds {len(infos)} files; a .keras file holds three")
        names = {info.filename for info in infos}
        if not {"config.json", "model.weights.h5"} <= names:
            raise KerasError("keras_not_keras", f"{named} is a zip without config.json and model.weights.h5, "
                             "so not a Keras 3 .keras file (model.save(\"model.keras\") writes both)")
        config = _member(archive, "config.json", MAX_CONFIG_BYTES, named)
        weights = _member(archive, "model.weights.h5", max_bytes, named)
        version = ""
        if "metadata.json" in names:
            meta = _json(_member(archive, "metadata.json", MAX_CONFIG_BYTES, named), named, "metadata.json")
            version = str(meta.get("keras_version", ""))[:20] if isinstance(meta, dict) else ""
    except ZIP_READ_ERRORS as err:
        raise KerasError("damaged", f"{named} is a damaged zip: {err}") from None
    return _json(config, named, "config.json"), weights, version


def _member(archive, name, limit, named):
    """A member's bytes, read no further than `limit` (the sizes a zip declares can lie)."""
    if archive.getinfo(name).file_size > limit:
        raise KerasError("too_big", f"{name} in {named} declares {archive.getinfo(name).file_size:,} bytes, "
                         f"more than {limit:,}")
    with archive.open(name) as member:
        raw = member.read(limit + 1)
    if len(raw) > limit:
        raise KerasError("too_big", f"{name} in {named} unpacks to more than {limit:,} bytes")
    return raw


def _json(raw, named, member):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise KerasError("damaged", f"{member} in {named} is not valid JSON: {str(err)[:200]}") from None


# ------------------------------------------------------------------------------------------ the config

def _from_config(config, weights, named, max_bytes, version):
    model_layers = _model_layers(config, named)
    store = _WeightsStore(weights, named, max_bytes)
    with store:
        counters, picked, not_run, previous = {}, [], [], None
        chain_open = True
        for spec in model_layers:
            cls, cfg = spec["class_name"], spec["config"]
            key = _unique(_snake(cls), counters)
            name = str(cfg.get("name", key))
            if (cls == "Bidirectional" or cls in RECURRENT) and spec.get("registered_name") not in (None, cls):
                raise KerasError("keras_setting", f"layer {name!r} is a custom class registered as "
                                 f"{str(spec.get('registered_name'))[:60]!r}, not Keras' own {cls}", layer=name,
                                 setting="registered_name", value=str(spec.get("registered_name"))[:60])
            if cls == "Bidirectional" or cls in RECURRENT:
                follows = previous is None or _reads_from(spec, previous)
                if picked and "merge_mode" in picked[-1].label:
                    follows = False              # a sum or product of the two directions: not a chain we run
                if chain_open and follows:
                    picked.append(_layer_from_config(cls, cfg, name, key, store))
                    previous = name
                    continue
                chain_open = False
                not_run.append(f"{cls} ({name})")
            elif cls in IDENTITY_AT_INFERENCE:
                if previous is not None and _reads_from(spec, previous):
                    previous = name              # a dropout between two recurrent layers passes h on unchanged
            else:
                if picked:
                    chain_open = False
                not_run.append(f"{cls} ({name})")
    if not picked:
        raise KerasError("keras_no_recurrent", f"{named} has no LSTM, GRU or SimpleRNN layer (layers: "
                         f"{', '.join(s['class_name'] for s in model_layers)[:300]})")
    _check_widths(picked, named)
    return KerasModel(picked, not_run, "keras", version)


def _model_layers(config, named):
    """The model's layers in order: a Sequential's list, or a Functional's (which Keras keeps in order)."""
    if not isinstance(config, dict) or not isinstance(config.get("config"), dict):
        raise KerasError("keras_not_keras", f"config.json in {named} does not describe a Keras model")
    cls, layers = config.get("class_name"), config["config"].get("layers")
    if cls not in ("Sequential", "Functional", "Model") or not isinstance(layers, list):
        raise KerasError("keras_setting", f"{named} holds a {str(cls)[:40]} model; this page reads Sequential "
                         "and functional models of built-in layers", layer=str(cls)[:40], setting="class",
                         value=str(cls)[:40])
    for spec in layers:
        if not (isinstance(spec, dict) and isinstance(spec.get("class_name"), str)
                and isinstance(spec.get("config"), dict)):
            raise KerasError("damaged", f"config.json in {named} has a layer entry that is not a layer")
        if spec["class_name"] in ("Sequential", "Functional", "Model"):
            raise KerasError("keras_setting", f"{named} has a model inside the model "
                             f"({spec['config'].get('name')}); save the inner model on its own",
                             layer=str(spec["config"].get("name"))[:60], setting="class", value=spec["class_name"])
    return layers


def _reads_from(spec, previous):
    """True when a layer of a functional model reads exactly the output of the layer named `previous` (a
    Sequential's layers always do: they have no inbound_nodes)."""
    nodes = spec.get("inbound_nodes")
    if not nodes:
        return True
    if len(nodes) != 1:
        return False                     # a layer called twice
    history = re.findall(r"'keras_history': \['([^']*)'", repr(nodes[0]))
    return history == [previous]


def _layer_from_config(cls, cfg, name, key, store):
    if cls == "Bidirectional":
        inner = cfg.get("layer", {})
        backward = cfg.get("backward_layer", inner)
        for half in (inner, backward):
            if not isinstance(half, dict) or half.get("class_name") not in RECURRENT:
                raise KerasError("keras_setting", f"Bidirectional layer {name!r} wraps a "
                                 f"{str(half.get('class_name') if isinstance(half, dict) else half)[:40]}",
                                 layer=name, setting="layer", value=str(half.get("class_name"))[:40])
        merge = cfg.get("merge_mode", "concat")
        fwd = _checked(inner["class_name"], inner.get("config", {}), name, backwards_ok=False)
        bwd = _checked(backward["class_name"], backward.get("config", {}), name, backwards_ok=True)
        if inner["class_name"] != backward["class_name"] or fwd != bwd:
            raise KerasError("keras_setting", f"Bidirectional layer {name!r} has halves of different kinds",
                             layer=name, setting="backward_layer", value=backward["class_name"])
        weights = [store.cell(f"layers/{key}/forward_layer"), store.cell(f"layers/{key}/backward_layer")]
        net = _net(RECURRENT[inner["class_name"]], weights, fwd, name)
        label = f"Bidirectional({inner['class_name']})" + ("" if merge == "concat" else f", merge_mode={merge}")
        return KerasLayer(name, label, net)
    activation = _checked(cls, cfg, name, backwards_ok=False)
    return KerasLayer(name, cls, _net(RECURRENT[cls], [store.cell(f"layers/{key}")], activation, name))


def _checked(cls, cfg, name, backwards_ok):
    """The layer's non-linearity ("tanh" or "relu") after checking every setting that changes its numbers."""
    def refuse(setting, value, why):
        raise KerasError("keras_setting", f"layer {name!r} ({cls}) has {setting}={value!r}: {why}",
                         layer=name, setting=setting, value=str(value)[:40])

    activation = cfg.get("activation", "tanh")
    if cls == "SimpleRNN":
        if activation not in ("tanh", "relu"):
            refuse("activation", activation, "this page runs SimpleRNN with tanh or relu only")
    elif activation != "tanh":
        refuse("activation", activation, "this page runs LSTM and GRU with tanh only")
    if cls != "SimpleRNN" and cfg.get("recurrent_activation", "sigmoid") != "sigmoid":
        refuse("recurrent_activation", cfg.get("recurrent_activation"), "the gates must be sigmoid")
    if cls == "GRU" and cfg.get("reset_after", True) is not True:
        raise KerasError("keras_reset_after", f"GRU layer {name!r} has reset_after=False, which applies the reset "
                         "gate before the recurrent product; this page computes PyTorch's GRU (reset_after=True, "
                         "Keras' default) and would compute it wrongly", layer=name)
    if bool(cfg.get("go_backwards", False)) and not backwards_ok:
        refuse("go_backwards", True, "a layer reading backwards on its own is not shown (wrap it in Bidirectional)")
    return activation if cls == "SimpleRNN" else "tanh"


# ---------------------------------------------------------------------------------------- the weights

class _WeightsStore:
    """The HDF5 weights, opened with h5py on the bytes (never a path), read only through `cell`."""

    def __init__(self, data, named, max_bytes):
        self.data, self.named, self.max_bytes, self.file = data, named, max_bytes, None
        self.read = 0                    # bytes of arrays read so far: all of them together stay under max_bytes

    def __enter__(self):
        if self.data[:8] != HDF5_MAGIC:
            raise KerasError("damaged", f"the weights in {self.named} are not an HDF5 file")
        try:
            self.file = h5py.File(io.BytesIO(self.data), "r")
        except Exception as err:         # h5py raises OSError, ValueError, ... for a damaged file
            raise KerasError("damaged", f"the weights in {self.named} are a damaged HDF5 file: "
                             f"{str(err)[:200]}") from None
        return self

    def __exit__(self, *exc):
        self.file.close()

    def has(self, path):
        return self._link(path) is not None

    def _link(self, path):
        """The object at `path` when every step to it is a hard link; None when absent. A soft or external
        link is refused: it could point at another file on this server."""
        node = self.file
        for part in path.split("/"):
            if not isinstance(node, h5py.Group) or part not in node:
                return None
            link = node.get(part, getlink=True)
            if not isinstance(link, h5py.HardLink):
                raise KerasError("damaged", f"{path} in {self.named} is a link to elsewhere; refused")
            node = node[part]
        return node

    def children(self, path):
        group = self._link(path)
        return [] if group is None else sorted(group.keys())

    def cell(self, path):
        """(kernel, recurrent_kernel, bias or None) under <path>/cell/vars."""
        group = self._link(f"{path}/cell/vars")
        if not isinstance(group, h5py.Group):
            raise KerasError("damaged", f"{self.named} has no weights at {path}/cell/vars, where Keras keeps a "
                             "recurrent layer's weights")
        names = sorted(group.keys())
        if names not in (["0", "1"], ["0", "1", "2"]):
            raise KerasError("damaged", f"{path}/cell/vars in {self.named} holds {names[:5]}, expected 0, 1, 2")
        return [self._array(f"{path}/cell/vars/{n}") for n in names] + ([None] if len(names) == 2 else [])

    def _array(self, path):
        dset = self._link(path)
        if not isinstance(dset, h5py.Dataset):
            raise KerasError("damaged", f"{path} in {self.named} is not an array")
        if dset.is_virtual or dset.external:
            raise KerasError("damaged", f"{path} in {self.named} reads its numbers from other files; refused")
        if dset.dtype.kind != "f" or dset.dtype.itemsize not in (2, 4, 8) or dset.ndim not in (1, 2):
            raise KerasError("dtype", f"{path} in {self.named} holds {dset.dtype} of shape {dset.shape}, expected "
                             "a 1-D or 2-D floating-point array")
        self.read += int(np.prod(dset.shape)) * dset.dtype.itemsize
        if self.read > self.max_bytes:
            raise KerasError("too_big", f"{path} in {self.named} has shape {dset.shape}: the arrays read come to "
                             f"more than {self.max_bytes:,} bytes")
        try:
            a = dset[()]
        except Exception as err:         # a filter (compression) that fails or is unknown
            raise KerasError("damaged", f"{path} in {self.named} cannot be read: {str(err)[:200]}") from None
        a = np.asarray(a, np.float32 if a.dtype.itemsize == 2 else a.dtype)
        if not np.all(np.isfinite(a)):
            raise KerasError("non_finite", f"{path} in {self.named} contains NaN or infinite values")
        return a


def _net(kind, directions, activation, name, config_known=True):
    """One RecurrentNet layer from [(kernel, recurrent_kernel, bias or None)] per direction. Without the config
    (a .weights.h5 alone) a GRU's reset_after is told by its bias: (2, 3H) True, (3H,) False, none unknown."""
    params = {}
    for d, (kernel, rk, bias) in enumerate(directions):
        hidden = rk.shape[0] if rk.ndim == 2 else 0
        gates = GATES_PER_KIND[kind]
        if rk.ndim != 2 or kernel.ndim != 2 or rk.shape[1] != gates * hidden or kernel.shape[1] != gates * hidden:
            raise KerasError("damaged", f"layer {name!r}: kernel {kernel.shape} and recurrent kernel {rk.shape} "
                             f"do not form a Keras {kind.upper()} layer")
        if bias is None and kind == "gru" and not config_known:
            raise KerasError("keras_gru_unknown", f"GRU layer {name!r} has no bias, so a .weights.h5 file does not "
                             "say whether reset_after was True or False; upload the .keras file", layer=name)
        if bias is None:                 # use_bias=False
            bias = np.zeros((2, 3 * hidden) if kind == "gru" else (gates * hidden,), kernel.dtype)
        if kind == "gru" and bias.shape == (3 * hidden,):
            raise KerasError("keras_reset_after", f"GRU layer {name!r} has one bias vector (reset_after=False); "
                             "this page computes PyTorch's GRU (reset_after=True) and would compute it wrongly",
                             layer=name)
        try:
            arrays = keras_to_torch(kernel, rk, bias, layer=0)
        except ValueError as err:
            raise KerasError("damaged", f"layer {name!r}: {err}") from None
        suffix = "_reverse" if d else ""
        params.update({k + suffix: v for k, v in arrays.items()})
    dtype = np.float64 if all(a.dtype == np.float64 for a in params.values()) else np.float32
    params = {k: np.ascontiguousarray(v, dtype) for k, v in params.items()}
    w = params["weight_ih_l0"]
    cfg = NetConfig(kind, w.shape[1], params["weight_hh_l0"].shape[1], 1, len(directions) == 2, 0, activation)
    if len(directions) == 2 and params["weight_ih_l0_reverse"].shape != w.shape:
        raise KerasError("damaged", f"layer {name!r}: its two directions have different shapes")
    return RecurrentNet(cfg.validate(), params)


def _check_widths(layers, named):
    try:
        LayerChain([la.net for la in layers])
    except ValueError as err:
        raise KerasError("damaged", f"{named}: {err}") from None


# ------------------------------------------------------------------------------- a .weights.h5 alone

def _from_weights_only(data, named, max_bytes):
    """Without config.json the recurrent layers are found by where Keras puts them and their kind by their
    shapes; the order is the one in which their widths fit (refused when more than one order fits)."""
    store = _WeightsStore(data, named, max_bytes)
    with store:
        if store.has("model_weights") or "keras_version" in store.file.attrs:
            raise KerasError("keras_legacy_h5", f"{named} is a Keras 2 (legacy) .h5 file; this page reads "
                             "Keras 3's .keras and .weights.h5")
        groups = store.children("layers")
        if not groups:
            raise KerasError("keras_not_keras", f"{named} is an HDF5 file without a 'layers' group, so not a "
                             "Keras 3 .weights.h5 file")
        layers, not_run = [], []
        for key in groups:
            if store.has(f"layers/{key}/forward_layer/cell/vars"):
                weights = [store.cell(f"layers/{key}/forward_layer"), store.cell(f"layers/{key}/backward_layer")]
            elif store.has(f"layers/{key}/cell/vars"):
                weights = [store.cell(f"layers/{key}")]
            else:
                if store.children(f"layers/{key}/vars"):
                    not_run.append(key)
                continue
            kind = _kind_by_shape(weights[0], key)
            net = _net(kind, weights, "tanh", key, config_known=False)
            label = {"lstm": "LSTM", "gru": "GRU", "rnn": "SimpleRNN"}[kind]
            layers.append(KerasLayer(key, f"Bidirectional({label})" if len(weights) == 2 else label, net,
                                     activation_known=kind != "rnn"))
    if not layers:
        raise KerasError("keras_no_recurrent", f"{named} has no LSTM, GRU or SimpleRNN weights")
    return KerasModel(_in_order(layers, named), not_run, "weights.h5")


def _kind_by_shape(weights, key):
    rk = weights[1]
    hidden = rk.shape[0] if rk.ndim == 2 else 0
    gates = rk.shape[1] // hidden if rk.ndim == 2 and hidden and rk.shape[1] % hidden == 0 else 0
    kinds = {g: k for k, g in GATES_PER_KIND.items()}
    if gates not in kinds:
        raise KerasError("damaged", f"layer {key!r}: recurrent kernel {rk.shape} is not (H, 4H), (H, 3H) or (H, H)")
    return kinds[gates]


def _natural(key):
    """'lstm_10' after 'lstm_2': Keras numbers layers of one class in the model's order."""
    base, _, n = key.rpartition("_")
    return (base, int(n)) if n.isdigit() and base else (key, 0)


def _in_order(layers, named):
    """The one order in which each layer reads what the previous one gives and layers of one class keep their
    numbering; refused (keras_order) when none or several fit."""
    if len(layers) == 1:
        return layers
    if len(layers) > MAX_ORDERINGS:
        raise KerasError("keras_order", f"{named} holds {len(layers)} recurrent layers and no config",
                         count=len(layers))
    fits = []
    for order in itertools.permutations(layers):
        try:
            LayerChain([la.net for la in order])
        except ValueError:
            continue
        numbering = {}
        if all(numbering.setdefault(_natural(la.name)[0], []).append(_natural(la.name)[1]) is None
               for la in order) and all(v == sorted(v) for v in numbering.values()):
            fits.append(list(order))
    if len(fits) != 1:
        raise KerasError("keras_order", f"{named} holds {len(layers)} recurrent layers without the model's "
                         f"config, and {'no' if not fits else len(fits)} order(s) of them fit their widths",
                         count=len(layers))
    return fits[0]


def _snake(name):
    """Keras' naming.to_snake_case: 'SimpleRNN' -> 'simple_rnn', 'LSTM' -> 'lstm'."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _unique(name, counters):
    """Keras' saving_lib._get_unique_name: 'lstm', then 'lstm_1', 'lstm_2', ..."""
    if name in counters:
        counters[name] += 1
        return f"{name}_{counters[name]}"
    counters[name] = 0
    return name
