"""Check-in reminders by email: one per user and due date, however often this runs."""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import Assessment, Status
from plans.models import Plan

log = logging.getLogger(__name__)


@dataclass
class Due:
    plan: Plan
    due: date


def due_reminders(today: date | None = None) -> list[Due]:
    """Plans whose check-in is due on or before ``today`` and not reminded for that date.

    Queries: 1 (plans with their users and last submission).
    """
    today = today or timezone.localdate()
    last = (
        Assessment.objects.filter(user=OuterRef("user"), status=Status.SUBMITTED)
        .values("user")
        .annotate(last=Max("submitted_at"))
        .values("last")
    )
    plans = (
        Plan.objects.filter(rhythm__gt=0, user__is_active=True)
        .exclude(user__email="")
        .annotate(last_submitted=Subquery(last))
        .filter(last_submitted__isnull=False)
        .select_related("user")
        .order_by("pk")
    )
    found = []
    for plan in plans:
        due = plan.next_checkin(timezone.localdate(plan.last_submitted))
        if due is not None and due <= today and plan.reminded_for != due:
            found.append(Due(plan, due))
    return found


def claim(item: Due) -> bool:
    """Record that ``item``'s due date is being reminded; False when another run did it first."""
    return bool(
        Plan.objects.filter(pk=item.plan.pk).exclude(reminded_for=item.due).update(reminded_for=item.due)
    )


def send(item: Due, base_url: str) -> None:
    user = item.plan.user
    context = {
        "user": user,
        "due": item.due,
        "rhythm": item.plan.get_rhythm_display().lower(),
        "site_name": settings.SITE_NAME,
        "start_url": base_url.rstrip("/") + "/assessments/new/",
        "plan_url": base_url.rstrip("/") + "/plan/",
    }
    send_mail(
        f"{settings.SITE_NAME}: time for your check-in",
        render_to_string("plans/email/checkin_reminder.txt", context),
        None,
        [user.email],
    )


def send_due(*, base_url: str, today: date | None = None) -> tuple[int, int]:
    """Send every due reminder once. Returns (sent, failed).

    The due date is recorded before sending, so two overlapping runs never both send; a
    failed send restores the previous value so that the next run tries again.
    """
    sent = failed = 0
    for item in due_reminders(today):
        if not claim(item):
            continue
        try:
            send(item, base_url)
        except Exception:
            log.exception("A check-in reminder could not be sent (plan %s)", item.plan.pk)
            Plan.objects.filter(pk=item.plan.pk, reminded_for=item.due).update(
                reminded_for=item.plan.reminded_for
            )
            failed += 1
        else:
            sent += 1
    return sent, failed
