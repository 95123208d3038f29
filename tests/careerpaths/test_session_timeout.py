"""Signed-in sessions end after 8 hours without a request, and 14 days after sign-in even
when used every day (careerpaths.middleware.SessionTimeoutMiddleware, accounts/sessions.py).

The clock is controlled: accounts.sessions reads the time through ``clock``, which these
tests replace with one they move forward by hand, so nothing sleeps.
"""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY

from accounts import sessions
from tests.helpers import BASE_DIR, PASSWORD

pytestmark = pytest.mark.django_db

PAGE = "/accounts/profile/"
HOUR = 3600
DAY = 24 * HOUR


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch, settings):
    # The documented defaults, pinned so the test reads on its own.
    settings.SESSION_IDLE_TIMEOUT = timedelta(hours=8)
    settings.SESSION_COOKIE_AGE = 14 * DAY
    fake = Clock()
    monkeypatch.setattr(sessions, "clock", fake)
    return fake


def signed_in(client):
    return SESSION_KEY in client.session


def test_it_signs_you_out_after_eight_idle_hours(client, alice, clock):
    client.force_login(alice)
    clock.advance(8 * HOUR - 60)
    assert client.get(PAGE).status_code == 200  # 7 h 59 min: still signed in, and the wait restarts
    clock.advance(8 * HOUR - 60)
    assert client.get(PAGE).status_code == 200
    clock.advance(8 * HOUR + 60)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={PAGE}"
    assert not signed_in(client)
    html = client.get(response.url).content.decode()
    assert "You were signed out after 8 hours without activity" in html


def test_it_signs_you_out_fourteen_days_after_sign_in_however_active(client, alice, clock):
    client.force_login(alice)
    step, elapsed = 8 * HOUR - 60, 0
    while elapsed + step < 14 * DAY:  # a request every 8 hours minus a minute
        clock.advance(step)
        elapsed += step
        assert client.get(PAGE).status_code == 200
    clock.advance(step)  # never idle for 8 hours, but now 14 days after signing in
    response = client.get(PAGE)
    assert response.status_code == 302
    assert not signed_in(client)
    assert "You were signed out 14 days after signing in" in client.get(response.url).content.decode()


def test_signing_in_again_starts_a_fresh_session(client, alice, clock):
    client.force_login(alice)
    clock.advance(9 * HOUR)
    assert client.get(PAGE).status_code == 302
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    clock.advance(7 * HOUR)
    assert client.get(PAGE).status_code == 200


def test_a_post_after_the_timeout_changes_nothing(client, alice, clock):
    client.force_login(alice)
    clock.advance(9 * HOUR)
    response = client.post(PAGE, {"email": "new@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_a_session_from_before_the_timeout_existed_starts_counting_now(client, alice, clock):
    client.force_login(alice)
    session = client.session
    for key in (sessions.SIGNED_IN_AT, sessions.LAST_SEEN):
        del session[key]
    session.save()
    assert client.get(PAGE).status_code == 200
    clock.advance(8 * HOUR - 60)
    assert client.get(PAGE).status_code == 200
    clock.advance(8 * HOUR + 60)
    assert client.get(PAGE).status_code == 302


def test_it_records_activity_at_most_once_a_minute(client, alice, clock, django_assert_num_queries):
    # Writing the session on every request would add an UPDATE to every page view.
    client.force_login(alice)
    clock.advance(30)
    # 1. session  2. user  3. pending email change (the profile page's own)
    # 4.–5. the goal picker's plan and published roles
    with django_assert_num_queries(5):
        assert client.get(PAGE).status_code == 200
    clock.advance(61)
    # 1.–5. as before  6.–8. SAVEPOINT, UPDATE session (the new last-seen time), RELEASE
    with django_assert_num_queries(8):
        assert client.get(PAGE).status_code == 200


def test_visitors_who_are_not_signed_in_get_no_session(client, clock):
    response = client.get("/roles/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_the_session_cookie_lasts_as_long_as_the_absolute_limit(client, alice, settings):
    assert settings.SESSION_COOKIE_AGE == 14 * DAY
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.cookies["sessionid"]["max-age"] == 14 * DAY


def session_settings(**env):
    code = "import careerpaths.settings as s; print(int(s.SESSION_IDLE_TIMEOUT.total_seconds()), s.SESSION_COOKIE_AGE)"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SESSION_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=full_env, capture_output=True, text=True
    )


def test_the_limits_come_from_the_environment():
    assert session_settings().stdout.split() == [str(8 * HOUR), str(14 * DAY)]
    result = session_settings(SESSION_IDLE_TIMEOUT_MINUTES="30", SESSION_MAX_AGE_DAYS="1")
    assert result.stdout.split() == [str(30 * 60), str(DAY)]
    for name, junk in [("SESSION_IDLE_TIMEOUT_MINUTES", "0"), ("SESSION_MAX_AGE_DAYS", "two")]:
        result = session_settings(**{name: junk})
        assert result.returncode != 0
        assert name in result.stderr
