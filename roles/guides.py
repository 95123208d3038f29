"""Transition guides: /paths/ lists them, /paths/<from>/<to>/ shows one."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from roles.comparison import Comparison, fetch_roles
from roles.ladder import ladder, route
from roles.models import TransitionGuide


@require_safe
def guide_list(request):
    """Queries: 1. published guides with their roles and tracks."""
    guides = list(
        TransitionGuide.objects.published().select_related(
            "from_role__track", "to_role__track", "alternative_role"
        )
    )
    return render(request, "roles/guide_list.html", {"nav": "paths", "guides": guides})


@require_safe
def guide_detail(request, from_slug, to_slug):
    """Queries: 1. the guide (+ alternative role)  2–4. both roles (see fetch_roles)
    5–6. the comparison (dimensions, rubric levels)  7. further reading  8–9. the ladder.
    """
    guide = (
        TransitionGuide.objects.published()
        .select_related("alternative_role")
        .filter(from_role__slug=from_slug, to_role__slug=to_slug)
        .first()
    )
    if guide is None:
        raise Http404(f"There is no published guide from “{from_slug}” to “{to_slug}”.")
    from_role, to_role = fetch_roles([from_slug, to_slug])
    comparison = Comparison([from_role, to_role])
    growing, easing = [], []
    for diff in comparison.key_differences:
        (growing if to_role in diff.highest else easing).append(diff)
    alternative = guide.alternative_role
    plan = ladder()
    context = {
        "nav": "paths",
        "guide": guide,
        "from_role": from_role,
        "to_role": to_role,
        "comparison": comparison,
        "growing": growing,
        "easing": easing,
        "readings": list(guide.readings.all()),
        "route": route(plan, from_role, to_role),
        "alternative": alternative if alternative is not None and alternative.published else None,
    }
    return render(request, "roles/guide_detail.html", context)
