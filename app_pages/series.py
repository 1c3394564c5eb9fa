"""/series: a bundled series or an uploaded CSV -> one-step-ahead forecasts -> step through the gates."""
import hashlib
from contextlib import nullcontext

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.common import (
    T,
    bundled_model,
    drop_link,
    keep,
    option_labels,
    per_view,
    projector,
    translated_labels,
)
from app_pages.csv_notes import error_text, show_reading
from app_pages.cursor import Cursor
from app_pages.reading import read_series
from app_pages.stepper import explore
from app_pages.strings import t
from app_pages.why import why_panels
from lstm_core.bundled import BUNDLED, SERIES_DIR, names
from lstm_core.tasks import train_forecaster
from lstm_core.train import TrainConfig
from readers.series_csv import MAX_CSV_MB, UploadError, read_table, series_from
from viz import figures
from viz.long_series import forecasts_and_checkpoints, held_out_errors, shown_index, summarise, window_trace
from viz.text_view import md_escape, order_units, top_active

PROJECTOR_CHART_PX = 230  # the forecast's height in projector mode
PROJECTOR_ROWS = 8        # unit rows of the heatmaps in projector mode (the chosen one and the most active)
WINDOW = 400              # steps shown at full resolution in the step-through view
TRAIN_POINTS = 20_000     # an uploaded series trains on at most its first 20,000 points
TRAIN_FRACTION = 0.8      # of those, the first 80%; the rest of the series is held out


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def bundled_series(name):
    b = BUNDLED[name]
    df = pd.read_csv(SERIES_DIR.parent / b.data)
    return df[b.time_column].astype(str).to_numpy(), df[b.column].to_numpy(dtype=float)


def window_run(name, start, length):
    """The reading of a bundled series' window (bundled models only: cacheable by name)."""
    labels, values = bundled_series(name)
    model = bundled_model(name)
    return compute(model, name, labels, values, start, length, forecasts_and_checkpoints(model, values), shared=True)


def compute(model, key, labels, values, start, length, prepared, shared=False):
    """prepared = (forecasts, checkpoints) for the whole series -> the reading of the window: its trace (the state
    brought from the nearest checkpoint) and the forecasts of the whole series (reading.all_forecasts)."""
    forecasts, checkpoints = prepared
    trace = window_trace(model, values, start, length, checkpoints)
    reading = read_series(model, key, values, labels, start, length, forecasts, trace, shared)
    return reading, forecasts


def kept_upload(upload):
    """The bytes of the CSV this page works on: the uploader's, or the one uploaded before the reader went to
    another page (Streamlit empties an uploader that was off the page; the file, and the model trained on it, stay
    in the session until the reader removes the file or forgets it). None when there is none."""
    state = st.session_state
    if upload is not None:
        state["_kept_csv"], state["_csv_restored"] = (upload.name, upload.getvalue()), False
        return state["_kept_csv"][1]
    came_back = state.get("_came_from") != "series"
    if state.get("_kept_csv") is None or not (came_back or state.get("_csv_restored")):
        state["_kept_csv"] = None                       # removed from the uploader on this page: gone
        return None
    state["_csv_restored"] = True
    name, data = state["_kept_csv"]
    with st.container(horizontal=True, vertical_alignment="center", key="lx_kept_csv"):
        st.info(T("csv_kept", file=md_escape(name)))
        st.button(T("csv_forget"), key="csv_forget", on_click=_forget_upload)
    return data


def _forget_upload():
    st.session_state["_kept_csv"], st.session_state["_csv_restored"] = None, False


def uploaded_series():
    """-> (labels, values, model or None) for an uploaded CSV, or None after explaining the problem. What the
    reader guessed or cut is said above the figure."""
    upload = st.file_uploader(T("upload_csv"), type=["csv", "txt", "tsv"], key="csv", help=T("upload_help"),
                              max_upload_size=MAX_CSV_MB)
    st.caption(T("upload_limit", mb=MAX_CSV_MB))      # the uploader's own refusal is English and hover-only
    got = kept_upload(upload)
    if got is None:
        st.info(T("upload_prompt"))
        return None
    data = got
    digest = hashlib.sha256(data).hexdigest()
    table = None
    try:
        table = per_view("csv_table", digest, lambda: read_table(data))
        if not table.value_columns:
            raise UploadError("err_no_numeric")
        column, time_column = column_pickers(table, digest)
        series = series_from(table, column, time_column)
    except UploadError as err:
        st.error(error_text(err))
        if table is not None and table.notes:             # how the file was read may explain what went wrong
            show_reading(table.notes)
        return None
    show_reading(series.notes)
    key = (digest, column)
    models = st.session_state.setdefault("_uploaded_models", {})
    if key not in models:
        st.info(train_prompt(len(series.values)))        # which points training reads, before it does
    if key not in models and st.button(T("train_button"), key="train", type="primary"):
        models.clear()                                   # one trained model per session at a time
        models[key] = train_on_upload(series.values)
        st.rerun()                                       # redraw without the button that was just pressed
    return series.labels, series.values, models.get(key)


def column_pickers(table, digest):
    """The value and time columns: the reader's choices for a new file, the user's after that."""
    state = st.session_state
    if state.get("_columns_of") != digest or state.get("value_column") not in table.value_columns:
        state["value_column"], state["time_column"] = table.default_value, table.default_time
        state["_columns_of"] = digest
    column = st.selectbox(T("value_column"), table.value_columns, key="value_column")
    # "" stands for no time column: Streamlit cannot send a None choice back after a language switch
    options = [""] + [c for c in table.columns if c != column]
    if state.get("time_column") not in options:
        state["time_column"] = ""
    time_column = st.selectbox(T("time_column"), options, key="time_column",
                               format_func=translated_labels("time_column", lambda c, lang: c or t("none", lang)))
    return column, time_column


def training_points(n):
    """How many of n points an upload trains on (the rest is held out): train_on_upload's own arithmetic."""
    return int(min(n, TRAIN_POINTS) * TRAIN_FRACTION)


def train_on_upload(values):
    bar = st.progress(0.0, text=T("training"))
    steps = 300

    def progress(info):
        if info.step % 10 == 0:
            bar.progress(info.step / steps, text=T("training_step", step=info.step, steps=steps, loss=info.loss))

    window = int(min(64, max(8, len(values[:TRAIN_POINTS]) * TRAIN_FRACTION // 3)))
    model, _ = train_forecaster(values[:TRAIN_POINTS], TRAIN_FRACTION, hidden_size=16, window=window,
                                cfg=TrainConfig(steps=steps, lr=5e-3), callback=progress)
    bar.empty()
    return model


def naive_view(labels, values):
    """An upload no model knows yet: the series and the naive forecast "next = last", named as such."""
    x_shown, v_shown, f_shown, band = summarise(labels, values, values)
    st.plotly_chart(figures.series_with_forecast(x_shown, v_shown, f_shown, {
        "truth": T("truth"), "forecast": T("naive_forecast"), "error": T("naive_error"), "range": T("range")},
        band=band, naive=True), key="series_figure")
    st.caption(T("naive_caption"))


def train_prompt(n):
    train = training_points(n)
    if n > TRAIN_POINTS:
        return T("train_prompt_capped", cap=TRAIN_POINTS, train=train, points=n, held=n - train)
    return T("train_prompt", train=train, points=n, held=n - train)


def score_caption(values, forecasts, start):
    """The held-out score of a model trained here, worded as the bundled cards word theirs."""
    mse, naive = held_out_errors(values, forecasts, start)
    gain = 1 - mse / naive if naive > 0 else 0.0
    key = "upload_score_better" if gain >= 0 else "upload_score_worse"
    return T(key, points=len(values) - start, gain=abs(gain), mse=mse, naive=naive)


def forecasts_and_gates(name, labels, values, model):
    """The forecast figure and the step-through view of a model on its series (name: a bundled model, or None)."""
    n = len(values)
    start = 0
    drop_link("window_start")
    if n > WINDOW:
        keep("window_start", 0, int, link="window_start", valid=lambda s: 0 <= s <= n - WINDOW, link_default=False)
        start = st.slider(T("window_start"), 0, n - WINDOW, key="window_start", step=max(1, n // 1000),
                          help=T("window_help", window=WINDOW))
    length = min(WINDOW, n - start)
    with st.spinner(T("computing")):
        if name:
            reading, forecasts = per_view("series_run", (name, start, length), lambda: window_run(name, start, length),
                                          shared=True)
        else:                                             # forecasts once per uploaded model, windows on demand
            prepared = st.session_state.setdefault("_upload_forecasts", {})
            if id(model) not in prepared:
                prepared.clear()
                prepared[id(model)] = forecasts_and_checkpoints(model, values)
            reading, forecasts = per_view("series_run", (id(model), start, length), lambda: compute(
                model, id(model), labels, values, start, length, prepared[id(model)]))
    held_out = model.card.train_points
    if not name and held_out:
        st.caption(T("trained_on", train=held_out, points=n) + " " + score_caption(values, forecasts,
                                                                                 held_out))

    def series_figure():
        x_shown, v_shown, f_shown, band = summarise(labels, values, forecasts)
        return len(v_shown) if band is not None else None, figures.series_with_forecast(
            x_shown, v_shown, f_shown, {"truth": T("truth"), "forecast": T("forecast"), "error": T("error"),
                                        "range": T("range"), "held_out": T("held_out")}, band=band,
            window=(shown_index(n, start), shown_index(n, start + length - 1)) if n > WINDOW else None,
            held_out=shown_index(n, held_out) if held_out else None, height=PROJECTOR_CHART_PX if beside else 420)

    beside = projector()                # one screen for the forecast, the step bar and the heatmaps
    buckets, fig = per_view("series_figure", (name or id(model), start, length, st.session_state.get("lang"),
                                              beside), series_figure, shared=bool(name))
    if buckets and not beside:
        st.caption(T("summarised", points=n, buckets=buckets))
    st.plotly_chart(fig, key="series_figure")
    if held_out and not beside:
        st.caption(T("held_out_caption"))
    mse = float(np.mean((values[1:] - forecasts[:-1]) ** 2))
    naive = float(np.mean((values[1:] - values[:-1]) ** 2))
    if not beside:
        st.caption(T("whole_series_mse", mse=mse, naive=naive))
    step_through(name, model, reading)


def step_through(name, model, reading):
    beside = projector()                # one screen: the units' choices in one row, the busiest rows only
    if not beside:
        st.subheader(T("step_through_title", start=reading.start, stop=reading.start + reading.steps - 1))
    cursor = Cursor(name or reading.key[1])
    layer, direction = cursor.layers(model.net.config)
    gates = reading.gates[(layer, direction)]
    H = gates["h"].shape[1]
    keep = top_active(gates["c"], PROJECTOR_ROWS if beside else H)
    c_order, c_unit = st.container(key="lx_bar_units").columns(2) if beside else (st, nullcontext())
    order = c_order.radio(T("order_units"), ["index", "variance", "cluster"], key="order", horizontal=True,
                          format_func=option_labels("order_", "order"))
    ordered = order_units(gates["c"], order)
    units = [u for u in ordered if u in keep]
    with c_unit:
        unit = cursor.unit_box(H, default=int(ordered[0]))      # the same first unit at a desk and on a projector
    explore(reading, cursor, gates, units, unit, view_key=(reading.key, layer, direction),
            extra=lambda s: why_panels(reading, s, unit, layer, direction))
    cursor.publish()


def page():
    """Returns early, never st.stop(): a stopped run keeps on the server the values of widgets it did not draw
    while the browser forgets them, so when they came back the page would use choices the browser no longer
    shows (an order of units, a window start)."""
    st.title(T("series_title"))
    if not projector():                 # the desk's explanations: a projector's one screen has no room
        st.caption(T("series_intro"))
        with st.expander(T("how_to_read")):
            st.markdown(T("how_to_read_series"))
    with st.sidebar:
        keep("series_source", "bundled", valid=lambda s: s in ("bundled", "upload"))   # never in a link: a file is not
        source = st.radio(T("series_source"), ["bundled", "upload"], key="series_source",
                          format_func=option_labels("source_", "series_source"))
        if source == "bundled":
            keep("model", names("forecast")[0], link="model", valid=lambda n: n in names("forecast"))
            name = st.selectbox(T("model"), names("forecast"), key="model",
                                format_func=option_labels("model_", "model"))
        else:
            drop_link("model")
    if source == "bundled":
        labels, values = bundled_series(name)
        model = bundled_model(name)
        metrics = model.card.metrics
        if not projector():
            st.caption(T("card_metrics", gain=metrics.improvement_over_naive, points=metrics.held_out_points))
        forecasts_and_gates(name, labels, values, model)
        return
    got = uploaded_series()
    if got is None:
        return
    labels, values, model = got
    if model is None:
        naive_view(labels, values)
    else:
        forecasts_and_gates(None, labels, values, model)


page()
