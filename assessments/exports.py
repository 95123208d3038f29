"""What a user downloads of their own assessments: one JSON document or one CSV table.

Both are built from the same record per assessment (``record``), taken from the rubric
snapshot the assessment was made against, so an export never depends on the live framework.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone

from assessments.models import Assessment, Rating
from assessments.rubric import skills as snapshot_skills
from plans.exports import plan_document

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
]


def record(assessment):
    """One assessment with its ratings, one entry per skill of its snapshot (ratings prefetched)."""
    rated = {r.skill_slug: r for r in assessment.ratings.all()}
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
    }


def all_with_ratings(user):
    """Every assessment of ``user``, oldest first, with ratings (2 queries)."""
    return list(
        Assessment.objects.for_user(user)
        .order_by("created_at")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("id")))
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
    """CSV_COLUMNS, then one row per skill of each of ``user``'s assessments, into ``out``."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for assessment in all_with_ratings(user):
        exported = record(assessment)
        for rating in exported["ratings"]:
            writer.writerow(
                cell(v)
                for v in [
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
                    rating["skill"],
                    rating["skill_name"],
                    rating["expected"],
                    rating["importance"],
                    rating["level"],
                    rating["evidence"],
                ]
            )
