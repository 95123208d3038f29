"""POST /assessments/<id>/reviews/<review>/delete/: the owner deletes a review received."""

import pytest
from django.test import Client

from reviews.models import Review, ReviewRating
from tests.helpers import elements, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(done, reviewer, shared):
    review = Review.objects.create(assessment=done, reviewer=reviewer, link=shared[0], comment="Solid")
    ReviewRating.objects.create(review=review, skill_slug="user-needs", level=3)
    return review


def delete_url(review):
    return f"/assessments/{review.assessment_id}/reviews/{review.pk}/delete/"


def test_the_owner_deletes_a_review_with_its_ratings(owner_client, received):
    response = owner_client.post(delete_url(received))
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{received.assessment_id}/#second-opinions"
    assert not Review.objects.exists() and not ReviewRating.objects.exists()
    assert owner_client.post(delete_url(received)).status_code == 404


def test_nobody_else_can_delete_it_not_even_its_author(client, outsider, reviewer, received):
    for person in (outsider, reviewer):
        client.force_login(person)
        assert client.post(delete_url(received)).status_code == 404
    assert Review.objects.count() == 1


def test_a_review_of_another_assessment_is_not_found_under_yours(owner_client, owner, received):
    mine = make_assessment(owner, "product-leader")
    wrong = f"/assessments/{mine.pk}/reviews/{received.pk}/delete/"
    assert owner_client.post(wrong).status_code == 404
    assert (
        owner_client.post(f"/assessments/{mine.pk}/reviews/99999999999999999999/delete/").status_code == 404
    )
    assert Review.objects.count() == 1


def test_it_is_post_only_and_needs_the_csrf_token(owner, received):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(delete_url(received)).status_code == 405
    assert client.post(delete_url(received)).status_code == 403
    html = client.get(f"/assessments/{received.assessment_id}/").content.decode()
    form = elements(html, "form", action=delete_url(received))
    assert len(form) == 1
    csrf = elements(html, "input", name="csrfmiddlewaretoken")[-1].attrs["value"]
    assert client.post(delete_url(received), {"csrfmiddlewaretoken": csrf}).status_code == 302
    assert not Review.objects.exists()


def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    review = Review.objects.filter(assessment=sized["assessment"]).first()
    owner_client.get("/")
    # 1. session  2. user  3. the assessment  4. the review  5. its ratings  6. the review
    # (one statement per table, in one transaction)
    with django_assert_num_queries(6):
        assert owner_client.post(delete_url(review)).status_code == 302
