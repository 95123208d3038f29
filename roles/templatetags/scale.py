"""The level scale and importance in templates: ``{% load scale %}``."""

from django import template

from roles.scale import HIGHEST_LEVEL, LEVELS, LOWEST_LEVEL, Importance

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
