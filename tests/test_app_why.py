"""The why-tools on /sentence, /models and /series (app_pages/why.py), headless: every view in both languages,
the numbers each one shows against lstm_core.analysis, following a unit, the pattern guard, switching off."""
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.strings import EN, ZH
from app_pages.why import SERIES_PRESETS, VIEWS, steps_ago
from lstm_core import analysis, unit_roles
from lstm_core.bundled import load_bundled, names
from lstm_core.card import ModelCard
from lstm_core.network import Clamp
from tests.stepping import step_to
from tests.test_app_pages import APP, html_bodies, open_page, texts

MODEL = names("char_lm")[0]
QUOTED = 'He said "stop" and then "go" (twice) before the 3 doors; "yes" she said, "no" he said.'


def sentence_page(lang=None, text=None, **query):
    return open_page("sentence", lang, **({"text": text} if text is not None else {}), **query)


def open_view(at, view):
    at.segmented_control(key="why_view").set_value(view).run()
    assert not at.exception, at.exception
    return at


def engine_trace(text):
    model = load_bundled(MODEL)
    trace, probs, ids = model.run_text(text)
    return model, trace, probs, ids


# ------------------------------------------------------------------------------------ every view
def test_nothing_is_computed_until_a_tool_is_opened():
    at = sentence_page()
    assert at.segmented_control(key="why_view").value is None
    assert "lx-ledger" not in html_bodies(at) and EN["why_title"] in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_opens_in_both_languages_without_an_exception(view, lang):
    at = open_view(sentence_page(lang, QUOTED, step="20"), view)
    table = EN if lang == "en" else ZH
    how = table[f"why_how_{view}"].split("**")[0][:20]
    assert how not in texts(at)                                 # "how to read this" is drawn once it is opened
    at.session_state["why_how_open"] = True
    at.run()
    shown = texts(at) + html_bodies(at)
    assert how in shown and not at.exception
    if view == "saturation":
        names = {t.get("name") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]}
        assert {table[f"why_gate_{g}"] for g in "fio"} <= names                  # one series per gate
    else:
        marker = {"ledger": "lx-ledger", "connectivity": "lx-why-text", "finder": "lx-why-text",
                  "clamp": "lx-clamp"}[view]
        assert marker in shown


# ------------------------------------------------------------------------------------ ledger
def test_the_ledger_sentence_reads_memory_ledgers_numbers():
    step, unit = 40, 5
    at = open_view(sentence_page(text=QUOTED, step=str(step), unit=str(unit)), "ledger")
    _, trace, _, _ = engine_trace(QUOTED)
    ledger = analysis.memory_ledger(trace, step)
    writes = ledger.writes[:, unit]
    k = int(np.argmax(np.abs(writes[:step])))                   # the largest earlier write (the cursor's own apart)
    c = float(trace.gates()["c"][step, unit])
    body = html_bodies(at)
    sentence = re.search(r'lx-ledger-sentence[^>]*>([^<]*)<', body).group(1)
    assert sentence.startswith(f"c = {c:.2f} at “{QUOTED[step]}”: {writes[k]:.2f} of it was written at "
                               f"“{QUOTED[k]}”"), sentence
    assert sentence.endswith(f"“{QUOTED[k]}”, {steps_ago(step - k, 'en')}, and {ledger.survival[k, unit]:.0%} of that "
                             f"write survives (this step itself wrote {writes[step]:.2f}).")
    assert EN["why_ledger_check"].format(total=float(writes.sum() + ledger.initial[unit]), c=c) in body


def test_the_ledger_follows_the_cursor():
    at = open_view(sentence_page(text=QUOTED, step="10", unit="3"), "ledger")
    assert 'data-step="10"' in html_bodies(at)
    step_to(at, 25)
    assert 'data-step="25"' in html_bodies(at) and 'data-step="10"' not in html_bodies(at)
    step_to(at, at.session_state["step"] + 1)
    assert 'data-step="26"' in html_bodies(at)


# ------------------------------------------------------------------------------------ connectivity
def test_connectivity_shades_only_the_characters_up_to_the_cursor():
    step = 30
    at = open_view(sentence_page(text=QUOTED, step=str(step)), "connectivity")
    model, trace, _, _ = engine_trace(QUOTED)
    x, _ = model.text_inputs(QUOTED)
    expected = analysis.prediction_connectivity(model, x, step).norms
    body = html_bodies(at)
    shaded = re.findall(r'<span title="(\d+): ([^"]+)"', body.split("lx-why-text")[1])
    assert [int(k) for k, _ in shaded] == list(range(step + 1))
    assert [float(v) for _, v in shaded] == pytest.approx(expected[:step + 1], rel=6e-3)    # 3 digits shown


# ------------------------------------------------------------------------------------ unit finder
def finder(at, hypothesis):
    """Open the unit finder on a hypothesis -> the ranked units offered to follow (None when there are none)."""
    open_view(at, "finder")
    at.selectbox(key="why_hyp").set_value(hypothesis).run()
    assert not at.exception, at.exception
    return at.pills[0] if len(at.pills) else None


def ranked(pills):
    """(state, unit) of each offered unit, best first, read from the labels the user sees."""
    return [(label.split(" · ")[1], int(label.split(" · ")[0])) for label in pills.options]


def test_the_unit_finder_ranks_units_as_rank_units_does():
    at = sentence_page(text=QUOTED)
    pills = finder(at, "inside_quotes")
    _, trace, _, _ = engine_trace(QUOTED)
    g = trace.gates()
    labels = unit_roles.feature("inside_quotes", QUOTED)
    auc = analysis.rank_units(np.stack([g["c"], g["h"]]), labels)              # (2, H)
    strength = np.abs(auc - 0.5)
    order = sorted(((s, u) for s in (0, 1) for u in range(auc.shape[1])),
                   key=lambda su: (-strength[su], "ch"[su[0]], su[1]))
    assert ranked(pills) == [("ch"[s], u) for s, u in order[:len(pills.options)]]
    s, u = order[0]
    sign = "+" if auc[s, u] >= 0.5 else "−"
    assert pills.options[0] == f"{u} · {'ch'[s]} · AUC {max(auc[s, u], 1 - auc[s, u]):.2f} {sign}"


def test_following_a_unit_sets_the_pages_unit_shading_and_link():
    at = sentence_page(text=QUOTED)
    pills = finder(at, "inside_quotes")
    state, unit = ranked(pills)[1]
    pills.set_value(f"{state}:{unit}").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="unit").value == int(unit)
    at.session_state["rows_open"] = True                                   # the popover that holds "shade by"
    at.run()
    assert at.radio(key="shade_by").value == state
    assert EN["shaded_title"].format(unit=unit, state=state) in texts(at)
    assert at.query_params["unit"] in (str(unit), [str(unit)])


def test_the_activation_view_underlines_where_the_hypothesis_holds():
    at = sentence_page(text=QUOTED)
    finder(at, "inside_quotes")
    body = html_bodies(at).split("lx-why-text")[1]
    assert body.count("text-decoration:underline") == int(unit_roles.feature("inside_quotes", QUOTED).sum())


def regex(at, pattern):
    finder(at, "regex")
    at.text_input(key="why_regex").set_value(pattern).run()
    assert not at.exception, at.exception
    return at


def test_a_regular_expression_is_a_hypothesis():
    at = regex(sentence_page(text=QUOTED), "[aeiou]")
    count = sum(ch in "aeiou" for ch in QUOTED)
    assert EN["why_regex_matches"].format(count=count, total=len(QUOTED)) in texts(at)
    assert at.pills[0].options


def test_a_catastrophic_pattern_is_answered_with_a_message():
    text = "a" * 1999 + "b"
    at = regex(sentence_page(text=text), "(a+)+$")
    assert EN["why_regex_matches"].format(count=0, total=2000) in texts(at)
    assert at.info[-1].value == EN["why_need_both"].format(count=0, total=2000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_invalid_pattern_is_explained(lang):
    at = regex(sentence_page(lang, text=QUOTED), "(a")
    table = EN if lang == "en" else ZH
    assert at.error[-1].value.startswith(table["why_regex_invalid"].split("{")[0])
    assert "missing )" in at.error[-1].value


def test_steps_picked_on_the_text_are_offered():
    at = sentence_page(text=QUOTED)
    finder(at, "picked")
    assert EN["why_picked_count"].format(count=0) in texts(at)
    assert any("markers+text" in c.proto.spec for c in at.get("plotly_chart"))


# ------------------------------------------------------------------------------------ saturation
def test_saturation_on_the_users_text_counts_gates_as_gate_saturation_does():
    at = open_view(sentence_page(text=QUOTED), "saturation")
    if at.radio(key="why_saturation_source").value != "input":         # the card's held-out view comes first
        at.radio(key="why_saturation_source").set_value("input").run()
    _, trace, _, _ = engine_trace(QUOTED)
    sat = analysis.gate_saturation({k: trace.gates()[k] for k in "fio"}, low=0.1, high=0.9)
    f = np.asarray(sat["f"].high)
    remember = int(np.sum(f > 0.5))
    assert f"(these units remember): {remember} of {f.size} units." in html_bodies(at)


# ------------------------------------------------------------------------------------ switching off
def test_switching_the_unit_off_changes_the_predictions():
    step, unit = 30, 7
    at = open_view(sentence_page(text=QUOTED, step=str(step), unit=str(unit)), "clamp")
    model, _, probs, ids = engine_trace(QUOTED)
    x, _ = model.text_inputs(QUOTED)
    trace = model.net.run(x, clamp=Clamp((unit,), state="both", value=0.0), record=False)
    logits = trace.output @ model.head_weight.T + model.head_bias
    after = np.exp(logits - logits.max(-1, keepdims=True))
    after /= after.sum(-1, keepdims=True)
    body = html_bodies(at)
    table = body.split("lx-clamp")[1]
    before_top = int(np.argmax(probs[step]))
    assert f"{probs[step, before_top]:.1%}" in table and f"{after[step, before_top]:.1%}" in table
    assert not np.allclose(after, probs)
    nxt = ids[1:]
    delta = np.log(after[np.arange(len(nxt)), nxt]) - np.log(probs[np.arange(len(nxt)), nxt])
    assert f"{delta.mean():+.3f}" in body


def test_switching_off_the_top_units_of_a_hypothesis():
    at = sentence_page(text=QUOTED)
    pills = finder(at, "inside_quotes")
    top = sorted({u for _, u in ranked(pills)[:3]})
    open_view(at, "clamp")
    at.radio(key="why_clamp_what").set_value("top").run()
    assert not at.exception
    assert EN["why_clamp_units"].format(units="units " + ", ".join(map(str, top))) in html_bodies(at)


# ------------------------------------------------------------------------------------ other pages
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_runs_on_a_text_model_on_the_models_page(view):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/models.py").run()
    open_view(at, view)
    assert texts(at) or html_bodies(at)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_runs_on_a_bundled_series(view):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["step"] = "30"
    at.run()
    at.switch_page("app_pages/series.py").run()
    open_view(at, view)
    if view == "finder":
        for name in SERIES_PRESETS:
            at.selectbox(key="why_hyp").set_value(name).run()
            assert not at.exception, (name, at.exception)


# ------------------------------------------------------------------------------------ the card's saturation
def test_the_saturation_card_read_in_chunks_equals_one_pass_over_the_text():
    from tools.saturation_cards import saturation_card
    model = load_bundled(MODEL)
    text = (QUOTED + "\n") * 60                                                  # 5,400 characters
    card = saturation_card(model, text, chunk=1000)
    whole = analysis.gate_saturation(model.run_text(text)[0].gates(), low=0.1, high=0.9)
    assert card["characters"] == len(text) and card["low"] == 0.1 and card["high"] == 0.9
    (entry,) = card["layers"]
    for gate in "fio":
        assert entry[gate]["low"] == pytest.approx(np.round(whole[gate].low, 4), abs=1e-4)
        assert entry[gate]["high"] == pytest.approx(np.round(whole[gate].high, 4), abs=1e-4)


def test_a_card_with_held_out_saturation_is_offered_first(monkeypatch):
    from app_pages import why
    card = ModelCard.from_dict({"saturation": {"characters": 10, "low": 0.1, "high": 0.9, "layers": [
        {"layer": 0, "direction": 0, **{g: {"low": [1.0] * 128, "high": [0.0] * 128} for g in "fio"}}]}})
    held = why.held_out_saturation(card, 0, 0)
    assert held["f"]["low"].tolist() == [1.0] * 128 and why.held_out_saturation(card, 1, 0) is None
    monkeypatch.setattr(why, "held_out_saturation", lambda card, layer, direction: held)
    at = open_view(sentence_page(text=QUOTED), "saturation")
    assert at.radio(key="why_saturation_source").value == "held_out"
    assert EN["why_saturation_sentence"].format(remember=0, forget=128, ignore=128, units=128) in html_bodies(at)


def test_the_switched_off_run_keeps_only_what_the_view_shows_and_it_is_exact():
    from app_pages.reading import read_text
    from app_pages.why import clamped_run
    model, _, probs, ids = engine_trace(QUOTED)
    x, _ = model.text_inputs(QUOTED)
    reading = read_text(model, MODEL, QUOTED, QUOTED)
    switched = clamped_run(reading, 0, 0, (3, 9), chunk=16)
    logits = model.net.run(x, clamp=Clamp((3, 9)), record=False).output @ model.head_weight.T + model.head_bias
    full = np.exp(logits - logits.max(-1, keepdims=True))
    full /= full.sum(-1, keepdims=True)
    for step in (0, 17, len(QUOTED) - 1):
        shown = set(switched.top[step]) | set(switched.before_top[step])
        assert switched.at(step)[sorted(shown)] == pytest.approx(full[step, sorted(shown)], rel=1e-4)  # float32
        assert list(switched.top[step]) == list(np.argsort(-full[step], kind="stable")[:5])
    known = ids[1:] >= 0                                  # the model may not know every next character (nan there)
    expected = np.log(full[np.arange(len(ids) - 1), ids[1:]])
    assert switched.next_log_probs[known] == pytest.approx(expected[known], rel=1e-4)
    assert np.isnan(switched.next_log_probs[~known]).all()
    assert max(a.size for a in vars(switched).values() if isinstance(a, np.ndarray)) == len(QUOTED) * 5


@pytest.mark.parametrize("kind, kw", [("lstm", {}), ("gru", {})])
def test_every_view_runs_on_an_uploaded_two_layer_bidirectional_network_that_reads_text(kind, kw):
    from lstm_core import RecurrentNet
    from lstm_core.weights_io import save_net_safetensors
    vocab = list(" abcdefghijklmnopqrstuvwxyz")
    net = RecurrentNet.create(kind, len(vocab), 6, num_layers=2, bidirectional=True, seed=2, **kw)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/models.py").run()
    at.file_uploader(key="weights").set_value(("net.safetensors", save_net_safetensors(net, {"vocab": vocab}),
                                               "application/octet-stream")).run()
    assert not at.exception, at.exception
    at.selectbox(key="layer").set_value(0).run()
    at.radio(key="direction").set_value(1).run()
    step_to(at, 5)
    for view in VIEWS:
        open_view(at, view)
        if view == "finder":
            at.selectbox(key="why_hyp").set_value("start_of_word").run()
        assert not at.exception, (view, at.exception)
    open_view(at, "ledger")
    assert 'data-step="5"' in html_bodies(at)


def test_units_of_a_projected_lstm_are_ranked_state_by_state():
    from app_pages.why import rank
    rng = np.random.default_rng(0)
    labels = rng.random(50) > 0.5
    gates = {"c": rng.standard_normal((50, 6)), "h": rng.standard_normal((50, 3))}
    gates["h"][:, 2] += 10 * labels                                              # a perfect detector
    rows = rank(gates, labels)
    assert len(rows) == 9 and rows[0][:2] == ("h", 2) and rows[0][2] == 1.0
    assert [s for s, u, _, _ in rows].count("h") == 3


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_connectivity_through_the_last_window_only_equals_the_whole_backward_there(kind):
    from app_pages.reading import Reading
    from app_pages.why import connectivity_at, connectivity_start
    from lstm_core import RecurrentNet
    net = RecurrentNet.create(kind, 4, 5, num_layers=2, seed=3, dtype="float64")
    x = np.random.default_rng(1).standard_normal((60, 4))
    reading = Reading(("w", kind), "weights", net, net.run(x), [str(k) for k in range(60)])
    step = 50
    start = connectivity_start(net.config, step, window=20)
    assert start == 31
    windowed, _, _ = connectivity_at(reading, step, unit=2, window=20)
    d_output = np.zeros(5)
    d_output[2] = 1
    whole = analysis.connectivity(net, x, step, d_output)
    assert windowed[start:] == pytest.approx(whole[start:], rel=1e-10, abs=1e-14)
    assert not windowed[:start].any()


def test_the_finder_opens_on_the_first_hypothesis_that_holds_somewhere_in_the_text():
    at = open_view(sentence_page(text="plain words here and there"), "finder")
    # the card's own features come first: no speaker line and no line break here, but a position in the line
    assert at.selectbox(key="why_hyp").value == "position_in_line"
    assert len(at.pills) == 1


def test_a_tools_choices_stay_while_another_tool_is_open_and_after_an_empty_text():
    at = open_view(sentence_page(text=QUOTED), "finder")
    at.selectbox(key="why_hyp").set_value("vowel").run()
    open_view(at, "clamp")
    at.radio(key="why_clamp_value").set_value("mean").run()
    open_view(at, "ledger")
    at.text_area(key="text").set_value("").run()                       # the page stops before the tools
    at.text_area(key="text").set_value(QUOTED).run()
    open_view(at, "finder")
    assert at.selectbox(key="why_hyp").value == "vowel"
    open_view(at, "clamp")
    assert at.radio(key="why_clamp_value").value == "mean" and not at.exception


# ------------------------------------------------------------------------------------ too little evidence
def support_line(table, labels):
    s = analysis.hypothesis_support(labels)
    return table["why_support"].format(holds=s.holds, runs=s.runs_holds, fails=s.fails, runs_fails=s.runs_fails)


def test_four_line_breaks_are_not_ranked_as_evidence():
    text = "to be\nor not\nto be\nthat is\nthe question"              # 4 steps before a line break
    at = sentence_page(text=text)
    pills = finder(at, "newline_next")
    table = EN
    labels = unit_roles.feature("newline_next", text)
    assert int(labels.sum()) == 4
    assert support_line(table, labels) in texts(at)
    assert table["why_not_evidence"].format(least=10) in [w.value for w in at.warning]
    assert pills is None                                                   # no ranking offered to follow


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_long_block_is_not_ranked_as_evidence(lang):
    text = "x = 1\n" + '"' + "a docstring that runs on for quite a while" + '"' + "\ny = 2\nz = 3\n"
    at = regex(sentence_page(lang, text=text), '"[^"]*"')               # one run of 44 steps
    table = EN if lang == "en" else ZH
    assert table["why_support"].format(holds=44, runs=1, fails=len(text) - 44, runs_fails=2) in texts(at)
    assert table["why_not_evidence"].format(least=10) in [w.value for w in at.warning]
    assert not len(at.pills)
    open_view(at, "clamp")
    at.radio(key="why_clamp_what").set_value("top").run()                 # nothing ranked: nothing to switch off
    assert at.info[-1].value == table["why_clamp_no_ranking"]


def test_enough_steps_in_several_runs_are_ranked_and_counted():
    at = sentence_page(text=QUOTED)
    pills = finder(at, "inside_quotes")
    labels = unit_roles.feature("inside_quotes", QUOTED)
    assert support_line(EN, labels) in texts(at)
    assert pills is not None and EN["why_not_evidence"].format(least=10) not in [w.value for w in at.warning]
