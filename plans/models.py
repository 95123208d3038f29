"""Growth plans: a target role, focus items with actions, and a check-in rhythm.

Everything here belongs to one user and goes with them (CASCADE). Skills are named by
slug and copied name, never by foreign key, like ratings: editing or deleting the live
framework must not change or break anyone's plan.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.urls import reverse

from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL

# At most this many focus items are worked on at once; the others wait under "Later".
MAX_ACTIVE = 3
ACTION_TEXT_MAX_LENGTH = 500
URL_MAX_LENGTH = 500


class Rhythm(models.IntegerChoices):
    """How often to re-assess, in months (0: never remind)."""

    NEVER = 0, "Never"
    MONTHLY = 1, "Every month"
    QUARTERLY = 3, "Every 3 months"
    HALF_YEARLY = 6, "Every 6 months"


class ActionStatus(models.TextChoices):
    TODO = "todo", "To do"
    DOING = "doing", "Doing"
    DONE = "done", "Done"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Plan(models.Model):
    """A user's plan settings: the target role and the check-in rhythm (one row per user)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan")
    # SET_NULL with the name copied: deleting a role must not break the plan.
    target_role = models.ForeignKey(
        "roles.Role", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_role_name = models.CharField(max_length=120, blank=True)
    target_role_slug = models.SlugField(max_length=120, blank=True)
    rhythm = models.PositiveSmallIntegerField(choices=Rhythm.choices, default=Rhythm.NEVER)
    # The due date the last reminder was about: one reminder per due date.
    reminded_for = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rhythm__in=[0, 1, 3, 6]), name="plan_rhythm_valid"),
        ]

    def __str__(self):
        return f"Plan of {self.user_id}"

    @property
    def has_goal(self) -> bool:
        return bool(self.target_role_name)

    def next_checkin(self, last_submitted: date | None) -> date | None:
        """When the next re-assessment is due: the rhythm after the last submitted one."""
        if not self.rhythm or last_submitted is None:
            return None
        return add_months(last_submitted, self.rhythm)


class FocusItemQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def active(self):
        return self.filter(active=True)

    def later(self):
        return self.filter(active=False)


class FocusItem(models.Model):
    """One skill to grow, added from a result's growth areas."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focus_items")
    skill_slug = models.SlugField(max_length=120)
    skill_name = models.CharField(max_length=120)
    level_now = models.PositiveSmallIntegerField(null=True, blank=True)
    level_expected = models.PositiveSmallIntegerField()
    # Whose expectation: the target role's, or the assessed role's when it has no such skill.
    expected_by = models.CharField(max_length=120)
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FocusItemQuerySet.as_manager()

    class Meta:
        ordering = ["-active", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "skill_slug"], name="focus_item_one_per_skill"),
            models.CheckConstraint(
                condition=Q(level_expected__gte=LOWEST_LEVEL, level_expected__lte=HIGHEST_LEVEL),
                name="focus_item_expected_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(level_now__isnull=True)
                | Q(level_now__gte=LOWEST_LEVEL, level_now__lte=HIGHEST_LEVEL),
                name="focus_item_now_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.skill_name} ({self.level_now} → {self.level_expected})"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ActionStatus.DONE)

    def done(self):
        return self.filter(status=ActionStatus.DONE)


class Action(models.Model):
    """Something to do for a focus item; "done" ones become evidence at the next assessment."""

    focus = models.ForeignKey(FocusItem, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=ACTION_TEXT_MAX_LENGTH)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=5, choices=ActionStatus.choices, default=ActionStatus.TODO)
    evidence_url = models.URLField(max_length=URL_MAX_LENGTH, blank=True)
    # Where a suggested action came from (a learning resource), if anywhere.
    resource_url = models.URLField(max_length=URL_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["focus", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["todo", "doing", "done"]), name="action_status_valid"
            ),
            models.CheckConstraint(condition=GreaterThan(Length("text"), 0), name="action_text_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), ACTION_TEXT_MAX_LENGTH),
                name="action_text_max_length",
            ),
            models.CheckConstraint(
                condition=Q(evidence_url="") | Q(evidence_url__regex=r"^https?://"),
                name="action_evidence_url_http",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def get_edit_url(self):
        return reverse("plans:action_edit", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.DONE
