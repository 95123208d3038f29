"""Learning resources on the pages: per skill on role pages (behind a disclosure), with each
gap in transition guides and with each growth area on a result."""

import re

import pytest

from roles import caching
from roles.models import LearningResource, Skill
from roles.queries import resources_for
from roles.resources import for_gap
from tests.helpers import make_assessment
from tests.roles.factories import load_starter, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def disclosures(html):
    """{skill name: [resource titles]} from each learning-resources disclosure."""
    found = {}
    for block in re.findall(r'<details class="resources[^"]*">(.*?)</details>', html, re.S):
        skill = re.search(r'<span class="visually-hidden"> for ([^<]+)</span>', block).group(1)
        titles = re.findall(
            r"<li><span class=\"resource-kind\">[^<]+</span> (?:<a [^>]+>|<strong>)([^<]+)<", block
        )
        found[skill.replace("&amp;", "&")] = [t.replace("&#x27;", "'").replace("&amp;", "&") for t in titles]
    return found


def test_the_role_page_shows_each_skills_resources_behind_a_closed_disclosure(client, starter):
    html = client.get("/roles/product-manager/").content.decode()
    shown = disclosures(html)
    assert shown["Understanding user needs"] == [
        "The Mom Test",
        "When to Use Which User-Experience Research Methods",
        "Talk to a customer every week",
    ]
    assert len(shown) == 14  # every skill of the role has some
    assert "<details open" not in html
    assert '<a href="https://www.momtestbook.com/" rel="noopener noreferrer">The Mom Test</a>' in html
    assert "<strong>Talk to a customer every week</strong>" in html  # a practice: no link
    assert "(levels 1–3)" in html


def test_a_skill_without_resources_shows_no_disclosure(client, starter):
    LearningResource.objects.filter(skill__slug="user-needs").delete()
    shown = disclosures(client.get("/roles/product-manager/").content.decode())
    assert "Understanding user needs" not in shown and len(shown) == 13


def test_the_guide_shows_with_each_gap_the_resources_for_its_levels(client, starter):
    make_guide("product-manager", "product-leader")
    html = client.get("/paths/product-manager/product-leader/").content.decode()
    gaps = re.findall(r'<h3 class="h6 mb-1">([^<:]+): level (\d) → (\d)</h3>', html)
    assert gaps
    shown = disclosures(
        html[html.index('id="skills-to-grow"') : html.index("</ol>", html.index("guide-gaps"))]
    )
    assert any(shown.values())
    by_name = _by_name()
    for name, low, high in gaps:
        name = name.replace("&amp;", "&")
        expected = [r["title"] for r in for_gap(by_name[name], level=int(low), expected=int(high))]
        assert shown.get(name, []) == expected, name


def _by_name():
    names = dict(Skill.objects.values_list("slug", "name"))
    return {names[slug]: rows for slug, rows in resources_for(list(names)).items()}


def test_the_result_shows_with_each_growth_area_what_helps_from_the_level_now(owner_client, owner, starter):
    done = make_assessment(owner, levels={"planning-prioritisation": 2, "people-leadership": 1}, default=5)
    html = owner_client.get(f"/assessments/{done.pk}/").content.decode()
    growth = html[html.index('id="growth-title"') : html.index('id="chart-title-h"')]
    shown = disclosures(growth)
    # Planning at 2 of 3: all three help at level 2.
    assert shown["Planning & prioritisation"] == [
        "RICE: Simple prioritization for product managers",
        "Shape Up: Stop Running in Circles and Ship Work that Matters",
        "Kill one roadmap item each quarter",
    ]
    # People leadership at 1 of 2: its resources are for levels 3 and up, so none.
    assert "Leadership & management" not in shown and "Leadership &amp; management" in growth


def test_the_cached_result_shows_an_edited_resource_at_once(owner_client, owner, starter):
    done = make_assessment(owner, levels={"planning-prioritisation": 2}, default=5)
    first = owner_client.get(f"/assessments/{done.pk}/").content.decode()
    assert "Shape Up: Stop Running" in first
    LearningResource.objects.filter(title__startswith="Shape Up").update(title="Shape Up (edited)")
    caching.bump()  # .update() sends no signal; an admin save does (test_admin_resources.py)
    assert "Shape Up (edited)" in owner_client.get(f"/assessments/{done.pk}/").content.decode()
