"""Workflows of a growth plan: the goal, focus items and their actions, the check-in
rhythm, and done actions offered as evidence at the next assessment."""

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from assessments.rubric import level_text, skills
from plans.models import ACTION_TEXT_MAX_LENGTH, MAX_ACTIVE, Action, FocusItem, Plan
from roles.models import Expectation, Role
from roles.queries import resources_for

EVIDENCE_PREFIX = "From my plan: "
# Suggested actions from learning resources per focus item: a start, not a reading list.
MAX_RESOURCE_ACTIONS = 3


class ActiveFull(Exception):
    """There are MAX_ACTIVE active focus items already."""


class NotInAssessment(Exception):
    """The skill is not part of the assessment's rubric."""


def plan_of(user: User) -> Plan:
    """The user's plan row, created on first use."""
    plan, _ = Plan.objects.get_or_create(user=user)
    return plan


def set_goal(*, user: User, role: Role | None) -> Plan:
    """Make ``role`` the user's target role (None: no goal)."""
    plan = plan_of(user)
    plan.target_role = role
    plan.target_role_name = role.name if role else ""
    plan.target_role_slug = role.slug if role else ""
    plan.save(update_fields=["target_role", "target_role_name", "target_role_slug", "updated_at"])
    return plan


def set_rhythm(*, user: User, rhythm: int) -> Plan:
    plan = plan_of(user)
    plan.rhythm = rhythm
    plan.save(update_fields=["rhythm", "updated_at"])
    return plan


def _suggestions(skill_slug: str, growth: str, level: int | None) -> list[Action]:
    """Suggested actions: the rubric's "how to grow" text, then learning resources."""
    actions = []
    if growth:
        actions.append(Action(text=growth[:ACTION_TEXT_MAX_LENGTH]))
    for resource in resources_for([skill_slug], level=level)[skill_slug][:MAX_RESOURCE_ACTIONS]:
        text = f"{resource['title']} ({resource['author_or_source']}): {resource['why']}"
        actions.append(Action(text=text[:ACTION_TEXT_MAX_LENGTH], resource_url=resource["url"]))
    return actions


def add_focus(*, user: User, assessment: Assessment, skill_slug: str) -> tuple[FocusItem, bool]:
    """A focus item for ``skill_slug`` from the user's submitted ``assessment``; returns
    (item, created). Idempotent: a skill already in the plan is returned unchanged.

    The expected level is the target role's when it expects the skill, else the
    assessed role's, from the assessment's frozen snapshot.
    """
    existing = FocusItem.objects.for_user(user).filter(skill_slug=skill_slug).first()
    if existing:
        return existing, False
    skill = next((s for s in skills(assessment.rubric) if s["slug"] == skill_slug), None)
    if skill is None:
        raise NotInAssessment(skill_slug)
    level = assessment.ratings.filter(skill_slug=skill_slug).values_list("level", flat=True).first()
    expected, expected_by = skill["expected"], assessment.role_name
    plan = Plan.objects.filter(user=user).first()
    if plan and plan.target_role_id:
        target = (
            Expectation.objects.filter(role_id=plan.target_role_id, skill__slug=skill_slug)
            .values_list("level", flat=True)
            .first()
        )
        if target is not None:
            expected, expected_by = target, plan.target_role_name
    current = level_text(skill, level) if level else None
    growth = current["growth"] if current else ""
    if not growth and skill["levels"]:
        growth = skill["levels"][0]["growth"]
    try:
        with transaction.atomic():
            item = FocusItem.objects.create(
                user=user,
                skill_slug=skill_slug,
                skill_name=skill["name"],
                level_now=level,
                level_expected=expected,
                expected_by=expected_by,
                assessment=assessment,
                active=FocusItem.objects.for_user(user).active().count() < MAX_ACTIVE,
            )
            actions = _suggestions(skill_slug, growth, level)
            for action in actions:
                action.focus = item
            Action.objects.bulk_create(actions)
    except IntegrityError:
        # A double click: the first request created it.
        return FocusItem.objects.for_user(user).get(skill_slug=skill_slug), False
    return item, True


def move_focus(*, item: FocusItem, active: bool) -> FocusItem:
    """Move a focus item to the active list (at most MAX_ACTIVE) or to "Later"."""
    with transaction.atomic():
        # Lock the user's items so two moves cannot both take the last active place.
        list(FocusItem.objects.for_user(item.user_id).select_for_update().values_list("id", flat=True))
        full = FocusItem.objects.for_user(item.user_id).active().count() >= MAX_ACTIVE
        if active and not item.active and full:
            raise ActiveFull
        item.active = active
        item.save(update_fields=["active"])
    return item


def remove_focus(*, item: FocusItem) -> None:
    item.delete()


def done_evidence(*, user: User, skill_slugs: set[str] | list[str]) -> dict[str, str]:
    """{skill slug: evidence note} from the user's done actions on those skills."""
    notes: dict[str, list[str]] = {}
    done = (
        Action.objects.done()
        .filter(focus__user=user, focus__skill_slug__in=list(skill_slugs))
        .values_list("focus__skill_slug", "text", "evidence_url")
        .order_by("focus__skill_slug", "created_at", "id")
    )
    for slug, text, url in done:
        notes.setdefault(slug, []).append(f"{text} ({url})" if url else text)
    return {slug: (EVIDENCE_PREFIX + "; ".join(items))[:EVIDENCE_MAX_LENGTH] for slug, items in notes.items()}


def offer_evidence(*, assessment: Assessment) -> int:
    """Prefill a draft's evidence notes with the owner's done plan actions, per skill.

    Never overwrites what is there: an empty note gets the plan's note; a note that does
    not contain it yet gets it appended when both fit. Running it again changes nothing.
    Returns how many notes changed.
    """
    user = assessment.user
    if not assessment.is_draft or user is None:  # a visitor's draft has no plan
        return 0
    notes = done_evidence(user=user, skill_slugs=assessment.skill_slugs())
    if not notes:
        return 0
    existing = {r.skill_slug: r for r in assessment.ratings.filter(skill_slug__in=list(notes))}
    changed = []
    for slug, note in notes.items():
        rating = existing.get(slug)
        if rating is None:
            changed.append(Rating(assessment=assessment, skill_slug=slug, level=None, evidence=note))
        elif not rating.evidence.strip():
            rating.evidence = note
            changed.append(rating)
        elif note not in rating.evidence and len(rating.evidence) + 2 + len(note) <= EVIDENCE_MAX_LENGTH:
            rating.evidence = f"{rating.evidence}\n\n{note}"
            changed.append(rating)
    Rating.objects.bulk_create([r for r in changed if r.pk is None])
    Rating.objects.bulk_update([r for r in changed if r.pk is not None], ["evidence"])
    return len(changed)
