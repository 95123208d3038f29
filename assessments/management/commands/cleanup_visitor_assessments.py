from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments import services


class Command(BaseCommand):
    help = (
        "Delete visitors' assessments (drafts and results not moved into an account) that "
        "nobody changed for VISITOR_DRAFT_DAYS days. Safe to run from cron: running it again "
        "removes nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count them, delete nothing")

    def handle(self, *args, dry_run, **options):
        days = settings.VISITOR_DRAFT_DAYS
        before = timezone.now() - timedelta(days=days)
        removed = services.remove_untouched_visitor_assessments(before=before, dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        total = removed["drafts"] + removed["submitted"]
        self.stdout.write(
            f"{verb} {total} visitor assessment{'s' if total != 1 else ''} untouched for {days} days "
            f"(since {before:%Y-%m-%d %H:%M} UTC): {removed['drafts']} draft{'s' if removed['drafts'] != 1 else ''}, "
            f"{removed['submitted']} result{'s' if removed['submitted'] != 1 else ''}."
        )
