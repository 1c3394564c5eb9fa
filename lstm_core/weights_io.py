"""Weights in and out: PyTorch state dicts, Keras layouts, .npz files with a JSON card, and .safetensors.

Files are never unpickled: .npz is read with allow_pickle=False and only numeric arrays are accepted;
.safetensors is parsed here by hand (NumPy and the standard library only), checking every number in its
header against the real length of the file before using it. Every refusal is a WeightsError with a reason.
"""
import io
import json
import math
import zipfile
import zlib
from typing import NamedTuple

try:
    from lzma import LZMAError
except ImportError:                                    # Python built without lzma: zipfile cannot use it either
    LZMAError = OSError

import numpy as np

from .card import ModelCard
from .errors import WeightsError
from .network import GATES_PER_KIND, NetConfig, RecurrentNet, param_shapes

CARD_KEY = "__card__"
KIND_BY_GATES = {g: kind for kind, g in GATES_PER_KIND.items()}
MAX_BYTES = 100_000_000      # the page's upload limit (100 MB): a word-language model of 56 MB fits


# ------------------------------------------------------------------------------------------ PyTorch

def from_torch(state_dict, nonlinearity="tanh", prefix=None):
    """{PyTorch name: array} (from nn.LSTM, nn.GRU or nn.RNN, from nn.LSTMCell, nn.GRUCell or nn.RNNCell, or a
    module holding one of them) -> RecurrentNet. Kind, layers, directions and projection are read from the names
    and shapes; a cell (weight_ih, weight_hh, bias_ih, bias_hh) is a one-layer network. With several stacks in
    the arrays, `prefix` chooses one (stack_prefixes lists them)."""
    arrays = {str(k): np.asarray(v) for k, v in dict(state_dict).items()}
    prefix = rnn_prefix(arrays) if prefix is None else prefix
    params = stack_params(arrays, prefix)
    cfg = infer_config(params, nonlinearity)
    expected = param_shapes(cfg)
    missing = sorted(set(expected) - set(params))
    unexpected = sorted(set(params) - set(expected))
    if missing or unexpected:
        raise WeightsError("not_recurrent", f"state dict does not fit a {cfg.kind.upper()} of {cfg.num_layers} "
                           f"layer(s): missing {missing or 'nothing'}, unexpected {unexpected or 'nothing'}")
    for name, shape in expected.items():
        if params[name].shape != shape:
            raise WeightsError("not_recurrent", f"{prefix}{name} has shape {params[name].shape}, expected {shape}")
    dtype = np.float64 if all(params[n].dtype == np.float64 for n in expected) else np.float32
    out = {}
    for name in expected:
        if not np.issubdtype(params[name].dtype, np.floating):
            raise WeightsError("dtype", f"{prefix}{name} has dtype {params[name].dtype}, expected floating point")
        if not np.all(np.isfinite(params[name])):
            raise WeightsError("non_finite", f"{prefix}{name} contains NaN or infinite values")
        out[name] = np.ascontiguousarray(params[name], dtype=dtype)
    return RecurrentNet(cfg, out)


STACK_SUFFIX, CELL_SUFFIX = "weight_ih_l0", "weight_ih"
CELL_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def stack_prefixes(arrays):
    """The name prefix of every recurrent stack among `arrays`, sorted: an nn.LSTM/GRU/RNN has a key ending in
    'weight_ih_l0', an nn.LSTMCell/GRUCell/RNNCell 'weight_ih' beside 'weight_hh' (a cell's prefix is '' or ends
    in '.'). 'encoder.lstm.' and 'decoder.lstm.' are two stacks."""
    found = set()
    for key in arrays:
        for suffix in (STACK_SUFFIX, CELL_SUFFIX):
            prefix = key[:-len(suffix)]
            if key.endswith(suffix) and (suffix == STACK_SUFFIX or (not prefix or prefix.endswith("."))
                                         and f"{prefix}weight_hh" in arrays):
                found.add(prefix)
    return sorted(found)


def rnn_prefix(arrays):
    """The one stack's prefix; several stacks are a WeightsError 'several_stacks' listing them (the page offers
    a picker; in code, pass prefix=)."""
    prefixes = stack_prefixes(arrays)
    if len(prefixes) != 1:
        found = "none" if not prefixes else ", ".join(p or "(no prefix)" for p in prefixes)
        raise WeightsError("several_stacks" if prefixes else "not_recurrent",
                           "expected the weights of exactly one recurrent layer stack (a key ending in "
                           f"'weight_ih_l0', or a cell's 'weight_ih'); found {found}. Pass prefix= to choose one.")
    return prefixes[0]


def stack_params(arrays, prefix):
    """The arrays of the stack at `prefix`, without the prefix; a cell's names become layer 0's."""
    params = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
    if "weight_ih" in params and "weight_ih_l0" not in params:          # nn.LSTMCell / GRUCell / RNNCell
        params = {(f"{k}_l0" if k in CELL_NAMES else k): v for k, v in params.items()}
    return {k: v for k, v in params.items() if "." not in k}            # not a deeper module's arrays


def infer_config(params, nonlinearity="tanh"):
    """NetConfig from PyTorch parameter names and shapes."""
    w_ih, w_hh = params.get("weight_ih_l0"), params.get("weight_hh_l0")
    if w_ih is None or w_hh is None or w_ih.ndim != 2 or w_hh.ndim != 2:
        raise WeightsError("not_recurrent", "weight_ih_l0 and weight_hh_l0 must be present and 2-D")
    if "weight_hr_l0" in params:
        if params["weight_hr_l0"].ndim != 2:
            raise WeightsError("not_recurrent", "weight_hr_l0 (an LSTM projection) must be 2-D")
        hidden, proj = params["weight_hr_l0"].shape[1], params["weight_hr_l0"].shape[0]
        kind = "lstm"
    else:
        hidden, proj = w_hh.shape[1], 0
        gates = w_hh.shape[0] // max(hidden, 1)
        if w_hh.shape[0] % max(hidden, 1) or gates not in KIND_BY_GATES:
            raise WeightsError("not_recurrent", f"weight_hh_l0 has shape {w_hh.shape}: rows must be 4, 3 or 1 "
                               "times its columns (LSTM, GRU, RNN)")
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

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")       # a zip with files, an empty zip
# What reading a damaged zip can raise: a corrupt deflate/lzma/bzip2 stream, a member flagged as encrypted
# (RuntimeError: password required), an unknown compression method (NotImplementedError), bad CRCs.
ZIP_READ_ERRORS = (OSError, EOFError, KeyError, NotImplementedError, RuntimeError, zipfile.BadZipFile, zlib.error,
                   LZMAError)
SAVE_ADVICE = "save the state dict with safetensors.torch.save_file or numpy.savez"


def save_npz(file, arrays, card):
    """Write numeric arrays and a card (a ModelCard, or a dict checked as one) to one .npz file (path or binary
    file object); the card is JSON with sorted keys under CARD_KEY."""
    if CARD_KEY in arrays:
        raise ValueError(f"{CARD_KEY} is reserved for the card")
    np.savez(file, **{k: np.asarray(v) for k, v in arrays.items()}, **{CARD_KEY: np.array(card_json(card))})


def card_json(card):
    """A card (ModelCard or dict, checked) as the JSON text files hold: sorted keys."""
    return json.dumps(ModelCard.coerce(card).to_dict(), sort_keys=True)


def load_npz(file, max_bytes=MAX_BYTES):
    """(arrays, ModelCard) from an .npz path, bytes or file object. Refuses pickles and object arrays, and a card
    with a value of the wrong kind (WeightsError "card")."""
    data = io.BytesIO(file) if isinstance(file, (bytes, bytearray, memoryview)) else file
    _rewind(data)
    if not zipfile.is_zipfile(data):
        raise _not_a_zip(_first_bytes(data, 16))
    try:
        _rewind(data)
        with zipfile.ZipFile(data) as archive:
            _check_npz_members(archive, max_bytes)
        _rewind(data)
        with np.load(data, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except WeightsError:
        raise
    except ValueError as err:
        if "allow_pickle" in str(err) or "Object arrays" in str(err):
            raise _pickled_objects() from None
        raise WeightsError("damaged", f"the .npz file is damaged or not in NumPy's format ({err})") from None
    except ZIP_READ_ERRORS as err:
        raise WeightsError("damaged", f"the .npz file is damaged or not in NumPy's format ({err})") from None
    card = _card_from_json(arrays.pop(CARD_KEY)) if CARD_KEY in arrays else ModelCard()
    for name, a in arrays.items():
        if not (np.issubdtype(a.dtype, np.number) or a.dtype == np.bool_):
            raise WeightsError("dtype", f"array {name!r} has dtype {a.dtype}; only numeric arrays are accepted")
    return arrays, card


def _rewind(data):
    if hasattr(data, "seek"):
        data.seek(0)


def _first_bytes(data, count):
    """The first bytes of a path or file object, to say what a file that is not a zip is instead."""
    if hasattr(data, "read"):
        data.seek(0)
        return data.read(count)
    with open(data, "rb") as handle:
        return handle.read(count)


def _not_a_zip(head):
    if head[:4] in ZIP_MAGICS:
        return WeightsError("damaged", "the .npz file is truncated or damaged: its zip directory is missing")
    if _is_pickle(head):
        return WeightsError("pickle", "not an .npz file: it holds pickled Python objects (as torch.save writes), "
                            f"which are never loaded; {SAVE_ADVICE}")
    return WeightsError("not_weights", "not an .npz file (an .npz is a zip archive of .npy arrays)")


def _pickled_objects():
    return WeightsError("pickle", "the file holds Python objects (pickled data), which are never loaded; "
                        "save plain numeric arrays")


def _check_npz_members(archive, max_bytes):
    """Refuse before loading anything: members that are not .npy arrays, pickles (torch.save's zip holds a
    data.pkl), more bytes than allowed, and .npy headers claiming more data than their member holds (NumPy
    would allocate the claimed size before noticing the data is short)."""
    members = archive.infolist()
    for info in members:
        if info.filename.endswith(".pkl"):
            raise WeightsError("pickle", f"the zip holds {info.filename!r}, pickled Python objects (a torch.save "
                               f"checkpoint?), which are never loaded; {SAVE_ADVICE}")
        if not info.filename.endswith(".npy"):
            raise WeightsError("not_weights", f"the .npz file is damaged or not in NumPy's format: the zip holds "
                               f"{info.filename!r}, which is not a .npy array; {SAVE_ADVICE}")
    if sum(info.file_size for info in members) > max_bytes:
        raise _too_big(max_bytes)
    for info in members:
        with archive.open(info) as member:
            _check_npy_header(info, member)


def _check_npy_header(info, member):
    version = np.lib.format.read_magic(member)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(member)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(member)
    else:
        raise WeightsError("damaged", f"{info.filename!r} uses .npy format {version}, which is not read here")
    if dtype.hasobject:
        raise _pickled_objects()
    claimed = math.prod(shape) * dtype.itemsize
    if claimed > info.file_size:
        raise WeightsError("damaged", f"{info.filename!r} claims {claimed} bytes of data but holds "
                           f"{info.file_size}: the .npz file is damaged")


def _too_big(max_bytes):
    return WeightsError("too_big", f"the arrays in this file exceed {max_bytes // 1_000_000} MB; "
                        "load a smaller model")


def _card_from_json(text):
    """The ModelCard of a file's card text, checked (lstm_core.card)."""
    try:
        card = json.loads(str(text))
    except (ValueError, RecursionError) as err:
        raise WeightsError("damaged", f"the model card inside the file is not valid JSON ({err})") from None
    if not isinstance(card, dict):
        raise WeightsError("damaged", "the model card inside the file must be a JSON object")
    return ModelCard.from_dict(card)


def save_net(file, net, card=None):
    save_npz(file, net.state_dict(), _card_with_architecture(net, card))


def load_net(file):
    arrays, card = load_npz(file)
    return from_torch(arrays, nonlinearity=card_nonlinearity(card)), card


def _card_with_architecture(net, card):
    return ModelCard.coerce(card).updated(architecture=net.config.to_dict())


def card_nonlinearity(card):
    """An RNN's nonlinearity is not visible in its weights: the card's architecture says it, else tanh."""
    return ModelCard.coerce(card).nonlinearity or "tanh"


# ------------------------------------------------------------------------------------- .safetensors
# Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON {name: {"dtype", "shape",
# "data_offsets": [begin, end]}, "__metadata__": {str: str}}, then the little-endian data; offsets count
# from the start of the data. https://github.com/huggingface/safetensors

MAX_HEADER_BYTES = 1_000_000
MAX_DIMS = 32
METADATA_KEY = "__metadata__"
CARD_METADATA_KEY = "card"
# Accepted dtypes -> how their bytes are read. BF16 has no NumPy dtype: its raw 16 bits become float32.
READ_DTYPES = {"F16": "<f2", "BF16": "<u2", "F32": "<f4", "F64": "<f8",
               # read but never used as weights: a whole model's state dict holds counters such as BatchNorm's
               # num_batches_tracked (I64) beside its recurrent layer; from_torch refuses them in the stack
               "BOOL": "|b1", "U8": "|u1", "I8": "|i1", "I16": "<i2", "U16": "<u2", "I32": "<i4", "U32": "<u4",
               "I64": "<i8", "U64": "<u8"}
# NumPy dtype -> safetensors name, for writing.
WRITE_DTYPES = {np.dtype(t): name for t, name in [
    (np.bool_, "BOOL"), (np.uint8, "U8"), (np.int8, "I8"), (np.int16, "I16"), (np.uint16, "U16"),
    (np.float16, "F16"), (np.int32, "I32"), (np.uint32, "U32"), (np.float32, "F32"), (np.float64, "F64"),
    (np.int64, "I64"), (np.uint64, "U64")]}
# The reference library lays tensors out by its dtype enum's order (descending), then by name; following it
# makes the bytes identical to safetensors.numpy.save's.
LIBRARY_DTYPE_ORDER = ("BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16",
                       "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64")


class TensorEntry(NamedTuple):
    name: str
    dtype: str
    shape: tuple
    begin: int
    end: int


def save_safetensors(arrays, metadata=None):
    """{name: array} (+ optional {str: str} metadata) -> .safetensors bytes, as safetensors.numpy.save writes
    them (metadata keys are sorted here; the library writes them in hash order)."""
    tensors = {str(name): _to_write(name, a) for name, a in arrays.items()}
    if METADATA_KEY in tensors:
        raise ValueError(f"{METADATA_KEY} is reserved for the metadata")
    order = sorted(tensors, key=lambda n: (-LIBRARY_DTYPE_ORDER.index(tensors[n][0]), n))
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header[METADATA_KEY] = _checked_metadata_to_write(metadata)
    for name in order:
        dtype, array = tensors[name]
        raw = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)                   # the library pads the header to a multiple of 8
    return len(text).to_bytes(8, "little") + text + b"".join(chunks)


def _to_write(name, array):
    """(safetensors dtype name, the array as little-endian contiguous bytes)."""
    a = np.asarray(array)
    dtype = WRITE_DTYPES.get(a.dtype.newbyteorder("="))
    if dtype is None:
        raise ValueError(f"{name!r} has dtype {a.dtype}, which .safetensors cannot hold here")
    return dtype, a.astype(a.dtype.newbyteorder("<"), order="C", copy=False)   # keeps 0-d arrays 0-d


def _checked_metadata_to_write(metadata):
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise ValueError("safetensors metadata maps strings to strings: json.dumps anything else")
    return dict(sorted(metadata.items()))


def load_safetensors(data, max_bytes=MAX_BYTES):
    """(arrays, metadata) from .safetensors bytes. F16 and BF16 become float32; F32 and F64 stay. Anything
    else, and every file whose header does not describe its bytes exactly, is a WeightsError."""
    data = memoryview(data).cast("B")
    header_length = _header_length(data)
    header = _parse_header(bytes(data[8:8 + header_length]))
    metadata = _metadata(header.pop(METADATA_KEY, None))
    buffer = data[8 + header_length:]
    if len(buffer) > max_bytes:
        raise _too_big(max_bytes)
    entries = [_tensor_entry(name, info) for name, info in header.items()]
    _check_layout(entries, len(buffer))
    return {e.name: _read_tensor(e, buffer) for e in entries}, metadata


def _header_length(data):
    if len(data) < 8:
        raise WeightsError("damaged", f"the file has {len(data)} bytes, too few for a .safetensors file: "
                           "it is truncated; save or download it again")
    if data[8:9] != b"{" and _is_pickle(data):
        raise WeightsError("pickle", "the file holds pickled Python objects (as torch.save writes), which are "
                           f"never loaded; {SAVE_ADVICE}")
    length = int.from_bytes(data[:8], "little")
    if length > len(data) - 8:
        raise WeightsError("damaged", f"the header claims {length} bytes but the file has only {len(data) - 8} "
                           "after the length: it is truncated or damaged; save or download it again")
    if length > MAX_HEADER_BYTES:
        raise WeightsError("too_big", f"the header is {length} bytes, more than the {MAX_HEADER_BYTES} accepted "
                           "(a recurrent network's takes a few kilobytes); save only the model's weights")
    return length


def _parse_header(raw):
    try:
        header = json.loads(raw.decode("utf-8"), object_pairs_hook=_refuse_duplicate_keys,
                            parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise WeightsError("damaged", "the header is not UTF-8 text: the file is damaged") from None
    except (ValueError, RecursionError) as err:
        raise WeightsError("damaged", f"the header is not valid JSON ({err}): the file is damaged") from None
    if not isinstance(header, dict):
        raise WeightsError("damaged", f"the header is a JSON {type(header).__name__}, not an object of tensors: "
                           "the file is damaged or not a .safetensors file")
    return header


def _refuse_duplicate_keys(pairs):
    """Two entries with one name would let the second hide the first: refuse them."""
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError(f"a name appears twice: {sorted(k for k in set(keys) if keys.count(k) > 1)[:3]}")
    return dict(pairs)


def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _metadata(value):
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise WeightsError("damaged", f"{METADATA_KEY} must map strings to strings: the file is damaged")
    return value


def _tensor_entry(name, info):
    """One header entry, checked for types and signs (offsets and sizes are checked against the data later)."""
    if not isinstance(info, dict):
        raise _bad_entry(name, "is not an object with dtype, shape and data_offsets")
    dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
    if not isinstance(dtype, str):
        raise _bad_entry(name, f"has dtype {dtype!r}, not a name such as 'F32'")
    if not _is_list_of_naturals(shape) or len(shape) > MAX_DIMS:
        raise _bad_entry(name, f"has shape {_short(shape)}, not a list of at most {MAX_DIMS} sizes >= 0")
    if not _is_list_of_naturals(offsets) or len(offsets) != 2 or offsets[0] > offsets[1]:
        raise _bad_entry(name, f"has data_offsets {_short(offsets)}, not [begin, end] with 0 <= begin <= end")
    return TensorEntry(name, dtype, tuple(shape), offsets[0], offsets[1])


def _is_list_of_naturals(value):
    # bool is an int in Python, but true is not a size in JSON; sizes beyond 64 bits are lies
    return isinstance(value, list) and all(type(v) is int and 0 <= v < 2**64 for v in value)


def _short(value):
    text = json.dumps(value) if isinstance(value, (list, int, str, type(None))) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bad_entry(name, problem):
    return WeightsError("damaged", f"tensor {name!r} {problem}: the file is damaged")


def _check_layout(entries, buffer_length):
    """The tensors must tile the data exactly: no overlap (two tensors sharing bytes), no gap, nothing beyond
    the end and nothing left over after the last one (hidden bytes the header does not account for)."""
    position = 0
    for e in sorted(entries, key=lambda e: (e.begin, e.end)):
        if e.end > buffer_length:
            raise _bad_entry(e.name, f"ends at byte {e.end} of the data, which holds only {buffer_length}")
        if e.begin < position:
            raise _bad_entry(e.name, f"starts at byte {e.begin}, inside the tensor before it (ending at {position})")
        if e.begin > position:
            raise _bad_entry(e.name, f"starts at byte {e.begin}, leaving a gap after byte {position}")
        position = e.end
    if position != buffer_length:
        raise WeightsError("damaged", f"{buffer_length - position} bytes follow the last tensor, which the header "
                           "does not describe: the file is damaged")


def _read_tensor(entry, buffer):
    if entry.dtype not in READ_DTYPES:
        raise WeightsError("dtype", f"tensor {entry.name!r} has dtype {entry.dtype[:20]!r}, which is not read here; "
                           "weights must be F16, BF16, F32, F64: convert them (model.float()) and save again")
    stored = np.dtype(READ_DTYPES[entry.dtype])
    size = math.prod(entry.shape) * stored.itemsize
    if size != entry.end - entry.begin:
        raise _bad_entry(entry.name, f"has shape {list(entry.shape)} of {entry.dtype} ({size} bytes) but its "
                         f"offsets hold {entry.end - entry.begin} bytes")
    raw = np.frombuffer(buffer[entry.begin:entry.end], dtype=stored).reshape(entry.shape)
    if entry.dtype == "BF16":          # bfloat16 is the top half of a float32: shifting it back is exact
        return (raw.astype(np.uint32) << 16).view(np.float32)
    return raw.astype(np.float32 if entry.dtype == "F16" else stored.newbyteorder("="))


def save_net_safetensors(net, card=None):
    """A RecurrentNet as .safetensors bytes, its card (with the architecture) as JSON in the metadata."""
    card = _card_with_architecture(net, card)
    return save_safetensors(net.state_dict(), {CARD_METADATA_KEY: card_json(card)})


# ------------------------------------------------------------------------------- any weights file

def load_weights(data, filename="", max_bytes=MAX_BYTES):
    """(RecurrentNet, ModelCard) from the bytes of an .npz or .safetensors file, told apart by their content (not
    by `filename`, which only makes messages clearer). Every refusal is a WeightsError with a reason.
    (lstm_core.model.load_sequence_model reads the same files and also finds an embedding and a read-out.)"""
    arrays, card = read_weights(data, filename, max_bytes)
    return recurrent_stack(arrays, card), card


def read_weights(data, filename="", max_bytes=MAX_BYTES):
    """(arrays, ModelCard) from the bytes of an .npz or .safetensors file, with every check of load_weights but
    the recurrent stack's: the format told apart by content, pickles, damage, dtypes, size and NaN/inf refused
    (WeightsError). F16/BF16 arrays come back as float32. Names that safetensors' save_model dropped from tied
    weights are restored (see restore_shared)."""
    arrays, card, _ = read_weights_file(data, filename, max_bytes)
    return arrays, card


def read_weights_file(data, filename="", max_bytes=MAX_BYTES):
    """read_weights, also returning the file's .safetensors metadata ({} for .npz) -> (arrays, card, metadata)."""
    data = bytes(data)
    kind = _sniff(data, filename)
    if kind == "npz":
        arrays, card = load_npz(data, max_bytes)
        metadata = {}
    else:
        arrays, metadata = load_safetensors(data, max_bytes)
        card = _card_from_json(metadata[CARD_METADATA_KEY]) if CARD_METADATA_KEY in metadata else ModelCard()
        restore_shared(arrays, metadata)
    _refuse_non_finite(arrays)
    return arrays, card, metadata


def restore_shared(arrays, metadata):
    """safetensors.torch.save_model writes tensors that share memory (tied weights: a word model's decoder.weight
    is its encoder.weight) once, and records each dropped name in the metadata as {dropped: kept}. Put the dropped
    names back (the same array), in place. -> {dropped: kept} for the names restored."""
    restored = {}
    for dropped, kept in metadata.items():
        if dropped not in arrays and kept in arrays and dropped.rpartition(".")[2] in ("weight", "bias"):
            arrays[dropped] = arrays[kept]
            restored[dropped] = kept
    return restored


def recurrent_stack(arrays, card, prefix=None):
    """The one LSTM, GRU or RNN stack among `arrays` (from_torch), every refusal a WeightsError."""
    try:
        return from_torch(arrays, nonlinearity=card_nonlinearity(card), prefix=prefix)
    except WeightsError:
        raise
    except ValueError as err:                          # NetConfig's checks: e.g. proj_size >= hidden_size
        raise WeightsError("not_recurrent", f"the arrays do not form an LSTM, GRU or RNN: {err}") from None


# Last parts of module names that say what a 2-D weight beside the recurrent stack is, when shapes alone cannot.
EMBEDDING_NAMES = ("embed", "embedding", "embeddings", "encoder", "emb", "word_embeddings", "tok_embeddings",
                   "token_embedding", "wte", "char_embedding")
READ_OUT_NAMES = ("head", "fc", "linear", "decoder", "out", "output", "classifier", "lm_head", "readout", "dense",
                  "proj", "projection")


def find_sequence_parts(arrays, net, prefix):
    """Which arrays beside the recurrent stack (its names start with `prefix`) are an embedding in front of it
    and a linear read-out after it, by shape and name. -> {"embedding": name or None, "head.weight": name or
    None, "head.bias": name or None, "ambiguous": [the weights of several candidates for one part, none taken]}.

    Only floating-point arrays named '<module>.weight' / '<module>.bias' count (integer counters and the like
    are left alone). A read-out is a 2-D '<m>.weight' (O, features), features = the stack's output size times
    its directions, with a '<m>.bias' (O,) (or without a bias when <m> ends in a READ_OUT_NAMES name, as
    nn.Linear(bias=False)). An embedding is a 2-D '<m>.weight' (V, E) without a bias, E = the stack's input
    size (as nn.Embedding's). When several arrays qualify, the one whose module name ends in EMBEDDING_NAMES /
    READ_OUT_NAMES is taken ('head' and 'embed' first); if that does not decide, the part is None and the
    candidates are listed under "ambiguous"."""
    cfg = net.config
    stack = {prefix + name for name in param_shapes(cfg)}
    modules = {}
    for name, a in arrays.items():
        module, dot, leaf = name.rpartition(".")
        if name in stack or not dot or leaf not in ("weight", "bias") or not np.issubdtype(a.dtype, np.floating):
            continue
        modules.setdefault(module, {})[leaf] = a
    features = cfg.output_size * cfg.directions
    read_outs, embeddings = [], []
    for module, leaves in modules.items():
        w, b, last = leaves.get("weight"), leaves.get("bias"), module.rpartition(".")[2].lower()
        if w is None or w.ndim != 2 or w.shape[0] < 1:
            continue
        if b is not None:
            if w.shape[1] == features and b.shape == (w.shape[0],):
                read_outs.append(module)
        elif w.shape[1] == cfg.input_size and last not in READ_OUT_NAMES:
            embeddings.append(module)
        elif w.shape[1] == features and last in READ_OUT_NAMES:
            read_outs.append(module)
    ambiguous = []
    head = _pick(read_outs, READ_OUT_NAMES, "head", ambiguous)
    embed = _pick(embeddings, EMBEDDING_NAMES, "embed", ambiguous)
    return {"embedding": None if embed is None else f"{embed}.weight",
            "head.weight": None if head is None else f"{head}.weight",
            "head.bias": f"{head}.bias" if head is not None and "bias" in modules[head] else None,
            "ambiguous": sorted(ambiguous)}


def _pick(candidates, names, first, ambiguous):
    """The one candidate module, else the one named `first`, else the one with a telling name; else None."""
    if len(candidates) == 1:
        return candidates[0]
    for pool in ([m for m in candidates if m.rpartition(".")[2].lower() == first],
                 [m for m in candidates if m.rpartition(".")[2].lower() in names]):
        if len(pool) == 1:
            return pool[0]
    ambiguous.extend(f"{m}.weight" for m in candidates)
    return None


def _sniff(data, filename):
    named = f"{filename!r} " if filename else "the file "
    if not data:
        raise WeightsError("not_weights", f"{named}is empty: choose an .npz or .safetensors file")
    if data[:4] in ZIP_MAGICS:
        return "npz"
    if data[8:9] == b"{":                              # every safetensors header is a JSON object
        return "safetensors"
    if _is_pickle(data):
        raise WeightsError("pickle", f"{named}holds pickled Python objects (as torch.save writes), which are "
                           f"never loaded; {SAVE_ADVICE}")
    if len(data) >= 10 and int.from_bytes(data[:8], "little") <= len(data) - 8:
        return "safetensors"                           # a plausible header length: a damaged safetensors
    raise WeightsError("not_weights", f"{named}is neither an .npz nor a .safetensors file; {SAVE_ADVICE}")


def _is_pickle(head):
    """Pickle protocols 2 to 5 start with PROTO (0x80) and the protocol number."""
    return len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5


def _refuse_non_finite(arrays):
    for name, a in arrays.items():
        if np.issubdtype(a.dtype, np.inexact) and not np.all(np.isfinite(a)):
            raise WeightsError("non_finite", f"{name!r} contains {int(np.size(a) - np.isfinite(a).sum())} NaN or "
                               "infinite value(s): training diverged; save weights from before it did")
