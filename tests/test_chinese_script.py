"""Traditional characters on a model trained on simplified ones (readers/chinese_script.py, /sentence): the
model reads OpenCC's t2s conversion, the page says how many characters were converted, and the labels keep
what the user typed."""
import html
import re

import numpy as np
import pytest

from app_pages.strings import EN, ZH
from lstm_core.bundled import load_bundled
from lstm_core.card import ModelCard
from readers.chinese_script import for_model
from tests.stepping import panel_html, step_to
from tests.test_app_pages import html_bodies, open_page, texts

# 水调歌头 (苏轼) as it is printed in traditional characters
TRADITIONAL = ("明月幾時有？把酒問青天。不知天上宮闕，今夕是何年。我欲乘風歸去，又恐瓊樓玉宇，高處不勝寒。"
               "起舞弄清影，何似在人間。轉朱閣，低綺戶，照無眠。不應有恨，何事長向別時圓？人有悲歡離合，"
               "月有陰晴圓缺，此事古難全。但願人長久，千里共嬋娟。")
SIMPLIFIED = ("明月几时有？把酒问青天。不知天上宫阙，今夕是何年。我欲乘风归去，又恐琼楼玉宇，高处不胜寒。"
              "起舞弄清影，何似在人间。转朱阁，低绮户，照无眠。不应有恨，何事长向别时圆？人有悲欢离合，"
              "月有阴晴圆缺，此事古难全。但愿人长久，千里共婵娟。")


def test_the_tang_model_reads_traditional_characters_as_simplified_ones():
    card = load_bundled("char_tang").card
    converted, count = for_model(TRADITIONAL, card)
    assert converted == SIMPLIFIED
    assert count == sum(a != b for a, b in zip(TRADITIONAL, SIMPLIFIED, strict=True)) == 30


@pytest.mark.parametrize("name", ["char_python", "char_shakespeare"])
def test_other_models_read_the_text_as_typed(name):
    assert for_model(TRADITIONAL, load_bundled(name).card) == (TRADITIONAL, 0)


def test_one_character_per_character_whatever_opencc_does_with_phrases():
    text = "乾隆皇帝頭髮，後來的麵條 abc\n"
    converted, count = for_model(text, ModelCard(convert="t2s"))
    assert len(converted) == len(text) and count == sum(a != b for a, b in zip(text, converted, strict=True))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sentence_page_says_what_it_converted_and_shows_what_was_typed(lang):
    at = open_page("sentence", lang, model="char_tang", text=TRADITIONAL)
    table = EN if lang == "en" else ZH
    assert table["converted_t2s"].format(count=30) in texts(at)
    unknown = [w.value for w in at.warning if w.value.startswith(table["unknown_chars"].split("{")[0][:4])]
    model = load_bundled("char_tang")
    left = len({ch for ch in SIMPLIFIED if ch not in model.vocab.chars})   # the full-width ？ only
    assert unknown == [] if left == 0 else unknown[0].startswith(table["unknown_chars"].format(count=left,
                                                                                             chars="")[:8])
    shaded = html_bodies(at).split('class="lx-shaded"')[1].split("</div>")[0]
    shown = "".join(re.findall(r'<span title="[^"]+" style="[^"]+">([^<]*)</span>', shaded))
    assert shown == TRADITIONAL                                          # the text as typed
    values = [float(v) for v in re.findall(r'<span title="([^"]+)"', shaded)]
    trace, _, _ = model.run_text(SIMPLIFIED)                              # the model read the simplified text
    unit, state = at.selectbox(key="unit").value, at.session_state["shade_by"]
    assert values == pytest.approx(np.asarray(trace.gates()[state])[:, unit], abs=6e-4)
    step_to(at, 2)                                                        # 幾, read as 几
    row = model.vocab.encode("几")[0]
    said = table["input_embedded"].format(token="幾 → 几", row=row, size=model.embedding_size)
    assert html.escape(said) in panel_html(at)
