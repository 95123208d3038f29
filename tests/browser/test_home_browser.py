import pytest

from tests.helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_loads_the_home_page_with_nav_and_no_console_errors(gunicorn_server, page):
    page.goto(gunicorn_server.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Roles").is_visible()
    assert nav.get_by_role("link", name="Compare").is_visible()
    assert nav.get_by_role("link", name="Sign in").is_visible()
    # The stylesheet really applied (Bootstrap's navbar is flex).
    assert page.eval_on_selector("nav.navbar", "el => getComputedStyle(el).display") == "flex"
    assert page.console_errors == []


def test_it_has_a_working_skip_link(gunicorn_server, page):
    page.goto(gunicorn_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_it_has_no_axe_violations_on_the_home_page(gunicorn_server, page):
    page.goto(gunicorn_server.url + "/")
    assert axe_violations(page) == []


def test_it_collapses_the_nav_on_small_screens(gunicorn_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(gunicorn_server.url + "/")
    toggler = page.get_by_role("button", name="Toggle navigation")
    assert toggler.is_visible()
    nav_compare = page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare")
    assert not nav_compare.is_visible()
    toggler.click()
    nav_compare.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    context.close()
