"""What the view shows is each page's own, in Chromium: a round trip through the navigation keeps every page's
step, unit and gate choice, in its boxes and in its link (app_pages/cursor.py)."""
from urllib.parse import parse_qs, urlparse

import pytest

from app_pages.strings import EN
from tests.browser.conftest import assert_no_traceback, open_app, wait_idle

pytestmark = pytest.mark.browser


def link(page):
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def unit_box(page):
    return page.get_by_role("combobox", name=EN["unit"]).input_value().split(" · ")[0]


def test_a_round_trip_through_the_navigation_keeps_each_pages_own_view(page, app_url):
    """Was: /series opened on /sentence's unit, step and gates; a unit picked there stayed out of its link; and back
    on /sentence the unit was the one picked on /series (one session key for both pages' unit boxes)."""
    open_app(page, f"{app_url}/sentence?unit=11&step=7&gates=c")
    assert unit_box(page) == "11"
    page.get_by_role("link", name=EN["nav_series"]).click()
    page.wait_for_url("**/series**")
    wait_idle(page)
    assert unit_box(page) == "0" and link(page)["step"] == "0" and "gates" not in link(page)
    page.get_by_role("combobox", name=EN["unit"]).click()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('unit') === '3'")
    page.get_by_role("link", name=EN["nav_sentence"]).click()
    page.wait_for_url("**/sentence**")
    wait_idle(page)
    page.wait_for_function("new URLSearchParams(location.search).get('unit') === '11'")
    assert unit_box(page) == "11"
    assert (link(page)["step"], link(page)["gates"]) == ("7", "c")
    page.get_by_role("link", name=EN["nav_series"]).click()
    page.wait_for_url("**/series**")
    wait_idle(page)
    page.wait_for_function("new URLSearchParams(location.search).get('unit') === '3'")
    assert unit_box(page) == "3"
    assert_no_traceback(page)
