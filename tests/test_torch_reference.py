"""lstm_core computes what PyTorch computes: outputs, final states and every gradient, on 25 stored
configurations (made by tests/make_reference.py with torch 2.13; no torch needed here)."""
import json
from pathlib import Path

import numpy as np
import pytest

import lstm_core

REFERENCE = np.load(Path(__file__).parent / "reference" / "torch_reference.npz", allow_pickle=False)
CONFIGS = json.loads(str(REFERENCE["configs"]))
FORWARD_TOL = {"float64": 1e-6, "float32": 1e-5}
GRAD_REL_TOL = {"float64": 1e-6, "float32": 1e-4}


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


@pytest.fixture(params=range(len(CONFIGS)), ids=[config_id(c) for c in CONFIGS])
def case(request):
    k = request.param
    cfg = CONFIGS[k]
    ref = stored(k, "")
    net = lstm_core.from_torch(stored(k, "param/"), nonlinearity=cfg["nonlinearity"])
    trace = net.run(ref["x"], ref.get("h0"), ref.get("c0"))
    return cfg, ref, net, trace


def test_there_are_at_least_twenty_configurations_covering_the_issue():
    assert len(CONFIGS) >= 20
    assert {c["kind"] for c in CONFIGS} == {"lstm", "gru", "rnn"}
    assert {c["layers"] for c in CONFIGS} == {1, 2, 3}
    assert any(c["T"] == 1 for c in CONFIGS) and any(c["T"] == 2000 for c in CONFIGS)
    assert {0, 1} < {c["B"] for c in CONFIGS} and any(c["B"] > 1 for c in CONFIGS)
    assert any(c["proj_size"] for c in CONFIGS) and any(c["bidirectional"] for c in CONFIGS)


def test_network_is_built_with_the_stored_dtype(case):
    cfg, _, net, _ = case
    assert net.dtype == np.dtype(cfg["dtype"])


def test_output_and_final_states_match_pytorch(case):
    cfg, ref, _, trace = case
    tol = FORWARD_TOL[cfg["dtype"]]
    assert trace.output.shape == ref["out"].shape
    np.testing.assert_allclose(trace.output, ref["out"], rtol=0, atol=tol)
    np.testing.assert_allclose(trace.h_n, ref["h_n"], rtol=0, atol=tol)
    if cfg["kind"] == "lstm":
        np.testing.assert_allclose(trace.c_n, ref["c_n"], rtol=0, atol=tol)


def test_every_gradient_matches_pytorch_autograd(case):
    cfg, ref, net, trace = case
    up = stored(CONFIGS.index(cfg), "upstream/")
    grads = net.backward(trace, up["out"], up["h_n"], up.get("c_n"))
    expected = stored(CONFIGS.index(cfg), "grad/")
    assert set(expected) <= set(grads)
    for name, theirs in expected.items():
        assert grads[name].shape == theirs.shape, name
        err = relative_error(grads[name], theirs)
        assert err < GRAD_REL_TOL[cfg["dtype"]], f"{name}: relative error {err:.2e}"


def test_a_perturbed_weight_is_caught(case):
    """The tolerances above are tight enough to notice a wrong weight."""
    cfg, ref, net, _ = case
    net.params["weight_hh_l0"] = net.params["weight_hh_l0"] * (1 + 1e-3)
    trace = net.run(ref["x"], ref.get("h0"), ref.get("c0"))
    assert np.abs(trace.output - ref["out"]).max() > FORWARD_TOL[cfg["dtype"]]
