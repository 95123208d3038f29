"""Learning resources in templates: ``{% load resources %}``.

``skill_resources`` fetches the resources of many skills in one query; ``gap_resources``
then shows, for one gap, those that help on the way from the level now to the level
expected. Each tag takes what it shows as explicit arguments.
"""

from django import template

from roles import caching, queries
from roles.resources import for_gap

register = template.Library()


@register.simple_tag
def framework_token():
    """The framework's cache token ("" before any content), for a fragment cache key that
    must change when the framework does. Queries: 1."""
    return caching.current_token() or ""


@register.simple_tag
def skill_resources(skills):
    """{skill slug: [resource rows]} for ``skills`` (anything with a ``slug``). Queries: 1
    (none without skills)."""
    return queries.resources_for([skill.slug for skill in skills])


@register.inclusion_tag("roles/includes/resources.html")
def gap_resources(resources, skill_slug, skill_name, level, expected):
    """The resources among ``resources`` (from skill_resources) for one gap."""
    rows = resources.get(skill_slug, []) if resources else []
    return {"resources": for_gap(rows, level=level, expected=expected), "skill": skill_name}
