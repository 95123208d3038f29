"""Signed-in pages come from the page cache until anything they show changes."""

import pytest
from django.test import Client

from assessments import services
from roles.models import Role
from tests.helpers import form_data, make_assessment, role
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(django_user_model):
    load_starter()
    return django_user_model.objects.create_user("owner-5c1e", password="a long passphrase 1")


@pytest.fixture
def owner_client(owner):
    client = Client()
    client.force_login(owner)
    client.get("/healthz")
    client.get("/assessments/")  # sets the CSRF cookie, part of a signed-in page's key
    return client


def cached(client, url, django_assert_num_queries):
    """GET ``url`` until it is stored, then assert a hit: session, user, versions."""
    stored = client.get(url).content
    with django_assert_num_queries(3):
        assert client.get(url).content == stored
    return stored.decode()


def test_the_history_shows_a_new_submission_at_once(owner_client, owner, django_assert_num_queries):
    first = make_assessment(owner)
    cached(owner_client, "/assessments/", django_assert_num_queries)
    second = make_assessment(owner, "product-leader")
    html = owner_client.get("/assessments/").content.decode()
    assert str(second.pk) in html and str(first.pk) in html


def test_saving_a_draft_and_deleting_show_at_once(owner_client, owner, django_assert_num_queries):
    done = make_assessment(owner)
    assert "Drafts" not in cached(owner_client, "/assessments/", django_assert_num_queries)
    draft = services.start_assessment(user=owner, role=role("product-leader"))
    assert f"/assessments/{draft.pk}/edit/" in owner_client.get("/assessments/").content.decode()
    cached(owner_client, f"/assessments/{done.pk}/", django_assert_num_queries)
    owner_client.post(f"/assessments/{done.pk}/delete/")
    assert owner_client.get(f"/assessments/{done.pk}/").status_code == 404


def test_the_submitted_message_shows_once_and_is_never_cached(owner_client, owner, django_assert_num_queries):
    draft = services.start_assessment(user=owner, role=role("product-manager"))
    response = owner_client.post(
        f"/assessments/{draft.pk}/edit/", form_data(draft, action="submit"), follow=True
    )
    assert "Assessment submitted" in response.content.decode()
    assert "Assessment submitted" not in cached(
        owner_client, f"/assessments/{draft.pk}/", django_assert_num_queries
    )


def test_a_framework_edit_shows_on_a_cached_result(owner_client, owner, django_assert_num_queries):
    done = make_assessment(owner)
    assert "Product Leader" in cached(owner_client, f"/assessments/{done.pk}/", django_assert_num_queries)
    leader = Role.objects.get(slug="product-leader")
    leader.name = "Head of Product Craft"
    leader.save()
    assert "Head of Product Craft" in owner_client.get(f"/assessments/{done.pk}/").content.decode()


def test_another_user_never_gets_my_cached_pages(
    owner_client, owner, django_user_model, django_assert_num_queries
):
    done = make_assessment(owner)
    mine = cached(owner_client, f"/assessments/{done.pk}/", django_assert_num_queries)
    assert "owner-5c1e" in mine
    other = Client()
    other.force_login(django_user_model.objects.create_user("other-9d2b", password="a long passphrase 2"))
    assert other.get(f"/assessments/{done.pk}/").status_code == 404
    assert "owner-5c1e" not in other.get("/assessments/").content.decode()
    assert "other-9d2b" in other.get("/roles/product-manager/").content.decode()


def test_a_new_username_shows_at_once(owner_client, owner, django_assert_num_queries):
    cached(owner_client, "/roles/product-manager/", django_assert_num_queries)
    owner.username = "renamed-owner-77"
    owner.save()
    assert "renamed-owner-77" in owner_client.get("/roles/product-manager/").content.decode()


def test_a_lost_csrf_cookie_gets_a_page_with_a_matching_token(owner_client, django_assert_num_queries):
    cached(owner_client, "/roles/product-manager/", django_assert_num_queries)
    del owner_client.cookies["csrftoken"]
    response = owner_client.get("/roles/product-manager/")
    # Rendered afresh: the response sets a new cookie that the page's logout form matches.
    assert "csrftoken" in response.cookies
