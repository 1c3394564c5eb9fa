"""The record of one run: every step's values for every layer and direction, in original time order."""
import numpy as np


class Trace:
    """Made by RecurrentNet.run. Arrays are (T, B, ...) for batched input and (T, ...) for a (T, D) input,
    exactly as PyTorch shapes its outputs."""

    def __init__(self, config, records, output, h_n, c_n, batched, clamps=()):
        self.config = config
        self.records = records            # LayerRecord per (layer, direction), processing order
        self.batched = batched
        self.clamps = clamps              # the Clamps the run held units with (RecurrentNet.run(clamp=...))
        self._output, self._h_n, self._c_n = output, h_n, c_n

    def _edge(self, a):
        return a if a is None or self.batched else a[:, 0]

    @property
    def output(self):
        """(T, B, directions * H_out): the last layer's h at every step, as PyTorch's output."""
        return self._edge(self._output)

    @property
    def h_n(self):
        """(layers * directions, B, H_out), as PyTorch's h_n."""
        return self._edge(self._h_n)

    @property
    def c_n(self):
        return self._edge(self._c_n)

    @property
    def recorded(self):
        return all(r.recorded for r in self.records)

    @property
    def steps(self):
        return self._output.shape[0]

    @property
    def input(self):
        return self._edge(self.records[0].x)

    def record(self, layer=0, direction=0):
        cfg = self.config
        if not 0 <= layer < cfg.num_layers:
            raise ValueError(f"layer must be in 0..{cfg.num_layers - 1}, got {layer}")
        if not 0 <= direction < cfg.directions:
            raise ValueError(f"direction must be in 0..{cfg.directions - 1}, got {direction}")
        return self.records[layer * cfg.directions + direction]

    def initial_state(self, layer=0, direction=0):
        """{'h': h_{-1}} (and 'c': c_{-1} for an LSTM): the state this layer and direction started from, before
        its first processed step (so before step T-1 of the text for the reverse direction)."""
        rec = self.record(layer, direction)
        states = {"h": rec.h0} if rec.c0 is None else {"h": rec.h0, "c": rec.c0}
        return {name: a if self.batched else a[0] for name, a in states.items()}

    def gates(self, layer=0, direction=0):
        """{name: array over time}: LSTM i, f, g, o, c, tanh_c, h (and m with proj_size); GRU r, z, n, h;
        RNN h. Time runs forward even for the reverse direction."""
        return self._oriented(self.record(layer, direction).named(), direction)

    def preactivations(self, layer=0, direction=0):
        """{gate name: pre-activation over time} (for RNN: {'h': ...})."""
        return self._oriented(self.record(layer, direction).named_pre(), direction)

    def _oriented(self, named, direction):
        if not self.recorded:
            raise ValueError("this trace was made with record=False: run again with record=True")
        flip = (lambda a: a[::-1]) if direction else (lambda a: a)
        return {name: self._edge(flip(a)) for name, a in named.items()}

    def long_records(self):
        """Yield (layer, direction, name, (T, B, units) array) for every recorded value."""
        for k, rec in enumerate(self.records):
            layer, direction = divmod(k, self.config.directions)
            for name, a in rec.named().items():
                yield layer, direction, name, np.asarray(a[::-1] if direction else a)
