"""/paths/ and /paths/<from>/<to>/: transition guides."""

import re

import pytest

from roles.models import Role, TransitionGuide
from tests.roles.factories import load_generated, load_starter, make_guide

pytestmark = pytest.mark.django_db

PM_TO_LEADER = "/paths/product-manager/product-leader/"


@pytest.fixture
def starter():
    load_starter()


@pytest.fixture
def guide(starter):
    return make_guide(
        "product-manager",
        "product-leader",
        what_changes="From doing the work to multiplying others'.\n\nJudged on the team's results.",
        pitfalls=["Rewriting your reports' specifications."],
        first_30_days=["Meet each product manager."],
        days_31_to_60=["Draft the portfolio strategy."],
        days_61_to_90=["Make one allocation decision."],
        evidence=["A product manager you coached to promotion."],
        alternative_role=Role.objects.get(slug="principal-product-manager"),
        how_to_choose="Stay hands-on, or multiply others.",
        readings=[("High Output Management", "Andrew S. Grove"), ("The Making of a Manager", "Julie Zhuo")],
        featured=True,
    )


def test_it_lists_published_guides(client, guide):
    make_guide("product-manager", "senior-product-manager", published=False)
    response = client.get("/paths/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{PM_TO_LEADER}"' in html
    assert "From Digital Product Manager to Product Leader" in html
    assert "/paths/product-manager/senior-product-manager/" not in html  # unpublished
    assert 'aria-current="page" href="/paths/"' in html


def test_it_shows_a_guide_with_every_part(client, guide):
    response = client.get(PM_TO_LEADER)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="h2 mb-0">From Digital Product Manager to Product Leader</h1>' in html
    # What changes, as paragraphs, and the usual route through the ladder.
    assert "<p>From doing the work to multiplying others&#x27;.</p>" in html
    assert "<p>Judged on the team&#x27;s results.</p>" in html
    route = re.search(r"The usual route:</strong>(.*?)</p>", html, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", route) == [
        "Digital Product Manager",
        "Senior Product Manager",
        "Group Product Manager",
        "Product Leader",
    ]
    # Every key difference from the comparison, each with its how-to-grow texts.
    comparison = response.context["comparison"]
    growing = response.context["growing"]
    assert [d["skill"]["slug"] for d in growing] == [
        d["skill"]["slug"] for d in comparison.key_differences if d["high_level"] > d["low_level"]
    ]
    people = next(d for d in growing if d["skill"]["slug"] == "people-leadership")
    assert [step["level"] for step in people["growth"]] == [2, 3]
    assert people["growth"][0]["growth"] in html.replace("&#x27;", "'")
    assert "Leadership &amp; management: level 2 → 4" in html
    # Pitfalls, the 90 days, evidence, the alternative and further reading.
    for text in (
        "Rewriting your reports&#x27; specifications.",
        "Days 1–30",
        "Meet each product manager.",
        "Days 61–90",
        "A product manager you coached to promotion.",
        "The other path: Principal Product Manager",
        "Stay hands-on, or multiply others.",
        "<cite>High Output Management</cite> — Andrew S. Grove",
    ):
        assert text in html, text
    assert "What the levels mean" in html and "Titles and boundaries vary" in html
    # Links onwards: the comparison and the self-assessment.
    assert 'href="/compare/?roles=product-manager&amp;roles=product-leader"' in html
    assert 'href="/assessments/new/product-leader/"' in html
    assert "<script" not in html.split("</footer>")[0]  # the page needs no JavaScript


def test_it_leaves_out_empty_parts(client, starter):
    make_guide(
        "senior-product-manager",
        "principal-product-manager",
        pitfalls=[],
        first_30_days=[],
        days_31_to_60=[],
        days_61_to_90=[],
        evidence=[],
        readings=[],
    )
    html = client.get("/paths/senior-product-manager/principal-product-manager/").content.decode()
    for heading in (
        "Common pitfalls",
        "first 90 days",
        "Evidence to collect",
        "The other path",
        "Further reading",
    ):
        assert heading not in html
    assert "The usual route" not in html  # one step: no route to spell out


@pytest.mark.parametrize(
    "url",
    [
        "/paths/product-manager/chief-product-officer/",  # no such guide
        "/paths/nobody/product-leader/",
        "/paths/product-leader/product-manager/",  # the reverse of an existing guide
    ],
)
def test_it_gives_a_helpful_404(client, guide, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "There is no published guide from" in response.content.decode()


def test_it_hides_unpublished_guides_and_guides_to_unpublished_roles(client, guide):
    TransitionGuide.objects.filter(pk=guide.pk).update(published=False)
    assert client.get(PM_TO_LEADER).status_code == 404
    TransitionGuide.objects.filter(pk=guide.pk).update(published=True)
    Role.objects.filter(slug="product-leader").update(published=False)
    assert client.get(PM_TO_LEADER).status_code == 404
    assert PM_TO_LEADER not in client.get("/paths/").content.decode()


def test_it_omits_an_unpublished_alternative(client, guide):
    Role.objects.filter(slug="principal-product-manager").update(published=False)
    html = client.get(PM_TO_LEADER).content.decode()
    assert "The other path" not in html


def test_it_refuses_other_methods(client, guide):
    assert client.post(PM_TO_LEADER).status_code == 405
    assert client.post("/paths/").status_code == 405


@pytest.mark.parametrize("size", ["starter", "large"])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, size):
    load_starter()
    if size == "large":
        load_generated(100, 60)
        make_guide("gen-role-10", "gen-role-12", readings=[(f"Book {i}", f"Author {i}") for i in range(20)])
        url = "/paths/gen-role-10/gen-role-12/"
    else:
        make_guide("product-manager", "product-leader")
        url = PM_TO_LEADER
    # 1. the guide + alternative role  2. both roles + tracks  3. their expectations +
    # skills + categories + level texts  4. dimensions  5. dimension texts  6. growth texts
    # 7. the learning resources of the skills to grow  8. further reading  9. published
    # roles for the route  10. next-role links
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
    # 1. published guides with both roles, their tracks and the alternative role
    with django_assert_num_queries(1):
        assert client.get("/paths/").status_code == 200


def test_the_five_starter_guides_are_listed_and_render(client, starter):
    html = client.get("/paths/").content.decode()
    urls = [
        "/paths/product-manager/senior-product-manager/",
        "/paths/product-manager/product-leader/",
        "/paths/senior-product-manager/group-product-manager/",
        "/paths/senior-product-manager/principal-product-manager/",
        "/paths/product-leader/director-of-product/",
    ]
    for url in urls:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
    fork = client.get("/paths/senior-product-manager/principal-product-manager/").content.decode()
    assert "The other path: Group Product Manager" in fork and "Choose Principal Product Manager if" in fork
