"""readers/keras.py against real Keras 3 files (tests/files/keras, written by tests/make_keras_files.py with
Keras's own outputs), and hostile files refused with a reason."""
import io
import json
import zipfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from readers.keras import KerasError, looks_like_keras, read_keras

FILES = Path(__file__).resolve().parent / "files" / "keras"
MODELS = ["lstm", "lstm_float32", "gru", "simple_rnn_relu", "stacked_lstm_8_4", "bidirectional_lstm",
          "bidirectional_gru_then_lstm", "functional_gru_dropout_lstm"]
SUFFIXES = [".keras", ".weights.h5"]


def read(name, suffix):
    model = read_keras((FILES / f"{name}{suffix}").read_bytes(), f"{name}{suffix}")
    return model.with_activation("relu") if name == "simple_rnn_relu" and suffix == ".weights.h5" else model


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("name", MODELS)
def test_every_layer_gives_what_keras_gave_on_the_same_input(name, suffix):
    """Keras 3.15.1 (JAX) computes tanh in float32 even for float64 models: 1e-6, not 1e-12 (see below)."""
    ref = np.load(FILES / f"{name}.npz")
    model = read(name, suffix)
    outs = sorted(k for k in ref.files if k.startswith("out_"))
    assert len(model.layers) == len(outs)
    for k in range(len(outs)):
        ours = model.chain.stage(k).run(ref["x"]).output
        assert ours.shape == ref[f"out_{k}"].shape
        np.testing.assert_allclose(ours, ref[f"out_{k}"], rtol=0, atol=1e-6)


def keras_formula(kind, x, kernel, rk, bias, activation="tanh"):
    """Keras's recurrences written out in NumPy, read straight from the file's arrays (gate order i, f, c, o for
    LSTM; z, r, h with bias = [input bias, recurrent bias] for GRU reset_after=True)."""
    H = rk.shape[0]
    h, c, out = np.zeros(H), np.zeros(H), []
    sig = lambda a: 1 / (1 + np.exp(-a))                              # noqa: E731
    for xt in x:
        if kind == "lstm":
            a = xt @ kernel + h @ rk + bias
            i, f, g, o = sig(a[:H]), sig(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sig(a[3 * H:])
            c = f * c + i * g
            h = o * np.tanh(c)
        elif kind == "gru":
            xa, ha = xt @ kernel + bias[0], h @ rk + bias[1]
            z, r = sig(xa[:H] + ha[:H]), sig(xa[H:2 * H] + ha[H:2 * H])
            n = np.tanh(xa[2 * H:] + r * ha[2 * H:])
            h = z * h + (1 - z) * n
        else:
            a = xt @ kernel + h @ rk + bias
            h = np.maximum(a, 0) if activation == "relu" else np.tanh(a)
        out.append(h)
    return np.array(out)


@pytest.mark.parametrize("name,kind,path,activation", [
    ("lstm", "lstm", "layers/lstm", "tanh"), ("gru", "gru", "layers/gru", "tanh"),
    ("simple_rnn_relu", "rnn", "layers/simple_rnn", "relu")])
def test_the_conversion_is_exact_in_float64(name, kind, path, activation):
    ref = np.load(FILES / f"{name}.npz")
    with h5py.File(FILES / f"{name}.weights.h5", "r") as f:
        arrays = [f[f"{path}/cell/vars/{k}"][()] for k in range(3)]
    expected = keras_formula(kind, ref["x"], *arrays, activation=activation)
    ours = read(name, ".keras").chain.stage(0).run(ref["x"]).output
    assert ours.dtype == np.float64
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12)


def test_simple_rnn_with_relu_runs_as_relu():
    model = read_keras((FILES / "simple_rnn_relu.keras").read_bytes())
    ref = np.load(FILES / "simple_rnn_relu.npz")
    out = model.chain.stage(0).run(ref["x"]).output
    assert model.layers[0].net.config.nonlinearity == "relu" and model.layers[0].activation_known
    assert out.max() > 1.0 and out.min() == 0.0                       # beyond tanh's range, and cut at zero


def test_a_weights_file_does_not_say_relu_so_the_page_must_ask():
    model = read_keras((FILES / "simple_rnn_relu.weights.h5").read_bytes())
    assert not model.layers[0].activation_known
    ref = np.load(FILES / "simple_rnn_relu.npz")
    tanh_out = model.chain.stage(0).run(ref["x"]).output
    assert np.abs(tanh_out - ref["out_0"]).max() > 0.1               # tanh is wrong here, hence the question


def test_layers_of_different_widths_are_a_chain_each_with_its_width():
    model = read_keras((FILES / "stacked_lstm_8_4.keras").read_bytes())
    assert [la.net.config.hidden_size for la in model.layers] == [8, 4]
    assert model.chain.merged() is None
    second = model.chain.stage(1)
    assert second.config.input_size == 3 and second.layer_config.input_size == 8
    assert model.not_run == ["Dense (dense)"]


def test_layers_of_one_width_merge_into_one_network():
    model = read_keras((FILES / "bidirectional_lstm.keras").read_bytes())
    net = model.chain.merged()
    assert net.config.bidirectional and net.config.hidden_size == 3 and net.config.num_layers == 1


def test_a_weights_file_alone_puts_mixed_layers_in_order_by_their_widths():
    model = read_keras((FILES / "functional_gru_dropout_lstm.weights.h5").read_bytes())
    assert [la.label for la in model.layers] == ["GRU", "LSTM"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_gru_with_reset_before_is_refused_not_computed(suffix):
    with pytest.raises(KerasError) as err:
        read_keras((FILES / f"gru_reset_before{suffix}").read_bytes())
    assert err.value.reason == "keras_reset_after" and err.value.details == {"layer": "gru"}


# ------------------------------------------------------------------------------------------- hostile files

def rezip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def keras_members(name="lstm"):
    with zipfile.ZipFile(FILES / f"{name}.keras") as z:
        return {n: z.read(n) for n in z.namelist()}


def reason(data, **kw):
    with pytest.raises(KerasError) as err:
        read_keras(data, "x.keras", **kw)
    return err.value.reason


def test_not_a_zip_nor_hdf5():
    assert reason(b"hello, this is text") == "keras_not_keras"


def test_an_npz_is_not_taken_for_a_keras_file():
    buf = io.BytesIO()
    np.savez(buf, a=np.zeros(3))
    assert not looks_like_keras(buf.getvalue())
    assert looks_like_keras((FILES / "lstm.keras").read_bytes())
    assert looks_like_keras((FILES / "lstm.weights.h5").read_bytes())


def test_a_zip_without_the_keras_members():
    assert reason(rezip({"config.json": b"{}"})) == "keras_not_keras"


def test_a_member_that_unpacks_beyond_the_limit():
    members = keras_members()
    members["model.weights.h5"] = members["model.weights.h5"] + b"\0" * 3_000_000    # deflates to a few kB
    data = rezip(members)
    assert len(data) < 1_000_000
    assert reason(data, max_bytes=1_000_000) == "too_big"


def test_a_member_that_unpacks_to_many_times_the_file_is_a_bomb():
    members = keras_members()
    members["model.weights.h5"] = members["model.weights.h5"] + b"\0" * 30_000_000
    data = rezip(members)
    assert len(data) < 100_000
    assert reason(data) == "too_big"


def test_compressed_arrays_inside_the_hdf5_are_bounded_too():
    def build(f):
        f.create_dataset("layers/lstm/cell/vars/0", data=np.zeros((3, 2_000_000)), compression="gzip")  # 48 MB
        f.create_dataset("layers/lstm/cell/vars/1", data=np.zeros((2, 8)))
        f.create_dataset("layers/lstm/cell/vars/2", data=np.zeros(8))
    data = h5_bytes(build)
    assert len(data) < 1_000_000
    assert reason(data) == "too_big"


def test_config_that_is_not_json():
    members = keras_members()
    members["config.json"] = b"{not json"
    assert reason(rezip(members)) == "damaged"


def test_deeply_nested_json_is_refused_not_a_crash():
    members = keras_members()
    members["config.json"] = b"[" * 100_000 + b"]" * 100_000
    assert reason(rezip(members)) == "damaged"


def test_weights_that_are_not_hdf5():
    members = keras_members()
    members["model.weights.h5"] = b"\x89HDF\r\n\x1a\n" + b"\0" * 200
    assert reason(rezip(members)) == "damaged"


def h5_bytes(build):
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        build(f)
    return buf.getvalue()


def test_an_hdf5_file_that_is_not_keras():
    assert reason(h5_bytes(lambda f: f.create_dataset("data", data=np.zeros(3)))) == "keras_not_keras"


def test_a_legacy_keras_2_h5_is_explained():
    def build(f):
        f.attrs["keras_version"] = "2.15.0"
        f.create_group("model_weights")
    assert reason(h5_bytes(build)) == "keras_legacy_h5"


def test_an_external_link_to_another_file_is_refused():
    def build(f):
        f["layers/lstm/cell"] = h5py.ExternalLink("/etc/passwd", "/vars")
    with pytest.raises(KerasError, match="link to elsewhere") as err:
        read_keras(h5_bytes(build))
    assert err.value.reason == "damaged"


def test_integer_weights_are_refused():
    def build(f):
        for k, shape in enumerate([(3, 8), (2, 8), (8,)]):
            f.create_dataset(f"layers/lstm/cell/vars/{k}", data=np.ones(shape, np.int32))
    assert reason(h5_bytes(build)) == "dtype"


def test_truncated_weights_are_damaged():
    members = keras_members()
    members["model.weights.h5"] = members["model.weights.h5"][:3000]
    assert reason(rezip(members)) == "damaged"


@pytest.mark.parametrize("setting,value", [("activation", "relu"), ("recurrent_activation", "hard_sigmoid"),
                                           ("go_backwards", True)])
def test_lstm_settings_this_page_does_not_compute_are_refused(setting, value):
    members = keras_members()
    config = json.loads(members["config.json"])
    lstm = next(spec for spec in config["config"]["layers"] if spec["class_name"] == "LSTM")
    lstm["config"][setting] = value
    members["config.json"] = json.dumps(config).encode()
    with pytest.raises(KerasError) as err:
        read_keras(rezip(members))
    assert err.value.reason == "keras_setting" and err.value.details["setting"] == setting


def test_a_refusal_survives_a_copy():
    import copy
    err = KerasError("keras_reset_after", "message", layer="gru")
    again = copy.copy(err)
    assert (again.reason, again.details, str(again)) == ("keras_reset_after", {"layer": "gru"}, "message")


def test_a_gru_without_biases_from_weights_alone_is_refused_not_guessed():
    """Without biases reset_after=True and False have the same arrays but compute different numbers."""
    def build(f):
        rng = np.random.default_rng(0)
        f.create_dataset("layers/gru/cell/vars/0", data=rng.standard_normal((3, 12)))
        f.create_dataset("layers/gru/cell/vars/1", data=rng.standard_normal((4, 12)))
    with pytest.raises(KerasError) as err:
        read_keras(h5_bytes(build))
    assert err.value.reason == "keras_gru_unknown" and err.value.details == {"layer": "gru"}


def test_an_lstm_without_biases_reads_with_zero_biases():
    def build(f):
        rng = np.random.default_rng(0)
        f.create_dataset("layers/lstm/cell/vars/0", data=rng.standard_normal((3, 8)))
        f.create_dataset("layers/lstm/cell/vars/1", data=rng.standard_normal((2, 8)))
    net = read_keras(h5_bytes(build)).layers[0].net
    assert net.config.hidden_size == 2 and not net.params["bias_ih_l0"].any() and not net.params["bias_hh_l0"].any()


def test_a_custom_class_named_like_lstm_is_refused():
    members = keras_members()
    config = json.loads(members["config.json"])
    lstm = next(spec for spec in config["config"]["layers"] if spec["class_name"] == "LSTM")
    lstm["registered_name"] = "my_package>LSTM"
    members["config.json"] = json.dumps(config).encode()
    with pytest.raises(KerasError) as err:
        read_keras(rezip(members))
    assert err.value.reason == "keras_setting" and err.value.details["setting"] == "registered_name"
