"""The send_checkin_reminders command: due reminders by email, once per due date."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.models import Assessment
from plans import services
from plans.models import Plan, add_months
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db

BASE = "https://careers.example.com"


def run(*args):
    out = StringIO()
    call_command("send_checkin_reminders", "--base-url", BASE, *args, stdout=out)
    return out.getvalue()


def submitted_days_ago(user, days):
    assessment = make_assessment(user)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=timezone.now() - timedelta(days=days))
    return assessment


@pytest.fixture
def due(owner, starter):
    """The owner re-assesses monthly and last submitted 40 days ago: due."""
    submitted_days_ago(owner, 40)
    services.set_rhythm(user=owner, rhythm=1)
    return owner


def test_it_sends_one_reminder_per_due_date(due):
    assert "1 reminder(s) sent" in run()
    assert "0 reminder(s) sent" in run()  # the hourly cron run after
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.com"]
    assert "time for your check-in" in message.subject
    assert f"{BASE}/assessments/new/" in message.body and f"{BASE}/plan/" in message.body
    expected_due = add_months(timezone.localdate(timezone.now() - timedelta(days=40)), 1)
    assert Plan.objects.get(user=due).reminded_for == expected_due


def test_the_next_due_date_gets_its_own_reminder(due):
    run()
    # A re-assessment 35 days ago moves the due date; now due again (one month later).
    submitted_days_ago(due, 35)
    run()
    assert len(mail.outbox) == 2


def test_nobody_else_is_reminded(owner, outsider, bob, starter):
    submitted_days_ago(owner, 10)  # not due yet
    services.set_rhythm(user=owner, rhythm=1)
    submitted_days_ago(outsider, 400)  # due long ago, but "never"
    services.set_rhythm(user=outsider, rhythm=0)
    services.set_rhythm(user=bob, rhythm=1)  # no assessment yet
    assert "0 reminder(s) sent" in run()
    assert mail.outbox == []


def test_a_dry_run_sends_and_records_nothing(due):
    out = run("--dry-run")
    assert "would remind owner" in out and "1 reminder(s) due" in out
    assert mail.outbox == [] and Plan.objects.get(user=due).reminded_for is None
    run()
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_next_run(due, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nothing listens there
        }
    }
    with pytest.raises(CommandError, match="1 reminder"):
        run()
    assert Plan.objects.get(user=due).reminded_for is None
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    run()
    assert len(mail.outbox) == 1


def test_it_needs_a_real_base_url(db):
    with pytest.raises(CommandError, match="--base-url"):
        call_command("send_checkin_reminders", "--base-url", "careers.example.com")
