"""Weights in and out: PyTorch names, Keras layouts, .npz files with a card; hostile files are refused."""
import io
import pickle
import zipfile

import numpy as np
import pytest

import lstm_core
from lstm_core import RecurrentNet, from_keras, from_torch, load_net, load_npz, save_net, save_npz, to_keras
from lstm_core.model import SequenceModel
from lstm_core.numerics import sigmoid


def random_net(**kwargs):
    return RecurrentNet.create(input_size=3, hidden_size=4, seed=5, **kwargs)


def test_state_dict_uses_pytorch_names_shapes_and_order():
    sd = random_net(kind="lstm", num_layers=2, bidirectional=True, proj_size=2).state_dict()
    assert list(sd)[:5] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0"]
    assert sd["weight_ih_l1_reverse"].shape == (16, 4) and sd["weight_hr_l1"].shape == (2, 4)


@pytest.mark.parametrize("kwargs", [dict(kind="lstm", num_layers=2, bidirectional=True, proj_size=2),
                                    dict(kind="gru", num_layers=3), dict(kind="rnn", nonlinearity="relu")],
                         ids=["lstm-proj-bidir", "gru-3layer", "rnn-relu"])
def test_from_torch_infers_the_architecture_from_names_and_shapes(kwargs):
    net = random_net(**kwargs)
    again = from_torch(net.state_dict(), nonlinearity=kwargs.get("nonlinearity", "tanh"))
    assert again.config == net.config


ROUND_TRIP = {
    "gru-2layer-float32": dict(kind="gru", num_layers=2),
    "lstm-bidir-proj-float64": dict(kind="lstm", bidirectional=True, proj_size=2, dtype="float64"),
    "rnn-relu-float64": dict(kind="rnn", nonlinearity="relu", dtype="float64"),
}


@pytest.mark.parametrize("target", ["path", "bytesio"])
@pytest.mark.parametrize("name", ROUND_TRIP)
def test_save_and_load_npz_round_trip_with_its_card(tmp_path, name, target):
    net = random_net(**ROUND_TRIP[name])
    file = tmp_path / "m.npz" if target == "path" else io.BytesIO()
    save_net(file, net, {"seed": 5, "note": "héllo"})
    loaded, card = load_net(file)
    assert card.seed == 5 and card.extra["note"] == "héllo"
    assert card.architecture.to_dict() == net.config.to_dict() and loaded.config == net.config
    assert loaded.dtype == net.dtype
    for key, value in net.state_dict().items():
        np.testing.assert_array_equal(loaded.params[key], value)
    x = np.random.default_rng(0).standard_normal((4, 3)).astype(net.dtype)
    np.testing.assert_array_equal(loaded.run(x).output, net.run(x).output)
    if target == "bytesio":
        again, _ = load_net(file.getvalue())                    # raw bytes, as an upload gives them
        assert again.config == net.config


def npz_bytes(**arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def zip_bytes(name, data):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, data)
    return buf.getvalue()


HOSTILE = {
    "a pickle named .npz": (pickle.dumps({"weight_ih_l0": [1, 2]}), "not an .npz"),
    "object arrays": (npz_bytes(weights=np.array([{"a": 1}], dtype=object)), "Python objects"),
    "random bytes": (bytes(range(256)) * 4, "not an .npz"),
    "empty file": (b"", "not an .npz"),
    "a zip of text": (zip_bytes("readme.txt", "hello"), "damaged or not in NumPy's format"),
    "a bad card": (npz_bytes(__card__=np.array("{not json")), "not valid JSON"),
    "a card that is a list": (npz_bytes(__card__=np.array("[1, 2]")), "JSON object"),
    "string arrays": (npz_bytes(names=np.array(["a", "b"])), "only numeric arrays"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_npz_files_are_refused_with_a_clear_message(name):
    data, message = HOSTILE[name]
    with pytest.raises(ValueError, match=message):
        load_npz(data)


def npy_bytes(array):
    buf = io.BytesIO()
    np.save(buf, array)
    return buf.getvalue()


HOSTILE_FILES = {
    "a-pickle-named-npz": (lambda: pickle.dumps({"weight_ih_l0": np.zeros((4, 1))}), "not an .npz"),
    "an-npz-with-an-object-array": (lambda: npz_bytes(w=np.array([None, {"a": 1}], dtype=object)), "Python objects"),
    "an-npy-named-npz": (lambda: npy_bytes(np.zeros((4, 1))), "not an .npz"),
    "a-truncated-npz": (lambda: npz_bytes(w=np.zeros((50, 50)))[:300], "not an .npz|damaged"),
    "an-empty-file": (lambda: b"", "not an .npz"),
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_files_on_disk_are_refused_by_load_npz_and_load_net(tmp_path, name):
    make, message = HOSTILE_FILES[name]
    path = tmp_path / "weights.npz"
    path.write_bytes(make())
    with pytest.raises(ValueError, match=message):
        load_npz(path)
    with pytest.raises(ValueError, match=message):
        load_net(path)
    with open(path, "rb") as handle, pytest.raises(ValueError, match=message):
        load_npz(handle)


def test_an_object_array_written_by_numpy_savez_to_disk_is_refused(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, weight_ih_l0=np.array([{"evil": "payload"}], dtype=object))
    with pytest.raises(ValueError, match="Python objects"):
        load_net(path)


def test_a_pickle_is_never_unpickled(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("unpickled")

    monkeypatch.setattr(pickle, "loads", fail)
    monkeypatch.setattr(pickle, "load", fail)
    with pytest.raises(ValueError):
        load_npz(npz_bytes(weights=np.array([{"a": 1}], dtype=object)))


def test_from_torch_names_missing_and_unexpected_keys():
    sd = random_net(kind="lstm", num_layers=2).state_dict()
    del sd["bias_hh_l1"]
    sd["extra_l0"] = np.zeros(3)
    with pytest.raises(ValueError, match=r"missing \['bias_hh_l1'\], unexpected \['extra_l0'\]"):
        from_torch(sd)


def test_from_torch_names_a_wrong_shape():
    sd = random_net(kind="lstm").state_dict()
    sd["bias_ih_l0"] = np.zeros(15, np.float32)
    with pytest.raises(ValueError, match=r"bias_ih_l0 has shape \(15,\), expected \(16,\)"):
        from_torch(sd)


def test_from_torch_names_a_wrong_matrix_shape_with_expected_and_received():
    sd = random_net(kind="gru", num_layers=2).state_dict()
    sd["weight_ih_l1"] = np.zeros((12, 5), np.float32)
    with pytest.raises(ValueError, match=r"weight_ih_l1 has shape \(12, 5\), expected \(12, 4\)"):
        from_torch(sd)


def test_from_torch_refuses_integer_weights():
    sd = random_net(kind="rnn").state_dict()
    sd["bias_hh_l0"] = np.zeros(4, np.int64)
    with pytest.raises(ValueError, match="floating point"):
        from_torch(sd)


def test_from_torch_refuses_a_dict_without_recurrent_weights():
    with pytest.raises(ValueError, match="exactly one recurrent layer stack.*found none"):
        from_torch({"head.weight": np.zeros((2, 4))})


def test_from_torch_refuses_nan_weights():
    sd = random_net(kind="gru").state_dict()
    sd["weight_hh_l0"][0, 0] = np.nan
    with pytest.raises(ValueError, match="weight_hh_l0 contains NaN"):
        from_torch(sd)
    sd["weight_hh_l0"][0, 0] = np.inf
    with pytest.raises(ValueError, match="weight_hh_l0 contains NaN or infinite"):
        from_torch(sd)


def test_from_torch_finds_the_recurrent_stack_inside_a_bigger_module():
    net = random_net(kind="lstm", num_layers=2, proj_size=2)
    sd = {f"lstm.{k}": v for k, v in net.state_dict().items()}
    sd.update({"head.weight": np.zeros((2, 4)), "head.bias": np.zeros(2)})
    again = from_torch(sd)
    assert again.config == net.config
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    np.testing.assert_array_equal(again.run(x).output, net.run(x).output)


def test_two_recurrent_stacks_in_one_dict_need_a_prefix():
    sd = {f"{p}.{k}": v for p in ("enc", "dec") for k, v in random_net(kind="gru").state_dict().items()}
    with pytest.raises(ValueError, match="exactly one recurrent layer stack"):
        from_torch(sd)
    assert from_torch(sd, prefix="dec.").config.kind == "gru"


def keras_lstm_forward(x, kernel, recurrent_kernel, bias):
    """Keras' LSTM equations written independently: z = x W + h U + b, gates i, f, c, o."""
    H = recurrent_kernel.shape[0]
    h, c, out = np.zeros(H), np.zeros(H), []
    for x_t in x:
        z = x_t @ kernel + h @ recurrent_kernel + bias
        i, f, g, o = sigmoid(z[:H]), sigmoid(z[H:2 * H]), np.tanh(z[2 * H:3 * H]), sigmoid(z[3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_a_keras_lstm_runs_the_same_here_as_by_keras_equations():
    rng = np.random.default_rng(2)
    kernel, rk, bias = rng.normal(0, 0.5, (3, 20)), rng.normal(0, 0.5, (5, 20)), rng.normal(0, 0.5, 20)
    x = rng.standard_normal((6, 3))
    net = from_keras([(kernel, rk, bias)])
    assert net.config.kind == "lstm" and net.config.hidden_size == 5
    np.testing.assert_allclose(net.run(x).output, keras_lstm_forward(x, kernel, rk, bias), rtol=0, atol=1e-12)


def test_stacked_keras_lstm_layers_run_the_same_here_as_by_keras_equations():
    rng = np.random.default_rng(4)
    layers = [(rng.normal(0, 0.5, (3, 16)), rng.normal(0, 0.5, (4, 16)), rng.normal(0, 0.5, 16)),
              (rng.normal(0, 0.5, (4, 16)), rng.normal(0, 0.5, (4, 16)), rng.normal(0, 0.5, 16))]
    x = rng.standard_normal((7, 3))
    expected = keras_lstm_forward(keras_lstm_forward(x, *layers[0]), *layers[1])
    np.testing.assert_allclose(from_keras(layers).run(x).output, expected, rtol=0, atol=1e-12)


def keras_gru_forward(x, kernel, recurrent_kernel, bias):
    """Keras' GRU with reset_after=True, written independently: gates z, r, h; bias rows = input, recurrent."""
    H = recurrent_kernel.shape[0]
    h, out = np.zeros(H), []
    for x_t in x:
        xz = x_t @ kernel + bias[0]
        hz = h @ recurrent_kernel + bias[1]
        z = sigmoid(xz[:H] + hz[:H])
        r = sigmoid(xz[H:2 * H] + hz[H:2 * H])
        hh = np.tanh(xz[2 * H:] + r * hz[2 * H:])
        h = z * h + (1 - z) * hh
        out.append(h)
    return np.array(out)


def test_a_keras_gru_runs_the_same_here_as_by_keras_equations():
    rng = np.random.default_rng(3)
    kernel, rk, bias = rng.normal(0, 0.5, (3, 15)), rng.normal(0, 0.5, (5, 15)), rng.normal(0, 0.5, (2, 15))
    x = rng.standard_normal((6, 3))
    net = from_keras([(kernel, rk, bias)])
    assert net.config.kind == "gru"
    np.testing.assert_allclose(net.run(x).output, keras_gru_forward(x, kernel, rk, bias), rtol=0, atol=1e-12)


def test_a_keras_simple_rnn_runs_the_same_here_as_by_keras_equations():
    rng = np.random.default_rng(5)
    kernel, rk, bias = rng.normal(0, 0.5, (3, 4)), rng.normal(0, 0.5, (4, 4)), rng.normal(0, 0.5, 4)
    x = rng.standard_normal((6, 3))
    h, expected = np.zeros(4), []
    for x_t in x:
        h = np.tanh(x_t @ kernel + h @ rk + bias)
        expected.append(h)
    np.testing.assert_allclose(from_keras([(kernel, rk, bias)]).run(x).output, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_keras_round_trip_keeps_the_outputs(kind):
    net = RecurrentNet.create(kind, 3, 4, num_layers=2, seed=1, dtype="float64")
    again = from_keras(to_keras(net))
    x = np.random.default_rng(0).standard_normal((5, 3))
    np.testing.assert_allclose(again.run(x).output, net.run(x).output, rtol=0, atol=1e-12)


def test_keras_layout_shapes_are_checked():
    with pytest.raises(ValueError, match="do not form a Keras"):
        lstm_core.keras_to_torch(np.zeros((3, 10)), np.zeros((5, 20)), np.zeros(20))


def test_a_sequence_model_saves_and_loads_with_its_head_and_card(tmp_path):
    model = SequenceModel.create("char_lm", 5, 5, hidden_size=6, card={"vocab": list("abcde")})
    model.save(tmp_path / "m.npz")
    again = SequenceModel.load(tmp_path / "m.npz")
    assert again.vocab.chars == list("abcde")
    np.testing.assert_array_equal(again.run_text("abcab")[1], model.run_text("abcab")[1])


def test_a_model_file_without_a_head_is_refused():
    buf = io.BytesIO()
    save_npz(buf, {f"rnn.{k}": v for k, v in random_net().state_dict().items()}, {"task": "forecast"})
    with pytest.raises(ValueError, match="head.weight"):
        SequenceModel.load(buf)


NPZ_REASONS = {
    "a pickle named .npz": "pickle", "object arrays": "pickle", "random bytes": "not_weights",
    "empty file": "not_weights", "a zip of text": "not_weights", "a bad card": "damaged",
    "a card that is a list": "damaged", "string arrays": "dtype",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_npz_files_are_weights_errors_with_a_reason(name):
    with pytest.raises(lstm_core.WeightsError) as caught:
        load_npz(HOSTILE[name][0])
    assert caught.value.reason == NPZ_REASONS[name]


def test_npz_arrays_over_the_limit_are_too_big_before_they_are_loaded():
    data = npz_bytes(w=np.zeros(1000, np.float32))
    assert load_npz(data, max_bytes=10_000)[0]["w"].shape == (1000,)
    with pytest.raises(lstm_core.WeightsError, match="exceed") as caught:
        load_npz(data, max_bytes=3_000)
    assert caught.value.reason == "too_big"


def from_torch_reason(sd):
    with pytest.raises(lstm_core.WeightsError) as caught:
        from_torch(sd)
    return caught.value.reason


def test_from_torch_errors_carry_reasons_and_stay_value_errors():
    sd = random_net(kind="lstm").state_dict()
    assert issubclass(lstm_core.WeightsError, ValueError)
    assert from_torch_reason({"head.weight": np.zeros((2, 4))}) == "not_recurrent"
    assert from_torch_reason({**sd, "bias_ih_l0": np.zeros(15, np.float32)}) == "not_recurrent"
    assert from_torch_reason({**sd, "bias_ih_l0": np.zeros(16, np.int64)}) == "dtype"
    assert from_torch_reason({**sd, "bias_ih_l0": np.full(16, np.nan, np.float32)}) == "non_finite"
    assert from_torch_reason({**sd, "weight_hr_l0": np.zeros(4, np.float32)}) == "not_recurrent"
