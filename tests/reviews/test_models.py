"""The rules the database keeps for review links and reviews (named constraints)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews import services
from reviews.models import Review, ReviewLink, ReviewRating, display_name
from tests.helpers import expire_link

pytestmark = pytest.mark.django_db


def refused(constraint, make):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make()


def test_one_review_per_reviewer_per_assessment(done, reviewer):
    Review.objects.create(assessment=done, reviewer=reviewer)
    refused("review_one_per_reviewer", lambda: Review.objects.create(assessment=done, reviewer=reviewer))


def test_levels_and_lengths_are_kept_in_range(done, reviewer):
    review = Review.objects.create(assessment=done, reviewer=reviewer)
    for level in (0, 6):
        refused(
            "reviewrating_level_1_to_5",
            lambda level=level: ReviewRating.objects.create(review=review, skill_slug="x", level=level),
        )
    refused(
        "reviewrating_comment_max_length",
        lambda: ReviewRating.objects.create(review=review, skill_slug="x", level=1, comment="x" * 1001),
    )
    ReviewRating.objects.create(review=review, skill_slug="x", level=1)
    refused(
        "reviewrating_unique_per_skill",
        lambda: ReviewRating.objects.create(review=review, skill_slug="x", level=2),
    )
    refused(
        "review_comment_max_length", lambda: Review.objects.filter(pk=review.pk).update(comment="x" * 2001)
    )


def test_a_link_expires_after_it_is_made_and_keeps_its_message_short(done):
    now = timezone.now()
    refused(
        "reviewlink_expires_after_creation",
        lambda: ReviewLink.objects.create(
            assessment=done, token_hash="a" * 64, created_at=now, expires_at=now
        ),
    )
    refused(
        "reviewlink_message_max_length",
        lambda: ReviewLink.objects.create(
            assessment=done, token_hash="b" * 64, expires_at=now + timedelta(days=1), message="x" * 1001
        ),
    )


def test_status_follows_revocation_and_expiry(done):
    link, _ = services.create_link(assessment=done, days=1)
    assert link.status == "active" and link.is_active
    expire_link(link)
    link.refresh_from_db()
    assert link.status == "expired"
    services.revoke_link(link=link)
    link.refresh_from_db()
    assert link.status == "revoked"
    assert not ReviewLink.objects.active().exists()


def test_display_names_never_use_the_email(owner):
    assert display_name(owner) == "owner"
    owner.first_name = "Olu"
    assert display_name(owner) == "Olu"
