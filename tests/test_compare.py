"""/compare: the gradient curves, the memory results and the parameter counts say what the page says they say."""
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lessons import demos
from lessons.cells import COMPARE_DIR, KINDS, make_net, symbol_sequence, trained_model
from lstm_core import RecurrentNet
from lstm_core.tasks import adding_task
from tools import compare_memory

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def reach_distance(reach, fraction=1e-3):
    """How far back the gradient reaches: the first distance at which it has fallen below `fraction` of its size
    at distance 0 (the whole length if it never does)."""
    below = np.flatnonzero(reach < fraction * reach[0])
    return int(below[0]) if below.size else len(reach)


# ------------------------------------------------------------------------------------------- gradient flow

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_trained_lstm_and_gru_keep_the_gradient_four_times_further_than_the_trained_rnn(seed):
    reach = demos.reach_settings(60, seed)["trained"]
    far = {kind: reach_distance(reach[kind]) for kind in KINDS}
    assert far["lstm"] >= 4 * far["rnn"] and far["gru"] >= 4 * far["rnn"], far
    assert far["lstm"] == far["gru"] == 60, far                  # neither falls below 1e-3 within 60 steps
    assert reach["lstm"][40] > 1e20 * reach["rnn"][40]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_at_default_initialisation_the_lstm_forgets_about_as_fast_as_the_rnn(seed):
    """'Close' is measured by the factor the gradient is multiplied by per step back (decay_per_step, distances
    1..40): the default LSTM's and the RNN's differ by at most 0.2, and both lose at least 30% per step, so both
    fall below 1e-3 of their size within about 20 steps (0.7^20 = 8e-4): the same regime, far from memory. Why
    0.2: the LSTM's factor is set mainly by its mean forget gate, σ(bias near 0) ≈ 0.5-0.6, the RNN's by the
    size of its Jacobian (W_hh ~ U(-1/√H, 1/√H) has spectral radius about 0.58); between seeds they spread over
    0.49-0.67 (measured for seeds 0-5). What 'far' means is shown by the same networks with the forget-gate bias
    at 1 (at least 0.1 higher) and by the trained LSTM (above 0.9)."""
    reach = demos.reach_settings(60, seed)
    factor = {cell: demos.decay_per_step(values) for cell, values in reach["default"].items()}
    assert abs(factor["lstm"] - factor["rnn"]) <= 0.2, factor
    assert factor["lstm"] <= 0.7 and factor["rnn"] <= 0.7, factor
    assert demos.decay_per_step(reach["forget1"]["lstm_forget1"]) >= factor["lstm"] + 0.1
    assert demos.decay_per_step(reach["trained"]["lstm"]) > 0.9


def test_the_default_forget_gate_is_about_one_half_and_bias_one_makes_it_about_073():
    means = demos.forget_means(60, 0)
    assert 0.45 < means["default"] < 0.6
    assert 0.68 < means["forget1"] < 0.78                       # σ(1) = 0.731, moved a little by the weights
    assert means["trained"] > means["default"]


def test_forget_bias_sets_exactly_the_bias_the_forget_gate_sees():
    net = make_net("lstm_forget1", hidden_size=5)
    total = net.params["bias_ih_l0"] + net.params["bias_hh_l0"]
    np.testing.assert_array_equal(total[5:10], 1.0)
    np.testing.assert_array_equal(total[:5], make_net("lstm", hidden_size=5).params["bias_ih_l0"][:5]
                                  + make_net("lstm", hidden_size=5).params["bias_hh_l0"][:5])


def test_large_recurrent_weights_make_the_rnn_gradient_grow_and_clipping_keeps_its_direction():
    grown = demos.rnn_reach(6.0)
    assert grown["left40"] > 10
    clip = demos.clipping(6.0, 1.0)
    assert clip["norm_before"] > 1e5
    assert clip["norm_after"] == pytest.approx(1.0, rel=1e-12)
    assert clip["cosine"] == pytest.approx(1.0, abs=1e-12)


# ------------------------------------------------------------------------------------------------ memory

def memory_file():
    return json.loads((COMPARE_DIR / "memory.json").read_text(encoding="utf-8"))


def test_memory_results_cover_every_cell_task_gap_and_seed_with_their_settings():
    data = memory_file()
    s = data["settings"]
    assert s == compare_memory.SETTINGS
    assert data["cells"] == list(compare_memory.CELLS)
    for task in compare_memory.TASKS:
        for cell in compare_memory.CELLS:
            scores = data["results"][task][cell]
            assert list(scores) == [str(g) for g in s["gaps"]]
            assert all(len(v) == len(s["seeds"]) for v in scores.values())
    assert data["seconds"] < 8 * 60
    assert data["tasks"]["adding"]["chance"] == pytest.approx(1 / 6)


@pytest.mark.parametrize("task, cell, gap, seed", [("adding", "rnn", 5, 0), ("first_symbol", "gru", 5, 0)])
def test_a_committed_memory_point_is_reproduced_by_its_script(task, cell, gap, seed):
    """The script gives the committed point again: to a relative 1e-3 for a loss (a run's floats differ between
    NumPy builds and BLAS libraries), and the same outcome for a point every seed solves. A chaotic point (one
    that some seeds solve and others not) may land either way on another machine, so it is not a test."""
    committed = memory_file()["results"][task][cell][str(gap)][compare_memory.SETTINGS["seeds"].index(seed)]
    _, score = compare_memory.train_point(task, cell, gap, seed)
    if task == "adding":
        assert score == pytest.approx(committed, rel=1e-3)
    else:
        assert committed == 1.0 and score >= 0.99


def test_the_trained_models_are_those_the_script_saved_and_remember_the_first_symbol():
    data = memory_file()
    for kind in KINDS:
        card = trained_model(kind).card
        assert card["gap"] == data["trained_models"]["gap"] == compare_memory.TRAINED_GAP
        assert card["test_accuracy"] == data["results"]["first_symbol"][kind][str(card["gap"])][0]
    assert trained_model("lstm").card["test_accuracy"] == 1.0


def test_the_adding_task_marks_one_number_in_each_half_and_its_target_is_their_sum():
    x, y = adding_task(200, 10, np.random.default_rng(0))
    marks = x[..., 1]
    assert np.all(marks[:, :5].sum(axis=1) == 1) and np.all(marks[:, 5:].sum(axis=1) == 1)
    np.testing.assert_allclose(y, (x[..., 0] * marks).sum(axis=1), rtol=1e-6)
    assert np.mean((y - 1) ** 2) == pytest.approx(1 / 6, abs=0.03)      # what answering 1 scores


def test_a_live_run_learns_a_short_gap_and_can_be_resumed_chunk_by_chunk():
    run = demos.LiveRun("rnn", 5, 60)
    run.advance(25)
    assert len(run.losses) == 25 and not run.done
    run.advance(100)                                        # never past its steps
    assert len(run.losses) == 60 and run.done
    assert run.losses[-1] < run.losses[0]


# ------------------------------------------------------------------------------------------------- cost

@pytest.mark.parametrize("D, H", [(1, 1), (3, 7), (64, 128), (300, 17)])
def test_parameter_counts_by_the_formula_equal_the_arrays(D, H):
    counts = demos.parameter_counts(D, H)
    for kind, gates in (("rnn", 1), ("gru", 3), ("lstm", 4)):
        assert counts[kind]["formula"] == counts[kind]["arrays"] == gates * (H * D + H * H + 2 * H)
        net = RecurrentNet.create(kind, D, H, bidirectional=True, num_layers=2)
        second = sum(p.size for n, p in net.params.items() if "_l1" in n)
        assert second == 2 * demos.formula_count(kind, 2 * H, H)          # layer 1 reads both directions


def test_time_per_step_is_measured_for_each_cell():
    timing = demos.time_per_step(8, 16, length=20, repeats=2)
    assert set(timing) == set(KINDS) and all(v > 0 for v in timing.values())


# ------------------------------------------------------------------------------------------------- page

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_compare_page_runs_in_both_languages_and_trains_live(lang):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 5                # reach, exploding, clipping, memory, time per step
    at.slider(key="compare_scale").set_value(3.0).run()
    at.selectbox(key="compare_live_cell").set_value("rnn").run()
    at.select_slider(key="compare_live_steps").set_value(100).run()
    at.button(key="compare_live_train").click().run()
    assert not at.exception
    run = at.session_state["compare_live"]
    assert run.done and run.cell == "rnn"
    at.button(key="compare_live_stop").click().run()
    assert not at.exception


def test_a_stopped_run_stays_where_it_stopped():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/compare.py").run()
    run = demos.LiveRun("rnn", 5, 100)
    run.advance(20)
    at.session_state["compare_live"] = run
    at.button(key="compare_live_stop").click().run()
    assert len(at.session_state["compare_live"].losses) == 20
    assert "20" in at.info[0].value
    at.slider(key="compare_length").set_value(40).run()           # another widget: still stopped
    assert len(at.session_state["compare_live"].losses) == 20


def test_the_sequence_every_cell_reads_is_the_same_for_a_seed():
    a, _ = symbol_sequence(30, 4)
    b, _ = symbol_sequence(30, 4)
    np.testing.assert_array_equal(a, b)
