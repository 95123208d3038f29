"""Second opinions end to end in a real Chromium against real gunicorn: the owner shares,
an anonymous visitor reads, a second person signs in through the link and reviews, the
owner sees both views side by side, then revokes and the link is gone for everyone."""

import re

import pytest

from reviews.models import Review
from tests.helpers import PASSWORD, axe_violations, make_assessment
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(django_user_model):
    load_starter()
    owner = django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD, first_name="Ada")
    django_user_model.objects.create_user("bea", "bea@example.com", PASSWORD, first_name="Bea")
    done = make_assessment(owner, levels={"user-needs": 4}, evidence={"user-needs": "Ran twelve interviews"})
    return owner, done


def sign_in(page, username):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def no_violations(page):
    assert axe_violations(page) == [], page.url


def fits_a_phone(page):
    """Usable at 390 px: nothing wider than the screen (wide tables scroll in their box)."""
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def test_share_read_review_compare_and_revoke(gunicorn_server, browser, people):
    server = gunicorn_server
    owner, done = people
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(3)]
    owner_page, visitor_page, stranger_page = (c.new_page() for c in contexts)
    try:
        # The owner shares their result.
        owner_page.goto(f"{server.url}/accounts/login/?next=/assessments/{done.pk}/")
        sign_in(owner_page, "ada")
        owner_page.get_by_role("link", name="Share for review").click()
        assert owner_page.get_by_role("heading", level=1).inner_text() == "Share for review"
        no_violations(owner_page)
        owner_page.get_by_label("Link works for (days)").fill("0")
        owner_page.get_by_role("button", name="Create review link").click()
        summary = owner_page.locator("#error-summary")
        summary.wait_for()
        assert "a whole number from 1 to 90" in summary.inner_text()
        no_violations(owner_page)
        owner_page.get_by_label("Link works for (days)").fill("14")
        owner_page.get_by_label("Message to your reviewer (optional)").fill(
            "How do I come across in planning?"
        )
        owner_page.get_by_role("button", name="Create review link").click()
        link_url = owner_page.get_by_label("Review link", exact=True).input_value()
        assert re.fullmatch(re.escape(server.url) + r"/review/[A-Za-z0-9_-]{43}/", link_url)
        no_violations(owner_page)

        # An anonymous visitor reads it, read-only, at an address without the token.
        response = visitor_page.goto(link_url)
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-robots-tag"] == "noindex"
        assert response.headers["cache-control"] == "private, no-store"
        shared_url = visitor_page.url
        assert "/review/s/" in shared_url and link_url.rsplit("/", 2)[1] not in shared_url
        heading = visitor_page.get_by_role("heading", level=1).inner_text()
        assert heading == "Ada’s Digital Product Manager self-assessment"
        assert visitor_page.get_by_text("How do I come across in planning?").is_visible()
        assert visitor_page.get_by_text("Evidence: Ran twelve interviews").is_visible()
        assert "ada@example.com" not in visitor_page.content()
        assert visitor_page.locator("form[method=post]").count() == 0
        no_violations(visitor_page)
        fits_a_phone(visitor_page)

        # A second person signs in through it and gives their view.
        visitor_page.get_by_role("link", name="Sign in to give your view").click()
        with visitor_page.expect_response(lambda r: r.url.endswith("/review/")) as form_response:
            sign_in(visitor_page, "bea")
        # The form page: same-origin, so that its POST carries a real Origin (CSRF).
        assert form_response.value.headers["referrer-policy"] == "same-origin"
        assert visitor_page.get_by_role("heading", level=1).inner_text().startswith("Your view of Ada’s")
        assert visitor_page.locator("fieldset").count() == 14
        fits_a_phone(visitor_page)
        visitor_page.get_by_role("button", name="Save your view").click()
        visitor_page.locator("#error-summary").wait_for()
        assert visitor_page.locator("#error-summary").get_by_role("link").count() == 14
        no_violations(visitor_page)
        for n, fieldset in enumerate(visitor_page.locator("fieldset").all()):
            fieldset.locator(
                "input[type=radio][value='2']" if n == 0 else "input[type=radio][value='3']"
            ).check()
        visitor_page.get_by_label("Comment (optional)").first.fill("Plans well, could share them earlier")
        visitor_page.get_by_label("Overall comment (optional)").fill("A fair self-view")
        visitor_page.get_by_role("button", name="Save your view").click()
        visitor_page.get_by_text("Your view is saved").wait_for()
        assert visitor_page.url == shared_url
        assert visitor_page.get_by_role("link", name="Edit your view").is_visible()
        no_violations(visitor_page)
        visitor_page.goto(f"{server.url}/reviews/")
        assert visitor_page.get_by_text("Ada · Digital Product Manager").first.is_visible()
        no_violations(visitor_page)
        assert Review.objects.filter(assessment=done).count() == 1

        # The owner sees both views side by side.
        owner_page.goto(f"{server.url}/assessments/{done.pk}/")
        section = owner_page.locator("section.second-opinions")
        assert section.locator("thead th").all_inner_texts() == ["Skill", "You", "Bea"]
        calibration = section.locator(".calibration").inner_text()
        assert calibration.startswith("You rated yourself higher than Bea on")
        planning = section.get_by_role("row", name=re.compile("^Planning & prioritisation"))
        assert "lower than you" in planning.inner_text() and "Plans well" in planning.inner_text()
        no_violations(owner_page)
        fits_a_phone(owner_page)

        # The owner revokes: the link and its page are gone for everyone.
        owner_page.goto(f"{server.url}/assessments/{done.pk}/share/")
        owner_page.get_by_role("button", name=re.compile("^Revoke")).click()
        owner_page.get_by_text("The link is revoked").wait_for()
        assert "Revoked" in owner_page.locator("table.review-links-table").inner_text()
        for page, url in (
            (visitor_page, shared_url),
            (visitor_page, link_url),
            (stranger_page, link_url),
            (owner_page, link_url),
        ):
            assert page.goto(url).status == 404, url
            assert page.get_by_role("heading", level=1).inner_text() == "This review link is not available"
        no_violations(stranger_page)
    finally:
        for context in contexts:
            context.close()
