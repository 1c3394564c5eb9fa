"""/series: a bundled series or an uploaded CSV -> one-step-ahead forecasts -> step through the gates."""
import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.common import T, bundled_model, explain_error, from_url, to_url
from app_pages.stepper import layer_direction_pickers, step_controls, unit_picker
from lstm_core.bundled import BUNDLED, SERIES_DIR, names
from lstm_core.tasks import train_forecaster
from lstm_core.train import TrainConfig
from viz import figures
from viz.text_view import order_units, top_active
from viz.uploads import UploadError, parse_series_csv, series_from

WINDOW = 400              # steps shown at full resolution in the step-through view
DISPLAY_POINTS = 2000     # longer series are summarised (min..max band and mean per bucket)
TRAIN_POINTS = 20_000     # an uploaded series trains on at most its first 20,000 points


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def bundled_series(name):
    b = BUNDLED[name]
    df = pd.read_csv(SERIES_DIR.parent / b.data)
    return df[b.time_column].astype(str).to_numpy(), df[b.column].to_numpy(dtype=float)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def window_run(name, start, length):
    """Forecasts for the whole bundled series and the recorded window (bundled models only: cacheable by name)."""
    _, values = bundled_series(name)
    return compute(bundled_model(name), values, start, length)


def compute(model, values, start, length, forecasts=None):
    """Forecasts for the whole series (unless given) and every gate of the window start..start+length."""
    if forecasts is None:
        _, forecasts = model.run_series(values, record=False)
    trace, _ = model.series_window(values, start, length)
    cfg = model.net.config
    gates = {(layer, d): {k: np.asarray(v, np.float32) for k, v in trace.gates(layer, d).items()}
             for layer in range(cfg.num_layers) for d in range(cfg.directions)}
    return {"forecasts": forecasts, "gates": gates}


def summarise(x, values, forecasts, points=DISPLAY_POINTS):
    """Bucket a long series for display: first label, mean, min and max per bucket."""
    if len(values) <= points:
        return x, values, forecasts, None
    edges = np.linspace(0, len(values), points + 1).astype(int)
    def per_bucket(a, f):
        return np.array([f(a[lo:hi]) for lo, hi in zip(edges[:-1], edges[1:], strict=True)])
    return (x[edges[:-1]], per_bucket(values, np.mean), per_bucket(forecasts, np.mean),
            (per_bucket(values, np.min), per_bucket(values, np.max)))


def uploaded_series():
    """-> (labels, values, model or None) for an uploaded CSV, or None after explaining the problem."""
    upload = st.file_uploader(T("upload_csv"), type=["csv", "txt", "tsv"], key="csv", help=T("upload_help"))
    if upload is None:
        st.info(T("upload_prompt"))
        return None
    data = upload.getvalue()
    try:
        df, columns = parse_series_csv(data)
        column = st.selectbox(T("value_column"), columns, key="value_column",
                              index=len(columns) - 1)      # the value usually follows the time column
        others = [str(c) for c in df.columns if str(c) != column]
        time_col = st.selectbox(T("time_column"), [None] + others, key="time_column",
                                format_func=lambda c: T("none") if c is None else c)
        values = series_from(df, column)
    except UploadError as err:
        st.error(explain_error(err))
        return None
    labels = df[[c for c in df.columns if str(c) == time_col][0]].astype(str).to_numpy() if time_col \
        else np.arange(len(values)).astype(str)
    key = hashlib.sha256(data + column.encode()).hexdigest()
    models = st.session_state.setdefault("_uploaded_models", {})
    if key not in models and st.button(T("train_button"), key="train", type="primary"):
        models.clear()                                   # one trained model per session at a time
        models[key] = train_on_upload(values)
    return labels, values, models.get(key)


def train_on_upload(values):
    bar = st.progress(0.0, text=T("training"))
    steps = 300

    def progress(info):
        if info.step % 10 == 0:
            bar.progress(info.step / steps, text=T("training_step", step=info.step, steps=steps, loss=info.loss))

    window = int(min(64, max(8, len(values[:TRAIN_POINTS]) * 0.8 // 3)))
    model, _ = train_forecaster(values[:TRAIN_POINTS], 0.8, hidden_size=16, window=window,
                                cfg=TrainConfig(steps=steps, lr=5e-3), callback=progress)
    bar.empty()
    return model


st.title(T("series_title"))
st.caption(T("series_intro"))
with st.expander(T("how_to_read")):
    st.markdown(T("how_to_read_series"))

with st.sidebar:
    source = st.radio(T("series_source"), ["bundled", "upload"], key="series_source",
                      format_func=lambda s: T(f"source_{s}"))
    name = None
    if source == "bundled":
        from_url("model", str, names("forecast")[0])
        if st.session_state["model"] not in names("forecast"):
            st.session_state["model"] = names("forecast")[0]
        name = st.selectbox(T("model"), names("forecast"), key="model", format_func=lambda n: T(f"model_{n}"))

if source == "bundled":
    labels, values = bundled_series(name)
    model = bundled_model(name)
    metrics = model.card["metrics"]
    st.caption(T("card_metrics", gain=metrics["improvement_over_naive"], points=metrics["held_out_points"]))
else:
    got = uploaded_series()
    if got is None:
        st.stop()
    labels, values, model = got
    if model is None:
        st.plotly_chart(figures.series_with_forecast(labels, values, values, {
            "truth": T("truth"), "forecast": T("forecast"), "error": T("error"), "range": T("range")}))
        st.info(T("train_prompt"))
        st.stop()

n = len(values)
from_url("window_start", int, 0)
start = 0
if n > WINDOW:
    start = st.slider(T("window_start"), 0, n - WINDOW, key="window_start", step=max(1, n // 1000),
                      help=T("window_help", window=WINDOW))
length = min(WINDOW, n - start)
with st.spinner(T("computing")):
    if source == "bundled":
        result = window_run(name, start, length)
    else:                                                 # forecasts once per uploaded model, windows on demand
        forecasts = st.session_state.setdefault("_upload_forecasts", {})
        if id(model) not in forecasts:
            forecasts.clear()
            forecasts[id(model)] = model.run_series(values, record=False)[1]
        result = compute(model, values, start, length, forecasts[id(model)])

x_shown, v_shown, f_shown, band = summarise(labels, values, result["forecasts"])
if band is not None:
    st.caption(T("summarised", points=n, buckets=len(v_shown)))
st.plotly_chart(figures.series_with_forecast(x_shown, v_shown, f_shown, {
    "truth": T("truth"), "forecast": T("forecast"), "error": T("error"), "range": T("range")}, band=band),
    key="series_figure")
mse = float(np.mean((values[1:] - result["forecasts"][:-1]) ** 2))
naive = float(np.mean((values[1:] - values[:-1]) ** 2))
st.caption(T("whole_series_mse", mse=mse, naive=naive))

st.subheader(T("step_through_title", start=start, stop=start + length - 1))
layer, direction = layer_direction_pickers(model.net.config)
gates = result["gates"][(layer, direction)]
names_shown = [k for k in ("f", "i", "o", "g", "c", "h") if k in gates]
H = gates["h"].shape[1]
keep = top_active(gates["c"], H)
units = [u for u in order_units(gates["c"], st.radio(T("order_units"), ["index", "variance", "cluster"],
                                                     key="order", horizontal=True,
                                                     format_func=lambda k: T(f"order_{k}"))) if u in keep]
tokens = [figures.token_label(str(label)) for label in labels[start:start + length]]
window_values = values[start:start + length]
window_forecasts = result["forecasts"][start:start + length]


def describe_step(step):
    t_abs = start + step
    st.metric(T("value_at", label=tokens[step]), f"{window_values[step]:.4g}")
    if step + 1 < len(window_values):
        st.metric(T("forecast_next"), f"{window_forecasts[step]:.4g}",
                  delta=f"{window_forecasts[step] - window_values[step + 1]:+.3g} " + T("vs_truth"),
                  delta_color="off")
    st.caption(T("series_step_caption", step=t_abs))


unit = unit_picker(H, default=int(units[0]))
step = step_controls(length, gates, names_shown, tokens, units, unit, describe_step)
to_url(model=name, step=step, unit=unit, window_start=start if n > WINDOW else None)
