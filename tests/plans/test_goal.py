"""POST /plan/goal/: the target role, from a role page or the profile."""

import pytest
from django.test import Client

from plans.models import Plan
from roles.models import Role
from tests.helpers import PASSWORD, elements, role

pytestmark = pytest.mark.django_db


def test_the_role_page_sets_it_for_a_signed_in_user(owner_client, owner, starter):
    html = owner_client.get("/roles/product-leader/").content.decode()
    (form,) = elements(html, "form", action="/plan/goal/")
    assert elements(html, "input", name="role", value="product-leader")
    assert elements(html, "input", name="next", value="/roles/product-leader/")
    response = owner_client.post("/plan/goal/", {"role": "product-leader", "next": "/roles/product-leader/"})
    assert response.status_code == 302 and response["Location"] == "/roles/product-leader/"
    plan = Plan.objects.get(user=owner)
    assert (plan.target_role, plan.target_role_name, plan.target_role_slug) == (
        role("product-leader"),
        "Product Leader",
        "product-leader",
    )
    assert "Product Leader is now your goal." in owner_client.get("/roles/product-leader/").content.decode()


def test_anonymous_visitors_get_a_sign_in_link_on_the_cached_page(client, starter, alice):
    first = client.get("/roles/product-leader/").content.decode()
    (link,) = [a for a in elements(first, "a") if a.text.startswith("Set as my goal")]
    assert link.attrs["href"] == "/accounts/login/?next=/roles/product-leader/"
    assert "csrfmiddlewaretoken" not in first
    # The same page for every visitor, served from the cache.
    other = Client().get("/roles/product-leader/")
    assert other.content.decode() == first and not other.cookies
    # Signing in through it comes back to the role page, where the button is a form.
    response = client.post(link.attrs["href"], {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/roles/product-leader/"
    assert elements(client.get("/roles/product-leader/").content.decode(), "form", action="/plan/goal/")


def test_the_profile_picks_and_clears_it(owner_client, owner, starter):
    html = owner_client.get("/accounts/profile/").content.decode()
    assert "No target role yet." in html
    (select,) = elements(html, "select", name="role")
    assert elements(html, "option", value="product-manager")
    owner_client.post("/plan/goal/", {"role": "product-manager", "next": "/accounts/profile/"})
    html = owner_client.get("/accounts/profile/").content.decode()
    assert elements(html, "option", value="product-manager", selected="")
    owner_client.post("/plan/goal/", {"role": "", "next": "/accounts/profile/"})
    assert Plan.objects.get(user=owner).target_role is None
    assert "You have no target role now." in owner_client.get("/accounts/profile/").content.decode()


def test_a_deleted_role_keeps_its_name_in_the_plan(owner_client, owner, starter):
    owner_client.post("/plan/goal/", {"role": "product-leader"})
    Role.objects.filter(slug="product-leader").delete()
    plan = Plan.objects.get(user=owner)
    assert plan.target_role is None and plan.target_role_name == "Product Leader"
    assert "no longer in the framework" in owner_client.get("/plan/").content.decode()


def test_an_unknown_or_unpublished_role_is_404(owner_client, owner, starter):
    Role.objects.filter(slug="product-leader").update(published=False)
    assert owner_client.post("/plan/goal/", {"role": "product-leader"}).status_code == 404
    assert owner_client.post("/plan/goal/", {"role": "nope"}).status_code == 404
    assert not Plan.objects.filter(user=owner, target_role__isnull=False).exists()


def test_a_malformed_role_is_400(owner_client, starter):
    assert owner_client.post("/plan/goal/", {"role": "not a slug!"}).status_code == 400


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "a\x00b", "/roles/\x00", "/\n/x"],
)
def test_it_never_redirects_off_site(owner_client, starter, next_url):
    response = owner_client.post("/plan/goal/", {"role": "product-manager", "next": next_url})
    assert response["Location"] == "/plan/#goal-title"


def test_anonymous_posts_go_to_sign_in(client, starter):
    response = client.post("/plan/goal/", {"role": "product-manager"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Plan.objects.exists()
