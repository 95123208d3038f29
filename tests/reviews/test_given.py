"""/reviews/: what a signed-in reviewer reviewed and which links they opened."""

import pytest
from django.test import Client

from reviews import services
from reviews.models import Review
from tests.helpers import make_assessment, review_open_url, texts

pytestmark = pytest.mark.django_db


def test_it_lists_reviews_given_and_links_opened(client, owner, reviewer, done, shared):
    owner.first_name = "Olu"
    owner.save()
    link, token = shared
    other, other_token = services.create_link(assessment=make_assessment(owner, "product-leader"), days=2)
    client.force_login(reviewer)
    client.get(review_open_url(token))
    client.get(review_open_url(other_token))
    Review.objects.create(assessment=done, reviewer=reviewer, link=link)
    services.revoke_link(link=other)
    html = client.get("/reviews/").content.decode()
    (given,) = texts(html, "section", **{"aria-labelledby": "given-title"})
    assert "Olu · Digital Product Manager" in given and "Edit your view" in given
    (opened,) = texts(html, "section", **{"aria-labelledby": "opened-title"})
    assert "Olu · Digital Product Manager ✓ Active Open" in opened
    assert "Olu · Product Leader ✕ Revoked" in opened and "owner@example.com" not in html


def test_it_is_empty_for_someone_new_and_private_to_each_person(client, outsider, reviewer, done, shared):
    link, token = shared
    first = Client()
    first.force_login(reviewer)
    first.get(review_open_url(token))
    Review.objects.create(assessment=done, reviewer=reviewer, link=link)
    client.force_login(outsider)
    html = client.get("/reviews/").content.decode()
    assert "You have not reviewed anyone’s assessment yet." in html
    assert "No review links opened while signed in." in html


def test_visitors_are_asked_to_sign_in(client):
    response = client.get("/reviews/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_runs_a_constant_number_of_queries(client, sized, django_assert_num_queries):
    person = sized["reviewers"][0]
    client.force_login(person)
    for _, token in sized["links"]:
        client.get(review_open_url(token))
    client.get("/reviews/")
    # 1. session  2. user  3. your reviews (+ assessment, owner, link)  4. the links you
    # opened (+ assessment, owner)
    with django_assert_num_queries(4):
        response = client.get("/reviews/")
    assert response.content.decode().count("Open<span") == len(sized["links"])
