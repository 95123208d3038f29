import pytest
from django.contrib.auth import get_user_model

from accounts import services
from assessments.models import Assessment, Rating
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def test_delete_account_removes_the_user_and_everything_they_own(owner, outsider, starter):
    make_assessment(owner)
    make_assessment(owner, submit=False)
    kept = make_assessment(outsider)
    services.delete_account(user=owner)
    assert not get_user_model().objects.filter(username="owner").exists()
    assert list(Assessment.objects.all()) == [kept]
    assert set(Rating.objects.values_list("assessment_id", flat=True)) == {kept.pk}
