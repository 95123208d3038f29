import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "tangerine-orbit-41"
NEW_PASSWORD = "marmalade-comet-77"


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "Alice@Example.com", PASSWORD)


def test_password_change_needs_sign_in(client):
    response = client.get("/accounts/password_change/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/accounts/password_change/"


def test_it_changes_the_password_and_keeps_you_signed_in(client, alice):
    client.force_login(alice)
    page = client.get("/accounts/password_change/")
    assert page.status_code == 200
    assert "<title>Change your password · Career Paths</title>" in page.content.decode()
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == "/accounts/password_change/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get("/accounts/profile/").status_code == 200  # session survived the change
    assert "Password changed" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            "old_password",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
            "new_password2",
        ),
        (
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "other"},
            "new_password2",
        ),
    ],
)
def test_it_explains_a_refused_password_change(client, alice, data, field):
    client.force_login(alice)
    response = client.post("/accounts/password_change/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'id="error-summary"' in html and f'href="#id_{field}"' in html
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def reset_link(message):
    return re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)


def test_it_resets_a_forgotten_password_by_email(client, alice):
    assert "Reset your password" in client.get("/accounts/password_reset/").content.decode()
    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})  # any case
    assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    assert "Check your email" in client.get(response.url).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Alice@example.com"]  # create_user lower-cases the domain
    assert message.subject == "Reset your Career Paths password"
    assert "Hello alice" in message.body

    # The emailed link swaps its token for a session-bound "set-password" URL.
    response = client.get(reset_link(message))
    assert response.status_code == 302
    form_url = response.url
    assert "Choose a new password" in client.get(form_url).content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == "/accounts/reset/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)

    # The link works once.
    assert "Reset link not valid" in client.get(reset_link(message), follow=True).content.decode()
    response = client.post("/accounts/login/", {"username": "alice", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_it_sends_nothing_for_an_unknown_address_but_says_the_same(client, alice):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_it_refuses_a_tampered_reset_link(client, alice):
    response = client.get("/accounts/reset/MQ/bogus-token/")
    assert response.status_code == 200
    assert "Reset link not valid" in response.content.decode()


def test_it_explains_a_bad_reset_address(client):
    response = client.post("/accounts/password_reset/", {"email": "not an email"})
    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()
    assert mail.outbox == []
