"""/models with Keras 3 files: read, each layer of a stack shown with its own width, every refusal explained in
the user's language (the real files of tests/files/keras)."""
from pathlib import Path

import numpy as np

from app_pages.strings import EN, ZH
from readers.keras import read_keras
from tests.stepping import panel_html, step_to, stepper
from tests.test_app_models import model_page, upload
from tests.test_app_pages import html_bodies, texts

FILES = Path(__file__).resolve().parent / "files" / "keras"


def shown(at):
    """What the page shows: its HTML and the step panel the browser draws from the stepper's frames."""
    return html_bodies(at) + (panel_html(at) if stepper(at) is not None else "")


def keras_file(name):
    return (FILES / name).read_bytes()


def test_the_uploader_takes_keras_files():
    types = model_page().file_uploader(key="weights").proto.type
    assert ".keras" in types and ".h5" in types


def test_a_stack_of_two_widths_is_a_picker_of_layers_each_with_its_width():
    at = upload(model_page(), keras_file("stacked_lstm_8_4.keras"), "stacked.keras")
    assert not at.error
    picker = at.selectbox(key="keras_layer")
    assert len(picker.options) == 2
    assert "LSTM, 1 layer(s), 8 hidden units, 3 inputs" in texts(at)
    not_run = [c.value for c in at.caption if c.value.startswith(EN["keras_not_run"].split(":")[0])]
    assert len(not_run) == 1 and "Dense" in not_run[0]                  # said: the read-out is not run
    picker.set_value(1).run()
    assert not at.exception and not at.error
    assert "LSTM, 1 layer(s), 4 hidden units, 3 inputs" in texts(at)
    x = np.random.default_rng(0).standard_normal((60, 3))
    h = read_keras(keras_file("stacked_lstm_8_4.keras")).chain.stage(1).run(x).output
    step_to(at, 59)
    unit = at.selectbox(key="unit").value
    assert f"{h[59, unit]:+.2f}".lstrip("+") in shown(at)         # layer 2, fed by layer 1's h


def test_a_gru_with_reset_before_is_refused_in_chinese():
    at = upload(model_page("zh"), keras_file("gru_reset_before.keras"), "gru.keras")
    assert not at.exception
    assert ZH["weights_err_keras_reset_after"].format(layer="gru") == at.error[0].value
    assert not at.get("plotly_chart")                                   # nothing computed wrongly, no example


def test_garbage_named_keras_is_explained_not_a_traceback():
    at = upload(model_page(), b"this is not a model" * 10, "model.keras")
    assert not at.exception and at.error
    assert at.error[0].value == EN["weights_err_keras_not_keras"]


def test_a_simple_rnn_from_weights_alone_asks_for_its_activation():
    at = upload(model_page(), keras_file("simple_rnn_relu.weights.h5"), "rnn.weights.h5")
    assert not at.error
    choice = at.radio(key="keras_activation")
    assert choice.value == "tanh"
    assert "tanh" in texts(at)
    choice.set_value("relu").run()
    assert not at.exception
    x = np.random.default_rng(0).standard_normal((60, 3))
    h = read_keras(keras_file("simple_rnn_relu.keras")).chain.stage(0).run(x).output
    step_to(at, 30)
    unit = at.selectbox(key="unit").value
    assert f"{h[30, unit]:+.2f}".lstrip("+") in shown(at)


def test_a_safetensors_file_named_h5_is_read_by_its_content():
    from lstm_core import RecurrentNet
    from lstm_core.weights_io import save_net_safetensors
    data = save_net_safetensors(RecurrentNet.create("gru", 3, 5, seed=1))
    at = upload(model_page(), data, "renamed.h5")
    assert not at.error and "GRU, 1 layer(s), 5 hidden units, 3 inputs" in texts(at)


def test_a_bidirectional_layer_of_one_width_is_one_network_with_both_directions():
    at = upload(model_page(), keras_file("bidirectional_lstm.keras"), "bi.keras")
    assert not at.error and not [s for s in at.selectbox if s.key == "keras_layer"]
    assert "LSTM, 1 layer(s), 3 hidden units, 3 inputs, bidirectional" in texts(at)
    at.radio(key="direction").set_value(1).run()
    assert not at.exception and not at.error


def test_a_bidirectional_gru_feeding_an_lstm_shows_each_layer():
    at = upload(model_page(), keras_file("bidirectional_gru_then_lstm.keras"), "bi_then.keras")
    assert "GRU, 1 layer(s), 3 hidden units, 3 inputs, bidirectional" in texts(at)
    at.radio(key="direction").set_value(1).run()
    at.selectbox(key="keras_layer").set_value(1).run()
    assert not at.exception and not at.error
    assert "LSTM, 1 layer(s), 2 hidden units, 3 inputs, one direction" in texts(at)
