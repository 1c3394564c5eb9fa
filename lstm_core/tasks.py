"""Three ready-made tasks: a character language model, next-value forecasting, sequence classification."""
import numpy as np

from .card import ModelCard
from .losses import cross_entropy, cross_entropy_last, mse
from .model import CharVocab, SequenceModel, SeriesScaling
from .train import TrainConfig, train

LN2 = np.log(2)


def random_windows(length, window, batch, rng):
    """Start indices of `batch` windows of `window + 1` items inside a sequence of `length`."""
    return rng.integers(0, length - window, size=batch)


def run_in_chunks(model, x, chunk=2000):
    """Head outputs for a long (T, D) input, chunk by chunk with the state carried (bounded memory)."""
    return model.forward_chunked(x, chunk=chunk)[0]


# ----------------------------------------------------------------------------- character language model

def train_char_lm(text, hidden_size=128, num_layers=1, kind="lstm", seq_len=64, batch_size=32,
                  cfg=TrainConfig(steps=1000, lr=3e-3), callback=None, card=None, embedding=0):
    """A character model of `text`: one-hot inputs, or an embedding of `embedding` numbers per character
    (trained with the rest: the batches are then character ids, which the model embeds)."""
    vocab = CharVocab.from_text(text)
    ids = vocab.encode(text)
    model = SequenceModel.create("char_lm", len(vocab), len(vocab), seed=cfg.seed, kind=kind,
                                 hidden_size=hidden_size, num_layers=num_layers, embedding=embedding,
                                 card={"vocab": vocab.chars, **ModelCard.coerce(card).to_dict()})
    eye = np.eye(len(vocab), dtype=model.net.dtype)

    def sample(rng):
        starts = random_windows(len(ids), seq_len, batch_size, rng)
        idx = starts[None, :] + np.arange(seq_len + 1)[:, None]           # (T+1, B)
        window = ids[idx]
        return (window[:-1] if embedding else eye[window[:-1]]), window[1:]

    return model, train(model, sample, cross_entropy, cfg, callback)


def char_lm_bits_per_char(model, text, chunk=2000):
    """Mean bits per character of predicting each next character of `text` (unknown targets skipped).
    Chunk by chunk with the state carried, so memory stays bounded for long texts and large vocabularies."""
    x, ids = model.text_inputs(text)
    targets = np.append(ids[1:], -1)                      # the last character has nothing to predict
    total, count, state = 0.0, 0, (None, None)
    for start in range(0, len(ids), chunk):
        trace, logits = model.forward(x[start:start + chunk], *state, record=False)
        state = (trace.h_n, trace.c_n)
        t = targets[start:start + chunk]
        keep = np.flatnonzero(t >= 0)
        z = logits[keep].astype(np.float64)
        z -= z.max(axis=1, keepdims=True)
        log_p = z[np.arange(keep.size), t[keep]] - np.log(np.exp(z).sum(axis=1))
        total -= log_p.sum()
        count += keep.size
    return total / max(count, 1) / LN2

# ---------------------------------------------------------------------------------------- forecasting

def train_forecaster(values, train_fraction=0.8, hidden_size=32, num_layers=1, kind="lstm", window=64,
                     batch_size=16, log=False, differences=False, cfg=TrainConfig(steps=600, lr=5e-3),
                     callback=None, card=None):
    """One-step-ahead forecaster of a 1-D series, trained on its first `train_fraction`.
    log / differences: model the logarithm and/or the step-to-step changes (see SeriesScaling)."""
    values = np.asarray(values, dtype=np.float64)
    split = int(len(values) * train_fraction)
    if split < window + 2:
        raise ValueError(f"the training part has {split} points; it needs more than {window + 1}")
    scaling = SeriesScaling.fit(values[:split], log, differences)
    scaled = scaling.scale(values[:split])
    model = SequenceModel.create("forecast", 1, 1, seed=cfg.seed, kind=kind, hidden_size=hidden_size,
                                 num_layers=num_layers,
                                 card={"scaling": scaling.to_dict(),
                                       "train_points": split, **ModelCard.coerce(card).to_dict()})

    def sample(rng):
        starts = random_windows(len(scaled), window, batch_size, rng)
        w = scaled[starts[None, :] + np.arange(window + 1)[:, None]]        # (T+1, B)
        return w[:-1, :, None].astype(model.net.dtype), w[1:, :, None]

    return model, train(model, sample, mse, cfg, callback)


def forecast_errors(model, values, start):
    """MSE of one-step-ahead predictions for points start.. (the model reads everything before them),
    and of the naive forecast 'next = last'. Returns (model_mse, naive_mse)."""
    values = np.asarray(values, dtype=np.float64)
    _, pred = model.run_series(values, record=False)
    truth = values[start:]
    model_mse = float(np.mean((pred[start - 1:-1] - truth) ** 2))
    naive_mse = float(np.mean((values[start - 1:-1] - truth) ** 2))
    return model_mse, naive_mse


# ------------------------------------------------------------------------------------- classification

def train_classifier(sequences, labels, n_classes, hidden_size=32, kind="lstm", batch_size=32,
                     cfg=TrainConfig(steps=400, lr=1e-2), callback=None, card=None):
    """sequences (N, T, D), labels (N,): the class is read from the last step's output."""
    return train_on_last_step(sequences, np.asarray(labels), n_classes, cross_entropy_last, hidden_size, kind,
                              batch_size, cfg, callback, card)


def train_on_last_step(sequences, targets, outputs, loss, hidden_size, kind, batch_size, cfg, callback, card):
    """A model whose answer is its last step's output, trained on random batches of (sequence, target)."""
    sequences = np.asarray(sequences, dtype=np.float32)
    model = SequenceModel.create("classify", sequences.shape[-1], outputs, seed=cfg.seed, kind=kind,
                                 hidden_size=hidden_size, card=card)

    def sample(rng):
        pick = rng.integers(0, len(sequences), size=batch_size)
        return sequences[pick].transpose(1, 0, 2), targets[pick]

    return model, train(model, sample, loss, cfg, callback)


def classify(model, sequences):
    _, out = model.forward(np.asarray(sequences, dtype=model.net.dtype).transpose(1, 0, 2), record=False)
    return out[-1].argmax(axis=-1)


def first_symbol_task(n, length, symbols, rng):
    """Sequences of random symbols (one-hot); the label is the first symbol: a test of long memory."""
    ids = rng.integers(0, symbols, size=(n, length))
    return np.eye(symbols, dtype=np.float32)[ids], ids[:, 0]


# ------------------------------------------------------------------------------------ the adding problem

def adding_task(n, length, rng):
    """The adding problem (Hochreiter & Schmidhuber 1997): two input channels, a random number in 0..1 and a
    marker; exactly two steps are marked, one in the first half of the sequence and one in the second, and the
    target is the sum of the two marked numbers. Predicting 1 (the mean) whatever the input gives an MSE of
    1/6 (the variance of the sum of two uniform numbers): a model must do better to have remembered anything.
    -> x (n, length, 2) float32, y (n,) float32."""
    if length < 2:
        raise ValueError(f"the adding problem needs at least 2 steps, got {length}")
    values = rng.uniform(0, 1, size=(n, length))
    half = length // 2
    first = rng.integers(0, half, size=n)
    second = rng.integers(half, length, size=n)
    marks = np.zeros((n, length))
    marks[np.arange(n), first] = 1
    marks[np.arange(n), second] = 1
    x = np.stack([values, marks], axis=-1).astype(np.float32)
    y = (values[np.arange(n), first] + values[np.arange(n), second]).astype(np.float32)
    return x, y


def mse_last(pred, target):
    """MSE of the last step's single output: pred (T, B, 1), target (B,)."""
    diff = pred[-1, :, 0] - target
    grad = np.zeros_like(pred)
    grad[-1, :, 0] = 2 * diff / diff.size
    return float(np.mean(diff * diff)), grad


def train_adding(sequences, targets, hidden_size=32, kind="lstm", batch_size=32,
                 cfg=TrainConfig(steps=400, lr=1e-2), callback=None, card=None):
    """sequences (N, T, 2), targets (N,) from adding_task: the sum is read from the last step's output."""
    return train_on_last_step(sequences, np.asarray(targets, dtype=np.float32), 1, mse_last, hidden_size, kind,
                              batch_size, cfg, callback, {"target": "sum", **ModelCard.coerce(card).to_dict()})


def regress_last(model, sequences):
    """The last step's single output for each sequence (N, T, D) -> (N,)."""
    _, out = model.forward(np.asarray(sequences, dtype=model.net.dtype).transpose(1, 0, 2), record=False)
    return out[-1, :, 0]
