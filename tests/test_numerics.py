"""Numerics and boundary checks: stable activations, clear errors for bad input, consistent records."""
import re
import warnings

import numpy as np
import pytest

from lstm_core import RecurrentNet, numerics
from lstm_core.numerics import sigmoid

EXTREMES = np.array([-1e4, -710.0, -89.0, -20.0, 0.0, 20.0, 89.0, 710.0, 1e4])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sigmoid_and_tanh_stay_finite_and_correct_without_warnings_up_to_ten_thousand(dtype):
    x = EXTREMES.astype(dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        s, t, t_np = sigmoid(x), numerics.tanh(x), np.tanh(x)
        wide = np.linspace(-1e4, 1e4, 20001).astype(dtype)
        s_wide, t_wide = sigmoid(wide), numerics.tanh(wide)
    assert s.dtype == np.dtype(dtype) and t.dtype == np.dtype(dtype)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(t)) and np.all(np.isfinite(s_wide))
    assert np.all((s_wide >= 0) & (s_wide <= 1)) and np.all(np.abs(t_wide) <= 1)
    assert np.all(np.diff(s_wide) >= 0) and np.all(np.diff(t_wide) >= 0)          # monotone, no glitches
    assert s[0] == 0 and s[-1] == 1 and s[4] == 0.5
    assert t[0] == -1 and t[-1] == 1 and t[4] == 0
    np.testing.assert_array_equal(t, t_np)
    np.testing.assert_allclose(s + sigmoid(-x), 1, atol=1e-7)                        # symmetry
    # 0.5 + 0.5 tanh(x/2) loses the relative precision of tails below ~1e-8, never absolute precision
    np.testing.assert_allclose(s[3:6], 1 / (1 + np.exp(-x[3:6].astype(float))), rtol=1e-6, atol=1e-8)
    mid = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(mid.astype(dtype)), 1 / (1 + np.exp(-mid)), rtol=0,
                               atol=1e-15 if dtype == "float64" else 1e-7)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_a_network_fed_huge_inputs_gives_saturated_finite_gates_and_gradients_without_warnings(kind):
    net = RecurrentNet.create(kind, 2, 3, dtype="float64")
    x = np.array([[1e4, -1e4], [-1e4, 1e4], [1e4, 1e4]])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        trace = net.run(x)
        gates = trace.gates()
        grads = net.backward(trace, np.ones_like(trace.output))
    assert all(np.all(np.isfinite(v)) for v in gates.values())
    assert all(np.all(np.isfinite(v)) for v in grads.values())


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf], ids=["nan", "inf", "-inf"])
def test_nan_or_inf_input_is_a_clear_value_error(bad):
    x = np.zeros((4, 2))
    x[2, 1] = bad
    with pytest.raises(ValueError, match=r"x contains 1 NaN or infinite value\(s\); every value must be finite"):
        RecurrentNet.create("gru", 2, 3).run(x)


@pytest.mark.parametrize("name", ["h0", "c0"])
def test_nan_in_an_initial_state_is_a_clear_value_error(name):
    state = np.zeros((1, 3))
    state[0, 1] = np.nan
    with pytest.raises(ValueError, match=f"{name} contains 1 NaN or infinite"):
        RecurrentNet.create("lstm", 2, 3).run(np.zeros((4, 2)), **{name: state})


def test_nan_in_an_upstream_gradient_is_a_clear_value_error():
    net = RecurrentNet.create("rnn", 2, 3)
    trace = net.run(np.zeros((4, 2)))
    d_out = np.zeros((4, 3))
    d_out[0, 0] = np.inf
    with pytest.raises(ValueError, match="d_output contains 1 NaN or infinite"):
        net.backward(trace, d_out)


def test_a_wrong_input_size_names_expected_and_received_shapes():
    with pytest.raises(ValueError, match=r"x has shape \(4, 5\), expected \(T, 3\)"):
        RecurrentNet.create("lstm", 3, 4).run(np.zeros((4, 5)))


def test_a_wrong_input_size_in_a_batch_names_expected_and_received_shapes():
    with pytest.raises(ValueError, match=r"x has shape \(4, 2, 5\), expected \(T, B, 3\)"):
        RecurrentNet.create("gru", 3, 4).run(np.zeros((4, 2, 5)))


def test_a_four_dimensional_input_names_expected_and_received_shapes():
    with pytest.raises(ValueError, match=r"x has shape \(4, 2, 1, 3\), expected \(T, 3\) or \(T, B, 3\)"):
        RecurrentNet.create("rnn", 3, 4).run(np.zeros((4, 2, 1, 3)))


@pytest.mark.parametrize("kwargs, x_shape, name, given, expected", [
    (dict(num_layers=2), (5, 2, 3), "h0", (1, 2, 4), "(2, 2, 4)"),
    (dict(num_layers=2), (5, 2, 3), "c0", (2, 3, 4), "(2, 2, 4)"),
    (dict(bidirectional=True), (5, 3), "h0", (1, 4), "(2, 4)"),
    (dict(proj_size=2), (5, 3), "h0", (1, 4), "(1, 2)"),
    (dict(proj_size=2), (5, 3), "c0", (1, 2), "(1, 4)"),
    (dict(), (5, 2, 3), "h0", (1, 4), "(1, 2, 4)"),
], ids=["h0-layers", "c0-batch", "h0-directions-unbatched", "h0-projected", "c0-not-projected",
        "unbatched-h0-for-a-batch"])
def test_a_wrong_initial_state_names_expected_and_received_shapes(kwargs, x_shape, name, given, expected):
    net = RecurrentNet.create("lstm", 3, 4, **kwargs)
    received = "(" + ", ".join(map(str, given)) + ")"
    with pytest.raises(ValueError, match=rf"{name} has shape {re.escape(received)}, expected {re.escape(expected)}"):
        net.run(np.zeros(x_shape), **{name: np.zeros(given)})


def test_a_wrong_upstream_gradient_shape_names_expected_and_received_shapes():
    net = RecurrentNet.create("gru", 3, 4)
    trace = net.run(np.zeros((5, 2, 3)))
    with pytest.raises(ValueError, match=r"d_output has shape \(5, 4\), expected \(5, 2, 4\)"):
        net.backward(trace, np.zeros((5, 4)))


@pytest.mark.parametrize("x", [np.zeros(3), np.zeros((0, 3)), np.zeros((2, 3), dtype=complex),
                               np.array([["a", "b", "c"]])], ids=["1-D", "no steps", "complex", "strings"])
def test_inputs_that_are_not_sequences_of_numbers_are_refused(x):
    with pytest.raises(ValueError):
        RecurrentNet.create("rnn", 3, 2).run(x)


RECORD_CASES = {
    "lstm-2layer-bidir": dict(kind="lstm", num_layers=2, bidirectional=True),
    "lstm-proj": dict(kind="lstm", proj_size=2),
    "gru-2layer-bidir": dict(kind="gru", num_layers=2, bidirectional=True),
    "rnn-relu-bidir": dict(kind="rnn", bidirectional=True, nonlinearity="relu"),
}


@pytest.mark.parametrize("batch", [(), (2,)], ids=["unbatched", "B2"])
@pytest.mark.parametrize("name", RECORD_CASES)
def test_inference_without_recording_gives_the_same_outputs_and_states(name, batch):
    net = RecurrentNet.create(input_size=3, hidden_size=5, seed=4, **RECORD_CASES[name])
    x = np.random.default_rng(0).standard_normal((9, *batch, 3))
    full, light = net.run(x), net.run(x, record=False)
    np.testing.assert_array_equal(full.output, light.output)
    np.testing.assert_array_equal(full.h_n, light.h_n)
    if net.config.kind == "lstm":
        np.testing.assert_array_equal(full.c_n, light.c_n)
    else:
        assert light.c_n is None
    with pytest.raises(ValueError, match="record=False"):
        light.gates()
    with pytest.raises(ValueError, match="record=True"):
        net.backward(light, np.zeros_like(light.output))


GATE_NAMES = {"lstm": ("i", "f", "g", "o", "c", "tanh_c", "h"), "gru": ("r", "z", "n", "h"), "rnn": ("h",)}


@pytest.mark.parametrize("batch", [(), (3,)], ids=["unbatched", "B3"])
@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_reverse_direction_records_run_forward_in_time(kind, batch):
    """gates(direction=1)[name][t] belongs to input step t: a one-direction network holding the reverse
    weights, fed the reversed sequence, gives the same values in reverse order."""
    net = RecurrentNet.create(kind, 2, 3, bidirectional=True, seed=1, dtype="float64")
    x = np.random.default_rng(1).standard_normal((6, *batch, 2))
    trace = net.run(x)
    alone = RecurrentNet.create(kind, 2, 3, seed=1, dtype="float64")
    alone.params = {k.replace("_reverse", ""): v for k, v in net.params.items() if k.endswith("_reverse")}
    reversed_run = alone.run(x[::-1])
    backward_half, manual = trace.gates(direction=1), reversed_run.gates()
    assert set(backward_half) == set(GATE_NAMES[kind])
    for name in GATE_NAMES[kind]:
        assert backward_half[name].shape == (6, *batch, 3)
        np.testing.assert_allclose(backward_half[name], manual[name][::-1], rtol=0, atol=1e-14)
    for name, pre in trace.preactivations(direction=1).items():
        np.testing.assert_allclose(pre, reversed_run.preactivations()[name][::-1], rtol=0, atol=1e-14)
    # and the reverse half of PyTorch's output at step t is that h at step t
    np.testing.assert_array_equal(trace.output[..., 3:], backward_half["h"])
    np.testing.assert_array_equal(trace.h_n[1], backward_half["h"][0])


def test_an_lstm_with_the_forget_gate_held_at_one_and_no_input_keeps_its_cell_state():
    net = RecurrentNet.create("lstm", 1, 2, dtype="float64")
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_hh_l0"):
        net.params[name][:] = 0
    net.params["bias_ih_l0"][:] = [-1e4, -1e4, 1e4, 1e4, 0, 0, 0, 0]   # i = 0, f = 1 (rows i, f, g, o)
    c0 = np.array([[0.7, -0.3]])
    trace = net.run(np.ones((50, 1)), c0=c0)
    np.testing.assert_array_equal(trace.gates()["c"], np.repeat(c0, 50, axis=0))


def test_gate_arrays_are_time_by_units_for_unbatched_input_and_time_by_batch_by_units_for_batches():
    net = RecurrentNet.create("gru", 2, 3)
    assert net.run(np.zeros((4, 2))).gates()["z"].shape == (4, 3)
    assert net.run(np.zeros((4, 5, 2))).gates()["z"].shape == (4, 5, 3)
