import re

import pytest

from roles.models import Role, Skill
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(owner, starter):
    """Digital Product Manager: planning 2 (core, expects 3), user needs 5 (core, expects 3),
    people leadership 1 (supporting, expects 2), everything else at the expected level."""
    levels = {
        "planning-prioritisation": 2,
        "technology-design": 3,
        "delivery-management": 3,
        "domain-expertise": 3,
        "user-needs": 5,
        "market-research": 3,
        "industry-insight": 2,
        "strategic-thinking": 2,
        "product-vision": 3,
        "business-acumen": 2,
        "decision-making": 2,
        "communication-collaboration": 3,
        "influence-inspiration": 2,
        "people-leadership": 1,
    }
    return make_assessment(owner, levels=levels, evidence={"user-needs": "Weekly interviews"})


def url(assessment, query=""):
    return f"/assessments/{assessment.pk}/{query}"


def test_it_shows_the_result_per_skill_with_readiness_and_score(owner_client, done):
    response = owner_client.get(url(done))
    assert response.status_code == 200
    html = response.content.decode()
    # 7 of 8 core skills meet; weighted: possible 2*24 + 12 = 60, achieved 2*23 + 11 = 57 -> 95%.
    assert ">87%</p>" in html and "7 of 8 core skills meet the expectation" in html
    assert ">95%</p>" in html
    assert (done.readiness, done.weighted_score) == (87, 95)
    # Per skill rows: yours, expected, gap and status in words and symbol.
    row = re.search(r"<th scope=\"row\">Understanding user needs.*?</tr>", html, re.S).group(0)
    assert "Level 5" in row and "Level 3" in row and "+2" in row and "▲</span> Exceeds" in row
    assert "Your evidence: Weekly interviews" in row
    row = re.search(r"<th scope=\"row\">Planning &amp; prioritisation.*?</tr>", html, re.S).group(0)
    assert "−1" in row and "▼</span> Below" in row and "badge-core" in row
    # Growth areas with the next level and how to grow.
    growth = html[html.index("Growth areas") : html.index("You vs the role")]
    assert growth.index("Planning &amp; prioritisation") < growth.index("Leadership &amp; management")
    assert "Next level, 3 · Plans a whole product:" in growth
    assert "How to grow:</strong> Tie your backlog to the product&#x27;s goals" in growth
    assert "Strengths" in html
    # The chart and its table.
    assert '<svg class="chart bar-chart"' in html and 'role="img"' in html
    assert html.count('<rect class="chart-bar ') == 14
    assert "<caption>Your level, the expected level and the gap for every skill</caption>" in html
    assert f'href="/assessments/new/product-manager/?from={done.pk}">Re-assess (prefilled)' in html
    assert "scored against the rubric version of" in html
    assert "has changed since" not in html


def test_it_rescores_for_another_role(owner_client, done):
    html = owner_client.get(url(done, "?for=product-leader")).content.decode()
    assert "Your readiness for Product Leader: 0%" in html
    assert "0 of 10 core skills of Product Leader meet its expectation" in html
    assert "Based on 14 shared skills" in html
    assert '<option value="product-leader" selected>' in html
    assert "To get ready for Product Leader, work on" in html
    html = owner_client.get(url(done, "?for=associate-product-manager")).content.decode()
    assert "Your readiness for Associate Product Manager: 100%" in html


def test_readiness_for_an_unknown_or_unpublished_role_is_not_found(owner_client, done):
    Role.objects.filter(slug="product-leader").update(published=False)
    for slug in ("product-leader", "nope"):
        response = owner_client.get(url(done, f"?for={slug}"))
        assert response.status_code == 404
        assert "to check your readiness for" in response.content.decode()


def test_a_draft_result_goes_to_the_form(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False)
    response = owner_client.get(url(draft))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{draft.pk}/edit/"


def test_others_and_anonymous_cannot_see_it(client, outsider, done):
    assert client.get(url(done)).status_code == 404  # a visitor, whose session owns nothing
    client.force_login(outsider)
    assert client.get(url(done)).status_code == 404
    assert client.get(url(done, "?for=product-leader")).status_code == 404


@pytest.mark.parametrize("query", ["", "?for=product-leader"])
def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries, query):
    target = sized["history"][0]  # rated 1 on every skill: growth areas, each with its resources
    if query and sized["size"] == "large":
        query = "?for=gen-role-5"
    # 1. session  2. user  3. assessment + role + track
    # 4-5. the live rubric (expectations + skills, levels) to spot changes
    # 6. published roles for "How ready am I for…"
    # with ?for=: 7. the other role + track  8-9. its live rubric
    # 7 or 10. the framework's token (part of the result fragment's cache key)
    # and for the result itself (not yet a cached fragment): 8 or 11. the ratings
    # 9 or 12. the learning resources of the growth areas
    with django_assert_num_queries(12 if query else 9):
        response = owner_client.get(url(target, query))
    assert response.status_code == 200
    # The result's body is now a cached fragment: no ratings (which ?for= still needs).
    with django_assert_num_queries(11 if query else 7):
        again = owner_client.get(url(target, query))
    assert body(again) == body(response) and "score-cards" in body(again)


def body(response):
    """The result itself, without the per-request CSRF token of the sign-out form."""
    html = response.content.decode()
    return html[html.index("<main") : html.index('id="ready-for-title"')]


def test_the_cached_result_still_says_when_the_rubric_changed(owner_client, done):
    first = owner_client.get(url(done)).content.decode()
    assert "has changed since" not in first
    skill = Skill.objects.get(slug="user-needs")
    skill.name = "Understanding the people we serve"
    skill.save()
    html = owner_client.get(url(done)).content.decode()
    assert "The live rubric for this role has changed since you took this assessment." in html
    # The result itself is the one recorded: the skill keeps the name it had then.
    assert "Understanding user needs" in html and "Understanding the people we serve" not in html
    assert html.count("Your evidence: Weekly interviews") == 1
