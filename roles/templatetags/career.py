"""Template pieces of role, comparison and guide pages: ``{% load career %}``.

Each tag takes what it shows as explicit arguments, never from its caller's context.
"""

from django import template
from django.db.models import Q

from roles.ladder import ladder
from roles.models import TransitionGuide

register = template.Library()


@register.inclusion_tag("roles/includes/ladder_map.html")
def ladder_map(current_id=None):
    """Both tracks side by side; with ``current_id``, where that role sits and its neighbours.

    Queries: 2 (see roles.ladder.ladder).
    """
    return {"ladder": ladder(current_id)}


@register.inclusion_tag("roles/includes/caveat.html")
def role_caveat(with_table=False):
    """Roles vary between organisations: the caveat, and optionally equivalent titles by company size."""
    return {"with_table": with_table}


@register.inclusion_tag("roles/includes/role_guides.html")
def role_guides(role_id):
    """Published transition guides that start or end at the role ``role_id``. Queries: 1."""
    guides = (
        TransitionGuide.objects.published()
        .filter(Q(from_role_id=role_id) | Q(to_role_id=role_id))
        .select_related("from_role", "to_role")
    )
    return {"guides": list(guides)}
