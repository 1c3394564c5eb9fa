"""Backpropagation through time agrees with central finite differences (float64, no torch needed)."""
import numpy as np
import pytest

from lstm_core import RecurrentNet
from lstm_core.losses import cross_entropy, mse
from lstm_core.model import SequenceModel

CONFIGS = {
    "lstm": dict(kind="lstm"),
    "lstm-2layer-bidir": dict(kind="lstm", num_layers=2, bidirectional=True),
    "lstm-proj": dict(kind="lstm", num_layers=2, proj_size=2),
    "gru-2layer-bidir": dict(kind="gru", num_layers=2, bidirectional=True),
    "rnn-tanh": dict(kind="rnn"),
    "rnn-relu-bidir": dict(kind="rnn", nonlinearity="relu", bidirectional=True),
}
EPS = 1e-6


def loss_of(net, x, h0, c0, weights):
    trace = net.run(x, h0, c0)
    total = np.sum(trace.output * weights[0]) + np.sum(trace.h_n * weights[1])
    return total + (np.sum(trace.c_n * weights[2]) if trace.c_n is not None else 0.0), trace


def numeric(f, array, index):
    old = array[index]
    array[index] = old + EPS
    up = f()
    array[index] = old - EPS
    down = f()
    array[index] = old
    return (up - down) / (2 * EPS)


def sample_indices(shape, rng, n=4):
    return [tuple(int(rng.integers(0, s)) for s in shape) for _ in range(n)]


@pytest.mark.parametrize("name", CONFIGS)
def test_gradients_of_parameters_input_and_initial_states_match_finite_differences(name):
    rng = np.random.default_rng(1)
    net = RecurrentNet.create(input_size=3, hidden_size=4, seed=2, dtype="float64", **CONFIGS[name])
    for p in net.params.values():                     # larger weights: more non-linear, a harder check
        p *= 2
    cfg = net.config
    x = rng.standard_normal((5, 2, 3))
    h0 = rng.standard_normal((cfg.num_layers * cfg.directions, 2, cfg.output_size))
    c0 = rng.standard_normal((h0.shape[0], 2, cfg.hidden_size)) if cfg.kind == "lstm" else None
    trace = net.run(x, h0, c0)
    weights = [rng.standard_normal(trace.output.shape), rng.standard_normal(trace.h_n.shape),
               None if c0 is None else rng.standard_normal(trace.c_n.shape)]
    grads = net.backward(trace, *weights)
    arrays = {**net.params, "input": x, "h0": h0, **({"c0": c0} if c0 is not None else {})}
    for key, array in arrays.items():
        for index in sample_indices(array.shape, rng):
            expected = numeric(lambda: loss_of(net, x, h0, c0, weights)[0], array, index)
            assert abs(grads[key][index] - expected) <= 1e-6 * max(1.0, abs(expected)), (key, index)


@pytest.mark.parametrize("loss_name", ["cross_entropy", "mse"])
def test_model_with_head_matches_finite_differences(loss_name):
    rng = np.random.default_rng(3)
    model = SequenceModel.create("char_lm", 4, 3, seed=1, dtype="float64", hidden_size=5, num_layers=2)
    x = rng.standard_normal((6, 2, 4))
    targets = rng.integers(0, 3, (6, 2)) if loss_name == "cross_entropy" else rng.standard_normal((6, 2, 3))
    loss_fn = cross_entropy if loss_name == "cross_entropy" else mse

    def loss():
        return loss_fn(model.forward(x)[1], targets)[0]

    trace, out = model.forward(x)
    grads = model.backward(trace, loss_fn(out, targets)[1])
    for key, array in model.parameters().items():
        for index in sample_indices(array.shape, rng, 3):
            expected = numeric(loss, array, index)
            assert abs(grads[key][index] - expected) <= 1e-6 * max(1.0, abs(expected)), (key, index)
