"""POST /plan/rhythm/ and the next check-in on /plan/ and /assessments/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import Assessment
from plans.models import Plan, add_months
from tests.helpers import elements, make_assessment

pytestmark = pytest.mark.django_db


def test_it_saves_the_rhythm_and_shows_the_next_check_in(owner_client, owner, starter):
    assessment = make_assessment(owner)
    response = owner_client.post("/plan/rhythm/", {"rhythm": "3"})
    assert response.status_code == 302 and response["Location"] == "/plan/#checkin-title"
    assert Plan.objects.get(user=owner).rhythm == 3
    due = add_months(timezone.localdate(assessment.submitted_at), 3)
    for url in ("/plan/", "/assessments/"):
        html = owner_client.get(url).content.decode()
        assert elements(html, "time", datetime=due.isoformat())
        assert "Next check-in:" in html


def test_an_overdue_check_in_says_so(owner_client, owner, starter):
    assessment = make_assessment(owner)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=timezone.now() - timedelta(days=40))
    owner_client.post("/plan/rhythm/", {"rhythm": "1"})
    html = owner_client.get("/assessments/").content.decode()
    assert "Your check-in is due:" in html


def test_without_a_rhythm_the_list_offers_one(owner_client, owner, starter):
    make_assessment(owner)
    html = owner_client.get("/assessments/").content.decode()
    assert "No check-in rhythm set" in html and elements(html, "a", href="/plan/#checkin-title")


@pytest.mark.parametrize("value", ["", "2", "12", "-1", "x", "3.0"])
def test_other_values_are_400_with_a_message(owner_client, owner, starter, value):
    response = owner_client.post("/plan/rhythm/", {"rhythm": value})
    assert response.status_code == 400
    (summary,) = elements(response.content.decode(), "div", id="error-summary")
    assert "Re-assess:" in summary.text
    assert not Plan.objects.filter(user=owner, rhythm__gt=0).exists()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-11-15", 3, "2027-02-15")],
)
def test_months_are_calendar_months(day, months, expected):
    from datetime import date

    assert add_months(date.fromisoformat(day), months) == date.fromisoformat(expected)
