"""The profile page: your details, and changing your email address (password first; the new
address is used only once the link sent to it has been opened; the old one is told)."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import EmailChange
from tests.helpers import PASSWORD, elements, texts

pytestmark = pytest.mark.django_db

User = get_user_model()
URL = "/accounts/profile/"
LINK = re.compile(r"http://testserver(/accounts/email/confirm/[-\w]+/)")


def change(client, email, password=PASSWORD):
    return client.post(URL, {"email": email, "password": password})


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def stamps(moment):
    """How a notice may print ``moment`` (a minute may tick over during the test)."""
    return {f"{t:%H:%M} UTC on {t.day} {t:%B %Y}" for t in (moment, moment + timedelta(minutes=1))}


def test_it_needs_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/accounts/profile/"
    assert change(client, "x@example.com").status_code == 302
    assert mail.outbox == []


def test_it_shows_your_details_and_account_links(client, alice, bob):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Your account · Career Paths</title>" in html
    assert "alice" in texts(html, "dd")
    assert "alice@example.com" in html
    assert alice.date_joined.strftime("%Y-%m-%d") in html  # <time datetime=…>
    for href in ("/accounts/password_change/", "/assessments/", "/accounts/delete/"):
        assert f'href="{href}"' in html
    assert "bob" not in html  # only your own account, ever
    assert elements(html, "a", href="/accounts/profile/", aria_current="page")
    assert elements(html, "input", name="password", autocomplete="current-password")


def test_changing_your_email_asks_for_your_current_password(client, alice):
    client.force_login(alice)
    for password, error in [
        ("", "This field is required."),
        ("wrong-guess", "That password is not correct."),
    ]:
        response = change(client, "alice.new@example.com", password)
        assert response.status_code == 400
        assert error in response.context["form"].errors["password"][0]
        assert 'href="#id_password"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert not EmailChange.objects.exists()
    assert mail.outbox == []


def test_the_new_address_is_used_only_after_its_link_is_opened(client, alice):
    client.force_login(alice)
    before = timezone.now()
    response = change(client, "alice.new@Example.COM")
    assert response.status_code == 302 and response.url == URL
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"  # unchanged until confirmed
    html = client.get(URL).content.decode()
    assert "We have sent a link to alice.new@example.com" in html
    assert "Waiting for confirmation" in html and "alice.new@example.com" in html

    (confirm,) = sent_to("alice.new@example.com")
    assert confirm.subject == "Confirm your new Career Paths email address"
    assert LINK.search(confirm.body)
    assert "alice" in confirm.body

    (notice,) = sent_to("alice@example.com")
    assert notice.subject == "Your Career Paths email address is about to change"
    assert "alice.new@example.com" in notice.body
    assert any(stamp in notice.body for stamp in stamps(before)), notice.body
    assert not LINK.search(notice.body)  # the old address cannot confirm the change


def test_a_password_reset_never_goes_to_an_unconfirmed_address(client, alice):
    client.force_login(alice)
    change(client, "alice.new@example.com")
    client.logout()
    mail.outbox.clear()
    client.post("/accounts/password_reset/", {"email": "alice.new@example.com"})
    assert mail.outbox == []
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_an_address_of_another_account_gets_the_same_answer_and_a_notice(client, alice, bob):
    client.force_login(alice)
    taken = change(client, "BOB@example.com")
    assert taken.status_code == 302 and taken.url == URL
    html = client.get(URL).content.decode()
    assert "We have sent a link to BOB@example.com" in html  # no hint that it is taken
    (message,) = sent_to("BOB@example.com")
    assert "already belongs to a Career Paths account" in message.body
    assert not LINK.search(message.body)  # nothing to confirm: it can never be used
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-email", "Enter a valid email address."),
        ("", "This field is required."),
        ("alice@example.com", "That is already your email address."),
    ],
)
def test_it_refuses_a_bad_email(client, alice, email, message):
    client.force_login(alice)
    response = change(client, email)
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [message]
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_email"' in html
    assert mail.outbox == []


def test_a_pending_change_can_be_cancelled(client, alice):
    client.force_login(alice)
    change(client, "alice.new@example.com")
    link = LINK.search(sent_to("alice.new@example.com")[0].body).group(1)
    response = client.post("/accounts/email/cancel/")
    assert response.status_code == 302 and response.url == URL
    assert not EmailChange.objects.exists()
    assert "Waiting for confirmation" not in client.get(URL).content.decode()
    assert client.post(link).status_code == 404
    assert client.get("/accounts/email/cancel/").status_code == 405


def test_guessing_the_password_here_counts_towards_the_lockout(client, alice, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client.force_login(alice)
    for _ in range(4):
        assert change(client, "evil@example.com", "guess").status_code == 400
    assert change(client, "evil@example.com", "guess").status_code == 429
    assert change(client, "evil@example.com").status_code == 429  # even the right one now
    assert AccessAttempt.objects.get().username == "alice"
    assert not EmailChange.objects.exists()


def test_changing_email_needs_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert change(client, "evil@example.com").status_code == 403
    assert not EmailChange.objects.exists()


@pytest.mark.parametrize("other_users", [1, 40])
def test_it_runs_a_constant_number_of_queries(client, alice, django_assert_num_queries, other_users):
    User.objects.bulk_create(
        User(username=f"user{i}", email=f"user{i}@example.com") for i in range(other_users)
    )
    client.force_login(alice)
    change(client, "alice.new@example.com")
    # 1. session  2. user  3. the pending change, if any
    # 4. the plan (goal picker)  5. published roles for the goal picker
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200


def test_mails_to_one_address_are_limited(client, alice, settings):
    # Asking again and again must not flood someone else's inbox.
    settings.EMAIL_LIMIT_PER_ADDRESS = 2
    client.force_login(alice)
    for _ in range(2):
        assert change(client, "target@example.com").status_code == 302
    response = change(client, "TARGET@example.com")
    assert response.status_code == 429 and int(response["Retry-After"]) <= 3600
    assert len(sent_to("target@example.com")) == 2
