"""Self-assessments: a person's ratings against a frozen snapshot of a role's rubric.

An assessment never reads the live rubric to show its result: ``rubric`` holds a copy
of everything the result needs (see assessments/rubric.py), so admins can edit or
delete roles and skills without changing or breaking anyone's history.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from assessments import rubric
from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL

EVIDENCE_MAX_LENGTH = 1000


def hash_visitor_key(key: str) -> str:
    """What the database keeps of a visitor's key (assessments/access.py): its sha256."""
    return hashlib.sha256(key.encode()).hexdigest()


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_visitor(self, visitor_key):
        """A visitor's assessments, found by the hash of the key in their session."""
        # user IS NULL too: lets PostgreSQL use the partial per-visitor index below.
        return self.filter(user__isnull=True, visitor_key_hash=hash_visitor_key(visitor_key))

    def owned(self, *, user=None, visitor_key=None):
        """The assessments of exactly one owner: a user or a visitor's key."""
        if (user is None) == (visitor_key is None):
            raise ValueError("give exactly one owner: user or visitor_key")
        return self.for_user(user) if user is not None else self.for_visitor(visitor_key)

    def of_visitors_untouched_since(self, when):
        """Visitors' assessments (drafts and unclaimed results) not changed since ``when``."""
        return self.filter(user__isnull=True, updated_at__lt=when)

    def submitted(self):
        return self.filter(status=Status.SUBMITTED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def chronological(self):
        return self.order_by("submitted_at", "created_at")

    def newest_first(self):
        return self.order_by("-submitted_at", "-created_at")

    def without_rubric(self):
        """Lists never need the (large) snapshot."""
        return self.defer("rubric")


class Assessment(models.Model):
    # The primary key is the public id: random, so URLs cannot be guessed or enumerated.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Exactly one owner (constraint below): an account, or a visitor who has not signed up
    # yet, known only by the sha256 of a random key kept in their session (access.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
    )
    # db_default too: rows inserted by code from before this column (a rolling deploy) are
    # accounts' rows, and still satisfy the one-owner constraint.
    visitor_key_hash = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)
    # SET_NULL: deleting a role must never delete or break someone's history. The name
    # and slug are copied so the record still says what it was about.
    role = models.ForeignKey(
        "roles.Role", on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments"
    )
    role_name = models.CharField(max_length=120)
    role_slug = models.SlugField(max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rubric = models.JSONField(help_text="Frozen snapshot of the role's rubric when the assessment started.")
    rubric_hash = models.CharField(max_length=64, help_text="Content hash of the snapshot.")
    rubric_updated_at = models.DateTimeField(help_text="Latest edit of the rubric content when snapshotted.")
    # Sent by the start form: a double-clicked "Start" (or a replayed POST) finds the
    # assessment the first click created instead of creating a second one. Unique per user
    # (constraint below), not site-wide: another user's token must start your own assessment.
    start_token = models.UUIDField(default=uuid.uuid4, editable=False)
    # Stored at submit time from the frozen snapshot, so lists need no re-scoring.
    readiness = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Percent of core skills met."
    )
    weighted_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Percent, see scoring."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "status", "submitted_at"], name="assessment_user_status"),
            # cleanup_visitor_assessments: visitors' assessments by last change. (Lookups by
            # visitor use the per-visitor start-token constraint's index.)
            models.Index(
                fields=["updated_at"], condition=Q(user__isnull=True), name="assessment_visitor_updated"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, visitor_key_hash="")
                | Q(user__isnull=True, visitor_key_hash__regex=r"^[0-9a-f]{64}$"),
                name="assessment_one_owner",
            ),
            models.UniqueConstraint(
                fields=["user", "start_token"], name="assessment_start_token_unique_per_user"
            ),
            models.UniqueConstraint(
                fields=["visitor_key_hash", "start_token"],
                condition=Q(user__isnull=True),
                name="assessment_start_token_unique_per_visitor",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="assessment_submitted_at_iff_submitted",
            ),
            models.CheckConstraint(
                condition=Q(readiness__isnull=True) | Q(readiness__lte=100),
                name="assessment_readiness_percent",
            ),
            models.CheckConstraint(
                condition=Q(weighted_score__isnull=True) | Q(weighted_score__lte=100),
                name="assessment_weighted_score_percent",
            ),
        ]

    def __str__(self):
        return f"{self.role_name} ({self.get_status_display()}, {self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        if self.is_draft:
            return reverse("assessments:edit", args=[self.pk])
        return reverse("assessments:result", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def is_submitted(self):
        return self.status == Status.SUBMITTED

    @property
    def date(self):
        return self.submitted_at or self.created_at

    def skills(self):
        """The snapshot's skills in rubric order (category order, then skill order)."""
        return rubric.skills(self.rubric)

    def skill_slugs(self):
        return rubric.skill_slugs(self.rubric)


class Rating(models.Model):
    """A self-rating on one skill of the snapshot.

    ``skill_slug`` is a key into the assessment's snapshot, deliberately not a foreign
    key: deleting or renaming a live skill must not touch past ratings. A draft may hold
    evidence before a level is chosen, so ``level`` is nullable; submitting requires it.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    skill_slug = models.SlugField(max_length=120)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text=f"At most {EVIDENCE_MAX_LENGTH} characters.")

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill_slug"], name="rating_unique_per_skill"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=LOWEST_LEVEL, level__lte=HIGHEST_LEVEL),
                name="rating_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("evidence"), EVIDENCE_MAX_LENGTH),
                name="rating_evidence_max_length",
            ),
        ]

    def __str__(self):
        return f"{self.skill_slug}: {self.level}"
