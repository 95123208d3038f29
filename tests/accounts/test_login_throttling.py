"""django-axes: repeated wrong passwords for one username from one address are refused
with 429 for a cool-off period; nobody else is affected; a success clears the count."""

from datetime import timedelta

import axes.handlers.proxy
import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()
LOGIN = "/accounts/login/"
LIMIT = 5


@pytest.fixture(autouse=True)
def limits(settings):
    # The documented defaults, pinned so the test reads on its own.
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def attempt(client, username="alice", password="wrong-guess", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def lock_out(client, username="alice", **extra):
    for _ in range(LIMIT - 1):
        assert attempt(client, username, **extra).status_code == 200  # the form, with its error
    return attempt(client, username, **extra)


def test_it_locks_out_after_the_failure_limit_with_a_clear_429_page(client, alice):
    response = lock_out(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "<title>Too many sign-in attempts · Career Paths</title>" in html
    assert "after 5 wrong passwords" in html
    assert "try again in 15 minutes" in html
    assert 'href="/accounts/password_reset/"' in html
    assert "bootstrap.min.css" in html  # the site's own layout, not a bare message
    assert "Content-Security-Policy" in response.headers

    # Even the right password is refused now.
    response = attempt(client, password=PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_other_usernames_and_addresses_are_unaffected(client, alice, bob):
    assert lock_out(client).status_code == 429
    assert attempt(client, "bob", PASSWORD).status_code == 302  # same address, other user
    client.logout()
    response = attempt(client, "alice", PASSWORD, REMOTE_ADDR="198.51.100.7")  # other address
    assert response.status_code == 302


def test_the_lockout_expires_after_the_cool_off(client, alice):
    assert lock_out(client).status_code == 429
    # Move the recorded failures 16 minutes into the past instead of waiting.
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=16)
        row.save(update_fields=["attempt_time"])
    response = attempt(client, password=PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


@pytest.fixture
def clock(monkeypatch):
    """The time django-axes and Django's own timestamps see, moved on by the test instead
    of waiting (axes takes a request's time from axes.handlers.proxy.now)."""

    class Clock:
        def __init__(self):
            self.now = timezone.now()

        def __call__(self):
            return self.now

        def advance(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    monkeypatch.setattr(axes.handlers.proxy, "now", clock)
    return clock


def test_the_lockout_expires_by_itself_after_the_cool_off(client, alice, clock):
    assert lock_out(client).status_code == 429
    clock.advance(minutes=14, seconds=59)
    assert attempt(client, password=PASSWORD).status_code == 429
    clock.advance(minutes=15, seconds=1)  # 15 minutes after that attempt, which restarted the wait
    assert attempt(client, password=PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_successful_sign_in_resets_the_count(client, alice):
    for _ in range(LIMIT - 1):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert attempt(client).status_code == 200
    assert attempt(client, password=PASSWORD).status_code == 302


def test_guessing_on_the_delete_account_page_counts_too(client, alice):
    client.force_login(alice)
    for _ in range(LIMIT - 1):
        assert client.post("/accounts/delete/", {"password": "guess"}).status_code == 400
    assert client.post("/accounts/delete/", {"password": "guess"}).status_code == 429
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 429
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_admin_sign_in_is_throttled_too(client, alice):
    for _ in range(LIMIT - 1):
        client.post("/admin/login/", {"username": "alice", "password": "guess"})
    response = client.post("/admin/login/", {"username": "alice", "password": "guess"})
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_it_counts_the_forwarded_client_address(client, alice):
    # The proxy (REMOTE_ADDR 10.0.0.2) appends the client's address; anything left of it
    # was sent by the client and is ignored.
    proxied = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    assert lock_out(client, **proxied).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "5.6.7.8, 203.0.113.9"}
    assert attempt(client, password=PASSWORD, **forged).status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    assert attempt(client, password=PASSWORD, **other).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", ["", "not-an-ip", "1.2.3.4, <script>", "\x00"])
def test_a_junk_forwarded_header_falls_back_to_the_peer_address(client, alice, forwarded):
    response = attempt(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 200
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.2"}


def test_an_overlong_username_is_a_failed_login_not_a_500(client):
    # Found by test_fuzz.py: axes stores usernames in 255 characters.
    for _ in range(LIMIT - 1):
        response = attempt(client, "a" * 1000)
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    assert attempt(client, "a" * 1000).status_code == 429
    assert AccessAttempt.objects.get().username == "a" * 255


def test_attempts_during_a_lockout_restart_the_wait(client, alice):
    # As the lockout page says: any attempt while locked out, even with the right
    # password, starts the cool-off again, so guessing on only extends the lockout.
    assert lock_out(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    assert attempt(client, password=PASSWORD).status_code == 429  # 10 minutes in: clock restarts
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    assert (
        attempt(client, password=PASSWORD).status_code == 429
    )  # 20 after the 5th failure, 10 after the last
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert attempt(client, password=PASSWORD).status_code == 302
