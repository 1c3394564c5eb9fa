"""The lines that turn a PyTorch file into one /models reads, run where PyTorch is (never here). Code, so not
translated; the page says in the user's language when to use which. tests/test_convert_lines.py runs each on
real files when torch and safetensors are installed."""

# A state dict (torch.save(model.state_dict())), a training checkpoint ({"epoch": ..., "model_state_dict": ...})
# or Lightning's ({"state_dict": ...}): the weights are the one dict of tensors in it. clone() gives tied weights
# (an embedding used as the decoder) their own memory, which safetensors' save_file needs.
STATE_DICT = '''import torch
from safetensors.torch import save_file

weights = torch.load({name}, map_location="cpu", weights_only=True)
for key in ("model_state_dict", "state_dict", "model"):  # where checkpoints keep the weights
    if isinstance(weights, dict) and isinstance(weights.get(key), dict):
        weights = weights[key]
save_file({{k: v.detach().clone().contiguous() for k, v in weights.items() if torch.is_tensor(v)}},
          "model.safetensors")'''

# A whole module (torch.save(model)): unpickling it runs code, and needs the model's class importable.
MODULE = '''import torch
from safetensors.torch import save_model

model = torch.load({name}, map_location="cpu", weights_only=False)  # runs code: only a file you trust
save_model(model, "model.safetensors")  # tied weights are written once; the page restores the second name'''

# A model in memory, with tied weights or not, and a word model's vocabulary in the metadata.
FROM_MODEL = '''from safetensors.torch import save_file
save_file({k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}, "model.safetensors")'''

VOCAB_METADATA = '''import json
save_file(weights, "model.safetensors", metadata={"vocab": json.dumps(corpus.dictionary.idx2word)})'''

VOCAB_FILE = '''import json
json.dump(corpus.dictionary.idx2word, open("vocab.json", "w", encoding="utf-8"), ensure_ascii=False)'''


def for_file(template, filename):
    """A template with the user's file name as a valid Python string literal (any name, quotes included)."""
    import json
    return template.format(name=json.dumps(filename))
