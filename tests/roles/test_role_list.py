import pytest

from roles.models import Role
from tests.roles.factories import load_generated, load_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def test_it_lists_published_roles_grouped_by_track_in_ladder_order(client, starter):
    Role.objects.filter(slug="director-of-product").update(published=False)
    response = client.get("/roles/")
    assert response.status_code == 200
    html = response.content.decode()
    # The list: after the filter form (whose options name the tracks too), before the ladder
    # map and the equivalent-titles table.
    html = html[html.index("</form>") : html.index('<section class="ladder-map')]
    assert "Director of Product" not in html
    ic = html.index('id="track-product-management"')
    leadership = html.index('id="track-product-leadership"')
    assert ic < html.index("Associate Product Manager") < html.index("Digital Product Manager") < leadership
    assert leadership < html.index("Chief Product Officer")
    assert response.context["nav"] == "roles"


def test_it_searches(client, starter):
    response = client.get("/roles/", {"q": "Chief"})
    names = [r["name"] for _, roles in response.context["groups"] for r in roles]
    assert names == ["Chief Product Officer"]
    assert "1 role found for “Chief”" in response.content.decode()


def test_it_filters_by_track(client, starter):
    response = client.get("/roles/", {"track": "product-leadership"})
    tracks = {track["slug"] for track, _ in response.context["groups"]}
    assert tracks == {"product-leadership"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "'; DROP TABLE roles_role; --"},
        {"q": '"(&|!'},
        {"q": "\x00"},
        {"q": "-" * 100},  # overflowed PostgreSQL's websearch parser (found by fuzzing)
        {"q": "- " * 50},
        {"track": "does-not-exist"},
        {"track": "<script>"},
        {"q": ""},
    ],
)
def test_it_never_fails_on_junk(client, starter, params):
    response = client.get("/roles/", params)
    assert response.status_code == 200


def test_it_says_when_nothing_matches(client, starter):
    html = client.get("/roles/", {"q": "astronaut"}).content.decode()
    assert "No roles match “astronaut”" in html


@pytest.mark.parametrize("size", ["starter", "large"])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, size):
    load_starter()
    if size == "large":
        load_generated(100, 60)
    # 1. cache token  2. tracks for the filter  3. roles with their track and skill counts
    # 4. the ladder map's published roles  5. its next-role links
    with django_assert_num_queries(5):
        response = client.get("/roles/")
    assert response.status_code == 200
    with django_assert_num_queries(5):
        client.get("/roles/", {"q": "product", "track": "product-management"})
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get("/roles/").content == response.content


def test_it_finds_a_role_by_an_alternative_title(client, starter):
    Role.objects.filter(slug="product-leader").update(alternative_titles=["Head of Product", "Product Lead"])
    response = client.get("/roles/", {"q": "Head of Product"})
    names = [r["name"] for _, roles in response.context["groups"] for r in roles]
    assert names == ["Product Leader"]
    html = response.content.decode()
    assert "Also called: Head of Product, Product Lead" in html
    for q in ("head of product", "Head"):  # whole words, stems or part of a title
        response = client.get("/roles/", {"q": q})
        assert "Product Leader" in [r["name"] for _, roles in response.context["groups"] for r in roles]


def test_it_says_that_roles_vary_and_names_equivalent_titles(client, starter):
    html = client.get("/roles/").content.decode()
    assert "Titles and boundaries vary" in html
    table = html[
        html.index('id="equivalent-titles"') : html.index("</table>", html.index('id="equivalent-titles"'))
    ]
    assert [h for h in ("Startup", "Scale-up", "Enterprise") if f'<th scope="col">{h}</th>' in table] == [
        "Startup",
        "Scale-up",
        "Enterprise",
    ]
    assert '<th scope="row">Group Product Manager</th>' in table
