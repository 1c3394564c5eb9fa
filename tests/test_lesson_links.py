"""Lesson links: a shared URL can hide chosen parts of the view, and the share button builds that URL."""
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages.common import HIDE_CSS, share_widget
from tests.stepping import step_to

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_sentence(**params):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/sentence.py").run()
    assert not at.exception
    return at


def styles(at):
    return " ".join(h.proto.body for h in at.get("html"))


def test_a_link_that_hides_the_sidebar_and_controls_hides_them_and_keeps_saying_so():
    at = open_sentence(hide="sidebar,controls,nonsense")
    css = styles(at)
    assert HIDE_CSS["sidebar"] in css and HIDE_CSS["controls"] in css and HIDE_CSS["input"] not in css
    assert at.query_params["hide"] == "sidebar,controls"            # unknown parts dropped, the rest kept
    step_to(at, 4)
    assert at.query_params["hide"] == "sidebar,controls" and HIDE_CSS["sidebar"] in styles(at)


def test_without_hide_nothing_is_hidden():
    at = open_sentence()
    assert not any(css in styles(at) for css in HIDE_CSS.values())
    assert "hide" not in at.query_params


def test_the_share_button_sets_the_chosen_parts_and_passes_every_text_as_json():
    html = share_widget(["sidebar", "input"], 'Make "the" </script> link', "ok")
    assert 'const hide = ["sidebar", "input"]' in html
    assert 'button.textContent = "Make \\"the\\" <\\/script> link";' in html
    assert html.count("</script>") == 1                               # only the script's own end
    assert re.search(r'url\.searchParams\.set\("hide", hide\.join\(","\)\)', html)
