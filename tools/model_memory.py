"""Memory one /models session holds for a large upload: `python tools/model_memory.py [--float16]`.

Writes a model of the size of PyTorch's word-language-model example at its defaults (wikitext-2's 33,278 words,
200 embedding and hidden units, a 2-layer LSTM, an untied decoder: 13.9 million parameters, 56 MB in float32,
28 MB in float16) with random weights, opens /models in Streamlit's AppTest under tracemalloc, uploads it, and
prints the memory Python and NumPy hold once the page has run (the uploaded bytes, which Streamlit keeps for
the session, included) and the peak while it ran, above the page with the bundled example.
"""
import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_core.weights_io import save_safetensors  # noqa: E402

V, E, H, LAYERS = 33278, 200, 200, 2


def word_model_bytes(dtype):
    rng = np.random.default_rng(0)
    arrays = {"encoder.weight": rng.standard_normal((V, E))}
    for k in range(LAYERS):
        inputs = E if k == 0 else H
        arrays.update({f"rnn.weight_ih_l{k}": rng.uniform(-0.1, 0.1, (4 * H, inputs)),
                       f"rnn.weight_hh_l{k}": rng.uniform(-0.1, 0.1, (4 * H, H)),
                       f"rnn.bias_ih_l{k}": rng.uniform(-0.1, 0.1, 4 * H),
                       f"rnn.bias_hh_l{k}": rng.uniform(-0.1, 0.1, 4 * H)})
    arrays["decoder.weight"] = rng.uniform(-0.1, 0.1, (V, H))
    arrays["decoder.bias"] = np.zeros(V)
    return save_safetensors({k: v.astype(dtype) for k, v in arrays.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--float16", action="store_true", help="store the weights in float16 (28 MB)")
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("app_pages/models.py").run()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    data = word_model_bytes(np.float16 if args.float16 else np.float32)       # traced: the session keeps it
    print(f"file: {len(data) / 1e6:.1f} MB")
    tracemalloc.reset_peak()
    start = time.perf_counter()
    at.file_uploader(key="weights").set_value(("word_lm.safetensors", data, "application/octet-stream")).run()
    seconds = time.perf_counter() - start
    assert not at.exception and not at.error, (at.exception, at.error)
    del data
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    print(f"held by the session after the run: {(held - base) / 1e6:.0f} MB (the upload's bytes included); "
          f"peak during the run: {(peak - base) / 1e6:.0f} MB; the run took {seconds:.1f} s")


if __name__ == "__main__":
    main()
