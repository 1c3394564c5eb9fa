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


@pytest.mark.parametrize("first", [None, "lstm_proj_bidir.safetensors"])
def test_a_model_file_over_the_limit_never_leaves_the_example_or_an_older_file_passing_as_it(page, app_url,
                                                                                           tmp_path, first):
    """Streamlit's front end refuses a file over the uploader's limit before the server sees it, with an English
    note on the refused file only. The page says the limit in the user's language beside the uploader, and the
    line naming the model shown still names the bundled example as such (or the user's earlier file)."""
    from lstm_core.weights_io import MAX_BYTES
    from viz.text_view import md_escape

    MAX_WEIGHTS_MB = MAX_BYTES // 1_000_000          # the uploader's limit (test_app_model_files: the same 100)

    open_model_page(page, app_url, "zh")
    if first:
        choose_file(page, FILES / first)
        page.get_by_text(ZH["model_shown_upload"].format(file=first).replace("**", "")).wait_for()
        wait_idle(page)
    big = tmp_path / "big_model.safetensors"
    with big.open("wb") as f:                             # sparse: the browser reads its size, never its bytes
        f.truncate((MAX_WEIGHTS_MB + 1) << 20)
    choose_file(page, big)
    refused = page.get_by_test_id("stTooltipErrorHoverTarget")
    refused.wait_for()
    assert refused.inner_text().startswith("big") and f"File must be {MAX_WEIGHTS_MB:.1f}MB" in refused.inner_text()
    wait_idle(page)
    shown = ZH["model_shown_upload"].format(file=first) if first else \
        ZH["model_shown_example"].format(file=md_escape("char_shakespeare.npz"))
    page.get_by_text(shown.replace("**", "").replace("\\", "")).wait_for()
    assert page.get_by_text("big_model", exact=False).count() == 0           # named nowhere as shown
    assert page.get_by_text(ZH["upload_limit"].format(mb=MAX_WEIGHTS_MB)).count() == 1
    page.screenshot(path=str(ARTIFACTS / f"over_limit_model_zh{'_after_file' if first else ''}.png"),
                    full_page=False, animations="disabled")
    assert page.locator("[data-testid=stException]").count() == 0
