"""SequenceModel.sample: continuing a prompt one drawn character at a time, the state carried from step to step."""
from functools import cache

import numpy as np
import pytest

from lstm_core.losses import cross_entropy
from lstm_core.model import MAX_SAMPLE_LENGTH, SequenceModel, _choose, softmax
from lstm_core.train import TrainConfig, train

TEXT = "bad cafe, a face; deaf bee fed a cab. " * 20
VOCAB = sorted(set(TEXT))                                     # ' ', ',', '.', ';', 'a' .. 'f': '?' is unknown

MODELS = {
    "lstm-one-hot": dict(kind="lstm"),
    "lstm-embedding": dict(kind="lstm", embedding=3),
    "lstm-2layer-one-hot": dict(kind="lstm", num_layers=2),
    "lstm-2layer-embedding": dict(kind="lstm", num_layers=2, embedding=4),
    "lstm-proj-embedding": dict(kind="lstm", proj_size=3, embedding=3),
    "gru-embedding": dict(kind="gru", embedding=3),
    "gru-2layer-one-hot": dict(kind="gru", num_layers=2),
    "rnn-relu-one-hot": dict(kind="rnn", nonlinearity="relu"),
}


def char_model(name="lstm-embedding", dtype="float64", seed=0):
    model = SequenceModel.create("char_lm", len(VOCAB), len(VOCAB), seed=seed, dtype=dtype, hidden_size=6,
                                 card={"vocab": VOCAB}, **MODELS[name])
    for p in model.parameters().values():
        p *= 3                                            # sharper predictions: a real choice at every step
    return model


@cache
def trained_model(name):
    """A small float64 model trained on TEXT: its greedy continuations run through the text's words instead of
    settling on one character as a random network's do."""
    model = char_model(name)
    ids = np.array([VOCAB.index(ch) for ch in TEXT])
    rng_windows = np.arange(25)[:, None]

    def batch(rng):
        window = ids[rng.integers(0, len(ids) - 25, size=8)[None, :] + rng_windows]
        inputs = window[:-1] if model.embed_weight is not None else model.inputs_from_ids(window[:-1])
        return inputs, window[1:]

    train(model, batch, cross_entropy, TrainConfig(steps=80, lr=3e-2))
    return model


def greedy_by_rerunning(model, prompt, length):
    """The test's own greedy continuation: run the whole growing text from the start for every character."""
    text = prompt
    for _ in range(length):
        probabilities = model.run_text(text, record=False)[1][-1]
        text += VOCAB[int(np.argmax(probabilities))]
    return text[len(prompt):]


@pytest.mark.parametrize("name", MODELS)
def test_temperature_0_is_the_greedy_continuation_of_rerunning_the_whole_text(name):
    model = trained_model(name)
    for prompt in ("bad cafe", "a?c", "f"):                   # '?' is unknown: the zero input, as in run_text
        expected = greedy_by_rerunning(model, prompt, 30)
        assert model.sample(prompt, 30, temperature=0) == expected
        assert len(set(expected)) >= 4                          # words, not one character repeated
    assert model.sample("bad", 30, temperature=1e-7) == model.sample("bad", 30, temperature=0)


def drawn_by_rerunning(model, prompt, length, temperature, seed):
    """The test's own sampler, as sample's docstring specifies: rerun the whole growing text for every character,
    p = softmax(logits / temperature), and take the first index whose cumulative p exceeds u * sum(p), u drawn by
    numpy.random.default_rng(seed).random()."""
    rng, text = np.random.default_rng(seed), prompt
    for _ in range(length):
        x, _ = model.text_inputs(text)
        logits = model.forward(x, record=False)[1][-1]
        cdf = np.cumsum(np.exp((logits - logits.max()) / temperature))
        text += VOCAB[int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))]
    return text[len(prompt):]


@pytest.mark.parametrize("name", MODELS)
def test_a_seeded_draw_is_the_one_rerunning_the_whole_text_gives(name):
    model = trained_model(name)
    for prompt, temperature, seed in (("bad cafe", 1.0, 0), ("a?c", 1.5, 7), ("", 0.8, 2)):
        expected = drawn_by_rerunning(model, prompt or "?", 40, temperature, seed)
        assert model.sample(prompt, 40, temperature=temperature, seed=seed) == expected
        assert len(set(expected)) >= 4


@pytest.mark.parametrize("name", ["lstm-one-hot", "lstm-embedding", "gru-2layer-one-hot"])
def test_an_empty_prompt_starts_from_one_zero_input_as_an_unknown_character_would(name):
    model = trained_model(name)
    assert model.sample("", 20, temperature=0) == greedy_by_rerunning(model, "?", 20)
    assert model.sample("", 50, seed=3) == model.sample("?", 50, seed=3)


def test_the_same_seed_gives_the_same_text_and_other_seeds_other_texts():
    model = char_model()
    texts = [model.sample("bad", 60, seed=s) for s in range(5)]
    assert model.sample("bad", 60, seed=2) == texts[2]
    assert len(set(texts)) == 5
    assert all(len(t) == 60 and set(t) <= set(VOCAB) for t in texts)


@pytest.mark.parametrize("temperature", [1.0, 2.5])
def test_the_first_character_is_drawn_from_softmax_of_the_logits_over_the_temperature(temperature):
    model = char_model("lstm-one-hot", seed=1)
    x, _ = model.text_inputs("cab")
    logits = model.forward(x, record=False)[1][-1]
    expected = softmax(logits / temperature)
    draws = [model.sample("cab", 1, temperature=temperature, seed=s) for s in range(3000)]
    seen = np.array([draws.count(ch) for ch in VOCAB]) / len(draws)
    assert np.abs(seen - expected).max() < 0.03, (seen, expected)


def test_characters_the_model_gives_no_chance_are_never_drawn_even_when_hot():
    model = char_model("lstm-embedding", dtype="float32")
    never = [VOCAB.index(ch) for ch in "a; "]
    model.head_bias[never] = -1e30                            # probability exactly 0
    text = "".join(model.sample("bcef", MAX_SAMPLE_LENGTH, temperature=t, seed=s) for t in (1, 50) for s in (0, 1))
    assert set(text) == set(VOCAB) - set("a; ")


class LastDraw:
    """An rng whose uniform draw is the largest float below 1."""

    def random(self):
        return np.nextafter(1.0, 0.0)


def test_the_draw_at_the_top_of_the_distribution_takes_the_last_character_with_a_chance():
    logits = np.array([3.0, 1.0, 2.0, -np.inf, -np.inf])
    assert _choose(logits, 1.0, LastDraw()) == 2
    assert _choose(np.array([0.0, 5.0, -800.0]), 1.0, LastDraw()) == 1        # exp underflows to exactly 0


@pytest.mark.parametrize("length", [0, 1, MAX_SAMPLE_LENGTH])
def test_lengths_from_0_to_the_limit_give_that_many_characters(length):
    assert len(char_model().sample("ab", length, seed=1)) == length


@pytest.mark.parametrize("length", [-1, MAX_SAMPLE_LENGTH + 1, 2.5, True, "10", None])
def test_a_length_outside_0_to_the_limit_is_a_clear_error(length):
    with pytest.raises(ValueError, match="length must be"):
        char_model().sample("ab", length)


@pytest.mark.parametrize("temperature", [-0.1, float("nan"), float("inf"), "hot", None])
def test_a_temperature_that_is_not_a_finite_number_at_least_0_is_a_clear_error(temperature):
    with pytest.raises(ValueError, match="temperature must be"):
        char_model().sample("ab", 5, temperature=temperature)


def test_a_prompt_that_is_not_text_is_a_clear_error():
    with pytest.raises(ValueError, match="prompt must be text"):
        char_model().sample(b"ab", 5)


def test_only_a_forward_character_model_can_be_sampled():
    series = SequenceModel.create("forecast", 1, 1, hidden_size=4, card={"scaling": {"mean": 0, "std": 1}})
    with pytest.raises(ValueError, match="needs a character model"):
        series.sample("ab", 5)
    bidirectional = SequenceModel.create("char_lm", len(VOCAB), len(VOCAB), hidden_size=4, bidirectional=True,
                                         card={"vocab": VOCAB})
    with pytest.raises(ValueError, match="bidirectional"):
        bidirectional.sample("ab", 5)
    fewer_outputs = SequenceModel.create("char_lm", len(VOCAB), 3, hidden_size=4, card={"vocab": VOCAB})
    with pytest.raises(ValueError, match="3 outputs but the vocabulary 10 characters"):
        fewer_outputs.sample("ab", 5)


def test_sampling_leaves_the_model_unchanged():
    model = char_model("lstm-one-hot")
    before = {k: v.copy() for k, v in model.parameters().items()}
    model.sample("abc", 50, seed=4)
    for name, value in model.parameters().items():
        np.testing.assert_array_equal(value, before[name])


@pytest.mark.parametrize("text, expected", [
    (" " * 120, (0, 1)),                                           # greedy decoding writing spaces
    ("abc" + "xyz" * 6, (3, 3)),
    ("x = compile the string the string the string the stri", (11, 11)),
    ("def f(x):\n    return x + 1\n", None),                         # ordinary code: indentation is no loop
    ("ab" * 7, None),                                               # too short to call a loop
    ("", None),
])
def test_a_repeating_tail_is_found_where_it_starts_with_its_shortest_period(text, expected):
    from lstm_core.model import repeating_tail
    assert repeating_tail(text) == expected


def test_the_tang_model_at_temperature_0_falls_into_a_loop_that_is_found():
    from lstm_core.bundled import load_bundled
    from lstm_core.model import repeating_tail
    model = load_bundled("char_tang")
    written = model.sample(model.card.default_text, 120, temperature=0)
    start, period = repeating_tail(written)
    assert written[start:] == (written[start:start + period] * 120)[:len(written) - start]
    assert len(written) - start >= 2.5 * period


def stretches(text, n):
    return [text[k:k + n] for k in range(len(text) - n + 1)]


@pytest.mark.parametrize("temperature", [0.0, 0.8])
def test_the_repetition_guard_never_writes_a_stretch_of_n_characters_twice(temperature):
    """Off by default; on (no_repeat=n), the Tang model's greedy loop (a couplet over and over) is broken, and no
    n-character stretch of prompt + continuation occurs twice."""
    from lstm_core.bundled import load_bundled
    from lstm_core.model import repeating_tail
    model = load_bundled("char_tang")
    prompt = model.card.default_text
    plain = model.sample(prompt, 200, temperature=temperature, seed=3)
    assert model.sample(prompt, 200, temperature=temperature, seed=3, no_repeat=0) == plain
    guarded = model.sample(prompt, 200, temperature=temperature, seed=3, no_repeat=12)
    assert len(guarded) == 200
    whole = stretches(prompt + guarded, 12)
    assert len(whole) == len(set(whole))
    if temperature == 0:
        assert repeating_tail(plain) is not None and repeating_tail(guarded) is None and guarded != plain
        assert len(set(stretches(prompt + plain, 12))) < len(stretches(prompt + plain, 12))


def test_the_repetition_guard_takes_the_likeliest_character_it_allows():
    """The first character the guard bans is replaced by the next likeliest one, not a random one."""
    from lstm_core.bundled import load_bundled
    model = load_bundled("char_shakespeare")
    prompt = "the king the king the kin"
    plain = model.sample(prompt, 1, temperature=0)        # 'g', completing 'the kin' + 'g' seen before
    n = 8
    guarded = model.sample(prompt, 1, temperature=0, no_repeat=n)
    probs = model.run_text(prompt)[1][-1]
    order = [model.vocab.chars[k] for k in np.argsort(-probs)]
    banned = {prompt[k + n - 1] for k in range(len(prompt) - n + 1) if prompt[k:k + n - 1] == prompt[-(n - 1):]}
    assert plain == order[0] and plain in banned                     # greedy's choice is banned here
    assert guarded == next(ch for ch in order if ch not in banned)


def test_the_repetition_guard_needs_two_characters_or_more():
    from lstm_core.bundled import load_bundled
    with pytest.raises(ValueError, match="no_repeat"):
        load_bundled("char_tang").sample("床前", 5, no_repeat=1)
