"""Regenerate tests/files/torch/: model files saved the way PyTorch users save them, and PyTorch's own outputs
on a fixed input, so that tests compare lstm_core with torch without needing torch.

    python -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install -r requirements-dev.txt torch==2.13.0 \
        safetensors
    /tmp/venv-torch/bin/python tests/make_torch_files.py

Every module is float64 (so the tests' tolerances can be tight) with random non-zero biases in both bias
vectors. reference.npz holds, per file NAME: NAME.x (the input: vectors, or token ids for models with an
embedding), NAME.output (the recurrent stack's output, PyTorch's layout) and, where the file has a read-out,
NAME.logits.
"""
import json
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file, save_model
from torch import nn

OUT = Path(__file__).resolve().parent / "files" / "torch"
SEED = 20261207
WORDS = ["<unk>", "<eos>", "the", "cat", "sat", "on", "mat", "a", "dog", "ran", "to", "house", "and", "then",
         "slept", "in", "sun", "it", "was", "warm"]


def randomise(module):
    """Every parameter ~ U(-0.5, 0.5): non-zero biases in both vectors, unlike a fresh module's zeros."""
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.5, 0.5)
    return module.double()


class WordModel(nn.Module):
    """The shape of PyTorch's word-language-model example (examples/word_language_model/model.py, RNNModel):
    encoder = Embedding, rnn = LSTM, decoder = Linear, optionally tied (decoder.weight is encoder.weight)."""

    def __init__(self, ntoken, ninp, nhid, nlayers, tie=False):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie:
            self.decoder.weight = self.encoder.weight

    def forward(self, ids):
        out, _ = self.rnn(self.encoder(ids))
        return out, self.decoder(out)


class Seq2Seq(nn.Module):
    """An encoder LSTM and a decoder LSTM in one file, as translation tutorials save them."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Module()
        self.encoder.lstm = nn.LSTM(3, 6)
        self.decoder = nn.Module()
        self.decoder.lstm = nn.LSTM(4, 6)
        self.decoder.out = nn.Linear(6, 4)


class TwoStacks(nn.Module):
    """lstm1 then lstm2 of another width, then a classifier: a common Kaggle shape."""

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(3, 8, batch_first=True)
        self.lstm2 = nn.LSTM(8, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)


def run_cell(cell, x):
    """A cell over a sequence, the state carried: the outputs (T, H) as an nn.LSTM/GRU/RNN would give them."""
    state, outs = None, []
    for row in x:
        state = cell(row[None], state)
        h = state[0] if isinstance(state, tuple) else state
        outs.append(h[0])
    return torch.stack(outs)


def main():
    torch.manual_seed(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    ref = {}
    x = torch.randn(9, 3, dtype=torch.float64)

    def keep(name, module, inputs, output, logits=None, metadata=None, state=None):
        save_file(state if state is not None else module.state_dict(), OUT / f"{name}.safetensors",
                  metadata=metadata)
        ref[f"{name}.x"] = inputs.numpy()
        ref[f"{name}.output"] = output.detach().numpy()
        if logits is not None:
            ref[f"{name}.logits"] = logits.detach().numpy()

    with torch.no_grad():
        for name, module in (("lstm_proj", nn.LSTM(3, 16, proj_size=4)),
                             ("lstm_proj_bidir", nn.LSTM(3, 16, proj_size=4, bidirectional=True, num_layers=2)),
                             ("rnn_relu", nn.RNN(3, 6, num_layers=2, nonlinearity="relu"))):
            module = randomise(module)
            keep(name, module, x, module(x)[0])

        for name, cell in (("lstm_cell", nn.LSTMCell(3, 5)), ("gru_cell", nn.GRUCell(3, 5)),
                           ("rnn_cell", nn.RNNCell(3, 5))):
            cell = randomise(cell)
            keep(name, cell, x, run_cell(cell, x))

        ids = torch.tensor([WORDS.index(w) for w in "the cat sat on the mat and then it slept".split()])
        word = randomise(WordModel(len(WORDS), 8, 10, 2))
        out, logits = word(ids)
        keep("word_lm", word, ids, out, logits, metadata={"vocab": json.dumps(WORDS)})
        (OUT / "words.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")

        tied = randomise(WordModel(len(WORDS), 8, 8, 1, tie=True))
        out, logits = tied(ids)
        try:
            save_file(tied.state_dict(), OUT / "unused.safetensors")
            raise AssertionError("save_file took tied weights: the README's advice needs checking")
        except RuntimeError as err:
            assert "share memory" in str(err), err
        save_model(tied, OUT / "word_lm_tied_save_model.safetensors")
        keep("word_lm_tied", tied, ids, out, logits,
             state={k: v.clone().contiguous() for k, v in tied.state_dict().items()})
        ref["word_lm_tied_save_model.x"], ref["word_lm_tied_save_model.output"] = ids.numpy(), out.numpy()
        ref["word_lm_tied_save_model.logits"] = logits.numpy()

        s2s = randomise(Seq2Seq())
        keep("seq2seq", s2s, x, s2s.encoder.lstm(x)[0])
        ref["seq2seq.decoder_x"] = torch.randn(6, 4, dtype=torch.float64).numpy()
        dec_out = s2s.decoder.lstm(torch.from_numpy(ref["seq2seq.decoder_x"]))[0]
        ref["seq2seq.decoder_output"] = dec_out.numpy()
        ref["seq2seq.decoder_logits"] = s2s.decoder.out(dec_out).numpy()

        two = randomise(TwoStacks())
        keep("two_stacks", two, x, two.lstm1(x)[0])
    np.savez(OUT / "reference.npz", **ref)
    print(f"wrote {len(list(OUT.glob('*.safetensors')))} files and {len(ref)} reference arrays to {OUT}")


if __name__ == "__main__":
    main()
