"""The per-skill trend on /assessments/progress/ (roles with 3+ submitted assessments)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import Assessment
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def history(user, levels_by_month, slug="product-manager"):
    """Submitted assessments of ``slug``, ``user-needs`` at each level, months apart."""
    now = timezone.now()
    for n, level in enumerate(levels_by_month):
        assessment = make_assessment(user, slug, default=2, levels={"user-needs": level})
        when = now - timedelta(days=round((len(levels_by_month) - 1 - n) * 30.44))
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when)


def row(html, skill):
    return re.search(rf'<th scope="row">{skill}</th>.*?</tr>', html, re.S).group(0)


def test_it_shows_a_caveated_estimate_for_a_rising_skill(owner_client, owner, starter):
    # User needs rises a level every two months towards the expected 3... and planning
    # (expected 3) stays flat at 2.
    history(owner, [1, 1, 2])
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "Trend per skill: Digital Product Manager" in html
    assert "An estimate, not a forecast" in html
    user_needs = row(html, "Understanding user needs")
    assert "Rising" in user_needs and "▲" in user_needs
    assert re.search(r"level 3 in about \d+ months?", user_needs)
    flat = row(html, "Planning &amp; prioritisation")
    assert "Flat" in flat and "in about" not in flat


def test_nothing_is_estimated_for_a_falling_skill(owner_client, owner, starter):
    history(owner, [3, 2, 1])
    falling = row(owner_client.get("/assessments/progress/").content.decode(), "Understanding user needs")
    assert "Falling" in falling and "in about" not in falling


def test_it_needs_three_assessments_of_the_role(owner_client, owner, starter):
    history(owner, [1, 2])
    make_assessment(owner, "product-leader")
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "Levels per skill" in html and "Trend per skill" not in html


def test_it_adds_no_queries(owner_client, owner, starter, django_assert_num_queries):
    history(owner, [1, 2, 3])
    # 1. session  2. user  3. submitted assessments (with snapshots)  4. their ratings
    with django_assert_num_queries(4):
        assert "Trend per skill" in owner_client.get("/assessments/progress/").content.decode()
