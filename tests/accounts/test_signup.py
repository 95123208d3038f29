import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

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


def test_it_creates_the_account_signs_in_and_goes_home(client):
    response = client.post(URL, signup_data())
    assert response.status_code == 302
    assert response.url == "/"
    user = User.objects.get(username="newcomer")
    assert user.email == "newcomer@example.com"
    assert user.check_password(GOOD_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Welcome, newcomer! Your account is ready."
    ]


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
        (
            {"username": "bob", "email": "Ann@Example.com"},
            {"email": "ann@example.COM"},
            "email",
            "An account with this email address already exists.",
        ),
    ],
)
def test_it_refuses_a_taken_username_or_email(client, existing, overrides, field, message):
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
    # 1. username taken? (case-insensitive, UserCreationForm)  2. email taken? (ours)
    # 3. username unique (ModelForm validate_unique)  4. INSERT user
    # login(): 5. session key free?  6-8. SAVEPOINT, INSERT session, RELEASE
    # 9-10. axes: expired attempts, attempts to reset for this username  11. UPDATE last_login
    # 12-14. SAVEPOINT, UPDATE session, RELEASE
    with django_assert_num_queries(14):
        response = client.post(URL, signup_data())
    assert response.status_code == 302
