import numpy as np, torch
import lstm_core as lc
torch.manual_seed(0)
def check(mod, T=7, B=3, batched=True, init=True):
    mod = mod.double()
    for p in mod.parameters(): torch.nn.init.uniform_(p, -0.5, 0.5)
    sd = {k: v.detach().numpy() for k, v in mod.state_dict().items()}
    net = lc.from_torch(sd, nonlinearity=getattr(mod, "nonlinearity", "tanh"))
    D = mod.input_size; L = mod.num_layers*(2 if mod.bidirectional else 1)
    Hout = mod.proj_size if getattr(mod,"proj_size",0) else mod.hidden_size
    x = torch.randn(T, B, D, dtype=torch.float64, requires_grad=True) if batched else torch.randn(T, D, dtype=torch.float64, requires_grad=True)
    h0 = torch.randn(*( (L,B,Hout) if batched else (L,Hout)), dtype=torch.float64, requires_grad=True)
    isl = isinstance(mod, torch.nn.LSTM)
    if isl:
        c0 = torch.randn(*((L,B,mod.hidden_size) if batched else (L,mod.hidden_size)), dtype=torch.float64, requires_grad=True)
        out, (hn, cn) = mod(x, (h0, c0))
    else:
        out, hn = mod(x, h0)
    tr = net.run(x.detach().numpy(), h0.detach().numpy(), c0.detach().numpy() if isl else None)
    e = [np.abs(tr.output - out.detach().numpy()).max(), np.abs(tr.h_n - hn.detach().numpy()).max()]
    if isl: e.append(np.abs(tr.c_n - cn.detach().numpy()).max())
    go = torch.randn_like(out); gh = torch.randn_like(hn)
    loss = (out*go).sum() + (hn*gh).sum()
    if isl: gc = torch.randn_like(cn); loss = loss + (cn*gc).sum()
    loss.backward()
    g = net.backward(tr, go.numpy(), gh.numpy(), gc.numpy() if isl else None)
    ge = {k: np.abs(g[k] - p.grad.numpy()).max() for k, p in mod.named_parameters()}
    ge["input"] = np.abs(g["input"] - x.grad.numpy()).max(); ge["h0"] = np.abs(g["h0"]-h0.grad.numpy()).max()
    if isl: ge["c0"] = np.abs(g["c0"]-c0.grad.numpy()).max()
    print(type(mod).__name__, max(e), max(ge.values()))
check(torch.nn.LSTM(5, 8))
check(torch.nn.LSTM(5, 8, num_layers=2, bidirectional=True))
check(torch.nn.LSTM(5, 8, num_layers=3, bidirectional=True, proj_size=3))
check(torch.nn.LSTM(5, 8, num_layers=2, proj_size=3), batched=False)
check(torch.nn.GRU(5, 8, num_layers=2, bidirectional=True))
check(torch.nn.GRU(5, 8), batched=False)
check(torch.nn.RNN(5, 8, num_layers=2, bidirectional=True))
check(torch.nn.RNN(5, 8, num_layers=2, nonlinearity="relu"))
