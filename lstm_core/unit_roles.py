"""Find units whose activation tracks a simple property of the text (as in Karpathy's cell visualisations)."""
import numpy as np

QUOTES = "\"'"


def text_features(text):
    """{feature name: (T,) float array} of properties each character position has."""
    T = len(text)
    boundary = np.array([not ch.isalnum() for ch in text], dtype=float)
    in_quote, inside = np.zeros(T), False
    depth, level = np.zeros(T), 0
    position, run = np.zeros(T), 0
    for t, ch in enumerate(text):
        if ch == '"':
            inside = not inside
        in_quote[t] = inside
        level = level + 1 if ch in "([{" else max(level - 1, 0) if ch in ")]}" else level
        depth[t] = level
        run = run + 1 if ch.isalnum() else 0
        position[t] = run
    return {"word boundary (not a letter or digit)": boundary, "inside double quotes": in_quote,
            "inside brackets": depth > 0, "position inside the word": position}


def correlations(states, feature):
    """Pearson correlation of every unit (columns of states, (T, H)) with a (T,) feature."""
    s = states - states.mean(axis=0)
    f = feature - feature.mean()
    denom = np.sqrt((s * s).sum(axis=0) * (f * f).sum())
    return np.divide(s.T @ f, denom, out=np.zeros(states.shape[1]), where=denom > 0)


def describe_units(model, text, layer=0, direction=0):
    """For each feature: the unit (of c or h) whose activation correlates most with it on `text`."""
    trace, _, _ = model.run_text(text)
    gates = trace.gates(layer, direction)
    found = []
    for feature, values in text_features(text).items():
        values = np.asarray(values, dtype=float)
        if values.std() == 0:
            continue
        best = max(((state, unit, r) for state in ("c", "h") if state in gates
                    for unit, r in enumerate(correlations(gates[state].astype(float), values))),
                   key=lambda item: abs(item[2]))
        found.append({"feature": feature, "state": best[0], "unit": int(best[1]),
                      "correlation": round(float(best[2]), 3), "layer": layer, "direction": direction})
    return found
