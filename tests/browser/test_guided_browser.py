"""The guided assessment (one skill a page) in a real Chromium against real gunicorn:
by keyboard alone, check your answers → change → submit, and the error summary."""

import pytest

from assessments.models import Assessment
from tests.helpers import axe_violations, make_assessment, sign_in
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(alice):
    load_starter()
    return alice


BAD_REQUEST_LOGGED = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def active(page, prop):
    return page.evaluate(f"document.activeElement.{prop}")


def tab_to(page, test, limit=60):
    """Press Tab until the focused element passes ``test`` (a JS expression over `e`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test}")


def legend_in_view(page, fieldset_id):
    """True once the fieldset's legend is wholly in the viewport (Bootstrap scrolls
    smoothly, so this waits for the scroll to settle)."""
    page.wait_for_function(
        """id => { const r = document.querySelector('#' + id + ' legend').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=fieldset_id,
        timeout=5000,
    )
    return True


def test_the_guided_flow_works_with_the_keyboard_alone(gunicorn_server, page, person):
    server = gunicorn_server
    sign_in(page, server, "alice", "/assessments/new/product-manager/")
    assert "about 15 minutes" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []  # the start page

    tab_to(page, "e.textContent === 'Start the assessment'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Digital Product Manager: rate your skills").wait_for()
    assert axe_violations(page) == []  # the task list
    tab_to(page, "e.textContent === 'Start with Planning & prioritisation'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Planning & prioritisation", level=1).wait_for()
    assert axe_violations(page) == []  # a skill page

    # Continue without a level: the error summary takes focus, its link lands on the
    # fieldset with the legend in view, and the next Tab is the first level.
    tab_to(page, "e.textContent === 'Continue'")
    page.keyboard.press("Enter")
    page.locator("#error-summary").wait_for()
    assert active(page, "id") == "error-summary"
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []  # a skill page with an error
    page.keyboard.press("Tab")
    assert active(page, "textContent") == "Choose a level for Planning & prioritisation"
    page.keyboard.press("Enter")
    page.wait_for_url("**#skill-planning-prioritisation")
    assert active(page, "id") == "skill-planning-prioritisation"
    assert legend_in_view(page, "skill-planning-prioritisation")
    page.keyboard.press("Tab")
    assert active(page, "type") == "radio"

    wanted = {}
    skills = Assessment.objects.get(user=person).skills()
    for i, skill in enumerate(skills):
        if i:
            page.get_by_role("heading", name=skill["name"], level=1).wait_for()
            tab_to(page, "e.type === 'radio'")
        page.keyboard.press("Space")  # the first level shown: one below the expected one
        steps = i % 3
        for _ in range(steps):
            page.keyboard.press("ArrowDown")
        wanted[skill["slug"]] = skill["expected"] - 1 + steps
        tab_to(page, "e.tagName === 'TEXTAREA'")
        if i == 0:
            page.keyboard.type("Typed with the keyboard.")
        tab_to(page, "e.textContent === 'Continue'")
        page.keyboard.press("Enter")

    page.get_by_role("heading", name="Check your answers").wait_for()
    assert axe_violations(page) == []  # check your answers
    tab_to(page, "e.textContent === 'Submit assessment'", limit=120)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Digital Product Manager: your result").wait_for()

    assessment = Assessment.objects.get(user=person)
    assert assessment.is_submitted
    assert {r.skill_slug: r.level for r in assessment.ratings.all()} == wanted
    assert assessment.ratings.get(skill_slug="planning-prioritisation").evidence == "Typed with the keyboard."
    # Chromium logs the one 400 (the page re-shown with its error); nothing else went wrong.
    assert page.console_errors == [BAD_REQUEST_LOGGED]


def test_check_answers_change_then_submit(gunicorn_server, page, person):
    draft = make_assessment(person, submit=False, evidence={"product-vision": "Wrote our vision"})
    check = f"/assessments/{draft.pk}/check/"
    sign_in(page, gunicorn_server, "alice", check)
    row = page.locator("#answer-product-vision")
    assert "Level 3" in row.inner_text() and "Wrote our vision" in row.inner_text()

    page.get_by_role("link", name="Change Product vision").click()
    page.get_by_role("heading", name="Product vision", level=1).wait_for()
    # Level 5 is folded away behind "Show all levels" (no JavaScript needed to open it).
    assert not page.get_by_label("5 ·", exact=False).is_visible()
    page.get_by_text("Show all levels").click()
    page.get_by_label("5 ·", exact=False).check()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(f"{gunicorn_server.url}{check}")
    assert "Level 5" in row.inner_text() and "Wrote our vision" in row.inner_text()
    page.get_by_role("button", name="Submit assessment").click()
    page.get_by_role("heading", name="Digital Product Manager: your result").wait_for()
    draft.refresh_from_db()
    assert draft.is_submitted
    assert draft.ratings.get(skill_slug="product-vision").level == 5
    assert draft.ratings.filter(level=3).count() == 13
    assert page.console_errors == []


def test_the_one_page_form_error_summary_takes_focus_and_lands_on_the_legend(gunicorn_server, page, person):
    sign_in(page, gunicorn_server, "alice", "/assessments/new/product-manager/")
    page.get_by_role("button", name="All skills on one page").click()
    page.get_by_role("heading", name="Digital Product Manager: rate yourself").wait_for()
    for fieldset in page.locator("fieldset").all()[:-1]:
        fieldset.locator("input[value='2']").check()
    page.get_by_role("button", name="Submit assessment").click()
    page.locator("#error-summary").wait_for()
    assert active(page, "id") == "error-summary"
    # The option texts keep their colour: only the message and a border say it.
    label = page.locator("label[for='id_level-people-leadership_1']")
    assert label.evaluate("e => getComputedStyle(e).color") == page.locator(
        "label[for='id_level-planning-prioritisation_1']"
    ).evaluate("e => getComputedStyle(e).color")
    page.get_by_role("link", name="Choose a level for Leadership & management").click()
    assert page.url.endswith("#skill-people-leadership")
    assert legend_in_view(page, "skill-people-leadership")
    page.locator("#skill-people-leadership input[value='4']").check()
    page.get_by_role("button", name="Submit assessment").click()
    page.get_by_role("heading", name="Digital Product Manager: your result").wait_for()
    assert Assessment.objects.get(user=person).is_submitted
    assert page.console_errors == []
