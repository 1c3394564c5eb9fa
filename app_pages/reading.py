"""A Reading: the run being explored. The model, its input, the Trace kept whole (every step's pre-activations,
gates, states of every layer and direction), and how to describe a step and the input at it. Made one way per kind
of input: read_text (a bundled character model on a text), read_series (a forecaster on a window of its series),
read_weights (uploaded weights on text, a random sequence or a CSV).

The step-through view (app_pages/stepper.py), the why-tools (app_pages/why.py) and the downloads all read the same
Reading: nothing runs the network a second time. Readings are cached per view (common.per_view) and shared, never
modified.
"""
import html
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from app_pages.common import T
from lstm_core.card import ModelCard
from viz import figures, panels


@dataclass(eq=False)
class Reading:
    """key names the model and the input (caches); kind is "text", "series" or "weights". trace: the run, kept
    whole (x and the initial state are read from it). tokens: a display-safe label per step. card: the model's.
    Text: text is what the model read (a converted script), shown what the user typed (labels), chars/probs/ids
    the vocabulary, next-token probabilities (a character model with a read-out) and token ids (-1 unknown), words
    the tokens of a word vocabulary. Series: values (the window's, and the one after when there is one),
    forecasts (the window's), scaling, start (the window's first step in the whole series). head: the read-out
    (weight, bias) or None. embedding_size: the embedding's width (0: one-hot inputs). shared: every session sees
    this reading (a bundled model on its bundled input), so its figures are cached once per server."""
    key: tuple
    kind: str
    net: object
    trace: object
    tokens: list
    card: ModelCard = field(default_factory=ModelCard)
    shared: bool = False
    name: str = ""
    head: tuple | None = None
    text: str | None = None
    shown: str | None = None
    chars: list | None = None
    probs: np.ndarray | None = None
    ids: np.ndarray | None = None
    words: list | None = None
    word_unknown: frozenset = frozenset()
    embedding_size: int = 0
    values: np.ndarray | None = None
    forecasts: np.ndarray | None = None
    scaling: object = None
    start: int = 0

    @property
    def is_text(self):
        return self.text is not None

    @property
    def steps(self):
        return self.trace.steps

    @property
    def x(self):
        """(T, D): the inputs as the network read them."""
        return self.trace.input

    @cached_property
    def gates(self):
        """{(layer, direction): {name: (T, units) float32}}: what the figures draw."""
        cfg = self.net.config
        return {(layer, d): {k: np.asarray(v, np.float32) for k, v in self.trace.gates(layer, d).items()}
                for layer in range(cfg.num_layers) for d in range(cfg.directions)}

    def initial(self):
        """(h0, c0) the run started from, in the shapes RecurrentNet.run takes (c0 None without a cell)."""
        cfg = self.net.config
        starts = [self.trace.initial_state(layer, d) for layer in range(cfg.num_layers) for d in range(cfg.directions)]
        h0 = np.stack([s["h"] for s in starts])
        c0 = np.stack([s["c"] for s in starts]) if "c" in starts[0] else None
        return h0, c0

    # ------------------------------------------------------------------------------------- describing a step
    def input_html(self, step):
        """What x_t is at this step, display-safe: a character's one-hot vector or embedding row, a word's, zeros
        for a token the model never saw, a series value as scaled, or a vector's size."""
        if self.kind == "series":
            return html.escape(T("input_value", scaled=float(self.x[step, 0]), value=float(self.values[step])))
        if not self.is_text:
            return html.escape(T("input_vector", d=self.net.config.input_size))
        row = int(self.ids[step])
        if row < 0:
            key = "input_unknown"
        elif self.words is not None and self.words[step] in self.word_unknown:
            key = "input_word_unk"                                  # read as the vocabulary's <unk>
        elif self.words is not None:
            key = "input_word_row" if self.embedding_size else "input_char"
        elif self.embedding_size:
            key = "input_embedded" if self.kind == "text" else "input_embedding_row"
        else:
            key = "input_char"
        words = T(key, token="\0", row=row, size=self.embedding_size)
        read_as = ""
        if self.shown is not None and self.shown[step] != self.text[step]:     # a converted character: both
            read_as = " → " + html.escape(figures.token_label(self.text[step]))
        return html.escape(words).replace("\0", self.tokens[step] + read_as)

    def describe_step(self, step):
        """The page's context at t, display-safe HTML: the words around it (a word model), the series value and
        the forecast of t+1 against the truth, or a vector's size and range. None for a character text: the
        browser writes the text around t itself (stepper.step_frames)."""
        if self.kind == "series":
            rows = [(T("value_at", label="\0"), f"{self.values[step]:.4g}", "")]
            if step + 1 < self.steps:
                miss = self.forecasts[step] - self.values[step + 1]
                rows.append((T("forecast_next"), f"{self.forecasts[step]:.4g}", f"{miss:+.3g} {T('vs_truth')}"))
            return panels.metrics(rows, self.tokens[step]) + panels.note(T("series_step_caption",
                                                                           step=self.start + step))
        if self.words is not None:
            before, after = (html.escape(" ".join(self.words[a:b])) for a, b in ((max(0, step - 8), step),
                                                                                  (step + 1, step + 5)))
            return (f'<div style="font-family: ui-monospace, monospace; font-size: 1.1rem">'
                    f'<span style="color:#888">{before}</span> <mark style="background:#ff7f0e;color:white">'
                    f'{self.tokens[step]}</mark> <span style="color:#bbb">{after}</span></div>')
        if self.is_text and self.kind == "text":
            return None
        if self.is_text:
            before, after = html.escape(self.text[max(0, step - 40):step]), html.escape(self.text[step + 1:step + 20])
            return (f'<div style="font-family: ui-monospace, monospace; font-size: 1.1rem; word-break: break-all">'
                    f'<span style="color:#888">{before}</span><mark style="background:#ff7f0e;color:white">'
                    f'{self.tokens[step]}</mark><span style="color:#bbb">{after}</span></div>')
        row = np.asarray(self.x[step], float)
        return panels.metrics([(T("input_norm"), f"{np.linalg.norm(row):.3g}",
                                T("input_range", lo=float(row.min()), hi=float(row.max()), d=len(row)))])

    @property
    def context_text(self):
        """The text the browser writes around t (the characters as typed), or None when describe_step says it."""
        return self.shown if self.kind == "text" else None

    def download_records(self):
        """{(layer, direction): {name: (T, units)}}: every recorded value of the run, in time order
        (Trace.long_records), for the downloads."""
        out = {}
        for layer, direction, name, a in self.trace.long_records():
            out.setdefault((layer, direction), {})[name] = a[:, 0] if a.ndim == 3 else a
        return out

    def download_steps(self):
        """What labels each step in the downloads: the words, the characters, or the tokens."""
        if self.words is not None:
            return list(self.words)
        return list(self.shown) if self.is_text else list(self.tokens)


# ------------------------------------------------------------------------------------------------ made here
def read_text(model, name, shown, read, shared=False):
    """A bundled character model reading `read` (the text in the script it was trained on), labelled by `shown`
    (the text as typed, the same length)."""
    trace, probs, ids = model.run_text(read)
    return Reading(("text", name, read), "text", model.net, trace, [figures.token_label(ch) for ch in shown],
                   card=model.card, name=name, head=(model.head_weight, model.head_bias), text=read, shown=shown,
                   chars=model.vocab.chars, probs=probs.astype(np.float32), ids=ids,
                   embedding_size=model.embedding_size, shared=shared)


def read_series(model, key, values, labels, start, length, forecasts, trace, shared=False):
    """A forecaster on the window start .. start + length of `values` (trace: the window's run, its state brought
    from before the window)."""
    stop = start + length
    return Reading(("series", key, start, length), "series", model.net, trace,
                   [figures.token_label(str(v)) for v in labels[start:stop]], card=model.card,
                   head=(model.head_weight, model.head_bias),
                   values=np.asarray(values[start:min(stop + 1, len(values))], float),
                   forecasts=np.asarray(forecasts[start:stop], float), scaling=model.scaling, start=start,
                   shared=shared)


def read_weights(weights, key, x, tokens, text=None, ids=None, words=None):
    """Uploaded weights (lstm_core.model.SequenceWeights) on inputs x: a text (its characters, or its words for a
    word vocabulary), a random sequence or a CSV's rows. Their read-out, if any, is not used."""
    trace = weights.net.run(np.asarray(x, weights.net.dtype))
    word_model = words is not None and weights.vocab is not None and weights.vocab.words
    unknown = frozenset(w for w, k in zip(words, ids, strict=True) if k >= 0 and w not in weights.vocab.index) \
        if word_model else frozenset()
    embedding = weights.embedding
    return Reading(("net", key), "weights", weights.net, trace, list(tokens), card=weights.card,
                   text=text, shown=text, chars=weights.vocab.chars if text is not None else None, ids=ids,
                   words=list(words) if word_model else None, word_unknown=unknown,
                   embedding_size=0 if embedding is None else int(embedding.shape[1]))
