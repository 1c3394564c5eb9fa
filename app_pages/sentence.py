"""/sentence: type a sentence, then step through the character model's gates and states."""
import html

import streamlit as st

from app_pages.common import (
    T,
    bundled_model,
    keep,
    option_labels,
    per_view,
    projector,
    role_text,
    role_with_evidence,
)
from app_pages.cursor import Cursor
from app_pages.reading import read_text
from app_pages.stepper import explore
from app_pages.why import why_panels
from lstm_core import analysis
from lstm_core.bundled import DEFAULT_TEXT_MODEL, names
from lstm_core.model import MAX_SAMPLE_LENGTH, repeating_tail
from readers.chinese_script import for_model
from viz import exports, figures
from viz.text_view import (
    MAX_CHARS,
    default_unit,
    first_named_layer,
    md_escape,
    named_erase,
    named_units,
    prepare_text,
    robust_bound,
    rows_for_display,
    shaded_text_html,
)

CONTINUE_DEFAULTS = {"continue_length": 120, "continue_temperature": 0.8, "continue_seed": 0, "continue_guard": False}
GUARD_CHARS = 12           # the repetition guard: no stretch of this many characters written twice


def default_text(model):
    """The text a model opens with: its card's (a speaker's lines, a Python function, a Tang couplet)."""
    return model.card.default_text or "".join(model.vocab.chars[:40])


def follow_default_text(model):
    """A text still at the previous model's default becomes the new model's default (a text the reader typed
    stays). Runs before the text box is made, so it may set its value."""
    new, old = default_text(model), st.session_state.get("_default_text")
    if old is not None and old != new and st.session_state.get("text") == old:
        st.session_state["text"] = new
    st.session_state["_default_text"] = new
    return new


def continue_text(model, text):
    """Button callback (it runs before the page, so it may replace the text box's value): the model writes up to
    `continue_length` more characters after the text; the step moves to the first of them."""
    room = MAX_CHARS - len(text)
    if room <= 0:
        st.session_state["_continued"] = ("continue_full", {"limit": MAX_CHARS})
        return
    length = min(int(st.session_state["continue_length"]), room, MAX_SAMPLE_LENGTH)
    guard = bool(st.session_state["continue_guard"])
    written = model.sample(for_model(text, model.card)[0], length,
                           temperature=float(st.session_state["continue_temperature"]),
                           seed=int(st.session_state["continue_seed"]), no_repeat=GUARD_CHARS if guard else 0)
    st.session_state["text"] = text + written
    Cursor.move_to(len(text))
    st.session_state["_continued"] = ("continue_done_guard" if guard else "continue_done",
                                      {"count": len(written), "n": GUARD_CHARS})
    loop = repeating_tail(written)
    if loop:                                             # greedy decoding's loop: said, not hidden
        start, period = loop
        piece = md_escape("".join(figures.token_label(ch) for ch in written[start:start + period]))
        st.session_state["_continued_loop"] = (text + written, dict(start=start + 1, period=period, piece=piece,
                                                                    repeats=(len(written) - start) / period))


def erase_box(model, all_gates, layer, direction, unit, tokens):
    """The largest real erase of the chosen unit (a forget gate that closed on a memory the unit held), else of
    the card's named units (any layer), else of any unit, else that the text has none; with a button that moves
    the view there."""
    gates = all_gates[(layer, direction)]
    own = analysis.largest_erase(gates["f"], gates["c"], units=[unit])
    named = None if own else named_erase(all_gates, model.card)
    where = (layer, direction)
    if own:
        erase, key, words = own, "erase_unit", {}
    elif named:
        where, erase, key = named[:2], named[2], "erase_named"
        who = T("erase_who_layer" if model.net.config.num_layers > 1 else "erase_who", unit=erase.unit,
                layer=where[0], role=role_text(named[3]))
        words = {"who": who}
    else:
        erase, key, words = analysis.largest_erase(gates["f"], gates["c"]), "erase_other", {}
    if erase is None:
        st.info(T("erase_none"))
        return
    words.update(step=erase.step, token=md_escape(html.unescape(tokens[erase.step])), f=erase.f,
                 before=erase.before, dropped=abs(erase.dropped), unit=unit, other=erase.unit)
    box = st.container(key="lx_erase", horizontal=True, vertical_alignment="center")
    box.info(T(key, **words))
    box.button(T("erase_go", step=erase.step, unit=erase.unit), key="erase_go", on_click=Cursor.move_to,
               args=(erase.step, erase.unit, *where))


def continue_controls(model, text):
    """Length, temperature and seed of a continuation, and the button that writes it (model.sample)."""
    st.slider(T("continue_length"), 10, MAX_SAMPLE_LENGTH, step=10, key="continue_length")
    st.slider(T("continue_temperature"), 0.0, 2.0, step=0.1, key="continue_temperature",
              help=T("continue_temperature_help"))
    st.number_input(T("continue_seed"), 0, 2**31 - 1, key="continue_seed", help=T("continue_seed_help"))
    st.checkbox(T("continue_guard", n=GUARD_CHARS), key="continue_guard", help=T("continue_guard_help", n=GUARD_CHARS))
    st.button(T("continue_button"), key="continue", type="primary", on_click=continue_text, args=(model, text),
              disabled=not text.strip())


st.title(T("sentence_title"))
if not projector():                             # the desk's explanations: a projector's one screen has no room
    st.caption(T("sentence_intro"))
    how = st.expander(T("how_to_read"), key="how_open", on_change="rerun")
    if how.open:                                # closed parts are not drawn: every element costs each rerun
        how.markdown(T("how_to_read_sentence"))

with st.sidebar:
    keep("sentence_model", DEFAULT_TEXT_MODEL.get(st.session_state.get("lang"), names("char_lm")[0]), link="model",
         valid=lambda n: n in names("char_lm"))
    model_name = st.selectbox(T("model"), names("char_lm"), key="sentence_model",
                              format_func=option_labels("model_", "sentence_model"))
model = bundled_model(model_name)
vocab = model.vocab.chars

c_text, c_more, c_unit, c_rows = st.container(key="lx_bar_input").columns([5, 1.6, 1.9, 1.7],
                                                                           vertical_alignment="bottom")
opening_text = follow_default_text(model)
keep("text", opening_text, link="text", to_link=lambda raw: prepare_text(raw)[0])
raw = c_text.text_area(T("type_sentence"), key="text", help=T("type_sentence_help", limit=MAX_CHARS), height=68)
text, cut = prepare_text(raw)
if cut:
    st.warning(T("truncated", limit=MAX_CHARS, length=len(raw)))
read, converted = for_model(text, model.card)     # the script the model was trained on; labels keep `text`
for key, value in CONTINUE_DEFAULTS.items():
    keep(key, value, type(value))                           # kept while the popover is closed (not drawn then)
more = c_more.popover(T("continue_title"), use_container_width=True, key="continue_open", on_change="rerun")
if more.open:
    with more:
        continue_controls(model, text)
said = st.session_state.pop("_continued", None)          # what the last click on the button did
if said:
    key, values = said
    (st.info if key == "continue_full" else st.success)(T(key, **values))
loop = st.session_state.get("_continued_loop")
if loop and loop[0] == raw:                              # said while the text is the one that loops
    st.warning(T("continue_loop", **loop[1]))
elif loop:
    del st.session_state["_continued_loop"]
if not text.strip():
    st.info(T("empty_text"))
    st.stop()

opening = text == opening_text
reading = per_view("sentence_run", (model_name, text), lambda: read_text(model, model_name, text, read, opening),
                   shared=opening)
if converted:
    st.info(T("converted_t2s", count=converted))
unknown = sorted({ch for ch, k in zip(read, reading.ids, strict=True) if k < 0})
if unknown:
    shown = " ".join(figures.token_label(ch) for ch in unknown[:12])
    st.warning(T("unknown_chars", count=len(unknown), chars=md_escape(html.unescape(shown))))

cursor = Cursor(model_name)
layer, direction = cursor.layers(model.net.config, first_named_layer(model.card, model.net.config.num_layers))
gates = reading.gates[(layer, direction)]
H = gates["h"].shape[1]
ordering = gates["c"] if "c" in gates else gates["h"]
named = named_units(model.card, layer, direction, H)
roles = {unit: role_text(feature) for unit, feature in named}

states = ["c", "h"] if "c" in gates else ["h"]
# the state the card's first named unit was found in
shade_by = cursor.shading(states, next((u.state for u in model.card.units if u.state in states), states[0]))
order = keep("order", "index")                              # kept while the popover is closed
top_k = keep("top_k", min(12, H), int, valid=lambda k: 4 <= k <= H)
rows = c_rows.popover(T("rows_title"), use_container_width=True, key="rows_open", on_change="rerun")
if rows.open:                                               # drawn only when open: each widget costs every rerun
    with rows:
        st.caption(T("rows_caption"))
        st.radio(T("order_units"), ["index", "variance", "cluster"], key="order", horizontal=True,
                 format_func=option_labels("order_", "order"))
        st.slider(T("top_k"), 4, H, key="top_k", help=T("top_k_help"))
        shade_by = cursor.shading_radio(states)
        order, top_k = st.session_state["order"], st.session_state["top_k"]
with c_unit:
    unit = cursor.unit_box(H, default_unit(ordering, [u for u, _ in named]),
                           {u: role_with_evidence(model.card, u, layer, direction) or roles[u] for u in roles})
units = rows_for_display(ordering, top_k, order, [u for u, _ in named], chosen=unit)
tokens = reading.tokens

if "f" in gates and not projector():     # the desk's story of the first view: where a memory was really dropped
    erase_box(model, reading.gates, layer, direction, unit, tokens)


def shaded():
    values = gates[shade_by][:, unit]
    bound = robust_bound(values)
    return shaded_text_html(text, values, -bound, bound)


def shaded_text():
    """The text coloured by the unit; the stepper frames the character at t (under the heatmaps in projector
    mode, so that it shares their one screen)."""
    st.subheader(T("shaded_title", unit=unit, state=shade_by))
    st.html(per_view("shaded", (model_name, text, layer, direction, shade_by, unit), shaded, shared=opening))
    if not projector():
        st.caption(T("shaded_caption"))


step = explore(reading, cursor, gates, units, unit, view_key=(reading.key, layer, direction), roles=roles,
               extra=lambda s: why_panels(reading, s, unit, layer, direction),
               guesses=(vocab, reading.probs, T("next_char_title")), below=shaded_text)

downloads = st.expander(T("downloads"), key="downloads_open", on_change="rerun")
if downloads.open:
    with downloads:
        if st.toggle(T("prepare_downloads"), key="prepare_downloads"):
            csv_bytes, npz_bytes = exports.trace_files(reading.download_records(), reading.download_steps())
            d1, d2 = st.columns(2)
            d1.download_button(T("download_csv"), csv_bytes, "lstm_trace.csv", "text/csv", key="dl_csv")
            d2.download_button(T("download_npz"), npz_bytes, "lstm_trace.npz", "application/octet-stream",
                               key="dl_npz")
        st.caption(T("figure_export_hint"))

cursor.publish()
