import pytest

from roles.models import Role
from tests.roles.factories import load_generated, load_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def test_it_shows_the_role_with_dimensions_skills_and_next_roles(client, starter):
    response = client.get("/roles/product-manager/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="h2 mb-0">Digital Product Manager</h1>' in html
    for dimension in ("Focus &amp; Scope", "Responsibilities", "Skill Set", "Scope of Influence"):
        assert f"<dt>{dimension}</dt>" in html
    for category in ("Execution", "Customer &amp; market insight", "Strategy", "Leadership &amp; influence"):
        assert category in html
    # Expected level with its name and descriptor, and importance.
    assert "Level 3 · Plans a whole product" in html
    assert "Builds and keeps current the roadmap of a whole product" in html
    assert 'class="badge badge-core">Core<' in html
    # Typical next roles, and the two calls to action.
    assert 'href="/roles/senior-product-manager/"' in html
    assert "/compare/?roles=product-manager&amp;roles=senior-product-manager" in html
    assert "Assess yourself against this role" in html
    assert 'href="/assessments/new/product-manager/"' in html
    assert "Compare with…" in html


def test_it_gives_a_helpful_404_for_unknown_and_unpublished_roles(client, starter):
    Role.objects.filter(slug="product-leader").update(published=False)
    for slug in ("no-such-role", "product-leader"):
        response = client.get(f"/roles/{slug}/")
        assert response.status_code == 404
        html = response.content.decode()
        assert f"There is no published role called “{slug}”" in html
        assert 'href="/roles/"' in html


def test_it_hides_unpublished_next_roles(client, starter):
    Role.objects.filter(slug="senior-product-manager").update(published=False)
    html = client.get("/roles/product-manager/").content.decode()
    assert "/roles/senior-product-manager/" not in html


@pytest.mark.parametrize("size", ["starter", "large"])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, size):
    load_starter()
    if size == "large":
        load_generated(100, 60)
        slug = "gen-role-50"
    else:
        slug = "product-manager"
    # 1. cache token  2. role + track  3. dimension texts  4. expectations + skills +
    # categories  5. rubric levels  6. published roles for "Compare with…"  7. next roles
    with django_assert_num_queries(7):
        response = client.get(f"/roles/{slug}/")
    assert response.status_code == 200
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get(f"/roles/{slug}/").content == response.content
