import pytest

from roles.models import Role, SkillLevel
from tests.helpers import texts
from tests.roles.factories import load_generated, load_starter, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def test_it_shows_the_role_with_dimensions_skills_and_next_roles(client, starter):
    response = client.get("/roles/product-manager/")
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Digital Product Manager"]
    assert set(texts(html, "dt")) >= {"Focus & Scope", "Responsibilities", "Skill Set", "Scope of Influence"}
    for category in ("Execution", "Customer &amp; market insight", "Strategy", "Leadership &amp; influence"):
        assert category in html
    # Expected level with its name and descriptor, and importance.
    assert "Level 3 · Plans a whole product" in html
    assert "Builds and keeps current the roadmap of a whole product" in html
    assert "Core" in texts(html, "span", class_="badge-core")
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
    # categories + the expected level's rubric text  5. published roles for "Compare
    # with…", each flagged when it is a typical next role  6. guides from or to the role
    # 7. the ladder map's published roles  8. its next-role links  9. the skills' learning
    # resources (every skill has some at both sizes)
    with django_assert_num_queries(9):
        response = client.get(f"/roles/{slug}/")
    assert response.status_code == 200
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get(f"/roles/{slug}/").content == response.content


def test_it_shows_titles_examples_the_level_scale_guides_and_the_caveat(client, starter):
    Role.objects.filter(slug="product-leader").update(alternative_titles=["Head of Product", "Product Lead"])
    level = SkillLevel.objects.get(skill__slug="people-leadership", level=4)
    level.examples = ["A product manager you coached to promotion", "A hiring scorecard you designed"]
    level.save()
    make_guide("product-manager", "product-leader")
    html = client.get("/roles/product-leader/").content.decode()
    assert "<strong>Also called:</strong> Head of Product, Product Lead" in html
    assert "Evidence at this level:" in html
    assert (
        "<li>A product manager you coached to promotion</li><li>A hiring scorecard you designed</li>" in html
    )
    assert "What the levels mean" in html and "Several teams, a product area or a portfolio" in html
    assert "(several teams)" in html  # every level names its place on the scale
    assert (
        '<a href="/paths/product-manager/product-leader/">From Digital Product Manager to Product Leader</a>'
        in html
    )
    assert "Titles and boundaries vary" in html and 'href="/roles/#equivalent-titles"' in html
    assert "step 5" not in html.lower() and "on the ladder ·" not in html
