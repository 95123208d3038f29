import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.helpers import elements, texts

pytestmark = pytest.mark.django_db

User = get_user_model()
URL = "/accounts/profile/"


def test_it_needs_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/accounts/profile/"
    assert client.post(URL, {"email": "x@example.com"}).status_code == 302


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


def test_it_changes_your_email(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"email": "alice.new@Example.COM"})
    assert response.status_code == 302 and response.url == URL
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"
    assert "Your email address has been updated." in client.get(URL).content.decode()


def test_it_keeps_your_own_email_in_another_case(client, alice):
    client.force_login(alice)
    assert client.post(URL, {"email": "ALICE@example.com"}).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "ALICE@example.com"


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("BOB@example.com", "An account with this email address already exists."),
        ("not-an-email", "Enter a valid email address."),
        ("", "This field is required."),
    ],
)
def test_it_refuses_a_bad_or_taken_email(client, alice, bob, email, message):
    client.force_login(alice)
    response = client.post(URL, {"email": email})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [message]
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_email"' in html
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_changing_email_needs_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"email": "evil@example.com"}).status_code == 403
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


@pytest.mark.parametrize("other_users", [1, 40])
def test_it_runs_a_constant_number_of_queries(client, alice, django_assert_num_queries, other_users):
    User.objects.bulk_create(
        User(username=f"user{i}", email=f"user{i}@example.com") for i in range(other_users)
    )
    client.force_login(alice)
    # 1. session  2. user
    with django_assert_num_queries(2):
        assert client.get(URL).status_code == 200
    # 1. session  2. user  3. email taken by someone else?  4. UPDATE user
    # (the flash message travels in a cookie, not the session)
    with django_assert_num_queries(4):
        assert client.post(URL, {"email": "alice2@example.com"}).status_code == 302
