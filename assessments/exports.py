"""What a user downloads of their own assessments: one JSON document or one CSV table.

Both are built from the same record per assessment (``record``), taken from the rubric
snapshot the assessment was made against, so an export never depends on the live framework.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from assessments.models import Assessment, Rating
from assessments.rubric import skills as snapshot_skills
from plans.exports import plan_document
from reviews.models import Review, ReviewRating, display_name

# The reviews an assessment received, with reviewers and ratings (3 queries for any number).
REVIEWS = Prefetch(
    "reviews",
    queryset=Review.objects.select_related("reviewer").prefetch_related(
        Prefetch("ratings", queryset=ReviewRating.objects.order_by("id"))
    ),
)

FORMAT = "careerpaths-assessments"
VERSION = 1

CSV_COLUMNS = [
    "assessment_id",
    "role_slug",
    "role_name",
    "status",
    "created_at",
    "submitted_at",
    "rubric_version",
    "rubric_hash",
    "readiness",
    "weighted_score",
    "skill_slug",
    "skill_name",
    "expected_level",
    "importance",
    "level",
    "evidence",
    # Reviews received (reviews app): one more row per skill and reviewer, rated_by naming them.
    "rated_by",
    "reviewer_comment",
    "review_comment",
]


def record(assessment):
    """One assessment with its ratings, one entry per skill of its snapshot (ratings prefetched)."""
    rated = {r.skill_slug: r for r in assessment.ratings.all()}
    prefetch_related_objects([assessment], REVIEWS)
    return {
        "id": str(assessment.pk),
        "role": {"slug": assessment.role_slug, "name": assessment.role_name},
        "status": assessment.status,
        "created_at": assessment.created_at,
        "submitted_at": assessment.submitted_at,
        "readiness": assessment.readiness,
        "weighted_score": assessment.weighted_score,
        "rubric": {
            "version": assessment.rubric.get("version"),
            "hash": assessment.rubric_hash,
            "snapshot": assessment.rubric,
        },
        "ratings": [
            {
                "skill": skill["slug"],
                "skill_name": skill["name"],
                "expected": skill["expected"],
                "importance": skill["importance"],
                "level": rated[skill["slug"]].level if skill["slug"] in rated else None,
                "evidence": rated[skill["slug"]].evidence if skill["slug"] in rated else "",
            }
            for skill in snapshot_skills(assessment.rubric)
        ],
        "reviews": [_review(review) for review in assessment.reviews.all()],
    }


def _review(review):
    """A review received: the reviewer's display name (never their email), levels, comments."""
    return {
        "reviewer": display_name(review.reviewer),
        "created_at": review.created_at,
        "updated_at": review.updated_at,
        "comment": review.comment,
        "ratings": [
            {"skill": r.skill_slug, "level": r.level, "comment": r.comment} for r in review.ratings.all()
        ],
    }


def all_with_ratings(user):
    """Every assessment of ``user``, oldest first, with ratings and reviews (2 queries, and
    3 more when any has a review)."""
    return list(
        Assessment.objects.for_user(user)
        .order_by("created_at")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("id")), REVIEWS)
    )


def to_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def user_document(user):
    """The JSON export of all of ``user``'s assessments, and their growth plan."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
        "user": user.get_username(),
        "assessments": [record(a) for a in all_with_ratings(user)],
        "plan": plan_document(user),
    }


def cell(value):
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def write_csv(out, user):
    """CSV_COLUMNS, then one row per skill of each of ``user``'s assessments, into ``out``:
    the owner's own rating, then each reviewer's."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for assessment in all_with_ratings(user):
        exported = record(assessment)
        # The columns every row of this assessment starts with.
        about = [
            exported["id"],
            assessment.role_slug,
            assessment.role_name,
            assessment.status,
            assessment.created_at.isoformat(),
            assessment.submitted_at.isoformat() if assessment.submitted_at else "",
            exported["rubric"]["version"],
            assessment.rubric_hash,
            assessment.readiness,
            assessment.weighted_score,
        ]
        for rating in exported["ratings"]:
            writer.writerow(
                cell(v)
                for v in about
                + [
                    rating["skill"],
                    rating["skill_name"],
                    rating["expected"],
                    rating["importance"],
                    rating["level"],
                    rating["evidence"],
                    "self",
                    "",
                    "",
                ]
            )
        names = {r["skill"]: r["skill_name"] for r in exported["ratings"]}
        for review in exported["reviews"]:
            for rating in review["ratings"]:
                writer.writerow(
                    cell(v)
                    for v in about
                    + [
                        rating["skill"],
                        names.get(rating["skill"], ""),
                        "",
                        "",
                        rating["level"],
                        "",
                        f"review: {review['reviewer']}",
                        rating["comment"],
                        review["comment"],
                    ]
                )
