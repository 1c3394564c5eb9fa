"""The "why did it do that" tools at the cursor: memory ledger, connectivity, unit finder, gate saturation and
switching units off. Pages call why_panels with their reading (app_pages/reading.py: the trace the page drew, never
a second run) from inside the step fragment, so the tools follow the cursor.

Nothing is computed until a tool is opened; then only that tool runs, and its result is kept per (tool, step,
unit, ...) in this session (a bounded cache), so stepping back and forth with a tool open costs a lookup.
"""
import html
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import streamlit as st

from app_pages.common import T, keep, option_labels, per_view, translated_labels
from app_pages.cursor import Cursor
from app_pages.strings import t
from lstm_core import analysis, unit_roles
from lstm_core.network import Clamp
from viz import panels
from viz import why_figures as wf
from viz.figures import token_label

VIEWS = ("ledger", "connectivity", "finder", "saturation", "clamp")
CACHE_ENTRIES = 64
TOP_UNITS = 10             # units offered to follow
CLAMP_TOP = 3              # "the top units of a hypothesis" switched off together
TEXT_PRESETS = ("inside_quotes", "inside_brackets", "bracket_depth", "start_of_word", "position_in_word",
                "position_in_line", "vowel", "digit", "uppercase", "punctuation")
MODEL_PRESETS = {          # models whose text has features of its own: those first
    "char_tang": ("position_in_verse", "line_end", "second_line", "punctuation", "position_in_line"),
    "char_python": ("in_string", "in_one_line_string", "in_triple_string", "in_prose", "bracket_depth", "indent",
                    "inside_brackets", "newline_next", "position_in_line", "start_of_word", "digit", "uppercase",
                    "punctuation"),
    "char_shakespeare": ("speaker_line", "newline_next", *TEXT_PRESETS),
}
SERIES_PRESETS = ("above_mean", "rising", "peak", "since_peak", "season_position")
SATURATION_GATES = ("f", "i", "o", "z", "r")     # an LSTM's gates, or a GRU's


# ------------------------------------------------------------------------------------------ entry point
def why_panels(reading, step, unit, layer=0, direction=0):
    """The tools on a reading (app_pages/reading.py: its trace, as the page drew it) at the step and unit the
    cursor shows. -> the unit the user chose to follow, or None."""
    return _panels(reading, step, unit, layer, direction)


# ------------------------------------------------------------------------------------------ the panel
def tool_open():
    """Whether a why-tool is open (the stepper then sends a step as soon as stepping starts, so the tool follows
    without waiting for the pause)."""
    return st.session_state.get("why_view") is not None


def _panels(reading, step, unit, layer, direction):
    """The tool picker and the open tool. -> the unit the user chose to follow, or None."""
    _apply_follow()
    st.subheader(T("why_title"))
    view = st.segmented_control(T("why_pick_view"), VIEWS, key="why_view",
                                format_func=option_labels("why_view_", "why_view"))
    if view is None:
        return None
    how = st.expander(T("why_how"), key="why_how_open", on_change="rerun")
    if how.open:                                # drawn only when open: the browser renders it on every step move
        how.markdown(T(f"why_how_{view}"))
    draw = {"ledger": _ledger_view, "connectivity": _connectivity_view, "finder": _finder_view,
            "saturation": _saturation_view, "clamp": _clamp_view}[view]
    out = Blocks()
    draw(out, reading, step, unit, layer, direction)
    out.flush()
    return st.session_state.get("_why_followed")


def cached(kind, key, build):
    """build() once per (kind, key) in this session; the last CACHE_ENTRIES results are kept."""
    store = st.session_state.setdefault("_why_cache", OrderedDict())
    full = (kind, key)
    if full in store:
        store.move_to_end(full)
        return store[full]
    value = build()
    store[full] = value
    while len(store) > CACHE_ENTRIES:
        store.popitem(last=False)
    return value


class Blocks:
    """HTML gathered into as few st.html elements as possible: each element costs the browser time on every
    step move. add() and note() buffer; flush() draws what was gathered (call it before a widget or chart)."""

    def __init__(self):
        self.parts = []

    def add(self, body):
        self.parts.append(body)

    def note(self, text):
        self.parts.append(panels.note(text))

    def title(self, text):
        self.parts.append(f"<div style='font-weight:600;margin:.5rem 0 .3rem'>{html.escape(text)}</div>")

    def flush(self):
        if self.parts:
            st.html("".join(self.parts))
        self.parts = []


def _plain(ch):
    """A character as it reads in a sentence (whitespace made visible, nothing escaped yet)."""
    return html.unescape(token_label(ch))


def _label(reading, k):
    return _plain(reading.text[k]) if reading.is_text else html.unescape(reading.tokens[k])


# ------------------------------------------------------------------------------------------ ledger
def _ledger_view(out, reading, step, unit, layer, direction):
    gates = reading.gates[(layer, direction)]
    if reading.net.config.kind == "rnn":
        st.info(T("why_no_cell"))
        return
    numbers, steps, writes, initial, half_lives = cached(
        "ledger", (reading.key, step, unit, layer, direction), lambda: ledger_at(reading, step, unit, layer, direction))
    out.title(T("why_ledger_title", unit=unit, step=step))
    sentence = ledger_sentence(numbers, _label(reading, step), _label(reading, numbers["source"]),
                                  st.session_state.get("lang", "en"))
    start = "c₋₁" if "c" in gates else "h₋₁"
    out.add(f'<p class="lx-ledger-sentence" style="font-size:1.05rem">{html.escape(sentence)}</p>'
            + wf.ledger_html(steps, writes, initial, reading.tokens, step, unit, start_label=start,
                             older_label=html.escape(T("why_ledger_older")))
            + panels.note(T("why_ledger_check", total=numbers["total"], c=numbers["c"])))
    out.title(T("why_half_lives_title"))
    finite = half_lives[np.isfinite(half_lives)]
    out.add(wf.half_life_html(half_lives, unit))
    out.note(T("why_half_life_sentence", unit=unit, half_life=_steps(half_lives[unit]),
               median=_steps(float(np.median(finite))) if finite.size else _steps(np.inf)))


def ledger_at(reading, step, unit, layer, direction):
    """-> (numbers for the sentence, and for `unit` in reading order: the step of each write, what survives of
    it at `step`, what survives of the initial state; half-lives of every unit at `step`). An LSTM's cell
    (analysis.memory_ledger); a GRU's h (analysis.gru_ledger)."""
    trace = reading.trace
    lstm = reading.net.config.kind == "lstm"
    ledger = (analysis.memory_ledger if lstm else analysis.gru_ledger)(trace, step, layer, direction)
    order = slice(None) if direction == 0 else slice(None, None, -1)     # reading order: farthest first
    steps = np.asarray(ledger.steps)[order]
    writes = np.asarray(ledger.writes[order, unit], float)            # one unit's column, then float64
    survival = np.asarray(ledger.survival[order, unit], float)
    initial = float(np.asarray(ledger.initial)[unit])
    state = float(trace.gates(layer, direction)["c" if lstm else "h"][step, unit])
    numbers = wf.ledger_numbers(steps, writes, survival, initial, state, step)
    half_lives = np.asarray(analysis.half_lives(trace, step, layer, direction), float)
    return numbers, steps, writes, initial, half_lives


def _steps(value):
    return T("why_forever") if not np.isfinite(value) or value > 1e6 else f"{value:.1f}"


# ------------------------------------------------------------------------------------------ connectivity
def _connectivity_view(out, reading, step, unit, layer, direction):
    mine = (unit, direction) if reading.head is None else None          # without a read-out: this unit's h
    magnitude, guess, prob = cached("connectivity", (reading.key, step, mine),
                                    lambda: connectivity_at(reading, step, unit, direction))
    out.title(T("why_connectivity_title" if reading.is_text else "why_connectivity_title_series", step=step))
    if reading.is_text:
        shaded = wf.connectivity_html(reading.text, magnitude, step)
        out.add(f'<div class="lx-connectivity" data-step="{int(step)}">{shaded}</div>')
    else:
        out.flush()
        st.plotly_chart(wf.series_connectivity_figure(reading.tokens, reading.values[:len(reading.tokens)],
                                                      magnitude, step), key="why_connectivity_chart")
    if reading.head is None:
        out.note(T("why_connectivity_unit", unit=unit, layer=reading.net.config.num_layers - 1))
    before = magnitude[:step + 1]
    if before.sum() > 0:
        k = int(np.argmax(before))
        common = {"token": _label(reading, step), "source": _label(reading, k), "recent": float(
            before[max(0, step - 9):].sum() / before.sum()), "ago": steps_ago(step - k, st.session_state.get(
                "lang", "en"))}
        if guess is None:
            out.note(T("why_connectivity_sentence_unit", unit=unit, **common))
        elif not reading.is_text:
            out.note(T("why_connectivity_sentence_series", guess=guess, **common))
        else:
            out.note(T("why_connectivity_sentence", guess=_plain(reading.chars[guess]), prob=prob, **common))


def connectivity_at(reading, step, unit, direction=0, window=wf.CONNECTIVITY_WINDOW):
    """-> ((T,) how strongly each input moved the prediction at `step`, the prediction (a character id or a
    forecast), its probability). A character model's prediction is log p of its most likely next character
    (as analysis.prediction_connectivity); a forecaster's is its forecast; without a read-out, h of `unit`."""
    guess = prob = None
    if reading.head is not None and reading.is_text:
        p = reading.probs[step].astype(np.float64)
        guess = int(np.argmax(p))
        prob = float(p[guess])
        weight = reading.head[0].astype(np.float64)
        d_output = weight[guess] - p @ weight                    # d log p[guess] / d output[t]
    elif reading.head is not None:
        d_output = reading.head[0][0].astype(np.float64)         # d forecast / d output[t] (in scaled units)
        guess = float(reading.forecasts[step])
    else:                                               # h of the unit in the last layer's output
        cfg = reading.net.config
        d_output = np.zeros(cfg.output_size * cfg.directions)
        d_output[direction * cfg.output_size + min(unit, cfg.output_size - 1)] = 1
    start = connectivity_start(reading.net.config, step, window)
    if start == 0:
        magnitude = analysis.connectivity(reading.net, reading.x, step, d_output, *reading.initial(),
                                          trace=reading.trace)
    else:
        magnitude = np.zeros(len(reading.x))                # the window's steps as recorded: no forward again
        window = analysis.trace_window(reading.trace, start, step + 1)
        magnitude[start:step + 1] = analysis.connectivity(reading.net, reading.x[start:step + 1], step - start,
                                                          d_output, trace=window)
    return np.asarray(magnitude, float), guess, prob


def connectivity_start(cfg, step, window=wf.CONNECTIVITY_WINDOW):
    """The first step whose influence is computed: the view shows the last `window` characters up to the cursor,
    so a one-direction network backpropagates only through those (exact for them: the state before the window
    does not depend on their inputs). A bidirectional network reads the future too: all steps."""
    return 0 if cfg.bidirectional else max(0, step + 1 - window)


# ------------------------------------------------------------------------------------------ unit finder
def presets(reading):
    if not reading.is_text:
        return SERIES_PRESETS
    own = [u.feature for u in reading.card.units if u.feature in unit_roles.FEATURES]
    base = MODEL_PRESETS.get(reading.name, TEXT_PRESETS)
    return tuple(dict.fromkeys([*own, *base]))


def hypothesis_values(reading, name):
    """(T,) labels of a preset hypothesis on the reading's input."""
    if reading.is_text:
        return np.asarray(unit_roles.feature(name, reading.text))
    features = cached("series_features", reading.key, lambda: wf.series_features(reading.values[:len(reading.x)]))
    return features.get(name)


def _finder_view(out, reading, step, unit, layer, direction):
    options = [*presets(reading), *(["regex"] if reading.is_text else []), "picked"]
    keep("why_hyp", every_page=True)
    if st.session_state.get("why_hyp") not in options:        # the first preset that says something here
        usable = [n for n in presets(reading) if unusable(hypothesis_values(reading, n)) is None]
        st.session_state["why_hyp"] = (usable or options)[0]
    name = st.selectbox(T("why_hypothesis"), options, key="why_hyp", format_func=option_labels("why_hyp_", "why_hyp"))
    labels = custom_labels(reading, name) if name in ("regex", "picked") else hypothesis_values(reading, name)
    if labels is None:
        return
    problem = unusable(labels)
    if problem:
        st.info(problem)
        return
    gates = reading.gates[(layer, direction)]
    if labels.dtype == bool:
        support = analysis.hypothesis_support(labels)
        st.caption(T("why_support", holds=support.holds, runs=support.runs_holds, fails=support.fails,
                     runs_fails=support.runs_fails))
        if not support.enough:                           # a score from so little is not evidence: no ranking
            st.warning(T("why_not_evidence", least=analysis.MIN_SUPPORT_STEPS))
            st.session_state["_why_ranked"] = []
            state = "h" if unit < gates["h"].shape[1] else "c"          # a projected h is narrower than c
            _activation(out, reading, name, labels, gates, state, unit, layer, direction)
            return
    ranked = cached("rank", (reading.key, layer, direction, name, _digest(labels)),
                    lambda: rank(gates, labels))
    st.session_state["_why_ranked"] = [(s, u) for s, u, _, _ in ranked]
    metric = "AUC" if labels.dtype == bool else "r"
    shown = ranked[:TOP_UNITS]
    choices = [f"{s}:{u}" for s, u, _, _ in shown]
    rows = {f"{s}:{u}": T("why_rank_label", unit=u, state=s, metric=metric, score=score, sign="+" if sign >= 0 else "−")
            for s, u, score, sign in shown}
    pick_key = f"why_follow_{_digest(labels)}_{layer}_{direction}"
    picked = st.session_state.get(pick_key)
    if picked and int(picked.split(":")[1]) != unit:
        st.session_state[pick_key] = None               # the page follows another unit now: none is picked here
    picked = st.pills(T("why_follow"), choices, key=pick_key, format_func=rows.get, on_change=_follow,
                      args=(pick_key,))
    state, best = (picked or choices[0]).split(":")
    _activation(out, reading, name, labels, gates, state, best, layer, direction)


def _activation(out, reading, name, labels, gates, state, best, layer, direction):
    """One unit's state over the input, with the hypothesis underlined (text) or drawn beside it (series)."""
    values = gates[state][:, int(best)]
    if reading.is_text:
        out.title(T("why_best_unit_title", unit=best, state=state))
        out.add(cached("activation_html", (reading.key, layer, direction, name, _digest(labels), state, best),
                       lambda: wf.activation_html(reading.text, values, labels)))     # the same at every step
    else:
        out.title(T("why_best_unit_title_series", unit=best, state=state))
        out.flush()
        names = {"series": T("truth"), "unit": T("why_unit_state", unit=best, state=state),
                 "hypothesis": T(f"why_hyp_{name}")}
        st.plotly_chart(wf.series_activation_figure(reading.tokens, reading.values[:len(values)], values, labels,
                                                    names), key="why_series_activation")


def rank(gates, labels):
    """[(state, unit, score, sign)] best first, over c (when there is one) and h, scored by analysis.rank_units:
    score is the AUC read in the unit's own direction (max(AUC, 1 - AUC)) for a yes/no hypothesis, |r| for a
    number; sign says which way (+: higher where the hypothesis holds, or grows with it)."""
    states = [s for s in ("c", "h") if s in gates]
    if len({gates[s].shape for s in states}) == 1:
        scores = np.asarray(analysis.rank_units(np.stack([gates[s] for s in states]), labels), float)   # (K, H)
    else:                                               # a projected h is narrower than c
        scores = [np.asarray(analysis.rank_units(gates[s], labels), float) for s in states]
    centre = 0.5 if labels.dtype == bool else 0.0
    rows = [(state, u, centre + abs(s - centre), 1 if s >= centre else -1)
            for state, row in zip(states, scores, strict=True) for u, s in enumerate(row)]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return rows


def _digest(labels):
    return hash(np.asarray(labels).tobytes()) & 0xFFFFFFFF


def unusable(labels):
    """A message if nothing can be ranked: a yes/no hypothesis that always or never holds, a constant number."""
    labels = np.asarray(labels)
    if labels.dtype == bool:
        count = int(labels.sum())
        return T("why_need_both", count=count, total=len(labels)) if count in (0, len(labels)) else None
    return T("why_constant") if np.ptp(labels) == 0 else None


def custom_labels(reading, name):
    """(T,) bool from the user's regular expression or from steps picked with the mouse; None after saying
    what is missing or wrong."""
    if name == "regex":
        keep("why_regex", "", every_page=True)
        pattern = st.text_input(T("why_regex"), key="why_regex", help=T("why_regex_help"))
        try:
            mask = cached("regex", (reading.key, pattern), lambda: wf.pattern_mask(pattern, reading.text))
        except wf.PatternError as err:
            (st.info if err.key == "why_regex_empty" else st.error)(T(err.key, detail=err.detail))
            return None
        st.caption(T("why_regex_matches", count=int(mask.sum()), total=len(mask)))
        return mask
    if reading.is_text:
        fig = per_view("why_picker_figure", reading.key, lambda: wf.text_picker_figure(reading.text, []))
    else:
        fig = per_view("why_picker_figure", reading.key, lambda: wf.series_picker_figure(
            reading.tokens, reading.values[:len(reading.x)]))
    st.caption(T("why_picker_title"))
    event = st.plotly_chart(fig, key="why_picker", on_select="rerun", selection_mode=("box", "lasso", "points"),
                            config={"displaylogo": False})
    steps = [p.get("customdata", p.get("point_index")) for p in (event or {}).get("selection", {}).get("points", [])]
    steps = [s[0] if isinstance(s, list) else s for s in steps if s is not None]
    mask = wf.steps_mask(steps, len(reading.x))
    st.caption(T("why_picked_count", count=int(mask.sum())))
    return mask


def _follow(key):
    """Callback of the ranked units: make the chosen one the page's unit (and the state it was found in the
    one the text is shaded by). Callbacks run before the script, when widget values may still change."""
    picked = st.session_state.get(key)
    if not picked:
        return
    state, unit = picked.split(":")
    Cursor.follow(int(unit), state)
    st.session_state["_why_followed"] = int(unit)
    st.session_state["_why_follow_rerun"] = True


def _apply_follow():
    """A unit followed from inside the step fragment must reach the whole page (picker, shaded text, link):
    one full rerun."""
    if st.session_state.pop("_why_follow_rerun", False):
        st.rerun(scope="app")


# ------------------------------------------------------------------------------------------ saturation
def _saturation_view(out, reading, step, unit, layer, direction):
    gates = reading.gates[(layer, direction)]
    names = [g for g in SATURATION_GATES if g in gates]
    if not names:
        st.info(T("why_no_cell"))
        return
    held = held_out_saturation(reading.card, layer, direction)
    source = "input"
    if held is not None:
        keep("why_saturation_source", "held_out", valid=lambda v: v in ("held_out", "input"), every_page=True)
        source = st.radio(T("why_saturation_source"), ["held_out", "input"], key="why_saturation_source",
                          horizontal=True, format_func=option_labels("why_saturation_", "why_saturation_source"))
    elif reading.name:
        st.caption(T("why_saturation_missing"))
    if source == "held_out" and held is not None:
        saturation = held
    else:
        saturation = cached("saturation", (reading.key, layer, direction),
                            lambda: saturation_of({k: gates[k] for k in names}))
    labels = {k: T(f"why_saturation_{k}") for k in ("x", "y", "hover")}
    labels.update({g: T(f"why_gate_{g}") for g in names})
    fig = cached("saturation_figure", (reading.key, layer, direction, source, unit, st.session_state.get("lang")),
                 lambda: wf.saturation_figure(saturation, unit, labels))
    out.title(T("why_saturation_title"))
    out.flush()
    st.plotly_chart(fig, key="why_saturation_chart")
    key = "why_saturation_sentence" if "f" in saturation else "why_saturation_sentence_gru"
    out.note(T(key, **wf.saturation_summary(saturation)))


def saturation_of(gates):
    """{gate: {"low": (H,), "high": (H,)}}: analysis.gate_saturation with low 0.1 and high 0.9."""
    sat = analysis.gate_saturation(gates, low=0.1, high=0.9)
    return {g: {"low": np.asarray(sat[g].low, float), "high": np.asarray(sat[g].high, float)} for g in sat}


def held_out_saturation(card, layer, direction):
    """The saturation the card carries (tools/saturation_cards.py) for this layer and direction, or None."""
    entry = card.saturation_of(layer, direction)
    if entry is None:
        return None
    return {g: {"low": np.asarray(shares.low, float), "high": np.asarray(shares.high, float)}
            for g, shares in entry.gates().items() if g in SATURATION_GATES}


# ------------------------------------------------------------------------------------------ switching off
def _clamp_view(out, reading, step, unit, layer, direction):
    if reading.head is None:
        st.info(T("why_clamp_no_head"))
        return
    ranked = st.session_state.get("_why_ranked") or []
    c1, c2 = st.columns(2)
    keep("why_clamp_what", "unit", valid=lambda v: v in ("unit", "top"), every_page=True)
    keep("why_clamp_value", "zero", valid=lambda v: v in ("zero", "mean"), every_page=True)
    what = c1.radio(T("why_clamp_what"), ["unit", "top"], key="why_clamp_what", horizontal=True,
                    format_func=translated_labels("why_clamp_what", lambda w, lang: t(
                        "why_clamp_unit", lang, unit=unit) if w == "unit" else t("why_clamp_top", lang, k=CLAMP_TOP)))
    value = c2.radio(T("why_clamp_value"), ["zero", "mean"], key="why_clamp_value", horizontal=True,
                     format_func=option_labels("why_clamp_value_", "why_clamp_value"))
    if what == "top" and not ranked:
        st.info(T("why_clamp_no_ranking"))
    units = (tuple(sorted({u for _, u in ranked[:CLAMP_TOP]})) if what == "top" and ranked else (unit,))
    out.title(T("why_clamp_title"))
    named = T("why_unit_one", unit=units[0]) if len(units) == 1 else T("why_units_many",
                                                                        units=", ".join(map(str, units)))
    out.note(T("why_clamp_units", units=named))
    after = cached("clamp", (reading.key, layer, direction, units, value),
                   lambda: clamped_run(reading, layer, direction, units, value))
    if reading.is_text:
        before = reading.probs
        out.add(f'<div data-step="{int(step)}">' + wf.top_predictions_html(
            reading.chars, before[step], after.at(step), titles=(T("why_before"), T("why_after"))) + "</div>")
        delta = after.next_log_probs - wf.next_char_log_probs(before, reading.ids)
        finite = delta[np.isfinite(delta)]
        mean = float(finite.mean()) if finite.size else 0.0
        out.flush()                                     # what follows is the same at every step: its own element
        out.note(T("why_clamp_sentence", delta=mean, bits=mean / np.log(2)))
        out.title(T("why_clamp_changes_title"))
        out.add(cached("change_html", (reading.key, layer, direction, units, value),
                       lambda: wf.change_html(reading.text, np.nan_to_num(delta))))
    else:
        before, truth = reading.forecasts, reading.values
        n = min(len(before), len(truth) - 1)

        def mse(forecast):
            return float(np.mean((truth[1:n + 1] - forecast[:n]) ** 2)) if n else 0.0

        out.note(T("why_forecast_at", before=before[step], after=after[step]))
        out.note(T("why_clamp_series_sentence", change=float(np.mean(np.abs(after - before))), before=mse(before),
                after=mse(after)))
        fig = cached("clamp_figure", (reading.key, layer, direction, units, value, st.session_state.get("lang")),
                     lambda: wf.forecast_figure(reading.tokens, truth[:len(reading.tokens)], before, after,
                                                {"truth": T("truth"), "before": T("why_before"),
                                                 "after": T("why_after"), "change": T("why_change")}))
        out.flush()
        st.plotly_chart(fig, key="why_clamp_chart")


@dataclass
class Switched:
    """What the switched-off run predicted, kept small (a model with 5,000 characters would need 40 MB per run
    for every probability): per step the top k characters and their probabilities, the probabilities of the
    unswitched run's top k, and the log-probability of the character that really came next."""
    top: np.ndarray                 # (T, k) character ids, most likely first
    top_p: np.ndarray               # (T, k)
    before_top: np.ndarray          # (T, k) the unswitched run's top characters
    before_top_p: np.ndarray        # (T, k) their probabilities in the switched run
    next_log_probs: np.ndarray      # (T - 1,), nan where the next character is unknown
    size: int                       # V

    def at(self, step):
        """(V,) probabilities at `step`: exact for every character the before/after lists can show, 0 elsewhere."""
        p = np.zeros(self.size, np.float32)
        p[self.before_top[step]] = self.before_top_p[step]
        p[self.top[step]] = self.top_p[step]
        return p


def clamped_run(reading, layer, direction, units, value="zero", k=5, chunk=256):
    """The run with `units` of this layer and direction held at zero or at their mean over the run, at every
    step (Clamp: c and h of an LSTM, h of a GRU or RNN) -> Switched (text) or forecasts (T,) (series)."""
    state = "both" if reading.net.config.kind == "lstm" else "h"
    clamp = Clamp(tuple(int(u) for u in units), layer, direction, state, 0.0 if value == "zero" else "mean")
    trace = reading.net.run(reading.x, *reading.initial(), clamp=clamp, record=False)
    weight, bias = reading.head
    if not reading.is_text:
        out = trace.output @ weight.T + bias
        return reading.scaling.forecasts(reading.values[:len(out)], out[:, 0])
    T_, V = trace.output.shape[0], weight.shape[0]
    before_top = np.argsort(-reading.probs, axis=1, kind="stable")[:, :k]
    top, top_p, before_top_p = (np.zeros((T_, k), int), np.zeros((T_, k), np.float32), np.zeros((T_, k), np.float32))
    nxt = np.append(np.asarray(reading.ids)[1:], -1)
    log_next = np.full(T_, np.nan)
    for start in range(0, T_, chunk):                       # probabilities a chunk at a time: bounded memory
        rows = slice(start, min(start + chunk, T_))
        z = trace.output[rows] @ weight.T + bias
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        idx = np.arange(p.shape[0])
        top[rows] = np.argsort(-p, axis=1, kind="stable")[:, :k]
        top_p[rows] = p[idx[:, None], top[rows]]
        before_top_p[rows] = p[idx[:, None], before_top[rows]]
        known = nxt[rows] >= 0
        log_next[rows][known] = np.log(np.maximum(p[idx[known], nxt[rows][known]], 1e-30))
    return Switched(top, top_p, before_top, before_top_p, log_next[:-1], V)


def ledger_sentence(numbers, token, source_token, lang):
    """One sentence that reads the ledger: "c = 2.31 at “t”: 1.80 of it was written at “q”, 12 steps ago,
    and 78% of that write survives (this step wrote 0.20)." Tokens are raw characters; plain text out."""
    n = numbers
    key = "why_ledger_sentence_now" if n["ago"] == 0 else "why_ledger_sentence"
    return t(key, lang, c=n["c"], token=token, part=n["survives"], source=source_token, ago=steps_ago(n["ago"], lang),
             share=n["share"], now=n["now"])


def steps_ago(n, lang):
    """ "1 step ago", "12 steps ago" in the user's language."""
    return t("why_step_ago", lang) if n == 1 else t("why_steps_ago", lang, n=n)
