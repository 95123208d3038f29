"""Anonymous role pages come from the page cache (roles/caching.py), keyed on the framework
token and the normalised query string, and are dropped on every framework edit.

Every test runs against each worker's own memory cache and against a shared Redis.
"""

import re
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.test import override_settings

from roles import caching, framework
from roles.models import Expectation, LearningResource, Role, SkillLevel, Track
from tests.helpers import PASSWORD, database_url
from tests.roles import caches
from tests.roles.factories import load_starter, starter_data, with_changes

pytestmark = pytest.mark.django_db

PM = "/roles/product-manager/"
COMPARE = "/compare/?roles=product-manager&roles=product-leader"
PAGES = ["/", "/roles/", PM, COMPARE]


@pytest.fixture(params=["locmem", "redis"])
def backend(request):
    """The page cache on ``request.param``, empty, under a key prefix of this test alone."""
    if request.param == "redis":
        caches.require_redis()
    prefix = caches.new_prefix()
    with override_settings(CACHES=caches.caches_setting(request.param, prefix)):
        yield request.param
    if request.param == "redis":
        caches.delete_prefix(prefix)


@pytest.fixture
def starter():
    load_starter()


def served_from_cache(client, url, django_assert_num_queries):
    """GET ``url`` twice; the second must be a cache hit (one query: the token)."""
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
    return second.content.decode()


def test_it_serves_anonymous_pages_from_the_cache(client, backend, starter, django_assert_num_queries):
    for url in PAGES:
        served_from_cache(client, url, django_assert_num_queries)


@pytest.mark.parametrize(
    "variant",
    [
        COMPARE + "&x=8d0f7a",  # junk parameter
        COMPARE + "&roles=product-manager",  # a repeat
        "/compare/?roles=product-manager&x=1&roles=product-leader&only=",  # junk, empty "only"
        "/compare/?roles=%20product-manager%20&roles=product-leader",  # spaces trimmed
    ],
)
def test_it_keys_on_the_parameters_the_view_reads(
    client, backend, starter, django_assert_num_queries, variant
):
    page = served_from_cache(client, COMPARE, django_assert_num_queries)
    with django_assert_num_queries(1):  # the token: a hit on the same entry
        assert client.get(variant).content.decode() == page


def test_the_share_link_is_the_normalised_address(client, backend, starter):
    html = client.get(COMPARE + "&utm_source=x&roles=product-manager").content.decode()
    assert f'<a href="http://testserver{COMPARE.replace("&", "&amp;")}">' in html
    assert "utm_source" not in html


def test_pages_that_differ_have_their_own_entries(client, backend, starter):
    pairs = [
        (COMPARE, "/compare/?roles=product-leader&roles=product-manager"),  # the baseline differs
        (COMPARE, COMPARE + "&only=differences"),
        ("/compare/", "/compare/?roles="),  # the bare picker vs "pick at least two"
        ("/roles/", "/roles/?q=chief"),
        ("/roles/", "/roles/?track=product-leadership"),
    ]
    for first, second in pairs:
        assert client.get(first).content != client.get(second).content, (first, second)
        assert client.get(first).content != client.get(second).content, (first, second)  # cached


def test_page_cache_off_renders_every_time(client, backend, starter, django_assert_num_queries):
    with override_settings(PAGE_CACHE=False):
        client.get(COMPARE)
        # No token: 1. published roles  2. dimensions  3. dimension texts  4. expectations
        # 5. growth texts  6. guides between the roles
        with django_assert_num_queries(6):
            assert client.get(COMPARE).status_code == 200


def test_it_shows_a_renamed_role_at_once(client, backend, starter, django_assert_num_queries):
    assert "Digital Product Manager" in served_from_cache(client, PM, django_assert_num_queries)
    for url in PAGES[1:]:
        client.get(url)
    role = Role.objects.get(slug="product-manager")
    role.name = "Product Manager (renamed)"
    role.save()
    for url in PAGES[1:]:
        assert "Product Manager (renamed)" in client.get(url).content.decode(), url


def test_it_shows_a_changed_expectation_and_rubric_text(client, backend, starter, django_assert_num_queries):
    served_from_cache(client, PM, django_assert_num_queries)
    expectation = Expectation.objects.filter(role__slug="product-manager").first()
    level = SkillLevel.objects.get(skill=expectation.skill, level=expectation.level)
    level.descriptor = "A freshly edited descriptor."
    level.save()
    assert "A freshly edited descriptor." in client.get(PM).content.decode()
    expectation.delete()
    assert "A freshly edited descriptor." not in client.get(PM).content.decode()


def test_it_shows_an_edited_learning_resource_at_once(client, backend, starter, django_assert_num_queries):
    assert "The Mom Test" in served_from_cache(client, PM, django_assert_num_queries)
    resource = LearningResource.objects.get(title="The Mom Test")
    resource.title = "The Mom Test (edited)"
    resource.save()
    assert "The Mom Test (edited)" in client.get(PM).content.decode()
    resource.delete()
    assert "The Mom Test" not in client.get(PM).content.decode()


def test_it_shows_changed_next_roles(client, backend, starter, django_assert_num_queries):
    step_up = '?roles=product-manager&amp;roles=senior-product-manager">see what changes</a>'
    assert step_up in served_from_cache(client, PM, django_assert_num_queries)
    Role.objects.get(slug="product-manager").next_roles.clear()
    assert step_up not in client.get(PM).content.decode()


def test_it_drops_pages_after_an_import(client, backend, starter, django_assert_num_queries):
    served_from_cache(client, PM, django_assert_num_queries)

    def rename(data):
        next(r for r in data["roles"] if r["slug"] == "product-manager")["summary"] = "Imported summary."

    framework.load(with_changes(starter_data(), rename))
    assert "Imported summary." in client.get(PM).content.decode()


def test_it_drops_pages_after_the_admin_unpublishes_a_role(
    client, admin_client, backend, starter, django_assert_num_queries
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


def test_signed_in_visitors_are_never_served_or_stored(client, backend, starter, django_assert_num_queries):
    anonymous = served_from_cache(client, PM, django_assert_num_queries)
    assert "Sign out" not in anonymous
    user = get_user_model().objects.create_user("reader-7f3a", password="a long passphrase 1")
    client.force_login(user)
    for _ in range(2):
        # 1. session  2. user, then the page's own eight queries: no token, no cache
        with django_assert_num_queries(10):
            html = client.get(PM).content.decode()
        assert "reader-7f3a" in html and "Sign out" in html
    client.logout()
    assert client.get(PM).content.decode() == anonymous


def test_it_bypasses_the_cache_for_flash_messages(client, backend, starter, django_assert_num_queries):
    cached = served_from_cache(client, PM, django_assert_num_queries)
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Saved just for you.")])
    # Not a hit, not even a lookup: the view's own eight queries, no token.
    with django_assert_num_queries(8):
        html = client.get(PM).content.decode()
    assert "Saved just for you." in html
    # Shown once; the next visit is a cache hit again and the message is not in the cache.
    with django_assert_num_queries(1):
        assert client.get(PM).content.decode() == cached


def test_it_does_not_cache_errors(client, backend, starter):
    assert client.get("/roles/no-such-role/").status_code == 404
    assert client.get("/compare/?roles=a&roles=b&roles=c&roles=d&roles=e").status_code == 400
    Role.objects.filter(slug="product-manager").update(slug="no-such-role")  # no signal, no bump
    assert client.get("/roles/no-such-role/").status_code == 200


def test_it_caches_nothing_without_a_token(client, backend, starter, django_assert_num_queries):
    caching.ContentVersion.objects.all().delete()
    client.get(PM)
    with django_assert_num_queries(9):  # 1. token (none)  2–9. the page's own queries
        client.get(PM)


def test_a_cache_that_is_down_costs_a_render_not_the_page(client, starter, django_assert_num_queries):
    down = {
        **caches.caches_setting("locmem", caches.new_prefix()),
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    with override_settings(CACHES=down):
        for _ in range(2):
            response = client.get(PM)
            assert response.status_code == 200
            assert "Digital Product Manager" in response.content.decode()


def test_the_redis_backend_stores_pages_under_its_prefix(client, starter):
    caches.require_redis()
    prefix = caches.new_prefix()
    try:
        with override_settings(CACHES=caches.caches_setting("redis", prefix)):
            client.get(PM)
            keys = caches.redis_keys(prefix)
            assert len(keys) == 1 and b":page:" in keys[0]
            assert cache.get(keys[0].decode().split(":", 2)[2])[1] == client.get(PM).content
    finally:
        caches.delete_prefix(prefix)


# --- two gunicorn instances -----------------------------------------------------------------


def fetch(server, path, cookies=None):
    # One site name for both instances, as behind a load balancer: the host is in the key.
    request = urllib.request.Request(server.url + path, headers={"Host": "localhost"})
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.read().decode()


def admin_rename_track(server, cookies, track, name):
    """Rename ``track`` through the admin's change form on ``server``, like an editor."""
    path = f"/admin/roles/track/{track.pk}/change/"
    form = fetch(server, path, cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": name,
            "slug": track.slug,
            "description": track.description,
            "order": track.order,
            "_save": "Save",
        }
    ).encode()
    request = urllib.request.Request(
        server.url + path, data=body, headers={"Referer": server.url + path, "Host": "localhost"}
    )
    request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with urllib.request.urlopen(request, timeout=15) as response:
        assert response.status == 200 and response.url.endswith("/admin/roles/track/")


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["locmem", "redis"])
def test_an_admin_edit_on_one_instance_reaches_pages_cached_by_another(
    kind, tmp_path, django_db_setup, superuser
):
    """Two gunicorn instances of one worker each (so which copy answers is known): both
    serve a cached page; an editor renames its track in the admin of instance A; B drops
    its copy. With Redis, B's first answer already comes from the entry A stored."""
    from django.db import connection

    from tools.server import login, start_gunicorn

    if kind == "redis":
        caches.require_redis()
    load_starter()
    prefix = caches.new_prefix()
    url = database_url(connection.settings_dict)
    env = caches.server_env(kind, prefix)
    env["WEB_CONCURRENCY"] = "1"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = start_gunicorn(url, tmp_path / "a", env)
    b = start_gunicorn(url, tmp_path / "b", env)
    try:
        assert "Product management" in fetch(a, PM)
        if kind == "redis":
            assert caches.redis_keys(prefix), "A stored nothing in Redis"
        # A change that bumps no token: whatever still shows the old text is cached.
        Track.objects.filter(slug="product-management").update(name="Renamed without a bump")
        for server in (a, b) if kind == "redis" else (a,):
            assert "Renamed without a bump" not in fetch(server, PM), server.url
        if kind == "locmem":
            Track.objects.filter(slug="product-management").update(name="Product management")
            assert "Product management" in fetch(b, PM)  # B's own copy
            Track.objects.filter(slug="product-management").update(name="Renamed without a bump")
            assert "Renamed without a bump" not in fetch(b, PM)

        editor = login(a.url, superuser.get_username(), PASSWORD)
        admin_rename_track(a, editor, Track.objects.get(slug="product-management"), "Product Craft")
        for server in (b, a):
            assert "Product Craft" in fetch(server, PM), server.url
            assert "Product Craft" in fetch(server, "/roles/"), server.url
    finally:
        a.stop()
        b.stop()
        if kind == "redis":
            caches.delete_prefix(prefix)
