"""A growth plan in a real Chromium against real gunicorn: built from a result, an action
done and offered as evidence at the next assessment, and the personal home page."""

import re

import pytest

from assessments.models import Rating
from plans.models import ActionStatus, FocusItem, Plan
from tests.helpers import axe_violations, make_assessment, sign_in
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-Horse-battery-9"


@pytest.fixture
def person(django_user_model):
    load_starter()
    return django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD)


def test_a_plan_from_a_result_feeds_the_next_assessment(gunicorn_server, page, person):
    server = gunicorn_server
    result = make_assessment(person, default=1)

    # A goal from the role page.
    sign_in(page, server, "ada", "/roles/product-leader/", PASSWORD)
    page.get_by_role("button", name=re.compile(r"^Set as my goal\W+Product Leader$")).click()
    page.get_by_text("Product Leader is now your goal.").wait_for()

    # The result's growth areas: add one to the plan (twice: the second says so).
    page.goto(f"{server.url}/assessments/{result.pk}/")
    page.get_by_role("button", name=re.compile(r"^Add to my plan\W+Understanding user needs$")).click()
    page.wait_for_url(re.compile(r"/plan/#focus-\d+$"))
    page.get_by_text("Understanding user needs is in your plan").wait_for()
    item = FocusItem.objects.get(user=person)
    assert item.expected_by == "Product Leader"
    page.go_back()
    page.get_by_role("button", name=re.compile(r"^Add to my plan\W+Understanding user needs$")).click()
    page.get_by_text("Understanding user needs is already in your plan.").wait_for()
    assert FocusItem.objects.filter(user=person).count() == 1
    assert axe_violations(page) == []

    # Mark the suggested action done, with a link to the evidence; a bad link first.
    action = item.actions.order_by("id").first()
    card = page.locator(f"#action-{action.pk}")
    card.get_by_label("Status").select_option(label="Done")
    card.get_by_label("Link to evidence").fill("javascript:alert(1)")
    card.get_by_role("button", name=re.compile("^Save")).click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "starting with http:// or https://" in summary.inner_text()
    assert axe_violations(page) == []
    card = page.locator(f"#action-{action.pk}")
    card.get_by_label("Link to evidence").fill("https://example.com/interview-notes")
    card.get_by_label("Action").fill("Ran five user interviews from a discussion guide")
    card.get_by_role("button", name=re.compile("^Save")).click()
    page.get_by_text("Action saved (done).").wait_for()
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE

    # A check-in rhythm, then the printed plan: text lines, no forms.
    page.get_by_label("How often do you want to re-assess?").select_option(label="Every 3 months")
    page.get_by_role("button", name="Save rhythm").click()
    page.get_by_text("Check-ins: every 3 months.").wait_for()
    assert Plan.objects.get(user=person).rhythm == 3
    page.emulate_media(media="print")
    assert page.locator(".print-only").first.is_visible()
    assert not page.locator("form.action-form").first.is_visible()
    page.emulate_media(media="screen")

    # The next assessment (any role with the skill) offers the done action as evidence.
    page.goto(f"{server.url}/assessments/new/product-manager/")
    page.get_by_role("button", name="All skills on one page").click()
    page.get_by_text("Done actions from your plan are in the evidence notes").wait_for()
    note = page.locator("#id_evidence-user-needs")
    assert note.input_value() == (
        "From my plan: Ran five user interviews from a discussion guide (https://example.com/interview-notes)"
    )
    note.fill(note.input_value() + " Shared the findings with the team.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved").wait_for()
    rating = Rating.objects.get(assessment__user=person, assessment__status="draft", skill_slug="user-needs")
    assert rating.evidence.endswith("Shared the findings with the team.")
    # The one error: the deliberately invalid link answered 400.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]


def test_the_personal_home(gunicorn_server, page, person, browser):
    server = gunicorn_server
    make_assessment(person, "product-leader", default=2)
    make_assessment(person, submit=False, default=None, levels={"user-needs": 2})
    sign_in(page, server, "ada", "/", PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome back, ada"
    assert "No target role yet." in page.get_by_role("main").inner_text()
    assert "1 of 14 rated" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []

    page.goto(f"{server.url}/roles/product-leader/")
    page.get_by_role("button", name=re.compile(r"^Set as my goal\W+Product Leader$")).click()
    page.goto(f"{server.url}/")
    main = page.get_by_role("main").inner_text()
    assert "Target role: Product Leader" in main and re.search(r"Latest readiness: \d+%", main)
    page.get_by_role("link", name=re.compile("^Continue the draft")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Digital Product Manager: rate yourself"

    # Narrow screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/")
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    assert axe_violations(page) == []
    page.goto(f"{server.url}/plan/")
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    assert axe_violations(page) == []

    # A visitor still gets the public home.
    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(f"{server.url}/")
    assert public.get_by_role("heading", level=1).inner_text() == "Plan your next move in product"
    visitor.close()
    assert page.console_errors == []
