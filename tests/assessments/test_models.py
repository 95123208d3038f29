import pytest
from django.db import IntegrityError, transaction

from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def _fails(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_it_enforces_levels_one_to_five_in_the_database(owner, starter):
    a = make_assessment(owner, submit=False)
    for bad in (0, 6, 100):
        _fails(lambda bad=bad: Rating.objects.filter(assessment=a).update(level=bad))
    Rating.objects.filter(assessment=a).update(level=5)


def test_it_allows_one_rating_per_skill(owner, starter):
    a = make_assessment(owner, submit=False)
    _fails(lambda: Rating.objects.create(assessment=a, skill_slug="user-needs", level=2))


def test_it_limits_evidence_length_in_the_database(owner, starter):
    a = make_assessment(owner, submit=False)
    rating = a.ratings.first()
    rating.evidence = "x" * EVIDENCE_MAX_LENGTH
    rating.save()
    rating.evidence += "x"
    _fails(rating.save)


def test_status_and_submitted_at_go_together(owner, starter):
    a = make_assessment(owner, submit=False)
    _fails(lambda: Assessment.objects.filter(pk=a.pk).update(status="submitted"))
    _fails(lambda: Assessment.objects.filter(pk=a.pk).update(status="archived"))


def test_querysets_filter_by_owner_and_status(owner, outsider, starter):
    submitted = make_assessment(owner)
    draft = make_assessment(owner, submit=False)
    make_assessment(outsider)
    mine = Assessment.objects.for_user(owner)
    assert set(mine) == {submitted, draft}
    assert list(mine.submitted()) == [submitted]
    assert list(mine.drafts()) == [draft]
    assert submitted.get_absolute_url() == f"/assessments/{submitted.pk}/"
    assert draft.get_absolute_url() == f"/assessments/{draft.pk}/edit/"
