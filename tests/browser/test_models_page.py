"""/models in headless Chromium: the example, a bidirectional GRU uploaded as .safetensors, a pickle refused."""
import pickle

import pytest

from app_pages.strings import EN, ZH
from lstm_core import RecurrentNet
from lstm_core.weights_io import save_net_safetensors
from tests.browser.conftest import ARTIFACTS, wait_idle

pytestmark = pytest.mark.browser

TRACE_NAMES = ("Array.from(document.querySelector('.js-plotly-plot')?._fullData ?? [])"
               ".filter(t => t.type === 'heatmap').map(t => t.name)")


def open_model_page(page, url, lang="en"):
    page.goto(f"{url}/models?lang={lang}")
    wait_idle(page)
    page.wait_for_selector(".js-plotly-plot")


def choose_file(page, path):
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(path))


def test_the_example_model_shows_lstm_gates_for_text(page, app_url):
    open_model_page(page, app_url)
    assert page.evaluate(TRACE_NAMES) == ["f"]                      # the forget gate first, under its strip
    page.get_by_role("radio", name="all").click()
    page.wait_for_function(f"{TRACE_NAMES}.length === 6")
    assert page.evaluate(TRACE_NAMES) == ["f", "i", "o", "g", "c", "h"]
    assert page.get_by_text("LSTM, 1 layer(s), 256 hidden units").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.outside_requests == []


def test_an_uploaded_bidirectional_gru_shows_its_gates_and_its_backward_direction(page, app_url, tmp_path):
    net = RecurrentNet.create("gru", 3, 6, num_layers=2, bidirectional=True, seed=0)
    path = tmp_path / "bigru.safetensors"
    path.write_bytes(save_net_safetensors(net))
    open_model_page(page, app_url)
    choose_file(page, path)
    page.get_by_text("GRU, 2 layer(s), 6 hidden units").wait_for()
    wait_idle(page)
    page.wait_for_function(f"{TRACE_NAMES}.includes('r')")
    assert page.evaluate(TRACE_NAMES) == ["r", "z", "n", "h"]          # no forget gate: all its gates at once
    page.get_by_text(EN["direction_1"]).click()
    wait_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "model_bigru.png"), full_page=True)


def test_a_pickle_is_refused_with_a_message_in_chinese(page, app_url, tmp_path):
    path = tmp_path / "model.safetensors"
    path.write_bytes(pickle.dumps({"weight_ih_l0": [1.0]}))
    open_model_page(page, app_url, "zh")
    choose_file(page, path)
    page.get_by_text(ZH["weights_err_pickle"]).wait_for()
    assert page.locator("[data-testid=stException]").count() == 0
