"""A recurrent stack with a linear read-out: what the bundled character and series models are.

Parameters are named as a PyTorch module `rnn = nn.LSTM(...); head = nn.Linear(...)` would name them:
`rnn.weight_ih_l0`, ..., `head.weight`, `head.bias`.
"""
import numpy as np

from .network import RecurrentNet
from .numerics import check_finite
from .weights_io import from_torch, load_npz, save_npz

TASKS = ("char_lm", "forecast", "classify")


class CharVocab:
    """Characters <-> one-hot inputs. A character outside the vocabulary becomes the all-zero input
    vector (the network sees 'nothing known' there) and is reported, never silently replaced."""

    def __init__(self, chars):
        self.chars = list(chars)
        self.index = {ch: k for k, ch in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    def __len__(self):
        return len(self.chars)

    def encode(self, text):
        """-> ids (T,) with -1 for unknown characters."""
        return np.array([self.index.get(ch, -1) for ch in text], dtype=np.int64)

    def one_hot(self, ids, dtype=np.float32):
        x = np.zeros((len(ids), len(self.chars)), dtype)
        known = ids >= 0
        x[np.flatnonzero(known), ids[known]] = 1
        return x


class SeriesScaling:
    """How a series becomes model inputs and how outputs become forecasts.

    The model reads x_t = (u_t - mean) / std and predicts x_{t+1}, where u is the series itself, its log
    (`log`, for growth that multiplies) and/or its step-to-step change (`differences`, for trends that leave
    the range seen in training). Forecasts are returned in the series' own units."""

    def __init__(self, mean, std, log=False, differences=False):
        self.mean, self.std = float(mean), float(std) if std > 0 else 1.0
        self.log, self.differences = bool(log), bool(differences)

    @classmethod
    def fit(cls, values, log=False, differences=False):
        u = cls(0.0, 1.0, log, differences)._units(values)
        return cls(u.mean(), u.std(), log, differences)

    def to_dict(self):
        return {"mean": self.mean, "std": self.std, "log": self.log, "differences": self.differences}

    def _levels(self, values):
        values = np.asarray(values, dtype=np.float64)
        if self.log and np.any(values <= 0):
            raise ValueError("this model works on the logarithm of the series, so every value must be positive")
        return np.log(values) if self.log else values

    def _units(self, values):
        levels = self._levels(values)
        if not self.differences:
            return levels
        d = np.diff(levels)
        return np.concatenate([[d.mean() if d.size else 0.0], d])   # the first change is unknown: use the mean

    def scale(self, values):
        """Model inputs (T,)."""
        return (self._units(values) - self.mean) / self.std

    def forecasts(self, values, outputs):
        """Next-value forecasts (T,) in the series' units from the model's outputs (T,)."""
        step = np.asarray(outputs, dtype=np.float64) * self.std + self.mean
        nxt = self._levels(values) + step if self.differences else step
        return np.exp(nxt) if self.log else nxt


class SequenceModel:
    """net: RecurrentNet; head_weight (O, directions * H_out), head_bias (O,); card: dict with at least
    'task' and, by task, 'vocab' (list of characters) or 'scaling' ({'mean', 'std'})."""

    def __init__(self, net, head_weight, head_bias, card):
        self.net, self.head_weight, self.head_bias, self.card = net, head_weight, head_bias, card

    @classmethod
    def create(cls, task, input_size, output_size, seed=0, dtype="float32", card=None, **net_kwargs):
        net = RecurrentNet.create(input_size=input_size, seed=seed, dtype=dtype, **net_kwargs)
        rng = np.random.default_rng(seed + 1)
        features = net.config.output_size * net.config.directions
        bound = 1 / np.sqrt(features)
        w = rng.uniform(-bound, bound, (output_size, features)).astype(dtype)
        b = np.zeros(output_size, dtype)
        return cls(net, w, b, {"task": task, "seed": seed, **(card or {})})

    # --------------------------------------------------------------------------------- parameters
    def parameters(self):
        """All trainable arrays by name (the live arrays, so optimisers update them in place)."""
        params = {f"rnn.{k}": v for k, v in self.net.params.items()}
        params["head.weight"], params["head.bias"] = self.head_weight, self.head_bias
        return params

    @property
    def task(self):
        return self.card["task"]

    @property
    def vocab(self):
        return CharVocab(self.card["vocab"]) if "vocab" in self.card else None

    @property
    def scaling(self):
        s = self.card.get("scaling")
        return SeriesScaling(**s) if s else None

    # ------------------------------------------------------------------------------------ compute
    def forward(self, x, h0=None, c0=None, record=True):
        """x (T, D) or (T, B, D) -> (trace, head outputs (T, [B,] O))."""
        trace = self.net.run(x, h0, c0, record=record)
        return trace, trace.output @ self.head_weight.T + self.head_bias

    def forward_chunked(self, x, h0=None, c0=None, chunk=2000):
        """Head outputs for a long input without recording, chunk by chunk with the state carried, so
        memory stays bounded. -> (outputs, h_n, c_n)."""
        outs, state = [], (h0, c0)
        for start in range(0, x.shape[0], chunk):
            trace, out = self.forward(x[start:start + chunk], *state, record=False)
            outs.append(out)
            state = (trace.h_n, trace.c_n)
        return np.concatenate(outs), *state

    def backward(self, trace, d_out):
        """d_out: gradient on the head outputs -> gradients under parameters()' names (+ 'rnn.input')."""
        feats = trace.output
        f2, d2 = feats.reshape(-1, feats.shape[-1]), d_out.reshape(-1, d_out.shape[-1])
        grads = {f"rnn.{k}": v for k, v in self.net.backward(trace, d_out @ self.head_weight).items()}
        grads["head.weight"] = d2.T @ f2
        grads["head.bias"] = d2.sum(axis=0)
        return grads

    # ---------------------------------------------------------------------------------- text / series
    def text_inputs(self, text):
        """-> (x (T, V), ids (T,) with -1 where a character is unknown)."""
        ids = self.vocab.encode(text)
        return self.vocab.one_hot(ids, self.net.dtype), ids

    def run_text(self, text, record=True):
        """-> (trace, next-character probabilities (T, V), ids)."""
        if not text:
            raise ValueError("the text is empty: type at least one character")
        x, ids = self.text_inputs(text)
        trace, logits = self.forward(x, record=record)
        return trace, softmax(logits), ids

    def run_series(self, values, record=True):
        """-> (trace, one-step-ahead predictions in the series' units (T,)): prediction[t] is for t+1."""
        values = np.asarray(values, dtype=np.float64)
        if values.ndim != 1 or values.size < 1:
            raise ValueError(f"values must be a non-empty 1-D series, got shape {values.shape}")
        check_finite("the series", values)
        x = self.scaling.scale(values)[:, None].astype(self.net.dtype)
        if not record:
            out, _, _ = self.forward_chunked(x)
            return None, self.scaling.forecasts(values, out[:, 0])
        trace, out = self.forward(x, record=record)
        return trace, self.scaling.forecasts(values, out[:, 0])

    def series_window(self, values, start, length):
        """Record only steps start..start+length of a long series; the steps before it are run without
        recording to bring the state there. -> (trace of the window, forecasts for the window's steps)."""
        values = np.asarray(values, dtype=np.float64)
        check_finite("the series", values)
        start = int(np.clip(start, 0, max(len(values) - 1, 0)))
        stop = min(start + int(length), len(values))
        x = self.scaling.scale(values[:stop])[:, None].astype(self.net.dtype)
        h0 = c0 = None
        if start:
            _, h0, c0 = self.forward_chunked(x[:start])
        trace, out = self.forward(x[start:], h0, c0)
        return trace, self.scaling.forecasts(values[start:stop], out[:, 0])

    # ------------------------------------------------------------------------------------- files
    def save(self, file):
        card = dict(self.card)
        card["architecture"] = self.net.config.to_dict()
        save_npz(file, self.parameters(), card)

    @classmethod
    def load(cls, file):
        arrays, card = load_npz(file)
        if "task" not in card or card["task"] not in TASKS:
            raise ValueError(f"the model card must name a task, one of {TASKS}")
        for name in ("head.weight", "head.bias"):
            if name not in arrays:
                raise ValueError(f"the file has no {name!r} array")
        arch = card.get("architecture", {})
        net = from_torch({k: v for k, v in arrays.items() if k.startswith("rnn.")},
                         nonlinearity=arch.get("nonlinearity", "tanh"), prefix="rnn.")
        w, b = (np.ascontiguousarray(arrays[n], dtype=net.dtype) for n in ("head.weight", "head.bias"))
        features = net.config.output_size * net.config.directions
        if w.ndim != 2 or w.shape[1] != features or b.shape != (w.shape[0],):
            raise ValueError(f"head.weight {w.shape} / head.bias {b.shape} do not fit {features} features")
        check_finite("head.weight", w)
        return cls(net, w, b, card)


def softmax(logits):
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
