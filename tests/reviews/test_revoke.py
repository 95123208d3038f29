"""POST /assessments/<id>/share/<link>/revoke/: the owner ends a link at once."""

import pytest
from django.test import Client

from reviews import services
from reviews.models import ReviewLink
from tests.helpers import elements, make_assessment, review_open_url, review_page_url

pytestmark = pytest.mark.django_db


def revoke_url(link):
    return f"/assessments/{link.assessment_id}/share/{link.public_id}/revoke/"


def test_the_owner_revokes_and_every_holder_loses_access_at_once(owner_client, reviewer, shared):
    link, token = shared
    holder = Client()
    holder.force_login(reviewer)
    holder.get(review_open_url(token))
    assert holder.get(review_page_url(link)).status_code == 200
    response = owner_client.post(revoke_url(link))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{link.assessment_id}/share/"
    assert ReviewLink.objects.get().status == "revoked"
    assert holder.get(review_page_url(link)).status_code == 404
    assert Client().get(review_open_url(token)).status_code == 404
    # Revoking twice changes nothing (the first time stays recorded).
    first = ReviewLink.objects.get().revoked_at
    assert owner_client.post(revoke_url(link)).status_code == 302
    assert ReviewLink.objects.get().revoked_at == first


def test_others_cannot_revoke(client, outsider, reviewer, shared, done, owner):
    link, token = shared
    for person in (outsider, reviewer):
        client.force_login(person)
        assert client.post(revoke_url(link)).status_code == 404
    # The owner's link to another assessment is not found under this one.
    other, _ = services.create_link(assessment=make_assessment(owner, "product-leader"), days=2)
    client.force_login(owner)
    assert client.post(f"/assessments/{done.pk}/share/{other.public_id}/revoke/").status_code == 404
    assert {link.status for link in ReviewLink.objects.all()} == {"active"}


def test_it_is_post_only_and_needs_the_csrf_token(owner, shared):
    link, token = shared
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(revoke_url(link)).status_code == 405
    assert client.post(revoke_url(link)).status_code == 403
    assert ReviewLink.objects.get().status == "active"
    html = client.get(f"/assessments/{link.assessment_id}/share/").content.decode()
    csrf = elements(html, "input", name="csrfmiddlewaretoken")[-1].attrs["value"]
    assert client.post(revoke_url(link), {"csrfmiddlewaretoken": csrf}).status_code == 302
    assert ReviewLink.objects.get().status == "revoked"


def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    link, _ = sized["links"][-1]
    owner_client.get("/")
    # 1. session  2. user  3. the assessment  4. the link  5. revoke (the message goes in a cookie)
    with django_assert_num_queries(5):
        assert owner_client.post(revoke_url(link)).status_code == 302
