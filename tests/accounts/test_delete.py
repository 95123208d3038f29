import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.test import Client

from accounts.services import delete_account
from assessments.models import Assessment, Rating
from tests.helpers import PASSWORD, make_assessment

pytestmark = pytest.mark.django_db

User = get_user_model()
URL = "/accounts/delete/"


@pytest.fixture(autouse=True)
def framework(starter):
    """Users own assessments of the starter roles."""


def owned_row(user):
    """A submitted assessment (with its ratings) that the user owns."""
    return make_assessment(user)


def kept(assessment):
    return Assessment.objects.filter(pk=assessment.pk).exists() and Rating.objects.filter(
        assessment_id=assessment.pk
    ).count() == len(assessment.skill_slugs())


def test_it_needs_sign_in(client, alice):
    response = client.get(URL)
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/accounts/delete/"
    assert client.post(URL, {"password": PASSWORD}).status_code == 302
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_asks_for_your_password_first(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This cannot be undone." in html
    assert 'type="password" name="password"' in html and 'for="id_password"' in html
    assert User.objects.filter(pk=alice.pk).exists()  # GET never deletes


def test_it_deletes_the_account_and_everything_it_owns(client, alice, bob):
    mine, theirs = owned_row(alice), owned_row(bob)
    client.force_login(alice)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Assessment.objects.filter(pk=mine.pk).exists()
    assert not Rating.objects.filter(assessment_id=mine.pk).exists()
    assert kept(theirs) and User.objects.filter(pk=bob.pk).exists()
    assert "_auth_user_id" not in client.session
    html = client.get("/").content.decode()
    assert "Your account and everything in it have been deleted." in html


@pytest.mark.parametrize("password", ["wrong-password", ""])
def test_a_wrong_password_keeps_the_account(client, alice, password):
    mine = owned_row(alice)
    client.force_login(alice)
    response = client.post(URL, {"password": password})
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    assert 'href="#id_password"' in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists() and kept(mine)
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_needs_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()


def test_deletion_is_all_or_nothing(alice):
    """A failure half-way (here a real PostgreSQL error raised by a trigger when the last
    owned rows go) rolls everything back: the account and its data stay."""
    row = owned_row(alice)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION 'refused'; END $$;"
            "CREATE TRIGGER refuse_user_delete BEFORE DELETE ON auth_user"
            " FOR EACH ROW EXECUTE FUNCTION refuse();"
        )
    with pytest.raises(DatabaseError):
        delete_account(user=alice)
    assert User.objects.filter(pk=alice.pk).exists()
    assert kept(row)  # deleted before the user, then restored
