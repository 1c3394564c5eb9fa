"""The analysis tools (lstm_core/analysis.py) compute exactly the identities their docstrings state.

PyTorch values come from tests/reference/analysis_reference.npz (made by tests/make_analysis_reference.py) and
tests/reference/torch_reference.npz (tests/make_reference.py); no torch is needed here."""
import json
from pathlib import Path

import numpy as np
import pytest

import lstm_core
from lstm_core import analysis
from lstm_core.network import Clamp

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


# --------------------------------------------------------------------------------------------- ledger

TORCH = np.load(Path(__file__).parent / "reference" / "torch_reference.npz", allow_pickle=False)
TORCH_CONFIGS = json.loads(str(TORCH["configs"]))


def torch_case(k):
    head = f"cfg{k:02d}/"
    ref = {name[len(head):]: TORCH[name] for name in TORCH.files if name.startswith(head)}
    cfg = TORCH_CONFIGS[k]
    net = lstm_core.from_torch({n[6:]: v for n, v in ref.items() if n.startswith("param/")},
                               nonlinearity=cfg["nonlinearity"])
    return cfg, ref, net.run(ref["x"], ref.get("h0"), ref.get("c0"))


def torch_cases(kind, dtype="float64"):
    return [k for k, c in enumerate(TORCH_CONFIGS) if c["kind"] == kind and c["dtype"] == dtype]


def torch_case_id(k):
    c = TORCH_CONFIGS[k]
    return (f"{c['kind']}-{c['layers']}layer" + ("-bidir" if c["bidirectional"] else "")
            + (f"-proj{c['proj_size']}" if c["proj_size"] else "") + f"-T{c['T']}-B{c['B']}"
            + ("-given-states" if c["initial_states"] else ""))


def steps_to_check(T):
    return sorted({0, 1, T // 2, T - 2, T - 1} & set(range(T)))


def layers_and_directions(cfg):
    return [(layer, d) for layer in range(cfg["layers"]) for d in range(2 if cfg["bidirectional"] else 1)]


@pytest.mark.parametrize("k", torch_cases("lstm"), ids=torch_case_id)
def test_the_ledger_sums_to_the_cell_state_at_every_layer_direction_and_step(k):
    cfg, ref, trace = torch_case(k)
    for layer, d in layers_and_directions(cfg):
        c = trace.gates(layer, d)["c"]
        for t in steps_to_check(cfg["T"]):
            ledger = analysis.memory_ledger(trace, t, layer, d)
            total = ledger.writes.sum(axis=0) + ledger.initial
            assert relative_error(total, c[t]) < 1e-12, (layer, d, t)


@pytest.mark.parametrize("k", torch_cases("lstm"), ids=torch_case_id)
def test_the_ledger_of_each_directions_last_step_sums_to_pytorchs_final_cell_state(k):
    cfg, ref, trace = torch_case(k)
    for layer, d in layers_and_directions(cfg):
        last = 0 if d else cfg["T"] - 1                                      # the reverse direction ends at step 0
        ledger = analysis.memory_ledger(trace, last, layer, d)
        c_n = ref["c_n"][layer * (2 if cfg["bidirectional"] else 1) + d]
        assert relative_error(ledger.state, c_n) < 1e-12


@pytest.mark.parametrize("k", torch_cases("lstm", "float32"), ids=torch_case_id)
def test_the_ledger_of_a_float32_trace_sums_to_its_cell_state_to_float32_precision(k):
    cfg, _, trace = torch_case(k)
    for layer, d in layers_and_directions(cfg):
        for t in steps_to_check(cfg["T"]):
            assert relative_error(analysis.memory_ledger(trace, t, layer, d).state,
                                  trace.gates(layer, d)["c"][t]) < 1e-5


@pytest.mark.parametrize("k", torch_cases("gru"), ids=torch_case_id)
def test_the_gru_ledger_sums_to_the_hidden_state(k):
    cfg, _, trace = torch_case(k)
    for layer, d in layers_and_directions(cfg):
        for t in steps_to_check(cfg["T"]):
            assert relative_error(analysis.gru_ledger(trace, t, layer, d).state, trace.gates(layer, d)["h"][t]) < 1e-12


def small_lstm(T=7, B=2, seed=0, **kwargs):
    net = lstm_core.RecurrentNet.create("lstm", 3, 4, seed=seed, dtype="float64", **kwargs)
    rng = np.random.default_rng(seed)
    n = net.config.num_layers * net.config.directions
    x = rng.standard_normal((T, B, 3))
    return net, net.run(x, rng.standard_normal((n, B, 4)), rng.standard_normal((n, B, 4)))


def test_each_write_is_what_its_step_wrote_times_the_forget_gates_after_it():
    net, trace = small_lstm(bidirectional=True)
    g, t = trace.gates(0, 0), 4
    ledger = analysis.memory_ledger(trace, t)
    assert list(ledger.steps) == [0, 1, 2, 3, 4] and ledger.writes.shape == (5, 2, 4)
    for k in range(t + 1):
        expected = g["i"][k] * g["g"][k]
        for j in range(k + 1, t + 1):
            expected = expected * g["f"][j]
        np.testing.assert_allclose(ledger.writes[k], expected, rtol=1e-14, atol=0)
    c0 = trace.initial_state(0, 0)["c"]
    np.testing.assert_allclose(ledger.initial, np.prod(g["f"][:t + 1], axis=0) * c0, rtol=1e-14, atol=0)


def test_the_reverse_direction_ledger_holds_the_later_steps_it_has_already_read():
    net, trace = small_lstm(bidirectional=True)
    g, t = trace.gates(0, 1), 4
    ledger = analysis.memory_ledger(trace, t, direction=1)
    assert list(ledger.steps) == [4, 5, 6]                                   # T = 7: steps 6, 5, 4 were processed
    np.testing.assert_allclose(ledger.writes[-1], g["i"][6] * g["f"][5] * g["f"][4] * g["g"][6], rtol=1e-14)
    np.testing.assert_array_equal(ledger.writes[0], g["i"][4] * g["g"][4])   # step t's own write survives whole
    np.testing.assert_allclose(ledger.initial, g["f"][4] * g["f"][5] * g["f"][6] * trace.initial_state(0, 1)["c"],
                               rtol=1e-14)


def test_an_unbatched_trace_gives_an_unbatched_ledger():
    net = lstm_core.RecurrentNet.create("lstm", 3, 4, dtype="float64")
    trace = net.run(np.ones((5, 3)))
    ledger = analysis.memory_ledger(trace, 3)
    assert ledger.writes.shape == (4, 4) and ledger.initial.shape == (4,)
    assert np.all(ledger.initial == 0)                                       # c_{-1} = 0 by default
    assert analysis.half_lives(trace, 3).shape == (4,)


def forget_bias_net(forget_bias):
    net = lstm_core.RecurrentNet.create("lstm", 3, 4, seed=1, dtype="float64")
    net.params["bias_ih_l0"][4:8] = forget_bias                              # torch row order i, f, g, o
    net.params["bias_hh_l0"][4:8] = 0
    net.params["weight_ih_l0"][4:8] = net.params["weight_hh_l0"][4:8] = 0
    return net


def test_forget_gates_of_one_keep_every_write_whole_and_the_half_life_is_infinite():
    trace = forget_bias_net(40.0).run(np.random.default_rng(0).standard_normal((6, 3)), c0=np.full((1, 4), 0.3))
    assert np.all(trace.gates()["f"] == 1.0)                                 # sigma(40) rounds to 1
    ledger = analysis.memory_ledger(trace, 5)
    g = trace.gates()
    np.testing.assert_array_equal(ledger.writes, g["i"] * g["g"])
    np.testing.assert_array_equal(ledger.initial, np.full(4, 0.3))
    assert np.all(analysis.half_lives(trace, 5) == np.inf)


@pytest.mark.parametrize("forget_bias, expected", [(-3.0, 1.0), (np.log(0.8 / 0.2), 4.0), (np.log(0.9 / 0.1), 7.0)])
def test_a_constant_forget_gate_f_gives_the_half_life_of_f_to_the_power_n(forget_bias, expected):
    """f = 0.8: 0.8^3 = 0.512, 0.8^4 = 0.41 -> 4. f = 0.9: 0.9^6 = 0.53, 0.9^7 = 0.478 -> 7."""
    trace = forget_bias_net(forget_bias).run(np.zeros((20, 3)))
    assert np.all(analysis.half_lives(trace, 19) == expected)
    if expected > 1:                                                         # history too short to halve
        assert np.all(analysis.half_lives(trace, int(expected) - 2) == np.inf)


def test_half_lives_match_a_direct_search_unit_by_unit():
    net, trace = small_lstm(T=40, bidirectional=True)
    for d, t in ((0, 39), (0, 17), (1, 3)):
        f = trace.gates(0, d)["f"]
        order = range(t, -1, -1) if d == 0 else range(t, 40)                 # the steps processed up to t, latest first
        ours = analysis.half_lives(trace, t, direction=d)
        for b in range(2):
            for u in range(4):
                product, expected = 1.0, np.inf
                for n, step in enumerate(order, start=1):
                    product *= f[step, b, u]
                    if product < 0.5:
                        expected = n
                        break
                assert ours[b, u] == expected, (d, t, b, u)


def test_a_gru_has_half_lives_of_its_update_gate():
    net = lstm_core.RecurrentNet.create("gru", 3, 4, seed=1, dtype="float64")
    trace = net.run(np.random.default_rng(0).standard_normal((12, 3)))
    z = trace.gates()["z"]
    cumulative = np.cumprod(z[::-1], axis=0)
    expected = [np.argmax(cumulative[:, u] < 0.5) + 1 if np.any(cumulative[:, u] < 0.5) else np.inf for u in range(4)]
    np.testing.assert_array_equal(analysis.half_lives(trace, 11), expected)


@pytest.mark.parametrize("kind, words", [("gru", "update gate.*gru_ledger"), ("rnn", "rewrites the whole state")])
def test_the_memory_ledger_refuses_a_gru_or_rnn_and_says_why(kind, words):
    trace = lstm_core.RecurrentNet.create(kind, 2, 3).run(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=words):
        analysis.memory_ledger(trace, 2)


def test_half_lives_refuse_an_rnn_and_the_gru_ledger_anything_but_a_gru():
    rnn = lstm_core.RecurrentNet.create("rnn", 2, 3).run(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="gated memory"):
        analysis.half_lives(rnn, 2)
    lstm = lstm_core.RecurrentNet.create("lstm", 2, 3).run(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="GRU.*LSTM"):
        analysis.gru_ledger(lstm, 2)


@pytest.mark.parametrize("t", [-1, 7, 2.0, True, "3", None])
def test_the_ledger_and_half_lives_refuse_a_t_that_is_not_a_step(t):
    _, trace = small_lstm()
    for fn in (analysis.memory_ledger, analysis.half_lives):
        with pytest.raises(ValueError, match=r"integer in 0\.\.6"):
            fn(trace, t)


def test_the_ledger_needs_a_recorded_trace_and_a_layer_that_exists():
    net, _ = small_lstm()
    with pytest.raises(ValueError, match="record=True"):
        analysis.memory_ledger(net.run(np.zeros((5, 3)), record=False), 2)
    with pytest.raises(ValueError, match="layer"):
        analysis.memory_ledger(net.run(np.zeros((5, 3))), 2, layer=1)


def test_the_trace_keeps_each_directions_initial_state():
    net = lstm_core.RecurrentNet.create("lstm", 3, 4, num_layers=2, bidirectional=True, dtype="float64")
    h0, c0 = np.arange(16.0).reshape(4, 4), -np.arange(16.0).reshape(4, 4)
    trace = net.run(np.zeros((3, 3)), h0, c0)
    state = trace.initial_state(1, 1)
    np.testing.assert_array_equal(state["h"], h0[3])
    np.testing.assert_array_equal(state["c"], c0[3])
    assert set(lstm_core.RecurrentNet.create("gru", 3, 4).run(np.zeros((2, 3))).initial_state()) == {"h"}


# --------------------------------------------------------------------------------------- connectivity

@pytest.mark.parametrize("k", range(len(configs("conn"))), ids=case_id("conn"))
def test_connectivity_is_the_norm_of_autograds_input_gradient_of_the_weighted_output(k):
    cfg, ref = configs("conn")[k], stored("conn", k)
    norms = analysis.connectivity(net_of(ref), ref["x"], cfg["t"], ref["d_output"], ref.get("h0"), ref.get("c0"))
    assert norms.shape == ref["x"].shape[:-1] and norms.dtype == np.float64
    np.testing.assert_allclose(norms, ref["norms"], rtol=EXACT, atol=0)


@pytest.mark.parametrize("k", range(len(configs("conn"))), ids=case_id("conn"))
def test_connectivity_from_a_trace_already_made_is_the_same(k):
    cfg, ref = configs("conn")[k], stored("conn", k)
    net = net_of(ref)
    trace = net.run(ref["x"], ref.get("h0"), ref.get("c0"))
    np.testing.assert_allclose(analysis.connectivity(net, ref["x"], cfg["t"], ref["d_output"], trace=trace),
                               ref["norms"], rtol=EXACT, atol=0)


def test_connectivity_of_a_one_direction_network_is_zero_after_t_and_not_before():
    ref = stored("conn", 0)                                                  # LSTM, T = 12, t = 7
    norms = analysis.connectivity(net_of(ref), ref["x"], 7, ref["d_output"])
    assert np.all(norms[8:] == 0) and np.all(norms[:8] > 0)


def test_a_bidirectional_network_connects_output_t_to_later_inputs_too():
    ref = stored("conn", 2)                                                  # bidirectional, t = 3 of 9
    assert np.all(analysis.connectivity(net_of(ref), ref["x"], 3, ref["d_output"])[4:] > 0)


def test_connectivity_of_a_batch_is_each_sequences_own():
    cfg, ref = configs("conn")[1], stored("conn", 1)                         # B = 3, given states
    net = net_of(ref)
    batch = analysis.connectivity(net, ref["x"], cfg["t"], ref["d_output"], ref["h0"], ref["c0"])
    for b in range(3):
        one = analysis.connectivity(net, ref["x"][:, b], cfg["t"], ref["d_output"], ref["h0"][:, b], ref["c0"][:, b])
        np.testing.assert_allclose(batch[:, b], one, rtol=1e-13, atol=0)


def test_connectivity_notices_an_input_weight_off_by_one_part_in_a_million():
    cfg, ref = configs("conn")[0], stored("conn", 0)
    net = net_of(ref)
    net.params["weight_ih_l0"] = net.params["weight_ih_l0"] * (1 + 1e-6)
    norms = analysis.connectivity(net, ref["x"], cfg["t"], ref["d_output"])
    assert np.max(np.abs(norms - ref["norms"])[:8] / ref["norms"][:8]) > EXACT


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_products_over_time_are_numpys_cumprod_bit_for_bit(dtype):
    a = np.random.default_rng(6).uniform(0.5, 1.0, (40, 3, 7)).astype(np.float32)
    for part in (a, a[::-1], a[5:0:-1]):                                       # views as the ledger takes them
        assert np.array_equal(analysis._cumprod_in_time(part, dtype), np.cumprod(part, axis=0, dtype=dtype))


WINDOW_NETS = [("lstm", 0), ("lstm", 3), ("gru", 0), ("rnn", 0)]             # (kind, proj_size)


@pytest.mark.parametrize("kind,proj", WINDOW_NETS, ids=[f"{k}-proj{p}" for k, p in WINDOW_NETS])
@pytest.mark.parametrize("batched", [False, True], ids=["one", "batch"])
def test_a_window_of_a_trace_is_the_run_of_those_steps_from_the_recorded_state_before_them(kind, proj, batched):
    net = lstm_core.RecurrentNet.create(kind, 3, 5, num_layers=2, proj_size=proj, seed=4, dtype="float64")
    rng = np.random.default_rng(5)
    x = rng.standard_normal((30, 2, 3) if batched else (30, 3))
    trace = net.run(x)
    start, stop = 11, 24
    window = analysis.trace_window(trace, start, stop)
    layers = range(2)
    h0 = np.stack([trace.gates(layer)["h"][start - 1] for layer in layers])
    c0 = np.stack([trace.gates(layer)["c"][start - 1] for layer in layers]) if kind == "lstm" else None
    again = net.run(x[start:stop], h0, c0)
    for layer in layers:
        seen, recorded, rerun = window.gates(layer), trace.gates(layer), again.gates(layer)
        assert seen.keys() == rerun.keys()
        for name in seen:
            assert np.array_equal(seen[name], recorded[name][start:stop])      # the recorded values themselves
            np.testing.assert_allclose(seen[name], rerun[name], rtol=1e-12, atol=1e-15)
    assert (window.c_n is None) == (again.c_n is None) == (kind != "lstm")
    for ours, theirs in ((window.output, again.output), (window.h_n, again.h_n), (window.c_n, again.c_n)):
        if theirs is not None:
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)
    d = rng.standard_normal(window.output.shape)
    np.testing.assert_allclose(net.backward(window, d)["input"], net.backward(again, d)["input"],
                               rtol=1e-10, atol=1e-14)


def test_connectivity_through_a_window_is_the_whole_runs_for_the_windows_steps():
    ref = stored("conn", 0)                                                  # LSTM, T = 12
    net, x = net_of(ref), ref["x"]
    whole = analysis.connectivity(net, x, 9, ref["d_output"])
    window = analysis.trace_window(net.run(x), 4, 10)
    part = analysis.connectivity(net, x[4:10], 5, ref["d_output"], trace=window)
    np.testing.assert_allclose(part, whole[4:10], rtol=EXACT, atol=0)
    assert np.array_equal(analysis.trace_window(net.run(x), 0, 12).output, net.run(x).output)


def test_a_window_is_refused_for_a_bidirectional_clamped_or_unrecorded_run_and_outside_the_steps():
    net = lstm_core.RecurrentNet.create("lstm", 2, 3, seed=1, dtype="float64")
    x = np.random.default_rng(2).standard_normal((8, 2))
    trace = net.run(x)
    for start, stop in ((3, 3), (-1, 4), (2, 9), (True, 4)):
        with pytest.raises(ValueError, match="window must be steps"):
            analysis.trace_window(trace, start, stop)
    with pytest.raises(ValueError, match="clamped"):
        analysis.trace_window(net.run(x, clamp=Clamp(units=[0])), 2, 5)
    with pytest.raises(ValueError, match="record=True"):
        analysis.trace_window(net.run(x, record=False), 2, 5)
    both = lstm_core.RecurrentNet.create("lstm", 2, 3, bidirectional=True, seed=1, dtype="float64")
    with pytest.raises(ValueError, match="bidirectional"):
        analysis.trace_window(both.run(x), 2, 5)


def head_model(ref):
    from lstm_core.model import SequenceModel
    return SequenceModel(net_of(ref), ref["head/weight"], ref["head/bias"], {"task": "char_lm"})


@pytest.mark.parametrize("k", range(len(configs("pred"))), ids=case_id("pred"))
def test_prediction_connectivity_is_the_gradient_norm_of_the_log_probability_of_the_argmax(k):
    cfg, ref = configs("pred")[k], stored("pred", k)
    x = ref["embedding"][ref["ids"]] if cfg["E"] else ref["x"]               # the caller makes the network's input
    np.testing.assert_array_equal(x, ref["x"])
    result = analysis.prediction_connectivity(head_model(ref), x, cfg["t"])
    assert result.predicted == int(ref["predicted"])
    np.testing.assert_allclose(result.norms, ref["norms"], rtol=EXACT, atol=0)
    logits = ref["head/weight"] @ net_of(ref).run(x).output[cfg["t"]] + ref["head/bias"]
    assert result.probability == pytest.approx(np.exp(logits.max()) / np.exp(logits).sum(), rel=1e-12)


def test_prediction_connectivity_takes_the_text_of_a_character_model():
    from lstm_core.model import SequenceModel
    model = SequenceModel.create("char_lm", 4, 4, seed=3, dtype="float64", hidden_size=6,
                                 card={"vocab": list("abc ")})
    by_text = analysis.prediction_connectivity(model, "abc cab", 5)
    by_x = analysis.prediction_connectivity(model, model.text_inputs("abc cab")[0], 5)
    np.testing.assert_array_equal(by_text.norms, by_x.norms)
    assert by_text.predicted == by_x.predicted and by_text.norms.shape == (7,)


def test_prediction_connectivity_of_a_model_with_an_embedding_reads_the_embedding_rows_of_the_text():
    from lstm_core.model import SequenceModel
    model = SequenceModel.create("char_lm", 4, 4, seed=3, dtype="float64", hidden_size=6, embedding=3,
                                 card={"vocab": list("abc ")})
    ids = model.vocab.encode("abc cab")
    by_text = analysis.prediction_connectivity(model, "abc cab", 6)
    by_rows = analysis.prediction_connectivity(model, model.embed_weight[ids], 6)
    np.testing.assert_array_equal(by_text.norms, by_rows.norms)
    assert by_text.norms.shape == (7,) and np.all(by_text.norms > 0)


@pytest.mark.parametrize("t", [-1, 12, 1.0, None])
def test_connectivity_refuses_a_t_that_is_not_a_step(t):
    ref = stored("conn", 0)
    with pytest.raises(ValueError, match=r"integer in 0\.\.11"):
        analysis.connectivity(net_of(ref), ref["x"], t, ref["d_output"])


def test_connectivity_refuses_a_d_output_of_the_wrong_size_or_not_finite():
    ref = stored("conn", 0)
    with pytest.raises(ValueError, match=r"expected \(5,\)"):
        analysis.connectivity(net_of(ref), ref["x"], 3, np.ones(4))
    with pytest.raises(ValueError, match="NaN"):
        analysis.connectivity(net_of(ref), ref["x"], 3, np.full(5, np.nan))


def test_connectivity_refuses_a_trace_of_another_input():
    ref = stored("conn", 0)
    net = net_of(ref)
    with pytest.raises(ValueError, match="same shape"):
        analysis.connectivity(net, ref["x"], 3, ref["d_output"], trace=net.run(ref["x"][:5]))


# --------------------------------------------------------------------------------------- unit ranking

def auc_by_pairs(values, labels):
    """P(a positive step's value > a negative step's), ties counting 1/2: every pair counted."""
    pos, neg = values[labels], values[~labels]
    if not pos.size or not neg.size:
        return 0.5
    greater = (pos[:, None] > neg[None, :]).sum()
    equal = (pos[:, None] == neg[None, :]).sum()
    return (greater + 0.5 * equal) / (pos.size * neg.size)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("seed", range(3))
def test_auc_of_every_unit_equals_counting_the_pairs(dtype, seed):
    rng = np.random.default_rng(seed)
    states = rng.standard_normal((2, 300, 9))
    states[0, :, :3] = np.round(states[0, :, :3])                            # many ties
    states[1, :, 3] = 0.25                                                   # a constant unit
    states[1, :150, 4] = -0.0                                                # negative and positive zeros tie
    states[1, 150:, 4] = 0.0
    states = states.astype(dtype)
    labels = rng.random((4, 300)) < [[0.5], [0.1], [0.9], [0.3]]
    labels[3] = states[0, :, 5] > 0.4                                        # a unit that detects hypothesis 3
    auc = analysis.rank_units(states, labels)
    assert auc.shape == (2, 4, 9) and auc.dtype == np.float64
    for k in range(2):
        for m in range(4):
            for u in range(9):
                assert auc[k, m, u] == pytest.approx(auc_by_pairs(states[k, :, u], labels[m]), abs=1e-12)
    assert auc[0, 3, 5] == 1.0 and auc[1, :, 3].tolist() == [0.5] * 4


def test_auc_of_a_long_run_whose_rank_sums_need_float64_still_counts_the_pairs():
    rng = np.random.default_rng(7)
    states = np.round(rng.standard_normal((5000, 2)) * 50).astype(np.float32)   # T (T + 1) > 2^24
    labels = rng.random(5000) < 0.4
    auc = analysis.rank_units(states, labels)
    assert auc.tolist() == pytest.approx([auc_by_pairs(states[:, u], labels) for u in range(2)], abs=1e-12)


def test_a_unit_that_tracks_the_opposite_scores_below_one_half():
    x = np.arange(10.0)[:, None] * [1, -1]
    assert analysis.rank_units(x, x[:, 0] > 4.5).tolist() == [1.0, 0.0]


def test_labels_all_true_or_all_false_give_one_half():
    x = np.random.default_rng(0).standard_normal((20, 3))
    assert analysis.rank_units(x, np.ones(20, bool)).tolist() == [0.5] * 3
    assert analysis.rank_units(x, np.zeros(20, bool)).tolist() == [0.5] * 3


@pytest.mark.parametrize("seed", range(3))
def test_numeric_labels_give_pearson_r_as_numpy_corrcoef(seed):
    rng = np.random.default_rng(seed)
    states = rng.standard_normal((500, 6)).astype(np.float32)
    labels = rng.standard_normal((3, 500))
    labels[1] = 3 * states[:, 2] + 0.1 * labels[1]
    r = analysis.rank_units(states, labels)
    assert r.shape == (3, 6)
    for m in range(3):
        for u in range(6):
            assert r[m, u] == pytest.approx(np.corrcoef(states[:, u].astype(np.float64), labels[m])[0, 1], abs=1e-12)
    assert r[1, 2] > 0.99


def test_a_constant_unit_or_constant_labels_give_r_zero_not_nan():
    states = np.random.default_rng(0).standard_normal((100, 3))
    states[:, 1] = 0.1                                                       # its float mean is not exactly 0.1
    labels = np.stack([np.linspace(0, 1, 100), np.full(100, 7.0)])
    r = analysis.rank_units(states, labels)
    assert np.all(np.isfinite(r)) and r[0, 1] == 0 and np.all(r[1] == 0)


def test_rank_units_shapes_follow_the_inputs():
    rng = np.random.default_rng(0)
    assert analysis.rank_units(rng.standard_normal((30, 4)), rng.random(30) < 0.5).shape == (4,)
    assert analysis.rank_units(rng.standard_normal((2, 30, 4)), rng.random(30)).shape == (2, 4)
    assert analysis.rank_units(rng.standard_normal((30, 4)), rng.random((5, 30))).shape == (5, 4)


def test_rank_units_on_a_trace_finds_the_unit_that_was_built_to_count():
    """A unit whose cell integrates the input: its c tracks the running sum better than every other unit."""
    net = lstm_core.RecurrentNet.create("lstm", 1, 5, seed=0, dtype="float64")
    p = net.params
    p["weight_hh_l0"][:] = 0
    for gate, (w, b) in {0: (0.0, 30.0), 1: (0.0, 30.0), 2: (1.0, 0.0), 3: (0.0, 30.0)}.items():   # i, f, g, o
        p["weight_ih_l0"][gate * 5] = w
        p["bias_ih_l0"][gate * 5], p["bias_hh_l0"][gate * 5] = b, 0.0
    x = np.random.default_rng(1).choice([-0.1, 0.1], (200, 1))
    c = net.run(x).gates()["c"]
    r = analysis.rank_units(c, np.cumsum(np.tanh(x[:, 0])))
    assert r[0] == pytest.approx(1.0, abs=1e-12) and np.argmax(r) == 0


@pytest.mark.parametrize("states, labels, words", [
    (np.zeros((10, 3)), np.zeros(9, bool), "T = 10"),
    (np.zeros(10), np.zeros(10, bool), "states must be"),
    (np.zeros((10, 3)), np.array(["a"] * 10), "labels must be"),
    (np.full((10, 3), np.nan), np.zeros(10, bool), "NaN"),
    (np.zeros((10, 3)), np.full(10, np.inf), "NaN"),
])
def test_rank_units_refuses_inputs_that_do_not_fit(states, labels, words):
    with pytest.raises(ValueError, match=words):
        analysis.rank_units(states, labels)


def test_average_ranks_of_float32_values_equal_an_argsort_with_averaged_ties():
    rng = np.random.default_rng(5)
    values = np.round(rng.standard_normal((7, 400)) * 3).astype(np.float32) / 3
    values[0, ::2] = -0.0
    ours = analysis.average_ranks(values)
    for row, ranks in zip(values.astype(np.float64), ours, strict=True):
        for t in range(400):
            assert ranks[t] == (row < row[t]).sum() + ((row == row[t]).sum() + 1) / 2



@pytest.mark.parametrize("threads", [1, 2])
def test_average_ranks_of_a_large_stack_in_blocks_on_threads_equal_the_plain_argsort_path(threads, monkeypatch):
    monkeypatch.setattr(analysis, "RANK_THREADS", threads)
    rng = np.random.default_rng(6)
    values = (np.round(rng.standard_normal((3, 1100, 200)) * 4) / 4).astype(np.float32)   # ties in every row
    values[1, :, 5] = -0.0
    stack = values.transpose(0, 2, 1)                                      # (3, 200, 1100) view, as rank_units passes
    assert stack.size >= analysis.PARALLEL_RANKS and stack.shape[0] * stack.shape[1] > analysis.RANK_BLOCK
    reference = analysis.average_ranks(stack.astype(np.float64))           # float64: argsort, not the packed sort
    np.testing.assert_array_equal(analysis.average_ranks(stack, np.float32), reference)
    np.testing.assert_array_equal(analysis.average_ranks(stack), reference)


# ------------------------------------------------------------------------------------------ saturation

def test_gate_saturation_counts_the_steps_below_low_and_above_high_per_unit():
    f = np.array([[0.05, 0.5], [0.95, 0.5], [0.1, 0.9], [0.92, 0.01]])      # 4 steps, 2 units; 0.1 and 0.9 are inside
    sat = analysis.gate_saturation({"f": f, "c": np.full((4, 2), 5.0)})
    assert set(sat) == {"f"}
    assert sat["f"].low.tolist() == [0.25, 0.25] and sat["f"].high.tolist() == [0.5, 0.0]


def test_gate_saturation_of_a_trace_covers_its_sigmoid_gates_over_steps_and_sequences():
    net = lstm_core.RecurrentNet.create("lstm", 2, 3, seed=0, dtype="float64")
    trace = net.run(np.random.default_rng(0).standard_normal((50, 4, 2)) * 5)
    g = trace.gates()
    sat = analysis.gate_saturation(g, low=0.2, high=0.7)
    assert set(sat) == {"i", "f", "o"}
    np.testing.assert_array_equal(sat["o"].high, (g["o"] > 0.7).sum(axis=(0, 1)) / 200)
    gru = lstm_core.RecurrentNet.create("gru", 2, 3).run(np.zeros((5, 2)))
    assert set(analysis.gate_saturation(gru.gates())) == {"r", "z"}


def test_gate_saturation_refuses_an_rnn_and_bad_thresholds():
    rnn = lstm_core.RecurrentNet.create("rnn", 2, 3).run(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="no gates"):
        analysis.gate_saturation(rnn.gates())
    with pytest.raises(ValueError, match="low < high"):
        analysis.gate_saturation({"f": np.zeros((3, 2))}, low=0.9, high=0.1)


# ---------------------------------------------------------------------------------------------- clamp

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def plain_run(net, x, clamps, h0=None, c0=None):
    """The network step by step from PyTorch's equations, holding units as the clamps say: a reference written
    without any of the engine's arrangements. x (T, B, D) -> {(layer, direction): {'h': (T, B, P), 'c': ...}} in
    text order, and the output."""
    cfg = net.config
    T, B, _ = x.shape
    L, dirs, H, P = cfg.num_layers, cfg.directions, cfg.hidden_size, cfg.output_size
    h0 = np.zeros((L * dirs, B, P)) if h0 is None else h0
    c0 = np.zeros((L * dirs, B, H)) if c0 is None else c0
    states, inp = {}, x
    for layer in range(L):
        outs = []
        for d in range(dirs):
            p = net.layer_params(layer, d)
            h, c = h0[layer * dirs + d].copy(), c0[layer * dirs + d].copy()
            hs, cs = np.zeros((T, B, P)), np.zeros((T, B, H))
            for t in (range(T - 1, -1, -1) if d else range(T)):
                z = inp[t] @ p.w_ih.T + p.b_ih + h @ p.w_hh.T + p.b_hh
                if cfg.kind == "lstm":
                    i, f, o = sigmoid(z[:, :H]), sigmoid(z[:, H:2 * H]), sigmoid(z[:, 3 * H:])
                    g = np.tanh(z[:, 2 * H:3 * H])
                    c = f * c + i * g
                    for cl in clamps:
                        if (cl.layer, cl.direction) == (layer, d) and cl.state in ("c", "both") and (
                                t <= cl.from_step if d else t >= cl.from_step):
                            c[:, cl.units] = cl.value
                    h = o * np.tanh(c)
                    if p.w_hr is not None:
                        h = h @ p.w_hr.T
                elif cfg.kind == "gru":
                    gx, gh = inp[t] @ p.w_ih.T + p.b_ih, h @ p.w_hh.T + p.b_hh
                    r, zz = sigmoid(gx[:, :H] + gh[:, :H]), sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])
                    n = np.tanh(gx[:, 2 * H:] + r * gh[:, 2 * H:])
                    h = (1 - zz) * n + zz * h
                else:
                    h = np.tanh(z) if cfg.nonlinearity == "tanh" else np.maximum(z, 0)
                for cl in clamps:
                    if (cl.layer, cl.direction) == (layer, d) and cl.state in ("h", "both") and (
                            t <= cl.from_step if d else t >= cl.from_step):
                        h[:, cl.units] = cl.value
                hs[t], cs[t] = h, c
            states[layer, d] = {"h": hs, "c": cs}
            outs.append(hs)
        inp = np.concatenate(outs, axis=-1)
    return states, inp


CLAMP_NETS = {
    "lstm-1layer": dict(kind="lstm"),
    "lstm-2layer-bidir": dict(kind="lstm", num_layers=2, bidirectional=True),
    "lstm-2layer-proj": dict(kind="lstm", num_layers=2, proj_size=3),
    "gru-2layer-bidir": dict(kind="gru", num_layers=2, bidirectional=True),
    "rnn-relu-2layer": dict(kind="rnn", num_layers=2, nonlinearity="relu"),
}


def clamp_net(name, seed=0):
    net = lstm_core.RecurrentNet.create(input_size=3, hidden_size=5, seed=seed, dtype="float64", **CLAMP_NETS[name])
    x = np.random.default_rng(seed).standard_normal((9, 2, 3))
    return net, x


def some_clamps(net):
    cfg = net.config
    if cfg.kind != "lstm":
        return [Clamp([1, 3], layer=0, state="h", value=0.5, from_step=3),
                Clamp([0], layer=cfg.num_layers - 1, direction=cfg.directions - 1, state="h", value=-0.25, from_step=6)]
    return [Clamp([1, 3], state="c", value=[0.7, -1.5], from_step=3),
            Clamp([2], layer=cfg.num_layers - 1, direction=cfg.directions - 1, state="both", value=0.0, from_step=5),
            Clamp([0], state="h", value=0.25, from_step=7)]


@pytest.mark.parametrize("name", CLAMP_NETS)
def test_a_clamped_run_equals_a_plain_step_loop_that_holds_the_same_units(name):
    net, x = clamp_net(name)
    clamps = some_clamps(net)
    trace = net.run(x, clamp=clamps)
    states, output = plain_run(net, x, clamps)
    np.testing.assert_allclose(trace.output, output, rtol=0, atol=1e-13)
    for (layer, d), expected in states.items():
        g = trace.gates(layer, d)
        np.testing.assert_allclose(g["h"], expected["h"], rtol=0, atol=1e-13)
        if net.config.kind == "lstm":
            np.testing.assert_allclose(g["c"], expected["c"], rtol=0, atol=1e-13)


@pytest.mark.parametrize("name", CLAMP_NETS)
@pytest.mark.parametrize("clamp", [None, []])
def test_no_clamp_gives_bit_for_bit_the_plain_run(name, clamp):
    net, x = clamp_net(name)
    plain, clamped = net.run(x), net.run(x, clamp=clamp)
    np.testing.assert_array_equal(clamped.output, plain.output)
    np.testing.assert_array_equal(clamped.h_n, plain.h_n)
    for layer in range(net.config.num_layers):
        for d in range(net.config.directions):
            for key, value in plain.gates(layer, d).items():
                np.testing.assert_array_equal(clamped.gates(layer, d)[key], value, err_msg=key)


def test_clamping_a_cell_changes_exactly_what_depends_on_it():
    net, x = clamp_net("lstm-2layer-proj")
    s, u = 4, 2
    plain = net.run(x)
    held = net.run(x, clamp=Clamp([u], state="c", value=0.0, from_step=s))
    for layer in range(2):                                                   # nothing before from_step moves
        for key, value in plain.gates(layer).items():
            np.testing.assert_array_equal(held.gates(layer)[key][:s], value[:s], err_msg=f"{layer} {key}")
    c, c0 = held.gates()["c"], plain.gates()["c"]
    assert np.all(c[s:, :, u] == 0.0) and np.all(c0[s:, :, u] != 0.0)        # the unit holds the value
    others = [k for k in range(5) if k != u]
    np.testing.assert_array_equal(c[s][..., others], c0[s][..., others])     # step s: the others are as before
    assert np.all(c[s + 1:][..., others] != c0[s + 1:][..., others])         # ... and all move from s + 1 on
    g = held.gates()
    np.testing.assert_array_equal(g["m"][s][..., u], g["o"][s][..., u] * np.tanh(0.0))   # h made from the held c
    assert np.all(held.gates(1)["c"][s:] != plain.gates(1)["c"][s:])         # the layer above moves at once
    assert not np.array_equal(held.output[s:], plain.output[s:])


def test_clamping_the_reverse_direction_holds_from_the_step_down_to_the_first():
    net, x = clamp_net("lstm-2layer-bidir")
    s = 5
    plain, held = net.run(x), net.run(x, clamp=Clamp([0, 4], direction=1, state="h", value=0.5, from_step=s))
    h, h0 = held.gates(0, 1)["h"], plain.gates(0, 1)["h"]
    np.testing.assert_array_equal(h[s + 1:], h0[s + 1:])                     # processed before step s
    assert np.all(h[:s + 1][..., [0, 4]] == 0.5)
    np.testing.assert_array_equal(held.gates(0, 0)["h"], plain.gates(0, 0)["h"])   # the forward direction is untouched


def test_clamping_a_higher_layer_leaves_the_layers_below_alone():
    net, x = clamp_net("lstm-2layer-bidir")
    plain, held = net.run(x), net.run(x, clamp=Clamp([1], layer=1, state="both", value=0.3, from_step=0))
    for d in range(2):
        np.testing.assert_array_equal(held.gates(0, d)["c"], plain.gates(0, d)["c"])
    assert np.all(held.gates(1, 0)["h"][..., 1] == 0.3) and np.all(held.output[..., 1] == 0.3)


def test_the_mean_value_is_the_units_mean_over_every_step_and_sequence_of_the_unclamped_run():
    net, x = clamp_net("lstm-2layer-bidir")
    plain = net.run(x)
    held = net.run(x, clamp=[Clamp([3], state="c", value="mean", from_step=2),
                             Clamp([1], layer=1, direction=1, state="h", value="mean", from_step=8)])
    assert np.all(held.gates()["c"][2:, :, 3] == plain.gates()["c"][..., 3].mean())
    assert np.all(held.gates(1, 1)["h"][..., 1] == pytest.approx(plain.gates(1, 1)["h"][..., 1].mean(), abs=1e-15))


def test_a_clamped_run_without_recording_gives_the_same_outputs():
    net, x = clamp_net("lstm-2layer-proj")
    clamps = some_clamps(net)
    recorded, unrecorded = net.run(x, clamp=clamps), net.run(x, record=False, clamp=clamps)
    np.testing.assert_array_equal(unrecorded.output, recorded.output)
    np.testing.assert_array_equal(unrecorded.c_n, recorded.c_n)


def test_an_unbatched_run_takes_clamps_too():
    net, x = clamp_net("gru-2layer-bidir")
    clamps = some_clamps(net)
    np.testing.assert_allclose(net.run(x[:, 1], clamp=clamps).output, net.run(x, clamp=clamps).output[:, 1],
                               rtol=0, atol=1e-14)                           # one sequence or a batch: GEMM rounding


def test_backward_refuses_a_clamped_run():
    net, x = clamp_net("lstm-1layer")
    trace = net.run(x, clamp=Clamp([0]))
    with pytest.raises(ValueError, match="clamped"):
        net.backward(trace, np.ones_like(trace.output))


@pytest.mark.parametrize("name, clamp, words", [
    ("lstm-1layer", Clamp([5]), r"units .* 0\.\.4"),
    ("lstm-1layer", Clamp([1, 1]), "distinct"),
    ("lstm-1layer", Clamp([]), "distinct"),
    ("lstm-1layer", Clamp([0.5]), "unit numbers"),
    ("lstm-2layer-proj", Clamp([4], state="h"), r"0\.\.2"),                # h has proj_size = 3 units
    ("lstm-1layer", Clamp([0], layer=1), r"layer must be an integer in 0\.\.0"),
    ("lstm-1layer", Clamp([0], direction=1), "direction"),
    ("lstm-1layer", Clamp([0], from_step=9), r"from_step must be an integer in 0\.\.8"),
    ("lstm-1layer", Clamp([0], state="m"), "state"),
    ("gru-2layer-bidir", Clamp([0], state="c"), "only an LSTM has a cell state"),
    ("lstm-1layer", Clamp([0, 1], value=[1.0]), "one number per unit"),
    ("lstm-1layer", Clamp([0], value="median"), "'mean'"),
    ("lstm-1layer", Clamp([0], value=np.nan), "NaN"),
    ("lstm-1layer", [Clamp([0]), "h"], "list of Clamps"),
])
def test_a_clamp_that_does_not_fit_is_refused_with_a_reason(name, clamp, words):
    net, x = clamp_net(name)
    with pytest.raises(ValueError, match=words):
        net.run(x, clamp=clamp)


# ------------------------------------------------------------------------------------------------- erasures

def test_what_the_forget_gate_erased_closes_the_cell_update_exactly():
    """c_t = c_{t-1} - (1 - f_t) c_{t-1} + i_t g_t, with c_{-1} the run's initial cell state."""
    rng = np.random.default_rng(3)
    net = lstm_core.RecurrentNet.create("lstm", 3, 6, seed=2, dtype="float64")
    c0 = rng.standard_normal((1, 6))
    gates = net.run(rng.standard_normal((20, 3)), rng.standard_normal((1, 6)), c0).gates()
    before = np.vstack([c0, gates["c"][:-1]])
    out = analysis.erased(gates["f"], gates["c"], c0[0])
    np.testing.assert_allclose(gates["c"], before - out + gates["i"] * gates["g"], atol=1e-14)


def test_the_largest_erase_is_a_closed_gate_on_a_unit_that_held_something():
    f = np.full((6, 3), 0.9)
    c = np.array([[0.0, 2.0, 0.1], [0.0, 2.0, 0.1], [0.0, 3.0, 0.1], [0.0, 0.6, 0.1], [0.0, 0.6, 0.0],
                  [0.0, 0.6, 0.0]])
    f[0, 0] = 0.0              # closed on an empty memory (step 0): nothing to erase
    f[4, 2] = 0.1              # closed, but the unit held only 0.1
    f[3, 1] = 0.2              # closed on 3.0: drops 2.4
    assert analysis.largest_erase(f, c) == analysis.Erase(step=3, unit=1, f=0.2, before=3.0, dropped=2.4000000000000004)
    assert analysis.largest_erase(f, c, units=[0, 2]) is None           # those units never lost anything real
    assert analysis.largest_erase(f, c, units=[2], held=0.05).step == 4


@pytest.mark.parametrize("labels, expected", [
    ([0, 1, 1, 0, 0, 1, 0], (3, 4, 2, 3)),
    ([1, 1, 1], (3, 0, 1, 0)),
    ([0, 0], (0, 2, 0, 1)),
    ([], (0, 0, 0, 0)),
])
def test_hypothesis_support_counts_steps_and_separate_runs(labels, expected):
    s = analysis.hypothesis_support(np.array(labels, bool))
    assert (s.holds, s.fails, s.runs_holds, s.runs_fails) == expected


def test_a_score_is_evidence_only_from_enough_steps_in_more_than_one_run_of_each():
    many = np.array(([True] * 10 + [False] * 10) * 2)
    assert analysis.hypothesis_support(many).enough
    assert not analysis.hypothesis_support(many[:30]).enough          # the failing steps in one run
    assert not analysis.hypothesis_support(np.array([False] * 10 + [True] * 20 + [False] * 10)).enough  # one block
    assert not analysis.hypothesis_support(np.array([True] * 9 + [False] * 30 + [True])).enough
