"""Signing up or in moves what a visitor assessed into the account (assessments.access
claim_for, called from accounts.views), and the sign-in page says why it is needed."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from assessments.models import Assessment
from tests.helpers import PASSWORD, become_visitor, elements, make_assessment, texts, visitor_key_of

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def visitor(client, starter):
    """A visitor's client with a result and a draft in their session."""
    key = become_visitor(client)
    client.result = make_assessment(None, visitor_key=key)
    client.draft = make_assessment(None, "product-leader", visitor_key=key, submit=False)
    return client


def signup_data(username="newcomer"):
    return {
        "username": username,
        "email": f"{username}@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def test_signing_up_moves_the_result_and_the_draft_and_returns_to_the_result(visitor, django_user_model):
    result_url = f"/assessments/{visitor.result.pk}/"
    response = visitor.post(f"/accounts/signup/?next={result_url}", signup_data())
    assert response.status_code == 302 and response["Location"] == result_url
    user = django_user_model.objects.get(username="newcomer")
    assert set(Assessment.objects.for_user(user)) == {visitor.result, visitor.draft}
    assert Assessment.objects.count() == 2
    assert visitor_key_of(visitor) is None  # forgotten once moved
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "2 assessments you made before signing in are now kept in your account." in messages
    # The result and the history now come from the account.
    assert visitor.get(result_url).status_code == 200
    history = visitor.get("/assessments/").content.decode()
    assert "Digital Product Manager" in history and "Product Leader" in history


def test_signing_in_moves_them_next_to_the_accounts_own(visitor, alice):
    mine = make_assessment(alice)
    before = visitor.session.session_key
    response = visitor.post(LOGIN, {"username": "alice", "password": PASSWORD, "next": "/assessments/"})
    assert response.status_code == 302 and response["Location"] == "/assessments/"
    # login() gave the session a new id and kept its data: the key was still there to claim.
    assert visitor.session.session_key != before
    assert set(Assessment.objects.for_user(alice)) == {mine, visitor.result, visitor.draft}
    assert visitor_key_of(visitor) is None


def test_a_replayed_sign_in_moves_nothing_more_and_does_not_fail(visitor, alice):
    data = {"username": "alice", "password": PASSWORD}
    assert visitor.post(LOGIN, data).status_code == 302
    assert visitor.post(LOGIN, data).status_code == 302
    assert Assessment.objects.for_user(alice).count() == 2 and Assessment.objects.count() == 2


def test_a_failed_sign_in_moves_nothing_and_keeps_the_key(visitor, alice):
    key = visitor_key_of(visitor)
    response = visitor.post(LOGIN, {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert visitor_key_of(visitor) == key
    assert not Assessment.objects.for_user(alice).exists()
    assert visitor.get(f"/assessments/{visitor.result.pk}/").status_code == 200


def test_signing_in_without_a_visitor_session_moves_nothing(alice, visitor):
    assert Client().post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
    assert not Assessment.objects.for_user(alice).exists()
    assert Assessment.objects.filter(user=None).count() == 2


def test_sign_in_is_still_throttled(visitor, alice, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        visitor.post(LOGIN, {"username": "alice", "password": "wrong"})
    response = visitor.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert not Assessment.objects.for_user(alice).exists()


@pytest.mark.parametrize(
    ("next_url", "reason"),
    [
        ("/assessments/", "Your saved assessments are kept in an account."),
        (
            "/assessments/progress/",
            "Your progress over time comes from the assessments kept in your account.",
        ),
        ("/assessments/export.csv", "Downloads come from the assessments kept in your account."),
    ],
)
def test_the_sign_in_page_says_why_and_puts_sign_up_first(client, next_url, reason):
    html = client.get(LOGIN, {"next": next_url}).content.decode()
    assert texts(html, "p", class_="sign-in-reason") == [reason]
    signup = elements(html, "a", href=f"/accounts/signup/?next={next_url}", class_="btn-primary")
    assert [a.text for a in signup] == ["Create a free account"]
    assert html.index("Create a free account") < html.index('<form method="post" action="/accounts/login/"')
    assert elements(html, "button", type="submit", class_="btn-outline-primary")


def test_a_visitor_sent_to_sign_in_from_history_is_told_why(db):
    response = Client().get("/assessments/", follow=True)
    html = response.content.decode()
    assert texts(html, "p", class_="sign-in-reason") == ["Your saved assessments are kept in an account."]


def test_a_plain_sign_in_page_keeps_sign_in_first(client):
    html = client.get(LOGIN, {"next": "/roles/"}).content.decode()
    assert not texts(html, "p", class_="sign-in-reason")
    assert elements(html, "button", type="submit", class_="btn-primary")
