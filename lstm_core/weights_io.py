"""Weights in and out: PyTorch state dicts, Keras layouts, and .npz files with a JSON card.

Files are never unpickled: .npz is read with allow_pickle=False and only numeric arrays are accepted.
"""
import io
import json
import zipfile

import numpy as np

from .network import GATES_PER_KIND, NetConfig, RecurrentNet, param_shapes

CARD_KEY = "__card__"
KIND_BY_GATES = {g: kind for kind, g in GATES_PER_KIND.items()}


# ------------------------------------------------------------------------------------------ PyTorch

def from_torch(state_dict, nonlinearity="tanh", prefix=None):
    """{PyTorch name: array} (from nn.LSTM, nn.GRU or nn.RNN, or a module holding exactly one of them)
    -> RecurrentNet. Kind, layers, directions and projection are read from the names and shapes."""
    arrays = {str(k): np.asarray(v) for k, v in dict(state_dict).items()}
    prefix = _rnn_prefix(arrays) if prefix is None else prefix
    params = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
    cfg = infer_config(params, nonlinearity)
    expected = param_shapes(cfg)
    missing = sorted(set(expected) - set(params))
    unexpected = sorted(set(params) - set(expected))
    if missing or unexpected:
        raise ValueError(f"state dict does not fit a {cfg.kind.upper()} of {cfg.num_layers} layer(s): "
                         f"missing {missing or 'nothing'}, unexpected {unexpected or 'nothing'}")
    for name, shape in expected.items():
        if params[name].shape != shape:
            raise ValueError(f"{prefix}{name} has shape {params[name].shape}, expected {shape}")
    dtype = np.float64 if all(params[n].dtype == np.float64 for n in expected) else np.float32
    out = {}
    for name in expected:
        if not np.issubdtype(params[name].dtype, np.floating):
            raise ValueError(f"{prefix}{name} has dtype {params[name].dtype}, expected floating point")
        if not np.all(np.isfinite(params[name])):
            raise ValueError(f"{prefix}{name} contains NaN or infinite values")
        out[name] = np.ascontiguousarray(params[name], dtype=dtype)
    return RecurrentNet(cfg, out)


def _rnn_prefix(arrays):
    prefixes = sorted(k[:-len("weight_ih_l0")] for k in arrays if k.endswith("weight_ih_l0"))
    if len(prefixes) != 1:
        found = "none" if not prefixes else ", ".join(p or "(no prefix)" for p in prefixes)
        raise ValueError("expected the weights of exactly one recurrent layer stack (a key ending in "
                         f"'weight_ih_l0'); found {found}. Pass prefix= to choose one.")
    return prefixes[0]


def infer_config(params, nonlinearity="tanh"):
    """NetConfig from PyTorch parameter names and shapes."""
    w_ih, w_hh = params.get("weight_ih_l0"), params.get("weight_hh_l0")
    if w_ih is None or w_hh is None or w_ih.ndim != 2 or w_hh.ndim != 2:
        raise ValueError("weight_ih_l0 and weight_hh_l0 must be present and 2-D")
    if "weight_hr_l0" in params:
        hidden, proj = params["weight_hr_l0"].shape[1], params["weight_hr_l0"].shape[0]
        kind = "lstm"
    else:
        hidden, proj = w_hh.shape[1], 0
        gates = w_hh.shape[0] // max(hidden, 1)
        if w_hh.shape[0] % max(hidden, 1) or gates not in KIND_BY_GATES:
            raise ValueError(f"weight_hh_l0 has shape {w_hh.shape}: rows must be 4, 3 or 1 times its "
                             "columns (LSTM, GRU, RNN)")
        kind = KIND_BY_GATES[gates]
    layers = 0
    while f"weight_ih_l{layers}" in params:
        layers += 1
    return NetConfig(kind, w_ih.shape[1], hidden, layers, "weight_ih_l0_reverse" in params, proj,
                     nonlinearity).validate()


# -------------------------------------------------------------------------------------------- Keras
# Keras LSTM: kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,), gate order i, f, c, o -- the same
# order as PyTorch's i, f, g, o, so only transposes and the single bias differ.
# Keras GRU (reset_after=True): gate order z, r, h and bias (2, 3H) = [input bias, recurrent bias].
KERAS_GRU_ORDER = (1, 0, 2)   # PyTorch's r, z, n from Keras' z, r, h (and back: the same swap)


def _swap_gru(a, hidden):
    return np.concatenate([a[..., k * hidden:(k + 1) * hidden] for k in KERAS_GRU_ORDER], axis=-1)


def keras_to_torch(kernel, recurrent_kernel, bias, layer=0):
    """One Keras LSTM, GRU (reset_after=True) or SimpleRNN layer -> PyTorch-named arrays."""
    kernel, rk, bias = (np.asarray(a) for a in (kernel, recurrent_kernel, bias))
    hidden = rk.shape[0]
    gates = rk.shape[1] // hidden
    if rk.ndim != 2 or kernel.ndim != 2 or gates not in KIND_BY_GATES or kernel.shape[1] != rk.shape[1]:
        raise ValueError(f"kernel {kernel.shape} and recurrent_kernel {rk.shape} do not form a Keras "
                         "LSTM (D, 4H)/(H, 4H), GRU (D, 3H)/(H, 3H) or SimpleRNN layer")
    if gates == 3:
        if bias.shape != (2, 3 * hidden):
            raise ValueError(f"GRU bias has shape {bias.shape}, expected (2, {3 * hidden}) (reset_after=True)")
        kernel, rk, b_ih, b_hh = _swap_gru(kernel, hidden), _swap_gru(rk, hidden), *_swap_gru(bias, hidden)
    else:
        if bias.shape != (gates * hidden,):
            raise ValueError(f"bias has shape {bias.shape}, expected ({gates * hidden},)")
        b_ih, b_hh = bias, np.zeros_like(bias)
    return {f"weight_ih_l{layer}": kernel.T.copy(), f"weight_hh_l{layer}": rk.T.copy(),
            f"bias_ih_l{layer}": b_ih.copy(), f"bias_hh_l{layer}": b_hh.copy()}


def torch_to_keras(params, layer=0):
    """PyTorch-named arrays of one layer -> (kernel, recurrent_kernel, bias) in Keras' layout."""
    w_ih, w_hh = params[f"weight_ih_l{layer}"], params[f"weight_hh_l{layer}"]
    b_ih, b_hh = params[f"bias_ih_l{layer}"], params[f"bias_hh_l{layer}"]
    hidden = w_hh.shape[1]
    if w_hh.shape[0] == 3 * hidden:
        return _swap_gru(w_ih.T, hidden), _swap_gru(w_hh.T, hidden), _swap_gru(np.stack([b_ih, b_hh]), hidden)
    return w_ih.T.copy(), w_hh.T.copy(), b_ih + b_hh


def from_keras(layers, nonlinearity="tanh"):
    """[(kernel, recurrent_kernel, bias), ...] for stacked one-direction Keras layers -> RecurrentNet."""
    params = {}
    for k, weights in enumerate(layers):
        params.update(keras_to_torch(*weights, layer=k))
    return from_torch(params, nonlinearity=nonlinearity, prefix="")


def to_keras(net):
    if net.config.bidirectional or net.config.proj_size:
        raise ValueError("Keras layouts here cover one-direction layers without projection")
    return [torch_to_keras(net.params, k) for k in range(net.config.num_layers)]


# ------------------------------------------------------------------------------------ .npz + card

def save_npz(file, arrays, card):
    """Write numeric arrays and a JSON card (a dict) to one .npz file (path or binary file object)."""
    if CARD_KEY in arrays:
        raise ValueError(f"{CARD_KEY} is reserved for the card")
    np.savez(file, **{k: np.asarray(v) for k, v in arrays.items()},
             **{CARD_KEY: np.array(json.dumps(card, sort_keys=True))})


def load_npz(file, max_bytes=200_000_000):
    """(arrays, card) from an .npz path, bytes or file object. Refuses pickles and object arrays."""
    data = file if not isinstance(file, (bytes, bytearray)) else io.BytesIO(file)
    if hasattr(data, "read") and hasattr(data, "seek"):
        data.seek(0)
    if not zipfile.is_zipfile(data):
        raise ValueError("not an .npz file (an .npz is a zip archive of .npy arrays)")
    if hasattr(data, "seek"):
        data.seek(0)
    try:
        with np.load(data, allow_pickle=False) as npz:
            total = 0
            arrays = {}
            for name in npz.files:
                a = npz[name]
                if not isinstance(a, np.ndarray):
                    raise OSError(f"{name!r} is not a NumPy array")
                total += a.nbytes
                if total > max_bytes:
                    raise ValueError(f"the arrays in this file exceed {max_bytes // 1_000_000} MB")
                arrays[name] = a
    except ValueError as err:
        if "allow_pickle" in str(err) or "Object arrays" in str(err):
            raise ValueError("the file holds Python objects (pickled data), which are never loaded; "
                             "save plain numeric arrays") from None
        raise
    except (OSError, zipfile.BadZipFile, EOFError, KeyError) as err:
        raise ValueError(f"the .npz file is damaged or not in NumPy's format ({err})") from None
    card = {}
    if CARD_KEY in arrays:
        try:
            card = json.loads(str(arrays.pop(CARD_KEY)))
        except json.JSONDecodeError as err:
            raise ValueError(f"the model card inside the file is not valid JSON ({err})") from None
        if not isinstance(card, dict):
            raise ValueError("the model card inside the file must be a JSON object")
    for name, a in arrays.items():
        if not (np.issubdtype(a.dtype, np.number) or a.dtype == np.bool_):
            raise ValueError(f"array {name!r} has dtype {a.dtype}; only numeric arrays are accepted")
    return arrays, card


def save_net(file, net, card=None):
    full = dict(card or {})
    full["architecture"] = net.config.to_dict()
    save_npz(file, net.state_dict(), full)


def load_net(file):
    arrays, card = load_npz(file)
    arch = card.get("architecture", {})
    return from_torch(arrays, nonlinearity=arch.get("nonlinearity", "tanh")), card
