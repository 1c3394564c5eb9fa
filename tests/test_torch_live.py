"""Live comparison with PyTorch on random configurations nobody listed (skipped when torch is absent)."""
import io
import json
from pathlib import Path

import numpy as np
import pytest

import lstm_core

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections is not supported with oneDNN")


def random_case(seed):
    """kind, layers, bidirectional, D, H, T, B (0 = unbatched), proj_size, nonlinearity, given states."""
    rng = np.random.default_rng(1000 + seed)
    kind = ["lstm", "gru", "rnn"][seed % 3]
    layers, bidir = int(rng.integers(1, 4)), bool(rng.integers(0, 2))
    D, H, T = int(rng.integers(1, 7)), int(rng.integers(2, 8)), int(rng.integers(1, 13))
    B = int(rng.choice([0, 1, int(rng.integers(2, 6))]))
    proj = int(rng.integers(1, H)) if kind == "lstm" and rng.random() < 0.5 else 0
    nonlin = "relu" if kind == "rnn" and rng.random() < 0.5 else "tanh"
    return kind, layers, bidir, D, H, T, B, proj, nonlin, bool(rng.integers(0, 2))


def case_id(seed):
    kind, layers, bidir, D, H, T, B, proj, nonlin, given = random_case(seed)
    return (f"{kind}-{layers}layer" + ("-bidir" if bidir else "") + (f"-proj{proj}" if proj else "")
            + ("-relu" if nonlin == "relu" else "") + f"-D{D}-H{H}-T{T}-" + (f"B{B}" if B else "unbatched")
            + ("-given-states" if given else ""))


def make_module(kind, layers, bidir, D, H, proj, nonlin, dtype):
    common = {"num_layers": layers, "bidirectional": bidir}
    module = {"lstm": lambda: torch.nn.LSTM(D, H, proj_size=proj, **common),
              "gru": lambda: torch.nn.GRU(D, H, **common),
              "rnn": lambda: torch.nn.RNN(D, H, nonlinearity=nonlin, **common)}[kind]().to(dtype)
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.8, 0.8)
    return module


def numpy_state_dict(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


def relative_error(ours, theirs):
    return float(np.abs(ours - theirs).max() / max(np.abs(theirs).max(), 1e-12))


def compare_with_torch(kind, layers, bidir, D, H, T, B, proj, nonlin, given, dtype):
    """-> (max abs forward error, {name: relative gradient error}) of lstm_core against torch autograd."""
    module = make_module(kind, layers, bidir, D, H, proj, nonlin, dtype)
    net = lstm_core.from_torch(numpy_state_dict(module), nonlinearity=nonlin)
    lead = (B,) if B else ()
    x = torch.randn(T, *lead, D, dtype=dtype, requires_grad=True)
    states = {}
    if given:
        n = layers * (2 if bidir else 1)
        states["h0"] = torch.randn(n, *lead, proj or H, dtype=dtype, requires_grad=True)
        if kind == "lstm":
            states["c0"] = torch.randn(n, *lead, H, dtype=dtype, requires_grad=True)
    if kind == "lstm":
        out, finals = module(x, (states["h0"], states["c0"]) if given else None)
    else:
        out, h_n = module(x, states.get("h0"))
        finals = (h_n,)
    trace = net.run(x.detach().numpy(), *(s.detach().numpy() for s in states.values()))
    ours = [trace.output, trace.h_n] + ([trace.c_n] if kind == "lstm" else [])
    assert [a.shape for a in ours] == [tuple(t.shape) for t in (out, *finals)]
    forward = max(float(np.abs(a - t.detach().numpy()).max()) for a, t in zip(ours, (out, *finals), strict=True))
    upstream = [torch.randn_like(t) for t in (out, *finals)]
    sum((t * u).sum() for t, u in zip((out, *finals), upstream, strict=True)).backward()
    grads = net.backward(trace, *(u.numpy() for u in upstream))
    theirs = {name: p.grad.numpy() for name, p in module.named_parameters()}
    theirs["input"] = x.grad.numpy()
    theirs.update({k: v.grad.numpy() for k, v in states.items()})
    return forward, {name: relative_error(grads[name], t) for name, t in theirs.items()}


@pytest.mark.parametrize("seed", range(15), ids=case_id)
def test_random_configuration_matches_torch_forward_and_every_gradient_in_float64(seed):
    torch.manual_seed(seed)
    forward, grad_errors = compare_with_torch(*random_case(seed), torch.float64)
    assert forward < 1e-10
    worst = max(grad_errors, key=grad_errors.get)
    assert grad_errors[worst] < 1e-8, f"{worst}: relative error {grad_errors[worst]:.2e}"


def test_the_random_configurations_cover_every_kind_and_shape_of_input():
    cases = [random_case(s) for s in range(15)]
    assert {c[0] for c in cases} == {"lstm", "gru", "rnn"}
    assert any(c[2] for c in cases) and any(c[7] for c in cases) and any(c[8] == "relu" for c in cases)
    assert {min(c[6], 2) for c in cases} == {0, 1, 2} and {c[9] for c in cases} == {True, False}


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_float32_matches_torch_to_1e_5_forward_and_1e_4_relative_in_gradients(kind):
    torch.manual_seed(0)
    forward, grad_errors = compare_with_torch(kind, 2, True, 6, 16, 50, 4, 0, "tanh", True, torch.float32)
    assert forward < 1e-5
    assert max(grad_errors.values()) < 1e-4, grad_errors


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_torch_to_keras_and_back_gives_a_network_with_the_same_outputs_as_torch(kind):
    torch.manual_seed(7)
    module = make_module(kind, 2, False, 3, 5, 0, "tanh", torch.float64)
    params = numpy_state_dict(module)
    keras = [lstm_core.torch_to_keras(params, layer) for layer in range(2)]
    H = 5
    assert keras[0][0].shape == (3, (4 if kind == "lstm" else 3) * H)
    assert keras[0][2].shape == ((4 * H,) if kind == "lstm" else (2, 3 * H))
    back = {}
    for layer, (kernel, rk, bias) in enumerate(keras):
        back.update(lstm_core.keras_to_torch(kernel, rk, bias, layer))
    net = lstm_core.from_torch(back)
    x = torch.randn(9, 2, 3, dtype=torch.float64)
    with torch.no_grad():
        out, _ = module(x)
    np.testing.assert_allclose(net.run(x.numpy()).output, out.numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(lstm_core.from_keras(keras).run(x.numpy()).output, out.numpy(), rtol=0, atol=1e-12)


def test_the_committed_reference_is_what_make_reference_produces_with_this_torch():
    from tests import make_reference

    stored = np.load(Path(__file__).parent / "reference" / "torch_reference.npz", allow_pickle=False)
    assert json.loads(str(stored["configs"])) == [make_reference.describe(c) for c in make_reference.CONFIGS]
    torch.manual_seed(make_reference.SEED)
    for k, cfg in enumerate(make_reference.CONFIGS):
        fresh = make_reference.reference(cfg)
        assert {f"cfg{k:02d}/{name}" for name in fresh} == {n for n in stored.files if n.startswith(f"cfg{k:02d}/")}
        for name, value in fresh.items():
            tol = 1e-12 if value.dtype == np.float64 else 1e-5
            np.testing.assert_allclose(stored[f"cfg{k:02d}/{name}"], value, rtol=tol, atol=tol,
                                       err_msg=f"cfg{k:02d}/{name}")


# --------------------------------------------------------------- nn.Embedding + nn.LSTM + nn.Linear (live)

class CharModel(torch.nn.Module):
    """As tools/train_torch.py's CharLSTM (and any user's): embed -> rnn -> head, named as it names them."""

    def __init__(self, vocab_size, embedding, hidden, layers, kind):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab_size, embedding)
        self.rnn = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](embedding, hidden, layers)
        self.head = torch.nn.Linear(hidden, vocab_size)

    def forward(self, ids, state=None):
        """ids (T,), -1 = unknown: the zero vector, as lstm_core feeds it."""
        x = self.embed(ids.clamp(min=0)) * (ids >= 0).unsqueeze(-1).to(self.head.weight.dtype)
        out, state = self.rnn(x, state)
        return self.head(out), state


EMBEDDED = {"lstm-1layer": ("lstm", 1), "lstm-2layer": ("lstm", 2), "gru-2layer": ("gru", 2)}
EMBED_VOCAB = list("abcdefghij")


def embedded_torch_model(kind, layers, dtype=torch.float64):
    torch.manual_seed(11)
    module = CharModel(len(EMBED_VOCAB), 4, 6, layers, kind).to(dtype)
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.9, 0.9)
    return module


@pytest.mark.parametrize("name", EMBEDDED)
def test_a_torch_embedding_lstm_linear_gives_the_same_logits_through_sequence_model_and_safetensors(name):
    from lstm_core.model import SequenceModel, load_sequence_model

    module = embedded_torch_model(*EMBEDDED[name])
    ids = torch.tensor([0, 3, -1, 9, 3, 7, 1, -1, 2])
    with torch.no_grad():
        expected = module(ids)[0].numpy()
    arrays = numpy_state_dict(module)
    assert sorted(arrays)[0] == "embed.weight" and "head.bias" in arrays
    card = {"task": "char_lm", "vocab": EMBED_VOCAB, "input": "embedding"}
    npz = io.BytesIO()
    lstm_core.save_npz(npz, arrays, card)
    loaded = SequenceModel.load(io.BytesIO(npz.getvalue()))
    found = load_sequence_model(lstm_core.save_safetensors(arrays, {"card": json.dumps(card)}), "m.safetensors")
    assert found.names["embedding"] == "embed.weight" and found.names["head.weight"] == "head.weight"
    for model in (loaded, found.model):
        assert model.net.dtype == np.float64
        np.testing.assert_allclose(model.forward(ids.numpy())[1], expected, rtol=0, atol=1e-10)
        text = "".join(EMBED_VOCAB[k] if k >= 0 else "?" for k in ids.tolist())
        np.testing.assert_allclose(model.forward(model.text_inputs(text)[0])[1], expected, rtol=0, atol=1e-10)


@pytest.mark.parametrize("name", EMBEDDED)
@pytest.mark.parametrize("temperature", [0.0, 1.0])
def test_sampling_continues_the_text_as_torch_does_step_by_step(name, temperature):
    """torch carries its own state; the draw follows sample's documented rule: argmax at temperature 0, else
    the first index whose cumulative softmax(logits / temperature) exceeds u, u from default_rng(seed)."""
    from lstm_core.model import SequenceModel

    module = embedded_torch_model(*EMBEDDED[name])
    arrays = numpy_state_dict(module)
    net = lstm_core.from_torch({k: v for k, v in arrays.items() if k.startswith("rnn.")}, prefix="rnn.")
    model = SequenceModel(net, arrays["head.weight"], arrays["head.bias"], {"task": "char_lm", "vocab": EMBED_VOCAB},
                          arrays["embed.weight"])
    rng, chosen = np.random.default_rng(5), []
    with torch.no_grad():
        logits, state = module(torch.tensor([1, 4, 4, 0]))
        for _ in range(40):
            z = logits[-1].numpy()
            if temperature:
                cdf = np.cumsum(np.exp((z - z.max()) / temperature))
                chosen.append(int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right")))
            else:
                chosen.append(int(z.argmax()))
            logits, state = module(torch.tensor([chosen[-1]]), state)
    assert model.sample("beea", 40, temperature=temperature, seed=5) == "".join(EMBED_VOCAB[k] for k in chosen)
    assert temperature == 0 or len(set(chosen)) >= 5


def test_float16_weights_as_train_torch_exports_them_load_to_1e_5_of_torch_on_the_same_values():
    from lstm_core.model import SequenceModel

    module = embedded_torch_model("lstm", 2)
    arrays = {k: v.astype(np.float16) for k, v in numpy_state_dict(module).items()}
    with torch.no_grad():                                  # torch in float64 on the weights as stored
        module.load_state_dict({k: torch.from_numpy(v.astype(np.float64)) for k, v in arrays.items()})
        ids = torch.tensor([2, 5, -1, 8, 0])
        expected = module(ids)[0].numpy()
    npz = io.BytesIO()
    lstm_core.save_npz(npz, arrays, {"task": "char_lm", "vocab": EMBED_VOCAB, "input": "embedding"})
    model = SequenceModel.load(io.BytesIO(npz.getvalue()))
    assert model.net.dtype == np.float32 and model.embed_weight.dtype == np.float32
    np.testing.assert_allclose(model.forward(ids.numpy())[1], expected, rtol=0, atol=1e-5)
# ------------------------------------------------------------------------------ analysis (lstm_core.analysis)

def test_the_committed_analysis_reference_is_what_make_analysis_reference_produces_with_this_torch():
    from tests import make_analysis_reference

    stored = np.load(Path(__file__).parent / "reference" / "analysis_reference.npz", allow_pickle=False)
    fresh = make_analysis_reference.build_all()
    assert set(fresh) == set(stored.files)
    for name, value in fresh.items():
        if value.dtype.kind in "fi":
            np.testing.assert_allclose(stored[name], value, rtol=1e-12, atol=1e-300, err_msg=name)
        elif name != "torch_version":
            assert str(stored[name]) == str(value), name


@pytest.mark.parametrize("seed", range(12), ids=case_id)
def test_connectivity_of_a_random_configuration_equals_autograd(seed):
    from lstm_core import analysis

    kind, layers, bidir, D, H, T, B, proj, nonlin, given = random_case(seed)
    torch.manual_seed(seed)
    module = make_module(kind, layers, bidir, D, H, proj, nonlin, torch.float64)
    net = lstm_core.from_torch(numpy_state_dict(module), nonlinearity=nonlin)
    lead = (B,) if B else ()
    x = torch.randn(T, *lead, D, dtype=torch.float64, requires_grad=True)
    out = module(x)[0]
    t = int(np.random.default_rng(seed).integers(0, T))
    d_output = torch.randn(out.shape[-1], dtype=torch.float64)
    (out[t] * d_output).sum().backward()
    expected = np.linalg.norm(x.grad.numpy(), axis=-1)
    ours = analysis.connectivity(net, x.detach().numpy(), t, d_output.numpy())
    np.testing.assert_allclose(ours, expected, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("kind, proj, nonlin", [("lstm", 0, "tanh"), ("lstm", 3, "tanh"), ("gru", 0, "tanh"),
                                                ("rnn", 0, "tanh"), ("rnn", 0, "relu")])
def test_gradient_reach_equals_autograd_with_a_zero_leaf_added_to_each_hidden_state(kind, proj, nonlin):
    from lstm_core import analysis

    torch.manual_seed(11)
    H, P, T = 6, proj or 6, 25
    module = make_module(kind, 1, False, 3, H, proj, nonlin, torch.float64)
    net = lstm_core.from_torch(numpy_state_dict(module), nonlinearity=nonlin)
    x = torch.randn(T, 3, dtype=torch.float64)
    h = torch.randn(1, P, dtype=torch.float64)
    c = torch.randn(1, H, dtype=torch.float64)
    h0, c0 = h.numpy().copy(), c.numpy().copy()
    leaves = []
    for t in range(T):
        if kind == "lstm":
            _, (h, c) = module(x[t:t + 1], (h, c))
        else:
            _, h = module(x[t:t + 1], h)
        leaves.append(torch.zeros(1, P, dtype=torch.float64, requires_grad=True))
        h = h + leaves[-1]
    h.sum().backward()
    expected = np.array([float(e.grad.norm()) for e in leaves])
    ours = analysis.gradient_reach(net, x.numpy(), h0, c0 if kind == "lstm" else None)
    np.testing.assert_allclose(ours, expected, rtol=1e-10, atol=0)


@pytest.mark.parametrize("seed", [0, 3, 6, 9, 12], ids=case_id)
def test_the_ledger_of_a_random_lstm_sums_to_pytorchs_final_cell_state(seed):
    from lstm_core import analysis

    _, layers, bidir, D, H, T, B, proj, _, _ = random_case(seed)           # seeds 0, 3, ... are LSTMs
    torch.manual_seed(seed)
    module = make_module("lstm", layers, bidir, D, H, proj, "tanh", torch.float64)
    net = lstm_core.from_torch(numpy_state_dict(module))
    lead = (B,) if B else ()
    dirs = 2 if bidir else 1
    x = torch.randn(T, *lead, D, dtype=torch.float64)
    h0 = torch.randn(layers * dirs, *lead, proj or H, dtype=torch.float64)
    c0 = torch.randn(layers * dirs, *lead, H, dtype=torch.float64)
    with torch.no_grad():
        _, (_, c_n) = module(x, (h0, c0))
    trace = net.run(x.numpy(), h0.numpy(), c0.numpy())
    for layer in range(layers):
        for d in range(dirs):
            ledger = analysis.memory_ledger(trace, 0 if d else T - 1, layer, d)
            expected = c_n[layer * dirs + d].numpy()
            assert np.abs(ledger.state - expected).max() <= 1e-12 * np.abs(expected).max()


@pytest.mark.parametrize("seed", range(6))
def test_a_random_cell_saved_as_people_save_it_runs_as_torch_runs_it_step_by_step(seed):
    """nn.LSTMCell / GRUCell / RNNCell (tanh or relu) at random sizes, saved with safetensors' save_file (bytes,
    as an upload), read by /models' loader and run over a sequence with the state carried: torch's numbers."""
    pytest.importorskip("safetensors")
    from safetensors.torch import save

    from lstm_core.model import load_sequence_model
    rng = np.random.default_rng(500 + seed)
    kind = ["lstm", "gru", "rnn"][seed % 3]
    D, H, T = (int(rng.integers(1, 7)) for _ in range(3))
    nonlin = "relu" if kind == "rnn" and seed >= 3 else "tanh"
    cell = {"lstm": lambda: torch.nn.LSTMCell(D, H), "gru": lambda: torch.nn.GRUCell(D, H),
            "rnn": lambda: torch.nn.RNNCell(D, H, nonlinearity=nonlin)}[kind]().double()
    with torch.no_grad():
        for p in cell.parameters():
            p.uniform_(-0.8, 0.8)
    x = torch.randn(T + 1, D, dtype=torch.float64)
    state, outs = None, []
    with torch.no_grad():
        for row in x:
            state = cell(row[None], state)
            outs.append((state[0] if isinstance(state, tuple) else state)[0])
    loaded = load_sequence_model(save(cell.state_dict()), nonlinearity=nonlin)
    assert loaded.names["cell"] == kind.upper()
    np.testing.assert_allclose(loaded.net.run(x.numpy()).output, torch.stack(outs).numpy(), rtol=0, atol=1e-12)


def test_the_committed_torch_files_are_what_make_torch_files_produces_with_this_torch(tmp_path, monkeypatch):
    pytest.importorskip("safetensors")
    import tests.make_torch_files as make
    monkeypatch.setattr(make, "OUT", tmp_path)
    make.main()
    committed = np.load(Path(__file__).parent / "files" / "torch" / "reference.npz")
    fresh = np.load(tmp_path / "reference.npz")
    assert sorted(committed.files) == sorted(fresh.files)
    for name in committed.files:
        np.testing.assert_array_equal(committed[name], fresh[name], err_msg=name)
