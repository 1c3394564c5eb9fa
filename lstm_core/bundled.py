"""The models that ship with the app (trained by tools/train_bundled.py) and the data they were made from."""
from dataclasses import dataclass
from pathlib import Path

from .model import SequenceModel

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "models"
DATA_DIR = ROOT / "data"
SERIES_DIR = DATA_DIR / "series"


@dataclass(frozen=True)
class Bundled:
    name: str            # file stem under models/, also the key used in URLs
    task: str            # "char_lm" or "forecast"
    data: str            # corpus file or series CSV it was trained on
    column: str = ""     # value column of the series CSV
    time_column: str = ""


BUNDLED = {b.name: b for b in (
    Bundled("char_shakespeare", "char_lm", "corpus/shakespeare.txt"),
    Bundled("char_python", "char_lm", "corpus/python.txt"),
    Bundled("char_tang", "char_lm", "corpus/tang_poems.txt"),
    Bundled("char_shakespeare_2layer", "char_lm", "corpus/shakespeare.txt"),
    Bundled("series_airline", "forecast", "series/airline_passengers.csv", "passengers", "month"),
    Bundled("series_sunspots", "forecast", "series/sunspots.csv", "sunspots", "year"),
    Bundled("series_co2", "forecast", "series/co2.csv", "co2_ppm", "month"),
    Bundled("series_sine", "forecast", "series/noisy_sine.csv", "value", "t"),
)}


# The character model a page opens with, by the UI's language: a Chinese reader types Chinese.
DEFAULT_TEXT_MODEL = {"en": "char_shakespeare", "zh": "char_tang"}


def model_path(name):
    return MODELS_DIR / f"{name}.npz"


def load_bundled(name):
    """SequenceModel of a bundled model; its card says how it was trained and how well it does."""
    if name not in BUNDLED:
        raise ValueError(f"no bundled model named {name!r}; choose one of {sorted(BUNDLED)}")
    return SequenceModel.load(model_path(name))


def held_out_text(model):
    """The part of a character model's corpus it never trained on (the card says where it starts)."""
    text = (DATA_DIR / model.card.data).read_text(encoding="utf-8")
    return text[model.card.held_out_from_char:]


def names(task=None):
    return [n for n, b in BUNDLED.items() if task is None or b.task == task]
