"""The whole self-assessment journey in a real Chromium against real gunicorn."""

import re

import pytest

from assessments.models import Assessment
from tests.helpers import axe_violations, sign_in
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-Horse-battery-9"


@pytest.fixture
def person(django_user_model):
    load_starter()
    return django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD)


def choose(page, skill, level):
    fieldset = page.get_by_role("group", name=skill, exact=True)
    fieldset.locator(f"input[type=radio][value='{level}']").check()


def sign_up(page, server, next_path):
    page.goto(f"{server.url}{next_path}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{server.url}{next_path}")


def test_a_newcomer_assesses_checks_readiness_returns_and_sees_progress(
    gunicorn_server, page, django_user_model
):
    server = gunicorn_server
    load_starter()
    sign_up(page, server, "/roles/product-manager/")
    person = django_user_model.objects.get(username="newcomer")
    page.get_by_role("link", name="Assess yourself against this role").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Assess yourself: Digital Product Manager"
    page.get_by_role("button", name="All skills on one page").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Digital Product Manager: rate yourself"
    assert page.locator("fieldset").count() == 14

    # A partial draft, with a note.
    choose(page, "Planning & prioritisation", 2)
    choose(page, "Understanding user needs", 4)
    page.get_by_label("Evidence (optional)").nth(4).fill("Interviewed 12 customers this quarter.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved").wait_for()
    form_url = page.url

    # Submitting it incomplete shows the error summary (checked by axe too), answers kept.
    page.get_by_role("button", name="Submit assessment").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.get_by_role("link").count() == 12
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Choose a level for Strategic thinking").click()
    assert page.url.endswith("#skill-strategic-thinking")

    # Resume later from the history.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments").click()
    page.get_by_role("link", name=re.compile("^Resume")).click()
    assert page.url == form_url
    assert (
        page.get_by_role("group", name="Understanding user needs")
        .get_by_label(re.compile("^4 ·"))
        .is_checked()
    )
    assert (
        page.get_by_label("Evidence (optional)").nth(4).input_value()
        == "Interviewed 12 customers this quarter."
    )
    for fieldset in page.locator("fieldset").all():
        if not fieldset.locator("input:checked").count():
            fieldset.locator("input[value='3']").check()
    page.get_by_role("button", name="Submit assessment").click()

    # The result.
    assert page.get_by_role("heading", level=1).inner_text() == "Digital Product Manager: your result"
    page.get_by_text("Assessment submitted").wait_for()
    assert page.get_by_role("img", name=re.compile("Your levels compared")).is_visible()
    assert page.get_by_role("heading", name="Growth areas").is_visible()
    assert "Planning & prioritisation" in page.locator(".growth-list").inner_text()
    assert axe_violations(page) == []

    # How ready am I for Product Leader?
    page.get_by_label("Another role").select_option(label="Product Leader")
    page.get_by_role("button", name="Check readiness").click()
    page.get_by_role("heading", name=re.compile("^Your readiness for Product Leader: \\d+%")).wait_for()
    assert axe_violations(page) == []
    first_result = page.url.split("?")[0]

    # History.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments").click()
    # count() does not wait for the navigation the click started; wait for the new page.
    page.wait_for_url(f"{server.url}/assessments/")
    page.locator("table.history-table tbody tr").first.wait_for()
    assert page.locator("table.history-table tbody tr").count() == 1
    assert axe_violations(page) == []

    # Months later: a second assessment, prefilled from the first.
    page.goto(first_result)
    page.get_by_role("link", name="Re-assess (prefilled)").click()
    assert page.get_by_label("Start from a previous assessment (optional)").input_value() in first_result
    page.get_by_role("button", name="All skills on one page").click()
    assert page.locator("input[type=radio]:checked").count() == 14
    choose(page, "Planning & prioritisation", 4)
    choose(page, "Strategic thinking", 4)
    page.get_by_role("button", name="Submit assessment").click()
    page.get_by_text("Assessment submitted").wait_for()

    # Progress and comparison.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments").click()
    page.get_by_role("navigation", name="Assessments").get_by_role("link", name="Progress").click()
    row = page.get_by_role("row", name=re.compile("^Planning & prioritisation"))
    assert re.search(r"2\s+4\s+\+2", row.inner_text())
    assert page.get_by_role("img", name=re.compile("Readiness per submitted assessment")).is_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Assessments").get_by_role("link", name="Compare two").click()
    page.get_by_role("button", name="Compare").click()
    row = page.get_by_role("row", name=re.compile("^Strategic thinking"))
    assert "+1" in row.inner_text()
    assert "2 skills up, 0 down, 12 unchanged" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []

    assert page.console_errors == []
    assert Assessment.objects.filter(user=person, status="submitted").count() == 2


def test_the_form_works_with_the_keyboard_alone(gunicorn_server, page, person):
    sign_in(page, gunicorn_server, "ada", "/assessments/new/product-manager/", PASSWORD)
    page.get_by_role("button", name="All skills on one page").click()
    page.locator("fieldset").first.wait_for()
    assert axe_violations(page) == []

    # Skip link, then Tab to the first radio group.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    wanted = []
    for i in range(14):
        assert page.evaluate("document.activeElement.type") == "radio"
        page.keyboard.press("Space")  # level 1
        steps = i % 5
        for _ in range(steps):
            page.keyboard.press("ArrowDown")  # the arrow keys move the choice within the group
        wanted.append(1 + steps)
        page.keyboard.press("Tab")  # the evidence note
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        if i == 0:
            page.keyboard.type("Typed with the keyboard.")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Save draft"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Submit assessment"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Digital Product Manager: your result").wait_for()

    assessment = Assessment.objects.get(user=person)
    assert assessment.is_submitted
    levels = [r.level for r in sorted(assessment.ratings.all(), key=lambda r: r.id)]
    order = [s["slug"] for s in assessment.skills()]
    by_slug = {r.skill_slug: r.level for r in assessment.ratings.all()}
    assert [by_slug[slug] for slug in order] == wanted
    assert sorted(levels) == sorted(wanted)
    assert assessment.ratings.get(skill_slug="planning-prioritisation").evidence == "Typed with the keyboard."
    assert page.console_errors == []


def test_double_clicks_create_one_assessment_and_submit_it_once(gunicorn_server, page, person):
    sign_in(page, gunicorn_server, "ada", "/assessments/new/product-leader/", PASSWORD)
    page.get_by_role("button", name="All skills on one page").dblclick()
    page.locator("fieldset").first.wait_for()
    for fieldset in page.locator("fieldset").all():
        fieldset.locator("input[value='4']").check()
    page.get_by_role("button", name="Submit assessment").dblclick()
    page.get_by_role("heading", name="Product Leader: your result").wait_for()
    assert Assessment.objects.filter(user=person).count() == 1
    assessment = Assessment.objects.get(user=person)
    assert assessment.is_submitted and assessment.ratings.count() == 14
    assert page.console_errors == []


def test_the_other_assessment_pages_have_no_axe_violations(gunicorn_server, page, person):
    from tests.helpers import make_assessment

    done = make_assessment(person)
    sign_in(page, gunicorn_server, "ada", "/assessments/new/", PASSWORD)
    page.get_by_role("heading", name="Start a new assessment").wait_for()
    for path in (
        "/assessments/new/",
        f"/assessments/new/product-manager/?from={done.pk}",
        f"/assessments/{done.pk}/delete/",
        "/assessments/progress/",  # with a single assessment: the explanation
        "/assessments/compare/",
    ):
        page.goto(gunicorn_server.url + path)
        assert axe_violations(page) == [], path
    assert page.console_errors == []
