"""Every string exists in English and Chinese, and every key the pages use is in the tables."""
import re
from pathlib import Path

import pytest

from app_pages.strings import EN, LANGUAGES, STRINGS, ZH, t

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


# ------------------------------------------------------------------------ one term per idea, one name per page

def chinese_texts():
    """(where, text) of every Chinese string the user can see in the app's own words: the string tables, every
    lesson file (title and body, without the source articles' passages it quotes verbatim) and the glossary's
    Chinese column."""
    from lessons.content import own_words
    from lessons.glossary import TERMS
    texts = [(f"ZH[{key!r}]", value) for key, value in ZH.items()]
    texts += [(f"lessons/zh/{path.name}", own_words(path.read_text(encoding="utf-8")))
              for path in sorted((ROOT / "lessons" / "zh").glob("*.md"))]
    texts += [(f"glossary {en!r}", zh) for _, en, zh in TERMS]
    return texts


def english_texts():
    texts = [(f"EN[{key!r}]", value) for key, value in EN.items()]
    texts += [(f"lessons/en/{path.name}", path.read_text(encoding="utf-8"))
              for path in sorted((ROOT / "lessons" / "en").glob("*.md"))]
    return texts


def test_no_chinese_string_or_lesson_uses_a_banned_term():
    from lessons.glossary import AVOID
    assert "细胞" in AVOID and "随时间反向传播" in AVOID
    found = [(where, term, AVOID[term]) for where, text in chinese_texts() for term in AVOID if term in text]
    assert found == [], "\n".join(f"{where}: {term} (use {instead})" for where, term, instead in found)


def test_gru_is_introduced_by_its_chinese_name_where_the_lesson_and_the_interview_first_name_it():
    from lessons import content
    for part in ("step", "interview"):
        joined = "\n".join("\n".join(content.read(stem, "zh")) for stem in content.files(part, "zh"))
        first = joined.index("GRU")
        assert joined[first - len("门控循环单元（"):first] == "门控循环单元（", part


def nav_names(lang):
    """{url path: the title the navigation shows}, read from app.py's st.Page list."""
    pages = re.findall(r'st\.Page\("app_pages/(\w+)\.py", title=T\("(\w+)"\)', (ROOT / "app.py").read_text())
    assert len(pages) >= 7
    return {path: STRINGS[lang][key] for path, key in pages}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_the_texts_name_is_called_as_the_navigation_calls_it(lang):
    """The link "See it live on the Why LSTM page (/compare)" and a lesson's "the Why LSTM page" use the title the
    sidebar shows for that page, never another name (it once said "the Compare page")."""
    names = nav_names(lang)
    if lang == "en":
        texts = english_texts()
        named = re.compile(r"\bthe ([A-Z]\w*(?: \w+){0,2}?) page\b")
        linked = re.compile(r"\bthe ([\w ]+?) page \(/(\w+)\)")
    else:
        texts = chinese_texts()
        named = re.compile(r"“([^”]{1,20})”页")
        linked = re.compile(r"在“?([^“”在]{1,20}?)”?页面（/(\w+)）")
    wrong = [(where, name) for where, text in texts for name in named.findall(text) if name not in names.values()]
    wrong += [(where, name, path) for where, text in texts for name, path in linked.findall(text)
              if name != names[path]]
    assert wrong == [], f"the pages are called {sorted(names.values())}"
    for path in ("compare", "cell", "sentence"):
        assert names[path] in STRINGS[lang][f"learn_link_{path}"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_names_the_model_the_sentence_page_opens_on_in_that_language(lang):
    """The Chinese /sentence opens on the Tang model, so the Chinese home page may not promise an English one."""
    from lstm_core.bundled import DEFAULT_TEXT_MODEL
    name = t(f"model_{DEFAULT_TEXT_MODEL[lang]}", lang).split(" (")[0].split("（")[0].split(" ")[0]
    blurb = t("home_sentence_blurb", lang)
    assert name in blurb and ("默认" in blurb if lang == "zh" else "by default" in blurb)
