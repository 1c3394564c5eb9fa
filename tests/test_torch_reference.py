"""lstm_core computes what PyTorch computes: outputs, final states and every gradient (parameters, input,
initial states) on the configurations stored in tests/reference/torch_reference.npz, which
tests/make_reference.py made with PyTorch. No torch is needed here."""
import json
from pathlib import Path

import numpy as np
import pytest

import lstm_core

REFERENCE = np.load(Path(__file__).parent / "reference" / "torch_reference.npz", allow_pickle=False)
CONFIGS = json.loads(str(REFERENCE["configs"]))
FORWARD_TOL = {"float64": 1e-6, "float32": 1e-5}          # absolute, as the issue states
GRAD_REL_TOL = {"float64": 1e-6, "float32": 1e-4}         # max|ours - torch| / max|torch|, per tensor


def config_id(cfg):
    batch = "unbatched" if cfg["B"] == 0 else f"B{cfg['B']}"
    extras = ("-bidir" if cfg["bidirectional"] else "") + (f"-proj{cfg['proj_size']}" if cfg["proj_size"] else "")
    extras += "-relu" if cfg["nonlinearity"] == "relu" and cfg["kind"] == "rnn" else ""
    extras += "-given-states" if cfg["initial_states"] else ""
    return f"{cfg['kind']}-{cfg['layers']}layer{extras}-T{cfg['T']}-{batch}-{cfg['dtype']}"


def stored(k, prefix):
    head = f"cfg{k:02d}/{prefix}"
    return {name[len(head):]: REFERENCE[name] for name in REFERENCE.files if name.startswith(head)}


def relative_error(ours, theirs):
    return float(np.abs(ours - theirs).max() / max(np.abs(theirs).max(), 1e-12))


class Case:
    def __init__(self, k):
        self.k, self.cfg = k, CONFIGS[k]
        self.ref, self.params = stored(k, ""), stored(k, "param/")
        self.upstream, self.expected_grads = stored(k, "upstream/"), stored(k, "grad/")
        self.dtype = self.cfg["dtype"]

    def net(self):
        return lstm_core.from_torch(self.params, nonlinearity=self.cfg["nonlinearity"])

    def run(self, net):
        return net.run(self.ref["x"], self.ref.get("h0"), self.ref.get("c0"))

    def backward(self, net, trace):
        up = self.upstream
        return net.backward(trace, up["out"], up["h_n"], up.get("c_n"))

    def forward_error(self, trace):
        pairs = [(trace.output, "out"), (trace.h_n, "h_n")] + ([(trace.c_n, "c_n")] if self.cfg["kind"] == "lstm"
                                                               else [])
        return max(float(np.abs(ours - self.ref[key]).max()) for ours, key in pairs)

    def gradient_errors(self, grads):
        return {name: relative_error(grads[name], theirs) for name, theirs in self.expected_grads.items()}


@pytest.fixture(params=range(len(CONFIGS)), ids=[config_id(c) for c in CONFIGS])
def case(request):
    return Case(request.param)


def test_there_are_at_least_twenty_configurations_covering_the_issue():
    assert len(CONFIGS) >= 20
    assert {c["kind"] for c in CONFIGS} == {"lstm", "gru", "rnn"}
    assert {c["nonlinearity"] for c in CONFIGS if c["kind"] == "rnn"} == {"tanh", "relu"}
    assert {c["layers"] for c in CONFIGS} == {1, 2, 3}
    assert any(c["T"] == 1 for c in CONFIGS) and any(c["T"] == 2000 for c in CONFIGS)
    assert {0, 1} < {c["B"] for c in CONFIGS} and any(c["B"] > 1 for c in CONFIGS)
    assert any(c["proj_size"] for c in CONFIGS) and any(c["bidirectional"] for c in CONFIGS)
    assert any(c["proj_size"] and c["bidirectional"] for c in CONFIGS)
    assert {c["initial_states"] for c in CONFIGS} == {True, False}
    assert {c["dtype"] for c in CONFIGS} == {"float32", "float64"}


def test_the_reference_records_the_torch_version_that_made_it():
    assert str(REFERENCE["torch_version"]).startswith("2.")


def test_the_stored_weights_have_random_non_zero_values_in_both_bias_vectors(case):
    biases = {k: v for k, v in case.params.items() if k.startswith("bias_")}
    assert biases and all(np.all(v != 0) for v in biases.values())
    for name in (k for k in biases if k.startswith("bias_ih")):
        assert not np.allclose(biases[name], biases[name.replace("bias_ih", "bias_hh")])


def test_the_stored_arrays_fit_the_described_configuration(case):
    cfg, ref = case.cfg, case.ref
    lead = (cfg["B"],) if cfg["B"] else ()
    states = cfg["layers"] * (2 if cfg["bidirectional"] else 1)
    out_size = cfg["proj_size"] or cfg["H"]
    assert ref["x"].shape == (cfg["T"], *lead, cfg["D"]) and ref["x"].dtype == np.dtype(cfg["dtype"])
    assert ref["h_n"].shape == (states, *lead, out_size)
    assert ("h0" in ref) == cfg["initial_states"]


def test_network_is_built_with_the_stored_architecture_and_dtype(case):
    cfg, net = case.cfg, case.net()
    assert net.dtype == np.dtype(cfg["dtype"])
    assert (net.config.kind, net.config.num_layers, net.config.bidirectional, net.config.proj_size,
            net.config.input_size, net.config.hidden_size) == (cfg["kind"], cfg["layers"], cfg["bidirectional"],
                                                               cfg["proj_size"], cfg["D"], cfg["H"])


def test_output_and_final_states_match_pytorch(case):
    trace = case.run(case.net())
    assert trace.output.shape == case.ref["out"].shape and trace.output.dtype == np.dtype(case.dtype)
    assert trace.h_n.shape == case.ref["h_n"].shape
    if case.cfg["kind"] == "lstm":
        assert trace.c_n.shape == case.ref["c_n"].shape
    else:
        assert trace.c_n is None
    assert case.forward_error(trace) <= FORWARD_TOL[case.dtype]


def test_every_gradient_matches_pytorch_autograd_including_input_and_initial_states(case):
    net = case.net()
    grads = case.backward(net, case.run(net))
    expected = set(case.params) | {"input"} | ({"h0"} | ({"c0"} if case.cfg["kind"] == "lstm" else set())
                                               if case.cfg["initial_states"] else set())
    assert set(case.expected_grads) == expected
    assert expected <= set(grads)
    for name, theirs in case.expected_grads.items():
        assert grads[name].shape == theirs.shape, name
    errors = case.gradient_errors(grads)
    worst = max(errors, key=errors.get)
    assert errors[worst] < GRAD_REL_TOL[case.dtype], f"{worst}: relative error {errors[worst]:.2e}"


def test_a_weight_wrong_by_one_part_in_a_thousand_is_caught_forward_and_backward(case):
    """The tolerances above are tight enough to notice a wrong weight: they are not vacuous."""
    net = case.net()
    net.params["weight_ih_l0"] = net.params["weight_ih_l0"] * (1 + 1e-3)
    trace = case.run(net)
    assert case.forward_error(trace) > FORWARD_TOL[case.dtype]
    assert max(case.gradient_errors(case.backward(net, trace)).values()) > GRAD_REL_TOL[case.dtype]
