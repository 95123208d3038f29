"""A visitor assesses themselves without an account, then signs up and keeps the result:
real Chromium against real gunicorn."""

import json
import re
import zlib

import pytest
from django.contrib.sessions.models import Session
from django.core import signing

from assessments.models import Assessment, hash_visitor_key
from tests.helpers import PASSWORD, axe_violations
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def session_data(raw):
    """A stored session's data, read without gunicorn's SECRET_KEY: Django's signed format
    is base64(payload, "." first when zlib-compressed):timestamp:signature."""
    payload = raw.split(":", 1)[0]
    data = signing.b64_decode(payload.lstrip(".").encode())
    return json.loads(zlib.decompress(data) if payload.startswith(".") else data)


def test_a_visitor_assesses_sees_the_result_signs_up_and_finds_it_in_their_history(
    gunicorn_server, page, django_user_model
):
    server = gunicorn_server
    load_starter()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server.url}/roles/product-manager/")
    page.get_by_role("link", name="Assess yourself against this role").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Assess yourself: Digital Product Manager"
    page.get_by_role("button", name="Start the assessment").click()
    assert "/accounts/" not in page.url  # no sign-in on the way

    # The guided flow: the task list, then one skill a page (Continue saves each).
    page.get_by_role("heading", name="Digital Product Manager: rate your skills").wait_for()
    page.get_by_role("link", name=re.compile("^Start with")).click()
    for _ in range(14):
        page.locator("fieldset input[type=radio]").first.wait_for()
        heading = page.get_by_role("heading", level=1).inner_text()
        # The level the role expects is shown, with one on either side: take the first shown.
        page.locator("fieldset input[type=radio]:visible").first.check()
        if heading == "Understanding user needs":
            page.get_by_label("Evidence for Understanding user needs (optional)").fill(
                "Ran weekly customer interviews."
            )
        page.get_by_role("button", name="Continue").click()
        if "/check/" in page.url:
            break
    page.get_by_role("heading", name="Check your answers").wait_for()
    assert "Ran weekly customer interviews." in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit assessment").click()

    # The full result, with one call to keep it.
    page.get_by_role("heading", name="Digital Product Manager: your result").wait_for()
    result_url = page.url
    assert page.get_by_role("heading", name="Growth areas").is_visible()
    assert page.get_by_role("img", name=re.compile("Your levels compared")).is_visible()
    keep = page.get_by_role(
        "region", name="Create a free account to keep this result and track your progress"
    )
    assert keep.is_visible()
    assert axe_violations(page) == []
    assessment = Assessment.objects.get()
    assert assessment.user is None and assessment.is_submitted
    # The key lives in the server-side session only: no address the browser asked for has it.
    keys = [session_data(s.session_data).get("assessments_visitor_key") for s in Session.objects.all()]
    key = next(k for k in keys if k)
    assert hash_visitor_key(key) == assessment.visitor_key_hash
    assert not [url for url in requested if key in url or assessment.visitor_key_hash in url]

    # Sign up from the call, and come back to the result, now in the account.
    keep.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Username").fill("visitor")
    page.get_by_label("Email").fill("visitor@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(result_url)
    page.get_by_text("1 assessment you made before signing in is now kept in your account.").wait_for()
    assert page.get_by_role("region", name=re.compile("^Create a free account")).count() == 0
    user = django_user_model.objects.get(username="visitor")
    assert list(Assessment.objects.for_user(user)) == [assessment]

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments").click()
    page.wait_for_url(f"{server.url}/assessments/")
    rows = page.locator("table.history-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and "Digital Product Manager" in rows.first.inner_text()
    assert page.console_errors == []


def test_a_visitor_sent_to_sign_in_for_history_is_told_why_and_offered_sign_up(gunicorn_server, page):
    page.goto(f"{gunicorn_server.url}/assessments/progress/")
    assert "/accounts/login/" in page.url
    assert "kept in your account" in page.locator(".sign-in-reason").inner_text()
    assert page.get_by_role("link", name="Create a free account").is_visible()
    assert axe_violations(page) == []
