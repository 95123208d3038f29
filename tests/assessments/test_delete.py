import pytest
from django.test import Client

from assessments.models import Assessment, Rating
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def test_it_confirms_then_deletes_on_post(owner_client, owner, starter):
    done = make_assessment(owner)
    response = owner_client.get(f"/assessments/{done.pk}/delete/")
    assert response.status_code == 200
    assert "Delete this assessment?" in response.content.decode()
    assert Assessment.objects.filter(pk=done.pk).exists()
    response = owner_client.post(f"/assessments/{done.pk}/delete/", follow=True)
    assert response.redirect_chain == [("/assessments/", 302)]
    assert "assessment was deleted" in response.content.decode()
    assert not Assessment.objects.exists() and not Rating.objects.exists()


def test_others_cannot_delete(outsider_client, owner, starter):
    done = make_assessment(owner)
    assert outsider_client.get(f"/assessments/{done.pk}/delete/").status_code == 404
    assert outsider_client.post(f"/assessments/{done.pk}/delete/").status_code == 404
    assert Assessment.objects.filter(pk=done.pk).exists()


def test_anonymous_and_csrf_less_posts_delete_nothing(client, owner, starter):
    done = make_assessment(owner)
    # A visitor (whose session owns nothing) finds nothing to delete.
    assert client.post(f"/assessments/{done.pk}/delete/").status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post(f"/assessments/{done.pk}/delete/").status_code == 403
    assert Assessment.objects.filter(pk=done.pk).exists()


def test_the_confirm_page_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    target = sized["history"][-1]
    # 1. session  2. user  3. the assessment  4. its ratings
    with django_assert_num_queries(4):
        assert owner_client.get(f"/assessments/{target.pk}/delete/").status_code == 200
