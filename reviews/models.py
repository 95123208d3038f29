"""Second opinions: private review links to a submitted assessment, and the reviews given
through them (docs/security.md, "Review links").

A link's token is shown once and stored only as its SHA-256; the link is reached after
that through ``public_id``, which is no capability by itself (the reviewer's session or
recorded visit is, and both are re-checked against the link on every request).
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone

from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL

DEFAULT_DAYS = 14
MIN_DAYS = 1
MAX_DAYS = 90
MESSAGE_MAX_LENGTH = 1000
COMMENT_MAX_LENGTH = 1000
OVERALL_MAX_LENGTH = 2000


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def display_name(user):
    """What a reviewer or owner is called to the other: first name or username, never email."""
    return user.first_name or user.get_username()


class ReviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def for_token(self, token):
        return self.filter(token_hash=hash_token(token))

    def granted(self, *, public_id, grants, user):
        """The active link ``public_id`` if this session holds a grant for it (``grants``,
        link ids) or the signed-in ``user`` opened it before."""
        allowed = Q(pk__in=[g for g in grants if isinstance(g, int)])
        if user.is_authenticated:
            allowed |= Q(Exists(LinkVisit.objects.filter(link=OuterRef("pk"), user=user)))
        return self.active().filter(allowed, public_id=public_id)


class ReviewLink(models.Model):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="review_links"
    )
    # The address the token is exchanged for. Random, so links cannot be enumerated, but
    # knowing it gives nothing: access needs a grant (ReviewLinkQuerySet.granted).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # SHA-256 of the token in /review/<token>/: a copy of the database opens nothing.
    token_hash = models.CharField(max_length=64, unique=True)
    message = models.TextField(blank=True)
    invited_email = models.EmailField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(models.F("expires_at"), models.F("created_at")),
                name="reviewlink_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MESSAGE_MAX_LENGTH),
                name="reviewlink_message_max_length",
            ),
        ]

    def __str__(self):
        return f"Review link for {self.assessment_id} ({self.status})"

    @staticmethod
    def new_token():
        """A link token with 256 random bits, and the hash that is stored."""
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)

    @staticmethod
    def lifetime(days=DEFAULT_DAYS):
        return timedelta(days=days)

    def matches(self, token):
        """Constant-time check of ``token`` against the stored hash."""
        return hmac.compare_digest(self.token_hash, hash_token(token))

    @property
    def status(self):
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def is_active(self):
        return self.status == "active"


class LinkVisit(models.Model):
    """A signed-in person opened a link: it shows on their /reviews/ page and lets them back
    in from another session while the link stays active."""

    link = models.ForeignKey(ReviewLink, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_visits")
    first_opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "user"], name="linkvisit_unique_per_user")]

    def __str__(self):
        return f"{self.user} opened {self.link_id}"


class Review(models.Model):
    """One reviewer's view of one assessment: a level per skill, comments."""

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_given"
    )
    # The link it was given through; the review stays if the link is deleted.
    link = models.ForeignKey(
        ReviewLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), OVERALL_MAX_LENGTH),
                name="review_comment_max_length",
            ),
        ]

    def __str__(self):
        return f"Review of {self.assessment_id} by {self.reviewer_id}"


class ReviewRating(models.Model):
    """A reviewer's level for one skill of the assessment's snapshot (a key, as Rating)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    skill_slug = models.SlugField(max_length=120)
    level = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "skill_slug"], name="reviewrating_unique_per_skill"),
            models.CheckConstraint(
                condition=Q(level__gte=LOWEST_LEVEL, level__lte=HIGHEST_LEVEL),
                name="reviewrating_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), COMMENT_MAX_LENGTH),
                name="reviewrating_comment_max_length",
            ),
        ]

    def __str__(self):
        return f"{self.skill_slug}: {self.level}"
