"""Rendered role pages come from the page cache and are dropped on every framework edit."""

import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest

from roles import caching, framework
from roles.models import Expectation, Role, SkillLevel
from tests.roles.factories import load_starter, starter_data, with_changes

pytestmark = pytest.mark.django_db

PM = "/roles/product-manager/"
PAGES = ["/", "/roles/", PM, "/compare/?roles=product-manager&roles=product-leader"]


@pytest.fixture
def starter():
    load_starter()


def served_from_cache(client, url, django_assert_num_queries):
    """GET ``url`` twice; the second must be a cache hit (one query: the token)."""
    first = client.get(url)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    return second.content.decode()


def test_it_serves_anonymous_pages_from_the_cache(client, starter, django_assert_num_queries):
    for url in PAGES:
        served_from_cache(client, url, django_assert_num_queries)


def test_it_shows_a_renamed_role_at_once(client, starter, django_assert_num_queries):
    assert "Digital Product Manager" in served_from_cache(client, PM, django_assert_num_queries)
    role = Role.objects.get(slug="product-manager")
    role.name = "Product Manager (renamed)"
    role.save()
    for url in PAGES[1:]:
        assert "Product Manager (renamed)" in client.get(url).content.decode(), url


def test_it_shows_a_changed_expectation_and_rubric_text(client, starter, django_assert_num_queries):
    served_from_cache(client, PM, django_assert_num_queries)
    expectation = Expectation.objects.filter(role__slug="product-manager").first()
    level = SkillLevel.objects.get(skill=expectation.skill, level=expectation.level)
    level.descriptor = "A freshly edited descriptor."
    level.save()
    assert "A freshly edited descriptor." in client.get(PM).content.decode()
    expectation.delete()
    assert "A freshly edited descriptor." not in client.get(PM).content.decode()


def test_it_shows_changed_next_roles(client, starter, django_assert_num_queries):
    step_up = '?roles=product-manager&amp;roles=senior-product-manager">see what changes</a>'
    assert step_up in served_from_cache(client, PM, django_assert_num_queries)
    Role.objects.get(slug="product-manager").next_roles.clear()
    assert step_up not in client.get(PM).content.decode()


def test_it_drops_pages_after_an_import(client, starter, django_assert_num_queries):
    served_from_cache(client, PM, django_assert_num_queries)

    def rename(data):
        next(r for r in data["roles"] if r["slug"] == "product-manager")["summary"] = "Imported summary."

    framework.load(with_changes(starter_data(), rename))
    assert "Imported summary." in client.get(PM).content.decode()


def test_it_drops_pages_after_the_admin_unpublishes_a_role(
    client, admin_client, starter, django_assert_num_queries
):
    served_from_cache(client, "/roles/", django_assert_num_queries)
    served_from_cache(client, PM, django_assert_num_queries)
    role = Role.objects.get(slug="product-manager")
    response = admin_client.post(
        "/admin/roles/role/", {"action": "unpublish", "_selected_action": [role.pk]}, follow=True
    )
    assert "Unpublished 1 role(s)." in response.content.decode()
    assert client.get(PM).status_code == 404
    assert 'href="/roles/product-manager/"' not in client.get("/roles/").content.decode()


def test_it_keeps_anonymous_and_signed_in_pages_apart(client, starter, django_assert_num_queries):
    anonymous = served_from_cache(client, PM, django_assert_num_queries)
    assert "Sign out" not in anonymous
    user = get_user_model().objects.create_user("reader-7f3a", password="a long passphrase 1")
    client.force_login(user)
    html = client.get(PM).content.decode()
    assert "reader-7f3a" in html and "Sign out" in html
    client.logout()
    assert client.get(PM).content.decode() == anonymous


def test_it_bypasses_the_cache_for_flash_messages(client, starter, django_assert_num_queries):
    cached = served_from_cache(client, PM, django_assert_num_queries)
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Saved just for you.")])
    # Not a hit, not even a lookup: the view's own nine queries, no token.
    with django_assert_num_queries(9):
        html = client.get(PM).content.decode()
    assert "Saved just for you." in html
    # Shown once; the next visit is a cache hit again and the message is not in the cache.
    with django_assert_num_queries(1):
        assert client.get(PM).content.decode() == cached


def test_it_does_not_cache_errors(client, starter, django_assert_num_queries):
    assert client.get("/roles/no-such-role/").status_code == 404
    Role.objects.filter(slug="product-manager").update(slug="no-such-role")  # no signal, no bump
    assert client.get("/roles/no-such-role/").status_code == 200


def test_it_caches_nothing_without_a_token(client, starter, django_assert_num_queries):
    caching.ContentVersion.objects.all().delete()
    client.get(PM)
    with django_assert_num_queries(10):  # 1. token (none)  2–10. the page's own queries
        client.get(PM)


@pytest.mark.django_db(transaction=True)
def test_every_gunicorn_worker_drops_its_copy_after_an_edit(gunicorn_server):
    load_starter()

    def fetch():
        with urllib.request.urlopen(gunicorn_server.url + PM, timeout=10) as response:
            return response.read().decode()

    # Enough requests that both workers have cached the page.
    assert all("Digital Product Manager" in fetch() for _ in range(10))
    role = Role.objects.get(slug="product-manager")
    role.name = "Renamed while cached"
    role.save()
    pages = [fetch() for _ in range(10)]
    assert all("Renamed while cached" in page for page in pages)
