"""Model files as PyTorch users save them (tests/files/torch/, made by tests/make_torch_files.py with torch 2.13):
each loads as the network it is, and its numbers equal torch's (float64 files, float64 references)."""
import json
from pathlib import Path

import numpy as np
import pytest

from lstm_core import RecurrentNet
from lstm_core.model import ids_to_inputs, load_sequence_model
from lstm_core.vocab import VocabError, WordVocab, parse_pasted_chars, parse_vocab_file
from lstm_core.weights_io import WeightsError, read_weights_file, save_net_safetensors, stack_prefixes

FILES = Path(__file__).resolve().parent / "files" / "torch"
REF = np.load(FILES / "reference.npz")
TIGHT = dict(rtol=0, atol=1e-12)


def data(name):
    return (FILES / f"{name}.safetensors").read_bytes()


def outputs(weights, x):
    if weights.embedding is not None:
        x = ids_to_inputs(x, weights.embedding, weights.net.config.input_size, weights.net.dtype)
    out = weights.net.run(x).output
    logits = None if weights.head_weight is None else out @ weights.head_weight.T + weights.head_bias
    return out, logits


@pytest.mark.parametrize("name", ["lstm_proj", "lstm_proj_bidir"])
def test_an_lstm_with_a_projection_reads_as_16_cell_units_and_4_outputs_and_equals_torch(name):
    w = load_sequence_model(data(name))
    cfg = w.net.config
    assert (cfg.hidden_size, cfg.proj_size, cfg.output_size) == (16, 4, 4)
    trace = w.net.run(REF[f"{name}.x"])
    np.testing.assert_allclose(trace.output, REF[f"{name}.output"], **TIGHT)
    gates = trace.gates(cfg.num_layers - 1, 0)
    assert gates["c"].shape == (9, 16) and gates["f"].shape == (9, 16) and gates["h"].shape == (9, 4)


def test_an_rnn_saved_with_relu_computes_relu_when_told_and_says_where_the_choice_came_from():
    file = data("rnn_relu")
    guessed = load_sequence_model(file)
    assert guessed.net.config.nonlinearity == "tanh" and guessed.nonlinearity_from == "given"
    assert np.abs(outputs(guessed, REF["rnn_relu.x"])[0] - REF["rnn_relu.output"]).max() > 0.05
    told = load_sequence_model(file, nonlinearity="relu")
    assert told.net.config.nonlinearity == "relu"
    np.testing.assert_allclose(outputs(told, REF["rnn_relu.x"])[0], REF["rnn_relu.output"], **TIGHT)


def test_a_file_written_by_lstm_core_carries_its_nonlinearity_and_it_wins_over_the_pages_choice():
    net = RecurrentNet.create("rnn", 3, 4, nonlinearity="relu", seed=2, dtype="float64")
    loaded = load_sequence_model(save_net_safetensors(net), nonlinearity="tanh")
    assert loaded.net.config.nonlinearity == "relu" and loaded.nonlinearity_from == "file"
    x = np.random.default_rng(0).standard_normal((7, 3))
    np.testing.assert_allclose(loaded.net.run(x).output, net.run(x).output, **TIGHT)


@pytest.mark.parametrize("name, kind", [("lstm_cell", "lstm"), ("gru_cell", "gru"), ("rnn_cell", "rnn")])
def test_a_cells_state_dict_is_a_one_layer_network_equal_to_the_cell_run_step_by_step(name, kind):
    w = load_sequence_model(data(name))
    assert (w.net.config.kind, w.net.config.num_layers, w.net.config.hidden_size) == (kind, 1, 5)
    np.testing.assert_allclose(outputs(w, REF[f"{name}.x"])[0], REF[f"{name}.output"], **TIGHT)


def test_the_word_language_model_reads_its_vocabulary_from_the_metadata_and_words_from_text():
    w = load_sequence_model(data("word_lm"))
    assert w.names["embedding"] == "encoder.weight" and w.names["head.weight"] == "decoder.weight"
    assert isinstance(w.vocab, WordVocab) and w.vocab_from == "metadata" and len(w.vocab) == 20
    x, ids = w.text_inputs("the cat sat on the mat and then it slept")
    np.testing.assert_array_equal(ids, REF["word_lm.x"])
    out, logits = outputs(w, ids)
    np.testing.assert_allclose(out, REF["word_lm.output"], **TIGHT)
    np.testing.assert_allclose(logits, REF["word_lm.logits"], **TIGHT)


def test_an_unknown_word_is_read_as_unk_when_the_vocabulary_has_one_else_as_the_zero_input():
    w = load_sequence_model(data("word_lm"))
    assert list(w.text_inputs("the zebra sat")[1]) == [2, 0, 4]          # <unk> is row 0
    assert w.vocab.unknown_words("the zebra sat") == ["zebra"]
    no_unk = WordVocab(["the", "cat"])
    assert list(no_unk.encode("the dog")) == [0, -1]


def test_a_vocabulary_given_on_the_page_as_a_file_a_json_list_or_pasted_characters():
    words = parse_vocab_file((FILES / "words.txt").read_bytes())
    assert words[:3] == ["<unk>", "<eos>", "the"] and len(words) == 20
    assert parse_vocab_file(json.dumps(words).encode()) == words
    assert parse_vocab_file(b"a\r\nb\r\n") == ["a", "b"]
    assert parse_pasted_chars("abc ") == ["a", "b", "c", " "]
    w = load_sequence_model(data("word_lm_tied"), vocab=words)            # no vocabulary in this file
    assert w.vocab_from == "given" and w.vocab.words
    np.testing.assert_allclose(outputs(w, w.text_inputs("the cat sat on the mat and then it slept")[1])[1],
                               REF["word_lm_tied.logits"], **TIGHT)


@pytest.mark.parametrize("bad, reason", [(b"a\na\n", "duplicate"), (b"", "empty"), (b"[1, 2]", "not_list"),
                                         (b"[\"a\"", "not_list"), (b"\xff\xfe\x00", "not_list")])
def test_a_vocabulary_file_that_is_not_one_is_refused_with_a_reason(bad, reason):
    with pytest.raises(VocabError) as caught:
        parse_vocab_file(bad)
    assert caught.value.reason == reason


def test_a_vocabulary_of_the_wrong_length_is_reported_not_used():
    w = load_sequence_model(data("word_lm"), vocab=["a", "b", "c"])
    assert w.vocab is None and w.vocab_misfit == (3, 20)


@pytest.mark.parametrize("name", ["word_lm_tied", "word_lm_tied_save_model"])
def test_tied_weights_read_from_either_way_of_saving_them(name):
    w = load_sequence_model(data(name), vocab=parse_vocab_file((FILES / "words.txt").read_bytes()))
    assert w.head_weight.shape == (20, 8) and np.array_equal(w.head_weight, w.embedding)
    assert w.tied == ({"encoder.weight": "decoder.weight"} if name.endswith("save_model") else {})
    out, logits = outputs(w, REF[f"{name}.x"])
    np.testing.assert_allclose(logits, REF[f"{name}.logits"], **TIGHT)


def test_a_read_out_bias_without_its_weight_beside_an_embedding_of_its_shape_is_a_tied_read_out():
    arrays, card, _ = read_weights_file(data("word_lm_tied"))
    del arrays["decoder.weight"]                 # a file that dropped the second name and said nothing
    from lstm_core.model import sequence_weights
    w = sequence_weights(arrays, card)
    assert w.tied == {"decoder.weight": "encoder.weight"} and np.array_equal(w.head_weight, w.embedding)
    np.testing.assert_allclose(outputs(w, REF["word_lm_tied.x"])[1], REF["word_lm_tied.logits"], **TIGHT)


def test_several_stacks_are_listed_and_each_is_read_with_its_own_read_out():
    file = data("two_stacks")
    assert stack_prefixes(read_weights_file(file)[0]) == ["lstm1.", "lstm2."]
    with pytest.raises(WeightsError) as caught:
        load_sequence_model(file)
    assert caught.value.reason == "several_stacks"
    first = load_sequence_model(file, prefix="lstm1.")
    assert first.stacks == ("lstm1.", "lstm2.") and first.head_weight is None      # fc reads lstm2, not lstm1
    np.testing.assert_allclose(outputs(first, REF["two_stacks.x"])[0], REF["two_stacks.output"], **TIGHT)
    second = load_sequence_model(file, prefix="lstm2.")
    assert second.net.config.hidden_size == 5 and second.names["head.weight"] == "fc.weight"


def test_a_seq2seq_files_encoder_and_decoder_are_two_stacks_each_with_its_own_parts():
    file = data("seq2seq")
    encoder = load_sequence_model(file, prefix="encoder.lstm.")
    assert encoder.head_weight is None                      # decoder.out belongs to the decoder
    np.testing.assert_allclose(outputs(encoder, REF["seq2seq.x"])[0], REF["seq2seq.output"], **TIGHT)
    decoder = load_sequence_model(file, prefix="decoder.lstm.")
    assert decoder.names["head.weight"] == "decoder.out.weight"
    out, logits = outputs(decoder, REF["seq2seq.decoder_x"])
    np.testing.assert_allclose(out, REF["seq2seq.decoder_output"], **TIGHT)
    np.testing.assert_allclose(logits, REF["seq2seq.decoder_logits"], **TIGHT)


def test_a_stack_named_without_a_dot_is_still_one_stack_and_a_cell_needs_its_weight_hh_beside_it():
    params = RecurrentNet.create("gru", 2, 3, seed=0).state_dict()
    assert stack_prefixes({f"my_gru_{k}": v for k, v in params.items()}) == ["my_gru_"]
    assert stack_prefixes({"proj.weight_ih": np.zeros((2, 2))}) == []        # a lone name is not a cell
