"""/models in Chromium: a torch.save file (.pt) dropped after a good model is refused in the user's language,
with the lines that convert it, and the page shows nothing of the model before it."""
import io
from pathlib import Path

import pytest

from app_pages.strings import ZH
from lstm_core import RecurrentNet
from lstm_core.weights_io import save_net_safetensors
from tests.browser.conftest import ARTIFACTS, assert_no_traceback, wait_idle

pytestmark = pytest.mark.browser

COMMITTED_PICKLE = Path(__file__).parent / "files" / "pickled_state_dict.pt"   # files/make_pickle.py
CHOICES_SHOWN = """Array.from(document.querySelectorAll('[data-testid=stMain] [data-testid=stRadio]')).map(r =>
  Array.from(r.querySelectorAll('label')).filter(l => l.querySelector('input')?.checked).map(l => l.innerText))"""


def torch_file(path):
    """A real torch.save of an LSTM's state dict when torch is here, else the committed standard-library pickle."""
    try:
        import torch
    except ImportError:
        return COMMITTED_PICKLE
    buf = io.BytesIO()
    torch.save(torch.nn.LSTM(3, 4).state_dict(), buf)
    path.write_bytes(buf.getvalue())
    return path


def drop(page, key, path):
    page.locator(f".st-key-{key} [data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))


def test_a_torch_file_after_a_good_model_is_explained_in_chinese_and_replaces_it(page, app_url, tmp_path):
    good = tmp_path / "gru.safetensors"
    good.write_bytes(save_net_safetensors(RecurrentNet.create("gru", 3, 6, seed=0)))
    inputs = tmp_path / "x.csv"
    inputs.write_text("a,b,c\n" + "".join(f"{t},{t / 10},{-t}\n" for t in range(20)))
    page.goto(f"{app_url}/models?lang=zh")
    wait_idle(page)
    drop(page, "weights", good)
    page.get_by_text("gru.safetensors：GRU").wait_for()
    page.locator(".st-key-input_source").get_by_text(ZH["input_csv"], exact=True).click()
    wait_idle(page)
    drop(page, "inputs_csv", inputs)
    page.wait_for_selector(".js-plotly-plot")
    wait_idle(page)

    pt = torch_file(tmp_path / "model.pt")
    drop(page, "weights", pt)
    page.get_by_text(ZH["weights_err_pickle"]).wait_for()
    wait_idle(page)
    code = page.locator("[data-testid=stMain] [data-testid=stCode]").all_inner_texts()
    assert any("from safetensors.torch import save_file" in c and f'torch.load("{pt.name}"' in c for c in code)
    assert any('save_model(model, "model.safetensors")' in c for c in code)      # a whole pickled module
    assert page.get_by_text("gru.safetensors").count() == 0          # nothing of the model before
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.evaluate(CHOICES_SHOWN) == []                         # no input picker for a model that is not there
    assert page.locator(".st-key-inputs_csv").count() == 0
    # the uploader holds the .pt: its chip shortens a long name on screen ("pickled...te_dict.pt") and keeps
    # the whole name as the chip's tooltip
    assert page.locator(f'.st-key-weights [data-testid=stFileChipName][title="{pt.name}"]').count() == 1
    assert_no_traceback(page)
    page.screenshot(path=str(ARTIFACTS / "models_pickle_zh.png"), full_page=True)

    page.locator(".st-key-weights [data-testid=stFileChipDeleteBtn] button").click()   # remove it
    page.locator(".st-key-input_source").wait_for()                  # the example comes back
    wait_idle(page)
    assert page.evaluate(CHOICES_SHOWN) == [[ZH["input_csv"]]]        # the input source chosen before, shown
    assert page.locator(".st-key-inputs_csv [data-testid=stFileChip]").count() == 0   # and its uploader empty,
    assert page.get_by_text(ZH["inputs_prompt"].format(d=65)).count() == 1           # as the page knows it
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert_no_traceback(page)
