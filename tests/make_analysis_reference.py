"""Regenerate tests/reference/analysis_reference.npz: `python tests/make_analysis_reference.py` (torch 2.13).

PyTorch autograd values the analysis tools (lstm_core/analysis.py) must reproduce, float64 throughout:
- reach: d sum(output[T-1]) / d h_t for every step t of a one-layer network, h_t made an independent variable by
  adding a zero leaf e_t to it before it is passed on (gradient_reach).
- conn: d s / d x for s = sum_j d_output[j] * output[t, j] (connectivity).
- pred: d log p(argmax) / d x at step t through a linear read-out and softmax (prediction_connectivity), one of
  them with an nn.Embedding in front (x = embedding rows of the ids).
Weights are random and non-zero in both bias vectors, as in tests/make_reference.py.
"""
import json
import warnings
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent / "reference" / "analysis_reference.npz"
SEED = 20261123

#               kind    proj nonlin  T   D  H  given initial states
REACH_CONFIGS = [("lstm", 0, "tanh", 30, 3, 5, False),
                 ("lstm", 0, "tanh", 12, 2, 4, True),
                 ("lstm", 2, "tanh", 15, 3, 5, True),
                 ("gru", 0, "tanh", 30, 3, 5, False),
                 ("gru", 0, "tanh", 10, 4, 3, True),
                 ("rnn", 0, "tanh", 30, 3, 5, True),
                 ("rnn", 0, "relu", 20, 3, 6, False),
                 ("lstm", 0, "tanh", 1, 2, 3, True)]
REACH_FIELDS = ("kind", "proj_size", "nonlinearity", "T", "D", "H", "initial_states")

#              kind  layers bidir proj  T  B (0 = unbatched) D  H  given  t
CONN_CONFIGS = [("lstm", 1, False, 0, 12, 0, 3, 5, False, 7),
                ("lstm", 2, False, 0, 10, 3, 4, 5, True, 4),
                ("lstm", 2, True, 0, 9, 0, 3, 4, True, 3),
                ("lstm", 1, True, 2, 8, 2, 3, 4, False, 0),
                ("lstm", 3, False, 0, 6, 0, 2, 3, True, 5),
                ("gru", 2, True, 0, 9, 2, 3, 4, True, 6),
                ("rnn", 1, False, 0, 10, 0, 3, 4, False, 9),
                ("lstm", 1, False, 0, 1, 0, 3, 4, True, 0)]
CONN_FIELDS = ("kind", "layers", "bidirectional", "proj_size", "T", "B", "D", "H", "initial_states", "t")

#              kind  layers bidir  T  D or vocabulary  H  outputs  embedding size (0: the input is x itself)  t
PRED_CONFIGS = [("lstm", 1, False, 14, 6, 5, 6, 0, 9),
                ("lstm", 2, True, 10, 7, 4, 7, 0, 2),
                ("lstm", 1, False, 12, 11, 5, 11, 4, 8),
                ("gru", 1, False, 9, 5, 4, 5, 0, 8)]
PRED_FIELDS = ("kind", "layers", "bidirectional", "T", "V", "H", "O", "E", "t")


def make_module(kind, layers, bidir, D, H, proj=0, nonlin="tanh"):
    common = {"num_layers": layers, "bidirectional": bidir}
    module = {"lstm": lambda: torch.nn.LSTM(D, H, proj_size=proj, **common),
              "gru": lambda: torch.nn.GRU(D, H, **common),
              "rnn": lambda: torch.nn.RNN(D, H, nonlinearity=nonlin, **common)}[kind]().double()
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.6, 0.6)
    assert all(torch.all(p != 0) for p in module.parameters())
    return module


def params_of(module, prefix="param/"):
    return {f"{prefix}{k}": v.detach().numpy() for k, v in module.state_dict().items()}


def initial_states(kind, n, lead, H, P):
    states = {"h0": torch.randn(n, *lead, P, dtype=torch.float64)}
    if kind == "lstm":
        states["c0"] = torch.randn(n, *lead, H, dtype=torch.float64)
    return states


def call(module, kind, x, states):
    if kind == "lstm":
        out, (h, c) = module(x, (states["h0"], states["c0"]) if states else None)
        return out, {"h0": h, "c0": c}
    out, h = module(x, states.get("h0") if states else None)
    return out, {"h0": h}


def reach_reference(cfg):
    kind, proj, nonlin, T, D, H, given = cfg
    module = make_module(kind, 1, False, D, H, proj, nonlin)
    P = proj or H
    x = torch.randn(T, D, dtype=torch.float64)
    states = initial_states(kind, 1, (), H, P) if given else {}
    state = dict(states) if given else {"h0": torch.zeros(1, P, dtype=torch.float64),
                                        **({"c0": torch.zeros(1, H, dtype=torch.float64)} if kind == "lstm" else {})}
    leaves = []
    for t in range(T):                                 # one step at a time, e_t added to the h passed on
        _, state = call(module, kind, x[t:t + 1], state)
        e = torch.zeros(1, P, dtype=torch.float64, requires_grad=True)
        leaves.append(e)
        state["h0"] = state["h0"] + e
    state["h0"].sum().backward()                       # output[T-1] is the last h (with its e)
    grads = torch.cat([e.grad for e in leaves]).numpy()
    arrays = {**params_of(module), "x": x.numpy(), "grad_h": grads, "reach": np.linalg.norm(grads, axis=1)}
    arrays.update({k: v.numpy() for k, v in states.items()})
    return arrays


def conn_reference(cfg):
    kind, layers, bidir, proj, T, B, D, H, given, t = cfg
    module = make_module(kind, layers, bidir, D, H, proj)
    lead = (B,) if B else ()
    dirs = 2 if bidir else 1
    x = torch.randn(T, *lead, D, dtype=torch.float64, requires_grad=True)
    states = initial_states(kind, layers * dirs, lead, H, proj or H) if given else {}
    out, _ = call(module, kind, x, states)
    d_output = torch.randn(out.shape[-1], dtype=torch.float64)
    (out[t] * d_output).sum().backward()
    arrays = {**params_of(module), "x": x.detach().numpy(), "d_output": d_output.numpy(),
              "grad_x": x.grad.numpy(), "norms": np.linalg.norm(x.grad.numpy(), axis=-1)}
    arrays.update({k: v.numpy() for k, v in states.items()})
    return arrays


def pred_reference(cfg):
    kind, layers, bidir, T, V, H, O, E, t = cfg
    module = make_module(kind, layers, bidir, E or V, H)
    head = torch.nn.Linear(H * (2 if bidir else 1), O).double()
    with torch.no_grad():
        for p in head.parameters():
            p.uniform_(-0.8, 0.8)
    arrays = {**params_of(module), "head/weight": head.weight.detach().numpy(), "head/bias": head.bias.detach().numpy()}
    if E:
        embedding = torch.nn.Embedding(V, E).double()
        ids = torch.randint(0, V, (T,))
        x = embedding(ids).detach().requires_grad_(True)
        arrays.update({"embedding": embedding.weight.detach().numpy(), "ids": ids.numpy()})
    else:
        x = torch.randn(T, V, dtype=torch.float64, requires_grad=True)
    out, _ = call(module, kind, x, {})
    logp = torch.log_softmax(head(out[t]), dim=-1)
    predicted = int(torch.argmax(logp))
    logp[predicted].backward()
    arrays.update({"x": x.detach().numpy(), "predicted": np.array(predicted), "grad_x": x.grad.numpy(),
                   "norms": np.linalg.norm(x.grad.numpy(), axis=-1)})
    return arrays


GROUPS = (("reach", REACH_CONFIGS, REACH_FIELDS, reach_reference),
          ("conn", CONN_CONFIGS, CONN_FIELDS, conn_reference),
          ("pred", PRED_CONFIGS, PRED_FIELDS, pred_reference))


def build_all():
    """{stored name: array}; the torch random stream is consumed in GROUPS order, one configuration after another."""
    torch.manual_seed(SEED)
    stored = {}
    for group, configs, fields, make in GROUPS:
        for k, cfg in enumerate(configs):
            stored.update({f"{group}{k:02d}/{name}": value for name, value in make(cfg).items()})
        stored[f"{group}_configs"] = np.array(json.dumps([dict(zip(fields, c, strict=True)) for c in configs]))
    stored["torch_version"] = np.array(torch.__version__)
    return stored


def main():
    warnings.filterwarnings("ignore", message="LSTM with projections is not supported with oneDNN")
    stored = build_all()
    OUT.parent.mkdir(exist_ok=True)
    np.savez_compressed(OUT, **stored)
    print(f"{OUT.name}: {', '.join(f'{len(c)} {g}' for g, c, _, _ in GROUPS)} configurations, "
          f"{OUT.stat().st_size / 1e3:.0f} kB, torch {torch.__version__}")


if __name__ == "__main__":
    main()
