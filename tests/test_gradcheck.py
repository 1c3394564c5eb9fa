"""Backpropagation through time agrees with central finite differences (float64, no torch needed).

Relative error of a tensor = max over the checked entries of |analytic - numeric| / max |analytic| over
the tensor; it must stay below 1e-6 for every parameter, the input and the initial states."""
import numpy as np
import pytest

from lstm_core import RecurrentNet
from lstm_core.losses import cross_entropy, mse
from lstm_core.model import SequenceModel

CONFIGS = {
    "lstm-1layer-unbatched": (dict(kind="lstm"), 0),
    "lstm-2layer-bidir": (dict(kind="lstm", num_layers=2, bidirectional=True), 2),
    "lstm-2layer-proj": (dict(kind="lstm", num_layers=2, proj_size=2), 3),
    "lstm-bidir-proj-unbatched": (dict(kind="lstm", bidirectional=True, proj_size=3), 0),
    "lstm-3layer-B1": (dict(kind="lstm", num_layers=3), 1),
    "gru-1layer-unbatched": (dict(kind="gru"), 0),
    "gru-2layer-bidir": (dict(kind="gru", num_layers=2, bidirectional=True), 2),
    "rnn-tanh-2layer": (dict(kind="rnn", num_layers=2), 2),
    "rnn-relu-bidir": (dict(kind="rnn", nonlinearity="relu", bidirectional=True), 2),
    "rnn-relu-2layer-unbatched": (dict(kind="rnn", nonlinearity="relu", num_layers=2), 0),
}
EPS = 1e-6
REL_TOL = 1e-6


def numeric(f, array, index):
    old = array[index]
    array[index] = old + EPS
    up = f()
    array[index] = old - EPS
    down = f()
    array[index] = old
    return (up - down) / (2 * EPS)


def sample_indices(array, rng, n=5):
    """n distinct entries (all of them for a small tensor)."""
    flat = rng.choice(array.size, size=min(n, array.size), replace=False)
    return [np.unravel_index(int(k), array.shape) for k in flat]


def relative_error(analytic_full, pairs):
    scale = max(float(np.abs(analytic_full).max()), 1e-12)
    return max(abs(a - n) for a, n in pairs) / scale


def setup(name, T=5, seed=1):
    kwargs, B = CONFIGS[name]
    rng = np.random.default_rng(seed)
    net = RecurrentNet.create(input_size=3, hidden_size=4, seed=2, dtype="float64", **kwargs)
    for p in net.params.values():                     # larger weights: more non-linear, a harder check
        p *= 2
    cfg = net.config
    lead = (B,) if B else ()
    x = rng.standard_normal((T, *lead, 3))
    h0 = rng.standard_normal((cfg.num_layers * cfg.directions, *lead, cfg.output_size))
    c0 = rng.standard_normal((*h0.shape[:-1], cfg.hidden_size)) if cfg.kind == "lstm" else None
    trace = net.run(x, h0, c0)
    weights = [rng.standard_normal(trace.output.shape), rng.standard_normal(trace.h_n.shape),
               None if c0 is None else rng.standard_normal(trace.c_n.shape)]
    return rng, net, x, h0, c0, trace, weights


def loss_of(net, x, h0, c0, weights):
    """sum(output * w_out) + sum(h_n * w_h) (+ sum(c_n * w_c)): its gradient is backward(w_out, w_h, w_c)."""
    trace = net.run(x, h0, c0, record=False)
    total = np.sum(trace.output * weights[0]) + np.sum(trace.h_n * weights[1])
    return total + (np.sum(trace.c_n * weights[2]) if trace.c_n is not None else 0.0)


def gradient_errors(name, T=5, perturb=None):
    rng, net, x, h0, c0, trace, weights = setup(name, T)
    grads = net.backward(trace, *weights)
    if perturb:                                        # the numeric side sees a slightly different network
        net.params[perturb] *= 1 + 1e-4
    arrays = {**net.params, "input": x, "h0": h0, **({"c0": c0} if c0 is not None else {})}
    assert set(arrays) <= set(grads)
    errors = {}
    for key, array in arrays.items():
        pairs = [(grads[key][i], numeric(lambda: loss_of(net, x, h0, c0, weights), array, i))
                 for i in sample_indices(array, rng)]
        errors[key] = relative_error(grads[key], pairs)
    return errors


@pytest.mark.parametrize("name", CONFIGS)
def test_gradients_of_every_parameter_the_input_and_initial_states_match_finite_differences(name):
    errors = gradient_errors(name)
    worst = max(errors, key=errors.get)
    assert errors[worst] < REL_TOL, f"{worst}: relative error {errors[worst]:.2e}"


@pytest.mark.parametrize("name", ["lstm-2layer-proj", "gru-1layer-unbatched", "rnn-tanh-2layer"])
def test_gradients_of_a_single_step_match_finite_differences(name):
    errors = gradient_errors(name, T=1)
    assert max(errors.values()) < REL_TOL, errors


@pytest.mark.parametrize("name", ["lstm-2layer-bidir", "gru-2layer-bidir"])
def test_the_check_notices_a_weight_off_by_one_part_in_ten_thousand(name):
    errors = gradient_errors(name, perturb="weight_hh_l0_reverse")
    assert max(errors.values()) > REL_TOL


MODELS = {
    "lstm-2layer-cross-entropy": ("char_lm", dict(kind="lstm", num_layers=2), cross_entropy),
    "lstm-proj-bidir-cross-entropy-with-ignored-targets": ("char_lm", dict(kind="lstm", bidirectional=True,
                                                                              proj_size=3), cross_entropy),
    "gru-bidir-mse": ("forecast", dict(kind="gru", bidirectional=True), mse),
    "rnn-relu-mse": ("forecast", dict(kind="rnn", nonlinearity="relu", num_layers=2), mse),
}


@pytest.mark.parametrize("name", MODELS)
def test_sequence_model_with_its_head_matches_finite_differences(name):
    task, net_kwargs, loss_fn = MODELS[name]
    rng = np.random.default_rng(3)
    model = SequenceModel.create(task, 4, 3, seed=1, dtype="float64", hidden_size=5, **net_kwargs)
    model.head_bias[:] = rng.uniform(-0.5, 0.5, model.head_bias.shape)
    x = rng.standard_normal((6, 2, 4))
    if loss_fn is cross_entropy:
        targets = rng.integers(0, 3, (6, 2))
        if "ignored" in name:
            targets[1, 0] = targets[4, 1] = -1
    else:
        targets = rng.standard_normal((6, 2, 3))

    def loss():
        return loss_fn(model.forward(x, record=False)[1], targets)[0]

    trace, out = model.forward(x)
    grads = model.backward(trace, loss_fn(out, targets)[1])
    arrays = {**model.parameters(), "rnn.input": x}
    assert {"head.weight", "head.bias"} <= set(arrays) and set(arrays) <= set(grads)
    for key, array in arrays.items():
        pairs = [(grads[key][i], numeric(loss, array, i)) for i in sample_indices(array, rng, 3)]
        err = relative_error(grads[key], pairs)
        assert err < REL_TOL, f"{key}: relative error {err:.2e}"
