"""/compare: the gradient curves, the memory results and the parameter counts say what the page says they say."""
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.strings import EN, ZH
from lessons import demos
from lessons.cells import COMPARE_DIR, KINDS, make_net, symbol_sequence, trained_net
from lstm_core import RecurrentNet
from lstm_core.model import SequenceModel
from lstm_core.tasks import adding_task
from tools import compare_memory
from viz import teaching_figures as tf

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def T_(lang):
    return EN if lang == "en" else ZH


def compare_page_figure(data):
    """The Memory tab's figure, built as the page builds it (app_pages/compare.py: memory_panels)."""
    gaps = data["settings"]["gaps"]
    panels = [(task, task, {cell: [data["results"][task][cell][str(g)] for g in gaps] for cell in data["cells"]},
               data["tasks"][task]["chance"], task == "adding") for task in ("first_symbol", "adding")]
    return tf.memory_panels(panels, gaps, {c: c for c in data["cells"]}, "N", "chance")


def reach_distance(reach, fraction=1e-3):
    """How far back the gradient reaches: the first distance at which it has fallen below `fraction` of its size
    at distance 0 (the whole length if it never does)."""
    below = np.flatnonzero(reach < fraction * reach[0])
    return int(below[0]) if below.size else len(reach)


# ------------------------------------------------------------------------------------------- gradient flow

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_trained_panels_are_read_at_the_length_the_cells_were_trained_on(seed):
    """Trained at gap 20, the cells are read on sequences of 20, whatever the slider's length; the other panels
    follow the slider. Read at 60 they would be read where they never learnt (they do not name the first symbol
    there), which is what the page used to show."""
    reach = demos.reach_settings(60, seed)
    trained = compare_memory.TRAINED_GAP
    assert demos.trained_length() == trained
    assert all(len(v) == trained for v in reach["trained"].values())
    assert all(len(v) == 60 for v in reach["default"].values())
    x, _ = symbol_sequence(trained, seed)
    np.testing.assert_allclose(reach["trained"]["lstm"], demos.reach_of(trained_net("lstm"), x), rtol=1e-12)


def test_the_trained_cells_name_the_first_symbol_at_their_length_and_not_at_60():
    assert min(demos.trained_accuracy(20).values()) >= 0.9
    assert max(demos.trained_accuracy(60).values()) < 0.9


def test_a_latch_keeps_its_bit_while_its_gradient_vanishes():
    """Bengio, Simard and Frasconi (1994) on one unit: the stable state that keeps the bit makes every step's
    derivative 3 (1 - h^2) small; the engine's backward agrees with that product."""
    r = demos.latch()
    assert r["kept"] == 1.0
    assert r["left"] < 1e-30 and r["factor"] < 0.1
    assert r["left"] == pytest.approx(r["by_hand"], rel=1e-9)
    assert demos.latch(length=200)["kept"] == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_at_default_initialisation_the_lstm_forgets_about_as_fast_as_the_rnn(seed):
    """'Close' is measured by the factor the gradient is multiplied by per step back (decay_per_step, distances
    1..40): the default LSTM's and the RNN's differ by at most 0.2, and both lose at least 30% per step, so both
    fall below 1e-3 of their size within about 20 steps (0.7^20 = 8e-4): the same regime, far from memory. Why
    0.2: the LSTM's factor is set mainly by its mean forget gate, σ(bias near 0) ≈ 0.5-0.6, the RNN's by the
    size of its Jacobian (W_hh ~ U(-1/√H, 1/√H) has spectral radius about 0.58); between seeds they spread over
    0.49-0.67 (measured for seeds 0-5). What 'far' means is shown by the same networks with the forget-gate bias
    at 1 (at least 0.1 higher)."""
    reach = demos.reach_settings(60, seed)
    factor = {cell: demos.decay_per_step(values) for cell, values in reach["default"].items()}
    assert abs(factor["lstm"] - factor["rnn"]) <= 0.2, factor
    assert factor["lstm"] <= 0.7 and factor["rnn"] <= 0.7, factor
    assert demos.decay_per_step(reach["forget1"]["lstm_forget1"]) >= factor["lstm"] + 0.1


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


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_gradient_never_exceeds_pascanus_bound_and_grows_only_above_sigma_one(seed):
    """|d h_{T-1} / d h_t| <= (γ σ_max(W_hh))^d with γ = 1 for tanh (Pascanu, Mikolov and Bengio 2013): at every
    factor of the slider the measured gradient 40 steps back is within the bound, and where it grows σ_max > 1."""
    for scale in demos.SCALE_GRID:
        r = demos.explode_criterion(scale, 60, seed)
        assert r["sigma_scaled"] == pytest.approx(scale * r["sigma"])
        assert r["left"] <= r["bound"] * (1 + 1e-9), (scale, r)
        if r["grows"]:
            assert r["sigma_scaled"] > 1
    onset = demos.explode_onset(60, seed)
    assert onset is not None and demos.explode_criterion(onset, 60, seed)["grows"]
    assert not any(demos.explode_criterion(s, 60, seed)["grows"] for s in demos.SCALE_GRID if s < onset)


def test_the_threshold_the_pages_state_is_the_one_the_engine_finds():
    """One threshold: the lesson's step 1 and step 8 say 'about 3', /compare fills it in from the same function."""
    assert demos.explode_onset(60, 0) == 3.0
    assert "{onset}" in EN["compare_explode_intro"] and "{onset}" in ZH["compare_explode_intro"]


def test_the_shorter_slider_lengths_read_the_gradient_at_the_last_distance():
    r = demos.rnn_reach(3.0, 30, 0)
    assert r["far"] == 29 and r["left_far"] == pytest.approx(r["reach"][29] / r["reach"][0])


# ------------------------------------------------------------------------------------------------ memory

def memory_file():
    return json.loads((COMPARE_DIR / "memory.json").read_text(encoding="utf-8"))


def test_memory_results_cover_every_cell_task_gap_and_at_least_5_seeds_with_their_settings():
    data = memory_file()
    s = data["settings"]
    assert s == compare_memory.SETTINGS
    assert data["script"] == "tools/compare_memory.py" and "compare_memory.py" in data["made_by"]
    assert data["cells"] == list(compare_memory.CELLS)
    seeds = data["seeds_done"]
    assert seeds >= 5
    for task in compare_memory.TASKS:
        for cell in compare_memory.CELLS:
            scores = data["results"][task][cell]
            assert list(scores) == [str(g) for g in s["gaps"]]
            assert all(len(v) == seeds for v in scores.values())
            for gap, v in scores.items():
                assert data["summary"][task][cell][gap]["median"] == pytest.approx(float(np.median(v)))
    assert data["tasks"]["adding"]["chance"] == pytest.approx(1 / 6)
    assert data["cpu_seconds"] < 70 * 60                  # the stated budget: within about an hour of one core
    assert data["seeds_run"] == s["seeds"][:seeds]


def test_every_cell_gets_the_same_budget_and_the_lstm_the_forget_gate_practice():
    s = compare_memory.SETTINGS
    assert all(key in s for key in ("steps", "lr", "batch_size", "clip", "hidden_size"))
    model, _ = compare_memory.train_point("first_symbol", "lstm_forget1", 5, 0, {"steps": 1})
    H = s["hidden_size"]
    assert model.card.cell == "lstm_forget1"
    fresh = compare_memory.train_point("first_symbol", "lstm_forget1", 5, 0, {"steps": 0})[0].net.params
    np.testing.assert_array_equal(fresh["bias_ih_l0"][H:2 * H] + fresh["bias_hh_l0"][H:2 * H], 1.0)


@pytest.mark.parametrize("cell", ["rnn", "lstm_forget1"])
def test_a_short_gap_every_seed_solves_is_solved_again_by_the_script(cell):
    """Replaces the bit-exact reproduction of one seed (floats differ between machines and BLAS builds, and a point
    at the edge of a budget can flip): a point every committed seed solved is solved again on a rerun."""
    data = memory_file()
    committed = data["results"]["first_symbol"][cell]["5"]
    assert min(committed) >= 0.9
    _, score = compare_memory.train_point("first_symbol", cell, 5, 0)
    assert score >= 0.9


def test_an_adding_problem_mse_is_reproduced_to_a_relative_tolerance():
    data = memory_file()
    committed = data["results"]["adding"]["rnn"]["5"][0]
    _, score = compare_memory.train_point("adding", "rnn", 5, 0)
    assert score == pytest.approx(committed, rel=0.25)
    assert score < 0.01 < 1 / 6                               # learnt, far below answering 1


def test_the_trained_models_are_those_the_script_saved_and_remember_the_first_symbol():
    data = memory_file()
    for kind in (*KINDS, "lstm_forget1"):
        card = SequenceModel.load(COMPARE_DIR / f"first_symbol_{kind}.npz").card
        assert card.gap == data["trained_models"]["gap"] == compare_memory.TRAINED_GAP
        seed = data["trained_models"]["seed"]
        assert card.seed == seed
        assert card.test_accuracy == data["results"]["first_symbol"][kind][str(card.gap)][
            data["settings"]["seeds"].index(seed)]
        assert card.test_accuracy >= 0.9


def test_the_memory_figure_draws_the_median_and_every_seed():
    data = memory_file()
    fig = compare_page_figure(data)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    dots = [t for t in fig.data if t.mode == "markers"]
    assert len(lines) == len(dots) == 2 * len(data["cells"])
    seeds = data["seeds_done"]
    for trace, (task, cell) in zip(lines, [(t, c) for t in ("first_symbol", "adding") for c in data["cells"]],
                                   strict=True):
        expected = [np.median(data["results"][task][cell][str(g)]) for g in data["settings"]["gaps"]]
        np.testing.assert_allclose(trace.y, expected)
    for trace in dots:
        assert len(trace.y) == seeds * len(data["settings"]["gaps"])


def test_what_the_data_shows_is_computed_from_the_medians_and_counts():
    data = memory_file()
    story = demos.memory_story(data)
    table = demos.memory_table(data)
    short = story["short"]
    assert all(row[g]["solved"] == row[g]["seeds"] for by_cell in table.values() for row in by_cell.values()
               for g in row if g <= short)
    shares = demos.learnt_share("first_symbol", data)
    assert story["shares"].startswith(f"N=5: {shares[5]:.0%}")


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


def test_time_per_step_is_measured_several_times_for_each_cell_with_its_spread():
    timing = demos.time_per_step(8, 16, length=20, repeats=3)
    assert set(timing) == set(KINDS)
    for v in timing.values():
        assert len(v["times"]) == 3 and 0 < v["low"] <= v["median"] <= v["high"]


@pytest.mark.parametrize("D, H", [(1, 1), (64, 128), (300, 17)])
def test_the_cost_by_arithmetic_is_4_and_3_times_the_rnn_whatever_the_sizes(D, H):
    cost = demos.arithmetic_cost(D, H)
    assert cost["rnn"]["macs"] == H * D + H * H
    assert cost["lstm"]["macs"] == 4 * cost["rnn"]["macs"] and cost["gru"]["macs"] == 3 * cost["rnn"]["macs"]
    assert (cost["lstm"]["ratio"], cost["gru"]["ratio"]) == (4, 3)


# ------------------------------------------------------------------------------------------------- page

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_compare_page_runs_in_both_languages_and_trains_live(lang):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 5                # reach, exploding, clipping, memory, time per step
    shown = " ".join(m.value for m in at.markdown)
    table = T_(lang)
    story = demos.memory_story()
    assert table["compare_memory_shows"].format(**story) in shown          # the memory claims, in this language
    data = demos.memory_results()
    s = data["settings"]
    assert any(table["compare_budget"].split("{")[0][:12] in i.value and str(s["steps"]) in i.value
               and str(data["seeds_done"]) in i.value for i in at.info)
    assert "×3" in table["compare_explode_intro"].format(onset="×3") and "×3" in shown       # the one threshold
    criterion = demos.explode_criterion(6.0)
    assert f"{criterion['sigma_scaled']:.2f}" in shown                                      # beside the slider
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
    assert EN["compare_live_stopped"].format(step=20, steps=100) in [i.value for i in at.info]
    at.slider(key="compare_length").set_value(40).run()           # another widget: still stopped
    assert len(at.session_state["compare_live"].losses) == 20


def test_the_sequence_every_cell_reads_is_the_same_for_a_seed():
    a, _ = symbol_sequence(30, 4)
    b, _ = symbol_sequence(30, 4)
    np.testing.assert_array_equal(a, b)
