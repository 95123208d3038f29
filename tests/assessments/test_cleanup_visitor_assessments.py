"""manage.py cleanup_visitor_assessments: visitors' assessments untouched for
VISITOR_DRAFT_DAYS days go; accounts' assessments and recent ones stay."""

import secrets
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Rating
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def aged(assessment, age):
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now() - age)
    return assessment


def cleanup(*args):
    out = StringIO()
    call_command("cleanup_visitor_assessments", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def assessments(owner, starter):
    key = secrets.token_urlsafe(32)
    week = timedelta(days=7)
    minute = timedelta(minutes=1)
    return {
        "old draft": aged(make_assessment(None, visitor_key=key, submit=False), week + minute),
        "old result": aged(make_assessment(None, visitor_key=key), week + minute),
        "recent draft": aged(make_assessment(None, visitor_key=key, submit=False), week - minute),
        "recent result": aged(make_assessment(None, visitor_key=key), week - minute),
        "account's old result": aged(make_assessment(owner), timedelta(days=400)),
        "account's old draft": aged(make_assessment(owner, submit=False), timedelta(days=400)),
    }


def left(assessments):
    kept = set(Assessment.objects.values_list("pk", flat=True))
    return sorted(name for name, a in assessments.items() if a.pk in kept)


def test_it_removes_visitors_assessments_untouched_for_seven_days(assessments):
    out = cleanup()
    assert out.startswith("Removed 2 visitor assessments untouched for 7 days")
    assert "1 draft, 1 result." in out
    assert left(assessments) == [
        "account's old draft",
        "account's old result",
        "recent draft",
        "recent result",
    ]
    assert not Rating.objects.filter(assessment_id=assessments["old result"].pk).exists()


def test_it_is_idempotent(assessments):
    cleanup()
    assert cleanup().startswith("Removed 0 visitor assessments")
    assert len(left(assessments)) == 4


def test_a_dry_run_only_counts(assessments):
    assert cleanup("--dry-run").startswith("Would remove 2 visitor assessments untouched for 7 days")
    assert len(left(assessments)) == 6


def test_the_number_of_days_is_a_setting(settings, assessments):
    settings.VISITOR_DRAFT_DAYS = 8
    assert cleanup().startswith("Removed 0 visitor assessments untouched for 8 days")
    settings.VISITOR_DRAFT_DAYS = 6
    assert cleanup().startswith("Removed 4 visitor assessments untouched for 6 days")
    assert left(assessments) == ["account's old draft", "account's old result"]


def test_saving_a_draft_keeps_it(assessments):
    draft = Assessment.objects.get(pk=assessments["old draft"].pk)
    services.save_ratings(assessment=draft, ratings={}, submit=False)
    cleanup()
    assert "old draft" in left(assessments)
