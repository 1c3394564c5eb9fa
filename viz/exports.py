"""Trace downloads: a long-format CSV (step, token, layer, direction, name, unit, value) and an .npz."""
import io

import numpy as np
import pandas as pd


def long_table(gates_by_view, tokens):
    """gates_by_view: {(layer, direction): {name: (T, H) array}} -> one row per value."""
    T = len(tokens)
    frames = []
    for (layer, direction), named in gates_by_view.items():
        for name, values in named.items():
            values = np.asarray(values)
            H = values.shape[1]
            frames.append(pd.DataFrame({
                "step": np.repeat(np.arange(T), H), "token": np.repeat(np.asarray(list(tokens), dtype=object), H),
                "layer": layer, "direction": direction, "name": name, "unit": np.tile(np.arange(H), T),
                "value": values.reshape(-1).round(6)}))
    return pd.concat(frames, ignore_index=True)


def trace_files(gates_by_view, tokens):
    """-> (CSV bytes, .npz bytes). The .npz holds plain numeric arrays only (characters as code points; other
    step labels, such as step numbers, are left to the CSV)."""
    csv_bytes = long_table(gates_by_view, tokens).to_csv(index=False).encode("utf-8")
    arrays = {f"layer{layer}_direction{d}/{name}": np.asarray(v)
              for (layer, d), named in gates_by_view.items() for name, v in named.items()}
    if all(len(ch) == 1 for ch in tokens):
        arrays["token_codepoints"] = np.array([ord(ch) for ch in tokens], dtype=np.uint32)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return csv_bytes, buf.getvalue()
