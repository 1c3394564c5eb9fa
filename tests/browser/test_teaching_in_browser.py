"""/compare and /learn in Chromium, in English and Chinese: figures drawn from live results, a live training run
that honours Stop, and a guess revealed in a lesson step."""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from app_pages.strings import t
from tests.browser.conftest import assert_no_traceback, wait_idle
from tools.compare_memory import SETTINGS

pytestmark = pytest.mark.browser

PANEL_TITLES = "[...document.querySelectorAll('.st-key-compare_reach_fig .gtitle, .st-key-compare_reach_fig " \
               ".annotation-text')].map(e => e.textContent)"
REACH_TRACES = "document.querySelector('.st-key-compare_reach_fig .js-plotly-plot')._fullData.length"
MEMORY_TRACES = "document.querySelector('.st-key-compare_memory_fig .js-plotly-plot').data.map(d => d.mode)"
TIME_ERROR_BARS = "document.querySelector('.st-key-compare_time_fig .js-plotly-plot').data[0].error_y.array.length"


def open_page(page, url):
    page.goto(url)
    wait_idle(page, timeout=60_000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_draws_three_settings_the_memory_results_and_the_cost(page, app_url, lang):
    open_page(page, f"{app_url}/compare?lang={lang}")
    page.get_by_role("heading", name=t("compare_title", lang), exact=True).wait_for()
    page.wait_for_selector(".st-key-compare_reach_fig .js-plotly-plot")
    assert page.evaluate(REACH_TRACES) == 9                    # three cells in each of three settings
    titles = " ".join(page.evaluate(PANEL_TITLES))
    assert t("compare_setting_default", lang, f=0.5).split("(")[0].split("（")[0] in titles
    assert page.get_by_text("σ_max(W_hh × 6)").count() >= 1      # the criterion beside the factor's slider
    page.get_by_role("tab", name=t("compare_tab_memory", lang)).click()
    page.wait_for_selector(".st-key-compare_memory_fig .js-plotly-plot")
    traces = page.evaluate(MEMORY_TRACES)
    assert traces.count("lines+markers") == traces.count("markers") == 8    # 4 cells x 2 tasks: median, seeds
    budget = page.get_by_test_id("stAlertContentInfo").first.text_content()
    assert f"{SETTINGS['steps']} " in budget and "Adam" in budget            # the budget, said on the page
    page.get_by_role("tab", name=t("compare_tab_cost", lang)).click()
    page.wait_for_selector(".st-key-compare_time_fig .js-plotly-plot")
    assert page.get_by_text("99,328").count() >= 1               # LSTM, D = 64, H = 128: 4 (HD + H^2 + 2H)
    assert page.get_by_text("98,304").count() >= 1               # multiply-adds per step: 4 (HD + H^2)
    assert page.evaluate(TIME_ERROR_BARS) == 3                   # the spread of the repeated timings
    assert_no_traceback(page)
    assert page.outside_requests == []


def test_a_live_training_run_stops_when_asked_and_resumes_nothing(page, app_url):
    open_page(page, f"{app_url}/compare")
    page.get_by_role("tab", name=t("compare_tab_memory", "en")).click()
    for label in ("compare_live_gap", "compare_live_steps"):        # the longest run: gap 20, 500 steps
        page.get_by_role("slider", name=t(label, "en")).focus()
        page.keyboard.press("End")
        wait_idle(page)
    page.get_by_role("button", name=t("compare_live_train", "en")).click()
    page.get_by_test_id("stProgress").wait_for()
    page.get_by_role("button", name=t("compare_live_stop", "en")).click()
    wait_idle(page)
    if page.get_by_text("step 500 of 500").count():           # a quiet machine trains 500 steps in about 2 s
        pytest.skip("the run ended before the Stop click reached the server (AppTest covers Stop: test_compare.py)")
    stopped = page.get_by_test_id("stAlertContentInfo").filter(has_text="Stopped at step")
    stopped.wait_for()
    before = stopped.text_content()
    page.get_by_role("tab", name=t("compare_tab_cost", "en")).click()
    page.wait_for_timeout(500)
    wait_idle(page)
    page.get_by_role("tab", name=t("compare_tab_memory", "en")).click()
    assert stopped.text_content() == before                       # a stopped run stays stopped
    assert_no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lesson_step_hides_its_figure_until_the_guess_is_revealed(page, app_url, lang):
    open_page(page, f"{app_url}/learn?lang={lang}&lesson=6")
    page.get_by_role("heading", name=t("learn_title", lang), exact=True).wait_for()
    assert page.locator(".js-plotly-plot").count() == 0
    page.get_by_text(t("learn_opt_c_holds_more", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("learn_reveal", lang)).click()
    page.wait_for_selector(".st-key-learn_fig_hold .js-plotly-plot")
    verdict = page.get_by_test_id("stAlertContentWarning")
    verdict.wait_for()
    assert t("learn_opt_c_holds_less", lang) in verdict.text_content()   # computed: 0.95^30 = 0.23
    page.get_by_role("button", name="▶").click()
    page.wait_for_url("**lesson=7**")
    assert_no_traceback(page)
    assert page.outside_requests == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_interview_questions_and_mistakes_show_their_live_demonstrations(page, app_url, lang):
    open_page(page, f"{app_url}/learn?lang={lang}&part=interview")
    page.get_by_role("heading", name=t("learn_title", lang), exact=True).wait_for()
    page.wait_for_selector(".st-key-learn_demo_reach_trained .js-plotly-plot")
    open_page(page, f"{app_url}/learn?lang={lang}&part=mistakes")
    page.get_by_text(t("learn_link_cell", lang)).first.wait_for()
    assert_no_traceback(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_mistake_quotes_its_article_and_shows_the_correction_live(page, app_url, lang):
    """The first mistake quotes article 000's code and shows five seeds of its wiring against own weights; the ReLU
    mistake shows the same weights under σ, ReLU and hard σ, the trained model's row last."""
    from lessons import content
    open_page(page, f"{app_url}/learn?lang={lang}&part=mistakes")
    page.get_by_role("heading", name=t("learn_title", lang), exact=True).wait_for()
    page.get_by_text("weights_forget").first.wait_for()                          # the quoted code
    header = page.get_by_text(t("learn_col_corr_article", lang), exact=True)
    header.wait_for()
    table = page.locator("[data-testid=stTable]").filter(has=header)
    assert table.locator("tbody tr").count() == 5                                # seeds 0-4, all shown
    stem = next(s for s in content.files("mistake", lang) if "relu" in s)
    page.get_by_label(t("learn_pick_mistake", lang)).click()
    page.get_by_role("option", name=content.read(stem, lang)[0], exact=True).click()
    wait_idle(page)
    page.get_by_text("使用更高效的激活函数，如ReLU。").first.wait_for()           # the quoted line, in both languages
    trained = page.get_by_text(t("learn_relu_trained", lang), exact=True)
    trained.wait_for()
    if lang == "en":
        assert page.get_by_text("In English:").count() >= 1
    assert_no_traceback(page)
    assert page.outside_requests == []


# null while a rerun replaces the figure
UNROLLED_C40 = "(document.querySelector('.st-key-learn_fig_unrolled .js-plotly-plot')?.layout?.annotations || [])" \
               ".filter(a => a.name === 'back lstm c 40').map(a => [a.hovertext, a.arrowcolor])[0] || null"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_7_draws_the_unrolled_network_and_its_arrows_follow_the_bias_slider(page, app_url, lang):
    """The backward arrow on c, 40 steps back, carries the engine's measured share (lessons.demos.bptt_paths) and
    grows darker when the forget-gate bias rises from 1 to 1.5."""
    from lessons import demos
    open_page(page, f"{app_url}/learn?lang={lang}&lesson=7")
    page.get_by_text(t("learn_opt_forget1_vs_rnn_mid", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("learn_reveal", lang)).click()
    try:
        page.wait_for_function(f"({UNROLLED_C40}) !== null", timeout=30_000)
    except PlaywrightTimeout:
        raise AssertionError(f"no figure; plots {page.locator('.js-plotly-plot').count()}, url {page.url}, "
                             f"unrolled {page.locator('.st-key-learn_fig_unrolled').count()}") from None
    wait_idle(page)
    hover, colour = page.evaluate(UNROLLED_C40)
    assert f"{demos.bptt_paths(1.0)['lstm']['c'][40]:.2e}" in hover
    slider = page.get_by_role("slider", name=t("learn_try_forget_bias", lang))
    slider.focus()
    slider.press("ArrowRight")                                          # 1.0 -> 1.5
    expect(slider).to_have_value("1.5", timeout=10_000)
    want = f"{demos.bptt_paths(1.5)['lstm']['c'][40]:.2e}"
    try:
        page.wait_for_function(f"({UNROLLED_C40})?.[0].includes('{want}')", timeout=30_000)
    except PlaywrightTimeout:
        state = page.locator("[data-testid=stApp]").get_attribute("data-test-script-state")
        raise AssertionError(f"arrow still {page.evaluate(UNROLLED_C40)}, want {want}; sliders "
                             f"{page.get_by_role('slider').count()}, url {page.url}, script {state}") from None
    darker = page.evaluate(UNROLLED_C40)[1]
    assert float(darker.rsplit(",", 1)[1].rstrip(")")) > float(colour.rsplit(",", 1)[1].rstrip(")"))
    assert_no_traceback(page)
    assert page.outside_requests == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_11_shows_what_the_prediction_drew_on_after_the_second_guess(page, app_url, lang):
    open_page(page, f"{app_url}/learn?lang={lang}&lesson=11")
    page.get_by_text(t("learn_opt_surer_where_inside", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("learn_reveal", lang)).click()
    page.wait_for_selector(".st-key-learn_fig_next .js-plotly-plot")
    assert page.locator(".st-key-learn_fig_context").count() == 0            # hidden until its own guess
    page.get_by_text(t("learn_opt_context_reach_words", lang), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("learn_reveal", lang)).last.click()
    page.wait_for_selector(".st-key-learn_fig_context .js-plotly-plot")
    assert page.get_by_test_id("stAlertContentSuccess").count() == 2     # both answers right
    assert page.locator(".lx-why-text span").count() == 40                 # the prompt, shaded character by character
    assert_no_traceback(page)
    assert page.outside_requests == []
