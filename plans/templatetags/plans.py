"""Plan pieces on other apps' pages: ``{% load plans %}``. Each takes what it shows as
arguments, never from its caller's context."""

from django import template

from plans.models import Plan
from plans.pages import checkin
from plans.trends import skill_trends as build_trends
from roles import queries

register = template.Library()


@register.inclusion_tag("plans/includes/goal_picker.html")
def goal_picker(user):
    """The profile's target-role picker. Queries: 1. the plan  2. published roles."""
    plan = Plan.objects.filter(user=user).first()
    return {
        "plan": plan,
        "roles": queries.published_roles(),
    }  # the CSRF token passes to inclusion tags by itself


@register.inclusion_tag("plans/includes/next_checkin.html")
def next_checkin(user, newest_submitted):
    """When the next check-in is due, for the assessment list. Queries: 1. the plan.

    ``newest_submitted``: the user's submitted assessments, newest first (already loaded).
    """
    plan = Plan.objects.filter(user=user).first()
    last = newest_submitted[0].submitted_at if newest_submitted else None
    return {"checkin": checkin(plan, last)}


@register.inclusion_tag("plans/includes/skill_trends.html")
def skill_trends(history):
    """Per-skill trends for roles with 3+ submitted assessments. No queries: ``history``
    is the progress page's submitted assessments with their ratings prefetched."""
    return {"roles": build_trends(history)}
