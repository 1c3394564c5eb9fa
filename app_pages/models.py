"""/models: bring your own weights (.safetensors or .npz, PyTorch names) and step through their gates."""
import hashlib
import re
from contextlib import nullcontext

import numpy as np
import streamlit as st

from app_pages import convert_lines
from app_pages.common import (
    T,
    bundled_model,
    keep,
    option_labels,
    per_view,
    projector,
    translated_labels,
)
from app_pages.csv_notes import error_text, show_reading
from app_pages.cursor import Cursor
from app_pages.keras_upload import is_keras_upload, keras_weights
from app_pages.reading import read_weights
from app_pages.stepper import explore
from app_pages.strings import EN
from app_pages.why import why_panels
from lstm_core.bundled import BUNDLED, MODELS_DIR
from lstm_core.card import Metrics
from lstm_core.model import sequence_weights
from lstm_core.vocab import VocabError, parse_pasted_chars, parse_vocab_file
from lstm_core.weights_io import WeightsError, read_weights_file, rnn_prefix, stack_prefixes
from readers.series_csv import MAX_CSV_MB, Note, UploadError, read_table
from viz import exports, figures
from viz.figures import token_label
from viz.text_view import MAX_CHARS, md_escape, order_units, prepare_text, tokens_for_display, top_active

MAX_WEIGHTS_MB = 100      # PyTorch's word-language-model at its default size is 56 MB (README: memory per session)
# Pickles are taken too (torch.save's usual names), so the page, not the uploader's English note, says why they
# are refused and how to convert one. Files are told apart by their content, never by the name.
WEIGHT_TYPES = ["safetensors", "npz", "pt", "pth", "bin", "ckpt", "keras", "h5"]
MAX_RANDOM_STEPS = 400
MAX_VOCAB_MB = 5
EXAMPLE = MODELS_DIR / "char_shakespeare.npz"
EXAMPLE_TEXT = "Gates open and close as the model reads."
EXAMPLE_WORDS = "the cat sat on the mat"


def chosen_weights():
    """The weights this session works with: an upload, or the bundled example, named on the page whichever it
    is. -> (key, filename, SequenceWeights), or None after explaining."""
    upload = st.file_uploader(T("upload_weights"), type=WEIGHT_TYPES, key="weights",
                              max_upload_size=MAX_WEIGHTS_MB, help=T("upload_weights_help", limit=MAX_WEIGHTS_MB))
    st.caption(T("upload_limit", mb=MAX_WEIGHTS_MB))
    if upload is not None:
        data, filename, shown = upload.getvalue(), upload.name, "model_shown_upload"
    elif st.toggle(T("use_example"), key="use_example", value=True):
        data, filename, shown = EXAMPLE.read_bytes(), EXAMPLE.name, "model_shown_example"
    else:
        st.info(T("weights_prompt"))
        return None
    named = st.empty()                  # which model is shown, said before anything else about it
    key = hashlib.sha256(data).hexdigest()
    if is_keras_upload(data, filename):                 # a Keras 3 .keras or .weights.h5: readers/keras.py
        chosen = keras_weights(data, filename, key)
        named.markdown(T("model_shown_none" if chosen is None else shown, file=md_escape(filename)))
        if chosen is None:
            return None
        weights_key, weights = chosen
        return weights_key, filename, weights, (weights_key, None, weights.card, None, None, None)
    try:                                # the recurrent stack, and an embedding and a read-out when there are
        arrays, card, metadata = per_view("weights_file", key, lambda: read_weights_file(data, filename))
        prefix = stack_picker(arrays)
        if st.session_state.get("_nonlinearity_for") != key:      # another file: ask again, tanh first
            st.session_state["nonlinearity"] = "tanh"
            st.session_state["_nonlinearity_for"] = key
        nonlinearity = st.session_state["nonlinearity"]
        weights = per_view("weights", (key, prefix, nonlinearity),
                           lambda: sequence_weights(arrays, card, metadata, prefix, nonlinearity))
    except WeightsError as err:
        named.markdown(T("model_shown_none", file=md_escape(filename)))
        st.error(refusal_text(err))
        if err.reason == "pickle":
            how_to_convert(filename)
        st.caption(T("weights_err_detail", detail=md_escape(str(err))))
        return None
    named.markdown(T(shown, file=md_escape(filename)))
    # the views below are cached by this key: it names the stack and the nonlinearity, not only the file's bytes
    return f"{key}:{prefix}:{nonlinearity}", filename, weights, (key, arrays, card, metadata, prefix, nonlinearity)


def refusal_text(err):
    """Why a file was refused, in the user's language; a card's refusal names the key, what it should hold and
    what the file has (escaped: it comes from the file)."""
    if err.reason != "card":
        return T(f"weights_err_{err.reason}")
    d = err.details
    if d["expected"] == "present":
        return T("weights_err_card_missing", path=d["path"])
    return T("weights_err_card", path=d["path"], expected=T(f"card_expected_{d['expected']}"), got=md_escape(d["got"]))


def stack_picker(arrays):
    """The prefix of the recurrent stack to show: the only one, or the one picked among several."""
    stacks = stack_prefixes(arrays)
    if len(stacks) <= 1:
        return rnn_prefix(arrays)                           # no stack at all: WeightsError not_recurrent
    names = [p.rstrip(".") or "(top level)" for p in stacks]
    if st.session_state.get("stack") not in stacks:
        st.session_state["stack"] = stacks[0]
    st.info(T("stacks_found", count=len(stacks), names=", ".join(code(n) for n in names)))
    return st.selectbox(T("stack"), stacks, key="stack", help=T("stack_help"),
                        format_func=lambda p: p.rstrip(".") or "(top level)")


def code(name):
    """A name from the file as inline code (Markdown escapes do not work inside it: backticks are dropped)."""
    return "`" + str(name).replace("`", "") + "`"


def how_to_convert(filename):
    """The lines that turn a torch.save file into .safetensors, run where PyTorch is (never here)."""
    st.markdown(T("pickle_convert"))
    st.markdown(T("convert_state_dict"))
    st.code(convert_lines.for_file(convert_lines.STATE_DICT, filename), "python")
    st.markdown(T("convert_module"))
    st.code(convert_lines.for_file(convert_lines.MODULE, filename), "python")


def nonlinearity_picker(weights):
    """An RNN whose file does not say its nonlinearity: the user says it (tanh, PyTorch's default, first)."""
    if weights.net.config.kind != "rnn" or weights.nonlinearity_from == "file":
        return
    st.radio(T("nonlinearity"), ["tanh", "relu"], key="nonlinearity", horizontal=True,
             help=T("nonlinearity_help"), format_func=option_labels("nonlinearity_", "nonlinearity"))


def architecture_caption(weights, filename):
    cfg = weights.net.config
    summary = T("weights_summary", file=md_escape(filename), kind=cfg.kind.upper(), layers=cfg.num_layers,
                hidden=cfg.hidden_size, inputs=cfg.input_size,
                directions=T("bidirectional") if cfg.bidirectional else T("one_direction"),
                params=sum(int(np.size(v)) for v in weights.net.params.values()),
                dtype=np.dtype(weights.net.dtype).name)
    lines = [summary]
    if weights.names.get("cell"):
        lines.append(T("weights_cell", kind=weights.names["cell"]))
    if cfg.proj_size:
        lines.append(T("weights_projection", hidden=cfg.hidden_size, proj=cfg.proj_size))
    if cfg.kind == "rnn":
        name = T(f"nonlinearity_{cfg.nonlinearity}")
        lines.append(T("weights_nonlinearity_file" if weights.nonlinearity_from == "file"
                       else "weights_nonlinearity_given", name=name))
    if weights.embedding is not None:
        key = "weights_embedding_tokens" if weights.vocab is None else \
            "weights_embedding_words" if weights.vocab.words else "weights_embedding"
        lines.append(T(key, rows=weights.embedding.shape[0], size=weights.embedding.shape[1]))
    if weights.head_weight is not None:
        lines.append(T("weights_read_out", name=code(weights.names["head.weight"].rpartition(".")[0]),
                       rows=weights.head_weight.shape[0]))
    for dropped, kept in weights.tied.items():
        lines.append(T("weights_tied", dropped=code(dropped), kept=code(kept)))
    if weights.vocab is not None:
        lines.append(T("vocab_words" if weights.vocab.words else "vocab_chars", count=len(weights.vocab)) + " "
                     + T(f"vocab_from_{weights.vocab_from}"))
    return "  \n".join(lines)


def with_vocabulary(weights, loaded):
    """The vocabulary box (open when the model cannot read text yet): a file or pasted characters, then the
    weights again with it. -> SequenceWeights (with the given vocabulary when it fits)."""
    key, arrays, card, metadata, prefix, nonlinearity = loaded
    one_hot_model = weights.head_weight is not None and weights.head_weight.shape[0] == weights.net.config.input_size
    if weights.vocab is not None or (weights.embedding is None and not one_hot_model):
        return weights                  # text needs an embedding, or one-hot inputs a read-out predicts again
    rows = weights.input_rows
    with st.expander(T("vocab_give", rows=rows), expanded=weights.vocab is None and weights.embedding is not None):
        st.markdown(T("vocab_give_body"))
        st.code(convert_lines.VOCAB_FILE, "python")
        st.markdown(T("vocab_give_metadata"))
        st.code(convert_lines.VOCAB_METADATA, "python")
        file = st.file_uploader(T("vocab_file"), type=["txt", "json", "vocab"], key="vocab_file",
                                max_upload_size=MAX_VOCAB_MB)
        pasted = st.text_input(T("vocab_chars_input"), key="vocab_chars")
    try:
        tokens = parse_vocab_file(file.getvalue()) if file is not None else \
            parse_pasted_chars(pasted) if pasted else None
    except VocabError as err:
        st.error(T(f"vocab_err_{err.reason}", detail=err.detail))
        return weights
    if tokens is None:
        return weights
    given = per_view("weights_vocab", (key, prefix, nonlinearity, tuple(tokens)),
                     lambda: sequence_weights(arrays, card, metadata, prefix, nonlinearity, vocab=tokens))
    if given.vocab_misfit:
        st.error(T("vocab_misfit", given=given.vocab_misfit[0], rows=given.vocab_misfit[1]))
        return weights
    return given


def text_input(weights):
    """-> (x, token labels, key, text, ids (-1: unknown), tokens) for text read through the file's vocabulary
    (one-hot, or rows of its embedding): characters, or words split on whitespace; or None."""
    words = weights.vocab.words
    raw = st.text_input(T("type_sentence"), EXAMPLE_WORDS if words else EXAMPLE_TEXT,
                        key="model_words" if words else "model_text", help=T("type_sentence_help", limit=MAX_CHARS))
    text, cut = prepare_text(raw)
    if cut:
        st.warning(T("truncated", limit=MAX_CHARS, length=len(raw)))
    if not text.strip():
        st.info(T("empty_text"))
        return None
    x, ids = weights.text_inputs(text)
    if not words:
        return x, tokens_for_display(text), ("text", text), text, ids
    tokens = weights.vocab.split(text)
    unknown = weights.vocab.unknown_words(text)
    if unknown:
        shown = ", ".join(dict.fromkeys(unknown))
        st.info(T("words_unknown_unk" if weights.vocab.unknown >= 0 else "words_unknown_zero", count=len(unknown),
                  words=md_escape(shown if len(shown) < 300 else shown[:300] + "…")))
    labels = ["".join(token_label(ch) for ch in w) for w in tokens]
    return x, labels, ("words", text), text, ids, tokens


def random_input(input_size):
    c1, c2 = st.columns(2)
    steps = c1.slider(T("random_steps"), 2, MAX_RANDOM_STEPS, 60, key="random_steps")
    seed = int(c2.number_input(T("random_seed"), 0, 2**31 - 1, 0, key="random_seed"))
    x = np.random.default_rng(seed).standard_normal((steps, input_size))
    return x, [str(t) for t in range(steps)], ("random", steps, seed), None, None


def csv_input(input_size):
    """-> inputs from a CSV of numbers, one row per step: the first input_size columns of numbers that are no
    time axis, at most MAX_RANDOM_STEPS rows; what was read, guessed and cut is said in the page."""
    upload = st.file_uploader(T("upload_inputs"), type=["csv", "txt", "tsv"], key="inputs_csv",
                              max_upload_size=MAX_CSV_MB, help=T("upload_inputs_help", d=input_size))
    st.caption(T("upload_limit", mb=MAX_CSV_MB))
    if upload is None:
        st.info(T("inputs_prompt", d=input_size))
        return None
    data = upload.getvalue()
    try:
        table = read_table(data)
        columns = table.value_columns[:input_size]
        rows = len(table.lines)
        if rows < 2 or len(columns) < input_size:
            raise UploadError("err_input_columns", d=input_size, found=len(table.value_columns), rows=rows)
        x = np.stack([table.numbers[c] for c in columns], axis=1)       # (T, D)
        if not np.all(np.isfinite(x)):
            raise UploadError("err_input_values")
    except UploadError as err:
        st.error(error_text(err))
        return None
    cut = T("csv_inputs_cut", rows=rows, limit=MAX_RANDOM_STEPS) if rows > MAX_RANDOM_STEPS \
        else T("csv_inputs_all", rows=rows)
    shown = T("csv_list_separator").join(f"“{md_escape(c)}”" for c in columns)
    time = table.default_time                       # steps are labelled by the file's time axis when it has one
    notes = table.notes + [n for c in columns for n in table.column_notes[c]] + \
        [table.time_notes[time] if time else Note("csv_time_none")]
    show_reading(notes, more=[T("csv_inputs_columns", columns=shown, d=input_size), cut])
    x = x[:MAX_RANDOM_STEPS]
    labels = table.time_labels[time][:len(x)] if time else range(len(x))
    tokens = [figures.token_label(str(label)) for label in labels]
    return x, tokens, ("csv", hashlib.sha256(data).hexdigest()), None, None


def bundled_cards():
    """One row per bundled model: what it is, what it learnt from, how well it does on held-out data, how it
    is stored."""
    rows = []
    for name, b in BUNDLED.items():
        model = bundled_model(name)
        cfg, metrics = model.net.config, model.card.metrics or Metrics()
        score = (T("card_bits", bits=metrics.held_out_bits_per_char) if metrics.held_out_bits_per_char is not None
                 else T("card_gain", gain=metrics.improvement_over_naive or 0.0))
        rows.append({T("card_model"): T(f"model_{name}"), T("card_architecture"):
                     f"{cfg.kind.upper()} {cfg.num_layers}×{cfg.hidden_size}", T("card_data"): b.data,
                     T("card_held_out"): score, T("card_storage"): storage_note(model.card.storage),
                     T("card_file"): f"models/{name}.npz"})
    if not any(row[T("card_storage")] for row in rows):        # no card says yet: no empty column
        for row in rows:
            del row[T("card_storage")]
    return rows


def storage_note(note):
    """The card's storage note ("float16 on disk, float32 when loaded") in the user's language."""
    found = re.fullmatch(r"(\w+) on disk, (\w+) when loaded", str(note or ""))
    return T("card_storage_text", disk=found[1], loaded=found[2]) if found else str(note or "")


def named_units():
    """One row per named unit of every bundled model's card: which unit, what it tracks, the evidence."""
    rows = []
    for name in BUNDLED:
        for u in bundled_model(name).card.units:
            metric = u.metric or "r"
            role = f"role_{u.feature}"                      # labels: app_pages/strings/explorer.py
            rows.append({T("card_model"): T(f"model_{name}"),
                         T("card_unit"): T("card_unit_name", layer=u.layer, state=u.state or "c", unit=u.unit),
                         T("card_role"): T(role) if role in EN else u.feature,
                         T("card_evidence"): _score_text(metric, u.score),
                         T("card_outside"): _outside_text(metric, u.outside_score, u.outside_best),
                         T("card_holds_both"): T("card_holds_both_yes") if u.holds_on_both else ""})
    return rows


def _score_text(metric, score):
    return "" if score is None else f"AUC {score:.2f}" if metric == "auc" else f"r = {score:.2f}"


def _outside_text(metric, score, best):
    """The named unit's score on the outside text and the best any unit reaches there (in its own direction:
    max(AUC, 1 - AUC), |r|), or that the feature does not occur there."""
    if score is None or best is None:
        return T("card_outside_none")
    best = max(best, 1 - best) if metric == "auc" else abs(best)
    return T("card_outside_score", score=_score_text(metric, score), best=best)


def show_model(weights_key, filename, weights, loaded):
    """Everything below the uploader for weights that loaded. It returns early, never st.stop(): a stopped run
    keeps on the server the values of widgets it did not draw while the browser forgets them, so once they came
    back the page would use an input source or an inputs file the browser no longer shows. The input source is
    kept (remember) and handed back to the widget when it returns."""
    summary = st.empty()                        # filled once the vocabulary below is known
    nonlinearity_picker(weights)
    weights = with_vocabulary(weights, loaded)
    net = weights.net
    summary.caption(architecture_caption(weights, filename))
    if weights.vocab is None and weights.vocab_misfit:            # the file's own vocabulary does not fit its input
        st.warning(T("vocab_misfit", given=weights.vocab_misfit[0], rows=weights.vocab_misfit[1]))
    if weights.embedding is not None and weights.vocab is None:
        st.info(T("vocab_needed", rows=weights.embedding.shape[0], size=weights.embedding.shape[1]))
    if not projector():
        with st.expander(T("model_card")):
            st.json(weights.card.to_dict())     # rendered as data, never as markup
    sources = (["text"] if weights.vocab is not None else []) + ["random", "csv"]
    keep("input_source", sources[0], valid=lambda s: s in sources)
    given = (weights_key, tuple(weights.vocab.chars)) if weights.vocab_from == "given" else None
    if given is not None and st.session_state.get("_vocab_given") != given:
        st.session_state["input_source"] = "text"         # a vocabulary was just given: read text with it
    st.session_state["_vocab_given"] = given
    source = st.radio(T("input_source"), sources, key="input_source", horizontal=True,
                      format_func=option_labels("input_", "input_source"))
    made = {"text": lambda: text_input(weights), "random": lambda: random_input(net.config.input_size),
            "csv": lambda: csv_input(net.config.input_size)}[source]()
    if made is not None:
        step_through(weights, weights_key, *made)


def rows_shown(cfg, gates):
    """An LSTM with proj_size has H cell units (c and the gates) but P < H outputs h, which mix all units: the
    heatmaps show one or the other, as the user picks. Other networks: every gate, one row per unit."""
    if not cfg.proj_size:
        return gates
    hidden, proj = cfg.hidden_size, cfg.proj_size
    labels = {"cells": T("model_rows_cells", hidden=hidden), "outputs": T("model_rows_outputs", proj=proj)}
    rows = st.radio(T("model_rows"), ["cells", "outputs"], key="model_rows", horizontal=True,
                    format_func=translated_labels("model_rows", lambda r, lang: labels[r]),
                    help=T("model_rows_help", hidden=hidden, proj=proj))
    return {"h": gates["h"]} if rows == "outputs" else {k: gates[k] for k in ("f", "i", "g", "o", "c")}


def step_through(weights, weights_key, x, tokens, input_key, text, ids, words=None):
    """words: the text's tokens when a word vocabulary reads it (tokens are then one label per word)."""
    net = weights.net
    reading = per_view("model_run", (weights_key, input_key),
                       lambda: read_weights(weights, (weights_key, input_key), x, tokens, text, ids, words))
    cursor = Cursor(weights_key)
    layer, direction = cursor.layers(net.config)
    gates = rows_shown(net.config, reading.gates[(layer, direction)])
    ordering = gates["c"] if "c" in gates else gates["h"]
    H = ordering.shape[1]
    beside = projector()                # one screen: the units' choices in one row
    c_order, c_unit = st.container(key="lx_bar_units").columns(2) if beside else (st, nullcontext())
    order = c_order.radio(T("order_units"), ["index", "variance", "cluster"], key="model_order", horizontal=True,
                          format_func=option_labels("order_", "model_order"))
    units = [u for u in order_units(ordering, order) if u in top_active(ordering, min(32, H))]
    why = text is not None and reading.words is None and not net.config.proj_size
    if text is not None and not why and not beside:
        st.caption(T("word_model_why" if reading.words is not None else "projection_why"))
    with c_unit:
        unit = cursor.unit_box(H, default=int(units[0]))
    explore(reading, cursor, gates, units, unit, view_key=(reading.key, layer, direction, tuple(gates)),
            extra=None if not why else lambda s: why_panels(reading, s, unit, layer, direction))
    cursor.publish()

    with st.expander(T("downloads")):
        if st.toggle(T("prepare_downloads"), key="model_downloads"):
            csv_bytes, npz_bytes = exports.trace_files(reading.download_records(), reading.download_steps())
            d1, d2 = st.columns(2)
            d1.download_button(T("download_csv"), csv_bytes, "lstm_trace.csv", "text/csv", key="model_dl_csv")
            d2.download_button(T("download_npz"), npz_bytes, "lstm_trace.npz", "application/octet-stream",
                               key="model_dl_npz")


def desk_help():
    """What only a reader at a desk needs: how to save weights for this page, and the bundled models' cards."""
    st.caption(T("model_intro"))
    with st.expander(T("how_to_export")):
        st.markdown(T("how_to_export_body"))
        st.markdown(T("convert_tied"))
        st.code(convert_lines.FROM_MODEL + "\n# or\nfrom safetensors.torch import save_model\n"
                'save_model(model, "model.safetensors")', "python")
        st.markdown(T("export_files"))
        st.code(convert_lines.for_file(convert_lines.STATE_DICT, "model.pt"), "python")
        st.markdown(T("export_vocab"))
        st.code(convert_lines.VOCAB_METADATA, "python")
    with st.expander(T("bundled_cards")):
        st.dataframe(bundled_cards(), hide_index=True)
        st.caption(T("bundled_cards_caption"))
        units = named_units()
        if units:
            st.dataframe(units, hide_index=True)
            st.caption(T("card_units_caption"))


st.title(T("model_title"))
if not projector():                 # a projector's one screen: the upload, what is shown, and its gates
    desk_help()

chosen = chosen_weights()
if chosen is not None:
    show_model(*chosen)
