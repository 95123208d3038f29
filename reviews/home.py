"""What the personal home shows of second opinions: reviews to give and reviews received."""

from typing import TypedDict

from django.db.models import Exists, OuterRef
from django.utils import timezone

from reviews.models import LinkVisit, Review, display_name

SHOWN = 5  # per list: the home page points at /reviews/ and the results for the rest


class ToGive(TypedDict):
    owner: str
    role_name: str
    public_id: str
    expires_at: object


class Received(TypedDict):
    reviewer: str
    role_name: str
    assessment_id: str
    updated_at: object


class Waiting(TypedDict):
    to_give: list[ToGive]
    received: list[Received]


def waiting(user) -> Waiting:
    """Queries: 2 (links this user opened that are still active and not yet reviewed by
    them; the latest reviews of this user's assessments)."""
    now = timezone.now()
    reviewed = Review.objects.filter(assessment=OuterRef("link__assessment"), reviewer=user)
    visits = (
        LinkVisit.objects.filter(user=user, link__revoked_at__isnull=True, link__expires_at__gt=now)
        .exclude(Exists(reviewed))
        .select_related("link__assessment__user")
        .defer("link__assessment__rubric")  # the snapshot is large and not shown
        .order_by("link__expires_at")[:SHOWN]
    )
    received = (
        Review.objects.filter(assessment__user=user)
        .select_related("reviewer", "assessment")
        .defer("assessment__rubric")
        .order_by("-updated_at")[:SHOWN]
    )
    return {
        "to_give": [
            {
                "owner": display_name(v.link.assessment.user),
                "role_name": v.link.assessment.role_name,
                "public_id": str(v.link.public_id),
                "expires_at": v.link.expires_at,
            }
            for v in visits
        ],
        "received": [
            {
                "reviewer": display_name(r.reviewer),
                "role_name": r.assessment.role_name,
                "assessment_id": str(r.assessment_id),
                "updated_at": r.updated_at,
            }
            for r in received
        ],
    }
