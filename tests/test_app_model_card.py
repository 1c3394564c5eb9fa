"""/models with a file whose model card has a value of the wrong kind: refused with a message in the user's
language that names the key, what it should be and what the file has; never a traceback, and the session goes on."""
import io
import json

import numpy as np
import pytest

from app_pages.strings import EN, ZH
from lstm_core import save_safetensors
from tests.test_app_models import embedding_model, model_page, upload
from tests.test_app_pages import html_bodies, texts
from viz.text_view import md_escape

TABLES = {"en": EN, "zh": ZH}


def card_file(card, fmt):
    """A small character model's arrays with `card` (any JSON) as its card, as .safetensors or .npz bytes."""
    arrays = embedding_model().parameters()
    if fmt == "safetensors":
        return save_safetensors(arrays, {"card": json.dumps(card)})
    buffer = io.BytesIO()
    np.savez(buffer, **arrays, __card__=np.array(json.dumps(card)))   # written by hand: save_npz checks cards
    return buffer.getvalue()


# (card, the key named, what it should be, what the file has as the page shows it)
DAMAGED = [({"units": [{"unit": "three", "feature": "indent"}]}, "units[0].unit", "whole", '"three"'),
           ({"vocab": 5}, "vocab", "texts", "5"),
           ({"units": "<b>abc</b>"}, "units", "records", '"<b>abc</b>"'),
           ({"architecture": {"num_layers": 1.5}}, "architecture.num_layers", "whole", "1.5"),
           ({"units": [{"feature": "indent"}]}, "units[0].unit", "present", None)]


def refusal(lang, key, expected, got):
    table = TABLES[lang]
    if expected == "present":
        return table["weights_err_card_missing"].format(path=key)
    return table["weights_err_card"].format(path=key, expected=table[f"card_expected_{expected}"], got=md_escape(got))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["safetensors", "npz"])
@pytest.mark.parametrize("card, key, expected, got", DAMAGED, ids=[d[1] + ":" + d[2] for d in DAMAGED])
def test_a_card_with_a_value_of_the_wrong_kind_is_refused_in_the_users_language(card, key, expected, got, fmt,
                                                                                 lang):
    at = upload(model_page(lang), card_file(card, fmt), f"named.{fmt}")
    assert at.error, "the file was taken as if its card were fine"
    assert at.error[0].value == refusal(lang, key, expected, got)
    assert "<b>" not in html_bodies(at)
    assert not at.get("plotly_chart")                          # no model is shown from a refused file


def test_after_a_refused_card_a_good_file_is_shown_and_the_session_keeps_its_choices():
    at = model_page("zh")
    at.radio(key="input_source").set_value("random").run()
    upload(at, card_file({"units": [{"unit": 3, "feature": "indent", "score": "high"}]}, "npz"), "bad.npz")
    assert at.error[0].value == refusal("zh", "units[0].score", "number", '"high"')
    upload(at, card_file({"task": "char_lm", "vocab": list("abcde "), "note": "from elsewhere"}, "npz"), "good.npz")
    assert not at.exception and not at.error and len(at.get("plotly_chart")) == 1
    assert len(at.radio(key="input_source").options) == 3       # text too: the card's vocabulary was taken
    assert ZH["model_shown_upload"].format(file=md_escape("good.npz")) in texts(at)
    assert at.radio(key="input_source").value == "random"      # the rest of the session is as it was
