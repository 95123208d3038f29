"""Every state change is a POST that needs a CSRF token; logout cannot be triggered by a
link or an image. Add new POST endpoints to STATE_CHANGES."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


# (url, form data, needs a signed-in user)
STATE_CHANGES = [
    ("/accounts/login/", {"username": "ana", "password": PASSWORD}, False),
    ("/accounts/logout/", {}, True),
    (
        "/accounts/signup/",
        {"username": "new", "email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        False,
    ),
    ("/accounts/password_reset/", {"email": "ana@example.com"}, False),
    (
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "x-" + PASSWORD, "new_password2": "x-" + PASSWORD},
        True,
    ),
    ("/accounts/profile/", {"email": "changed@example.com"}, True),
    ("/accounts/delete/", {"password": PASSWORD}, True),
]


@pytest.fixture
def ana():
    return get_user_model().objects.create_user("ana", "ana@example.com", PASSWORD)


def csrf_client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("url", "data", "signed_in"), STATE_CHANGES, ids=[s[0] for s in STATE_CHANGES])
def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(ana, url, data, signed_in):
    client = csrf_client(ana if signed_in else None)
    before = get_user_model().objects.values_list("username", "email", "password").order_by("pk")
    before = list(before)
    response = client.post(url, data)
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()  # our 403 page, not Django's
    after = list(get_user_model().objects.values_list("username", "email", "password").order_by("pk"))
    assert after == before
    if signed_in:
        assert client.session["_auth_user_id"] == str(ana.pk)


@pytest.mark.parametrize(("url", "data", "signed_in"), STATE_CHANGES, ids=[s[0] for s in STATE_CHANGES])
def test_a_post_with_the_token_goes_through(ana, url, data, signed_in):
    client = csrf_client(ana if signed_in else None)
    token = client.get("/accounts/login/").cookies["csrftoken"].value
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_logout_by_get_is_refused(ana):
    client = csrf_client(ana)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.session["_auth_user_id"] == str(ana.pk)


def test_the_csrf_cookie_is_http_only(client):
    cookie = client.get("/accounts/login/").cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
