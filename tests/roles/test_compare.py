import pytest

from roles.models import Expectation, Role
from tests.helpers import elements
from tests.roles.factories import load_generated, load_starter, make_guide

pytestmark = pytest.mark.django_db

PM_VS_LEADER = "/compare/?roles=product-manager&roles=product-leader"


@pytest.fixture
def starter():
    load_starter()


def test_it_compares_two_roles_with_dimensions_and_skills(client, starter):
    response = client.get(PM_VS_LEADER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Digital Product Manager vs Product Leader · Career Paths" in html
    for dimension in ("Focus &amp; Scope", "Responsibilities", "Skill Set", "Scope of Influence"):
        assert f'<th scope="row">{dimension}</th>' in html
    comparison = response.context["comparison"]
    assert comparison.skill_count == 14
    # Differences are stated in words, not only colour.
    assert "▲ +2 levels vs Digital Product Manager" in html
    assert "Same as Digital Product Manager" in html


def test_it_orders_key_differences_by_gap(client, starter):
    comparison = client.get(PM_VS_LEADER).context["comparison"]
    gaps = [d["gap"] for d in comparison.key_differences]
    assert gaps == sorted(gaps, reverse=True)
    top = comparison.key_differences[0]
    assert [r["slug"] for r in top["highest"]] == ["product-leader"]
    assert [r["slug"] for r in top["lowest"]] == ["product-manager"]
    assert top["gap"] == top["high_level"] - top["low_level"]


def test_it_marks_cells_against_the_first_role(client, starter):
    strategic = Expectation.objects.get(role__slug="product-leader", skill__slug="strategic-thinking").level
    base = Expectation.objects.get(role__slug="product-manager", skill__slug="strategic-thinking").level
    comparison = client.get(PM_VS_LEADER).context["comparison"]
    row = next(r for g in comparison.groups for r in g["rows"] if r["skill"]["slug"] == "strategic-thinking")
    assert row["differs"]
    assert row["values"] == [base, strategic]
    assert row["cells"][0]["change"] == ""
    assert row["cells"][1]["change"].startswith(f"▲ +{strategic - base} level")


def test_it_hides_identical_rows_on_request(client, starter):
    full = client.get(PM_VS_LEADER).context
    only = client.get(PM_VS_LEADER + "&only=differences").context
    all_rows = [r for g in full["groups"] for r in g["rows"]]
    diff_rows = [r for g in only["groups"] for r in g["rows"]]
    assert len(diff_rows) == full["comparison"].differing_count < len(all_rows)
    assert all(r["differs"] for r in diff_rows)
    assert "Show all skills" in client.get(PM_VS_LEADER + "&only=differences").content.decode()


def test_it_compares_four_roles(client, starter):
    url = "/compare/?roles=associate-product-manager&roles=product-manager&roles=product-leader&roles=chief-product-officer"
    response = client.get(url)
    assert response.status_code == 200
    assert [r["slug"] for r in response.context["roles"]][-1] == "chief-product-officer"


def test_it_names_every_cell_with_its_role_for_the_phone_layout(client, starter):
    """Each cell carries its role's name (data-label) for the stacked cards on phones, and
    the table is not in a scrolling wrapper, so its sticky headers follow the page."""
    slugs = ["associate-product-manager", "product-manager", "product-leader", "chief-product-officer"]
    page = client.get("/compare/?" + "&".join(f"roles={s}" for s in slugs)).content.decode()
    assert page.count('class="level-scale') == 1  # what the levels mean, once
    html = page[page.index('<table class="table compare-table') :]
    rows = elements(html, "th", scope="row")
    labelled = [td for td in elements(html, "td") if "data-label" in td.attrs]
    assert len(labelled) == 4 * len(rows) and len(rows) > 14
    assert [td.attrs["data-label"] for td in labelled[:4]] == [
        "Associate Product Manager",
        "Digital Product Manager",
        "Product Leader",
        "Chief Product Officer",
    ]
    assert not elements(page, "div", class_="table-responsive")
    assert len(elements(page, "table", class_="skill-table")) == 1
    caption = elements(html, "caption")[0]
    assert caption.attrs["id"].startswith("table-associate-product-manager-compared-with")


def test_it_collapses_duplicates(client, starter):
    response = client.get("/compare/?roles=product-manager&roles=product-leader&roles=product-manager")
    assert [r["slug"] for r in response.context["roles"]] == ["product-manager", "product-leader"]


def test_it_shows_the_picker_with_a_message_for_fewer_than_two_roles(client, starter):
    response = client.get("/compare/")
    assert response.status_code == 200
    assert "Pick two to four roles" in response.content.decode()
    response = client.get("/compare/?roles=product-manager&roles=product-manager")
    assert response.status_code == 200
    assert "Pick at least two different roles to compare." in response.content.decode()


def test_it_refuses_more_than_four_roles_with_400(client, starter):
    slugs = "&".join(f"roles={r.slug}" for r in Role.objects.all()[:5])
    response = client.get(f"/compare/?{slugs}")
    assert response.status_code == 400
    assert "You can compare at most 4 roles at once; you picked 5." in response.content.decode()


def test_it_404s_unknown_or_unpublished_roles_helpfully(client, starter):
    Role.objects.filter(slug="product-leader").update(published=False)
    response = client.get(PM_VS_LEADER)
    assert response.status_code == 404
    assert "We couldn’t find a published role called “product-leader”" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "roles=product-manager&roles=product-leader&only=<script>",
        "roles=&roles=",
        "roles=" + "x" * 5000 + "&roles=product-manager",
        "only=differences",
        "roles=%00&roles=product-manager",
    ],
)
def test_it_never_fails_on_junk(client, starter, query):
    assert client.get(f"/compare/?{query}").status_code in (200, 400, 404)


def test_it_redirects_a_pair_url(client, starter):
    response = client.get("/compare/product-manager-vs-product-leader/")
    assert response.status_code == 302
    assert response["Location"] == PM_VS_LEADER


def test_the_picker_builds_a_shareable_link(client, starter):
    html = client.get(PM_VS_LEADER).content.decode()
    assert '<form method="get" action="/compare/"' in html
    assert '<option value="product-leader" selected>' in html
    assert "http://testserver" + PM_VS_LEADER.replace("&", "&amp;") in html


@pytest.mark.parametrize("size", ["starter", "large"])
def test_it_runs_a_constant_number_of_queries_for_four_roles(client, django_assert_num_queries, size):
    load_starter()
    if size == "large":
        load_generated(100, 60)
        slugs = ["gen-role-1", "gen-role-30", "gen-role-60", "gen-role-99"]
    else:
        slugs = ["associate-product-manager", "product-manager", "product-leader", "chief-product-officer"]
    url = "/compare/?" + "&".join(f"roles={s}" for s in slugs)
    # 1. cache token  2. published roles + tracks (the picker and the compared columns)
    # 3. dimensions  4. the roles' dimension texts  5. their expectations + skills +
    # categories + the expected level's rubric text  6. growth texts of the skills shown
    # 7. guides between the compared roles
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["roles"]) == 4
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get(url).content == response.content


def test_it_shows_how_to_grow_under_each_differing_skill_to_anyone(client, starter):
    response = client.get(PM_VS_LEADER)
    html = response.content.decode()
    differences = html[
        html.index('id="key-differences"') : html.index("</ol>", html.index('id="key-differences"'))
    ]
    items = differences.split("<li><strong>")[1:]
    assert len(items) == len(response.context["comparison"].key_differences) > 0
    for diff, item in zip(response.context["comparison"].key_differences, items, strict=True):
        assert item.startswith(diff["skill"]["name"].replace("&", "&amp;"))
        assert "How to grow:" in item
        assert [step["level"] for step in diff["growth"]] == list(
            range(diff["low_level"], diff["high_level"])
        )
    people = next(
        d for d in response.context["comparison"].key_differences if d["skill"]["slug"] == "people-leadership"
    )
    assert "From level 2 (" in html and people["growth"][0]["growth"].split(",")[0] in html


def test_it_links_the_guide_for_the_pair(client, starter):
    link = (
        '<a href="/paths/product-manager/product-leader/">'
        "Read the guide: from Digital Product Manager to Product Leader</a>"
    )
    assert link in client.get(PM_VS_LEADER).content.decode()  # a starter guide
    # Either order, and among more roles.
    html = client.get(
        "/compare/?roles=product-leader&roles=chief-product-officer&roles=product-manager"
    ).content.decode()
    assert 'href="/paths/product-manager/product-leader/"' in html
    # No guide for the pair, or an unpublished one: no link.
    assert (
        "Read the guide"
        not in client.get("/compare/?roles=associate-product-manager&roles=product-manager").content.decode()
    )
    make_guide("product-manager", "product-leader", published=False)
    assert "Read the guide" not in client.get(PM_VS_LEADER).content.decode()


def test_it_explains_the_levels_and_that_roles_vary(client, starter):
    html = client.get(PM_VS_LEADER).content.decode()
    assert "What the levels mean" in html and "5 · Company" in html
    assert "Titles and boundaries vary" in html
