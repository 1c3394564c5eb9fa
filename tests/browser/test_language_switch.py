"""Switching the language on a page: every radio keeps a selection and every name is in the new language."""
import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app_pages.strings import EN, ZH, t
from tests.browser.conftest import ARTIFACTS, assert_no_traceback, open_app, wait_idle

pytestmark = pytest.mark.browser

# Each radio: its label and the options with the checked one marked; each selectbox: the label it shows.
CHOICES_SHOWN = """(() => ({
  radios: Array.from(document.querySelectorAll('[data-testid=stRadio]')).map(r => ({
    key: Array.from(r.closest('[class*=st-key-]')?.classList ?? []).find(c => c.startsWith('st-key-')),
    checked: Array.from(r.querySelectorAll('label')).filter(l => l.querySelector('input')?.checked)
                  .map(l => l.innerText.trim())})),
  selects: Object.fromEntries(Array.from(document.querySelectorAll('[data-testid=stSelectbox]')).map(s => [
    Array.from(s.closest('[class*=st-key-]')?.classList ?? []).find(c => c.startsWith('st-key-')),
    s.querySelector('input')?.value])),
}))()"""
# A choice away from the default on each page: (widget key, option key shown as its label, kind)
PAGES = {
    # /sentence's radios sit in the "Rows and colours" popover (AppTest covers them: test_app_pages.py)
    "sentence": [("sentence_model", "model_char_shakespeare_2layer", "select")],
    "series": [("order", "order_cluster", "radio"), ("model", "model_series_co2", "select")],
    "models": [("input_source", "input_random", "radio"), ("model_order", "order_variance", "radio")],
}


def choose(page, key, label, kind):
    box = page.locator(f".st-key-{key}")
    if kind == "select":
        box.click()
        page.get_by_role("option", name=label, exact=True).click()
    else:
        box.get_by_text(label, exact=True).click()
    wait_idle(page)


def switch_language(page, lang, title):
    page.get_by_test_id("stSidebar").get_by_text({"en": "English", "zh": "简体中文"}[lang], exact=True).click()
    page.get_by_role("heading", level=1).filter(has_text=t(title, lang)).wait_for()
    wait_idle(page)


TITLES = {"sentence": "sentence_title", "series": "series_title", "models": "model_title"}


@pytest.mark.parametrize("path", PAGES)
def test_every_radio_keeps_its_choice_and_every_name_is_translated_after_a_language_switch(page, app_url, path):
    open_app(page, f"{app_url}/{path}")
    for key, label_key, kind in PAGES[path]:
        choose(page, key, EN[label_key], kind)
    for lang in ("zh", "en"):
        switch_language(page, lang, TITLES[path])
        shown = page.evaluate(CHOICES_SHOWN)
        for radio in shown["radios"]:
            assert len(radio["checked"]) == 1, radio                  # never a radio with nothing selected
        table = {"zh": ZH, "en": EN}[lang]
        for key, label_key, kind in PAGES[path]:
            got = ([r["checked"][0] for r in shown["radios"] if r["key"] == f"st-key-{key}"][0] if kind == "radio"
                   else shown["selects"][f"st-key-{key}"])
            assert got == table[label_key], (key, got)              # the same choice, named in this language
        assert_no_traceback(page)
        if lang == "zh":
            page.screenshot(path=str(ARTIFACTS / f"language_switch_{path}_zh.png"))


def test_the_lesson_keeps_its_step_and_goes_on_after_a_language_switch(page, app_url):
    """Was: after a switch to Chinese, ▶ crashed the page (TypeError in learn.move: the step box handed back the
    old language's title as the step) and the step titles stayed in English."""
    from lessons import content

    page.goto(f"{app_url}/learn")
    wait_idle(page)
    page.locator(".st-key-learn_next").get_by_role("button", name="▶").click()
    wait_idle(page)
    for lang, step in (("zh", 2), ("zh", 3), ("en", 3), ("en", 4)):
        if step == 2 or (lang == "en" and step == 3):
            switch_language(page, lang, "learn_title")
        else:
            page.locator(".st-key-learn_next").get_by_role("button", name="▶").click()
            wait_idle(page)
        assert_no_traceback(page)
        title = content.read(content.files("step", lang)[step - 1], lang)[0]
        box = page.locator(".st-key-learn_step input")
        with contextlib.suppress(PlaywrightTimeout):          # a click's rerun may start after wait_idle returned
            page.wait_for_function("([el, want]) => el.value === want", arg=[box.element_handle(),
                                                                          f"{step}. {title}"], timeout=10_000)
        wait_idle(page)
        assert_no_traceback(page)
        shown = page.evaluate(CHOICES_SHOWN)["selects"]["st-key-learn_step"]
        assert shown == f"{step}. {title}", (lang, step, shown)
        assert page.url.endswith(f"lesson={step}") or f"lesson={step}&" in page.url


def test_compare_keeps_its_tab_after_a_language_switch_and_in_its_link(page, app_url):
    """Was: /compare went back to its first tab when the language changed."""
    page.goto(f"{app_url}/compare")
    wait_idle(page)
    page.get_by_role("tab", name=EN["compare_tab_memory"]).click()
    wait_idle(page)
    switch_language(page, "zh", "compare_title")
    selected = page.get_by_role("tab", selected=True)
    selected.filter(has_text=ZH["compare_tab_memory"]).wait_for()
    assert selected.inner_text().strip() == ZH["compare_tab_memory"] and "tab=memory" in page.url
    assert_no_traceback(page)
    page.goto(page.url)                                     # the link opens on the same tab
    wait_idle(page)
    page.get_by_role("tab", selected=True).filter(has_text=ZH["compare_tab_memory"]).wait_for()
