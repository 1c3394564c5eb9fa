"""lstm_core.chain: layers of different widths run one after another; layers of one width merge into one net."""
import numpy as np
import pytest

from lstm_core.chain import LayerChain
from lstm_core.network import RecurrentNet


def nets(*widths, kind="lstm", bidirectional=False):
    made, inputs = [], 3
    for k, width in enumerate(widths):
        made.append(RecurrentNet.create(kind, inputs, width, bidirectional=bidirectional, seed=k, dtype="float64"))
        inputs = width * (2 if bidirectional else 1)
    return made


@pytest.mark.parametrize("kind,bidirectional", [("lstm", False), ("gru", True), ("rnn", False)])
def test_a_merged_chain_computes_what_the_chain_computes(kind, bidirectional):
    chain = LayerChain(nets(4, 4, 4, kind=kind, bidirectional=bidirectional))
    merged = chain.merged()
    assert merged.config.num_layers == 3
    x = np.random.default_rng(0).standard_normal((9, 3))
    trace = merged.run(x)
    for k in range(3):
        stage = chain.stage(k).run(x)
        for d in range(2 if bidirectional else 1):
            np.testing.assert_allclose(stage.gates(0, d)["h"], trace.gates(k, d)["h"], rtol=0, atol=1e-14)


def test_layers_of_different_widths_do_not_merge_and_each_keeps_its_width():
    chain = LayerChain(nets(8, 4))
    assert chain.merged() is None
    stage = chain.stage(1)
    assert (stage.config.input_size, stage.config.hidden_size, stage.layer_config.input_size) == (3, 4, 8)
    x = np.random.default_rng(1).standard_normal((5, 3))
    h1 = chain.nets[0].run(x).output
    np.testing.assert_array_equal(stage.run(x).output, chain.nets[1].run(h1).output)


def test_a_chain_whose_widths_do_not_fit_says_which_layer():
    a, b = nets(8)[0], RecurrentNet.create("lstm", 5, 4, seed=0)
    with pytest.raises(ValueError, match="layer 2 reads 5 numbers per step but layer 1 gives 8"):
        LayerChain([a, b])
