"""The conversion lines /models shows for a torch.save file (app_pages/convert_lines.py), run on real files: a
state dict, a whole module, a training checkpoint and a Lightning checkpoint of a word model with tied weights.
Each must give a .safetensors file the page reads with torch's own numbers. Skipped without torch and safetensors
(the venv of tests/make_torch_files.py has both)."""
import numpy as np
import pytest

from app_pages import convert_lines
from lstm_core.model import load_sequence_model

torch = pytest.importorskip("torch")
pytest.importorskip("safetensors")

WORDS = ["<unk>", "the", "cat", "sat", "on", "mat"]


class TiedWordModel(torch.nn.Module):
    """PyTorch's word-language-model shape with tie_weights: the decoder's weight is the encoder's."""

    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Embedding(len(WORDS), 4)
        self.rnn = torch.nn.LSTM(4, 4, 2)
        self.decoder = torch.nn.Linear(4, len(WORDS))
        self.decoder.weight = self.encoder.weight

    def forward(self, ids):
        return self.decoder(self.rnn(self.encoder(ids))[0])


def saved(form, model, path):
    optimizer = torch.optim.Adam(model.parameters())
    if form == "state_dict":
        torch.save(model.state_dict(), path)
    elif form == "module":
        torch.save(model, path)
    elif form == "checkpoint":
        torch.save({"epoch": 3, "model_state_dict": model.state_dict(), "optimizer_state_dict":
                    optimizer.state_dict(), "loss": 4.2}, path)
    else:                                       # what Lightning's Trainer.save_checkpoint writes, in its parts
        torch.save({"epoch": 3, "global_step": 120, "pytorch-lightning_version": "2.4.0",
                    "state_dict": {f"model.{k}": v for k, v in model.state_dict().items()},
                    "optimizer_states": [optimizer.state_dict()], "lr_schedulers": [], "callbacks": {},
                    "hyper_parameters": {"ntoken": len(WORDS), "lr": 0.001}}, path)


@pytest.mark.parametrize("form", ["state_dict", "module", "checkpoint", "lightning"])
def test_the_lines_shown_for_a_torch_file_convert_it_to_one_the_page_reads_with_torchs_numbers(form, tmp_path,
                                                                                               monkeypatch):
    torch.manual_seed(7)
    model = TiedWordModel().double()
    saved(form, model, tmp_path / "model.pt")
    monkeypatch.chdir(tmp_path)
    template = convert_lines.MODULE if form == "module" else convert_lines.STATE_DICT
    exec(compile(convert_lines.for_file(template, "model.pt"), "convert", "exec"), {})     # as the user runs it
    w = load_sequence_model((tmp_path / "model.safetensors").read_bytes(), vocab=WORDS)
    ids = torch.tensor([1, 2, 3, 4, 1, 5])
    with torch.no_grad():
        expected = model(ids).numpy()
    out = w.net.run(w.text_inputs("the cat sat on the mat")[0]).output
    np.testing.assert_allclose(out @ w.head_weight.T + w.head_bias, expected, rtol=0, atol=1e-12)


def test_the_tied_weights_line_for_a_model_in_memory_gives_a_file_the_page_reads(tmp_path, monkeypatch):
    from safetensors.torch import save_file
    model = TiedWordModel()
    with pytest.raises(RuntimeError, match="share memory"):          # what the README used to advise
        save_file(model.state_dict(), tmp_path / "plain.safetensors")
    monkeypatch.chdir(tmp_path)
    exec(compile(convert_lines.FROM_MODEL, "from_model", "exec"), {"model": model})
    w = load_sequence_model((tmp_path / "model.safetensors").read_bytes(), vocab=WORDS)
    assert np.array_equal(w.head_weight, w.embedding)
