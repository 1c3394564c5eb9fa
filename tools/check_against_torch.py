"""Quick exactness check while changing the engine: `python tools/check_against_torch.py` (needs torch).

Prints, per configuration, the largest forward and gradient differences from PyTorch in float64.
The full, committed checks are tests/test_torch_reference.py and tests/test_gradcheck.py.
"""
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import lstm_core  # noqa: E402


def max_errors(module, T=7, B=3, batched=True):
    module = module.double()
    for p in module.parameters():
        torch.nn.init.uniform_(p, -0.5, 0.5)
    net = lstm_core.from_torch({k: v.detach().numpy() for k, v in module.state_dict().items()},
                               nonlinearity=getattr(module, "nonlinearity", "tanh"))
    is_lstm = isinstance(module, torch.nn.LSTM)
    L = module.num_layers * (2 if module.bidirectional else 1)
    h_size = getattr(module, "proj_size", 0) or module.hidden_size
    lead = (B,) if batched else ()
    x = torch.randn(T, *lead, module.input_size, dtype=torch.float64, requires_grad=True)
    h0 = torch.randn(L, *lead, h_size, dtype=torch.float64, requires_grad=True)
    c0 = torch.randn(L, *lead, module.hidden_size, dtype=torch.float64, requires_grad=True) if is_lstm else None
    out, state = module(x, (h0, c0) if is_lstm else h0)
    states = state if is_lstm else (state,)
    trace = net.run(x.detach().numpy(), h0.detach().numpy(), None if c0 is None else c0.detach().numpy())
    ours = (trace.output, trace.h_n) + ((trace.c_n,) if is_lstm else ())
    forward = max(np.abs(a - b.detach().numpy()).max() for a, b in zip(ours, (out, *states), strict=True))
    upstream = [torch.randn_like(t) for t in (out, *states)]
    sum((t * u).sum() for t, u in zip((out, *states), upstream, strict=True)).backward()
    grads = net.backward(trace, *(u.numpy() for u in upstream))
    theirs = {k: p.grad.numpy() for k, p in module.named_parameters()}
    theirs.update({"input": x.grad.numpy(), "h0": h0.grad.numpy()})
    if is_lstm:
        theirs["c0"] = c0.grad.numpy()
    return forward, max(np.abs(grads[k] - v).max() for k, v in theirs.items())


CASES = [
    (lambda: torch.nn.LSTM(5, 8), True),
    (lambda: torch.nn.LSTM(5, 8, num_layers=2, bidirectional=True), True),
    (lambda: torch.nn.LSTM(5, 8, num_layers=3, bidirectional=True, proj_size=3), True),
    (lambda: torch.nn.LSTM(5, 8, num_layers=2, proj_size=3), False),
    (lambda: torch.nn.GRU(5, 8, num_layers=2, bidirectional=True), True),
    (lambda: torch.nn.GRU(5, 8), False),
    (lambda: torch.nn.RNN(5, 8, num_layers=2, bidirectional=True), True),
    (lambda: torch.nn.RNN(5, 8, num_layers=2, nonlinearity="relu"), True),
]

if __name__ == "__main__":
    torch.manual_seed(0)
    for make, batched in CASES:
        module = make()
        fwd, grad = max_errors(module, batched=batched)
        print(f"{module!s:70} batched={batched!s:5}  forward {fwd:.1e}  gradients {grad:.1e}")
