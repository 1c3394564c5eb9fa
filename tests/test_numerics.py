"""Numerics and boundary checks: stable activations, clear errors for bad input, consistent records."""
import warnings

import numpy as np
import pytest

from lstm_core import RecurrentNet
from lstm_core.numerics import sigmoid

EXTREMES = np.array([-1e4, -710.0, -89.0, -20.0, 0.0, 20.0, 89.0, 710.0, 1e4])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sigmoid_and_tanh_stay_finite_without_warnings_up_to_ten_thousand(dtype):
    x = EXTREMES.astype(dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        s, t = sigmoid(x), np.tanh(x)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(t))
    assert s[0] == 0 and s[-1] == 1 and s[4] == 0.5
    # 0.5 + 0.5 tanh(x/2) loses the relative precision of tails below ~1e-8, never absolute precision
    np.testing.assert_allclose(s[3:6], 1 / (1 + np.exp(-x[3:6].astype(float))), rtol=1e-6, atol=1e-8)


def test_a_network_fed_huge_inputs_gives_saturated_finite_gates_without_warnings():
    net = RecurrentNet.create("lstm", 2, 3)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        gates = net.run(np.array([[1e4, -1e4], [-1e4, 1e4]], np.float32)).gates()
    assert all(np.all(np.isfinite(v)) for v in gates.values())


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_input_is_a_clear_value_error(bad):
    x = np.zeros((4, 2))
    x[2, 1] = bad
    with pytest.raises(ValueError, match="NaN or infinite"):
        RecurrentNet.create("gru", 2, 3).run(x)


def test_a_wrong_input_size_names_expected_and_received_shapes():
    with pytest.raises(ValueError, match=r"x has shape \(4, 5\), expected \(T, 3\)"):
        RecurrentNet.create("lstm", 3, 4).run(np.zeros((4, 5)))


def test_a_wrong_initial_state_names_expected_and_received_shapes():
    net = RecurrentNet.create("lstm", 3, 4, num_layers=2)
    with pytest.raises(ValueError, match=r"h0 has shape \(1, 2, 4\), expected \(2, 2, 4\)"):
        net.run(np.zeros((5, 2, 3)), h0=np.zeros((1, 2, 4)))


@pytest.mark.parametrize("x", [np.zeros(3), np.zeros((0, 3)), np.zeros((2, 3), dtype=complex),
                               np.array([["a", "b", "c"]])], ids=["1-D", "no steps", "complex", "strings"])
def test_inputs_that_are_not_sequences_of_numbers_are_refused(x):
    with pytest.raises(ValueError):
        RecurrentNet.create("rnn", 3, 2).run(x)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_inference_without_recording_gives_the_same_outputs_and_states(kind):
    net = RecurrentNet.create(kind, 3, 5, num_layers=2, bidirectional=True, seed=4)
    x = np.random.default_rng(0).standard_normal((9, 2, 3))
    full, light = net.run(x), net.run(x, record=False)
    np.testing.assert_array_equal(full.output, light.output)
    np.testing.assert_array_equal(full.h_n, light.h_n)
    if kind == "lstm":
        np.testing.assert_array_equal(full.c_n, light.c_n)
    with pytest.raises(ValueError, match="record=False"):
        light.gates()


def test_reverse_direction_records_run_forward_in_time():
    net = RecurrentNet.create("lstm", 2, 3, bidirectional=True, seed=1)
    x = np.random.default_rng(1).standard_normal((6, 2)).astype(np.float32)
    backward_half = net.run(x).gates(direction=1)
    alone = RecurrentNet.create("lstm", 2, 3, seed=1)
    alone.params = {k.replace("_reverse", ""): v for k, v in net.params.items() if k.endswith("_reverse")}
    reversed_run = alone.run(x[::-1]).gates()
    for name in ("i", "f", "g", "o", "c", "h"):
        np.testing.assert_allclose(backward_half[name], reversed_run[name][::-1], atol=1e-6)


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
