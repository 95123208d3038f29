import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from accounts import throttle
from accounts.models import EmailChange
from tests.helpers import texts

pytestmark = pytest.mark.django_db

User = get_user_model()
URL = "/accounts/signup/"
GOOD_PASSWORD = "tangerine-orbit-41"


def signup_data(**overrides):
    data = {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("username", "email", "password1", "password2"):
        assert f'name="{name}"' in html
    assert 'for="id_email"' in html
    assert texts(html, "a", href="/accounts/login/") == ["Sign in"]


WELCOME = (
    "Welcome, {username}! Your account is ready. We have sent a link to {email}: open it to "
    "confirm your email address (until then, password reset links cannot reach you)."
)
LINK = re.compile(r"http://testserver(/accounts/email/confirm/[-\w]+/)")


def test_it_creates_the_account_signs_in_and_goes_home(client):
    response = client.post(URL, signup_data())
    assert response.status_code == 302
    assert response.url == "/"
    user = User.objects.get(username="newcomer")
    assert user.check_password(GOOD_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        WELCOME.format(username="newcomer", email="newcomer@example.com")
    ]


def test_the_address_is_the_accounts_once_its_link_is_opened(client):
    client.post(URL, signup_data())
    user = User.objects.get(username="newcomer")
    assert user.email == ""  # not yet: nothing is sent to an unconfirmed address but the link
    (message,) = mail.outbox
    assert message.to == ["newcomer@example.com"]
    assert message.subject == "Confirm your email address for Career Paths"
    link = LINK.search(message.body).group(1)
    assert client.post(link).status_code == 302
    user.refresh_from_db()
    assert user.email == "newcomer@example.com"


def test_a_taken_email_gets_exactly_the_answer_a_new_one_gets(alice):
    # An attacker learns nothing: same status, redirect, message and page, an account
    # signed in either way. The address's owner is told instead.
    answers = []
    for username, email in [("mallory", "ALICE@example.com"), ("newcomer", "fresh@example.com")]:
        client = Client()
        response = client.post(URL, signup_data(username=username, email=email))
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        page = client.get(response.url).content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page)
        answers.append(
            [
                str(part).replace(username, "<username>").replace(email, "<email>")
                for part in (response.status_code, response.url, messages, page)
            ]
        )
    assert answers[0] == answers[1]
    assert answers[0][:3] == ["302", "/", str([WELCOME.format(username="<username>", email="<email>")])]

    assert User.objects.get(username="mallory").email == ""
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    (notice,) = [m for m in mail.outbox if m.to == ["ALICE@example.com"]]
    assert notice.subject == "Someone tried to sign up to Career Paths with your email address"
    assert "already has an account" in notice.body
    assert not LINK.search(notice.body)
    assert EmailChange.objects.get(user__username="mallory").confirmable is False


def test_it_follows_a_safe_next(client):
    response = client.post(URL + "?next=/roles/product-manager/", signup_data())
    assert response.url == "/roles/product-manager/"
    response = client.get(URL, {"next": "/compare/"})  # already signed in now
    assert response.status_code == 302 and response.url == "/compare/"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example",
        "http://evil.example@testserver/",
        "javascript:alert(1)",
        "\\\\evil.example",
    ],
)
def test_it_ignores_a_next_that_leaves_the_site(client, next_url):
    page = client.get(URL, {"next": next_url}).content.decode()
    assert "evil" not in page and "javascript:" not in page
    response = client.post(URL, {**signup_data(), "next": next_url})
    assert response.status_code == 302
    assert response.url == "/"


@pytest.mark.parametrize(
    ("existing", "overrides", "field", "message"),
    [
        (
            {"username": "Alice"},
            {"username": "alice"},
            "username",
            "A user with that username already exists.",
        ),
    ],
)
def test_it_refuses_a_taken_username(client, existing, overrides, field, message):
    # Usernames stay visible (you need to know yours is free); sign-up is throttled.
    User.objects.create_user(password="x", **existing)
    response = client.post(URL, signup_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'id="error-summary"' in html and f'href="#id_{field}"' in html


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password1", "This password is too common."),
        ("58204613957", "This password is entirely numeric."),
        ("ab1!", "This password is too short. It must contain at least 8 characters."),
        ("newcomer-1", "The password is too similar to the username."),
    ],
)
def test_it_refuses_a_weak_password(client, password, message):
    response = client.post(URL, signup_data(password1=password, password2=password))
    assert response.status_code == 400
    assert message in response.context["form"].errors["password2"]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"password2": "something-else-41"}, "password2"),
        ({"username": "has spaces"}, "username"),
        ({"username": "x" * 151}, "username"),
    ],
)
def test_it_explains_bad_input_and_keeps_the_answers(client, overrides, field):
    response = client.post(URL, signup_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not User.objects.exists()
    if field != "username":
        assert 'value="newcomer"' in response.content.decode()


def test_it_is_csrf_protected(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, signup_data())
    assert response.status_code == 403
    assert not User.objects.exists()


@pytest.mark.parametrize("other_users", [1, 30])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, other_users):
    User.objects.bulk_create(
        User(username=f"user{i}", email=f"user{i}@example.com") for i in range(other_users)
    )
    with django_assert_num_queries(0):  # anonymous, no session yet
        client.get(URL)
    # 1. username taken? (case-insensitive, UserCreationForm)
    # 2. username unique (ModelForm validate_unique)  3-4. SAVEPOINT, INSERT user
    # 5. email taken by another account?  6. INSERT the pending address  7. RELEASE
    # login(): 8. session key free?  9-11. SAVEPOINT, INSERT session, RELEASE
    # 12-13. axes: expired attempts, attempts to reset for this username  14. UPDATE last_login
    # 15-17. SAVEPOINT, UPDATE session, RELEASE
    with django_assert_num_queries(17):
        response = client.post(URL, signup_data())
    assert response.status_code == 302


@pytest.fixture
def limits(settings):
    settings.SIGNUP_LIMIT_PER_IP = 3
    settings.EMAIL_LIMIT_PER_ADDRESS = 2


def test_it_is_throttled_per_client_address(client, limits, monkeypatch):
    clock = throttle_clock(monkeypatch)
    for i in range(3):  # good or bad, every attempt counts
        response = client.post(
            URL, signup_data(username=f"user{i}", email=f"u{i}@example.com", password2="x")
        )
        assert response.status_code == 400
    response = client.post(URL, signup_data())
    assert_throttled(response)
    assert not User.objects.exists()
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(URL, signup_data()).status_code == 302  # another address is unaffected
    clock.now += 3600
    assert client.post(URL, signup_data(username="later", email="later@example.com")).status_code == 302


def test_it_is_throttled_per_email_address(limits):
    for i in range(2):
        client = Client(REMOTE_ADDR=f"198.51.100.{i + 1}")
        assert (
            client.post(URL, signup_data(username=f"user{i}", email="Target@example.com")).status_code == 302
        )
    response = Client(REMOTE_ADDR="198.51.100.9").post(URL, signup_data(email="target@EXAMPLE.com"))
    assert_throttled(response)
    assert len([m for m in mail.outbox if m.to[0].lower() == "target@example.com"]) == 2


def assert_throttled(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "<title>Too many attempts · Career Paths</title>" in html
    assert "bootstrap.min.css" in html  # the site's own layout
    assert "try again in" in html


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def throttle_clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "clock", clock)
    return clock
