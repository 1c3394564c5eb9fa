"""/learn: both languages tell the same lesson with the same live pieces, and every demonstration computes what its
text claims (lessons/demos.py: CLAIMS, EVIDENCE, ANSWERS)."""
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest

from app_pages.strings import EN, ZH, teaching
from lessons import content, demos
from lessons.glossary import AVOID, TERMS
from lstm_core.bundled import load_bundled
from tests.test_app_pages import open_page

PARTS = ("step", "interview", "mistake")
ALL = [stem for part in PARTS for stem in content.files(part)]
LINKS = {"cell", "compare", "sentence"}
OTHER_TEXTS = ["It was the best of times, it was the worst of times.", "abc", "zzzz zzzz zzzz.",
               "The forget gate f decides; the input gate i writes!"]


@pytest.fixture(scope="module")
def model():
    return load_bundled(demos.lesson_model_name())


# -------------------------------------------------------------------------------------- the two languages

def test_both_languages_have_the_same_files_and_the_lesson_has_10_to_12_steps():
    for part in PARTS:
        assert content.files(part, "en") == content.files(part, "zh"), part
    assert 10 <= len(content.files("step")) <= 12
    assert len(content.files("interview")) >= 7 and len(content.files("mistake")) >= 8


@pytest.mark.parametrize("stem", ALL)
def test_both_languages_have_the_same_placeholders_in_the_same_order(stem):
    en_title, en = content.read(stem, "en")
    zh_title, zh = content.read(stem, "zh")
    assert en_title and zh_title
    assert content.placeholders(en) == content.placeholders(zh)
    assert re.search("[\u4e00-\u9fff]", zh) and not re.search("[\u4e00-\u9fff]", en_title)
    assert "{{" not in content.PLACEHOLDER.sub("", en) + content.PLACEHOLDER.sub("", zh)   # no malformed ones


@pytest.mark.parametrize("stem", content.files("step"))
def test_every_step_has_a_live_figure_a_try_this_widget_and_a_guess_before_them(stem):
    kinds = [kind for kind, _ in content.placeholders(content.read(stem, "en")[1])]
    assert {"figure", "try", "predict"} <= set(kinds)
    assert kinds.index("predict") < kinds.index("figure")            # the figure would give the answer away


@pytest.mark.parametrize("stem", content.files("mistake"))
def test_every_mistake_is_corrected_and_linked_to_the_page_that_shows_it(stem):
    found = content.placeholders(content.read(stem, "en")[1])
    assert any(kind == "demo" for kind, _ in found)
    assert any(kind == "link" and name in LINKS for kind, name in found)


def test_links_name_pages_of_the_app_and_have_labels():
    for stem in ALL:
        for kind, name in content.placeholders(content.read(stem, "en")[1]):
            if kind == "link":
                assert name in LINKS and f"learn_link_{name}" in EN


# ---------------------------------------------------------------------------------------------- claims

def resolved(kwargs, model):
    values = {"MODEL": model, "TEXT": demos.LESSON_TEXT, "LESSON_TEXT": demos.LESSON_TEXT}
    return {k: values.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}


@pytest.mark.parametrize("claim", demos.CLAIMS, ids=[c[0] for c in demos.CLAIMS])
def test_every_claim_the_texts_make_holds(claim, model):
    name, demo, kwargs, check, sentence = claim
    result = demo(**resolved(kwargs, model))
    assert check(result), f"{name}: {sentence}"


@pytest.mark.parametrize("text", OTHER_TEXTS)
def test_claims_about_any_text_hold_on_other_texts_too(text, model):
    text = "".join(ch for ch in text if ch in model.vocab.index)
    for name, demo, kwargs, check, sentence in demos.CLAIMS:
        if kwargs.get("text") == "TEXT":
            assert check(demo(**{**resolved(kwargs, model), "text": text})), f"{name} on {text!r}: {sentence}"


def test_every_try_and_demo_in_the_texts_is_backed_by_claims():
    names = {c[0] for c in demos.CLAIMS}
    assert len(names) == len(demos.CLAIMS)                                  # no claim hides another
    for stem in ALL:
        for kind, name in content.placeholders(content.read(stem, "en")[1]):
            if kind in ("try", "demo"):
                backing = demos.EVIDENCE.get((kind, name))
                assert backing, f"{stem}: {{{{{kind}:{name}}}}} has no claims in demos.EVIDENCE"
                assert set(backing) <= names, set(backing) - names


def test_a_correction_can_fail_its_claim():
    """The checks are not vacuous: the same check fails on a result that contradicts the claim."""
    checks = {c[0]: c[3] for c in demos.CLAIMS}
    tied = {"corr": 1.0, "mean_diff": 0.0, "first_step_diff": 0.0}
    assert not checks["article_wiring_ties_f_to_i"]({"rows": [{"article": tied, "own": tied}]})   # rows copied
    assert not checks["engine_gradient_is_true"]({"engine_error": 1e-3, "wrong_error": 0.5})
    same = {"max_gate": 0.9, "max_abs_c": 1.0, "steps": 50}
    assert not checks["relu_gates_blow_up"]({"trained": {"relu": same, "sigmoid": same, "hard_sigmoid": same},
                                             "engine_max_abs_c": 1.0})
    assert not checks["open_output_gate_is_not_output_1"]({"count": 500, "share_below_half": 0.0, "max_abs_h": 1.0,
                                                           "share_negative": 0.0, "h_error": 0.0})
    assert not checks["fixed_carousel_drifts"]({"own": {"tail_mean_abs_c": 3.0}, "fixed1": {"tail_mean_abs_c": 4.0},
                                                "steps": 1000})


# ------------------------------------------------------------------------------------ the source articles
# The "common mistakes" quote the five source articles verbatim (../shared/articles, not shipped with the app):
# each citation ("article 000, lines 57-63" / "文章 000 第 57–63 行") is followed by the quoted passage, a block of
# code or a "> " quote, which must stand in those lines of that article.

ARTICLES = next((p for p in (content.ROOT.parent.parent / "shared" / "articles",
                             content.ROOT.parent.parent.parent / "shared" / "articles") if p.is_dir()), None)
CITATION = re.compile(r"(?:[Aa]rticle (\d{3}), lines? (\d+)(?:-(\d+))?|文章 (\d{3}) 第 (\d+)(?:–(\d+))? 行)")
QUOTE = content.QUOTE


def quotes(stem, lang):
    """[(article, first line, last line, quoted text, the text after it, whether it is code)] of one lesson file."""
    text = (content.ROOT / lang / f"{stem}.md").read_text(encoding="utf-8")
    found = []
    for cite in CITATION.finditer(text):
        g = cite.groups()
        number, first, last = g[:3] if g[0] else g[3:]
        quote = QUOTE.search(text, cite.end())
        assert quote, f"{stem} ({lang}): no quoted passage after {cite.group(0)!r}"
        body = quote.group(1) if quote.group(1) is not None else "\n".join(
            line[2:] for line in quote.group(2).rstrip("\n").split("\n"))
        found.append((number, int(first), int(last or first), body, text[quote.end():].lstrip("\n"),
                      quote.group(1) is not None))
    return found


QUOTES_FILE = Path(__file__).parent / "reference" / "article_quotes.json"      # tests/make_article_quotes.py


def quote_digest(found):
    number, first, last, body = found[:4]
    return hashlib.sha256(f"{number}:{first}-{last}\n{body}".encode()).hexdigest()


def verify(stem, lang, found):
    number, first, last, body = found[:4]
    lines = (ARTICLES / f"article-{number}.txt").read_text(encoding="utf-8").split("\n")
    where = "\n".join(lines[first - 1:last])
    for line in body.split("\n"):
        assert line.strip() in where, f"{stem} ({lang}): {line!r} is not in article {number}, lines {first}-{last}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("stem", content.files("mistake"))
def test_every_mistake_quotes_its_source_article_verbatim_at_the_lines_it_names(stem, lang):
    """Against the articles where they are on the machine; elsewhere against the digests of the quotes as they
    were checked against them (a quote changed since is refused either way)."""
    found = quotes(stem, lang)
    assert found, f"{stem} ({lang}) names no article"
    checked = set(json.loads(QUOTES_FILE.read_text(encoding="utf-8")))
    for quote in found:
        if ARTICLES is not None:
            verify(stem, lang, quote)
        assert quote_digest(quote) in checked, (f"{stem} ({lang}): article {quote[0]}, lines {quote[1]}-{quote[2]} "
                                                "was not checked: run python tests/make_article_quotes.py")


@pytest.mark.parametrize("stem", content.files("mistake"))
def test_both_languages_quote_the_same_passages_and_english_translates_each_chinese_one(stem):
    assert [q[:4] for q in quotes(stem, "en")] == [q[:4] for q in quotes(stem, "zh")]
    for number, first, _, _, after, code in quotes(stem, "en"):
        if not code:
            assert after.startswith("*In English:*"), f"{stem}: article {number}, line {first} is not translated"


def test_article_000s_cell_is_wired_as_its_lines_57_to_63_are_written():
    """weights_input feeds the forget gate's x-term and both terms of the input gate; the output gate and the candidate
    use one matrix for h and x; no biases. Checked by what each weight can move, not by re-deriving the code."""
    from lessons import cells
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 5))
    w = cells.article000_weights(5, seed=3)
    base = cells.article000_lstm(x, w)
    assert np.array_equal(base["f"][0], base["i"][0])                        # h = 0 at the first step
    assert not np.allclose(base["o"], base["i"])                             # not copies of one gate
    zero = cells.article000_lstm(np.zeros((1, 5)), w)
    assert np.all(zero["f"] == 0.5) and np.all(zero["o"] == 0.5) and np.all(zero["g"] == 0)       # no biases
    for name, moves_at_first_step in (("weights_forget", set()), ("weights_input", {"f", "i"}),
                                      ("weights_output", {"o"}), ("weights_cell", {"g"})):
        bumped = cells.article000_lstm(x, {**w, name: w[name] + 0.1})
        moved = {k for k in "figo" if not np.allclose(bumped[k][0], base[k][0])}
        assert moved == moves_at_first_step, name
    bumped = cells.article000_lstm(x, {**w, "weights_forget": w["weights_forget"] + 0.1})
    assert not np.allclose(bumped["f"][1], base["f"][1]) and np.allclose(bumped["i"][1], base["i"][1])
    h_prev = base["h"][0]
    for gate, name in (("i", "weights_input"), ("o", "weights_output")):      # they see h + x only
        assert np.allclose(base[gate][1], cells.sigmoid(w[name] @ (h_prev + x[1])), atol=1e-15)
    assert np.allclose(base["g"][1], np.tanh(w["weights_cell"] @ (h_prev + x[1])), atol=1e-15)


def test_the_relu_demo_runs_the_weights_as_drawn_on_several_seeds(model):
    """Same weights: the hand-written σ run is the engine's run of the unscaled network, for every seed shown."""
    r = demos.relu_gates(model)
    assert [row["seed"] for row in r["rows"]] == [0, 1, 2, 3, 4]
    for row in r["rows"]:
        assert row["sigmoid"]["max_abs_c"] == pytest.approx(row["engine_max_abs_c"], rel=1e-12)
    assert r["trained"]["sigmoid"]["max_abs_c"] == pytest.approx(r["engine_max_abs_c"], rel=1e-4)


# ------------------------------------------------------------------------------- the memory story and the threshold

def body(stem, lang):
    """Title and text of a lesson file, every run of white space one space."""
    return " ".join(" ".join(content.read(stem, lang)).split())


def test_no_text_says_a_plain_rnn_cannot_learn_long_links():
    """The multi-seed runs show a plain RNN learning the first of 20 symbols on most seeds
    (memory_rnn_learns_20_on_most_seeds): the texts say 'hard, and harder as the gap grows', never 'cannot'."""
    for stem in ("step01_rnn_forgets", "interview01_rnn_vs_lstm"):
        assert not re.search(r"cannot \*?learn", body(stem, "en")), stem
        assert "学不到" not in body(stem, "zh"), stem
        assert "harder" in body(stem, "en") and "越长越难" in body(stem, "zh"), stem
        assert "Bengio, Simard and Frasconi 1994" in body(stem, "en")
        assert "Bengio、Simard 和 Frasconi 1994" in body(stem, "zh")


def test_step_7_names_the_other_paths_as_interview_3_does():
    assert "smaller paths" not in body("step07_gradient_through_c", "en")
    assert "other paths" in body("step07_gradient_through_c", "en")
    assert "较小通路" not in body("step07_gradient_through_c", "zh")


@pytest.mark.parametrize("lang, pattern", [("en", r"about (\d+)"), ("zh", r"大约 (\d+)")])
def test_every_text_states_the_one_exploding_threshold_the_engine_finds(lang, pattern):
    onset = demos.explode_onset(60, 0)
    for stem in ("step01_rnn_forgets", "step08_exploding_clipping"):
        found = [float(x) for x in re.findall(pattern + r"(?: times| 倍)?", body(stem, lang))]
        assert found and all(x == onset for x in found), (stem, found, onset)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_1_shows_the_criterion_beside_its_slider(lang):
    at = open_learn(lang, lesson="1")
    at.radio(key="learn_guess_rnn_left20").set_value("under01").run()
    at.button(key="learn_reveal_rnn_left20").click().run()
    for scale in (0.5, 3.0):
        at.slider(key="learn_scale").set_value(scale).run()
        r = demos.explode_criterion(scale)
        shown = shown_text(at)
        assert f"{r['sigma_scaled']:.2f}" in shown and "σ_max" in shown, scale
        key = "compare_criterion_vanish" if r["sigma_scaled"] < 1 else "compare_criterion_may_grow"
        assert (EN if lang == "en" else ZH)[key].split("{")[0] in shown


# -------------------------------------------------------------------------------------- predict, reveal

@pytest.mark.parametrize("question", sorted(demos.ANSWERS))
def test_every_answer_is_computed_and_is_one_of_its_options_in_both_languages(question, model):
    text = demos.LESSON_PROMPT if demos.QUESTION_INPUT.get(question) == "prompt" else demos.LESSON_TEXT
    result = demos.ANSWERS[question](model, text)
    assert result["answer"] in demos.OPTIONS[question]
    numbers = {k: v for k, v in result.items() if k != "answer"}
    for table in (EN, ZH):
        assert table[f"learn_why_{question}"].format(**numbers)
        if question in demos.ASKS:
            assert table[f"learn_ask_{question}"].format(**demos.ASKS[question](model, text))
        for option in demos.OPTIONS[question]:
            assert f"learn_opt_{question}_{option}" in table


def test_every_question_of_the_lesson_is_asked_and_answered():
    asked = [name for stem in content.files("step") for kind, name in content.placeholders(content.read(stem, "en")[1])
             if kind == "predict"]
    assert sorted(asked) == sorted(demos.ANSWERS) == sorted(demos.OPTIONS)


def test_answers_follow_the_computation_not_a_fixed_option(model):
    """An answer is read off the engine's numbers: 'will c hold' is f^30 compared with one half, and what is erased
    is (1 - f) |c_prev| at the step named."""
    held = demos.ANSWERS["c_holds"](model, "")
    assert held["left"] == pytest.approx(held["f"] ** 30, rel=1e-12)
    assert held["answer"] == ("more" if held["f"] ** 30 > 0.5 else "less")
    r = demos.ANSWERS["erase_at_lowest_f"](model, demos.LESSON_TEXT)
    gates, _, _ = demos.run_text(model, demos.LESSON_TEXT)
    f, c = gates["f"], gates["c"]
    assert r["low_f"] == pytest.approx(f[1:].min())
    assert r["top_erased"] == pytest.approx(((1 - f[1:]) * np.abs(c[:-1])).max())
    assert r["top_erased"] == pytest.approx((1 - r["top_f"]) * r["top_c_prev"])


# Each question of the lesson is decided by a clear margin on the lesson's own inputs (a question decided by 0.01 is
# a coin flip): (question, the answer, a check of the margin on its numbers).
MARGINS = [
    ("rnn_left20", "under01", lambda r: r["left"] < 1e-3 / 4),          # the boundary 0.1%, 5 times over
    ("c_exceeds_one", "yes", lambda r: r["max_c"] > 10),
    ("erase_at_lowest_f", "no", lambda r: r["low_f"] < 0.01 and r["top_erased"] > 50 * r["low_erased"]
     and r["top_erased"] > 5),
    ("build_up", "many", lambda r: r["fewest"] > 20 and r["run_up"] > 20 and r["max_write"] < 1),
    ("o_where_c_large", "shut", lambda r: r["shut"] > 0.8 and r["count"] > 100),
    ("c_holds", "less", lambda r: r["left"] < 0.3),
    ("forget1_vs_rnn", "mid", lambda r: 300 < r["ratio"] < 3000),      # a factor 3 inside 100..10,000
    ("clip_value_direction", "changed", lambda r: r["cosine"] < 0.7 and r["share"] > 0.5),
    ("trained_median_f", "between", lambda r: 0.6 < r["trained"] < 0.8 and r["fresh"] < 0.6),
    ("gru_reset", "yes", lambda r: r["r_max"] < 1e-9 and r["carried"] > 0.3),
    ("surer_where", "inside", lambda r: r["after_letter"] > 2 * r["after_space"]),
    ("bi_last_step", "forward", lambda r: r["backward"] == 0.0 and r["forward"] > 1e-3),
    ("context_reach", "words", lambda r: 8 <= r["k90"] <= 14 and r["k50"] <= 6),    # inside 4..20 by a factor 1.4+
]


@pytest.mark.parametrize("question, answer, margin", MARGINS, ids=[m[0] for m in MARGINS])
def test_every_question_is_decided_by_a_clear_margin(question, answer, margin, model):
    text = demos.LESSON_PROMPT if demos.QUESTION_INPUT.get(question) == "prompt" else demos.LESSON_TEXT
    result = demos.ANSWERS[question](model, text)
    assert result["answer"] == answer
    assert margin(result), {k: v for k, v in result.items() if isinstance(v, float)}


@pytest.mark.parametrize("seed", range(4))
def test_the_typical_trained_forget_gate_is_between_on_every_sequence(seed):
    r = demos.trained_median_forget(seed=seed)
    assert 0.6 < r["trained"] < 0.8


def test_the_reset_unit_of_step_3_resets_at_every_space(model):
    r = demos.reset_unit(model, demos.LESSON_TEXT)
    assert r["at_spaces"] < 0.1 and r["elsewhere"] > 0.4 and r["spaces"] >= 10


def test_clipping_by_value_is_compared_with_the_same_gradient_as_by_norm():
    assert demos.clip_by_value()["norm_before"] == pytest.approx(demos.clipping()["norm_before"], rel=1e-12)


# ------------------------------------------------------------------------------------------------ glossary

def chinese_texts():
    lessons = [content.own_words(content.read(stem, "zh")[1]) + content.read(stem, "zh")[0] for stem in ALL]
    strings = [v for k, v in teaching.ZH.items() if k.startswith(("learn_", "compare_"))]
    return lessons + strings


def test_the_chinese_texts_use_the_glossary_terms_and_none_of_the_variants():
    texts = chinese_texts()
    for variant in AVOID:
        assert not [t for t in texts if variant in t], variant
    joined = "".join(content.read(stem, "zh")[1] for stem in ALL)
    for _, _, zh in TERMS[:9]:
        term = zh.split("（")[0]
        assert term in joined, term


def test_the_glossary_is_complete_in_both_languages():
    symbols = {s for s, _, _ in TERMS}
    assert {"f", "i", "o", "g", "c", "h", "r", "z"} <= symbols
    assert all(en and zh for _, en, zh in TERMS)
    for required in ("遗忘门", "输入门", "输出门", "候选记忆元", "记忆元", "隐状态"):
        assert any(required in zh for _, _, zh in TERMS)


# ----------------------------------------------------------------------------------------------- the page

def open_learn(lang, **query):
    return open_page("learn", lang, timeout=120, **query)


def shown_text(at):
    return " ".join(str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "subheader")
                    for e in getattr(at, kind))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_step_runs_and_shows_its_figure_only_after_the_guess_is_revealed(lang):
    at = open_learn(lang)
    for step, stem in enumerate(content.files("step", lang), start=1):
        at.selectbox(key="learn_step").set_value(step).run()
        assert not at.exception, (stem, at.exception)
        assert len(at.get("plotly_chart")) == 0, stem                       # hidden before the guess
        question = [name for kind, name in content.placeholders(content.read(stem, lang)[1]) if kind == "predict"][0]
        options = demos.OPTIONS.get(question) or [at.radio(key=f"learn_guess_{question}").options[0]]
        at.radio(key=f"learn_guess_{question}").set_value(options[0]).run()
        at.button(key=f"learn_reveal_{question}").click().run()
        assert not at.exception, (stem, at.exception)
        assert at.get("plotly_chart"), stem
        assert len(at.success) + len(at.warning) >= 1                        # the verdict
        assert "{{" not in shown_text(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_question_about_a_text_shows_the_text_before_the_guess(lang):
    at = open_learn(lang)
    for step, stem in enumerate(content.files("step", lang), start=1):
        question = [name for kind, name in content.placeholders(content.read(stem, lang)[1]) if kind == "predict"][0]
        if question not in demos.QUESTION_INPUT:
            continue
        at.selectbox(key="learn_step").set_value(step).run()
        text = demos.LESSON_PROMPT if demos.QUESTION_INPUT[question] == "prompt" else demos.LESSON_TEXT
        assert text in [c.value for c in at.code], stem                      # shown, and nothing revealed yet
        assert not at.success and not at.warning, stem


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("part, key, kind", [("interview", "learn_question", "interview"),
                                             ("mistakes", "learn_mistake", "mistake")])
def test_every_interview_question_and_mistake_runs_with_its_demonstration(lang, part, key, kind):
    at = open_learn(lang, part=part)
    for stem in content.files(kind, lang):
        at.selectbox(key=key).set_value(stem).run()
        assert not at.exception, (stem, at.exception)
        assert content.read(stem, lang)[0] in shown_text(at)
        assert "{{" not in shown_text(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_glossary_and_a_deep_link_to_a_step_open(lang):
    at = open_learn(lang, part="glossary")
    assert len(at.table) == 1
    at = open_learn(lang, lesson="6")
    assert at.selectbox(key="learn_step").value == 6


def test_typed_text_reaches_the_figures_and_unknown_characters_are_named():
    at = open_learn("en", lesson="3")
    at.radio(key="learn_guess_erase_at_lowest_f").set_value("yes").run()
    at.button(key="learn_reveal_erase_at_lowest_f").click().run()
    at.text_input(key="learn_text").set_value("tea 🍵 is hot <script>").run()
    assert not at.exception
    assert any(re.search(r"\d+ characters?", w.value) for w in at.warning)          # 🍵, < and > are unknown
    figure = at.get("plotly_chart")[0].proto.spec
    assert "<script" not in figure


def test_step_5_draws_c_on_its_own_axis_and_h_inside_the_band_of_o(model):
    """c reaches 28 on the lesson's sentence: on o's and h's axis the bound |h| <= o could not be seen."""
    from viz import teaching_figures as tf
    r = demos.output_unit(model, demos.LESSON_TEXT, demos.cell_states(model, demos.LESSON_TEXT, 1)["units"][0])
    fig = tf.output_bound(list(range(len(r["c"]))), r["c"], r["tanh_c"], r["o"], r["h"], "t", {"c": "c", "bound": "-o"})
    by_name = {trace.name: trace for trace in fig.data}
    assert by_name["c"].yaxis == "y" and {by_name[k].yaxis for k in ("o", "-o", "h", "tanh(c)")} == {"y2"}
    assert np.abs(by_name["c"].y).max() > 10 and list(fig.layout.yaxis2.range) == [-1.05, 1.05]
    assert np.all(np.abs(by_name["h"].y) <= by_name["o"].y + 1e-6) and np.allclose(by_name["-o"].y, -by_name["o"].y)


# ----------------------------------------------------------------------------------------------- exercises
EXERCISE_STEPS = content.files("step")
# The answer each exercise must compute, by hand from its statement (the engine's answer is checked against it).
BY_HAND = {"ex_write_sum": 8.0, "ex_erase": 2.0, "ex_one_write": 1.7, "ex_h_of_c": 0.5 * np.tanh(2.0),
           "ex_bias_for_90": np.log(0.9 ** (1 / 30) / (1 - 0.9 ** (1 / 30))), "ex_gru_keep": 0.9 ** 20,
           "ex_second_layer": 2 * 4 * (20 * 40 + 20 * 20 + 2 * 20), "ex_clip_entry": 30 * 5 / 50,
           "ex_half_life_c": np.log(0.5) / np.log(1 / (1 + np.exp(-3.0)))}


@pytest.mark.parametrize("stem", EXERCISE_STEPS)
def test_each_step_ends_with_an_exercise_in_both_languages(stem):
    for lang in ("en", "zh"):
        kinds = content.placeholders(content.read(stem, lang)[1])
        assert kinds[-1][0] == "exercise" or kinds[-2][0] == "exercise" and kinds[-1][0] == "link", (stem, lang)


@pytest.mark.parametrize("name", sorted(demos.EXERCISES))
def test_every_exercise_is_computed_by_the_engine_and_phrased_in_both_languages(name, model):
    r = demos.EXERCISES[name](model)
    assert r["tolerance"] >= 0 and np.isfinite(r["answer"])
    if name in BY_HAND:
        assert abs(r["answer"] - BY_HAND[name]) <= max(r["tolerance"] / 10, 1e-9), (r["answer"], BY_HAND[name])
    for table in (EN, ZH):
        assert table[f"learn_ex_{name}"].format(**r) and table[f"learn_ex_why_{name}"].format(**r)


def test_an_exercise_checks_the_answer_typed():
    at = open_learn("en", lesson="2")
    at.radio(key="learn_guess_c_exceeds_one").set_value("yes").run()
    at.button(key="learn_reveal_c_exceeds_one").click().run()
    right, wrong = EN["learn_ex_right"].split("{")[0], EN["learn_ex_wrong"].split("{")[0]
    at.number_input(key="learn_ex_ex_write_sum").set_value(7.0).run()
    at.button(key="learn_ex_check_ex_write_sum").click().run()
    assert not at.exception
    assert any(w.value.startswith(wrong) for w in at.warning) and not any(s.value.startswith(right) for s in at.success)
    at.number_input(key="learn_ex_ex_write_sum").set_value(8.0).run()
    at.button(key="learn_ex_check_ex_write_sum").click().run()
    assert not at.exception and any(s.value.startswith(right) for s in at.success)


def test_the_steps_to_one_percent_exercise_reads_the_factor_it_states(model):
    """Step 1: the factor is the measured one rounded as shown, and the answer is the fewest whole steps n with
    factor^n < 1%."""
    r = demos.EXERCISES["ex_rnn_one_percent"](model)
    assert r["factor"] == pytest.approx(demos.decay_per_step(demos.rnn_reach(1.0)["reach"], 1, 20), abs=0.005)
    n = r["answer"]
    assert n == int(n) and round(r["factor"], 2) ** n < 0.01 <= round(r["factor"], 2) ** (n - 1)


def test_the_half_life_exercise_agrees_with_the_engines_unit():
    """Step 7: c of the engine's one unit with b_f = 3 is above one half before the answer and below it after."""
    r = demos.EXERCISES["ex_half_life_c"](None)
    c = demos.hold_c(3.0, 30)["c"]
    assert c[int(np.floor(r["answer"])) - 1] > 0.5 > c[int(np.ceil(r["answer"])) - 1]


# (lesson step, its first question and an option, the exercise, a wrong answer)
EXERCISE_PAGES = [(1, "rnn_left20", "under01", "ex_rnn_one_percent", 5.0),
                  (7, "forget1_vs_rnn", "mid", "ex_half_life_c", 20.0),
                  (8, "clip_value_direction", "changed", "ex_clip_entry", 30.0)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("step, question, option, name, wrong_value", EXERCISE_PAGES,
                         ids=[e[3] for e in EXERCISE_PAGES])
def test_the_exercises_of_steps_1_7_and_8_accept_the_right_answer_and_refuse_a_wrong_one(
        lang, step, question, option, name, wrong_value, model):
    at = open_learn(lang, lesson=str(step))
    at.radio(key=f"learn_guess_{question}").set_value(option).run()
    at.button(key=f"learn_reveal_{question}").click().run()
    table = EN if lang == "en" else ZH
    right, wrong = table["learn_ex_right"].split("{")[0], table["learn_ex_wrong"].split("{")[0]
    answer = demos.EXERCISES[name](model)["answer"]
    at.number_input(key=f"learn_ex_{name}").set_value(wrong_value).run()
    at.button(key=f"learn_ex_check_{name}").click().run()
    assert not at.exception
    assert any(w.value.startswith(wrong) for w in at.warning) and not any(s.value.startswith(right) for s in at.success)
    at.number_input(key=f"learn_ex_{name}").set_value(answer).run()
    at.button(key=f"learn_ex_check_{name}").click().run()
    assert not at.exception and any(s.value.startswith(right) for s in at.success)


# ------------------------------------------------------------------------------- step 7: BPTT, unrolled

@pytest.mark.parametrize("forget_bias", [0.0, 1.0, 3.0])
def test_the_unrolled_figures_h_arrows_are_the_gradient_reach_curves(forget_bias):
    """The backward arrows on h carry the same numbers as step 1's and step 7's gradient-reach charts
    (analysis.gradient_reach), measured by the engine's backward from each step."""
    r = demos.bptt_paths(forget_bias)
    reach = demos.lstm_reach(forget_bias)
    assert np.allclose(r["lstm"]["h"], reach["lstm"] / reach["lstm"][0], rtol=1e-9, atol=0)
    assert np.allclose(r["rnn"]["h"], reach["rnn"] / reach["rnn"][0], rtol=1e-9, atol=0)
    assert r["rnn"]["h"][0] == 1 and r["lstm"]["h"][0] == 1 and r["lstm"]["c"][0] == 0


def test_the_c_arrows_are_the_gradient_on_c_by_the_engine():
    """The c lane's value d steps back is |dL/dc_t| by the engine's backward run from (h_t, c_t)."""
    from lessons.cells import make_net, set_forget_bias, symbol_sequence
    x, _ = symbol_sequence(60, 0)
    net = set_forget_bias(make_net("lstm", seed=0), 1.0)
    g = net.run(x).gates()
    t = 60 - 1 - 10
    sub = net.run(x[t + 1:], g["h"][t][None], g["c"][t][None])
    d = np.zeros_like(sub.output)
    d[-1] = 1
    dc = np.linalg.norm(net.backward(sub, d)["c0"]) / np.sqrt(16)
    assert demos.bptt_paths(1.0)["lstm"]["c"][10] == pytest.approx(dc, rel=1e-12)


def test_the_unrolled_figure_shades_each_backward_arrow_by_its_measured_gradient():
    from viz import teaching_figures as tf
    r = demos.bptt_paths(1.0)
    rows = [("rnn", "RNN", {"h": r["rnn"]["h"]}), ("lstm", "LSTM", {"c": r["lstm"]["c"], "h": r["lstm"]["h"]})]
    fig = tf.unrolled_bptt(rows, demos.UNROLLED_DISTANCES, 60, {"loss": "L", "forward": "fwd", "backward": "bwd",
                                                                 "skipped": "{n} steps"}, "t")
    arrows = [a for a in fig.layout.annotations if a.showarrow and a.name and a.name.startswith("back")]
    by_name = {a.name: a for a in arrows}
    for cell, _, lanes in rows:
        for lane, values in lanes.items():
            for d in demos.UNROLLED_DISTANCES:
                if lane == "c" and d == 0:
                    continue
                a = by_name[f"back {cell} {lane} {d}"]
                assert f"{values[d]:.2e}" in a.hovertext
    opacity = {name: float(a.arrowcolor.rsplit(",", 1)[1].rstrip(")")) for name, a in by_name.items()}
    assert opacity["back rnn h 40"] < opacity["back lstm c 40"] < opacity["back lstm c 1"]
    assert opacity["back rnn h 0"] == opacity["back lstm h 0"] == 1.0
    widths = {name: a.arrowwidth for name, a in by_name.items()}
    assert widths["back rnn h 40"] < widths["back rnn h 1"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_7_draws_the_unrolled_network_under_the_reach_chart(lang):
    at = open_learn(lang, lesson="7")
    at.radio(key="learn_guess_forget1_vs_rnn").set_value("mid").run()
    at.button(key="learn_reveal_forget1_vs_rnn").click().run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = [s["layout"]["title"]["text"] for s in specs]
    table = EN if lang == "en" else ZH
    assert titles[0] == table["learn_fig_lstm_reach"]
    assert titles[1].startswith(table["learn_fig_unrolled"].split("{")[0])
    at.slider(key="learn_fb_reach").set_value(3.0).run()
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    c40 = [a for a in spec["layout"]["annotations"] if a.get("name") == "back lstm c 40"][0]
    assert f"{demos.bptt_paths(3.0)['lstm']['c'][40]:.2e}" in c40["hovertext"]


# ---------------------------------------------------------------------- step 11: what the prediction used

def test_the_effective_context_is_the_connectivity_of_the_models_own_prediction(model):
    from lstm_core.analysis import prediction_connectivity
    text = demos.LESSON_PROMPT
    r = demos.effective_context(model, text)
    pc = prediction_connectivity(model, text, len(text) - 1)
    assert np.array_equal(r["norms"], pc.norms[:len(text)])
    assert r["char"] == demos.next_chars(model, text, 1)[0][0] == model.vocab.chars[pc.predicted]
    share = np.cumsum(r["norms"][::-1]) / r["norms"].sum()
    assert share[r["k90"] - 1] >= 0.9 > (share[r["k90"] - 2] if r["k90"] > 1 else 0)
    assert share[r["k50"] - 1] >= 0.5 > (share[r["k50"] - 2] if r["k50"] > 1 else 0)


@pytest.mark.parametrize("at", [5, 30, 60, 88])
def test_the_effective_context_at_any_step_of_the_lesson_sentence_is_a_few_words(at, model):
    r = demos.effective_context(model, demos.LESSON_TEXT, at)
    assert 4 <= r["k90"] <= 20 and r["norms"].shape == (at + 1,)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_11_asks_how_far_back_the_prediction_drew_then_shows_it(lang):
    at = open_learn(lang, lesson="11")
    at.radio(key="learn_guess_surer_where").set_value("inside").run()
    at.button(key="learn_reveal_surer_where").click().run()
    charts = len(at.get("plotly_chart"))
    assert at.radio(key="learn_guess_context_reach")                     # asked before the figure shows
    at.radio(key="learn_guess_context_reach").set_value("most").run()
    at.button(key="learn_reveal_context_reach").click().run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts + 1
    at.slider(key="learn_context_at").set_value(10).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert "10" in spec["layout"]["title"]["text"]
