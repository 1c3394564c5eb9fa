"""LSTM Explorer's engine: LSTM, GRU and RNN in NumPy, exactly as PyTorch defines them, recording every step."""
from .card import ModelCard
from .network import NetConfig, RecurrentNet, param_shapes
from .trace import Trace

__all__ = ["ModelCard", "NetConfig", "RecurrentNet", "Trace", "param_shapes"]
from .weights_io import (
                         WeightsError,
                         from_keras,
                         from_torch,
                         keras_to_torch,
                         load_net,
                         load_npz,
                         load_safetensors,
                         load_weights,
                         save_net,
                         save_net_safetensors,
                         save_npz,
                         save_safetensors,
                         to_keras,
                         torch_to_keras,
)

__all__ += ["WeightsError", "from_keras", "from_torch", "keras_to_torch", "load_net", "load_npz",
            "load_safetensors", "load_weights", "save_net", "save_net_safetensors", "save_npz", "save_safetensors",
            "to_keras", "torch_to_keras"]
