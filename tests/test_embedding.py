"""Character models with an embedding (nn.Embedding's weight, `embed.weight` (V, E)) in front of the network:
inputs, gradients, training, files (.npz with float16 arrays, .safetensors) and finding an embedding and a
read-out in a user's weights file (load_sequence_model)."""
import io
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_core import RecurrentNet, WeightsError, load_weights, save_npz, save_safetensors
from lstm_core.losses import cross_entropy
from lstm_core.model import SequenceModel, load_sequence_model
from lstm_core.tasks import train_char_lm
from lstm_core.train import TrainConfig
from tests.test_safetensors import GOOD_FILES, HOSTILE, mutate

VOCAB = list("abcde")


def embedding_model(dtype="float64", kind="lstm", num_layers=1, embedding=3, hidden_size=4, seed=0):
    return SequenceModel.create("char_lm", len(VOCAB), len(VOCAB), seed=seed, dtype=dtype, kind=kind,
                                num_layers=num_layers, hidden_size=hidden_size, embedding=embedding,
                                card={"vocab": VOCAB})


def saved(model):
    buffer = io.BytesIO()
    model.save(buffer)
    return buffer.getvalue()


def logits_of(model, text):
    return model.forward(model.text_inputs(text)[0], record=False)[1]


# ----------------------------------------------------------------------------------------------- inputs

def test_create_puts_a_v_by_e_embedding_in_front_of_a_network_reading_e_numbers():
    model = embedding_model(embedding=3)
    assert model.embed_weight.shape == (5, 3) and model.net.config.input_size == 3
    assert model.embedding_size == 3 and embedding_model(embedding=0).embedding_size == 0
    assert list(model.parameters())[0] == "embed.weight"
    assert model.parameters()["embed.weight"] is model.embed_weight           # live: optimisers update it
    assert "embed.weight" not in embedding_model(embedding=0).parameters()


def test_text_inputs_are_embedding_rows_and_the_zero_vector_for_an_unknown_character():
    model = embedding_model()
    x, ids = model.text_inputs("ca?b")
    assert x.shape == (4, 3) and ids.tolist() == [2, 0, -1, 1]
    np.testing.assert_array_equal(x[[0, 1, 3]], model.embed_weight[[2, 0, 1]])
    np.testing.assert_array_equal(x[2], np.zeros(3))


def test_forward_on_ids_equals_forward_on_the_embedded_vectors_and_keeps_the_ids():
    model = embedding_model()
    ids = np.array([[0, 4], [-1, 2], [3, 3]])                                   # (T, B), -1 unknown
    trace, out = model.forward(ids)
    _, expected = model.forward(model.inputs_from_ids(ids))
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(trace.ids, ids)


@pytest.mark.parametrize("ids", [[0, 5], [-2, 1], np.array([0.0, 1.0])])
def test_ids_outside_the_vocabulary_or_not_integers_are_a_clear_error(ids):
    with pytest.raises(ValueError, match="character ids must"):
        embedding_model().inputs_from_ids(np.asarray(ids))


def test_a_one_hot_model_is_unchanged_and_reads_integers_as_numbers():
    model = embedding_model(embedding=0)
    x, ids = model.text_inputs("cab?")
    np.testing.assert_array_equal(x, np.eye(5)[[2, 0, 1]].tolist() + [[0] * 5])
    as_int = model.forward(np.eye(5, dtype=np.int64)[[2, 0]], record=False)[1]
    np.testing.assert_array_equal(as_int, model.forward(np.eye(5)[[2, 0]], record=False)[1])


# -------------------------------------------------------------------------------------------- gradients

@pytest.mark.parametrize("kind, layers", [("lstm", 1), ("lstm", 2), ("gru", 1), ("rnn", 2)])
def test_the_embedding_gradient_matches_central_finite_differences_in_float64(kind, layers):
    model = embedding_model(kind=kind, num_layers=layers)
    for p in model.parameters().values():
        p *= 2                                                                   # more non-linear
    ids = np.array([[1, 3], [3, -1], [0, 3], [-1, 1]])                           # 3 read thrice, 2 and 4 never
    weights = np.random.default_rng(4).standard_normal((4, 2, 5))

    def loss():
        return float(np.sum(model.forward(ids, record=False)[1] * weights))

    trace, _ = model.forward(ids)
    analytic = model.backward(trace, weights)["embed.weight"]
    numeric = np.zeros_like(model.embed_weight)
    for index in np.ndindex(*numeric.shape):
        old = model.embed_weight[index]
        model.embed_weight[index] = old + 1e-6
        up = loss()
        model.embed_weight[index] = old - 1e-6
        numeric[index] = (up - loss()) / 2e-6
        model.embed_weight[index] = old
    assert np.abs(analytic - numeric).max() <= 1e-6 * np.abs(analytic).max()
    np.testing.assert_array_equal(analytic[[2, 4]], 0)                           # rows never read: no gradient
    assert np.all(np.abs(analytic[[0, 1, 3]]) > 0)


def test_the_embedding_gradient_sums_the_input_gradient_over_repeated_characters():
    model = embedding_model()
    ids = np.array([1, 1, -1, 4])
    trace, out = model.forward(ids)
    grads = model.backward(trace, np.ones_like(out))
    d_input = grads["rnn.input"]
    np.testing.assert_allclose(grads["embed.weight"][1], d_input[0] + d_input[1], rtol=1e-15)
    np.testing.assert_array_equal(grads["embed.weight"][4], d_input[3])
    assert list(grads)[:1] == ["embed.weight"] and set(model.parameters()) <= set(grads)


def test_backward_of_a_run_on_vectors_refuses_to_guess_the_embedding_gradient():
    model = embedding_model()
    trace, out = model.forward(model.text_inputs("abc")[0])
    with pytest.raises(ValueError, match="needs the character ids"):
        model.backward(trace, np.ones_like(out))


def test_a_few_numpy_training_steps_lower_the_loss_of_a_tiny_embedding_model_and_move_the_embedding():
    text = "the cat sat on the mat. the dog sat on the log. " * 10
    before = SequenceModel.create("char_lm", len(set(text)), len(set(text)), hidden_size=16,
                                  embedding=6).embed_weight.copy()
    model, history = train_char_lm(text, hidden_size=16, embedding=6, seq_len=24, batch_size=8,
                                   cfg=TrainConfig(steps=40, lr=2e-2))
    losses = [h.loss for h in history]
    assert np.mean(losses[-5:]) < np.mean(losses[:5]) - 0.5, losses
    assert model.embed_weight.shape == (len(set(text)), 6)
    assert np.abs(model.embed_weight - before).max() > 0.05
    x, ids = model.text_inputs(text[:200])
    loss, _ = cross_entropy(model.forward(x, record=False)[1][:-1], ids[1:])
    assert loss < losses[0]


# ----------------------------------------------------------------------------------------------- files

def test_save_and_load_keep_the_embedding_and_the_card_says_so():
    model = embedding_model()
    loaded = SequenceModel.load(io.BytesIO(saved(model)))
    np.testing.assert_array_equal(loaded.embed_weight, model.embed_weight)
    assert loaded.card.input == "embedding" and loaded.card.architecture.embedding == 3
    np.testing.assert_array_equal(logits_of(loaded, "abc?e"), logits_of(model, "abc?e"))


def test_a_one_hot_character_model_is_saved_as_one_hot_with_embedding_0():
    loaded = SequenceModel.load(io.BytesIO(saved(embedding_model(embedding=0))))
    assert loaded.embed_weight is None
    assert loaded.card.input == "one_hot" and loaded.card.architecture.embedding == 0


def exported_like_train_torch(model, **changes):
    """As tools/train_torch.py's export writes: every array float16, a card with input and architecture."""
    arrays = {k: v.astype(np.float16) for k, v in model.parameters().items()}
    arrays.update(changes)
    card = {"task": "char_lm", "vocab": VOCAB, "input": "embedding", "storage": "float16 on disk",
            "architecture": {**model.net.config.to_dict(), "embedding": model.embedding_size}}
    buffer = io.BytesIO()
    save_npz(buffer, arrays, card)
    return buffer.getvalue()


def test_a_float16_file_loads_as_float32_with_exactly_the_stored_values():
    model = embedding_model(dtype="float32")
    loaded = SequenceModel.load(io.BytesIO(exported_like_train_torch(model)))
    assert all(a.dtype == np.float32 for a in loaded.parameters().values())
    for name, value in loaded.parameters().items():
        np.testing.assert_array_equal(value, model.parameters()[name].astype(np.float16).astype(np.float32))


BAD_EXPORTS = {
    "an-embedding-of-the-wrong-width": (dict(embed_w=np.ones((5, 4), np.float16)), r"shape \(5, 4\), expected "
                                        r"\(characters, 3\)"),
    "an-embedding-with-a-row-too-few": (dict(embed_w=np.ones((4, 3), np.float16)), "has 4 rows, expected 5"),
    "a-1d-embedding": (dict(embed_w=np.ones(15, np.float16)), r"shape \(15,\), expected"),
    "an-infinite-float16-embedding": (dict(embed_w=np.full((5, 3), np.inf, np.float16)), "infinite"),
    "a-nan-embedding": (dict(embed_w=np.full((5, 3), np.nan, np.float16)), "NaN"),
    "an-integer-embedding": (dict(embed_w=np.ones((5, 3), np.int16)), "dtype int16"),
    "a-read-out-of-the-wrong-width": (dict(head_w=np.ones((5, 3), np.float16)), r"head.weight has shape \(5, 3\), "
                                      r"expected \(outputs, 4\)"),
    "a-read-out-with-too-few-outputs": (dict(head_w=np.ones((4, 4), np.float16), head_b=np.ones(4, np.float16)),
                                        r"expected \(5, 4\)"),
    "a-bias-that-does-not-fit": (dict(head_b=np.ones(3, np.float16)), r"head.bias has shape \(3,\), expected \(5,\)"),
    "an-infinite-bias": (dict(head_b=np.array([1, 2, np.inf, 0, 0], np.float16)), "infinite"),
}


@pytest.mark.parametrize("name", BAD_EXPORTS)
def test_a_file_whose_embedding_or_read_out_does_not_fit_is_refused_naming_the_shapes(name):
    changes, message = BAD_EXPORTS[name]
    keys = {"embed_w": "embed.weight", "head_w": "head.weight", "head_b": "head.bias"}
    data = exported_like_train_torch(embedding_model(dtype="float32"), **{keys[k]: v for k, v in changes.items()})
    with pytest.raises(ValueError, match=message):
        SequenceModel.load(io.BytesIO(data))


def test_a_card_that_contradicts_the_arrays_is_refused():
    model = embedding_model()
    arrays = {k: v for k, v in model.parameters().items() if k != "embed.weight"}
    buffer = io.BytesIO()
    save_npz(buffer, arrays, model.saved_card())
    with pytest.raises(ValueError, match="no 'embed.weight' array"):
        SequenceModel.load(io.BytesIO(buffer.getvalue()))
    buffer = io.BytesIO()
    save_npz(buffer, model.parameters(), model.saved_card().updated(input="one_hot"))
    with pytest.raises(ValueError, match="one-hot inputs but the file has an 'embed.weight'"):
        SequenceModel.load(io.BytesIO(buffer.getvalue()))


# ------------------------------------------------------------------------- load_sequence_model (any file)

@pytest.mark.parametrize("form", ["npz", "safetensors"])
def test_a_model_saved_here_comes_back_whole_from_either_format(form):
    model = embedding_model()
    found = load_sequence_model(saved(model) if form == "npz" else model.safetensors_bytes(), f"m.{form}")
    assert found.names == {"rnn": "rnn.", "embedding": "embed.weight", "head.weight": "head.weight",
                           "head.bias": "head.bias", "ambiguous": [], "cell": None}
    assert found.vocab.chars == VOCAB and found.card.input == "embedding"
    np.testing.assert_array_equal(logits_of(found.model, "ab?de"), logits_of(model, "ab?de"))
    np.testing.assert_array_equal(found.text_inputs("ab?")[0], model.text_inputs("ab?")[0])


def user_state_dict(embed="embedding", rnn="lstm", head="fc", head_bias=True, kind="lstm", V=6, E=3, H=4, O=6):
    """A state dict as a user's nn.Module would name it."""
    net = RecurrentNet.create(kind, E, H, seed=1, dtype="float64")
    rng = np.random.default_rng(2)
    arrays = {f"{rnn}.{k}": v for k, v in net.state_dict().items()}
    if embed:
        arrays[f"{embed}.weight"] = rng.standard_normal((V, E))
    if head:
        arrays[f"{head}.weight"] = rng.standard_normal((O, H))
        if head_bias:
            arrays[f"{head}.bias"] = rng.standard_normal(O)
    return arrays


@pytest.mark.parametrize("embed, head", [("embedding", "fc"), ("encoder", "decoder"), ("model.emb", "model.out"),
                                         ("chars", "readout")])
def test_an_embedding_and_a_read_out_are_found_under_the_names_users_give_them(embed, head):
    arrays = user_state_dict(embed=embed, head=head)
    found = load_sequence_model(save_safetensors(arrays), "user.safetensors")
    assert found.names["embedding"] == f"{embed}.weight"
    assert (found.names["head.weight"], found.names["head.bias"]) == (f"{head}.weight", f"{head}.bias")
    assert found.embedding.shape == (6, 3) and found.head_weight.shape == (6, 4) and found.vocab is None
    ids = np.array([0, 5, -1, 2])
    _, out = found.model.forward(ids)
    net = load_weights(save_safetensors(arrays))[0]
    x = np.zeros((4, 3))
    x[[0, 1, 3]] = arrays[f"{embed}.weight"][[0, 5, 2]]
    np.testing.assert_array_equal(out, net.run(x).output @ arrays[f"{head}.weight"].T + arrays[f"{head}.bias"])


def test_a_bare_recurrent_stack_has_no_embedding_no_read_out_and_no_model():
    found = load_sequence_model(save_safetensors(user_state_dict(embed=None, head=None, rnn="lstm")))
    assert found.embedding is None and found.head_weight is None and found.model is None
    assert found.names["rnn"] == "lstm." and found.net.config.input_size == 3


def test_a_read_out_without_bias_named_as_one_gets_a_zero_bias_and_an_unnamed_one_is_not_guessed():
    found = load_sequence_model(save_safetensors(user_state_dict(head="head", head_bias=False, O=5)))
    assert found.names["head.weight"] == "head.weight" and found.names["head.bias"] is None
    np.testing.assert_array_equal(found.head_bias, np.zeros(5))
    found = load_sequence_model(save_safetensors(user_state_dict(head="mystery", head_bias=False, O=5)))
    assert found.head_weight is None and found.model is None


def test_two_arrays_that_could_each_be_the_embedding_are_reported_not_guessed():
    arrays = user_state_dict(embed="table_a")
    arrays["table_b.weight"] = np.ones((7, 3))
    found = load_sequence_model(save_safetensors(arrays))
    assert found.embedding is None and found.names["ambiguous"] == ["table_a.weight", "table_b.weight"]
    arrays["embed.weight"] = np.ones((9, 3))                                    # a telling name decides
    assert load_sequence_model(save_safetensors(arrays)).names["embedding"] == "embed.weight"


def test_a_gru_and_an_rnn_with_an_embedding_are_found_too():
    for kind in ("gru", "rnn"):
        found = load_sequence_model(save_safetensors(user_state_dict(kind=kind)))
        assert found.net.config.kind == kind and found.model.embed_weight.shape == (6, 3)


def test_integer_arrays_beside_the_stack_are_left_alone():
    arrays = {**user_state_dict(), "embedding.count": np.array(3, np.int64), "ids.weight": np.ones((6, 3), np.int32)}
    found = load_sequence_model(save_safetensors(arrays))
    assert found.names["embedding"] == "embedding.weight"


def test_a_card_vocabulary_is_used_only_when_it_fits_the_embedding():
    arrays = user_state_dict(V=5, O=5)
    fits = load_sequence_model(save_safetensors(arrays, {"card": json.dumps({"task": "char_lm", "vocab": VOCAB})}))
    assert fits.vocab.chars == VOCAB and fits.model.sample("ab", 3) != ""
    short = load_sequence_model(save_safetensors(arrays, {"card": json.dumps({"vocab": VOCAB[:4]})}))
    assert short.vocab is None and short.model.card.vocab is None and short.card.vocab == tuple(VOCAB[:4])
    with pytest.raises(ValueError, match="no vocabulary"):
        short.text_inputs("ab")


@pytest.mark.parametrize("name", HOSTILE)
def test_every_hostile_file_gets_the_same_refusal_as_from_load_weights(name):
    make, reason = HOSTILE[name]
    with pytest.raises(WeightsError) as caught:
        load_sequence_model(make(), "weights.safetensors")
    assert caught.value.reason == reason


def same_verdict(data):
    """load_sequence_model accepts exactly what load_weights accepts, with the same network, and refuses the
    rest with the same reason."""
    try:
        net, _ = load_weights(data)
    except WeightsError as err:
        with pytest.raises(WeightsError) as caught:
            load_sequence_model(data)
        assert caught.value.reason == err.reason
        return
    found = load_sequence_model(data)
    assert found.net.config == net.config


GOOD_SEQUENCE_FILES = {**GOOD_FILES, "embedding-safetensors": embedding_model().safetensors_bytes(),
                       "embedding-npz": saved(embedding_model(dtype="float32"))}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(GOOD_SEQUENCE_FILES)),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6), st.integers(0, 50))
def test_mutated_files_get_the_same_verdict_from_load_sequence_model_as_from_load_weights(kind, edits, cut):
    same_verdict(mutate(GOOD_SEQUENCE_FILES[kind], edits, cut))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 4), st.integers(0, 4), st.booleans())
def test_arrays_of_any_shape_beside_the_stack_never_break_loading(rows, cols, extra_rows, extra_cols, bias):
    arrays = user_state_dict(embed=None, head=None)
    arrays["x.weight"] = np.ones((rows, cols))
    arrays["y.weight"] = np.ones((extra_rows, extra_cols))
    if bias:
        arrays["x.bias"] = np.ones(rows + extra_rows % 2)
    same_verdict(save_safetensors(arrays))


def test_an_integer_bias_is_not_taken_for_the_read_outs_bias():
    arrays = {**user_state_dict(head="head"), "head.bias": np.arange(6, dtype=np.int64)}
    found = load_sequence_model(save_safetensors(arrays))
    assert found.names["head.weight"] == "head.weight" and found.names["head.bias"] is None
    np.testing.assert_array_equal(found.head_bias, np.zeros(6))
