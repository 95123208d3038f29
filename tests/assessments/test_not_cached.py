"""Signed-in pages are never whole-page cached: every request renders what is current."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from assessments import services
from roles.models import Role
from tests.helpers import form_data, make_assessment, role
from tests.roles import caches
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
    return client


def test_the_history_shows_a_new_submission_at_once(owner_client, owner):
    first = make_assessment(owner)
    assert str(first.pk) in owner_client.get("/assessments/").content.decode()
    second = make_assessment(owner, "product-leader")
    html = owner_client.get("/assessments/").content.decode()
    assert str(second.pk) in html and str(first.pk) in html


def test_saving_a_draft_and_deleting_show_at_once(owner_client, owner):
    done = make_assessment(owner)
    assert "Drafts" not in owner_client.get("/assessments/").content.decode()
    draft = services.start_assessment(user=owner, role=role("product-leader"))
    assert f"/assessments/{draft.pk}/edit/" in owner_client.get("/assessments/").content.decode()
    assert owner_client.get(f"/assessments/{done.pk}/").status_code == 200
    owner_client.post(f"/assessments/{done.pk}/delete/")
    assert owner_client.get(f"/assessments/{done.pk}/").status_code == 404


def test_the_submitted_message_shows_once(owner_client, owner):
    draft = services.start_assessment(user=owner, role=role("product-manager"))
    response = owner_client.post(
        f"/assessments/{draft.pk}/edit/", form_data(draft, action="submit"), follow=True
    )
    assert "Assessment submitted" in response.content.decode()
    assert "Assessment submitted" not in owner_client.get(f"/assessments/{draft.pk}/").content.decode()


def test_a_framework_edit_shows_on_a_result(owner_client, owner):
    done = make_assessment(owner)
    assert "Product Leader" in owner_client.get(f"/assessments/{done.pk}/").content.decode()
    leader = Role.objects.get(slug="product-leader")
    leader.name = "Head of Product Craft"
    leader.save()
    assert "Head of Product Craft" in owner_client.get(f"/assessments/{done.pk}/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/roles/", "/roles/product-manager/", "/compare/?roles=product-manager&roles=product-leader"],
)
def test_signed_in_pages_store_nothing_in_the_cache(owner_client, owner, path):
    done = make_assessment(owner)
    with override_settings(CACHES=caches.caches_setting("locmem", caches.new_prefix())):
        for url in (path, "/assessments/", "/assessments/progress/", f"/assessments/{done.pk}/"):
            assert owner_client.get(url).status_code == 200
        assert cache._cache == {}, "a signed-in page was stored"  # LocMemCache's own store
        Client().get(path)
        assert len(cache._cache) == 1, "the anonymous page was not stored"


def test_another_user_never_gets_my_pages(owner_client, owner, django_user_model):
    done = make_assessment(owner)
    assert "owner-5c1e" in owner_client.get(f"/assessments/{done.pk}/").content.decode()
    other = Client()
    other.force_login(django_user_model.objects.create_user("other-9d2b", password="a long passphrase 2"))
    assert other.get(f"/assessments/{done.pk}/").status_code == 404
    assert "owner-5c1e" not in other.get("/assessments/").content.decode()
    assert "other-9d2b" in other.get("/roles/product-manager/").content.decode()


def test_a_new_username_shows_at_once(owner_client, owner):
    owner_client.get("/roles/product-manager/")
    owner.username = "renamed-owner-77"
    owner.save()
    assert "renamed-owner-77" in owner_client.get("/roles/product-manager/").content.decode()
