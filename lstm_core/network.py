"""Multi-layer, optionally bidirectional recurrent networks with PyTorch's parameter names and shapes."""
from dataclasses import asdict, dataclass

import numpy as np

from .cells import BACKWARD, FORWARD, Hold, LayerParams
from .numerics import check_finite, check_shape
from .trace import Trace

GATES_PER_KIND = {"lstm": 4, "gru": 3, "rnn": 1}


@dataclass
class NetConfig:
    kind: str = "lstm"            # "lstm", "gru" or "rnn"
    input_size: int = 1
    hidden_size: int = 32
    num_layers: int = 1
    bidirectional: bool = False
    proj_size: int = 0            # LSTM only, as torch.nn.LSTM
    nonlinearity: str = "tanh"    # RNN only: "tanh" or "relu"

    @property
    def directions(self):
        return 2 if self.bidirectional else 1

    @property
    def output_size(self):
        """Size of h (per direction)."""
        return self.proj_size or self.hidden_size

    def layer_input_size(self, layer):
        return self.input_size if layer == 0 else self.output_size * self.directions

    def validate(self):
        if self.kind not in GATES_PER_KIND:
            raise ValueError(f"kind must be one of {sorted(GATES_PER_KIND)}, got {self.kind!r}")
        if self.nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', got {self.nonlinearity!r}")
        if self.proj_size and (self.kind != "lstm" or self.proj_size >= self.hidden_size):
            raise ValueError("proj_size needs kind='lstm' and 0 < proj_size < hidden_size")
        for name in ("input_size", "hidden_size", "num_layers"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        return self

    def to_dict(self):
        return asdict(self)


@dataclass
class Clamp:
    """Switch units off: hold `units` of one layer and direction at `value` from step `from_step` on.

    state: "c" (an LSTM's cell state; its h is then o * tanh(held c)), "h" (the hidden state passed on and
    output; with proj_size, units of the projected h) or "both" (c and h each held at the value). GRU and RNN
    have only "h". value: a number, one number per unit, or "mean": each unit's mean over every step and
    sequence of the same run without clamps (of its c for "c", of its h for "h"). from_step is a step of the
    text; the hold lasts for every step processed from it on: steps from_step..T-1 for the forward direction,
    from_step down to 0 for the reverse one. Held values are what the trace records and what every later step,
    higher layer and output sees."""
    units: tuple
    layer: int = 0
    direction: int = 0
    state: str = "both"
    value: object = 0.0
    from_step: int = 0

    def check(self, cfg, T):
        """ValueError unless this clamp fits a network of configuration cfg run for T steps."""
        for name, value, top in (("layer", self.layer, cfg.num_layers), ("direction", self.direction, cfg.directions),
                                 ("from_step", self.from_step, T)):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 0 <= value < top:
                raise ValueError(f"Clamp {name} must be an integer in 0..{top - 1}, got {value!r}")
        states = ("c", "h", "both") if cfg.kind == "lstm" else ("h",)
        if self.state not in states:
            raise ValueError(f"Clamp state must be one of {states} for a {cfg.kind.upper()}, got {self.state!r}"
                             + ("" if cfg.kind == "lstm" else " (only an LSTM has a cell state c)"))
        units = np.asarray(self.units)
        size = {"c": cfg.hidden_size, "h": cfg.output_size, "both": min(cfg.hidden_size, cfg.output_size)}
        if (units.ndim != 1 or units.size == 0 or not np.issubdtype(units.dtype, np.integer)
                or units.min() < 0 or units.max() >= size[self.state] or np.unique(units).size != units.size):
            raise ValueError(f"Clamp units must be distinct unit numbers in 0..{size[self.state] - 1}, "
                             f"got {self.units!r}")
        if isinstance(self.value, str) and self.value == "mean":
            return
        value = np.asarray(self.value)
        if not (np.issubdtype(value.dtype, np.number) and value.shape in ((), units.shape)):
            raise ValueError(f"Clamp value must be a number, one number per unit ({units.size}) or 'mean', "
                             f"got {self.value!r}")
        check_finite("Clamp value", value)


def param_name(kind, layer, direction):
    return f"{kind}_l{layer}" + ("_reverse" if direction else "")


def param_shapes(cfg):
    """{PyTorch name: shape} for a configuration, in PyTorch's order."""
    G, H, P = GATES_PER_KIND[cfg.kind], cfg.hidden_size, cfg.output_size
    shapes = {}
    for layer in range(cfg.num_layers):
        for d in range(cfg.directions):
            sfx = param_name("", layer, d)[1:]
            shapes[f"weight_ih_{sfx}"] = (G * H, cfg.layer_input_size(layer))
            shapes[f"weight_hh_{sfx}"] = (G * H, P)
            shapes[f"bias_ih_{sfx}"] = (G * H,)
            shapes[f"bias_hh_{sfx}"] = (G * H,)
            if cfg.proj_size:
                shapes[f"weight_hr_{sfx}"] = (P, H)
    return shapes


class RecurrentNet:
    """An LSTM, GRU or RNN stack. `params` maps PyTorch names to arrays; nothing happens here but storing."""

    def __init__(self, config, params):
        self.config = config.validate()
        self.params = params

    @classmethod
    def create(cls, kind="lstm", input_size=1, hidden_size=32, num_layers=1, bidirectional=False,
               proj_size=0, nonlinearity="tanh", seed=0, dtype="float32"):
        """PyTorch's default initialisation: every parameter ~ U(-1/sqrt(H), 1/sqrt(H))."""
        cfg = NetConfig(kind, input_size, hidden_size, num_layers, bidirectional, proj_size,
                        nonlinearity).validate()
        rng = np.random.default_rng(seed)
        bound = 1 / np.sqrt(hidden_size)
        params = {name: rng.uniform(-bound, bound, shape).astype(dtype)
                  for name, shape in param_shapes(cfg).items()}
        return cls(cfg, params)

    @property
    def dtype(self):
        return next(iter(self.params.values())).dtype

    def state_dict(self):
        """Parameters in PyTorch's layout and order (copies)."""
        return {name: self.params[name].copy() for name in param_shapes(self.config)}

    def layer_params(self, layer, direction):
        sfx = param_name("", layer, direction)[1:]
        return LayerParams(*(self.params.get(f"{w}_{sfx}") for w in
                             ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")))

    # ------------------------------------------------------------------------------------- forward
    def run(self, x, h0=None, c0=None, record=True, clamp=None):
        """x: (T, D) or (T, B, D) -> Trace. With record=False only outputs and final states are kept.
        clamp: a Clamp or a list of them, holding chosen units at chosen values (see Clamp); None or [] runs
        the network as it is."""
        cfg = self.config
        x, batched = self._check_input(x)
        T, B, _ = x.shape
        L, dirs, P, H = cfg.num_layers, cfg.directions, cfg.output_size, cfg.hidden_size
        h0 = self._initial_state("h0", h0, (L * dirs, B, P), batched)
        c0 = self._initial_state("c0", c0, (L * dirs, B, H), batched) if cfg.kind == "lstm" else None
        clamps = self._check_clamps(clamp, T)
        holds = self._holds(clamps, x, h0, c0) if clamps else {}
        forward = FORWARD[cfg.kind]
        extra = {"nonlinearity": cfg.nonlinearity} if cfg.kind == "rnn" else {}
        records, inp = [], x
        for layer in range(L):
            outs = []
            for d in range(dirs):
                k = layer * dirs + d
                held = {"hold": holds[k]} if k in holds else {}
                rec = forward(inp[::-1] if d else inp, self.layer_params(layer, d), h0[k],
                              None if c0 is None else c0[k], record=record, **extra, **held)
                records.append(rec)
                outs.append(rec.h[::-1] if d else rec.h)
            inp = np.concatenate(outs, axis=-1) if dirs == 2 else outs[0]
        h_n = np.stack([rec.h[-1] for rec in records])
        c_n = np.stack([rec.c_last for rec in records]) if cfg.kind == "lstm" else None
        return Trace(cfg, records, inp, h_n, c_n, batched, clamps=tuple(clamps))

    # --------------------------------------------------------------------------------------- clamps
    def _check_clamps(self, clamp, T):
        clamps = [] if clamp is None else [clamp] if isinstance(clamp, Clamp) else list(clamp)
        for c in clamps:
            if not isinstance(c, Clamp):
                raise ValueError(f"clamp must be a Clamp or a list of Clamps, got {type(c).__name__}")
            c.check(self.config, T)
        return clamps

    def _holds(self, clamps, x, h0, c0):
        """{layer * directions + direction: Hold} in each forward loop's layout and processing order."""
        cfg = self.config
        T, B = x.shape[:2]
        means = any(isinstance(c.value, str) for c in clamps)
        plain = self.run(x, h0, c0) if means else None                     # x, h0, c0 are batched here
        holds = {}
        for c in clamps:
            k = c.layer * cfg.directions + c.direction
            start = T - 1 - c.from_step if c.direction else c.from_step
            units = np.asarray(c.units)
            hold = holds.setdefault(k, Hold())
            for state in ("c", "h") if c.state == "both" else (c.state,):
                if isinstance(c.value, str):                                # "mean" over every step and sequence
                    a = plain.records[k].c if state == "c" else plain.records[k].h
                    value = a[..., units].reshape(-1, units.size).mean(axis=0)
                else:
                    value = np.broadcast_to(np.asarray(c.value, dtype=self.dtype), units.shape)
                value = value.astype(self.dtype)
                if cfg.kind == "lstm":                                      # the LSTM loop is units first: (units, B)
                    fix = (start, units, np.repeat(value[:, None], B, axis=1))
                else:                                                       # GRU and RNN: (B, units)
                    fix = (start, (slice(None), units), np.repeat(value[None], B, axis=0))
                (hold.cell_fixes if state == "c" else hold.hidden_fixes).append(fix)
        return holds

    def _check_input(self, x):
        x = np.asarray(x)
        if x.ndim not in (2, 3):
            raise ValueError(f"x has shape {x.shape}, expected (T, {self.config.input_size}) or "
                             f"(T, B, {self.config.input_size})")
        if not np.issubdtype(x.dtype, np.number) or np.iscomplexobj(x):
            raise ValueError(f"x must hold real numbers, got dtype {x.dtype}")
        batched = x.ndim == 3
        xb = x if batched else x[:, None, :]
        check_shape("x", x, ("T", "B", self.config.input_size) if batched else ("T", self.config.input_size))
        if xb.shape[0] < 1 or xb.shape[1] < 1:
            raise ValueError(f"x has shape {x.shape}: it needs at least one step and one sequence")
        check_finite("x", xb)
        return np.ascontiguousarray(xb, dtype=self.dtype), batched

    def _initial_state(self, name, given, shape, batched):
        if given is None:
            return np.zeros(shape, self.dtype)
        given = np.asarray(given)
        check_shape(name, given, shape if batched else (shape[0], shape[2]))
        check_finite(name, given)
        return np.ascontiguousarray(given if batched else given[:, None, :], dtype=self.dtype)

    # ------------------------------------------------------------------------------------ backward
    def backward(self, trace, d_output, d_h_n=None, d_c_n=None):
        """Backpropagation through time. d_output has the shape of trace.output; d_h_n and d_c_n the
        shapes of the final states. Returns gradients under PyTorch's parameter names, plus 'input'
        (dL/dx, the shape of x) and 'h0' (and 'c0' for LSTM), the shapes of the initial states."""
        if not trace.recorded:
            raise ValueError("backward needs a trace made with record=True")
        if trace.clamps:
            raise ValueError("backward does not take a run with clamped units (a held unit's gradient path is cut); "
                             "run again without clamp=")
        cfg = self.config
        L, dirs, P = cfg.num_layers, cfg.directions, cfg.output_size
        dy = self._as_batched("d_output", d_output, trace.output.shape, trace.batched)
        d_h_n = self._grad_or_zeros("d_h_n", d_h_n, trace.h_n.shape, trace.batched)
        d_c_n = (self._grad_or_zeros("d_c_n", d_c_n, trace.c_n.shape, trace.batched)
                 if cfg.kind == "lstm" else None)
        backward = BACKWARD[cfg.kind]
        grads, dh0, dc0 = {}, [None] * L * dirs, [None] * L * dirs
        for layer in reversed(range(L)):
            dx_layer = None
            for d in range(dirs):
                k = layer * dirs + d
                rec = trace.records[k]
                dy_d = dy[..., d * P:(d + 1) * P]
                g, dx, dh0[k], dc0[k] = backward(rec, self.layer_params(layer, d),
                                                 dy_d[::-1] if d else dy_d, d_h_n[k],
                                                 None if d_c_n is None else d_c_n[k])
                sfx = param_name("", layer, d)[1:]
                grads.update({f"{name}_{sfx}": value for name, value in g.items()})
                dx = dx[::-1] if d else dx
                dx_layer = dx if dx_layer is None else dx_layer + dx
            dy = dx_layer
        squeeze = (lambda a: a) if trace.batched else (lambda a: a[:, 0])
        ordered = {name: grads[name] for name in param_shapes(cfg)}
        ordered["input"] = squeeze(np.ascontiguousarray(dy))
        ordered["h0"] = squeeze(np.stack(dh0))
        if cfg.kind == "lstm":
            ordered["c0"] = squeeze(np.stack(dc0))
        return ordered

    def _as_batched(self, name, value, shape, batched):
        value = np.asarray(value, dtype=self.dtype)
        check_shape(name, value, shape)
        check_finite(name, value)
        return value if batched else value[:, None, :]

    def _grad_or_zeros(self, name, value, shape, batched):
        if value is None:
            return np.zeros(shape if batched else (shape[0], 1, shape[1]), self.dtype)
        return self._as_batched(name, value, shape, batched)
