"""Long series: checkpointed windows give exactly the engine's numbers; the display summary keeps the range."""
import numpy as np
import pytest

from lstm_core.bundled import load_bundled
from viz.long_series import forecasts_and_checkpoints, summarise, window_trace


@pytest.fixture(scope="module")
def model():
    return load_bundled("series_sine")


@pytest.fixture(scope="module")
def values():
    t = np.arange(5_000)
    return np.sin(t / 25) + 0.1 * np.random.default_rng(0).normal(size=t.size)


def test_one_pass_gives_the_engines_forecasts(model, values):
    forecasts, checkpoints = forecasts_and_checkpoints(model, values, every=1000)
    np.testing.assert_allclose(forecasts, model.run_series(values, record=False)[1], rtol=1e-5, atol=1e-6)
    assert len(checkpoints) == 5 and checkpoints[0] == (None, None)


@pytest.mark.parametrize("start", [0, 999, 1000, 3456, 4800])
def test_a_window_from_the_nearest_checkpoint_equals_the_engines_window(model, values, start):
    _, checkpoints = forecasts_and_checkpoints(model, values, every=1000)
    ours = window_trace(model, values, start, 200, checkpoints, every=1000).gates()
    theirs = model.series_window(values, start, 200)[0].gates()
    assert ours["c"].shape == theirs["c"].shape == (min(200, len(values) - start), model.net.config.hidden_size)
    for name in ("f", "c", "h"):
        np.testing.assert_allclose(ours[name], theirs[name], rtol=1e-4, atol=1e-5)


def test_a_short_series_is_drawn_whole():
    x, v, f, band = summarise(np.arange(10), np.arange(10.0), np.arange(10.0))
    assert band is None and len(v) == 10


def test_a_long_series_is_drawn_as_buckets_with_their_mean_and_range():
    values = np.arange(100_000, dtype=float)
    x, v, f, (low, high) = summarise(np.arange(100_000), values, values * 2, points=2000)
    assert len(x) == len(v) == len(low) == 2000
    assert (x[0], x[1], low[1], high[1]) == (0, 50, 50, 99) and v[1] == pytest.approx(74.5)
    assert f[1] == pytest.approx(149.0)
