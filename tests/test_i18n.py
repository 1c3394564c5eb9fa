"""Every string exists in English and Chinese, and every key the pages use is in the tables."""
import re
from pathlib import Path

from viz.i18n import EN, LANGUAGES, STRINGS, ZH, t

ROOT = Path(__file__).resolve().parent.parent
DYNAMIC_PREFIXES = ("model_", "order_", "gate_", "source_", "explain_", "err_", "direction_")


def test_english_and_chinese_have_exactly_the_same_keys():
    assert set(EN) - set(ZH) == set(), "missing in Chinese"
    assert set(ZH) - set(EN) == set(), "missing in English"


def test_placeholders_agree_between_languages():
    for key in EN:
        assert set(re.findall(r"{(\w+)", EN[key])) == set(re.findall(r"{(\w+)", ZH[key])), key


def test_chinese_strings_are_chinese():
    untranslated = [k for k in ZH if ZH[k] == EN[k] and re.search("[a-z]{2,} [a-z]{2,}", EN[k])]
    assert untranslated == []


def used_keys():
    """Keys passed as literals to T(...) (pages) or t(...) (viz) anywhere in the app's code."""
    sources = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "viz").glob("*.py"))]
    found = set()
    for path in sources:
        found |= set(re.findall(r'\b[Tt]\(\s*"([a-z_0-9]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_pages_use_is_in_the_tables():
    keys = used_keys()
    assert len(keys) > 40
    assert sorted(keys - set(EN)) == []


def test_every_dynamic_key_family_used_by_the_pages_exists():
    from lstm_core.bundled import BUNDLED
    for name in BUNDLED:
        assert f"model_{name}" in EN
    for key in ("order_index", "order_variance", "order_cluster", "source_bundled", "source_upload", "direction_0",
                "direction_1"):
        assert key in EN
    for gate in "fiogchrzn":
        assert f"gate_{gate}" in EN


def test_every_upload_error_and_every_note_of_the_csv_reader_has_a_message():
    source = (ROOT / "readers" / "series_csv.py").read_text(encoding="utf-8")
    found = set(re.findall(r'(?:UploadError|Note)\("([a-z_0-9]+)"', source))
    found |= set(re.findall(r'"(csv_[a-z_0-9]+)"', source))               # keys chosen in an expression
    assert len(found) > 25
    for key in found:
        assert key in EN and key in ZH, key


def test_t_formats_and_never_raises_on_a_missing_key_or_placeholder():
    assert t("truncated", "zh", limit=2000, length=5000) == "你的文本有 5,000 个字符，只使用前 2,000 个。"
    assert t("no_such_key", "en") == "no_such_key"
    assert t("truncated", "en") == EN["truncated"]
    assert set(STRINGS) == set(LANGUAGES)
