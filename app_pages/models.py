"""/models: bring your own weights (.safetensors or .npz, PyTorch names) and step through their gates."""
import hashlib
import html
import json
import re

import numpy as np
import streamlit as st

from app_pages.common import T, bundled_model, from_url, option_labels, per_view, remember
from app_pages.csv_notes import error_text, show_reading
from app_pages.stepper import layer_direction_pickers, step_controls, unit_picker
from app_pages.why import why_panels_for_net
from lstm_core.bundled import BUNDLED, MODELS_DIR
from lstm_core.model import load_sequence_model
from lstm_core.weights_io import WeightsError
from readers.series_csv import MAX_CSV_MB, Note, UploadError, read_table
from viz import exports, figures, panels
from viz.i18n import EN
from viz.text_view import MAX_CHARS, md_escape, order_units, prepare_text, tokens_for_display, top_active

MAX_WEIGHTS_MB = 20       # a 2-layer LSTM of 512 units in float32 is about 17 MB
# Pickles are taken too (torch.save's usual names), so the page, not the uploader's English note, says why they
# are refused and how to convert one. Files are told apart by their content, never by the name.
WEIGHT_TYPES = ["safetensors", "npz", "pt", "pth", "bin", "ckpt"]
MAX_RANDOM_STEPS = 400
EXAMPLE = MODELS_DIR / "char_shakespeare.npz"
EXAMPLE_TEXT = "Gates open and close as the model reads."


def chosen_weights():
    """The weights this session works with: an upload, or the bundled example. None after explaining."""
    upload = st.file_uploader(T("upload_weights"), type=WEIGHT_TYPES, key="weights",
                              max_upload_size=MAX_WEIGHTS_MB, help=T("upload_weights_help", limit=MAX_WEIGHTS_MB))
    st.caption(T("upload_limit", mb=MAX_WEIGHTS_MB))
    if upload is not None:
        data, filename = upload.getvalue(), upload.name
    elif st.toggle(T("use_example"), key="use_example", value=True):
        data, filename = EXAMPLE.read_bytes(), EXAMPLE.name
    else:
        st.info(T("weights_prompt"))
        return None
    key = hashlib.sha256(data).hexdigest()
    try:                                # the recurrent stack, and an embedding and a read-out when there are
        weights = per_view("weights", key, lambda: load_sequence_model(data, filename))
    except WeightsError as err:
        st.error(T(f"weights_err_{err.reason}"))
        if err.reason == "pickle":
            how_to_convert(filename)
        st.caption(T("weights_err_detail", detail=md_escape(str(err))))
        return None
    return key, filename, weights


def how_to_convert(filename):
    """The lines that turn a torch.save file into .safetensors, run where PyTorch is (never here)."""
    name = json.dumps(filename)                             # a valid Python string literal for any file name
    st.markdown(T("pickle_convert"))
    st.code("import torch\nfrom safetensors.torch import save_file\n"
            f'save_file(torch.load({name}, map_location="cpu", weights_only=True), "model.safetensors")', "python")
    st.markdown(T("pickle_convert_module"))
    st.code(f'model = torch.load({name}, map_location="cpu", weights_only=False)\n'
            'save_file(model.state_dict(), "model.safetensors")', "python")


def architecture_caption(weights, filename):
    cfg = weights.net.config
    summary = T("weights_summary", file=md_escape(filename), kind=cfg.kind.upper(), layers=cfg.num_layers,
                hidden=cfg.hidden_size, inputs=cfg.input_size,
                directions=T("bidirectional") if cfg.bidirectional else T("one_direction"),
                params=sum(int(np.size(v)) for v in weights.net.params.values()),
                dtype=np.dtype(weights.net.dtype).name)
    if weights.embedding is not None:
        summary += "  \n" + T("weights_embedding", rows=weights.embedding.shape[0], size=weights.embedding.shape[1])
    return summary


def text_input(weights):
    """-> (x, token labels, key, text, character ids (-1: unknown)) for text read through the file's
    vocabulary (one-hot, or rows of its embedding), or None."""
    raw = st.text_input(T("type_sentence"), EXAMPLE_TEXT, key="model_text", help=T("type_sentence_help",
                                                                                    limit=MAX_CHARS))
    text, cut = prepare_text(raw)
    if cut:
        st.warning(T("truncated", limit=MAX_CHARS, length=len(raw)))
    if not text.strip():
        st.info(T("empty_text"))
        return None
    x, ids = weights.text_inputs(text)
    return x, tokens_for_display(text), ("text", text), text, ids


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
        cfg, metrics = model.net.config, model.card.get("metrics", {})
        score = (T("card_bits", bits=metrics["held_out_bits_per_char"]) if "held_out_bits_per_char" in metrics
                 else T("card_gain", gain=metrics.get("improvement_over_naive", 0.0)))
        rows.append({T("card_model"): T(f"model_{name}"), T("card_architecture"):
                     f"{cfg.kind.upper()} {cfg.num_layers}×{cfg.hidden_size}", T("card_data"): b.data,
                     T("card_held_out"): score, T("card_storage"): storage_note(model.card.get("storage")),
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
        for u in bundled_model(name).card.get("units", []):
            metric, score = u.get("metric", "r"), u.get("score", u.get("correlation"))
            role = f"role_{u.get('feature')}"               # labels: viz/strings_explorer.py
            rows.append({T("card_model"): T(f"model_{name}"),
                         T("card_unit"): T("card_unit_name", layer=u.get("layer", 0), state=u.get("state", "c"),
                                           unit=u.get("unit")),
                         T("card_role"): T(role) if role in EN else str(u.get("feature")),
                         T("card_evidence"): "" if score is None else
                         f"AUC {score:.2f}" if metric == "auc" else f"r = {score:.2f}"})
    return rows


def run_net(net, x):
    trace = net.run(np.asarray(x, net.dtype))
    cfg = net.config
    return {(layer, d): {k: np.asarray(v, np.float32) for k, v in trace.gates(layer, d).items()}
            for layer in range(cfg.num_layers) for d in range(cfg.directions)}


def show_model(weights_key, filename, weights):
    """Everything below the uploader for weights that loaded. It returns early, never st.stop(): a stopped run
    keeps on the server the values of widgets it did not draw while the browser forgets them, so once they came
    back the page would use an input source or an inputs file the browser no longer shows. The input source is
    kept (remember) and handed back to the widget when it returns."""
    net = weights.net
    st.caption(architecture_caption(weights, filename))
    if weights.embedding is not None and weights.vocab is None:
        st.info(T("embedding_needs_vocab", rows=weights.embedding.shape[0], size=weights.embedding.shape[1]))
    with st.expander(T("model_card")):
        st.json(weights.card)                   # rendered as data, never as markup
    sources = (["text"] if weights.vocab is not None else []) + ["random", "csv"]
    from_url("input_source", str, sources[0], valid=lambda s: s in sources)
    if st.session_state["input_source"] not in sources:
        st.session_state["input_source"] = sources[0]
    source = st.radio(T("input_source"), sources, key="input_source", horizontal=True,
                      format_func=option_labels("input_", "input_source"))
    remember("input_source")
    made = {"text": lambda: text_input(weights), "random": lambda: random_input(net.config.input_size),
            "csv": lambda: csv_input(net.config.input_size)}[source]()
    if made is not None:
        step_through(weights, weights_key, *made)


def step_through(weights, weights_key, x, tokens, input_key, text, ids):
    net, embedded = weights.net, weights.embedding is not None
    gates_by_view = per_view("model_run", (weights_key, input_key), lambda: run_net(net, x))
    layer, direction = layer_direction_pickers(net.config)
    gates = gates_by_view[(layer, direction)]
    names_shown = [n for n in ("f", "i", "o", "g", "c", "r", "z", "n", "h") if n in gates]
    H = gates["h"].shape[1]
    ordering = gates["c"] if "c" in gates else gates["h"]
    order = st.radio(T("order_units"), ["index", "variance", "cluster"], key="model_order", horizontal=True,
                     format_func=option_labels("order_", "model_order"))
    units = [u for u in order_units(ordering, order) if u in top_active(ordering, min(32, H))]
    labels = tokens                             # display-safe: escaped characters, or step numbers

    def describe_step(step):
        """HTML: the input at step t (a character, or a vector's size and range) and where t is."""
        if text is not None:
            before, after = html.escape(text[max(0, step - 40):step]), html.escape(text[step + 1:step + 20])
            return (f'<div style="font-family: ui-monospace, monospace; font-size: 1.1rem; word-break: break-all">'
                    f'<span style="color:#888">{before}</span><mark style="background:#ff7f0e;color:white">'
                    f'{labels[step]}</mark><span style="color:#bbb">{after}</span></div>')
        row = np.asarray(x[step], float)
        return panels.metrics([(T("input_norm"), f"{np.linalg.norm(row):.3g}",
                                T("input_range", lo=float(row.min()), hi=float(row.max()), d=len(row)))])

    def input_html(step):
        if text is not None:
            key = "input_unknown" if ids[step] < 0 else "input_embedding_row" if embedded else "input_char"
            return html.escape(T(key, token="\0")).replace("\0", labels[step])
        return html.escape(T("input_vector", d=net.config.input_size))

    unit = unit_picker(H, default=int(units[0]))
    remember("unit")                  # an input source with no inputs yet draws no unit box: keep the choice
    step_controls(len(tokens), gates, names_shown, labels, units, unit, describe_step, input_html,
                  view_key=(weights_key, input_key, layer, direction),
                  extra=None if text is None else lambda s: why_panels_for_net(weights, text, gates_by_view,
                                                                              weights_key, s, unit, layer, direction))

    with st.expander(T("downloads")):
        if st.toggle(T("prepare_downloads"), key="model_downloads"):
            csv_bytes, npz_bytes = exports.trace_files(gates_by_view, list(text) if text is not None else tokens)
            d1, d2 = st.columns(2)
            d1.download_button(T("download_csv"), csv_bytes, "lstm_trace.csv", "text/csv", key="model_dl_csv")
            d2.download_button(T("download_npz"), npz_bytes, "lstm_trace.npz", "application/octet-stream",
                               key="model_dl_npz")


st.title(T("model_title"))
st.caption(T("model_intro"))
with st.expander(T("how_to_export")):
    st.markdown(T("how_to_export_body"))

with st.expander(T("bundled_cards")):
    st.dataframe(bundled_cards(), hide_index=True)
    st.caption(T("bundled_cards_caption"))
    units = named_units()
    if units:
        st.dataframe(units, hide_index=True)
        st.caption(T("card_units_caption"))

chosen = chosen_weights()
if chosen is not None:
    show_model(*chosen)
