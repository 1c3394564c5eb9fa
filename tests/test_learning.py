"""The engine learns: each task helper, optimiser and training control shows it on a small problem."""
import numpy as np
import pytest

from lstm_core.losses import cross_entropy, mse
from lstm_core.model import SequenceModel
from lstm_core.optim import SGD, Adam, clip_grad_norm
from lstm_core.tasks import (
    char_lm_bits_per_char,
    classify,
    first_symbol_task,
    forecast_errors,
    train_char_lm,
    train_classifier,
    train_forecaster,
)
from lstm_core.train import TrainConfig, chunks, train

TEXT = ("the cat sat on the mat. the dog sat on the log. a cat and a dog met on the mat and sat. "
        "then the cat ran to the log and the dog ran to the mat. ") * 20


def noisy_sine(n=1000, seed=0):
    t = np.arange(n)
    return np.sin(2 * np.pi * t / 50) + 0.5 * np.sin(2 * np.pi * t / 17) + \
        np.random.default_rng(seed).normal(0, 0.1, n)


def test_noisy_sine_forecaster_beats_the_last_value_forecast_by_half():
    values = noisy_sine()
    model, _ = train_forecaster(values, 0.8, hidden_size=24, cfg=TrainConfig(steps=300, lr=5e-3))
    model_mse, naive_mse = forecast_errors(model, values, 800)
    assert model_mse <= 0.5 * naive_mse, (model_mse, naive_mse)


def test_char_model_on_a_small_text_drops_below_two_and_a_half_bits_per_char():
    model, history = train_char_lm(TEXT[:2400], hidden_size=48, seq_len=40, batch_size=16,
                                   cfg=TrainConfig(steps=250, lr=1e-2))
    assert history[0].loss / np.log(2) > 3.5          # starts near log2(vocab)
    assert char_lm_bits_per_char(model, TEXT[2400:3600]) < 2.5


def test_remember_the_first_symbol_reaches_95_percent():
    rng = np.random.default_rng(0)
    x, y = first_symbol_task(1200, 10, 4, rng)
    model, _ = train_classifier(x[:1000], y[:1000], 4, hidden_size=24, cfg=TrainConfig(steps=900, lr=1e-2))
    assert np.mean(classify(model, x[1000:]) == y[1000:]) >= 0.95


def test_training_is_deterministic_for_a_seed():
    runs = [train_forecaster(noisy_sine(300), 0.8, hidden_size=8, window=32, cfg=TrainConfig(steps=20, seed=3))
            for _ in range(2)]
    assert [h.loss for h in runs[0][1]] == [h.loss for h in runs[1][1]]
    for name, value in runs[0][0].parameters().items():
        np.testing.assert_array_equal(value, runs[1][0].parameters()[name])


def test_callback_sees_every_step_and_can_stop_training_early():
    seen = []

    def stop_at_five(info):
        seen.append(info.step)
        return info.step == 5

    _, history = train_forecaster(noisy_sine(300), 0.8, hidden_size=8, window=32,
                                  cfg=TrainConfig(steps=100), callback=stop_at_five)
    assert seen == [1, 2, 3, 4, 5] and len(history) == 5


def test_early_stopping_on_a_validation_loss_that_never_improves():
    model = SequenceModel.create("forecast", 1, 1, hidden_size=4, card={"scaling": {"mean": 0, "std": 1}})
    x = np.zeros((10, 2, 1), np.float32)
    history = train(model, lambda rng: (x, np.zeros((10, 2, 1))), mse,
                    TrainConfig(steps=100, eval_every=2, patience=3), validate=lambda: 1.0)
    assert len(history) == 8                      # best at step 2, then 3 evaluations without improvement


def test_truncated_bptt_cuts_time_into_chunks_and_carries_the_state():
    x, y = np.arange(10.0).reshape(10, 1, 1), np.arange(10.0).reshape(10, 1, 1)
    pieces = list(chunks(x, y, 4))
    assert [p[0].shape[0] for p in pieces] == [4, 4, 2]
    assert [p[1][0, 0, 0] for p in pieces] == [0, 4, 8]
    steps = []
    model = SequenceModel.create("forecast", 1, 1, hidden_size=4, card={"scaling": {"mean": 0, "std": 1}})
    train(model, lambda rng: (np.ones((12, 2, 1), np.float32), np.zeros((12, 2, 1))), mse,
          TrainConfig(steps=3, bptt=4), callback=steps.append)
    assert len(steps) == 3                        # one optimiser step per chunk


def test_gradient_clipping_bounds_the_joint_norm():
    grads = {"a": np.full(4, 3.0), "b": np.full(4, 4.0)}
    before = clip_grad_norm(grads, 1.0)
    assert before == pytest.approx(10.0)
    assert np.sqrt(sum((g ** 2).sum() for g in grads.values())) == pytest.approx(1.0)


@pytest.mark.parametrize("make", [lambda p: Adam(p, lr=0.1), lambda p: SGD(p, lr=0.1, momentum=0.5)],
                         ids=["adam", "sgd"])
def test_optimisers_minimise_a_quadratic(make):
    params = {"w": np.array([3.0, -2.0])}
    opt = make(params)
    for _ in range(300):
        opt.step({"w": 2 * params["w"]})
    assert np.abs(params["w"]).max() < 1e-2


def test_adam_matches_torch_adam_when_torch_is_available():
    torch = pytest.importorskip("torch")
    w0 = np.array([0.5, -1.5, 2.0])
    params = {"w": w0.copy()}
    opt = Adam(params, lr=0.05)
    tw = torch.tensor(w0, requires_grad=True)
    topt = torch.optim.Adam([tw], lr=0.05)
    for step in range(20):
        g = np.sin(w0 * (step + 1))
        opt.step({"w": g})
        tw.grad = torch.tensor(g)
        topt.step()
    np.testing.assert_allclose(params["w"], tw.detach().numpy(), atol=1e-12)


def test_cross_entropy_ignores_targets_of_minus_one():
    logits = np.array([[2.0, 0.0], [0.0, 5.0]])
    full, _ = cross_entropy(logits[:1], np.array([0]))
    masked, grad = cross_entropy(logits, np.array([0, -1]))
    assert masked == pytest.approx(full) and np.all(grad[1] == 0)
