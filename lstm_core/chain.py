"""Recurrent layers of different widths run one after another (Keras' LSTM(64) then LSTM(32)).

A RecurrentNet's layers all have one width, as in PyTorch's nn.LSTM(num_layers=N). A chain holds one network per
layer instead, each fed by the previous network's output (its h at every step, both directions side by side), so
each layer keeps its own width. `stage(k)` is what a page steps through: layer k as a one-layer network whose
input is the chain's input, run through layers 0..k-1 first.
"""
from dataclasses import replace

import numpy as np

from .network import NetConfig, RecurrentNet


class LayerChain:
    """nets: RecurrentNets, nets[k + 1] reading nets[k]'s output (input size = output size x directions)."""

    def __init__(self, nets):
        self.nets = list(nets)
        if not self.nets:
            raise ValueError("a chain needs at least one network")
        for k in range(1, len(self.nets)):
            before, after = self.nets[k - 1].config, self.nets[k].config
            width = before.output_size * before.directions
            if after.input_size != width:
                raise ValueError(f"layer {k + 1} reads {after.input_size} numbers per step but layer {k} gives "
                                 f"{width} ({before.output_size} x {before.directions} direction(s))")

    @property
    def input_size(self):
        return self.nets[0].config.input_size

    def inputs_of(self, k, x):
        """What layer k reads: x run through layers 0..k-1 (their outputs, not recorded)."""
        for net in self.nets[:k]:
            x = net.run(np.asarray(x, net.dtype), record=False).output
        return x

    def stage(self, k):
        return ChainStage(self, k)

    def merged(self):
        """The chain as one RecurrentNet of len(nets) layers when every layer has the same kind, width,
        directions and non-linearity (PyTorch names, layer k's arrays renamed _l0 -> _l{k}); else None."""
        first = self.nets[0].config
        same = replace(first, input_size=0, num_layers=1)
        if any(replace(n.config, input_size=0) != same or n.config.num_layers != 1 for n in self.nets):
            return None
        if any(n.dtype != self.nets[0].dtype for n in self.nets):
            return None
        params = {}
        for k, net in enumerate(self.nets):
            params.update({name.replace("_l0", f"_l{k}"): a for name, a in net.params.items()})
        return RecurrentNet(replace(first, num_layers=len(self.nets)), params)


class ChainStage:
    """Layer k of a chain, seen as a one-layer network of the chain's input: run(x) runs layers 0..k-1 on x and
    returns layer k's Trace. `config` is layer k's with input_size = the chain's input (what a page must feed);
    `layer_config` is layer k's own (its input is the previous layer's output)."""

    def __init__(self, chain, k):
        self.chain, self.k, self.net = chain, k, chain.nets[k]
        self.layer_config = self.net.config
        self.config: NetConfig = replace(self.layer_config, input_size=chain.input_size)
        self.params = self.net.params

    @property
    def dtype(self):
        return self.net.dtype

    def run(self, x, record=True):
        return self.net.run(np.asarray(self.chain.inputs_of(self.k, x), self.net.dtype), record=record)
