"""Regenerate tests/reference/torch_reference.npz: `pip install torch==2.13.0 && python tests/make_reference.py`.

For each configuration: random non-zero weights in both bias vectors, an input, optional initial states,
PyTorch's output and final states, and PyTorch autograd's gradients of sum(output * g_out) + sum(h_n * g_h)
(+ sum(c_n * g_c)) with random g's. The tests compare lstm_core against these values without needing torch.
"""
import json
import warnings
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent / "reference" / "torch_reference.npz"

#        kind   layers bidir proj nonlin   T     B (0 = unbatched) D  H  dtype      given initial states
CONFIGS = [
    ("lstm", 1, False, 0, "tanh", 5, 0, 3, 4, "float64", False),
    ("lstm", 1, False, 0, "tanh", 1, 1, 3, 4, "float64", True),
    ("lstm", 1, False, 0, "tanh", 6, 4, 5, 7, "float64", True),
    ("lstm", 2, False, 0, "tanh", 8, 3, 4, 6, "float64", False),
    ("lstm", 3, False, 0, "tanh", 5, 2, 3, 5, "float64", True),
    ("lstm", 1, True, 0, "tanh", 7, 0, 4, 5, "float64", True),
    ("lstm", 2, True, 0, "tanh", 6, 3, 4, 5, "float64", True),
    ("lstm", 3, True, 0, "tanh", 4, 2, 3, 4, "float64", False),
    ("lstm", 1, False, 3, "tanh", 6, 2, 4, 6, "float64", True),
    ("lstm", 2, True, 2, "tanh", 5, 0, 3, 5, "float64", True),
    ("lstm", 1, False, 0, "tanh", 2000, 1, 2, 3, "float64", False),
    ("lstm", 2, False, 0, "tanh", 9, 5, 6, 8, "float32", True),
    ("lstm", 1, True, 2, "tanh", 7, 3, 4, 5, "float32", False),
    ("gru", 1, False, 0, "tanh", 6, 0, 3, 4, "float64", False),
    ("gru", 1, False, 0, "tanh", 1, 3, 3, 4, "float64", True),
    ("gru", 2, True, 0, "tanh", 7, 3, 4, 5, "float64", True),
    ("gru", 3, False, 0, "tanh", 5, 2, 3, 4, "float64", True),
    ("gru", 1, False, 0, "tanh", 2000, 1, 2, 3, "float64", True),
    ("gru", 2, False, 0, "tanh", 8, 4, 5, 6, "float32", False),
    ("rnn", 1, False, 0, "tanh", 6, 0, 3, 4, "float64", True),
    ("rnn", 2, True, 0, "tanh", 7, 3, 4, 5, "float64", False),
    ("rnn", 1, False, 0, "relu", 8, 2, 3, 6, "float64", True),
    ("rnn", 3, True, 0, "relu", 5, 3, 3, 4, "float64", True),
    ("rnn", 1, False, 0, "tanh", 2000, 2, 2, 3, "float64", False),
    ("rnn", 2, False, 0, "tanh", 6, 3, 4, 5, "float32", True),
    # appended later; the torch random stream is consumed in order, so the ones above did not change
    ("lstm", 3, True, 3, "tanh", 4, 2, 3, 5, "float64", True),
    ("lstm", 1, False, 2, "tanh", 1, 0, 3, 4, "float64", True),
    ("lstm", 1, False, 0, "tanh", 3, 1, 1, 1, "float64", True),
    ("gru", 2, True, 0, "tanh", 5, 0, 3, 4, "float64", True),
    ("gru", 1, True, 0, "tanh", 6, 2, 3, 4, "float32", True),
    ("rnn", 2, True, 0, "relu", 6, 0, 3, 4, "float64", True),
    ("rnn", 1, False, 0, "relu", 1, 1, 2, 3, "float32", False),
]
FIELDS = ("kind", "layers", "bidirectional", "proj_size", "nonlinearity", "T", "B", "D", "H", "dtype",
          "initial_states")
SEED = 20261122


def build(cfg):
    kind, layers, bidir, proj, nonlin, T, B, D, H, dtype, given = cfg
    common = {"num_layers": layers, "bidirectional": bidir}
    module = {"lstm": lambda: torch.nn.LSTM(D, H, proj_size=proj, **common),
              "gru": lambda: torch.nn.GRU(D, H, **common),
              "rnn": lambda: torch.nn.RNN(D, H, nonlinearity=nonlin, **common)}[kind]()
    module = module.to(getattr(torch, dtype))
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.6, 0.6)                              # both bias vectors random and non-zero
    assert all(torch.all(p != 0) for p in module.parameters())
    return module


def reference(cfg):
    kind, layers, bidir, proj, _, T, B, D, H, dtype, given = cfg
    module = build(cfg)
    tdtype = getattr(torch, dtype)
    lead = (B,) if B else ()
    n_states = layers * (2 if bidir else 1)
    x = torch.randn(T, *lead, D, dtype=tdtype, requires_grad=True)
    states = {}
    if given:
        states["h0"] = torch.randn(n_states, *lead, proj or H, dtype=tdtype, requires_grad=True)
        if kind == "lstm":
            states["c0"] = torch.randn(n_states, *lead, H, dtype=tdtype, requires_grad=True)
    if kind == "lstm":
        out, (h_n, c_n) = module(x, (states["h0"], states["c0"]) if given else None)
        finals = {"h_n": h_n, "c_n": c_n}
    else:
        out, h_n = module(x, states.get("h0"))
        finals = {"h_n": h_n}
    upstream = {"out": torch.randn_like(out), **{k: torch.randn_like(v) for k, v in finals.items()}}
    loss = (out * upstream["out"]).sum() + sum((v * upstream[k]).sum() for k, v in finals.items())
    loss.backward()
    arrays = {f"param/{k}": v.detach().numpy() for k, v in module.state_dict().items()}
    arrays.update({"x": x.detach().numpy(), "out": out.detach().numpy()})
    arrays.update({k: v.detach().numpy() for k, v in {**states, **finals}.items()})
    arrays.update({f"upstream/{k}": v.numpy() for k, v in upstream.items()})
    arrays.update({f"grad/{k}": p.grad.numpy() for k, p in module.named_parameters()})
    arrays["grad/input"] = x.grad.numpy()
    arrays.update({f"grad/{k}": v.grad.numpy() for k, v in states.items()})
    return arrays


def describe(cfg):
    described = dict(zip(FIELDS, cfg, strict=True))
    described["batch"] = "unbatched" if cfg[6] == 0 else cfg[6]     # B = 0 stands for a (T, D) input
    return described


def main():
    warnings.filterwarnings("ignore", message="LSTM with projections is not supported with oneDNN")
    torch.manual_seed(SEED)
    stored = {}
    for k, cfg in enumerate(CONFIGS):
        for name, value in reference(cfg).items():
            stored[f"cfg{k:02d}/{name}"] = value
    stored["configs"] = np.array(json.dumps([describe(cfg) for cfg in CONFIGS]))
    stored["torch_version"] = np.array(torch.__version__)
    OUT.parent.mkdir(exist_ok=True)
    np.savez_compressed(OUT, **stored)
    print(f"{OUT.name}: {len(CONFIGS)} configurations, {OUT.stat().st_size / 1e6:.2f} MB, torch {torch.__version__}")


if __name__ == "__main__":
    main()
