"""What the plan page and the personal home page show, each in a constant number of queries."""

from datetime import date
from typing import TypedDict

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from assessments.models import Assessment
from plans.forms import ActionForm, RhythmForm
from plans.models import MAX_ACTIVE, Action, FocusItem, Plan

OPEN_ACTIONS_ON_HOME = 5


class CheckIn(TypedDict):
    rhythm: int
    rhythm_label: str
    due: date | None
    overdue: bool


def checkin(plan: Plan | None, last_submitted) -> CheckIn:
    """The check-in rhythm and the next due date (None: no rhythm or nothing submitted)."""
    rhythm = plan.rhythm if plan else 0
    due = plan.next_checkin(timezone.localdate(last_submitted)) if plan and last_submitted else None
    label = plan.get_rhythm_display() if plan else "Never"
    return {
        "rhythm": rhythm,
        "rhythm_label": label,
        "due": due,
        "overdue": bool(due and due <= timezone.localdate()),
    }


def last_submitted_at(user):
    """When the user last submitted an assessment, or None (1 query)."""
    return Assessment.objects.for_user(user).submitted().aggregate(last=Max("submitted_at"))["last"]


def action_form(action: Action) -> ActionForm:
    return ActionForm(
        prefix=f"a{action.pk}",
        initial={
            "text": action.text,
            "due": action.due,
            "status": action.status,
            "evidence_url": action.evidence_url,
        },
    )


def plan_context(user, *, bound: dict | None = None) -> dict:
    """The plan page. ``bound`` maps a form key ("rhythm", "new-<focus id>",
    "action-<id>") to a bound form with errors, shown in place of the fresh one.

    Queries: 1. the plan row  2. focus items  3. their actions  4. the last submission.
    """
    bound = bound or {}
    plan = Plan.objects.filter(user=user).first()
    items = list(
        FocusItem.objects.for_user(user).prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("created_at", "id"))
        )
    )
    for item in items:
        item.forms = [(a, bound.get(f"action-{a.pk}") or action_form(a)) for a in item.actions.all()]
        item.new_form = bound.get(f"new-{item.pk}") or ActionForm(prefix=f"new{item.pk}")
        item.done_count = sum(1 for a in item.actions.all() if a.is_done)
    active = [i for i in items if i.active]
    rhythm_form = bound.get("rhythm") or RhythmForm(initial={"rhythm": plan.rhythm if plan else 0})
    errors = next(iter(bound.values()), None)
    return {
        "nav": "plan",
        "plan": plan,
        "active": active,
        "later": [i for i in items if not i.active],
        "max_active": MAX_ACTIVE,
        "room": len(active) < MAX_ACTIVE,
        "checkin": checkin(plan, last_submitted_at(user)),
        "rhythm_form": rhythm_form,
        "error_form": errors,
    }


def home_context(user) -> dict:
    """The signed-in home page.

    Queries: 1. the plan with its target role  2. the latest submitted assessment of the
    target role (only with a goal: a constant 1 either way for a given plan)  3. the latest
    draft with its rated count  4. open actions  5. the last submission of any role.
    """
    plan = Plan.objects.filter(user=user).select_related("target_role").first()
    latest_for_target = None
    if plan and plan.has_goal:
        latest_for_target = (
            Assessment.objects.for_user(user)
            .submitted()
            .without_rubric()
            .filter(role_slug=plan.target_role_slug)
            .newest_first()
            .first()
        )
    draft = (
        Assessment.objects.for_user(user)
        .drafts()
        .annotate(rated=Count("ratings", filter=Q(ratings__level__isnull=False)))
        .order_by("-updated_at")
        .first()
    )
    open_actions = list(
        Action.objects.open()
        .filter(focus__user=user, focus__active=True)
        .select_related("focus")
        .order_by("due", "created_at", "id")[:OPEN_ACTIONS_ON_HOME]
    )
    return {
        "plan": plan,
        "latest_for_target": latest_for_target,
        "draft": draft,
        "draft_total": len(draft.skill_slugs()) if draft else 0,
        "open_actions": open_actions,
        "checkin": checkin(plan, last_submitted_at(user)),
    }
