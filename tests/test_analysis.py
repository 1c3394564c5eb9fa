"""The analysis tools (lstm_core/analysis.py) compute exactly the identities their docstrings state.

PyTorch values come from tests/reference/analysis_reference.npz (made by tests/make_analysis_reference.py) and
tests/reference/torch_reference.npz (tests/make_reference.py); no torch is needed here."""
import json
from pathlib import Path

import numpy as np
import pytest

import lstm_core
from lstm_core import analysis

REFERENCE = np.load(Path(__file__).parent / "reference" / "analysis_reference.npz", allow_pickle=False)
EXACT = 1e-10                                       # relative, float64 against autograd


def configs(group):
    return json.loads(str(REFERENCE[f"{group}_configs"]))


def stored(group, k):
    head = f"{group}{k:02d}/"
    return {name[len(head):]: REFERENCE[name] for name in REFERENCE.files if name.startswith(head)}


def net_of(ref, nonlinearity="tanh"):
    return lstm_core.from_torch({k[6:]: v for k, v in ref.items() if k.startswith("param/")},
                                nonlinearity=nonlinearity)


def relative_error(ours, theirs):
    return float(np.abs(ours - theirs).max() / max(np.abs(theirs).max(), 1e-300))


def case_id(group):
    def name(cfg):
        return "-".join(f"{k}={v}" for k, v in cfg.items())
    return [name(c) for c in configs(group)]


# ------------------------------------------------------------------------------------- gradient reach

@pytest.mark.parametrize("k", range(len(configs("reach"))), ids=case_id("reach"))
def test_gradient_reach_equals_autograd_with_each_hidden_state_made_a_leaf(k):
    cfg, ref = configs("reach")[k], stored("reach", k)
    net = net_of(ref, cfg["nonlinearity"])
    reach = analysis.gradient_reach(net, ref["x"], ref.get("h0"), ref.get("c0"))
    assert reach.shape == (cfg["T"],)
    np.testing.assert_allclose(reach, ref["reach"], rtol=EXACT, atol=0)     # every step, however small


def test_gradient_reach_of_the_last_step_is_the_norm_of_a_vector_of_ones():
    net = lstm_core.RecurrentNet.create("lstm", 2, 9, dtype="float64")
    assert analysis.gradient_reach(net, np.ones((4, 2)))[-1] == pytest.approx(3.0, abs=0, rel=1e-15)


def test_gradient_reach_notices_a_recurrent_weight_off_by_one_part_in_a_million():
    ref = stored("reach", 0)
    net = net_of(ref)
    net.params["weight_hh_l0"] = net.params["weight_hh_l0"] * (1 + 1e-6)
    reach = analysis.gradient_reach(net, ref["x"])
    assert np.max(np.abs(reach - ref["reach"]) / ref["reach"]) > EXACT


def test_gradient_reach_of_an_lstm_with_forget_gates_wide_open_decays_slower_than_a_tanh_rnn():
    """The textbook picture the /compare page shows, on small random networks with the same input."""
    x = np.random.default_rng(0).standard_normal((60, 2))
    lstm = lstm_core.RecurrentNet.create("lstm", 2, 8, seed=1, dtype="float64")
    lstm.params["bias_hh_l0"][8:16] += 5.0                                  # forget gate near 1
    rnn = lstm_core.RecurrentNet.create("rnn", 2, 8, seed=1, dtype="float64")
    assert analysis.gradient_reach(lstm, x)[0] > 1e3 * analysis.gradient_reach(rnn, x)[0]


@pytest.mark.parametrize("kwargs, x_shape, message", [
    (dict(num_layers=2), (5, 2), r"2 layer\(s\)"),
    (dict(bidirectional=True), (5, 2), r"2 direction\(s\)"),
    ({}, (5, 3, 2), "one sequence"),
])
def test_gradient_reach_refuses_what_it_does_not_define(kwargs, x_shape, message):
    net = lstm_core.RecurrentNet.create("gru", 2, 4, **kwargs)
    with pytest.raises(ValueError, match=message):
        analysis.gradient_reach(net, np.zeros(x_shape))
