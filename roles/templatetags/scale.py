"""The level scale and importance in templates: ``{% load scale %}``."""

from django import template

from roles.scale import HIGHEST_LEVEL, LEVEL_SCALE, LEVELS, LOWEST_LEVEL, SCALE, Importance

register = template.Library()


@register.filter
def level_pips(level):
    """One boolean per level of the scale: True up to and including ``level``."""
    return [n <= (level or 0) for n in LEVELS]


@register.filter
def is_core(importance):
    return importance == Importance.CORE


@register.filter
def importance_label(importance):
    """ "Core" / "Supporting" for a stored importance value."""
    return Importance(importance).label


@register.simple_tag
def lowest_level():
    return LOWEST_LEVEL


@register.simple_tag
def highest_level():
    return HIGHEST_LEVEL


@register.filter
def scale_name(level):
    """The scale's name for a level ("Whole product" for 3); blank when unknown."""
    step = SCALE.get(level) if isinstance(level, int) else None
    return step.name if step else ""


@register.filter
def scale_scope(level):
    """The scope of the work at a level ("A whole product" for 3); blank when unknown."""
    step = SCALE.get(level) if isinstance(level, int) else None
    return step.scope if step else ""


@register.inclusion_tag("roles/includes/level_scale.html")
def level_scale(open=False):
    """What each level means in scope and autonomy: the one explanation of the scale."""
    return {"scale": LEVEL_SCALE, "open": open}
