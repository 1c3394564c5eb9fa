"""Long series (up to 100,000 points) kept responsive: forecasts in one unrecorded pass that leaves state
checkpoints behind, windows recorded at full resolution from the nearest checkpoint, and a bucketed summary
for display. Pure functions over lstm_core (no Streamlit)."""
import numpy as np

CHECKPOINT = 2000          # steps between saved states: a window move replays at most this many steps
DISPLAY_POINTS = 2000      # longer series are drawn as this many buckets


def forecasts_and_checkpoints(model, values, every=CHECKPOINT):
    """One pass over the whole series without recording -> (forecasts in the series' units (T,),
    [(h, c) before step 0, before step `every`, ...]). Same numbers as model.run_series(values, record=False)."""
    x = model.scaling.scale(values)[:, None].astype(model.net.dtype)
    outputs, checkpoints, state = [], [], (None, None)
    for start in range(0, len(x), every):
        checkpoints.append(state)
        trace, out = model.forward(x[start:start + every], *state, record=False)
        outputs.append(out)
        state = (trace.h_n, trace.c_n)
    return model.scaling.forecasts(values, np.concatenate(outputs)[:, 0]), checkpoints


def window_trace(model, values, start, length, checkpoints, every=CHECKPOINT):
    """The recorded trace of steps start..start+length, its state brought from the nearest checkpoint
    (unidirectional models only: a backward direction would need the whole future)."""
    stop = min(start + length, len(values))
    x = model.scaling.scale(values[:stop])[:, None].astype(model.net.dtype)
    k = start // every
    h0, c0 = checkpoints[k]
    if start > k * every:
        trace, _ = model.forward(x[k * every:start], h0, c0, record=False)
        h0, c0 = trace.h_n, trace.c_n
    trace, _ = model.forward(x[start:stop], h0, c0)
    return trace


def summarise(x, values, forecasts, points=DISPLAY_POINTS):
    """Bucket a long series for display -> (first label, mean value, mean forecast per bucket,
    (min, max) per bucket or None when the series is short enough to draw whole)."""
    if len(values) <= points:
        return x, values, forecasts, None
    edges = np.linspace(0, len(values), points + 1).astype(int)
    starts = edges[:-1]

    def per_bucket(a, ufunc):
        return ufunc.reduceat(np.asarray(a, dtype=float), starts)

    counts = np.diff(edges)
    return (np.asarray(x)[starts], per_bucket(values, np.add) / counts, per_bucket(forecasts, np.add) / counts,
            (per_bucket(values, np.minimum), per_bucket(values, np.maximum)))


def shown_index(n, index, points=DISPLAY_POINTS):
    """Where step `index` of a series of n steps is in what summarise(..., points) draws: the step itself when
    the series is drawn whole, else the bucket that holds it."""
    if n <= points:
        return index
    edges = np.linspace(0, n, points + 1).astype(int)
    return int(np.searchsorted(edges, index, side="right") - 1)


def held_out_errors(values, forecasts, start):
    """Mean squared error of the one-step-ahead forecasts of points start.. (forecasts[t] forecasts t+1, made
    having read everything before), and of the naive forecast "next = last" of the same points:
    (model_mse, naive_mse). What lstm_core.tasks.forecast_errors computes, from forecasts already made."""
    values, forecasts = np.asarray(values, dtype=float), np.asarray(forecasts, dtype=float)
    truth = values[start:]
    return (float(np.mean((forecasts[start - 1:-1] - truth) ** 2)),
            float(np.mean((values[start - 1:-1] - truth) ** 2)))
