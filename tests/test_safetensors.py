""".safetensors in and out, and load_weights for any weights file: what is accepted, and a WeightsError with a
stable reason for every hostile file."""
import io
import json
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_core import (
    RecurrentNet,
    WeightsError,
    load_safetensors,
    load_weights,
    save_net,
    save_net_safetensors,
    save_safetensors,
)
from lstm_core.card import ModelCard
from lstm_core.weights_io import MAX_HEADER_BYTES


def random_net(**kwargs):
    return RecurrentNet.create(input_size=3, hidden_size=4, seed=5, **kwargs)


def raw_file(header, buffer=b""):
    """A .safetensors file built by hand: `header` is a dict (dumped as JSON) or the header's raw bytes."""
    text = header if isinstance(header, bytes) else json.dumps(header).encode()
    return len(text).to_bytes(8, "little") + text + buffer


def f32_entry(shape, begin, end, dtype="F32"):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


def reason_of(data, filename="weights.safetensors", **kwargs):
    with pytest.raises(WeightsError) as caught:
        load_weights(data, filename, **kwargs)
    assert isinstance(caught.value, ValueError) and str(caught.value)
    return caught.value.reason


def run_both(net, other, dtype=None):
    x = np.random.default_rng(0).standard_normal((6, net.config.input_size)).astype(dtype or net.dtype)
    return net.run(x).output, other.run(x).output


# ------------------------------------------------------------------------------------------- round trips

ROUND_TRIP = {
    "lstm-bidir-proj-float32": dict(kind="lstm", num_layers=2, bidirectional=True, proj_size=2),
    "lstm-bidir-proj-float64": dict(kind="lstm", num_layers=2, bidirectional=True, proj_size=2, dtype="float64"),
    "gru-2layer-float32": dict(kind="gru", num_layers=2),
    "gru-bidir-float64": dict(kind="gru", bidirectional=True, dtype="float64"),
    "rnn-relu-float32": dict(kind="rnn", nonlinearity="relu"),
    "rnn-tanh-float64": dict(kind="rnn", num_layers=3, dtype="float64"),
}


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_a_network_saved_as_safetensors_loads_with_the_same_config_card_dtype_and_outputs(name):
    net = random_net(**ROUND_TRIP[name])
    loaded, card = load_weights(save_net_safetensors(net, {"seed": 5, "note": "héllo"}), "m.safetensors")
    assert loaded.config == net.config and loaded.dtype == net.dtype
    assert card.seed == 5 and card.extra["note"] == "héllo" and card.architecture.to_dict() == net.config.to_dict()
    for key, value in net.state_dict().items():
        np.testing.assert_array_equal(loaded.params[key], value)
    expected, got = run_both(net, loaded)
    np.testing.assert_array_equal(got, expected)


def test_a_plain_state_dict_without_metadata_loads_with_an_empty_card():
    net = random_net(kind="lstm", num_layers=2)
    loaded, card = load_weights(save_safetensors(net.state_dict()))
    assert card == ModelCard() and card.to_dict() == {} and loaded.config == net.config


def test_the_content_decides_the_format_not_the_file_name():
    net = random_net(kind="gru")
    npz = io.BytesIO()
    save_net(npz, net)
    assert load_weights(npz.getvalue(), "weights.safetensors")[0].config == net.config
    assert load_weights(save_net_safetensors(net), "weights.npz")[0].config == net.config


def test_a_card_entry_that_is_not_json_is_refused_as_damaged():
    data = save_safetensors(random_net().state_dict(), {"card": "{not json"})
    assert reason_of(data) == "damaged"


def test_metadata_without_a_card_gives_an_empty_card_and_is_returned_by_load_safetensors():
    data = save_safetensors(random_net().state_dict(), {"format": "pt", "note": "x"})
    assert load_weights(data)[1] == ModelCard()
    assert load_safetensors(data)[1] == {"format": "pt", "note": "x"}


def test_f16_weights_are_accepted_as_float32():
    sd = {k: v.astype(np.float16) for k, v in random_net(kind="lstm").state_dict().items()}
    loaded, _ = load_weights(save_safetensors(sd))
    assert loaded.dtype == np.float32
    for key, value in sd.items():
        np.testing.assert_array_equal(loaded.params[key], value.astype(np.float32))


def bf16_file(arrays):
    """Hand-encoded BF16 tensors: the top 16 bits of each float32 (NumPy has no bfloat16)."""
    header, chunks, offset = {}, [], 0
    for name, a in arrays.items():
        raw = (np.asarray(a, np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
        header[name] = f32_entry(list(np.shape(a)), offset, offset + len(raw), "BF16")
        chunks.append(raw)
        offset += len(raw)
    return raw_file(header, b"".join(chunks))


def test_bf16_weights_are_converted_to_float32_exactly():
    # values whose low 16 bits are zero are exactly representable in bfloat16
    sd = {k: (v.view(np.uint32) & 0xFFFF0000).view(np.float32) for k, v in random_net(kind="gru").state_dict().items()}
    loaded, _ = load_weights(bf16_file(sd))
    assert loaded.dtype == np.float32
    for key, value in sd.items():
        np.testing.assert_array_equal(loaded.params[key], value)
    special = np.array([0.0, -0.0, 1.0, -2.5, 3.0e38, 1.0e-38], np.float32)
    arrays, _ = load_safetensors(bf16_file({"x": special}))
    np.testing.assert_array_equal(arrays["x"], (special.view(np.uint32) & 0xFFFF0000).view(np.float32))


def test_load_safetensors_reads_every_accepted_dtype_shape_and_an_empty_tensor():
    arrays = {"f64": np.arange(6.0).reshape(2, 3), "f32": np.float32([[1.5]]), "f16": np.float16([0.5, 2]),
              "scalar": np.array(7.0), "empty": np.zeros((0, 4), np.float32)}
    loaded, metadata = load_safetensors(save_safetensors(arrays))
    assert metadata == {} and set(loaded) == set(arrays)
    assert loaded["f64"].dtype == np.float64 and loaded["f16"].dtype == np.float32 and loaded["scalar"].shape == ()
    for name, a in arrays.items():
        np.testing.assert_array_equal(loaded[name], a)
        assert loaded[name].flags.writeable and loaded[name].flags.c_contiguous


def test_save_safetensors_pads_the_header_to_a_multiple_of_eight_and_writes_little_endian():
    data = save_safetensors({"w": np.arange(3, dtype=">f4")})
    assert int.from_bytes(data[:8], "little") % 8 == 0
    assert data[-4:] == np.float32(2).tobytes() and data[-4:] == b"\x00\x00\x00@"
    np.testing.assert_array_equal(load_safetensors(data)[0]["w"], [0, 1, 2])


# -------------------------------------------------------------------- the reference library and PyTorch

def test_save_safetensors_writes_the_same_bytes_as_the_safetensors_library():
    reference = pytest.importorskip("safetensors.numpy")
    rng = np.random.default_rng(1)
    arrays = {"b": rng.standard_normal((3, 2)), "a": rng.standard_normal(4).astype(np.float32),
              "c": np.float16([1, 2]), "i": np.arange(3), "flag": np.array([True]), "s": np.array(1.0),
              "é\n": np.zeros((0, 2), np.float32)}
    for metadata in (None, {}, {"card": json.dumps({"note": "é\"\\"})}):
        assert save_safetensors(arrays, metadata) == reference.save(arrays, metadata=metadata)


def test_a_strided_view_is_written_by_its_values():
    # safetensors.numpy.save needs contiguous arrays (given a strided view it writes the wrong bytes)
    view = np.arange(12.0).reshape(3, 4)[:, ::2]
    np.testing.assert_array_equal(load_safetensors(save_safetensors({"v": view}))[0]["v"], view)


def test_files_written_by_the_safetensors_library_load_and_ours_load_there():
    reference = pytest.importorskip("safetensors.numpy")
    sd = random_net(kind="lstm", num_layers=2, bidirectional=True, dtype="float64").state_dict()
    arrays, metadata = load_safetensors(reference.save(sd, metadata={"format": "np", "k": "v"}))
    assert metadata == {"format": "np", "k": "v"}
    theirs = reference.load(save_safetensors(sd))
    for key, value in sd.items():
        np.testing.assert_array_equal(arrays[key], value)
        np.testing.assert_array_equal(theirs[key], value)


def torch_file(state_dict, metadata=None):
    """A torch state dict as safetensors.torch.save writes it, or hand-encoded when that library is absent."""
    try:
        from safetensors.torch import save
    except ImportError:
        return save_safetensors({k: v.detach().numpy() for k, v in state_dict.items()}, metadata)
    return save(state_dict, metadata=metadata)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_a_real_torch_module_saved_as_safetensors_runs_here_as_in_torch_to_1e_6(kind):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    module = {"lstm": lambda: torch.nn.LSTM(3, 8, num_layers=2, bidirectional=True, proj_size=5),
              "gru": lambda: torch.nn.GRU(3, 8, num_layers=2),
              "rnn": lambda: torch.nn.RNN(3, 8, nonlinearity="relu")}[kind]()
    card = {"architecture": {"nonlinearity": "relu"}} if kind == "rnn" else {}
    net, _ = load_weights(torch_file(module.state_dict(), {"card": json.dumps(card)}), "model.safetensors")
    x = torch.randn(20, 3)
    with torch.no_grad():
        expected = module(x)[0].numpy()
    np.testing.assert_allclose(net.run(x.numpy()).output, expected, rtol=0, atol=1e-6)


def test_a_torch_model_holding_an_lstm_and_a_head_loads_its_lstm():
    torch = pytest.importorskip("torch")
    torch.manual_seed(1)
    model = torch.nn.ModuleDict({"lstm": torch.nn.LSTM(2, 6), "head": torch.nn.Linear(6, 1)})
    net, card = load_weights(torch_file(model.state_dict()))
    x = torch.randn(9, 2)
    with torch.no_grad():
        expected = model["lstm"](x)[0].numpy()
    assert card.to_dict() == {}
    np.testing.assert_allclose(net.run(x.numpy()).output, expected, rtol=0, atol=1e-6)


def test_bf16_torch_weights_load_as_exactly_their_float32_values():
    torch = pytest.importorskip("torch")
    pytest.importorskip("safetensors.torch")
    module = torch.nn.GRU(3, 4).to(torch.bfloat16)
    net, _ = load_weights(torch_file(module.state_dict()))
    for key, value in module.state_dict().items():
        np.testing.assert_array_equal(net.params[key], value.float().numpy())


# ---------------------------------------------------------------------------------------- hostile files

def good_file():
    return save_net_safetensors(random_net(kind="lstm"))


def torch_like_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("archive/data.pkl", pickle.dumps({"weight": [1.0]}))
    return buf.getvalue()


def zip_of_text():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buf.getvalue()


def npz_of(**arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def npz_with_a_lying_npy_header():
    """An .npy that claims 10**12 float64 values but holds eight bytes (NumPy would allocate first)."""
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }".ljust(117) + "\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("w.npy", b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + bytes(8))
    return buf.getvalue()


def compressed_npz():
    buf = io.BytesIO()
    np.savez_compressed(buf, **random_net(kind="gru").state_dict())
    return buf.getvalue()


def npz_with_a_corrupt_deflate_stream():
    data = bytearray(compressed_npz())
    name_length, extra_length = int.from_bytes(data[26:28], "little"), int.from_bytes(data[28:30], "little")
    start = 30 + name_length + extra_length                       # the first member's compressed bytes
    data[start:start + 8] = b"\xff" * 8
    return bytes(data)


def npz_flagged_as_encrypted():
    data = bytearray(compressed_npz())
    directory = data.index(b"PK\x01\x02")
    data[directory + 8] |= 1                                       # general purpose flag bit 0: encrypted
    return bytes(data)


def nan_state_dict():
    sd = random_net(kind="gru").state_dict()
    sd["weight_hh_l0"][1, 2] = np.nan
    return sd


def huge_header():
    header = {"__metadata__": {"padding": "x" * 2_000_000}, "w": f32_entry([1], 0, 4)}
    return raw_file(header, bytes(4))


def nested_header():
    return raw_file(b"[" * 100_000 + b"]" * 100_000)


def one_tensor(entry, buffer=bytes(16)):
    return raw_file({"w": entry}, buffer)


HOSTILE = {
    "empty-bytes": (lambda: b"", "not_weights"),
    "seven-bytes": (lambda: b"\x10\x00\x00\x00\x00\x00\x00", "not_weights"),
    "random-bytes": (lambda: bytes(range(256)) * 4, "not_weights"),
    "a-header-length-of-2-to-the-63": (lambda: (2**63).to_bytes(8, "little") + b'{"w": {}}', "damaged"),
    "a-header-length-larger-than-the-file": (lambda: (1000).to_bytes(8, "little") + b"{}" + bytes(100), "damaged"),
    "a-header-that-is-not-utf8": (lambda: raw_file(b'{"w\xff\xfe": 1}'), "damaged"),
    "a-header-that-is-a-json-array": (lambda: raw_file(b'[{"dtype": "F32"}]'), "damaged"),
    "a-header-that-is-not-json": (lambda: raw_file(b"{dtype: F32}"), "damaged"),
    "a-header-nested-100000-deep": (nested_header, "damaged"),
    "a-name-that-appears-twice": (lambda: raw_file(b'{"w": ' + json.dumps(f32_entry([1], 0, 4)).encode() + b', "w": '
                                                   + json.dumps(f32_entry([1], 4, 8)).encode() + b"}", bytes(8)),
                                  "damaged"),
    "an-entry-that-is-not-an-object": (lambda: raw_file({"w": [1, 2]}), "damaged"),
    "metadata-that-is-not-strings": (lambda: raw_file({"__metadata__": {"n": 1}}), "damaged"),
    "an-I32-tensor-alone": (lambda: one_tensor(f32_entry([4], 0, 16, "I32")), "not_recurrent"),
    "a-BOOL-tensor-alone": (lambda: one_tensor(f32_entry([16], 0, 16, "BOOL")), "not_recurrent"),
    "an-unknown-F99-tensor": (lambda: one_tensor(f32_entry([4], 0, 16, "F99")), "dtype"),
    "a-dtype-that-is-not-a-string": (lambda: one_tensor(f32_entry([4], 0, 16, 32)), "damaged"),
    "a-negative-shape": (lambda: one_tensor(f32_entry([-4], 0, 16)), "damaged"),
    "a-float-shape": (lambda: one_tensor(f32_entry([4.0], 0, 16)), "damaged"),
    "a-string-shape": (lambda: one_tensor(f32_entry(["4"], 0, 16)), "damaged"),
    "a-boolean-shape": (lambda: one_tensor(f32_entry([True, 4], 0, 16)), "damaged"),
    "a-shape-that-is-not-a-list": (lambda: one_tensor(f32_entry(4, 0, 16)), "damaged"),
    "a-shape-of-2-to-the-70": (lambda: one_tensor(f32_entry([2**70], 0, 16)), "damaged"),
    "offsets-beyond-the-data": (lambda: one_tensor(f32_entry([400], 0, 1600)), "damaged"),
    "offsets-that-run-backwards": (lambda: one_tensor(f32_entry([0], 16, 0)), "damaged"),
    "offsets-with-three-numbers": (lambda: raw_file({"w": {"dtype": "F32", "shape": [4],
                                                           "data_offsets": [0, 8, 16]}}, bytes(16)), "damaged"),
    "overlapping-tensors": (lambda: raw_file({"a": f32_entry([3], 0, 12), "b": f32_entry([3], 4, 16)}, bytes(16)),
                            "damaged"),
    "a-gap-between-tensors": (lambda: raw_file({"a": f32_entry([1], 0, 4), "b": f32_entry([2], 8, 16)}, bytes(16)),
                              "damaged"),
    "a-gap-before-the-first-tensor": (lambda: one_tensor(f32_entry([3], 4, 16)), "damaged"),
    "a-shape-that-does-not-fit-the-offsets": (lambda: one_tensor(f32_entry([5], 0, 16)), "damaged"),
    "trailing-garbage-after-the-last-tensor": (lambda: good_file() + b"hidden payload", "damaged"),
    "a-truncated-file": (lambda: good_file()[:-5], "damaged"),
    "a-pickle-named-safetensors": (lambda: pickle.dumps({"a": 1}), "pickle"),
    "a-pickled-state-dict": (lambda: pickle.dumps(random_net().state_dict(), protocol=2), "pickle"),
    "a-torch-save-zip-with-data-pkl": (torch_like_zip, "pickle"),
    "a-zip-that-is-not-an-npz": (zip_of_text, "not_weights"),
    "an-npz-holding-an-object-array": (lambda: npz_of(w=np.array([{"a": 1}], dtype=object)), "pickle"),
    "an-npz-with-a-lying-npy-header": (npz_with_a_lying_npy_header, "damaged"),
    "a-truncated-npz": (lambda: npz_of(w=np.zeros((50, 50)))[:300], "damaged"),
    "an-npz-with-a-corrupt-deflate-stream": (npz_with_a_corrupt_deflate_stream, "damaged"),
    "an-npz-flagged-as-encrypted": (npz_flagged_as_encrypted, "damaged"),
    "an-npz-of-strings": (lambda: npz_of(names=np.array(["a", "b"])), "dtype"),
    "nan-inside-safetensors-weights": (lambda: save_safetensors(nan_state_dict()), "non_finite"),
    "inf-inside-npz-weights": (lambda: npz_of(**{**nan_state_dict(), "weight_hh_l0": np.full((12, 4), np.inf)}),
                               "non_finite"),
    "a-conv-weight-not-an-rnn": (lambda: save_safetensors({"conv.weight": np.ones((8, 3, 3, 3), np.float32),
                                                           "conv.bias": np.zeros(8, np.float32)}), "not_recurrent"),
    "an-lstm-missing-a-bias": (lambda: save_safetensors({k: v for k, v in random_net().state_dict().items()
                                                         if k != "bias_hh_l0"}), "not_recurrent"),
    "a-card-naming-an-unknown-nonlinearity": (lambda: save_safetensors(random_net(kind="rnn").state_dict(), {
        "card": json.dumps({"architecture": {"nonlinearity": "sigmoid"}})}), "not_recurrent"),
    "a-2-MB-header": (huge_header, "too_big"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_file_is_refused_with_its_reason(name):
    make, reason = HOSTILE[name]
    assert reason_of(make()) == reason


def test_a_header_that_claims_more_bytes_than_the_file_is_refused_as_damaged():
    data = (2**63).to_bytes(8, "little") + b"{}"
    with pytest.raises(WeightsError, match="claims 9223372036854775808 bytes") as caught:
        load_safetensors(data)
    assert caught.value.reason == "damaged"


def test_too_few_bytes_for_a_length_are_damaged_for_load_safetensors_and_not_weights_for_load_weights():
    with pytest.raises(WeightsError) as caught:
        load_safetensors(b"\x00" * 7)
    assert caught.value.reason == "damaged"
    assert reason_of(b"\x00" * 7) == "not_weights"


@pytest.mark.parametrize("dtype", ["F99", "C64", "F8_E4M3"])
def test_a_refused_dtype_is_named_with_its_tensor(dtype):
    with pytest.raises(WeightsError, match=f"tensor 'w' has dtype '{dtype}'.*F16, BF16, F32, F64") as caught:
        load_safetensors(one_tensor(f32_entry([4], 0, 16, dtype)))
    assert caught.value.reason == "dtype"


def test_a_2_mb_header_is_too_big_even_though_the_file_holds_it():
    with pytest.raises(WeightsError, match=f"more than the {MAX_HEADER_BYTES} accepted") as caught:
        load_safetensors(huge_header())
    assert caught.value.reason == "too_big"


def test_tensor_bytes_over_the_limit_are_too_big():
    data = save_safetensors({"w": np.zeros(1000, np.float32)})
    assert load_safetensors(data, max_bytes=4000)[0]["w"].shape == (1000,)
    with pytest.raises(WeightsError, match="exceed") as caught:
        load_safetensors(data, max_bytes=3999)
    assert caught.value.reason == "too_big"


def test_trailing_garbage_is_refused_and_the_message_counts_the_bytes():
    with pytest.raises(WeightsError, match="14 bytes follow the last tensor"):
        load_safetensors(good_file() + b"hidden payload")


def test_nan_in_the_weights_names_the_tensor():
    with pytest.raises(WeightsError, match="'weight_hh_l0' contains 1 NaN"):
        load_weights(save_safetensors(nan_state_dict()))


def test_a_pickle_given_as_safetensors_is_never_unpickled(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("unpickled")

    data = pickle.dumps({"a": 1})
    monkeypatch.setattr(pickle, "loads", fail)
    monkeypatch.setattr(pickle, "load", fail)
    assert reason_of(data, "model.safetensors") == "pickle"
    with pytest.raises(WeightsError) as caught:
        load_safetensors(data)
    assert caught.value.reason == "pickle"


def test_reason_codes_are_the_documented_ones():
    assert WeightsError.REASONS == ("not_weights", "pickle", "damaged", "dtype", "too_big", "non_finite",
                                    "not_recurrent", "several_stacks", "card")
    with pytest.raises(AssertionError):
        WeightsError("unheard_of", "a bug in the caller")


# ----------------------------------------------------------------------------------------- properties

def only_weights_errors(data):
    """load_weights may accept or refuse, but refusing is always a WeightsError."""
    try:
        load_weights(data)
    except WeightsError as err:
        assert err.reason in WeightsError.REASONS and str(err)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_raise_anything_but_weights_error(data):
    only_weights_errors(data)
    with pytest.raises(WeightsError):
        load_safetensors(data)


def mutate(data, edits, cut):
    out = bytearray(data)
    for position, value in edits:
        out[position % len(out)] = value
    return bytes(out[:len(out) - cut % len(out)] if cut else out)


GOOD_FILES = {"safetensors": save_net_safetensors(random_net(kind="lstm", proj_size=2), {"seed": 1}),
              "npz": npz_of(**random_net(kind="gru").state_dict()), "compressed-npz": compressed_npz()}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(GOOD_FILES)), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                                                     max_size=6), st.integers(0, 50))
def test_mutations_of_a_valid_file_never_raise_anything_but_weights_error(kind, edits, cut):
    only_weights_errors(mutate(GOOD_FILES[kind], edits, cut))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 400), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=4))
def test_mutations_inside_the_safetensors_header_never_raise_anything_but_weights_error(start, edits):
    data = GOOD_FILES["safetensors"]
    header_length = int.from_bytes(data[:8], "little")
    edits = [(8 + (start + p) % header_length, v) for p, v in edits]
    only_weights_errors(mutate(data, edits, 0))


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-2, 2**65) | st.floats() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=4), max_leaves=12)
ENTRIES = st.fixed_dictionaries({"dtype": st.sampled_from(["F32", "F16", "BF16", "F64", "I8", "X"]) | JSON_VALUES,
                                 "shape": st.lists(st.integers(-1, 20), max_size=4) | JSON_VALUES,
                                 "data_offsets": st.lists(st.integers(-1, 80), min_size=2, max_size=2) | JSON_VALUES})


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "__metadata__", "w"]),
                       ENTRIES | JSON_VALUES, max_size=5), st.binary(max_size=80))
def test_random_headers_never_raise_anything_but_weights_error(header, buffer):
    only_weights_errors(raw_file(json.dumps(header).encode(), buffer))


def test_a_weights_error_survives_pickling_with_its_reason():
    err = pickle.loads(pickle.dumps(WeightsError("damaged", "the file is damaged")))
    assert err.reason == "damaged" and str(err) == "the file is damaged"


def test_load_weights_passes_its_size_limit_on():
    data = save_net_safetensors(random_net())
    assert reason_of(data, max_bytes=100) == "too_big"


def test_integer_counters_beside_the_recurrent_stack_are_read_and_left_alone():
    net = RecurrentNet.create("lstm", 3, 4, seed=0)
    arrays = {f"rnn.{k}": v for k, v in net.state_dict().items()}
    arrays.update({"norm.num_batches_tracked": np.array(7, np.int64), "mask": np.ones(3, np.bool_)})
    loaded, _ = load_weights(save_safetensors(arrays))
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    np.testing.assert_array_equal(loaded.run(x).output, net.run(x).output)


def test_a_recurrent_stack_stored_as_integers_is_refused_for_its_dtype():
    net = RecurrentNet.create("gru", 3, 4, seed=0)
    arrays = {k: np.round(v * 10).astype(np.int32) for k, v in net.state_dict().items()}
    assert reason_of(save_safetensors(arrays)) == "dtype"
