"""Live comparison with PyTorch on random configurations nobody listed (skipped when torch is absent)."""
import numpy as np
import pytest

import lstm_core

torch = pytest.importorskip("torch")


def random_case(seed):
    rng = np.random.default_rng(seed)
    kind = ["lstm", "gru", "rnn"][seed % 3]
    layers, bidir = int(rng.integers(1, 4)), bool(rng.integers(0, 2))
    D, H, T, B = (int(v) for v in rng.integers(1, 9, 4))
    H = max(H, 2)
    proj = int(rng.integers(0, H)) if kind == "lstm" and rng.random() < 0.4 else 0
    nonlin = "relu" if kind == "rnn" and rng.random() < 0.5 else "tanh"
    return kind, layers, bidir, D, H, T, B, proj, nonlin


def make_module(kind, layers, bidir, D, H, proj, nonlin, dtype):
    common = {"num_layers": layers, "bidirectional": bidir}
    module = {"lstm": lambda: torch.nn.LSTM(D, H, proj_size=proj, **common),
              "gru": lambda: torch.nn.GRU(D, H, **common),
              "rnn": lambda: torch.nn.RNN(D, H, nonlinearity=nonlin, **common)}[kind]().to(dtype)
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.8, 0.8)
    return module


@pytest.mark.parametrize("seed", range(15))
def test_random_configuration_matches_torch_forward_and_backward(seed):
    kind, layers, bidir, D, H, T, B, proj, nonlin = random_case(seed)
    torch.manual_seed(seed)
    module = make_module(kind, layers, bidir, D, H, proj, nonlin, torch.float64)
    net = lstm_core.from_torch({k: v.numpy() for k, v in module.state_dict().items()}, nonlinearity=nonlin)
    x = torch.randn(T, B, D, dtype=torch.float64, requires_grad=True)
    out, state = module(x)
    finals = state if kind == "lstm" else (state,)
    trace = net.run(x.detach().numpy())
    ours = [trace.output, trace.h_n] + ([trace.c_n] if kind == "lstm" else [])
    for a, b in zip(ours, [out, *finals], strict=True):
        np.testing.assert_allclose(a, b.detach().numpy(), rtol=0, atol=1e-10)
    upstream = [torch.randn_like(t) for t in (out, *finals)]
    sum((t * u).sum() for t, u in zip((out, *finals), upstream, strict=True)).backward()
    grads = net.backward(trace, *(u.numpy() for u in upstream))
    for name, p in module.named_parameters():
        np.testing.assert_allclose(grads[name], p.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)
    np.testing.assert_allclose(grads["input"], x.grad.numpy(), rtol=1e-8, atol=1e-10)


def test_float32_matches_torch_to_1e_5():
    torch.manual_seed(0)
    module = make_module("lstm", 2, True, 6, 16, 0, "tanh", torch.float32)
    net = lstm_core.from_torch({k: v.numpy() for k, v in module.state_dict().items()})
    x = torch.randn(50, 4, 6)
    with torch.no_grad():
        out, (h_n, c_n) = module(x)
    trace = net.run(x.numpy())
    assert trace.output.dtype == np.float32
    np.testing.assert_allclose(trace.output, out.numpy(), atol=1e-5)
    np.testing.assert_allclose(trace.c_n, c_n.numpy(), atol=1e-5)
