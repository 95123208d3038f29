"""{% second_opinions assessment %}: the owner's result's side-by-side section;
{% reviews_waiting user %}: reviews to give and received, on the personal home."""

from django import template
from django.db.models import Prefetch

from assessments.models import Rating
from reviews import home
from reviews.models import Review, ReviewRating
from reviews.tables import side_by_side

register = template.Library()


@register.inclusion_tag("reviews/includes/second_opinions.html", takes_context=True)
def second_opinions(context, assessment):
    """Queries: the reviews with their reviewers (none for a visitor's assessment); with any
    review, their ratings and the assessment's own ratings."""
    # A visitor's assessment (no account) cannot have been shared: nothing to look up.
    reviews = (
        []
        if assessment.user_id is None
        else list(
            Review.objects.filter(assessment=assessment)
            .select_related("reviewer")
            .prefetch_related(Prefetch("ratings", queryset=ReviewRating.objects.order_by("id")))
        )
    )
    rows, calibrations = [], []
    if reviews:
        own = Rating.objects.filter(assessment=assessment).order_by("id")
        rows, calibrations = side_by_side(assessment.rubric, own, reviews)
    return {
        "assessment": assessment,
        "reviews": [{"review": r, "calibration": c} for r, c in zip(reviews, calibrations, strict=True)],
        "rows": rows,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reviews/includes/reviews_waiting.html")
def reviews_waiting(user):
    """Queries: 2 (reviews.home.waiting)."""
    return home.waiting(user)
