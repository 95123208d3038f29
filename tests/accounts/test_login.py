import pytest
from django.test import Client

from tests.helpers import PASSWORD, elements, texts

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"


def test_it_links_to_sign_up_and_password_reset(client):
    html = client.get(URL, {"next": "/roles/"}).content.decode()
    assert texts(html, "a", href="/accounts/password_reset/") == ["Forgotten your password?"]
    assert texts(html, "a", href="/accounts/signup/?next=/roles/") == ["Create an account"]
    assert elements(html, "input", type="hidden", name="next", value="/roles/")


def test_it_signs_in_and_rotates_the_session(client, alice):
    session = client.session
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key  # an existing, anonymous session
    before = session.session_key
    response = client.post(URL, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert client.session.session_key != before  # a fixated session id is useless


def test_it_follows_a_safe_next(client, alice):
    response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": "/roles/?q=lead"})
    assert response.url == "/roles/?q=lead"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example", "/\\evil.example", "ftp://x"]
)
def test_it_ignores_a_next_that_leaves_the_site(client, alice, next_url):
    html = client.get(URL, {"next": next_url}).content.decode()
    assert 'name="next"' not in html
    response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": next_url})
    assert response.status_code == 302 and response.url == "/"


def test_it_refuses_a_wrong_password_with_a_clear_message(client, alice):
    response = client.post(URL, {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Please enter a correct username and password" in html


def test_sign_out_is_post_only_and_csrf_protected(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 403  # no CSRF token
    assert client.session["_auth_user_id"] == str(alice.pk)
    token = client.get("/").context["csrf_token"]
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302 and response.url == "/"
    assert "_auth_user_id" not in client.session


def test_sign_in_is_csrf_protected(alice):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"username": "alice", "password": PASSWORD}).status_code == 403
    assert "_auth_user_id" not in client.session


def test_client_login_still_works_without_a_request(client, alice):
    # Server-side authenticate() calls have no request; the axes backend steps aside.
    assert client.login(username="alice", password=PASSWORD)
    assert not client.login(username="alice", password="wrong")


@pytest.mark.parametrize("other_users", [1, 30])
def test_it_runs_a_constant_number_of_queries(
    client, alice, django_user_model, django_assert_num_queries, other_users
):
    django_user_model.objects.bulk_create(django_user_model(username=f"user{i}") for i in range(other_users))
    with django_assert_num_queries(0):  # anonymous, no session yet
        assert client.get(URL).status_code == 200
    # 1. axes: failures for this username + address  2. user by username
    # login(): 3. session key free?  4-6. SAVEPOINT, INSERT session, RELEASE
    # 7-8. axes: expired attempts, attempts to reset  9. UPDATE last_login
    # 10-12. SAVEPOINT, UPDATE session, RELEASE
    with django_assert_num_queries(12):
        assert client.post(URL, {"username": "alice", "password": PASSWORD}).status_code == 302
