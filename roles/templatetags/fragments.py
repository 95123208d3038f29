"""Fragments that repeat hundreds of times per page, rendered with Jinja2.

{% skill_table table %} renders one skill table (roles/tables.py); {% role_options roles
selected %} the <option>s of a role picker; {% key_differences differences %} the list of
a comparison's key differences; {% progress_table rows columns %} a person's levels per
skill across their assessments. Jinja2 renders such loops several times
faster than Django templates (docs/performance.md); pages and layouts stay Django
templates, and each fragment takes its data as explicit arguments.
"""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from roles.scale import LEVELS

register = template.Library()


def _render(name, context):
    # Jinja2 autoescapes every value, so its output is safe HTML.
    return mark_safe(engines["jinja2"].get_template(name).render(context))


@register.simple_tag
def skill_table(table):
    return _render("includes/skill_table.html", {"table": table, "levels": LEVELS})


@register.simple_tag
def role_options(roles, selected=""):
    """``<option>`` per role (dicts with slug and name), ``selected`` being a slug."""
    return _render("includes/role_options.html", {"roles": roles, "selected": selected})


@register.simple_tag
def key_differences(differences):
    return _render("includes/key_differences.html", {"differences": differences})


@register.simple_tag
def progress_table(rows, columns):
    return _render("includes/progress_table.html", {"rows": rows, "columns": columns})
