"""Every bundled model loads and still earns the metric its card states, on its held-out data."""
import pytest

from lstm_core.bundled import BUNDLED, CORPUS, load_bundled, names
from lstm_core.tasks import char_lm_bits_per_char, forecast_errors
from tools.train_bundled import read_series


@pytest.mark.parametrize("name", names("char_lm"))
def test_each_character_model_earns_its_cards_held_out_bits_per_char(name):
    model = load_bundled(name)
    text = CORPUS.read_text(encoding="utf-8")
    held_out = text[model.card["held_out_from_char"]:]
    bits = char_lm_bits_per_char(model, held_out)
    assert bits == pytest.approx(model.card["metrics"]["held_out_bits_per_char"], abs=1e-3)
    assert bits <= (2.3 if name == "char_english" else 2.6)


def test_the_card_names_units_with_recognisable_behaviour():
    units = load_bundled("char_english").card["units"]
    assert sum(abs(u["correlation"]) >= 0.3 for u in units) >= 2


@pytest.mark.parametrize("name", names("forecast"))
def test_each_forecaster_beats_the_last_value_forecast_on_held_out_data(name):
    model = load_bundled(name)
    values = read_series(BUNDLED[name])
    model_mse, naive_mse = forecast_errors(model, values, model.card["train_points"])
    metrics = model.card["metrics"]
    assert model_mse == pytest.approx(metrics["held_out_mse"], rel=1e-4)
    assert naive_mse == pytest.approx(metrics["naive_last_value_mse"], rel=1e-9)
    assert model_mse < naive_mse


def test_an_unknown_bundled_name_is_a_clear_error():
    with pytest.raises(ValueError, match="no bundled model named"):
        load_bundled("nope")
