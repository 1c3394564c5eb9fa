"""A recurrent stack with a linear read-out, optionally behind an embedding: what the bundled character and
series models are.

Parameters are named as a PyTorch module `embed = nn.Embedding(...); rnn = nn.LSTM(...); head = nn.Linear(...)`
would name them: `embed.weight` (character models with an embedding only), `rnn.weight_ih_l0`, ...,
`head.weight`, `head.bias`.
"""
from dataclasses import dataclass, field, replace

import numpy as np

from .card import ModelCard
from .network import RecurrentNet
from .numerics import check_finite
from .vocab import CharVocab, VocabError, make_vocab, vocab_from_metadata
from .weights_io import (
    MAX_BYTES,
    READ_OUT_NAMES,
    WeightsError,
    card_json,
    find_sequence_parts,
    from_torch,
    load_npz,
    read_weights_file,
    recurrent_stack,
    rnn_prefix,
    save_npz,
    save_safetensors,
    stack_prefixes,
)

TASKS = ("char_lm", "forecast", "classify")
MAX_SAMPLE_LENGTH = 400        # characters SequenceModel.sample writes at most
GREEDY_BELOW = 1e-6            # a sampling temperature below this picks the most likely character (argmax)


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
    """net: RecurrentNet; head_weight (O, directions * H_out), head_bias (O,); card: a ModelCard (a dict is
    checked and made one) with a task and, by task, a vocab (the characters) or a scaling.

    embed_weight (V, E), optional (character models): nn.Embedding's weight in front of the network, one row
    per character of the vocabulary, E = the network's input size. Without it a character model reads one-hot
    vectors (V = the network's input size). Either way an unknown character is the all-zero input."""

    def __init__(self, net, head_weight, head_bias, card, embed_weight=None):
        self.net, self.head_weight, self.head_bias = net, head_weight, head_bias
        self.card = ModelCard.coerce(card)
        self.embed_weight = embed_weight

    @classmethod
    def create(cls, task, input_size, output_size, seed=0, dtype="float32", card=None, embedding=0, **net_kwargs):
        """A fresh model with PyTorch's default initialisation. embedding=E > 0 puts an nn.Embedding(input_size,
        E) in front (weights ~ N(0, 1), as PyTorch's): input_size is then the number of characters (ids) and
        the network reads E numbers per step."""
        embedding = int(embedding)
        if embedding < 0:
            raise ValueError(f"embedding must be 0 (one-hot inputs) or a size >= 1, got {embedding}")
        net = RecurrentNet.create(input_size=embedding or input_size, seed=seed, dtype=dtype, **net_kwargs)
        rng = np.random.default_rng(seed + 1)
        features = net.config.output_size * net.config.directions
        bound = 1 / np.sqrt(features)
        w = rng.uniform(-bound, bound, (output_size, features)).astype(dtype)
        b = np.zeros(output_size, dtype)
        embed = (np.random.default_rng(seed + 2).standard_normal((input_size, embedding)).astype(dtype)
                 if embedding else None)
        return cls(net, w, b, {"task": task, "seed": seed, **ModelCard.coerce(card).to_dict()}, embed)

    # --------------------------------------------------------------------------------- parameters
    def parameters(self):
        """All trainable arrays by name (the live arrays, so optimisers update them in place), in the order
        PyTorch's module would list them: embed.weight (when present), rnn.*, head.weight, head.bias."""
        params = {} if self.embed_weight is None else {"embed.weight": self.embed_weight}
        params.update({f"rnn.{k}": v for k, v in self.net.params.items()})
        params["head.weight"], params["head.bias"] = self.head_weight, self.head_bias
        return params

    @property
    def task(self):
        return self.card.task

    @property
    def vocab(self):
        return None if self.card.vocab is None else CharVocab(self.card.vocab)

    @property
    def embedding_size(self):
        """E of the embedding, 0 for a model without one."""
        return 0 if self.embed_weight is None else self.embed_weight.shape[1]

    @property
    def scaling(self):
        s = self.card.scaling
        return None if s is None else SeriesScaling(s.mean, s.std, bool(s.log), bool(s.differences))

    # ------------------------------------------------------------------------------------ compute
    def forward(self, x, h0=None, c0=None, record=True):
        """x (T, D) or (T, B, D) -> (trace, head outputs (T, [B,] O)).

        A model with an embedding also takes character ids: an integer array (T,) or (T, B), -1 for an
        unknown character. Its trace then keeps them (`trace.ids`), which backward needs for the embedding's
        gradient. (Integer input to a model without an embedding is read as numbers, as always.)"""
        ids = None
        if self.embed_weight is not None and _is_integer_array(x):
            ids = np.asarray(x)
            x = self.inputs_from_ids(ids)
        trace = self.net.run(x, h0, c0, record=record)
        trace.ids = ids
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
        """d_out: gradient on the head outputs -> gradients under parameters()' names (+ 'rnn.input', the
        gradient on the network's input vectors, and 'rnn.h0', 'rnn.c0').

        With an embedding, 'embed.weight' is the input's gradient summed into the rows of the characters read
        (a character read n times gets n contributions; unknown characters, id -1, none); it needs a trace
        made by forward on character ids."""
        feats = trace.output
        f2, d2 = feats.reshape(-1, feats.shape[-1]), d_out.reshape(-1, d_out.shape[-1])
        grads = {f"rnn.{k}": v for k, v in self.net.backward(trace, d_out @ self.head_weight).items()}
        grads["head.weight"] = d2.T @ f2
        grads["head.bias"] = d2.sum(axis=0)
        if self.embed_weight is not None:
            ids = getattr(trace, "ids", None)
            if ids is None:
                raise ValueError("the embedding's gradient needs the character ids: run forward on ids (an "
                                 "integer array, -1 for unknown), not on input vectors")
            flat_ids = ids.reshape(-1)
            known = flat_ids >= 0
            d_embed = np.zeros_like(self.embed_weight)
            np.add.at(d_embed, flat_ids[known], grads["rnn.input"].reshape(-1, d_embed.shape[1])[known])
            grads = {"embed.weight": d_embed, **grads}
        return grads

    # ---------------------------------------------------------------------------------- text / series
    def inputs_from_ids(self, ids):
        """Character ids (T,) or (T, B), -1 for unknown -> network inputs (T, [B,] D): embedding rows, or
        one-hot vectors; the all-zero vector for an unknown character."""
        return ids_to_inputs(ids, self.embed_weight, self.net.config.input_size, self.net.dtype)

    def text_inputs(self, text):
        """-> (x (T, D), ids (T,) with -1 where a character is unknown). x holds one-hot vectors (D = V), or
        embedding rows (D = E) for a model with an embedding; an unknown character is the zero vector."""
        ids = self.vocab.encode(text)
        return self.inputs_from_ids(ids), ids

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

    # -------------------------------------------------------------------------------------- sampling
    def sample(self, prompt, length, temperature=1.0, seed=0, no_repeat=0):
        """Continue `prompt` by `length` characters (0..MAX_SAMPLE_LENGTH) -> the continuation only (str).

        The prompt is run first (unknown characters as the zero input, as everywhere); then each character is
        drawn from softmax(logits / temperature) with numpy.random.default_rng(seed) and fed back, the state
        carried from step to step, so the result is what running the whole text would predict. Temperature 0
        (anything below GREEDY_BELOW) takes the most likely character; 1 samples the model's own distribution;
        higher is more random. Only characters of the vocabulary can come out.

        An empty prompt is allowed: the model starts from the zero state and reads one all-zero input (the
        'nothing known' input an unknown character gives), so the first character is the model's guess after
        an unknown character. Needs a character model (task 'char_lm', a vocabulary, one output per
        character) that reads forwards only (not bidirectional).

        no_repeat = n > 1, a repetition guard (off at 0): no stretch of n characters is written twice, counting
        the prompt (Hugging Face's `no_repeat_ngram_size`, per character): a character that would complete a
        stretch already in the text is never chosen; the choice is made among the others (at temperature 0,
        the likeliest of them). It breaks greedy loops and changes what the model would say; the page says so
        where it is switched on."""
        vocab = self._sampling_vocab()
        if not isinstance(prompt, str):
            raise ValueError(f"the prompt must be text (str), got {type(prompt).__name__}")
        length = _sample_length(length)
        temperature = _sample_temperature(temperature)
        rng = np.random.default_rng(seed)
        if length == 0:
            return ""
        if prompt:
            out, h, c = self.forward_chunked(self.text_inputs(prompt)[0])
            logits, state = out[-1], (h, c)
        else:
            logits, state = self._step(-1, (None, None))
        chosen = []
        guard = _RepeatGuard(prompt, no_repeat, vocab.chars) if no_repeat else None
        for k in range(length):
            nxt = _choose(logits if guard is None else guard.banned(logits), temperature, rng)
            chosen.append(vocab.chars[nxt])
            if guard is not None:
                guard.add(vocab.chars[nxt])
            if k + 1 < length:
                logits, state = self._step(nxt, state)
        return "".join(chosen)

    def _sampling_vocab(self):
        vocab = self.vocab
        if self.task != "char_lm" or vocab is None:
            raise ValueError("sampling needs a character model (task 'char_lm' with a vocabulary in its card)")
        if self.head_weight.shape[0] != len(vocab):
            raise ValueError(f"the read-out has {self.head_weight.shape[0]} outputs but the vocabulary "
                             f"{len(vocab)} characters: it cannot be sampled from")
        if self.net.config.bidirectional:
            raise ValueError("a bidirectional network reads the text backwards too, so it cannot continue a text")
        return vocab

    def _step(self, char_id, state):
        """One step of the network on one character id (-1: the zero input) from state (h, c), not recorded
        -> (logits (O,), (h_n, c_n)). A one-hot model's first layer reads the character's column of
        weight_ih_l0 as a one-input network (1.0 times the column: the same numbers as the full one-hot
        product, without copying a (G*H, V) matrix per step)."""
        if self.embed_weight is not None:
            net = self.net
            x = np.zeros((1, self.embed_weight.shape[1]), self.net.dtype)
            if char_id >= 0:
                x[0] = self.embed_weight[char_id]
        else:
            column = max(char_id, 0)
            params = dict(self.net.params)
            params["weight_ih_l0"] = self.net.params["weight_ih_l0"][:, column:column + 1]
            net = RecurrentNet(replace(self.net.config, input_size=1), params)
            x = np.full((1, 1), 1.0 if char_id >= 0 else 0.0, self.net.dtype)
        trace = net.run(x, *state, record=False)
        # The read-out as np.einsum (NumPy's own loop, one thread): as a BLAS GEMV, a (5000, 256) float32 head is
        # split across OpenBLAS threads that wait for each other on a busy 2-core machine (timeit, 2026-12-03,
        # load average 7: median 13 ms per call with 2 threads, 0.14 ms with 1); einsum took 0.2-0.4 ms either way.
        logits = np.einsum("oh,h->o", self.head_weight, trace.output[0])
        logits += self.head_bias
        return logits, (trace.h_n, trace.c_n)

    # ------------------------------------------------------------------------------------- files
    def saved_card(self):
        """The card as written to a file (a ModelCard): with the architecture (+ embedding: E, 0 for none) and,
        for a character model, input "embedding" or "one_hot"."""
        said = "embedding" if self.embed_weight is not None else "one_hot" if self.task == "char_lm" else None
        return self.card.updated(architecture={**self.net.config.to_dict(), "embedding": self.embedding_size},
                                 **({"input": said} if said else {}))

    def save(self, file):
        save_npz(file, self.parameters(), self.saved_card())

    def safetensors_bytes(self):
        """The model as .safetensors bytes: the same arrays as save, the card as JSON in the metadata."""
        return save_safetensors(self.parameters(), {"card": card_json(self.saved_card())})

    @classmethod
    def load(cls, file):
        """A model saved by save (or exported by tools/train_torch.py): arrays may be float16, float32 or
        float64 on disk; the model is float64 when every array of the network is, else float32. Shapes are
        checked against each other and the card (ValueError naming expected and received), NaN/inf refused."""
        arrays, card = load_npz(file)
        if card.task not in TASKS:
            raise ValueError(f"the model card must name a task, one of {TASKS}")
        for name in ("head.weight", "head.bias"):
            if name not in arrays:
                raise ValueError(f"the file has no {name!r} array")
        embed = arrays.get("embed.weight")
        said = card.input
        if said == "embedding" and embed is None:
            raise ValueError("the card says the model reads an embedding but the file has no 'embed.weight' array")
        if said == "one_hot" and embed is not None:
            raise ValueError("the card says the model reads one-hot inputs but the file has an 'embed.weight' array")
        net = from_torch({k: v for k, v in arrays.items() if k.startswith("rnn.")},
                         nonlinearity=card.nonlinearity or "tanh", prefix="rnn.")
        w, b, embed = checked_parts(net, arrays["head.weight"], arrays["head.bias"], embed)
        vocab = card.vocab
        if vocab is not None:
            _check_vocab(vocab)
            rows = "embed.weight" if embed is not None else "the network's input (one-hot)"
            size = embed.shape[0] if embed is not None else net.config.input_size
            if size != len(vocab):
                raise ValueError(f"{rows} has {size} rows, expected {len(vocab)}: one per character of the "
                                 f"card's vocabulary")
            if card.task == "char_lm" and w.shape[0] != len(vocab):
                raise ValueError(f"head.weight has shape {w.shape}, expected ({len(vocab)}, {w.shape[1]}): one "
                                 "output per character of the card's vocabulary")
        return cls(net, w, b, card, embed)


def ids_to_inputs(ids, embed_weight, input_size, dtype):
    """Character ids (T,) or (T, B), -1 for unknown -> (T, [B,] D): rows of embed_weight (V, D), or one-hot
    vectors of input_size when there is no embedding; the zero vector for an unknown character."""
    ids = np.asarray(ids)
    size = embed_weight.shape[0] if embed_weight is not None else input_size
    if not _is_integer_array(ids) or ids.ndim not in (1, 2):
        raise ValueError(f"character ids must be an integer array (T,) or (T, B), got {ids.dtype} {ids.shape}")
    if ids.size and (ids.min() < -1 or ids.max() >= size):
        raise ValueError(f"character ids must be in -1..{size - 1} (-1 = unknown), got {ids.min()}..{ids.max()}")
    known = ids >= 0
    if embed_weight is not None:
        x = np.zeros(ids.shape + (embed_weight.shape[1],), dtype)
        x[known] = embed_weight[ids[known]]
        return x
    x = np.zeros(ids.shape + (size,), dtype)
    x[(*np.nonzero(known), ids[known])] = 1
    return x


# ------------------------------------------------------------------------------- any weights file

@dataclass
class SequenceWeights:
    """What load_sequence_model found in a weights file: the recurrent stack and, when present, an embedding in
    front of it and a linear read-out after it.

    net          RecurrentNet (float64 when every array of the stack is, else float32)
    card         the file's ModelCard (empty when it has none)
    embedding    (V, E) array or None; E == net.config.input_size; in the network's dtype
    head_weight  (O, features) array or None; features == net.config.output_size * net.config.directions
    head_bias    (O,) array or None (zeros when the file's read-out has no bias)
    vocab        CharVocab, WordVocab or None: the tokens (given, or from the card or the file's metadata) when
                 they fit the input (V rows of the embedding, or the one-hot width net.config.input_size)
    names        {"rnn": the stack's name prefix, "embedding": array name or None, "head.weight": name or None,
                 "head.bias": name or None, "ambiguous": [names of arrays that could have been either part],
                 "cell": "LSTM", "GRU" or "RNN" when the stack was saved from nn.LSTMCell and the like, else None}
    model        SequenceModel (with the embedding, if any) when a read-out was found, else None
    stacks       the name prefixes of every recurrent stack in the file (one is `names["rnn"]`)
    nonlinearity_from  "file" (the card says it) or "given" (the caller's choice, tanh by default): a plain
                 state dict cannot say an RNN's nonlinearity
    vocab_from   "given", "card", "metadata" or None
    vocab_misfit (tokens given or found, rows needed) when a vocabulary did not fit the input, else None
    tied         {name: the name it is the same array as}: weights tied in the model (an embedding used as the
                 read-out) whose second name the file dropped and that were restored"""
    net: RecurrentNet
    card: ModelCard
    embedding: np.ndarray | None
    head_weight: np.ndarray | None
    head_bias: np.ndarray | None
    vocab: CharVocab | None
    names: dict
    model: "SequenceModel | None"
    stacks: tuple = ()
    nonlinearity_from: str = "given"
    vocab_from: str | None = None
    vocab_misfit: tuple | None = None
    tied: dict = field(default_factory=dict)

    def __post_init__(self):
        self.card = ModelCard.coerce(self.card)         # a dict given here is checked as a file's card is

    def text_inputs(self, text):
        """-> (x (T, net.config.input_size), ids (T,)): T characters, or T words for a word vocabulary; -1 where
        a token is unknown (a word vocabulary with '<unk>' reads unknown words as it). Needs a vocabulary."""
        if self.vocab is None:
            raise ValueError("this file has no vocabulary that fits its input, so it cannot read text")
        ids = self.vocab.encode(text)
        return ids_to_inputs(ids, self.embedding, self.net.config.input_size, self.net.dtype), ids

    @property
    def input_rows(self):
        """How many tokens the input distinguishes: the embedding's rows, else the one-hot width."""
        return self.embedding.shape[0] if self.embedding is not None else self.net.config.input_size


def load_sequence_model(data, filename="", max_bytes=MAX_BYTES, prefix=None, nonlinearity=None, vocab=None):
    """SequenceWeights from the bytes of an .npz or .safetensors file (PyTorch names; a model saved by
    SequenceModel.save or .safetensors_bytes, or any state dict holding an LSTM, GRU or RNN stack or cell).

    Every check of lstm_core.weights_io.load_weights applies, with the same WeightsError reasons (not_weights,
    pickle, damaged, dtype, too_big, non_finite, not_recurrent, several_stacks, card): a file load_weights accepts is
    accepted here, with the same network. See sequence_weights for prefix, nonlinearity and vocab."""
    arrays, card, metadata = read_weights_file(data, filename, max_bytes)
    return sequence_weights(arrays, card, metadata, prefix, nonlinearity, vocab)


def sequence_weights(arrays, card, metadata=None, prefix=None, nonlinearity=None, vocab=None):
    """SequenceWeights from arrays read by weights_io.read_weights_file.

    prefix: which stack, when the file holds several (weights_io.stack_prefixes; without it several stacks are
    a WeightsError 'several_stacks'). nonlinearity: an RNN's, "tanh" or "relu", used when the card does not say
    it (a card's always wins; None: tanh). vocab: a list of tokens for the input (characters, or words: see
    lstm_core.vocab.make_vocab) used instead of the card's 'vocab' or the .safetensors metadata key 'vocab'.
    The embedding and read-out are found by find_sequence_parts among the arrays beside the stack (in the same
    parent module, not another stack's): shapes, then names such as embed/embedding/encoder and
    head/fc/decoder. A read-out bias without its weight beside an embedding of the read-out's shape is a tied
    read-out (decoder.weight = encoder.weight) whose weight was not saved: the embedding is used, and `tied`
    says so, as it does for names restored from safetensors' save_model metadata."""
    metadata = metadata or {}
    stacks = tuple(stack_prefixes(arrays))
    prefix = rnn_prefix(arrays) if prefix is None else prefix
    if prefix not in stacks:
        raise WeightsError("not_recurrent", f"no recurrent stack at {prefix!r}; the file has {list(stacks)}")
    card = ModelCard.coerce(card)
    said = card.nonlinearity             # an unknown one is refused by recurrent_stack
    net = recurrent_stack(arrays, {"architecture": {"nonlinearity": said or nonlinearity or "tanh"}}, prefix)
    tied = {k: v for k, v in metadata.items() if k in arrays and v in arrays and arrays[k] is arrays[v]}
    beside = _beside(arrays, stacks, prefix)
    names = find_sequence_parts(beside, net, prefix)
    embed = arrays[names["embedding"]] if names["embedding"] else None
    w = arrays[names["head.weight"]] if names["head.weight"] else None
    b = (arrays[names["head.bias"]] if names["head.bias"] else np.zeros(w.shape[0], net.dtype)) if w is not None \
        else None
    if w is None and embed is not None:
        tie = _unsaved_tied_head(beside, embed, net)
        if tie is not None:
            names.update({"head.weight": names["embedding"], "head.bias": tie})
            tied[tie.rpartition(".")[0] + ".weight"] = names["embedding"]
            w, b = embed, arrays[tie]
    if w is not None:
        w, b, embed = checked_parts(net, w, b, embed)
    elif embed is not None:
        embed = checked_parts(net, np.zeros((1, net.config.output_size * net.config.directions)), np.zeros(1),
                              embed)[2]
    rows = embed.shape[0] if embed is not None else net.config.input_size
    tokens, source = (vocab, "given") if vocab is not None else (list(card.vocab), "card") \
        if card.vocab is not None else (vocab_from_metadata(metadata), "metadata")
    found, misfit = _fitting_vocab(tokens, rows)
    source = source if found is not None else None
    model_card = card.updated(vocab=found.chars) if found is not None and not found.words else card.without("vocab")
    model = None if w is None else SequenceModel(net, w, b, model_card, embed)
    cell = net.config.kind.upper() if f"{prefix}weight_ih" in arrays else None        # nn.LSTMCell and the like
    return SequenceWeights(net, card, embed, w, b, found, {"rnn": prefix, **names, "cell": cell}, model, stacks,
                           "file" if said else "given", source, misfit, tied)


def _beside(arrays, stacks, prefix):
    """The arrays that may be this stack's embedding and read-out: its own, and those in its parent module that
    belong to no other stack ('decoder.out' is not the read-out of 'encoder.lstm')."""
    parent = prefix[:-1].rpartition(".")[0]
    parent = parent + "." if parent else ""
    others = [p for p in stacks if p != prefix]
    return {k: v for k, v in arrays.items() if k.startswith(parent) and not any(k.startswith(p) for p in others)}


def _unsaved_tied_head(arrays, embed, net):
    """The name of a read-out bias (O,) whose module has no weight, named like a read-out, when the embedding
    (O, E) has the read-out's shape (E = the network's output features): the decoder of a tied model."""
    features = net.config.output_size * net.config.directions
    if embed.shape[1] != features:
        return None
    for name, a in arrays.items():
        module, _, leaf = name.rpartition(".")
        if leaf == "bias" and f"{module}.weight" not in arrays and a.shape == (embed.shape[0],) \
                and module.rpartition(".")[2].lower() in READ_OUT_NAMES:
            return name
    return None


def _fitting_vocab(tokens, size):
    """-> (vocabulary or None, (len(tokens), size) when the tokens do not fit, else None)."""
    if tokens is None:
        return None, None
    try:
        vocab = make_vocab(tokens)
    except VocabError:
        return None, None
    if len(vocab) != size:
        return None, (len(vocab), size)
    return vocab, None


def checked_parts(net, head_weight, head_bias, embed_weight=None):
    """The read-out (and embedding) around `net`, checked and in the network's dtype -> (w, b, embed).
    head_weight (O, directions * H_out), head_bias (O,), embed_weight (V, E) with E = net's input size.
    Every refusal is a WeightsError (a ValueError) naming the expected and received shapes."""
    cfg = net.config
    features = cfg.output_size * cfg.directions
    out = []
    for name, a in (("head.weight", head_weight), ("head.bias", head_bias), ("embed.weight", embed_weight)):
        if a is None:
            out.append(None)
            continue
        a = np.asarray(a)
        if not np.issubdtype(a.dtype, np.floating):
            raise WeightsError("dtype", f"{name} has dtype {a.dtype}, expected floating point")
        out.append(a)
    w, b, embed = out
    if w.ndim != 2 or w.shape[1] != features:
        raise WeightsError("not_recurrent", f"head.weight has shape {w.shape}, expected (outputs, {features}): "
                           f"one column per feature of the network's output")
    if b.shape != (w.shape[0],):
        raise WeightsError("not_recurrent", f"head.bias has shape {b.shape}, expected ({w.shape[0]},) to fit "
                           f"head.weight {w.shape}")
    if embed is not None and (embed.ndim != 2 or embed.shape[1] != cfg.input_size or embed.shape[0] < 1):
        raise WeightsError("not_recurrent", f"embed.weight has shape {embed.shape}, expected (characters, "
                           f"{cfg.input_size}): one row of the network's {cfg.input_size} inputs per character")
    converted = []
    for name, a in (("head.weight", w), ("head.bias", b), ("embed.weight", embed)):
        if a is None:
            converted.append(None)
            continue
        a = np.ascontiguousarray(a, dtype=net.dtype)
        if not np.all(np.isfinite(a)):
            bad = int(a.size - np.count_nonzero(np.isfinite(a)))
            raise WeightsError("non_finite", f"{name} contains {bad} NaN or infinite value(s) (in float16, "
                               "values beyond 65504 are infinite)")
        converted.append(a)
    return tuple(converted)


def _check_vocab(vocab):
    if not isinstance(vocab, list | tuple) or not all(isinstance(ch, str) for ch in vocab):
        raise ValueError("the card's vocabulary must be a list of characters")
    if len(set(vocab)) != len(vocab):
        raise ValueError("the card's vocabulary lists a character twice")


def _is_integer_array(x):
    return np.issubdtype(np.asarray(x).dtype, np.integer)


def _sample_length(length):
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)):
        raise ValueError(f"length must be a whole number of characters, got {length!r}")
    if not 0 <= length <= MAX_SAMPLE_LENGTH:
        raise ValueError(f"length must be 0..{MAX_SAMPLE_LENGTH} characters, got {length}")
    return int(length)


def _sample_temperature(temperature):
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)):
        raise ValueError(f"temperature must be a number >= 0, got {temperature!r}")
    if not np.isfinite(temperature) or temperature < 0:
        raise ValueError(f"temperature must be finite and >= 0 (0 = always the most likely character), "
                         f"got {temperature}")
    return float(temperature)


def _choose(logits, temperature, rng):
    """One index drawn from softmax(logits / temperature) (argmax below GREEDY_BELOW), by inverting the
    cumulative distribution at rng.random(): an index of zero probability is never returned."""
    z = np.asarray(logits, dtype=np.float64)
    if temperature < GREEDY_BELOW:
        return int(np.argmax(z))
    p = np.exp((z - z.max()) / temperature)
    cdf = np.cumsum(p)
    k = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
    # cdf[k] > u >= cdf[k - 1] means p[k] > 0; only u rounding up to cdf[-1] can run past the end
    return k if k < len(p) else int(np.flatnonzero(p)[-1])


class _RepeatGuard:
    """The characters that would complete an n-character stretch already in the text (SequenceModel.sample's
    no_repeat): a table from each (n-1)-character stretch to the characters that followed it."""

    def __init__(self, text, n, chars):
        if int(n) < 2:
            raise ValueError(f"no_repeat must be 0 (off) or at least 2 characters, got {n}")
        self.n, self.text, self.follows = int(n), "", {}
        self.index = {ch: k for k, ch in enumerate(chars)}
        for ch in text:
            self.add(ch)

    def add(self, ch):
        if len(self.text) >= self.n - 1:
            self.follows.setdefault(self.text[len(self.text) - self.n + 1:], set()).add(ch)
        self.text += ch

    def banned(self, logits):
        """logits with the banned characters at -inf (all of them banned: unchanged)."""
        ban = [self.index[ch] for ch in self.follows.get(self.text[len(self.text) - self.n + 1:], ())
               if ch in self.index]
        if not ban or len(ban) >= len(logits):
            return logits
        out = np.array(logits, dtype=np.float64)
        out[ban] = -np.inf
        return out


def softmax(logits):
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def repeating_tail(text, min_repeats=2.5, min_chars=16):
    """Where `text` ends in a loop -> (start, period): text[start:] repeats its first `period` characters, at
    least `min_repeats` times and over at least `min_chars` characters; the earliest start, then the shortest
    period. None when it does not end in one. Greedy decoding (temperature 0) of a small character model
    often ends so: once a stretch repeats, the same state leads to the same likeliest characters again."""
    n, found = len(text), None
    for period in range(1, int(n / min_repeats) + 1):
        j = n - 1
        while j >= period and text[j] == text[j - period]:      # text[j+1:] equals itself moved by `period`
            j -= 1
        start = j + 1 - period
        if n - start >= max(min_repeats * period, min_chars) and (found is None or start < found[0]):
            found = (start, period)
    return found
