"""/models in headless Chromium with files as PyTorch users save them (tests/files/torch/): a word model reading
text, a projected LSTM, a vocabulary given on the page in Chinese."""
from pathlib import Path

import pytest

from app_pages.strings import EN, ZH
from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.browser.test_models_page import TRACE_NAMES, choose_file, open_model_page

pytestmark = pytest.mark.browser
FILES = Path(__file__).resolve().parent.parent / "files" / "torch"


def test_a_word_language_model_reads_words_through_its_vocabulary(page, app_url):
    open_model_page(page, app_url)
    choose_file(page, FILES / "word_lm.safetensors")
    page.get_by_text(EN["vocab_words"].format(count=20), exact=False).wait_for()
    wait_idle(page)
    box = page.get_by_role("textbox", name=EN["type_sentence"])
    box.fill("the cat sat on the zebra and slept")
    box.press("Enter")
    wait_idle(page)
    page.get_by_text(EN["words_unknown_unk"].format(count=1, words="zebra")).wait_for()
    page.wait_for_function("document.querySelector('.js-plotly-plot')?._fullLayout?.xaxis?.ticktext?.length >= 1")
    labels = page.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.xaxis2 === undefined ? "
                           "document.querySelector('.js-plotly-plot')._fullLayout.xaxis.ticktext : "
                           "document.querySelector('.js-plotly-plot')._fullLayout.xaxis.ticktext")
    assert "zebra" in " ".join(labels) and "slept" in " ".join(labels)         # one column per word
    assert page.get_by_text("Shown: your file").count() >= 1
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "model_word_lm.png"), full_page=True)


def test_a_projected_lstm_shows_its_cell_units_and_then_its_outputs(page, app_url):
    open_model_page(page, app_url)
    choose_file(page, FILES / "lstm_proj_bidir.safetensors")
    page.get_by_text(EN["weights_projection"].format(hidden=16, proj=4)).wait_for()
    wait_idle(page)
    page.get_by_role("radio", name="all").click()
    page.wait_for_function(f"{TRACE_NAMES}.length === 5")
    assert page.evaluate(TRACE_NAMES) == ["f", "i", "o", "g", "c"]
    page.get_by_text(EN["model_rows_outputs"].format(proj=4)).click()
    page.wait_for_function(f"JSON.stringify({TRACE_NAMES}) === '[\"h\"]'")
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "model_proj.png"), full_page=True)


def test_a_vocabulary_file_given_on_the_page_in_chinese_lets_the_tied_model_read_text(page, app_url):
    open_model_page(page, app_url, "zh")
    choose_file(page, FILES / "word_lm_tied_save_model.safetensors")
    page.get_by_text(ZH["vocab_file"]).wait_for()
    wait_idle(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").nth(1).set_input_files(str(FILES / "words.txt"))
    page.get_by_text(ZH["vocab_words"].format(count=20), exact=False).wait_for()
    wait_idle(page)
    assert page.get_by_role("textbox", name=ZH["type_sentence"]).count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "model_vocab_zh.png"), full_page=True)
