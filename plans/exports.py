"""The plan in a user's JSON export (assessments/exports.py ``user_document``)."""

from plans.models import Action, FocusItem, Plan


def plan_document(user) -> dict:
    """The user's goal, check-in rhythm and focus items with their actions (3 queries)."""
    plan = Plan.objects.filter(user=user).first()
    items = list(FocusItem.objects.for_user(user))
    # Fetched apart (not prefetched) so the export costs 3 queries with or without items.
    actions: dict[int, list[Action]] = {}
    for action in Action.objects.filter(focus__user=user).order_by("created_at", "id"):
        actions.setdefault(action.focus_id, []).append(action)
    return {
        "goal": {"slug": plan.target_role_slug, "name": plan.target_role_name}
        if plan and plan.has_goal
        else None,
        "checkin_every_months": plan.rhythm if plan else 0,
        "focus": [
            {
                "skill": item.skill_slug,
                "skill_name": item.skill_name,
                "level_now": item.level_now,
                "level_expected": item.level_expected,
                "expected_by": item.expected_by,
                "active": item.active,
                "created_at": item.created_at,
                "actions": [
                    {
                        "text": a.text,
                        "status": a.status,
                        "due": a.due,
                        "evidence_url": a.evidence_url,
                        "resource_url": a.resource_url,
                        "created_at": a.created_at,
                    }
                    for a in actions.get(item.pk, [])
                ],
            }
            for item in items
        ],
    }
