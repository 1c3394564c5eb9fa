"""Writes pickled_state_dict.pt: what torch.save writes for a state dict, as far as the page can tell (a
pickle), made with the standard library so that tests without torch have one. The app never unpickles it.
Run from the repository root: python tests/browser/files/make_pickle.py"""
import pickle
from pathlib import Path

state = {"weight_ih_l0": [[0.1, -0.2], [0.3, 0.4]], "weight_hh_l0": [[0.5], [-0.6]], "bias_ih_l0": [0.0, 0.0]}
(Path(__file__).parent / "pickled_state_dict.pt").write_bytes(pickle.dumps(state, protocol=2))
