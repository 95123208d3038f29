"""The link that confirms a new email address: signed-in owner only, one use, expires."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts.models import EmailChange
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()
LINK = re.compile(r"http://testserver(/accounts/email/confirm/([-\w]+)/)")
NEW = "alice.new@example.com"


@pytest.fixture
def link(client, alice):
    """Alice asked to move to NEW; the path of the link mailed there."""
    client.force_login(alice)
    assert client.post("/accounts/profile/", {"email": NEW, "password": PASSWORD}).status_code == 302
    (message,) = [m for m in mail.outbox if m.to == [NEW]]
    mail.outbox.clear()
    return LINK.search(message.body).group(1)


def test_opening_the_link_asks_before_changing_anything(client, alice, link):
    response = client.get(link)  # mail scanners open links too: a GET changes nothing
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Confirm your new email address · Career Paths</title>" in html
    assert NEW in html and 'method="post"' in html
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_confirming_changes_the_address_and_tells_the_old_one(client, alice, link):
    before = timezone.now()
    response = client.post(link)
    assert response.status_code == 302 and response.url == "/accounts/profile/"
    alice.refresh_from_db()
    assert alice.email == NEW
    assert not EmailChange.objects.exists()
    assert f"Your email address is now {NEW}." in client.get(response.url).content.decode()
    (notice,) = mail.outbox
    assert notice.to == ["alice@example.com"]
    assert notice.subject == "Your Career Paths email address has changed"
    assert NEW in notice.body
    stamps = {f"{t:%H:%M} UTC on {t.day} {t:%B %Y}" for t in (before, before + timedelta(minutes=1))}
    assert any(stamp in notice.body for stamp in stamps), notice.body

    # From now on resets go to the new address only.
    client.logout()
    mail.outbox.clear()
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    client.post("/accounts/password_reset/", {"email": NEW})
    assert [m.to for m in mail.outbox] == [[NEW]]


def test_the_link_works_once(client, alice, link):
    assert client.post(link).status_code == 302
    response = client.post(link)
    assert response.status_code == 404
    assert "This confirmation link is not valid" in response.content.decode()


def test_the_link_expires(client, alice, link, settings):
    assert settings.EMAIL_CONFIRMATION_HOURS == 24
    EmailChange.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 404
        assert "expired" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_the_link_lasts_a_day(client, alice, link):
    pending = EmailChange.objects.get()
    assert timedelta(hours=23, minutes=59) < pending.expires_at - timezone.now() <= timedelta(hours=24)


def test_the_token_is_random_and_stored_only_as_a_hash(link):
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40  # 32 random bytes, base64
    pending = EmailChange.objects.get()
    assert token not in (pending.token_hash, pending.new_email)
    assert pending.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_it_needs_the_account_that_asked(client, alice, bob, link):
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and response.url == f"/accounts/login/?next={link}"
    client.force_login(bob)
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.email, bob.email) == ("alice@example.com", "bob@example.com")
    assert EmailChange.objects.filter(user=alice).exists()


@pytest.mark.parametrize("token", ["bogus", "x" * 43, "a" * 500])
def test_a_tampered_link_is_not_found(client, alice, link, token):
    assert client.post(f"/accounts/email/confirm/{token}/").status_code == 404
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_a_newer_request_replaces_the_older_link(client, alice, link):
    assert (
        client.post("/accounts/profile/", {"email": "third@example.com", "password": PASSWORD}).status_code
        == 302
    )
    assert client.post(link).status_code == 404
    assert EmailChange.objects.get().new_email == "third@example.com"


def test_an_address_taken_in_the_meantime_is_refused(client, alice, link):
    User.objects.create_user("carol", NEW, PASSWORD)
    response = client.post(link)
    assert response.status_code == 409
    assert "now belongs to another account" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
