"""Template pieces of role, comparison and guide pages: ``{% load career %}``.

Each tag takes what it shows as explicit arguments, never from its caller's context.
"""

from django import template
from django.db.models import Q

from roles.ladder import ladder
from roles.models import TransitionGuide

register = template.Library()


@register.inclusion_tag("roles/includes/ladder_map.html")
def ladder_map(current=None):
    """Both tracks side by side; with ``current``, where that role sits and its neighbours.

    Queries: 2 (see roles.ladder.ladder).
    """
    # Role pages pass their role as a row (a dict), the role list passes nothing.
    current_id = current["id"] if isinstance(current, dict) else getattr(current, "pk", None)
    return {"ladder": ladder(current_id)}


@register.inclusion_tag("roles/includes/caveat.html")
def role_caveat(with_table=False):
    """Roles vary between organisations: the caveat, and optionally equivalent titles by company size."""
    return {"with_table": with_table}


@register.inclusion_tag("roles/includes/role_guides.html")
def role_guides(role):
    """Published transition guides that start or end at ``role`` (a row or a Role). Queries: 1."""
    role_id = role["id"] if isinstance(role, dict) else role.pk
    guides = (
        TransitionGuide.objects.published()
        .filter(Q(from_role_id=role_id) | Q(to_role_id=role_id))
        .select_related("from_role", "to_role")
    )
    return {"role": role, "guides": list(guides)}
