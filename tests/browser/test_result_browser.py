"""The result page in a real Chromium against real gunicorn: printed to PDF, at phone
width, the Print button with and without JavaScript, and axe in each of its states."""

import io
import re

import pytest
from django.utils import dateformat, timezone
from pypdf import PdfReader

from roles.models import Expectation
from tests.helpers import PASSWORD, axe_violations, make_assessment
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(django_user_model):
    load_starter()
    return django_user_model.objects.create_user(
        "ada", "ada@example.com", PASSWORD, first_name="Ada", last_name="Lovelace"
    )


@pytest.fixture
def result(person):
    """A result with two gaps (one core), a strength and everything else met."""
    return make_assessment(
        person, levels={"planning-prioritisation": 2, "people-leadership": 1, "user-needs": 5}
    )


def open_result(page, server, assessment):
    page.goto(f"{server.url}/accounts/login/?next=/assessments/{assessment.pk}/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name=f"{assessment.role_name}: your result").wait_for()


def pdf_text(page):
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def local(moment, format_string):
    return dateformat.format(timezone.localtime(moment), format_string)


def test_it_prints_to_pdf_with_name_role_date_and_rubric_version(gunicorn_server, page, result):
    open_result(page, gunicorn_server, result)
    pages, text = pdf_text(page)
    assert "Name: Ada Lovelace" in text
    assert "Role: Digital Product Manager" in text
    assert f"Date: {local(result.submitted_at, 'j F Y')}" in text
    assert f"Rubric version: {local(result.rubric_updated_at, 'j F Y, H:i')}" in text
    # The result is all there; navigation, forms and buttons are not.
    for wanted in ("Readiness: 87%", "What next", "Growth areas", "Strengths", "You vs the role"):
        assert wanted in text, wanted
    assert "Planning & prioritisation" in text and "How to grow:" in text
    # "How ready am I for…" is only its form until it is used: nothing to print.
    for unwanted in ("Sign out", "How ready am I", "Print this result", "Delete this assessment"):
        assert unwanted not in text, unwanted
    assert 1 <= pages <= 5, pages
    # No heading is left alone at the foot of a page: each page's last line is not a heading.
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    headings = {"What next", "Growth areas", "Strengths", "You vs the role", "Work on these 2 first"}
    for printed in reader.pages:
        lines = [line.strip() for line in printed.extract_text().splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, lines[-1]
    assert page.console_errors == []


def test_at_phone_width_growth_areas_come_before_strengths(gunicorn_server, page, result):
    open_result(page, gunicorn_server, result)
    growth = page.get_by_role("heading", name="Growth areas")
    strengths = page.get_by_role("heading", name="Strengths")
    # Wide: side by side, strengths on the left.
    wide_growth, wide_strengths = growth.bounding_box(), strengths.bounding_box()
    assert wide_strengths["x"] < wide_growth["x"] and abs(wide_strengths["y"] - wide_growth["y"]) < 5
    page.set_viewport_size({"width": 390, "height": 844})
    narrow_growth, narrow_strengths = growth.bounding_box(), strengths.bounding_box()
    assert narrow_growth["y"] < narrow_strengths["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_print_button_prints_and_without_javascript_a_hint_says_how(
    gunicorn_server, page, browser, result
):
    open_result(page, gunicorn_server, result)
    button = page.get_by_role("button", name="Print this result")
    assert button.is_visible()
    assert not page.get_by_text("use your browser’s Print command").is_visible()
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    assert page.console_errors == []

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    open_result(plain, gunicorn_server, result)
    assert plain.get_by_role("button", name="Print this result").count() == 0
    assert plain.get_by_text("use your browser’s Print command").is_visible()
    context.close()


def test_what_next_and_how_it_is_worked_out(gunicorn_server, page, result):
    open_result(page, gunicorn_server, result)
    assert "You meet 7 of the 8 core skills for Digital Product Manager." in page.locator("main").inner_text()
    assert not page.get_by_text("Weighted score: 95%.").is_visible()
    page.get_by_text("How is this worked out?").click()
    assert page.get_by_text("Weighted score: 95%.").is_visible()
    assert page.get_by_label("Another role").input_value() == "senior-product-manager"
    page.get_by_role("button", name="Check readiness").click()
    page.get_by_role(
        "heading", name=re.compile("^Your readiness for Senior Product Manager: \\d+%")
    ).wait_for()
    assert axe_violations(page) == []


@pytest.mark.parametrize("state", ["normal", "full", "rubric changed", "top of the ladder"])
def test_axe_finds_nothing_on_the_result_in_each_state(gunicorn_server, page, person, state):
    if state == "full":
        assessment = make_assessment(person, default=5)
    elif state == "top of the ladder":
        assessment = make_assessment(person, "chief-product-officer", default=5)
    else:
        assessment = make_assessment(person, levels={"planning-prioritisation": 2})
    if state == "rubric changed":
        Expectation.objects.filter(role__slug="product-manager", skill__slug="product-vision").update(level=4)
    open_result(page, gunicorn_server, assessment)
    main = page.locator("main").inner_text()
    if state == "full":
        page.get_by_role(
            "link", name="Compare Digital Product Manager with Senior Product Manager"
        ).wait_for()
    if state == "top of the ladder":
        assert "has no typical next role" in main
    if state == "rubric changed":
        assert "Product vision: expected level 3 → 4" in main
    assert axe_violations(page) == []
    assert page.console_errors == []
