"""Template pieces shared by role, comparison, guide and assessment pages.

Each tag takes what it shows as explicit arguments, never from its caller's context.
"""

from django import template
from django.db.models import Q

from roles.ladder import ladder
from roles.models import LEVEL_SCALE, SCALE, TransitionGuide

register = template.Library()


@register.filter
def scale_name(level):
    """The level scale's name for a level number ("Whole product" for 3); blank when unknown."""
    step = SCALE.get(level) if isinstance(level, int) else None
    return step.name if step else ""


@register.filter
def scale_scope(level):
    """The scope of the work at a level ("A whole product" for 3); blank when unknown."""
    step = SCALE.get(level) if isinstance(level, int) else None
    return step.scope if step else ""


@register.inclusion_tag("roles/includes/level_scale.html")
def level_scale(open=False):
    """What each level means, in scope and autonomy (the single explanation of the scale)."""
    return {"scale": LEVEL_SCALE, "open": open}


@register.inclusion_tag("roles/includes/ladder_map.html")
def ladder_map(current=None, heading_level=2):
    """Both tracks side by side; with ``current``, where that role sits and its neighbours.

    Queries: 2 (see roles.ladder.ladder).
    """
    return {"ladder": ladder(current), "heading_level": heading_level}


@register.inclusion_tag("roles/includes/caveat.html")
def role_caveat(with_table=False):
    """Roles vary between organisations: the caveat, and optionally equivalent titles by company size."""
    return {"with_table": with_table}


@register.inclusion_tag("roles/includes/role_guides.html")
def role_guides(role):
    """Published transition guides that start or end at ``role``. Queries: 1."""
    guides = (
        TransitionGuide.objects.published()
        .filter(Q(from_role=role) | Q(to_role=role))
        .select_related("from_role", "to_role")
    )
    return {"role": role, "guides": list(guides)}
