"""/models with files as people save them (tests/files/torch/, made with torch 2.13): projections, ReLU RNNs,
cells, word models with their vocabulary, several stacks, tied weights, big files, and which model is shown."""
import html
import tomllib
from pathlib import Path

import numpy as np
import pytest

from app_pages.strings import EN, ZH
from lstm_core import RecurrentNet, weights_io
from lstm_core.model import load_sequence_model
from lstm_core.weights_io import save_net_safetensors
from tests.stepping import frames, panel_html, step_to, stepper
from tests.test_app_models import embedding_model, model_page, upload
from tests.test_app_pages import html_bodies, texts
from viz.panels import signed
from viz.text_view import md_escape

FILES = Path(__file__).resolve().parent / "files" / "torch"
ROOT = Path(__file__).resolve().parent.parent


def shown(at):
    """What the page shows: its HTML and the step panel the browser draws from the stepper's frames."""
    return html_bodies(at) + (panel_html(at) if stepper(at) is not None else "")


def torch_file(name):
    return (FILES / f"{name}.safetensors").read_bytes()


def figure(at):
    return at.get("plotly_chart")[0].proto.spec


@pytest.mark.parametrize("name", ["lstm_proj", "lstm_proj_bidir"])
def test_a_projected_lstm_shows_16_cell_units_and_4_projected_outputs_and_says_so(name):
    at = upload(model_page(), torch_file(name), f"{name}.safetensors")
    assert EN["weights_projection"].format(hidden=16, proj=4) in texts(at)
    assert len(at.selectbox(key="unit").options) == 16                    # every cell unit can be picked
    assert [u.key for u in at.file_uploader] == ["weights"]         # no vocabulary asked of a model of numbers
    at.segmented_control(key="gates_shown").set_value("all").run()
    assert not at.exception
    at.selectbox(key="unit").set_value(13).run()
    assert not at.exception and all(f'"name":"{g}"' in figure(at) for g in "figoc")
    at.radio(key="model_rows").set_value("outputs").run()                # h: the 4 projected outputs
    assert not at.exception and len(at.selectbox(key="unit").options) == 4
    assert '"name":"h"' in figure(at) and '"name":"c"' not in figure(at)
    if name.endswith("bidir"):
        at.selectbox(key="layer").set_value(1).run()
        at.radio(key="direction").set_value(1).run()
        assert not at.exception


def test_the_cell_units_and_the_projected_outputs_show_the_engines_numbers():
    file = torch_file("lstm_proj")
    at = upload(model_page(), file, "proj.safetensors")
    x = np.random.default_rng(0).standard_normal((60, 3))                 # the page's random input, seed 0
    gates = load_sequence_model(file).net.run(x).gates()
    at.selectbox(key="unit").set_value(12).run()
    step_to(at, 5)
    body = shown(at)
    assert signed(gates["c"][5, 12]) in body and signed(gates["f"][5, 12]) in body      # cell unit 12 of 16
    at.radio(key="model_rows").set_value("outputs").run()
    step_to(at, 5)
    unit = at.selectbox(key="unit").value
    assert signed(gates["h"][5, unit]) in shown(at)


def test_an_rnn_state_dict_asks_for_its_nonlinearity_tanh_by_default_and_relu_computes_relu():
    file = torch_file("rnn_relu")
    at = upload(model_page(), file, "rnn.safetensors")
    assert at.radio(key="nonlinearity").value == "tanh"
    assert EN["weights_nonlinearity_given"].format(name="tanh") in texts(at)
    at.radio(key="nonlinearity").set_value("relu").run()
    assert not at.exception and EN["weights_nonlinearity_given"].format(name="ReLU") in texts(at)
    step_to(at, 9)
    x = np.random.default_rng(0).standard_normal((60, 3))
    h = load_sequence_model(file, nonlinearity="relu").net.run(x).gates()["h"]
    unit = at.selectbox(key="unit").value
    assert signed(h[9, unit]) in shown(at)
    upload(at, torch_file("rnn_cell"), "another.safetensors")           # another file: asked again, tanh first
    assert at.radio(key="nonlinearity").value == "tanh"


def test_a_relu_rnn_written_by_lstm_core_says_its_nonlinearity_and_asks_nothing():
    net = RecurrentNet.create("rnn", 3, 4, nonlinearity="relu", seed=1)
    at = upload(model_page("zh"), save_net_safetensors(net), "relu.safetensors")
    assert "nonlinearity" not in [r.key for r in at.radio]
    assert ZH["weights_nonlinearity_file"].format(name="ReLU") in texts(at)


@pytest.mark.parametrize("name, kind", [("lstm_cell", "LSTM"), ("gru_cell", "GRU"), ("rnn_cell", "RNN")])
def test_a_cells_state_dict_is_shown_as_a_one_layer_network(name, kind):
    at = upload(model_page(), torch_file(name), f"{name}.safetensors")
    assert not at.error and f"{kind}, 1 layer(s), 5 hidden units, 3 inputs" in texts(at)
    assert len(at.get("plotly_chart")) == 1


def test_several_stacks_get_a_picker_and_each_is_shown():
    at = upload(model_page(), torch_file("two_stacks"), "two.safetensors")
    assert not at.error and at.selectbox(key="stack").options == ["lstm1", "lstm2"]
    assert "LSTM, 1 layer(s), 8 hidden units, 3 inputs" in texts(at)
    at.selectbox(key="stack").set_value("lstm2.").run()
    assert not at.exception and "LSTM, 1 layer(s), 5 hidden units, 8 inputs" in texts(at)
    at = upload(model_page("zh"), torch_file("seq2seq"), "s2s.safetensors")
    assert at.selectbox(key="stack").options == ["decoder.lstm", "encoder.lstm"] and not at.error


def test_the_word_language_model_reads_words_with_its_vocabulary_from_the_metadata():
    file = torch_file("word_lm")
    at = upload(model_page(), file, "word_lm.safetensors")
    assert EN["vocab_words"].format(count=20) + " " + EN["vocab_from_metadata"] in texts(at)
    assert at.radio(key="input_source").options[0] == "text"
    assert at.text_input(key="model_words").value == "the cat sat on the mat"     # a sentence of words to start
    at.text_input(key="model_words").set_value("the cat sat on the zebra").run()
    assert not at.exception and frames(at)["n"] == 6               # six words, six steps
    assert EN["words_unknown_unk"].format(count=1, words="zebra") in texts(at)
    w = load_sequence_model(file)
    h = w.net.run(w.text_inputs("the cat sat on the zebra")[0]).gates()["h"]
    step_to(at, 2)
    unit = at.selectbox(key="unit").value
    body = shown(at)
    assert signed(h[2, unit]) in body and "sat" in body
    step_to(at, 5)
    assert html.escape(EN["input_word_unk"].format(token="zebra")) in shown(at)


def test_a_vocabulary_file_given_on_the_page_lets_a_tied_word_model_read_text_in_chinese():
    at = upload(model_page("zh"), torch_file("word_lm_tied_save_model"), "tied.safetensors")
    assert ZH["weights_tied"].format(dropped="`encoder.weight`", kept="`decoder.weight`") in texts(at)
    assert ZH["input_random"] == at.radio(key="input_source").options[0]
    words = (FILES / "words.txt").read_bytes()
    at.file_uploader(key="vocab_file").set_value(("words.txt", words, "text/plain")).run()
    assert not at.exception and at.radio(key="input_source").options[0] == ZH["input_text"]
    assert ZH["vocab_words"].format(count=20) + " " + ZH["vocab_from_given"] in texts(at)


def test_a_vocabulary_of_the_wrong_size_or_format_is_explained():
    at = upload(model_page(), torch_file("word_lm_tied"), "tied.safetensors")
    at.file_uploader(key="vocab_file").set_value(("v.json", b'["a", "b"]', "application/json")).run()
    assert at.error[0].value == EN["vocab_misfit"].format(given=2, rows=20)
    at.file_uploader(key="vocab_file").set_value(("v.txt", b"a\na\n", "text/plain")).run()
    assert at.error[0].value == EN["vocab_err_duplicate"].format(detail="a")


def test_characters_pasted_on_the_page_are_an_embeddings_vocabulary():
    at = upload(model_page(), embedding_model(vocab=False).safetensors_bytes(), "embedded.safetensors")
    at.radio(key="input_source").set_value("random").run()
    at.text_input(key="vocab_chars").set_value("abcde ").run()
    assert not at.exception and at.radio(key="input_source").value == "text"      # given to read text: it does
    assert EN["why_title"] in [s.value for s in at.subheader]                       # and the why-tools follow
    assert EN["vocab_chars"].format(count=6) + " " + EN["vocab_from_given"] in texts(at)


def test_the_upload_limit_is_100_mb_everywhere_and_said_on_the_page():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 100 and weights_io.MAX_BYTES == 100_000_000
    at = model_page()
    assert EN["upload_limit"].format(mb=100) in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_model_shown_is_always_named(lang):
    table = {"en": EN, "zh": ZH}[lang]
    at = model_page(lang)
    example = table["model_shown_example"].format(file=md_escape("char_shakespeare.npz"))
    assert example in texts(at)
    upload(at, torch_file("lstm_cell"), "mine.safetensors")
    assert table["model_shown_upload"].format(file=md_escape("mine.safetensors")) in texts(at)
    assert example not in texts(at)
    upload(at, b"not weights", "bad.safetensors")
    assert table["model_shown_none"].format(file=md_escape("bad.safetensors")) in texts(at) and example not in texts(at)


def test_a_vocabulary_in_the_file_that_does_not_fit_its_input_is_said_not_dropped_silently():
    from lstm_core.model import SequenceModel
    model = SequenceModel.create("char_lm", 6, 6, seed=2, hidden_size=4, embedding=3, card={"vocab": list("abc")})
    at = upload(model_page("zh"), model.safetensors_bytes(), "short.safetensors")
    assert at.warning[0].value == ZH["vocab_misfit"].format(given=3, rows=6)
