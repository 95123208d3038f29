"""Workflows that span models: starting, saving, submitting, deleting and claiming
assessments. An owner is a user or a visitor's key (assessments/access.py), by keyword."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypedDict

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import scoring
from assessments.models import Assessment, Rating, Status, hash_visitor_key
from assessments.rubric import build_snapshot, skill_slugs
from roles.models import Role

# {skill slug: (level or None, evidence)}, as the ratings form cleans them.
RatingInput = Mapping[str, tuple[int | None, str]]


class AlreadySubmitted(Exception):
    """The assessment was submitted already (e.g. by the first of two clicks)."""


class IncompleteSubmission(Exception):
    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(f"{len(missing)} skill(s) have no level")


def start_assessment(
    *,
    role: Role,
    user: User | None = None,
    visitor_key: str | None = None,
    prefill_from: Assessment | None = None,
    token: uuid.UUID | None = None,
) -> Assessment:
    """Create a draft assessment of ``role`` with a snapshot of its live rubric, owned by
    ``user`` or by the visitor whose key is ``visitor_key`` (exactly one of them).

    ``prefill_from`` (one of the owner's submitted assessments, any role) copies its
    levels and evidence for the skills both rubrics share. ``token`` makes the call
    idempotent: replaying it returns the assessment the first call created.
    """
    mine = Assessment.objects.owned(user=user, visitor_key=visitor_key)
    if token is not None:
        existing = mine.filter(start_token=token).first()
        if existing:
            return existing
    snapshot = build_snapshot(role)
    fields: dict[str, Any] = {
        "user": user,
        "visitor_key_hash": hash_visitor_key(visitor_key) if visitor_key is not None else "",
        "role": role,
        "role_name": role.name,
        "role_slug": role.slug,
        "rubric": snapshot,
        "rubric_hash": snapshot["hash"],
        "rubric_updated_at": datetime.fromisoformat(snapshot["version"]),
    }
    if token is not None:
        fields["start_token"] = token
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(**fields)
            if prefill_from is not None:
                slugs = skill_slugs(snapshot)
                Rating.objects.bulk_create(
                    Rating(assessment=assessment, skill_slug=r.skill_slug, level=r.level, evidence=r.evidence)
                    for r in prefill_from.ratings.all()
                    if r.skill_slug in slugs
                )
    except IntegrityError:
        # Two simultaneous requests with the same token: the other one won.
        existing = mine.filter(start_token=token).first()
        if existing is None:
            raise
        return existing
    return assessment


def save_ratings(*, assessment: Assessment, ratings: RatingInput, submit: bool) -> Assessment:
    """Replace the draft's ratings with ``ratings`` ({slug: (level or None, evidence)}),
    and submit it when ``submit`` is true. All or nothing.

    The draft row is locked first, so of two simultaneous submits the second sees the
    assessment already submitted and raises AlreadySubmitted instead of writing again.
    Queries: lock, delete dropped ratings, upsert ratings, update the assessment.
    """
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().only("id", "status").get(pk=assessment.pk)
        if locked.status != Status.DRAFT:
            raise AlreadySubmitted
        slugs = assessment.skill_slugs()
        unknown = set(ratings) - slugs
        if unknown:
            raise ValueError(f"not in this rubric: {sorted(unknown)}")
        kept = {slug: value for slug, value in ratings.items() if value[0] is not None or value[1]}
        if submit:
            missing = [slug for slug in slugs if kept.get(slug, (None, ""))[0] is None]
            if missing:
                raise IncompleteSubmission(missing)
        assessment.ratings.exclude(skill_slug__in=list(kept)).delete()
        if kept:
            Rating.objects.bulk_create(
                [
                    Rating(assessment=assessment, skill_slug=slug, level=level, evidence=evidence)
                    for slug, (level, evidence) in kept.items()
                ],
                update_conflicts=True,
                unique_fields=["assessment", "skill_slug"],
                update_fields=["level", "evidence"],
            )
        assessment.updated_at = timezone.now()
        update = ["updated_at"]
        if submit:
            result = scoring.score(assessment.rubric, {slug: level for slug, (level, _) in kept.items()})
            assessment.status = Status.SUBMITTED
            assessment.submitted_at = assessment.updated_at
            assessment.readiness = result.readiness
            assessment.weighted_score = result.weighted_score
            update += ["status", "submitted_at", "readiness", "weighted_score"]
        assessment.save(update_fields=update)
    return assessment


def delete_assessment(*, assessment: Assessment) -> None:
    assessment.delete()


def claim_visitor_assessments(*, visitor_key: str, user: User) -> int:
    """Move every assessment of the visitor whose key is ``visitor_key`` (drafts and
    results) to ``user``, all or nothing; returns how many moved.

    The visitor's rows are locked first, so of two simultaneous claims (a double-clicked
    sign-in) the second finds none left and moves nothing. A start token the user already
    has gets a new one: both assessments are kept, and the constraint holds.
    Queries: lock, the user's clashing tokens, one update per clash, the move.
    """
    key_hash = hash_visitor_key(visitor_key)
    with transaction.atomic():
        tokens = dict(
            Assessment.objects.select_for_update()
            .filter(user__isnull=True, visitor_key_hash=key_hash)
            .order_by("pk")
            .values_list("pk", "start_token")
        )
        if not tokens:
            return 0
        taken = set(
            Assessment.objects.for_user(user)
            .filter(start_token__in=list(tokens.values()))
            .values_list("start_token", flat=True)
        )
        for pk, token in tokens.items():
            if token in taken:
                Assessment.objects.filter(pk=pk).update(start_token=uuid.uuid4())
        return Assessment.objects.filter(pk__in=list(tokens), visitor_key_hash=key_hash).update(
            user=user, visitor_key_hash=""
        )


class Removed(TypedDict):
    drafts: int
    submitted: int


def remove_untouched_visitor_assessments(*, before: datetime, dry_run: bool = False) -> Removed:
    """Delete visitors' assessments (drafts and unclaimed results) not changed since
    ``before``, with their ratings; with ``dry_run``, only count them.

    The rows are locked first, skipping any that a request is saving or claiming right
    now (those are kept: they are no longer untouched). Running it twice removes nothing
    the second time.
    """
    with transaction.atomic():
        rows = list(
            Assessment.objects.of_visitors_untouched_since(before)
            .select_for_update(skip_locked=True)
            .values_list("pk", "status")
        )
        if rows and not dry_run:
            Assessment.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
    statuses = [status for _, status in rows]
    return Removed(drafts=statuses.count(Status.DRAFT), submitted=statuses.count(Status.SUBMITTED))
