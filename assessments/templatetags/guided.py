from django import template

from assessments import steps

register = template.Library()


@register.filter
def time_to_rate(skill_count):
    """ "about 15 minutes": how long rating ``skill_count`` skills takes (start page)."""
    return steps.time_to_rate(int(skill_count))
