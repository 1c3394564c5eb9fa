"""Downloads, clicked in Chromium and read back from disk. Only /sentence offers files: /series has no download."""
import numpy as np
import pandas as pd
import pytest

from tests.browser.conftest import open_app, type_sentence, wait_idle

pytestmark = pytest.mark.browser

SENTENCE = "a cat sat"
UNITS = 256                                             # the Shakespeare model's cell
GATES = {"i", "f", "g", "o", "c", "tanh_c", "h"}


def download(page, button, folder):
    """Click a download button -> the path of the file the browser saved."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_the_trace_downloads_hold_every_gate_of_the_typed_sentence(page, app_url, tmp_path):
    open_app(page, f"{app_url}/sentence")
    type_sentence(page, SENTENCE)
    page.get_by_text("Downloads", exact=True).click()
    page.get_by_text("Prepare the trace files").click()
    wait_idle(page)

    table = pd.read_csv(download(page, "Trace as CSV (long format)", tmp_path), keep_default_na=False)
    assert list(table.columns) == ["step", "token", "layer", "direction", "name", "unit", "value"]
    assert len(table) == len(SENTENCE) * UNITS * len(GATES)
    assert set(table["name"]) == GATES
    tokens = table.drop_duplicates("step").sort_values("step")["token"]
    assert "".join(tokens) == SENTENCE

    path = download(page, "Trace as .npz", tmp_path)
    assert path.name == "lstm_trace.npz"
    with np.load(path, allow_pickle=False) as npz:
        assert "".join(map(chr, npz["token_codepoints"])) == SENTENCE
        for gate in GATES:
            assert npz[f"layer0_direction0/{gate}"].shape == (len(SENTENCE), UNITS)
        forget = table[table["name"] == "f"].sort_values(["step", "unit"])["value"].to_numpy()
        np.testing.assert_allclose(forget.reshape(len(SENTENCE), UNITS), npz["layer0_direction0/f"], atol=1e-6)
