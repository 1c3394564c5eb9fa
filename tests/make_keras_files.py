"""Write the Keras files under tests/files/keras/ with real Keras 3, saved exactly as users save them
(`model.save("m.keras")`, `model.save_weights("m.weights.h5")`), and Keras's own outputs on a fixed input as
reference values (`<name>.npz`: `x`, then `out_<k>` = the k-th recurrent layer's output at every step).

The app never runs Keras; tests/test_keras_reader.py compares readers/keras.py against these files. Run in a venv
of its own (Keras is not a dependency of the project):

    python -m venv /tmp/venv-keras && /tmp/venv-keras/bin/pip install keras jax jaxlib h5py
    /tmp/venv-keras/bin/python tests/make_keras_files.py

Every model is float64 (JAX with x64), except `lstm_float32`, float32 as most
users' models are. Weights, biases included, are set to random non-zero values: Keras initialises biases to
zero (and the forget gate's to one), which would hide a bias read wrongly.

Keras 3.15.1 on JAX computes tanh in float32 even for float64 tensors (|keras.activations.tanh - np.tanh| up to
9e-8 on float64 input), so its float64 LSTM and GRU outputs are within about 1e-7 of the exact recurrence, not
1e-15; the tests compare with Keras at 1e-6 and with an exact NumPy recurrence on the same weights at 1e-12.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_ENABLE_X64", "1")

from pathlib import Path  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = Path(__file__).resolve().parent / "files" / "keras"
STEPS = 7


def models():
    """name -> (input size, a function making the layers after the Input, dtype). Layers are made after
    set_floatx (a layer keeps the float type it was made with). Recurrent layers return sequences so every
    step can be compared."""
    L = keras.layers
    return {
        "lstm": (3, lambda: [L.LSTM(5, return_sequences=True), L.Dense(2)], "float64"),
        "lstm_float32": (3, lambda: [L.LSTM(5, return_sequences=True), L.Dense(2)], "float32"),
        "gru": (3, lambda: [L.GRU(4, return_sequences=True)], "float64"),
        "simple_rnn_relu": (3, lambda: [L.SimpleRNN(4, activation="relu", return_sequences=True)], "float64"),
        "stacked_lstm_8_4": (3, lambda: [L.LSTM(8, return_sequences=True), L.LSTM(4, return_sequences=True),
                                         L.Dense(1)], "float64"),
        "bidirectional_lstm": (3, lambda: [L.Bidirectional(L.LSTM(3, return_sequences=True))], "float64"),
        "bidirectional_gru_then_lstm": (3, lambda: [L.Bidirectional(L.GRU(3, return_sequences=True)),
                                                    L.LSTM(2, return_sequences=True)], "float64"),
        "gru_reset_before": (3, lambda: [L.GRU(4, reset_after=False, return_sequences=True)], "float64"),
        "functional_gru_dropout_lstm": (2, None, "float64"),
    }


def functional():
    """Input(2) -> GRU(6) -> Dropout -> LSTM(3): a functional model whose layers differ in kind and width."""
    inp = keras.Input((None, 2))
    h = keras.layers.GRU(6, return_sequences=True)(inp)
    h = keras.layers.Dropout(0.2)(h)
    out = keras.layers.LSTM(3, return_sequences=True)(h)
    return keras.Model(inp, out)


def recurrent_outputs(model):
    """Outputs of every recurrent layer (Bidirectional included), in the model's order."""
    kinds = (keras.layers.LSTM, keras.layers.GRU, keras.layers.SimpleRNN, keras.layers.Bidirectional)
    return [layer.output for layer in model.layers if isinstance(layer, kinds)]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (inputs, layers, dtype) in models().items():
        keras.backend.clear_session()           # layer names start afresh (lstm, lstm_1, ...)
        keras.config.set_floatx(dtype)
        keras.utils.set_random_seed(sum(map(ord, name)))
        model = functional() if layers is None else keras.Sequential([keras.Input((None, inputs)), *layers()])
        rng = np.random.default_rng(sum(map(ord, name)))
        model.set_weights([rng.uniform(-0.6, 0.6, w.shape).astype(dtype) for w in model.get_weights()])
        x = rng.standard_normal((1, STEPS, inputs)).astype(dtype)
        probe = keras.Model(model.inputs, recurrent_outputs(model))
        outs = probe.predict(x, verbose=0)
        outs = outs if isinstance(outs, list) else [outs]
        model.save(OUT / f"{name}.keras")
        model.save_weights(OUT / f"{name}.weights.h5")
        np.savez(OUT / f"{name}.npz", x=x[0], **{f"out_{k}": np.asarray(o)[0] for k, o in enumerate(outs)})
        print(name, dtype, [np.asarray(o).shape for o in outs])
    print("keras", keras.__version__, "backend", keras.backend.backend())


if __name__ == "__main__":
    main()
