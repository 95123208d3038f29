"""Transition guides: /paths/ lists them, /paths/<from>/<to>/ shows one."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from roles import queries
from roles.comparison import Comparison
from roles.ladder import ladder, route
from roles.models import Role, TransitionGuide
from roles.queries import RoleRow
from roles.resources import for_gap


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
    """Queries: 1. the guide (+ alternative role)  2. both roles (+ tracks)  3–6. the
    comparison (dimensions, texts, expectations, growth texts)  7. the learning resources
    of the skills to grow  8. further reading  9–10. the ladder.
    """
    guide = (
        TransitionGuide.objects.published()
        .select_related("alternative_role")
        .filter(from_role__slug=from_slug, to_role__slug=to_slug)
        .first()
    )
    if guide is None:
        raise Http404(f"There is no published guide from “{from_slug}” to “{to_slug}”.")
    published = Role.objects.published().select_related("track")
    by_slug = {role.slug: role for role in published.filter(slug__in=[from_slug, to_slug])}
    if len(by_slug) < 2:
        raise Http404("One of this guide's roles is not published.")
    from_role, to_role = by_slug[from_slug], by_slug[to_slug]
    ids = [from_role.pk, to_role.pk]
    expectations = queries.expectations(ids)
    comparison = Comparison(
        [_row(from_role), _row(to_role)],
        queries.dimensions(),
        queries.dimension_texts(ids),
        expectations,
        growth=queries.growth_texts({exp["skill_id"] for exp in expectations}),
    )
    growing, easing = [], []
    for diff in comparison.key_differences:
        rises = any(role["id"] == to_role.pk for role in diff["highest"])
        (growing if rises else easing).append(diff)
    # With each gap, the learning resources that help on the way up from the lower level.
    resources = queries.resources_for([diff["skill"]["slug"] for diff in growing])
    growing = [
        {
            **diff,
            "resources": for_gap(
                resources[diff["skill"]["slug"]], level=diff["low_level"] or None, expected=diff["high_level"]
            ),
        }
        for diff in growing
    ]
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


def _row(role: Role) -> RoleRow:
    """A fetched role as the comparison's column row (roles.queries.RoleRow)."""
    return {
        "id": role.pk,
        "slug": role.slug,
        "name": role.name,
        "seniority": role.seniority,
        "track_name": role.track.name,
        "url": role.get_absolute_url(),
    }
