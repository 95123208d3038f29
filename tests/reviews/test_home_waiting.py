"""The personal home's "Second opinions": links waiting for your review, reviews received."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import LinkVisit, Review
from tests.helpers import PASSWORD, make_assessment, texts

pytestmark = pytest.mark.django_db


def section(client):
    html = client.get("/").content.decode()
    return texts(html, "section", aria_labelledby="home-reviews-title")[0]


def test_it_lists_links_to_review_until_reviewed_revoked_or_expired(client, done, shared, reviewer, owner):
    link, _token = shared
    LinkVisit.objects.create(link=link, user=reviewer)
    client.force_login(reviewer)
    waiting = section(client)
    assert "Review owner’s Digital Product Manager result" in waiting
    # Reviewed: no longer waiting.
    made = Review.objects.create(assessment=done, reviewer=reviewer, link=link)
    assert "Nobody is waiting for your review." in section(client)
    made.delete()
    # Revoked or expired: not offered (the link would answer 404).
    link.revoked_at = timezone.now()
    link.save()
    assert "Nobody is waiting for your review." in section(client)
    link.revoked_at = None
    link.expires_at = timezone.now() - timedelta(seconds=1)
    link.created_at = link.expires_at - timedelta(days=1)
    link.save()
    assert "Nobody is waiting for your review." in section(client)


def test_it_lists_reviews_received_and_only_the_owners(client, done, reviewer, owner, outsider):
    Review.objects.create(assessment=done, reviewer=reviewer, comment="Solid")
    client.force_login(owner)
    received = section(client)
    assert "Sam on your Digital Product Manager result" in received
    assert "sam@example.com" not in received  # a display name, never the email
    client.force_login(outsider)
    assert "No reviews yet." in section(client)


def test_it_runs_a_constant_number_of_queries(client, sized, django_assert_num_queries, django_user_model):
    # The reviewers of the sized data each opened the first link: for them it is reviewed.
    # Someone who opened every link and reviewed nothing sees up to five waiting.
    person = django_user_model.objects.create_user("waiting", "w@example.com", PASSWORD)
    for link, _token in sized["links"]:
        LinkVisit.objects.create(link=link, user=person)
    make_assessment(person, submit=False)
    client.force_login(person)
    # 1. session  2. user  3. the plan and target role (none: so no latest assessment of
    # it, tests/plans/test_home.py)  4. the latest draft  5. open actions  6. the last
    # submission (next check-in)  7. links waiting for this person's review  8. reviews received
    with django_assert_num_queries(8):
        html = client.get("/").content.decode()
    assert html.count("Review owner’s") == min(len(sized["links"]), 5)
