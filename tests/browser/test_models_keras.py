"""/models in Chromium: a real Keras 3 file (LSTM(8) then LSTM(4)) dropped on the page is read, each layer shown
with its own width, in English and in Chinese; a GRU with reset_after=False is refused in the user's language."""
from pathlib import Path

import pytest

from app_pages.strings import EN, ZH
from tests.browser.conftest import ARTIFACTS, assert_no_traceback, wait_idle

pytestmark = pytest.mark.browser

FILES = Path(__file__).resolve().parents[1] / "files" / "keras"      # tests/make_keras_files.py


def drop(page, path):
    page.locator(".st-key-weights [data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))


def pick_second_layer(page, strings):
    page.locator(".st-key-keras_layer").click()
    page.get_by_role("option", name=strings["keras_layer_option"].format(n=2, layer="LSTM", name="lstm_1",
                                                                          units=4), exact=True).click()
    wait_idle(page)


@pytest.mark.parametrize("lang,strings", [("en", EN), ("zh", ZH)])
def test_a_keras_stack_of_two_widths_is_shown_layer_by_layer(page, app_url, lang, strings):
    page.goto(f"{app_url}/models?lang={lang}")
    wait_idle(page)
    drop(page, FILES / "stacked_lstm_8_4.keras")
    page.get_by_text(strings["keras_layers"].split("{")[0].strip()).first.wait_for()
    page.wait_for_selector(".js-plotly-plot")
    wait_idle(page)
    summary = "stacked_lstm_8_4.keras" + ("：LSTM，1 层，{} 个隐藏单元" if lang == "zh" else
                                          ": LSTM, 1 layer(s), {} hidden units")
    assert page.get_by_text(summary.format(8)).count() == 1
    assert page.get_by_text("stacked_lstm_8_4.keras").count() >= 1    # the model shown is the upload, named
    pick_second_layer(page, strings)
    page.get_by_text(summary.format(4)).wait_for()
    fed = strings["keras_chain_fed"].format(layer=2, previous=1, width=8, inputs=3)
    assert page.get_by_text(fed).count() == 1
    assert page.locator(".js-plotly-plot").count() >= 1
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert_no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / f"models_keras_{lang}.png"), full_page=True)


def test_a_gru_keras_cannot_compute_is_refused_in_chinese(page, app_url):
    page.goto(f"{app_url}/models?lang=zh")
    wait_idle(page)
    drop(page, FILES / "gru_reset_before.keras")
    page.get_by_test_id("stAlertContentError").wait_for()
    wait_idle(page)
    assert page.get_by_test_id("stAlertContentError").inner_text().strip() == \
        ZH["weights_err_keras_reset_after"].format(layer="gru")
    assert page.locator(".js-plotly-plot").count() == 0               # no numbers, and not the example's
    assert_no_traceback(page)
