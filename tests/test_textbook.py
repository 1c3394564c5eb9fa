"""lstm_core.textbook computes exactly what the engine (and PyTorch) compute, one step at a time, and names
every intermediate value as the equations do."""
import numpy as np
import pytest

from lstm_core import NetConfig, RecurrentNet, param_shapes
from lstm_core.textbook import gru_step, lstm_step, rnn_step

TOL = 1e-12                                         # float64
SEEDS = [0, 1, 2]
SIZES = [(1, 1), (2, 3), (5, 4)]                    # (D, H)
KINDS = [("lstm", "tanh"), ("gru", "tanh"), ("rnn", "tanh"), ("rnn", "relu")]
STEP_NAMES = {"lstm": {"i", "f", "g", "o", "c", "h", "pre_i", "pre_f", "pre_g", "pre_o"},
              "gru": {"r", "z", "n", "h", "pre_r", "pre_z", "pre_n", "hn"},
              "rnn": {"h", "pre_h"}}


def random_net(kind, D, H, nonlinearity, seed):
    """A float64 net with PyTorch-shaped weights and non-zero biases in both vectors."""
    rng = np.random.default_rng(seed)
    cfg = NetConfig(kind, D, H, nonlinearity=nonlinearity)
    params = {name: rng.uniform(-1.5, 1.5, shape) for name, shape in param_shapes(cfg).items()}
    assert np.all(params["bias_ih_l0"] != 0) and np.all(params["bias_hh_l0"] != 0)
    return RecurrentNet(cfg, params), {name[:-3]: value for name, value in params.items()}   # drop "_l0"


def textbook_step(kind, params, x, h, c, nonlinearity):
    if kind == "lstm":
        return lstm_step(params, x, h, c)
    if kind == "gru":
        return gru_step(params, x, h)
    return rnn_step(params, x, h, nonlinearity)


def engine_step_values(trace, t):
    """The engine's named values at step t: activations and states, and pre-activations as pre_<gate>."""
    values = {name: a[t] for name, a in trace.gates().items() if name != "tanh_c"}
    values.update({f"pre_{name}": a[t] for name, a in trace.preactivations().items()})
    return values


def inputs(rng, T, B, D, H):
    lead = (B,) if B else ()
    return rng.normal(size=(T, *lead, D)), rng.normal(size=(*lead, H)), rng.normal(size=(*lead, H))


@pytest.mark.parametrize("kind,nonlinearity", KINDS, ids=[f"{k}-{n}" for k, n in KINDS])
@pytest.mark.parametrize("D,H", SIZES, ids=[f"D{d}-H{h}" for d, h in SIZES])
@pytest.mark.parametrize("B", [0, 3], ids=["unbatched", "B3"])
@pytest.mark.parametrize("seed", SEEDS)
def test_one_textbook_step_equals_the_engine_on_a_length_one_input(kind, nonlinearity, D, H, B, seed):
    net, params = random_net(kind, D, H, nonlinearity, seed)
    x, h0, c0 = inputs(np.random.default_rng(100 + seed), 1, B, D, H)
    trace = net.run(x, h0[None], c0[None] if kind == "lstm" else None)
    step = textbook_step(kind, params, x[0], h0, c0, nonlinearity)
    expected = engine_step_values(trace, 0)
    assert set(step) == STEP_NAMES[kind]
    for name in set(step) & set(expected):
        assert step[name].shape == expected[name].shape, name
        np.testing.assert_allclose(step[name], expected[name], rtol=0, atol=TOL, err_msg=name)
    np.testing.assert_allclose(step["h"], trace.h_n[0], rtol=0, atol=TOL)
    if kind == "lstm":
        np.testing.assert_allclose(step["c"], trace.c_n[0], rtol=0, atol=TOL)


@pytest.mark.parametrize("kind,nonlinearity", KINDS, ids=[f"{k}-{n}" for k, n in KINDS])
@pytest.mark.parametrize("B", [0, 2], ids=["unbatched", "B2"])
@pytest.mark.parametrize("seed", SEEDS)
def test_textbook_steps_in_a_loop_equal_the_engine_over_a_sequence(kind, nonlinearity, B, seed):
    D, H, T = 3, 4, 12
    net, params = random_net(kind, D, H, nonlinearity, seed)
    x, h, c = inputs(np.random.default_rng(200 + seed), T, B, D, H)
    trace = net.run(x, h[None], c[None] if kind == "lstm" else None)
    for t in range(T):
        step = textbook_step(kind, params, x[t], h, c, nonlinearity)
        expected = engine_step_values(trace, t)
        for name in set(step) & set(expected):
            np.testing.assert_allclose(step[name], expected[name], rtol=0, atol=TOL, err_msg=f"{name} at {t}")
        h, c = step["h"], step.get("c")


def test_the_gru_candidate_sees_the_reset_gate_times_w_hn_h_plus_b_hn():
    """PyTorch's GRU: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); b_hn is scaled by r, b_in is not."""
    _, params = random_net("gru", 2, 3, "tanh", 7)
    x, h = np.array([0.3, -0.2]), np.array([0.5, -1.0, 0.25])
    step = gru_step(params, x, h)
    W_in, W_hn = np.split(params["weight_ih"], 3)[2], np.split(params["weight_hh"], 3)[2]
    b_in, b_hn = params["bias_ih"][6:], params["bias_hh"][6:]
    np.testing.assert_allclose(step["pre_n"], W_in @ x + b_in + step["r"] * (W_hn @ h + b_hn), atol=TOL)
    np.testing.assert_allclose(step["h"], (1 - step["z"]) * step["n"] + step["z"] * h, atol=TOL)


def one_unit_lstm(b_i, b_f, b_g, b_o):
    """An LSTM of one unit and one input whose gates depend on their biases only."""
    zeros = np.zeros((4, 1))
    return {"weight_ih": zeros, "weight_hh": zeros, "bias_ih": np.array([b_i, b_f, b_g, b_o]),
            "bias_hh": np.zeros(4)}


def test_a_forget_gate_near_one_and_an_input_gate_near_zero_keep_the_cell_state():
    step = lstm_step(one_unit_lstm(b_i=-30, b_f=30, b_g=1, b_o=0), np.array([0.7]), np.array([0.2]),
                     np.array([-0.8]))
    assert step["f"][0] == pytest.approx(1, abs=1e-12) and step["i"][0] == pytest.approx(0, abs=1e-12)
    assert step["c"][0] == pytest.approx(-0.8, abs=1e-12)
    assert step["h"][0] == pytest.approx(0.5 * np.tanh(-0.8), abs=1e-12)          # o = σ(0) = 0.5


def test_a_forget_gate_near_zero_and_an_input_gate_near_one_overwrite_the_cell_with_the_candidate():
    step = lstm_step(one_unit_lstm(b_i=30, b_f=-30, b_g=0.5, b_o=0), np.array([0.7]), np.array([0.2]),
                     np.array([-0.8]))
    assert step["c"][0] == pytest.approx(np.tanh(0.5), abs=1e-12)


def test_a_gru_update_gate_of_one_keeps_the_old_state():
    params = {"weight_ih": np.zeros((3, 1)), "weight_hh": np.zeros((3, 1)),
              "bias_ih": np.array([0.0, 40.0, 2.0]), "bias_hh": np.zeros(3)}
    step = gru_step(params, np.array([1.0]), np.array([-0.3]))
    assert step["z"][0] == pytest.approx(1, abs=1e-12) and step["h"][0] == pytest.approx(-0.3, abs=1e-12)


def test_sigmoid_of_large_arguments_is_finite_and_silent():
    from lstm_core.textbook import sigmoid
    with np.errstate(all="raise"):
        assert sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


def test_an_unknown_rnn_nonlinearity_is_named_in_the_error():
    _, params = random_net("rnn", 1, 1, "tanh", 0)
    with pytest.raises(ValueError, match="'tanh' or 'relu'.*'sigmoid'"):
        rnn_step(params, np.zeros(1), np.zeros(1), "sigmoid")


@pytest.mark.parametrize("kind,nonlinearity", KINDS, ids=[f"{k}-{n}" for k, n in KINDS])
@pytest.mark.parametrize("B", [0, 3], ids=["unbatched", "B3"])
def test_textbook_steps_equal_pytorch_cells_live(kind, nonlinearity, B):
    torch = pytest.importorskip("torch")
    D, H = 3, 5
    cell = {"lstm": lambda: torch.nn.LSTMCell(D, H), "gru": lambda: torch.nn.GRUCell(D, H),
            "rnn": lambda: torch.nn.RNNCell(D, H, nonlinearity=nonlinearity)}[kind]().double()
    with torch.no_grad():
        for p in cell.parameters():
            p.uniform_(-1.5, 1.5)
    params = {k: v.detach().numpy() for k, v in cell.state_dict().items()}
    x, h, c = inputs(np.random.default_rng(300), 1, B, D, H)
    step = textbook_step(kind, params, x[0], h, c, nonlinearity)
    as_t = torch.from_numpy
    with torch.no_grad():
        out = cell(as_t(x[0]), (as_t(h), as_t(c)) if kind == "lstm" else as_t(h))
    h_torch, c_torch = out if kind == "lstm" else (out, None)
    np.testing.assert_allclose(step["h"], h_torch.numpy(), rtol=0, atol=TOL)
    if kind == "lstm":
        np.testing.assert_allclose(step["c"], c_torch.numpy(), rtol=0, atol=TOL)
