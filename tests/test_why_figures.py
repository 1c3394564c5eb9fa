"""The why-tools' pure builders (viz/why_figures.py): hypotheses from patterns and series, the numbers the
ledger sentence reads, and HTML that shows any user text literally."""
import base64
import html
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from app_pages.why import ledger_sentence
from viz import why_figures as wf
from viz.figures import token_label

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(1)"> & "quotes" \n $x$'


# ------------------------------------------------------------------------------------ patterns
def test_a_pattern_marks_every_character_inside_each_match():
    assert wf.pattern_mask("an", "banana").tolist() == [False, True, True, True, True, False]
    assert wf.pattern_mask("[aeiou]", "tree").tolist() == [False, False, True, True]


def test_match_positions_count_characters_not_bytes():
    text = "床前明月光，疑是地上霜。ok"
    mask = wf.pattern_mask("霜|k", text)
    assert np.flatnonzero(mask).tolist() == [text.index("霜"), len(text) - 1]


def test_empty_matches_mark_nothing():
    assert not wf.pattern_mask("x*", "abc").any()


@pytest.mark.parametrize("pattern", ["(", "a{2,1}", "(a)\\1", "(?<=a)b", "(?=a)", "[z-a]"])
def test_an_invalid_or_unsupported_pattern_is_refused_with_a_reason(pattern):
    with pytest.raises(wf.PatternError) as err:
        wf.pattern_mask(pattern, "abc")
    assert err.value.key == "why_regex_invalid" and err.value.detail


def test_an_empty_or_huge_pattern_is_refused():
    with pytest.raises(wf.PatternError) as err:
        wf.pattern_mask("", "abc")
    assert err.value.key == "why_regex_empty"
    with pytest.raises(wf.PatternError) as err:
        wf.pattern_mask("a" * (wf.MAX_PATTERN + 1), "abc")
    assert err.value.key == "why_regex_too_long"


def test_catastrophic_backtracking_cannot_hang_the_matcher():
    """(a+)+$ on 2,000 characters that end in a mismatch: a backtracking engine (Python's re) tries 2^2000
    ways; RE2 answers in linear time. Run in a child process so a regression fails instead of hanging."""
    code = textwrap.dedent("""
        import time
        from viz.why_figures import pattern_mask
        start = time.perf_counter()
        mask = pattern_mask("(a+)+$", "a" * 1999 + "b")
        print(time.perf_counter() - start, int(mask.sum()))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    seconds, matched = done.stdout.split()
    assert float(seconds) < 1.0 and matched == "0"


def test_picked_steps_become_a_mask_and_steps_outside_are_ignored():
    assert wf.steps_mask([0, 2, 7, -1], 4).tolist() == [True, False, True, False]


# ------------------------------------------------------------------------------------ series hypotheses
def test_the_season_of_a_monthly_cycle_is_twelve_steps_and_noise_has_none():
    t = np.arange(240)
    assert wf.season_length(10 + 0.05 * t + np.sin(2 * np.pi * t / 12)) == 12
    assert wf.season_length(np.random.default_rng(0).standard_normal(2000)) == 0


def test_series_hypotheses_read_the_values():
    f = wf.series_features([1.0, 3.0, 2.0, 2.0, 5.0, 4.0], period=0)
    assert f["above_mean"].tolist() == [False, True, False, False, True, True]    # mean 2.83
    assert f["rising"].tolist() == [False, True, False, False, True, False]
    assert f["peak"].tolist() == [False, True, False, False, True, False]
    assert f["since_peak"].tolist() == [0, 0, 1, 2, 0, 1]
    assert "season_position" not in f
    assert wf.series_features(np.arange(6.0), period=4)["season_position"].tolist() == [0, 1, 2, 3, 0, 1]


# ------------------------------------------------------------------------------------ ledger
def test_the_ledger_numbers_name_the_largest_surviving_write():
    steps = np.arange(4)
    writes = np.array([0.2, -1.8, 0.5, 0.1])
    survival = np.array([0.5, 0.78, 0.9, 1.0])
    n = wf.ledger_numbers(steps, writes, survival, initial=0.05, state=-0.95, step=3)
    assert n["now"] == 0.1 and n["source"] == 1 and n["ago"] == 2 and n["survives"] == -1.8 and n["share"] == 0.78
    assert n["written"] == pytest.approx(-1.8 / 0.78)
    assert n["total"] == pytest.approx(0.2 - 1.8 + 0.5 + 0.1 + 0.05)
    first = wf.ledger_numbers([0], [0.3], [1.0], initial=0.0, state=0.3, step=0)
    assert first["source"] == 0 and first["ago"] == 0 and first["now"] == 0.3


def test_the_cursors_own_write_is_not_named_as_the_earlier_one():
    n = wf.ledger_numbers(np.arange(3), np.array([0.1, -0.4, 5.0]), np.ones(3), 0.0, 4.7, 2)
    assert n["source"] == 1 and n["now"] == 5.0


def test_the_ledger_sentence_reads_the_numbers_in_both_languages():
    n = {"c": 2.3149, "survives": 1.8012, "ago": 12, "share": 0.7793, "source": 3, "step": 15, "now": 0.2}
    en = ledger_sentence(n, "t", "q", "en")
    assert en == ("c = 2.31 at “t”: 1.80 of it was written at “q”, 12 steps ago, and 78% of that write survives "
                  "(this step itself wrote 0.20).")
    zh = ledger_sentence(n, "t", "q", "zh")
    assert "2.31" in zh and "1.80" in zh and "12" in zh and "78%" in zh


def test_ledger_bars_one_per_recent_write_older_ones_summed():
    writes = np.linspace(-1, 1, 100)
    tokens = [token_label(ch) for ch in "<&>" * 34][:100]
    out = wf.ledger_html(np.arange(100), writes, 0.3, tokens, 99, unit=7, bars=10)
    assert out.count("<code") == 12                                  # 10 writes + older + initial
    assert f"0..89: {writes[:90].sum():+.3f}" in out and "c(-1): +0.300" in out
    assert image(out).count("<rect ") == 12 and re.search(r'<code title="[^"]*" style="[^"]*">&lt;</code>', out)
    assert 'data-unit="7"' in out and out.count("vertical-rl") == 0               # "…" and one-character labels
    older = wf.ledger_html(np.arange(100), writes, 0.3, tokens, 99, unit=7, bars=10, older_label="older")
    assert older.count("writing-mode:vertical-rl") == 1 and re.search(r'vertical-rl">older</code>', older)
    dates = wf.ledger_html(np.arange(3), np.ones(3), 0.0, ["1961-05", "1961-06", "1961-07"], 2, unit=0)
    assert dates.count("writing-mode:vertical-rl") == 4                # long labels (and c₋₁) written upwards


def test_half_lives_draw_one_bar_per_unit_and_infinity_at_the_top():
    out = wf.half_life_html(np.array([1.0, 10.0, np.inf]), unit=1)
    assert 'data-units="3"' in out and 'title="unit 1: 10.0"' in out
    blue, orange = re.findall(r'<path d="([^"]*)"', image(out))
    assert blue == "M0.1 100V98.0h0.8V100zM2.1 100V0.0h0.8V100z"          # 1 step: the 2% floor; ∞: the top
    assert orange == "M0.3 100V66.7h2.4V100z"                              # log10(10) / log10(1000), drawn wider


def image(out):
    """The SVG inside the first data: image of an HTML string."""
    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]*)"', out).group(1)).decode()


# ------------------------------------------------------------------------------------ text views
@pytest.mark.parametrize("build", [
    lambda text: wf.connectivity_html(text, np.linspace(0, 1, len(text)), len(text) // 2),
    lambda text: wf.activation_html(text, np.linspace(-1, 1, len(text)), np.arange(len(text)) % 2 == 0),
    lambda text: wf.change_html(text, np.linspace(-1, 1, len(text) - 1)),
])
def test_user_text_is_escaped_in_every_shaded_view(build):
    out = build(HOSTILE)
    assert "<script" not in out and "<img" not in out
    assert out.count(">&lt;</span>") == HOSTILE.count("<") and out.count(">&quot;</span>") == 4   # one per span
    assert out.count(">&amp;</span>") == 1 and "⏎<br>" in out


def test_connectivity_greys_the_characters_after_the_cursor_and_outlines_it():
    out = wf.connectivity_html("abcd", np.array([0.0, 1.0, 0.5, 0.0]), 2)
    assert out.count("color:#bbb") == 1 and out.count("outline:2px") == 1
    assert "rgb(255,127,14)" in out                                  # the largest influence is full orange


def test_connectivity_of_a_long_text_shows_a_window_around_the_cursor():
    out = wf.connectivity_html("x" * 2000, np.ones(2000), 1000, window=400, after=40)
    assert out.count("<span") == 440 and 'title="601: 1"' in out and 'title="600:' not in out


def test_the_hypothesis_is_underlined_where_it_holds():
    out = wf.activation_html("abcde", np.zeros(5), np.array([True, False, True, True, False]))
    assert out.count("text-decoration:underline") == 3


def test_the_text_picker_has_one_point_per_step_and_breaks_lines():
    fig = wf.text_picker_figure("ab\ncd<", [])
    trace = fig.data[0]
    assert list(trace.customdata) == [0, 1, 2, 3, 4, 5]
    assert list(trace.y) == [0, 0, 0, 1, 1, 1] and list(trace.text)[-1] == "&lt;"


# ------------------------------------------------------------------------------------ saturation, clamp
def test_the_saturation_summary_counts_units_that_remember_forget_and_ignore():
    sat = {"f": {"low": np.array([0.0, 0.9, 0.1]), "high": np.array([0.8, 0.0, 0.2])},
           "i": {"low": np.array([0.6, 0.7, 0.0]), "high": np.zeros(3)},
           "o": {"low": np.zeros(3), "high": np.zeros(3)}}
    assert wf.saturation_summary(sat) == {"remember": 1, "forget": 1, "ignore": 2, "units": 3}
    fig = wf.saturation_figure(sat, 2, {"x": "x", "y": "y", "hover": "h", "f": "f", "i": "i", "o": "o"})
    assert [t.name for t in fig.data if t.showlegend is not False] == ["f", "i", "o"]


def test_before_and_after_list_the_top_characters_escaped():
    chars = ["<", "a", "b", "\n", "c", "d"]
    before = np.array([0.5, 0.2, 0.1, 0.1, 0.05, 0.05])
    after = np.array([0.1, 0.6, 0.1, 0.1, 0.05, 0.05])
    out = wf.top_predictions_html(chars, before, after, k=3, titles=("before", "after"))
    assert out.count("<tr>") == 6 and "<code>&lt;</code>" in out
    after = out.split(">after<")[1]
    assert after.count("+40.0%") == 1 and after.count("±0.0%") == 2 and "%</td>" in out.split(">after<")[0]
    assert out.count("±") == 2 and "-4" not in out                   # changes only after; true minus signs


def test_log_probabilities_of_the_next_characters_skip_unknown_ones():
    probs = np.array([[0.5, 0.5], [0.25, 0.75], [0.5, 0.5]])
    out = wf.next_char_log_probs(probs, np.array([0, 1, -1]))
    assert out[0] == pytest.approx(np.log(0.5)) and np.isnan(out[1])


def test_escaping_helpers_agree_with_html_escape():
    assert wf._char("<") == html.escape("<") and wf._char("\x07") == "\ufffd"
